"""Strings shared by the app shell, the command line and several pages."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Dasbor Kemitraan", "Partnership Dashboard"),
    "app.base.building": (
        "Menyiapkan data untuk analisis ({rows} baris indikator). Ini dilakukan sekali untuk versi data ini, "
        "setelah pembaruan aplikasi atau pemulihan data (pada sepuluh juta baris kira-kira setengah menit); "
        "halaman berikutnya terbuka seketika.",
        "Preparing the data for analysis ({rows} indicator rows). This happens once for this version of the data, "
        "after an update of the app or a restore (about half a minute at ten million rows); "
        "the next pages open at once.",
    ),
    "app.tagline": (
        "Jangkauan, keberlanjutan, dan dampak kemitraan kesehatan di Indonesia",
        "Reach, sustainability and impact of health partnerships in Indonesia",
    ),
    "app.language": ("Bahasa", "Language"),
    "app.unexpected": (
        "Terjadi galat yang tidak terduga (referensi {ref}). Data Anda aman; sampaikan kode referensi ini kepada "
        "pengelola dasbor.",
        "An unexpected error occurred (reference {ref}). Your data is safe; give this reference to the dashboard's "
        "administrator.",
    ),
    "filters.header": ("Filter", "Filters"),
    "filters.period": ("Rentang periode", "Period range"),
    "filters.all": ("Semua", "All"),
    "filters.reset": ("Hapus filter", "Clear filters"),
    "empty.no_data": (
        "Tidak ada data untuk filter ini. Ubah atau hapus filter di panel samping.",
        "No data for these filters. Change or clear the filters in the sidebar.",
    ),
    # Nothing of this kind in the store at all: the cause is missing data, not the filters.
    "empty.none.kemitraan": (
        "Belum ada data kemitraan — unggah di Unggah Data.",
        "No partnership data yet — upload it on Upload data.",
    ),
    "empty.none.indikator": (
        "Belum ada laporan indikator — unggah di Unggah Data.",
        "No indicator reports yet — upload them on Upload data.",
    ),
    "empty.none.survei": (
        "Belum ada data survei — unggah di Unggah Data.",
        "No survey data yet — upload it on Upload data.",
    ),
    "empty.none.rujukan": (
        "Belum ada nilai rujukan (nasional, provinsi, kabupaten/kota) — unggah di Unggah Data.",
        "No reference values yet (national, province, district) — upload them on Upload data.",
    ),
    "empty.none.jangkauan": (
        "Belum ada data jangkauan (orang terjangkau, sasaran) — unggah laporan indikator di Unggah Data.",
        "No reach data yet (people reached, targets) — upload indicator reports on Upload data.",
    ),
    "empty.none.keberlanjutan": (
        "Belum ada data pendanaan — unggah laporan indikator dana di Unggah Data.",
        "No funding data yet — upload funding indicator reports on Upload data.",
    ),
    "empty.none.dampak": (
        "Belum ada data dampak (hasil kesehatan) — unggah laporan indikator di Unggah Data.",
        "No impact data yet (health outcomes) — upload indicator reports on Upload data.",
    ),
    "common.months": (
        "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "common.quarter": ("Tw {nomor} {year}", "Q{nomor} {year}"),  # Indonesian numbers quarters in Roman numerals
    "common.others": ("Lainnya", "Others"),
    "common.total": ("Total", "Total"),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "filters.kategori": "an.dim.kategori",
    "filters.bidang": "an.dim.bidang",
    "filters.provinsi": "an.dim.provinsi",
}
