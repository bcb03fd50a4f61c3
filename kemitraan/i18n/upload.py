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
        "Daftar pilihan ada di lembar '{lists}'. Kode dan label dalam bahasa Indonesia atau Inggris "
        "sama-sama diterima.",
        "The drop-down values are on the sheet '{lists}'. Codes and labels in Indonesian or English are all accepted.",
    ),
    "template.intro.4": (
        "Jangan masukkan data pribadi responden (nama, telepon, e-mail, NIK, alamat): kolom seperti itu dibuang.",
        "Do not enter respondents' personal data (name, phone, e-mail, NIK, address): such columns are dropped.",
    ),
    "template.col.label": ("Label", "Label"),
    "template.sheet_title": ("Lembar «{sheet}»", "Sheet «{sheet}»"),
    "template.col.required": ("Wajib", "Required"),
    "template.col.type": ("Jenis isian (ID)", "Type (EN)"),
    "template.col.allowed": ("Nilai yang diizinkan (ID)", "Allowed values (EN)"),
    "template.col.unit": ("Satuan", "Unit"),
    "template.col.dimension": ("Dimensi", "Dimension"),
    "template.col.definition": ("Definisi", "Definition"),
    "template.col.denominator": ("Isi kolom penyebut (angka rasio)", "What the denominator column holds (rates)"),
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
    "template.type.area": (
        "Kabupaten/kota: nama (mis. Kabupaten Bogor, Kota Bogor, Kab. Bogor) atau kode Kemendagri (32.01)",
        "Kabupaten/kota: a name (e.g. Kabupaten Bogor, Kota Bogor, Kab. Bogor) or a Kemendagri code (32.01)",
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
    "template.hint.list": (
        "Pisahkan beberapa nilai dengan titik koma (;).",
        "Separate several values with a semicolon (;).",
    ),
    "template.allowed.province": (
        "{n} provinsi, lihat lembar '{sheet}'",
        "{n} {n|province|provinces}, see the sheet '{sheet}'",
    ),
    "template.allowed.area": (
        "{n} kabupaten/kota, lihat lembar '{sheet}'; kode Kemendagri juga diterima",
        "{n} kabupaten/kota, see the sheet '{sheet}'; Kemendagri codes are accepted too",
    ),
    "template.allowed.indicator": (
        "{n} indikator, lihat katalog di bawah pada lembar '{sheet}'",
        "{n} {n|indicator|indicators}, see the catalog below on the sheet '{sheet}'",
    ),
    "template.allowed.period": (
        "2024 · 2024-Q3 · TW III 2024 · 2024-07 · Juli 2024",
        "2024 · 2024-Q3 · TW III 2024 · 2024-07 · July 2024",
    ),
    "template.list_header": ("Daftar {name}", "List: {name}"),
    "template.list.likert": ("skala Likert (1–5)", "Likert scale (1–5)"),
    "template.error_title": ("Nilai di luar daftar", "Value not in the list"),
    "template.error_message": (
        "Nilai ini tidak ada di daftar. Kode, label bahasa lain dan sinonim tetap diterima saat unggah; "
        "nilai yang tidak dikenal akan dilaporkan.",
        "This value is not in the list. Codes, labels in the other language and synonyms are still accepted "
        "on upload; unknown values will be reported.",
    ),
    "template.cli.exists": (
        "{path} sudah ada; pakai --force untuk menimpanya.",
        "{path} already exists; use --force to overwrite it.",
    ),
    "template.cli.written": ("Ditulis: {path} ({size} bita)", "Written: {path} ({size} {size|byte|bytes})"),
    # --- XLSForm -------------------------------------------------------------------
    "xlsform.title": ("Penilaian Mandiri Kemitraan", "Partnership Self-Assessment"),
    "xlsform.intro": (
        "Survei ini menilai kesehatan kemitraan Anda. Jangan menuliskan nama, nomor telepon atau data pribadi lain.",
        "This survey assesses the health of your partnership. Do not write names, phone numbers or other "
        "personal data.",
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
    "xlsform.q.kepercayaan": (
        "Ada rasa saling percaya di antara para mitra.",
        "There is mutual trust among the partners.",
    ),
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
    # --- the "Unggah Data" page ------------------------------------------------------------
    "page.unggah_data": ("Unggah Data", "Upload data"),
    "upload.intro": (
        "Unggah laporan pemantauan dan survei kemitraan (CSV, XLSX, XLS, ODS; juga ekspor KoboToolbox, ODK "
        "Central dan DHIS2, termasuk JSON DHIS2). Anda melihat pratinjau dulu; tidak ada yang disimpan sebelum "
        "Anda mengonfirmasi.",
        "Upload monitoring reports and partnership surveys (CSV, XLSX, XLS, ODS; KoboToolbox, ODK Central and "
        "DHIS2 exports too, DHIS2 JSON included). You see a preview first; nothing is stored until you confirm.",
    ),
    "upload.templates.header": ("Templat", "Templates"),
    "upload.templates.help": (
        "Templat XLSX berisi satu lembar per jenis data, daftar pilihan dan petunjuk. XLSForm adalah survei "
        "penilaian mandiri kemitraan untuk KoboToolbox atau ODK: ekspornya bisa langsung diunggah di sini.",
        "The XLSX template has one sheet per kind of data, drop-down lists and instructions. The XLSForm is the "
        "partnership self-assessment survey for KoboToolbox or ODK: its exports can be uploaded here as they are.",
    ),
    "upload.download.template": ("Unduh templat XLSX", "Download the XLSX template"),
    "upload.download.template_file": ("templat_kemitraan.xlsx", "partnership_template.xlsx"),
    "upload.download.xlsform": ("Unduh XLSForm survei", "Download the survey XLSForm"),
    "upload.files.label": ("Pilih satu atau beberapa berkas", "Choose one or more files"),
    "upload.files.button": ("Pilih berkas", "Choose files"),
    "upload.files.limit": (
        "Tarik berkas ke sini · paling besar {mb} MB per berkas · {types}",
        "Drop files here · at most {mb} MB per file · {types}",
    ),
    "upload.files.help": (
        "Jenis data (kemitraan, indikator, survei) dikenali dari judul kolom. Beberapa lembar dalam satu "
        "buku kerja boleh.",
        "The kind of data (partnerships, indicators, survey) is recognised from the column headers. Several "
        "sheets in one workbook are fine.",
    ),
    "upload.kind.label": ("Jenis data", "Kind of data"),
    "upload.kind.help": (
        "Biarkan otomatis, kecuali jenis data sebuah berkas tidak dikenali.",
        "Leave automatic unless a file's kind is not recognised.",
    ),
    "upload.kind.auto": ("Otomatis (dari judul kolom)", "Automatic (from the headers)"),
    "upload.progress.start": ("Membaca berkas…", "Reading files…"),
    "upload.empty_hint": (
        "Belum ada berkas. Seret berkas ke kotak di atas atau klik untuk memilih.",
        "No file yet. Drag files onto the box above or click to choose.",
    ),
    "upload.files.header": ("Berkas yang dibaca", "Files read"),
    "upload.preview.header": ("Pratinjau: apa yang akan berubah", "Preview: what would change"),
    "upload.preview.none": (
        "Tidak ada baris data yang dikenali di berkas ini.",
        "No data rows were recognised in these files.",
    ),
    "upload.count.new": ("Baru", "New"),
    "upload.count.replaced": ("Mengganti nilai lama", "Replacing a value"),
    "upload.count.unchanged": ("Tidak berubah", "Unchanged"),
    "upload.count.invalid": ("Tidak valid", "Invalid"),
    "upload.problems.header": ("Laporan masalah", "Problem report"),
    "upload.problems.summary": (
        "{errors} kesalahan dan {warnings} peringatan.",
        "{errors} {errors|error|errors} and {warnings} {warnings|warning|warnings}.",
    ),
    "upload.problems.filter_files": ("Saring menurut berkas", "Filter by file"),
    "upload.problems.filter_columns": ("Saring menurut kolom", "Filter by column"),
    "upload.problems.csv": ("Unduh laporan (CSV)", "Download the report (CSV)"),
    "upload.problems.xlsx": ("Unduh laporan (XLSX)", "Download the report (XLSX)"),
    "upload.problems.file_stem": ("laporan_masalah", "problem_report"),
    "upload.col.expected": ("Yang diharapkan", "Expected"),
    "upload.kind.unknown": ("Tidak dikenali", "Not recognised"),
    "upload.col.header_row": ("Baris judul", "Header row"),
    "upload.col.rows": ("Baris data", "Data rows"),
    "upload.col.sha256": ("SHA-256 (awal)", "SHA-256 (start)"),
    "upload.personal.header": ("Kolom data pribadi yang dibuang", "Personal-data columns dropped"),
    "upload.personal.help": (
        "Kolom ini tidak akan pernah disimpan, demi melindungi responden.",
        "These columns are never stored, to protect respondents.",
    ),
    "upload.confirm.header": ("Simpan", "Store"),
    "upload.skip_invalid": ("Lewati baris tidak valid", "Skip invalid rows"),
    "upload.skip_invalid.help": (
        "Simpan baris yang valid saja; baris tidak valid bisa diunduh, diperbaiki dan diunggah lagi.",
        "Store the valid rows only; the invalid rows can be downloaded, corrected and uploaded again.",
    ),
    "upload.confirm": ("Konfirmasi dan simpan", "Confirm and store"),
    "upload.blocked.errors": (
        "Berkas berisi kesalahan, jadi tidak ada yang disimpan. Perbaiki berkasnya, atau centang "
        '"Lewati baris tidak valid".',
        'The files contain errors, so nothing is stored. Correct the files, or tick "Skip invalid rows".',
    ),
    "upload.blocked.nothing": (
        "Tidak ada yang baru: semua baris sudah tersimpan dengan nilai yang sama.",
        "Nothing new: every row is already stored with the same values.",
    ),
    "upload.invalid_rows": ("Unduh baris tidak valid (XLSX)", "Download the invalid rows (XLSX)"),
    "upload.invalid_rows.file": ("baris_tidak_valid.xlsx", "invalid_rows.xlsx"),
    "upload.committed.nothing": ("Tidak ada yang disimpan.", "Nothing was stored."),
    "upload.committed.batch": (
        "Tersimpan sebagai batch **{batch}** ({file}): {added} baru, {replaced} mengganti, "
        "{unchanged} tidak berubah, {invalid} dilewati.",
        "Stored as batch **{batch}** ({file}): {added} new, {replaced} replaced, {unchanged} unchanged, "
        "{invalid} skipped.",
    ),
    "upload.refused": ("Ditolak: {detail}", "Refused: {detail}"),
    "upload.history.header": ("Riwayat unggahan", "Upload history"),
    "upload.history.empty": ("Belum ada unggahan.", "No uploads yet."),
    "upload.history.rows_replaced": ("Mengganti", "Replaced"),
    "upload.history.created_at": ("Waktu", "Time"),
    "upload.history.status": ("Status", "Status"),
    "upload.status.live": ("Aktif", "Live"),
    "upload.status.undone": ("Dibatalkan {at} oleh {by}", "Undone {at} by {by}"),
    "upload.undo.header": ("Batalkan sebuah batch", "Undo a batch"),
    "upload.undo.help": (
        "Membatalkan sebuah batch mengeluarkan datanya dari dasbor; nilai sebelumnya berlaku lagi. Batch "
        "itu tetap tersimpan di riwayat.",
        "Undoing a batch takes its data out of the dashboard; earlier values apply again. The batch stays "
        "in the history.",
    ),
    "upload.undo.select": ("Batch yang akan dibatalkan", "Batch to undo"),
    "upload.undo.placeholder": ("Pilih batch…", "Choose a batch…"),
    "upload.undo.option": ("{batch} — {file} ({rows} baris)", "{batch} — {file} ({rows} {rows|row|rows})"),
    "upload.undo.confirm_box": ("Ya, batalkan batch ini", "Yes, undo this batch"),
    "upload.undo.button": ("Batalkan batch", "Undo batch"),
    "upload.undo.done": ("Batch **{batch}** dibatalkan.", "Batch **{batch}** undone."),
    "upload.undo.failed": (
        "Batch {batch} tidak bisa dibatalkan: {detail}",
        "Batch {batch} could not be undone: {detail}",
    ),
    "upload.undo.none": ("Tidak ada batch aktif untuk dibatalkan.", "No live batch to undo."),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "upload.title": "page.unggah_data",
    "upload.kind.kemitraan": "kpi.kemitraan",
    "upload.kind.indikator": "angka.section.indicators",
    "upload.kind.survei": "an.jelajah.kind.survei",
    "upload.col.kind": "col.jenis_data",
    "upload.problems.ok": "an.dq.none",
    "upload.problems.all": "filters.all",
    "upload.col.severity": "ingest.col.severity",
    "upload.col.file": "col.file",
    "upload.col.sheet": "ingest.col.sheet",
    "upload.col.row": "ingest.col.row",
    "upload.col.column": "ingest.col.column",
    "upload.col.value": "col.nilai",
    "upload.history.batch_id": "col.batch_id",
    "upload.history.file": "col.file",
    "upload.history.kind": "col.jenis_data",
    "upload.history.rows_added": "upload.count.new",
    "upload.history.rows_unchanged": "upload.count.unchanged",
    "upload.history.rows_invalid": "upload.count.invalid",
    "upload.history.user": "batches.col.user",
}
