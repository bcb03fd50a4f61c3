"""Strings of the presentation deck, its exports (PPTX, HTML, XLSX), the ``export`` command and meeting notes."""

STRINGS: dict[str, tuple[str, str]] = {
    # meeting notes
    "notes.err.text_empty": ("Catatan kosong: tulis isi catatannya.", "Empty note: write the note's text."),
    "notes.err.text_long": (
        "Catatan terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Note too long: {n} {n|character|characters}, at most {limit}.",
    ),
    "notes.err.text_char": (
        "Catatan memuat karakter kontrol {code} pada posisi {pos}; hapus karakter itu.",
        "The note holds the control character {code} at position {pos}; remove it.",
    ),
    "notes.err.author_empty": ("Isi nama penulis catatan.", "Fill in the note's author."),
    "notes.err.author_long": (
        "Nama penulis terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Author name too long: {n} {n|character|characters}, at most {limit}.",
    ),
    "notes.err.author_char": (
        "Nama penulis memuat karakter kontrol {code} pada posisi {pos}.",
        "The author name holds the control character {code} at position {pos}.",
    ),
    "notes.err.target_kind": (
        "Sasaran catatan «{kind}» tidak dikenal; diharapkan: {kinds}.",
        "Unknown note target «{kind}»; expected: {kinds}.",
    ),
    "notes.err.slide_key": (
        "Kunci slide «{key}» tidak sah; diharapkan huruf kecil, angka atau _ (mis. jangkauan).",
        "Invalid slide key «{key}»; expected lower-case letters, digits or _ (e.g. jangkauan).",
    ),
    "notes.err.kemitraan_key": ("Kode kemitraan «{key}» tidak sah.", "Invalid partnership code «{key}»."),
    "notes.err.unknown": (
        "Catatan «{id}» tidak ditemukan (atau sudah dihapus).",
        "Note «{id}» not found (or already deleted).",
    ),
    # what every export prints
    "export.demo_marker": ("DATA DEMO — sintetis", "DEMO DATA — synthetic"),
    "export.demo_marker.mixed": ("Campuran: data demo + data Anda", "Mixed: demo data + your data"),
    "export.period": ("Periode", "Period"),
    "export.data": ("Data", "Data"),
    "export.data_date": ("Data per", "Data as of"),
    "export.batches": ("Unggahan (batch) aktif", "Live uploads (batches)"),
    "export.generated": ("Dibuat", "Generated"),
    "export.snapshot": ("Snapshot data", "Data snapshot"),
    "export.footer_data": ("Data per {date} · batch aktif: {n}", "Data as of {date} · live batches: {n}"),
    "export.metric.provinces": ("Provinsi dengan data", "Provinces with data"),
    "export.metric.kabupaten": ("Kabupaten/kota dengan data", "Kabupaten/kota with data"),
    "export.metric.respondents": (
        "Responden (dari {k} kemitraan)",
        "Respondents (from {k} {k|partnership|partnerships})",
    ),
    # slides (short names: picker, sheet names, section headings)
    "export.slide.cakupan": ("Cakupan", "Coverage"),
    "export.slide.rentan": ("Kelompok rentan", "Hard-to-reach"),
    "export.slide.dana": ("Dana", "Funding"),
    "export.slide.status": ("Status kemitraan", "Partnership status"),
    "export.slide.kesehatan": ("Kesehatan kemitraan", "Partnership health"),
    "export.slide.kepuasan": ("Kepuasan mitra", "Partner satisfaction"),
    "export.err.slides": (
        "Slide tidak dikenal: {keys}. Pilihan: {known}.",
        "Unknown slide(s): {keys}. Choose from: {known}.",
    ),
    # takeaway titles
    "export.take.no_data": ("{topik}: belum ada data untuk filter ini", "{topik}: no data for these filters"),
    # contacts, not people: a person served every month is counted every month (see the metric's note)
    "export.take.overview": (
        "{n} kemitraan mencatat {orang} kontak layanan",
        "{n} {n|partnership|partnerships} recorded {orang} service {orang|contact|contacts}",
    ),
    "export.take.overview.of": (
        "{n} dari {semua} kemitraan mencatat {orang} kontak layanan",
        "{n} of {semua} {semua|partnership|partnerships} recorded {orang} service {orang|contact|contacts}",
    ),
    "export.take.most": ("; terbanyak: {grup} ({nilai})", "; most: {grup} ({nilai})"),
    "export.take.highest": ("; tertinggi: {grup}", "; highest: {grup}"),
    "export.take.lowest": ("; terendah: {grup} ({nilai})", "; lowest: {grup} ({nilai})"),
    "export.take.reach.up": ("Jangkauan {tahun} naik {pct} dibanding {prev}", "Reach in {tahun} up {pct} on {prev}"),
    "export.take.reach.down": (
        "Jangkauan {tahun} turun {pct} dibanding {prev}",
        "Reach in {tahun} down {pct} on {prev}",
    ),
    "export.take.reach.flat": (
        "Jangkauan {tahun} stabil dibanding {prev} (selisih {pct})",
        "Reach in {tahun} level with {prev} (difference {pct})",
    ),
    "export.take.reach.total": (
        "Jangkauan {periode}: {orang} kontak layanan",
        "Reach {periode}: {orang} service {orang|contact|contacts}",
    ),
    "export.take.coverage.up": (
        "Cakupan {tahun}: {pct} dari sasaran, naik {poin} poin dibanding {prev}",
        "Coverage in {tahun}: {pct} of the target population, up {poin} {poin|point|points} on {prev}",
    ),
    "export.take.coverage.down": (
        "Cakupan {tahun}: {pct} dari sasaran, turun {poin} poin dibanding {prev}",
        "Coverage in {tahun}: {pct} of the target population, down {poin} {poin|point|points} on {prev}",
    ),
    "export.take.coverage.flat": (
        "Cakupan {tahun}: {pct} dari sasaran, stabil dibanding {prev} (selisih {poin} poin)",
        "Coverage in {tahun}: {pct} of the target population, level with {prev} ({poin} {poin|point|points} apart)",
    ),
    "export.take.coverage.total": (
        "Cakupan {periode}: {pct} dari sasaran",
        "Coverage {periode}: {pct} of the target population",
    ),
    "export.take.funds": (
        "{realisasi} dari {komitmen} dana komitmen terealisasi ({pct})",
        "{realisasi} of {komitmen} committed was disbursed ({pct})",
    ),
    "export.take.impact.none": (
        "Dampak: belum cukup data (perlu laporan di awal dan di akhir rentang)",
        "Impact: not enough data yet (needs reports at the start and at the end of the range)",
    ),
    "export.take.health": (
        "Skor kesehatan kemitraan {skor}/100 ({zona})",
        "Partnership health score {skor}/100 ({zona})",
    ),
    "export.take.weakest": ("; terlemah: {prinsip} ({skor})", "; weakest: {prinsip} ({skor})"),
    "export.take.small_n": (" — hanya {n} responden", " — only {n} {n|respondent|respondents}"),
    "export.take.satisfaction": ("Kepuasan mitra {skor}/100 ({zona})", "Partner satisfaction {skor}/100 ({zona})"),
    "export.take.rentan": (
        "{pct} kontak layanan menjangkau kelompok rentan",
        "{pct} of service contacts reached hard-to-reach groups",
    ),
    "export.take.status": (
        "{a} dari {n} kemitraan masih aktif; usia rata-rata {usia} tahun",
        "{a} of {n} {n|partnership|partnerships} {a|is|are} still active; {usia} {usia|year|years} old on average",
    ),
    "export.take.map": (
        "{indikator} tertinggi di {wilayah} ({nilai}); {k} dari {n} {jenis} punya data",
        "{indikator}: highest in {wilayah} ({nilai}); {k} of {n} {jenis} {k|has|have} data",
    ),
    # PPTX / HTML / XLSX
    "export.no_data": ("Tidak ada data untuk filter ini.", "No data for these filters."),
    "export.no_native_chart": (
        "Grafik ini tidak dapat dibuat sebagai grafik PowerPoint; datanya ada di ekspor XLSX.",
        "This chart cannot be drawn as a PowerPoint chart; its data is in the XLSX export.",
    ),
    "export.notes.definitions": ("Definisi dan metode:", "Definitions and method:"),
    "export.notes.meeting": ("Catatan rapat:", "Meeting notes:"),
    "export.notes.none": ("Belum ada catatan rapat untuk slide ini.", "No meeting notes on this slide yet."),
    "export.html.contents": ("Isi", "Contents"),
    "export.html.province_table": ("Nilai per wilayah (tabel)", "Values per area (table)"),
    "export.xlsx.sheet.info": ("Keterangan", "About"),
    "export.xlsx.contents": ("Isi (satu lembar per grafik)", "Contents (one sheet per chart)"),
    "export.xlsx.sheet.definitions": ("Definisi", "Definitions"),
    "export.xlsx.slides": ("Slide (--slides)", "Slides (--slides)"),
    "export.xlsx.catalog_source": ("Katalog dan wilayah", "Catalog and regions"),
    "export.xlsx.provinces_source": (
        "Provinsi: kode BPS dan Kemendagri, 38 provinsi; penduduk 2025 (Kepmendagri 300.2.2-2138/2025).",
        "Provinces: BPS and Kemendagri codes, 38 provinces; 2025 population (Kepmendagri 300.2.2-2138/2025).",
    ),
    "export.col.slide": ("Slide", "Slide"),
    "export.col.penulis": ("Penulis", "Author"),
    "export.col.dibuat": ("Ditulis (UTC)", "Written (UTC)"),
    "export.col.catatan_lengkap": ("Catatan dengan filter", "Note with its filters"),
    "export.col.teks": ("Teks catatan", "Note text"),
    "export.col.target_terjangkau": ("Target orang terjangkau (orang)", "Target people reached (people)"),
    # the export command
    "export.cli.bad_code": (
        "{flag}: «{value}» tidak dikenal; pilihan: {known}.",
        "{flag}: «{value}» is unknown; choose from: {known}.",
    ),
    "export.cli.bad_province": (
        "--provinsi: «{value}» tidak dikenal; diharapkan kode BPS dua digit (mis. 32) atau nama provinsi.",
        "--provinsi: «{value}» is unknown; expected a two-digit BPS code (e.g. 32) or a province name.",
    ),
    "export.cli.bad_month": (
        "{flag}: «{value}» bukan bulan; diharapkan YYYY-MM (mis. 2024-07).",
        "{flag}: «{value}» is not a month; expected YYYY-MM (e.g. 2024-07).",
    ),
    "export.cli.bad_range": (
        "--dari {dari} jatuh setelah --sampai {sampai}.",
        "--dari {dari} is after --sampai {sampai}.",
    ),
    "export.cli.no_dir": ("Folder tujuan tidak ada: {path}", "The target folder does not exist: {path}"),
    "export.cli.exists": (
        "Berkas sudah ada: {path} (pakai --force untuk menimpa).",
        "File exists: {path} (use --force to overwrite).",
    ),
    "export.cli.written": (
        "Ditulis: {path} ({n} slide, {kb} KB, {s} detik)",
        "Written: {path} ({n} {n|slide|slides}, {kb} KB, {s} s)",
    ),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "export.slide.ringkasan": "page.ringkasan",
    "export.slide.jangkauan": "page.jangkauan",
    "export.slide.dampak": "page.dampak",
    "export.slide.peta": "page.peta",
    "export.col.jenis": "upload.kind.label",
    "export.col.n_baris": "an.jelajah.rows",
}
