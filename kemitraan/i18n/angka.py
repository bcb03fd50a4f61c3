"""Texts of ``python -m kemitraan angka``: the headline figures on the command line."""

STRINGS: dict[str, tuple[str, str]] = {
    "angka.title": ("Angka utama", "Headline figures"),
    "angka.filters": ("Filter: {filter}", "Filters: {filter}"),
    "angka.no_filters": ("Filter: tidak ada (semua kemitraan)", "Filters: none (every partnership)"),
    "angka.flagged_in": (
        "nilai ditandai ikut dihitung (--sertakan-ditandai)",
        "flagged values included (--sertakan-ditandai)",
    ),
    "angka.section.indicators": ("Indikator", "Indicators"),
    "angka.col.figure": ("Angka", "Figure"),
    "angka.col.rule": ("Satuan dan aturan", "Unit and rule"),
    "angka.col.outcome": ("Indikator hasil", "Outcome"),
    "angka.col.worsened": ("Memburuk", "Worsened"),
    "angka.col.steady": ("Tetap", "Steady"),
    "angka.col.share": ("Porsi membaik (IK 95 %)", "Share improving (95 % CI)"),
    "angka.col.cohort": ("Kohort: awal → akhir", "Cohort: baseline → latest"),
    "angka.timeliness": ("Laporan tepat waktu", "Reports on time"),
    "angka.realised": ("Dana terealisasi dari komitmen", "Funds disbursed of committed"),
    "angka.windows": (
        "Dampak: kemitraan yang melapor di jendela awal {awal} dan jendela akhir {akhir}; perubahan kohort = nilai "
        "gabungan (tertimbang penyebut) dengan IK 95 %; membaik = berubah ke arah yang lebih baik paling sedikit "
        "sebesar perubahan minimum katalog dan melebihi galat sampel kemitraan itu.",
        "Impact: the partnerships reporting in the baseline window {awal} and the latest window {akhir}; cohort "
        "change = the pooled value (weighted by denominators) with its 95 % CI; improved = moved in the better "
        "direction by at least the catalog's minimum change and beyond the partnership's sampling error.",
    ),
    "angka.no_data": ("Tidak ada laporan untuk filter ini.", "No reports for these filters."),
    "cli.base.building": (
        "Menyiapkan basis analisis untuk {rows} baris indikator. Ini dilakukan sekali untuk versi data ini "
        "(pada sepuluh juta baris kira-kira setengah menit); perintah berikutnya dan aplikasi memakainya.",
        "Preparing the analysis base for {rows} indicator rows. This happens once for this version of the data "
        "(about half a minute at ten million rows); later commands and the app reuse it.",
    ),
    "angka.cli.empty_store": (
        "Penyimpanan data kosong: unggah data atau jalankan `python -m kemitraan demo` dulu.",
        "The data store is empty: upload data or run `python -m kemitraan demo` first.",
    ),
    "angka.cli.bad_kabupaten": (
        "--kabupaten: «{value}» bukan satu kabupaten/kota dari 514 (tulis nama, mis. Kabupaten Bogor, "
        "atau kode Kemendagri, mis. 32.01).",
        "--kabupaten: «{value}» is not one of the 514 kabupaten/kota (write a name, e.g. Kabupaten Bogor, "
        "or a Kemendagri code, e.g. 32.01).",
    ),
}
