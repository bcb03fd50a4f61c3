"""Strings of the presentation deck, its exports (PPTX, HTML, XLSX), the ``export`` command and meeting notes."""

STRINGS: dict[str, tuple[str, str]] = {
    # meeting notes
    "notes.err.text_empty": ("Catatan kosong: tulis isi catatannya.", "Empty note: write the note's text."),
    "notes.err.text_long": (
        "Catatan terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Note too long: {n} characters, at most {limit}.",
    ),
    "notes.err.text_char": (
        "Catatan memuat karakter kontrol {code} pada posisi {pos}; hapus karakter itu.",
        "The note holds the control character {code} at position {pos}; remove it.",
    ),
    "notes.err.author_empty": ("Isi nama penulis catatan.", "Fill in the note's author."),
    "notes.err.author_long": (
        "Nama penulis terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Author name too long: {n} characters, at most {limit}.",
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
    "notes.err.unknown": ("Catatan «{id}» tidak ditemukan (atau sudah dihapus).", "Note «{id}» not found (or already deleted)."),
    # what every export prints
    "export.months": ("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    "export.demo_marker": ("DATA DEMO — sintetis", "DEMO DATA — synthetic"),
    "export.period": ("Periode", "Period"),
    "export.period.none": ("tidak ada data", "no data"),
    "export.data": ("Data", "Data"),
    "export.data_date": ("Data per", "Data as of"),
    "export.batches": ("Unggahan (batch) aktif", "Live uploads (batches)"),
    "export.generated": ("Dibuat", "Generated"),
    "export.footer_data": ("Data per {date} · batch aktif: {n}", "Data as of {date} · live batches: {n}"),
    "export.num.million": ("juta", "million"),
    "export.metric.provinces": ("Provinsi dengan data", "Provinces with data"),
    # slides (short names: picker, sheet names, section headings)
    "export.slide.ringkasan": ("Ringkasan", "Overview"),
    "export.slide.jangkauan": ("Jangkauan", "Reach"),
    "export.slide.cakupan": ("Cakupan", "Coverage"),
    "export.slide.rentan": ("Kelompok rentan", "Hard-to-reach"),
    "export.slide.dana": ("Dana", "Funding"),
    "export.slide.status": ("Status kemitraan", "Partnership status"),
    "export.slide.dampak": ("Dampak", "Impact"),
    "export.slide.kesehatan": ("Kesehatan kemitraan", "Partnership health"),
    "export.slide.kepuasan": ("Kepuasan mitra", "Partner satisfaction"),
    "export.slide.peta": ("Peta", "Map"),
    "export.err.slides": (
        "Slide tidak dikenal: {keys}. Pilihan: {known}.",
        "Unknown slide(s): {keys}. Choose from: {known}.",
    ),
    # takeaway titles
    "export.take.no_data": ("{topik}: belum ada data untuk filter ini", "{topik}: no data for these filters"),
    "export.take.overview": ("{n} kemitraan menjangkau {orang} orang", "{n} partnerships reached {orang} people"),
    "export.take.most": ("; terbanyak: {grup} ({nilai})", "; most: {grup} ({nilai})"),
    "export.take.highest": ("; tertinggi: {grup}", "; highest: {grup}"),
    "export.take.lowest": ("; terendah: {grup} ({nilai})", "; lowest: {grup} ({nilai})"),
    "export.take.reach.up": ("Jangkauan {tahun} naik {pct} dibanding {prev}", "Reach in {tahun} up {pct} on {prev}"),
    "export.take.reach.down": ("Jangkauan {tahun} turun {pct} dibanding {prev}", "Reach in {tahun} down {pct} on {prev}"),
    "export.take.reach.flat": (
        "Jangkauan {tahun} stabil dibanding {prev} (selisih {pct})",
        "Reach in {tahun} level with {prev} (difference {pct})",
    ),
    "export.take.reach.total": ("Jangkauan {periode}: {orang} orang", "Reach {periode}: {orang} people"),
    "export.take.coverage.up": (
        "Cakupan {tahun}: {pct} dari sasaran, naik {poin} poin dibanding {prev}",
        "Coverage in {tahun}: {pct} of the target population, up {poin} points on {prev}",
    ),
    "export.take.coverage.down": (
        "Cakupan {tahun}: {pct} dari sasaran, turun {poin} poin dibanding {prev}",
        "Coverage in {tahun}: {pct} of the target population, down {poin} points on {prev}",
    ),
    "export.take.coverage.flat": (
        "Cakupan {tahun}: {pct} dari sasaran, stabil dibanding {prev} (selisih {poin} poin)",
        "Coverage in {tahun}: {pct} of the target population, level with {prev} ({poin} points apart)",
    ),
    "export.take.coverage.total": ("Cakupan {periode}: {pct} dari sasaran", "Coverage {periode}: {pct} of the target population"),
    "export.take.funds": (
        "{realisasi} dari {komitmen} dana komitmen terealisasi ({pct})",
        "{realisasi} of {komitmen} committed was disbursed ({pct})",
    ),
    "export.take.impact": (
        "{k} dari {n} indikator hasil membaik sejak baseline",
        "{k} of {n} outcome indicators improved since baseline",
    ),
    "export.take.impact.best": ("; terbesar: {indikator} (+{poin} poin)", "; most: {indikator} (+{poin} points)"),
    "export.take.impact.none": (
        "Dampak: belum cukup data (perlu dua periode atau lebih per kemitraan)",
        "Impact: not enough data yet (needs two or more periods per partnership)",
    ),
    "export.take.health": ("Skor kesehatan kemitraan {skor}/100 ({zona})", "Partnership health score {skor}/100 ({zona})"),
    "export.take.weakest": ("; terlemah: {prinsip} ({skor})", "; weakest: {prinsip} ({skor})"),
    "export.take.small_n": (" — hanya {n} responden", " — only {n} respondents"),
    "export.take.satisfaction": ("Kepuasan mitra {skor}/100 ({zona})", "Partner satisfaction {skor}/100 ({zona})"),
    "export.take.rentan": (
        "{pct} orang terjangkau berasal dari kelompok rentan",
        "{pct} of people reached belong to hard-to-reach groups",
    ),
    "export.take.status": (
        "{a} dari {n} kemitraan masih aktif; usia rata-rata {usia} tahun",
        "{a} of {n} partnerships are still active; {usia} years old on average",
    ),
    "export.take.map": (
        "{indikator} tertinggi di {provinsi} ({nilai}); {k} dari {n} provinsi punya data",
        "{indikator}: highest in {provinsi} ({nilai}); {k} of {n} provinces have data",
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
    "export.html.province_table": ("Nilai per provinsi (tabel)", "Values per province (table)"),
}
