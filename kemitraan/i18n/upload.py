"""Strings of the "Unggah Data" page, the XLSX template and the XLSForm."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- XLSX template -----------------------------------------------------------
    "template.title": ("Templat unggah Dasbor Kemitraan", "Dasbor Kemitraan upload template"),
    "template.intro.1": (
        "Isi satu baris per catatan pada lembar {sheets}. Baris 1 adalah judul kolom: jangan diubah.",
        "Fill one row per record on the sheets {sheets}. Row 1 holds the column headers: do not change it.",
    ),
    "template.intro.2": (
        "Baris 2 adalah contoh: ganti atau hapus sebelum mengunggah. Kolom berwarna gelap wajib diisi.",
        "Row 2 is an example: replace or delete it before uploading. Dark header cells are required.",
    ),
    "template.intro.3": (
        "Daftar pilihan ada di lembar '{lists}'. Kode dan label dalam bahasa Indonesia atau Inggris sama-sama diterima.",
        "The drop-down values are on the sheet '{lists}'. Codes and labels in Indonesian or English are all accepted.",
    ),
    "template.intro.4": (
        "Jangan masukkan data pribadi responden (nama, telepon, e-mail, NIK, alamat): kolom seperti itu dibuang.",
        "Do not enter respondents' personal data (name, phone, e-mail, NIK, address): such columns are dropped.",
    ),
    "template.col.sheet": ("Lembar", "Sheet"),
    "template.col.column": ("Kolom", "Column"),
    "template.col.label": ("Label (ID)", "Label (EN)"),
    "template.col.required": ("Wajib", "Required"),
    "template.col.type": ("Jenis isian (ID)", "Type (EN)"),
    "template.col.allowed": ("Nilai yang diizinkan (ID)", "Allowed values (EN)"),
    "template.col.code": ("Kode", "Code"),
    "template.col.unit": ("Satuan", "Unit"),
    "template.col.dimension": ("Dimensi", "Dimension"),
    "template.col.definition": ("Definisi (ID)", "Definition (EN)"),
    "template.catalog": ("Katalog indikator", "Indicator catalog"),
    "template.required.yes": ("Ya", "Yes"),
    "template.required.no": ("Tidak", "No"),
    "template.required.default": ("Tidak (bawaan: {default})", "No (default: {default})"),
    "template.type.text": ("Teks", "Text"),
    "template.type.enum": ("Satu pilihan dari daftar (kode atau label)", "One choice from the list (code or label)"),
    "template.type.list": ("Daftar teks", "List of text"),
    "template.type.list_enum": ("Satu atau beberapa pilihan dari daftar", "One or more choices from the list"),
    "template.type.province": (
        "Provinsi: nama, singkatan (mis. DIY, NTT) atau kode BPS",
        "Province: name, abbreviation (e.g. DIY, NTT) or BPS code",
    ),
    "template.type.date": (
        "Tanggal: 2024-03-01, 01/03/2024, 1 Maret 2024 atau sel tanggal Excel",
        "Date: 2024-03-01, 01/03/2024, 1 March 2024 or an Excel date cell",
    ),
    "template.type.number": (
        "Angka (1.234,5 atau 1,234.5; Rp dan % boleh)",
        "Number (1.234,5 or 1,234.5; Rp and % allowed)",
    ),
    "template.type.likert": ("Skala Likert 1–5 (angka atau label)", "Likert scale 1–5 (number or label)"),
    "template.type.period": ("Periode (tahun, triwulan atau bulan)", "Period (year, quarter or month)"),
    "template.type.indicator": ("Kode atau nama indikator dari katalog", "Indicator code or name from the catalog"),
    "template.hint.list": ("Pisahkan beberapa nilai dengan titik koma (;).", "Separate several values with a semicolon (;)."),
    "template.allowed.province": (
        "{n} provinsi, lihat lembar '{sheet}'",
        "{n} provinces, see the sheet '{sheet}'",
    ),
    "template.allowed.indicator": (
        "{n} indikator, lihat katalog di bawah pada lembar '{sheet}'",
        "{n} indicators, see the catalog below on the sheet '{sheet}'",
    ),
    "template.allowed.period": (
        "2024 · 2024-Q3 · TW III 2024 · 2024-07 · Juli 2024",
        "2024 · 2024-Q3 · TW III 2024 · 2024-07 · July 2024",
    ),
    "template.list_header": ("Daftar {name}", "List {name}"),
    "template.error_title": ("Nilai di luar daftar", "Value not in the list"),
    "template.error_message": (
        "Nilai ini tidak ada di daftar. Kode, label bahasa lain dan sinonim tetap diterima saat unggah; "
        "nilai yang tidak dikenal akan dilaporkan.",
        "This value is not in the list. Codes, labels in the other language and synonyms are still accepted "
        "on upload; unknown values will be reported.",
    ),
    # --- XLSForm -------------------------------------------------------------------
    "xlsform.title": ("Penilaian Mandiri Kemitraan", "Partnership Self-Assessment"),
    "xlsform.intro": (
        "Survei ini menilai kesehatan kemitraan Anda. Jangan menuliskan nama, nomor telepon atau data pribadi lain.",
        "This survey assesses the health of your partnership. Do not write names, phone numbers or other personal data.",
    ),
    "xlsform.group": ("Penilaian prinsip kemitraan", "Partnership principles"),
    "xlsform.group_hint": (
        "Seberapa setuju Anda dengan pernyataan berikut tentang kemitraan ini?",
        "How much do you agree with the following statements about this partnership?",
    ),
    "xlsform.kode_hint": (
        "Kode kemitraan seperti tercantum di dasbor, tanpa spasi.",
        "The partnership code as shown on the dashboard, without spaces.",
    ),
    "xlsform.kode_constraint": ("Kode tidak boleh berisi spasi.", "The code must not contain spaces."),
    "xlsform.date_constraint": ("Tanggal tidak boleh di masa depan.", "The date cannot be in the future."),
    "xlsform.tantangan_hint": ("Pilih semua yang sesuai.", "Select all that apply."),
    "xlsform.q.tujuan_bersama": (
        "Para mitra memiliki tujuan bersama yang jelas.",
        "The partners share clear common goals.",
    ),
    "xlsform.q.saling_menghormati": (
        "Para mitra saling menghormati keahlian dan peran masing-masing.",
        "The partners respect each other's expertise and roles.",
    ),
    "xlsform.q.kepercayaan": ("Ada rasa saling percaya di antara para mitra.", "There is mutual trust among the partners."),
    "xlsform.q.komunikasi": (
        "Komunikasi antarmitra terbuka, rutin dan tepat waktu.",
        "Communication between partners is open, regular and timely.",
    ),
    "xlsform.q.akuntabilitas": (
        "Setiap mitra bertanggung jawab atas komitmen dan penggunaan sumber dayanya.",
        "Each partner is accountable for its commitments and use of resources.",
    ),
    "xlsform.q.komitmen_kepemimpinan": (
        "Pimpinan setiap mitra berkomitmen dan mendukung kemitraan ini.",
        "The leadership of each partner is committed to and supports this partnership.",
    ),
    "xlsform.q.pengelolaan_konflik": (
        "Perbedaan pendapat dan konflik diselesaikan secara adil dan konstruktif.",
        "Disagreements and conflicts are resolved fairly and constructively.",
    ),
    "xlsform.q.pemantauan_evaluasi": (
        "Kemitraan memantau dan mengevaluasi kemajuannya secara bersama.",
        "The partnership jointly monitors and evaluates its progress.",
    ),
    "xlsform.q.kepuasan": (
        "Secara keseluruhan, saya puas dengan kemitraan ini.",
        "Overall, I am satisfied with this partnership.",
    ),
}
