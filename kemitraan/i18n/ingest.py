"""Strings of the ingest pipeline and the ``ingest`` / ``undo`` commands."""

STRINGS: dict[str, tuple[str, str]] = {
    # where a problem is
    "ingest.where.sheet": ("lembar «{sheet}»", "sheet «{sheet}»"),
    "ingest.where.row": ("baris {row}", "row {row}"),
    "ingest.where.column": ("kolom «{column}»", "column «{column}»"),
    "ingest.where.value": ("nilai «{value}»", "value «{value}»"),
    "ingest.where.expected": ("diharapkan: {expected}", "expected: {expected}"),
    "ingest.where.note": ("catatan: {expected}", "note: {expected}"),
    "ingest.refused": (
        "Unggahan ditolak: {n} galat, tidak ada yang disimpan.",
        "Upload refused: {n} {n|error|errors}, nothing was stored.",
    ),
    # problems_frame / invalid rows workbook headers
    "ingest.col.severity": ("Tingkat", "Severity"),
    "ingest.col.sheet": ("Lembar", "Sheet"),
    "ingest.col.row": ("Baris", "Row"),
    "ingest.col.column": ("Kolom", "Column"),
    "ingest.col.expected": ("Diharapkan / catatan", "Expected / note"),
    "ingest.col.message": ("Pesan", "Message"),
    "ingest.col.error": ("Galat", "Error"),
    "ingest.col.where": ("Di mana", "Where"),
    "ingest.col.count": ("Jumlah baris", "Rows affected"),
    "ingest.severity.error": ("galat", "error"),
    "ingest.severity.warning": ("peringatan", "warning"),
    # file-level problems
    "ingest.exp.too_big": (
        "berkas paling besar {limit} MB (berkas ini {size} MB)",
        "a file of at most {limit} MB (this one is {size} MB)",
    ),
    "ingest.exp.empty_file": ("berkas yang berisi data", "a file holding data"),
    "ingest.exp.binary": (
        "berkas CSV, XLSX, XLS atau ODS (berkas ini bukan teks maupun lembar kerja)",
        "a CSV, XLSX, XLS or ODS file (this one is neither text nor a spreadsheet)",
    ),
    "ingest.exp.not_spreadsheet": (
        "lembar kerja XLSX atau ODS (arsip zip ini bukan lembar kerja)",
        "an XLSX or ODS workbook (this zip archive is not a spreadsheet)",
    ),
    "ingest.exp.zip_bomb": (
        "lembar kerja yang isinya tidak lebih dari {limit} MB setelah dibuka (berkas ini {size} MB)",
        "a workbook of at most {limit} MB once uncompressed (this one is {size} MB)",
    ),
    "ingest.exp.zip_ratio": (
        "lembar kerja yang bagiannya mengembang paling banyak {ratio}× saat dibuka "
        "(di berkas ini {packed} MB menjadi {size} MB: pola bom zip)",
        "a workbook whose parts unpack at most {ratio}× (in this file {packed} MB unpack to {size} MB: a zip bomb pattern)",
    ),
    "ingest.exp.too_many_cells": (
        "paling banyak {limit} sel per lembar (lembar ini {cells})",
        "at most {limit} {limit|cell|cells} per sheet (this sheet has {cells})",
    ),
    "ingest.exp.unreadable": (
        "lembar kerja yang dapat dibaca: berkas ini rusak (pesan pembaca lembar kerja: {error})",
        "a readable workbook: this one is damaged (the workbook reader said: {error})",
    ),
    "ingest.exp.encoding": (
        "teks UTF-8 atau Windows-1252: byte {byte} di baris ini bukan keduanya; simpan ulang sebagai «CSV UTF-8»",
        "UTF-8 or Windows-1252 text: byte {byte} on this row is neither; save the file again as «CSV UTF-8»",
    ),
    "ingest.exp.encoding_mixed": (
        "teks dengan satu pengodean: berkas ini UTF-8 di bagian lain, tetapi byte {byte} di baris ini bukan UTF-8 "
        "(pengodean bercampur; huruf akan berubah); simpan ulang sebagai «CSV UTF-8»",
        "text in one encoding: this file is UTF-8 elsewhere, but byte {byte} on this row is not UTF-8 "
        "(mixed encodings; letters would change); save the file again as «CSV UTF-8»",
    ),
    "ingest.exp.corrupt_zip": (
        "lembar kerja XLSX atau ODS yang utuh: arsip zip ini rusak atau terpotong ({error}); simpan ulang dari "
        "aplikasi lembar kerja",
        "a whole XLSX or ODS workbook: this zip archive is damaged or cut short ({error}); save it again from "
        "the spreadsheet application",
    ),
    "ingest.exp.zip_lies": (
        "lembar kerja yang isinya sesuai dengan ukuran yang dinyatakannya: bagian «{member}» lebih besar saat "
        "dibuka (berkas rusak atau dibuat untuk menghabiskan memori)",
        "a workbook whose parts match the sizes it declares: part «{member}» unpacks larger (a damaged file, or "
        "one made to exhaust memory)",
    ),
    "ingest.exp.xlsb": (
        "lembar kerja XLSX, XLS, ODS atau CSV; berkas ini buku kerja biner Excel (XLSB): simpan sebagai .xlsx",
        "an XLSX, XLS, ODS or CSV file; this one is an Excel binary workbook (XLSB): save it as .xlsx",
    ),
    "ingest.exp.zip_method": (
        "lembar kerja dengan kompresi biasa (deflate); bagian berkas ini memakai metode {method}",
        "a workbook compressed the usual way (deflate); parts of this file use method {method}",
    ),
    "ingest.exp.too_many_columns": (
        "paling banyak {limit} kolom per lembar (lembar ini {cols})",
        "at most {limit} {limit|column|columns} per sheet (this sheet has {cols})",
    ),
    "ingest.exp.file_name": (
        "nama berkas tanpa folder dan tanpa karakter {chars}; ganti nama berkas lalu unggah lagi",
        "a file name without folders and without the characters {chars}; rename the file and upload it again",
    ),
    "ingest.exp.cell_too_long": (
        "sel berisi paling banyak {limit} karakter, batas Excel sendiri (sel ini {n}); tidak dipotong, "
        "lembar ini tidak dibaca",
        "a cell of at most {limit} {limit|character|characters}, Excel's own limit (this one has {n}); nothing is cut, "
        "this sheet is not read",
    ),
    "ingest.exp.too_long": (
        "teks paling banyak {limit} karakter di kolom ini (sel ini {n}); tidak dipotong",
        "text of at most {limit} {limit|character|characters} in this column (this cell has {n}); nothing is cut",
    ),
    "ingest.exp.line_too_long": (
        "baris pertama yang berakhir dalam {limit} MB pertama berkas; baris ini lebih panjang, jadi judul kolom "
        "tidak dapat ditemukan (apakah ini benar berkas CSV?)",
        "a first line that ends within the file's first {limit} MB; this one is longer, so no header can be found "
        "(is this really a CSV file?)",
    ),
    "ingest.exp.open_quote": (
        'tanda kutip ganda (") penutup untuk kutip yang dibuka di baris ini; tanpa itu, semua sampai akhir berkas '
        "terbaca sebagai satu sel",
        'a closing double quote (") for the quote opened in this row; without it, everything to the end of the '
        "file reads as one cell",
    ),
    "ingest.exp.csv_shape": (
        "setiap baris dengan jumlah kolom yang sama seperti baris judul ({error})",
        "every row with as many fields as the header row ({error})",
    ),
    "ingest.exp.no_header": (
        "baris judul dengan nama kolom yang dikenal untuk {kinds} (lihat templat)",
        "a header row with recognised column names for {kinds} (see the template)",
    ),
    "ingest.exp.required_column": (
        "kolom wajib «{name}» ({label}; atau: {synonyms}); tanpa kolom ini {n} baris tidak dapat disimpan",
        "required column «{name}» ({label}; or: {synonyms}); without it {n} {n|row|rows} cannot be stored",
    ),
    "ingest.exp.required_column_unknown": (
        "nama kolom yang dikenal: kolom ini tidak dikenal dan kolom wajib «{name}» tidak ada; "
        "tanpa kolom ini {n} baris tidak dapat disimpan",
        "a known column name: this column is not recognised and the required column «{name}» is missing; "
        "without it {n} {n|row|rows} cannot be stored",
    ),
    "ingest.exp.required_empty_column": (
        "isian di kolom wajib ini: kolom kosong di semua {n} baris",
        "values in this required column: it is empty in all {n} {n|row|rows}",
    ),
    "ingest.exp.extra_fields": (
        "paling banyak {n} kolom seperti baris judul (baris ini lebih panjang; periksa pemisah atau tanda kutip)",
        "at most {n} {n|field|fields} like the header row (this row is longer; check the delimiter or the quotes)",
    ),
    "ingest.exp.no_rows": ("baris data di bawah judul kolom", "data rows below the header row"),
    # cell-level problems
    "ingest.exp.required_value": (
        "isian (kolom wajib tidak boleh kosong)",
        "a value (required column cannot be empty)",
    ),
    "ingest.exp.number": (
        "angka, mis. 1.234,5 · 1,234.5 · Rp 1.500.000 · 56,7 %",
        "a number, e.g. 1.234,5 · 1,234.5 · Rp 1.500.000 · 56,7 %",
    ),
    "ingest.exp.number_convention": (
        "angka dengan format yang sama seperti sel lain di kolom ini ({convention})",
        "a number written like the other cells of this column ({convention})",
    ),
    "ingest.conv.id": ("titik pemisah ribuan, koma desimal: 1.234,5", "dot for thousands, comma for decimals: 1.234,5"),
    "ingest.conv.en": ("koma pemisah ribuan, titik desimal: 1,234.5", "comma for thousands, dot for decimals: 1,234.5"),
    "ingest.exp.date": (
        "tanggal: 2024-03-31 · 31/03/2024 · 31-03-2024 · 31 Maret 2024 · Des 2024",
        "a date: 2024-03-31 · 31/03/2024 · 31-03-2024 · 31 Maret 2024 · Des 2024",
    ),
    "ingest.exp.period": (
        "periode: 2024 · 2024-Q3 · Q3 2024 · TW III 2024 · Triwulan 2 2024 · 2024-07 · 202407 · Juli 2024 · 07/2024",
        "a period: 2024 · 2024-Q3 · Q3 2024 · TW III 2024 · Triwulan 2 2024 · 2024-07 · 202407 · Juli 2024 · 07/2024",
    ),
    "ingest.exp.enum": ("salah satu dari: {choices}", "one of: {choices}"),
    "ingest.exp.likert": (
        "1–5 atau Sangat tidak setuju · Tidak setuju · Netral · Setuju · Sangat setuju",
        "1–5 or Strongly disagree · Disagree · Neutral · Agree · Strongly agree",
    ),
    "ingest.exp.list": (
        "daftar teks dipisahkan dengan ; (mis. BKKBN; UNFPA)",
        "a list of texts separated by ; (e.g. BKKBN; UNFPA)",
    ),
    "ingest.exp.flag": ("0 atau 1 (pilihan tidak dicentang / dicentang)", "0 or 1 (option not ticked / ticked)"),
    "ingest.exp.province": (
        "nama, singkatan atau kode BPS provinsi (mis. Jawa Barat · Jabar · 32)",
        "a province name, abbreviation or BPS code (e.g. Jawa Barat · Jabar · 32)",
    ),
    "ingest.exp.kabupaten": (
        "nama atau kode Kemendagri salah satu dari 514 kabupaten/kota (mis. Kabupaten Bogor · Kota Bogor · 32.01)",
        "the name or Kemendagri code of one of the 514 kabupaten/kota (e.g. Kabupaten Bogor · Kota Bogor · 32.01)",
    ),
    "ingest.exp.kabupaten_ambiguous": (
        "nama yang menyebut Kabupaten atau Kota: {n} kabupaten/kota bernama demikian",
        "a name that says Kabupaten or Kota: {n} kabupaten/kota have this name",
    ),
    "ingest.exp.kabupaten_province": (
        "kabupaten/kota di provinsi baris ini ({provinsi}); yang bernama demikian ada di {lain}",
        "a kabupaten/kota of the row's province ({provinsi}); the one with this name is in {lain}",
    ),
    "ingest.exp.province_conflict": (
        "kode dan nama provinsi yang sesuai: {a} tidak sama dengan {b} (kode Papua berbeda antara BPS dan Kemendagri)",
        "a province code and name that agree: {a} is not {b} (Papua codes differ between BPS and Kemendagri)",
    ),
    "ingest.exp.indicator": (
        "kode atau nama indikator dari katalog (mis. {example})",
        "an indicator code or name from the catalog (e.g. {example})",
    ),
    "ingest.exp.future_date": (
        "tanggal yang tidak di masa depan (hari ini {today})",
        "a date not in the future (today is {today})",
    ),
    "ingest.exp.survey_before_start": (
        "tanggal survei tidak sebelum kemitraan {code} dimulai ({start})",
        "a survey date not before partnership {code} started ({start})",
    ),
    "ingest.warn.date_from_meta": (
        "formulir tidak punya pertanyaan tanggal survei: tanggal survei diambil dari kolom ini (waktu pengisian "
        "atau pengiriman formulir)",
        "the form has no survey date question: the survey date is taken from this column (when the form was "
        "filled in or submitted)",
    ),
    "ingest.exp.range": ("angka antara {min} dan {max}", "a number between {min} and {max}"),
    "ingest.exp.min": ("angka ≥ {min}", "a number ≥ {min}"),
    "ingest.exp.end_after_start": (
        "tanggal selesai yang tidak sebelum tanggal mulai ({start})",
        "an end date not before the start date ({start})",
    ),
    "ingest.exp.period_overlap": (
        "periode yang tidak tumpang-tindih dengan laporan {indikator} lain untuk kemitraan ini: {other} dalam "
        "unggahan yang sama mencakup bulan yang sama — laporkan satu indikator dengan satu jenis periode saja",
        "a period that does not overlap another report of {indikator} for this partnership: {other} in the same "
        "upload covers the same months — report one indicator at one kind of period only",
    ),
    "ingest.exp.period_overlap_stored": (
        "periode yang tidak tumpang-tindih dengan laporan {indikator} yang sudah tersimpan untuk kemitraan ini: "
        "{other} mencakup bulan yang sama; bulan-bulan itu akan terhitung dua kali (batalkan dulu unggahan lama "
        "bila jenis periodenya memang berganti)",
        "a period that does not overlap a stored report of {indikator} for this partnership: {other} covers the "
        "same months, which would count twice (undo the earlier upload first if the kind of period really changed)",
    ),
    "ingest.exp.orphan": (
        "kode kemitraan yang sudah tersimpan atau ada dalam unggahan yang sama",
        "a partnership code already stored or in the same upload",
    ),
    "ingest.exp.orphan_refused": (
        "kemitraan yang barisnya sendiri ditolak di unggahan ini ({where}); perbaiki baris itu dahulu. "
        "{n} baris di sini merujuk kepadanya: baris {rowlist}",
        "partnerships whose own rows were refused in this upload ({where}); fix those rows first. "
        "{n} {n|row|rows} here {n|refers|refer} to them: rows {rowlist}",
    ),
    "ingest.exp.orphan_unreadable": (
        "kemitraan dari {where}, yang tidak dapat dibaca (lihat masalah di atas); perbaiki dahulu. "
        "{n} baris di sini merujuk ke kode yang belum tersimpan: baris {rowlist}",
        "partnerships from {where}, which could not be read (see the problems above); fix it first. "
        "{n} {n|row|rows} here {n|refers|refer} to codes not stored yet: rows {rowlist}",
    ),
    "ingest.word.rows": ("baris", "rows"),
    "ingest.exp.duplicate": (
        "kunci unik ({keycols}); baris {row} memakai kunci yang sama dengan nilai lain",
        "a unique key ({keycols}); row {row} has the same key with other values",
    ),
    "ingest.exp.duplicate_file": (
        "kunci unik ({keycols}); {other} baris {row} memakai kunci yang sama dengan nilai lain — unggah berkas satu per satu",
        "a unique key ({keycols}); {other} row {row} has the same key with other values — upload the files one at a time",
    ),
    # warnings
    "ingest.warn.duplicate_same": (
        "baris ini sama persis dengan baris {row}; disimpan sekali",
        "this row repeats row {row} exactly; stored once",
    ),
    "ingest.warn.report_before_start": (
        "periode laporan ini berakhir sebelum kemitraan {code} dimulai ({start}); disimpan — periksa periode atau kode",
        "this report's period ended before partnership {code} started ({start}); stored — check the period or the code",
    ),
    "ingest.warn.ignored_column": (
        "kolom tidak dikenal untuk {kind}; diabaikan",
        "column not known for {kind}; ignored",
    ),
    "ingest.warn.penyebut_wide": (
        "penyebut diabaikan pada lembar dengan satu kolom per indikator (satu penyebut tidak berlaku untuk semua "
        "indikator di baris itu); pakai format panjang (kode_indikator, nilai, penyebut) untuk menyimpan penyebut",
        "denominator ignored in a sheet with one column per indicator (one denominator cannot serve every indicator "
        "of the row); use the long layout (kode_indikator, nilai, penyebut) to store denominators",
    ),
    "ingest.warn.duplicate_column": (
        "kolom «{name}» muncul lebih dari sekali; yang dipakai: «{used}»",
        "column «{name}» appears more than once; used: «{used}»",
    ),
    "ingest.warn.personal": (
        "data pribadi (responden, narahubung, petugas): kolom dihapus sebelum penyimpanan, tidak pernah disimpan "
        "dan tidak ikut dalam unduhan",
        "personal data (a respondent, contact person or enumerator): column dropped before storing, never stored "
        "and never in a download",
    ),
    "ingest.warn.sheet_skipped": (
        "lembar tanpa baris judul yang dikenal; dilewati",
        "sheet without a recognised header row; skipped",
    ),
    "ingest.warn.more": ("… dan {n} catatan lain tidak ditampilkan", "… and {n} more notes not shown"),
    "ingest.warn.ambiguous_number_id": (
        "semua angka di kolom ini dapat dibaca dua cara; dibaca dengan format Indonesia (titik = ribuan, koma = desimal):"
        " angka ini dibaca {read}",
        "every number in this column reads two ways; read in the Indonesian convention (dot = thousands, comma = "
        "decimals): this one as {read}",
    ),
    "ingest.warn.ambiguous_number_en": (
        "semua angka di kolom ini dapat dibaca dua cara; dibaca seperti kolom angka lain di lembar ini "
        "(koma = ribuan, titik = desimal): angka ini dibaca {read}",
        "every number in this column reads two ways; read like the other number columns of this sheet "
        "(comma = thousands, dot = decimals): this one as {read}",
    ),
    "ingest.warn.extension": (
        "isi berkas adalah {actual}, bukan {ext}; dibaca sebagai {actual}",
        "the file holds {actual}, not {ext}; read as {actual}",
    ),
    # DHIS2 data value sets
    "ingest.exp.json": ("berkas JSON yang sah ({error})", "a valid JSON file ({error})"),
    "ingest.exp.json_too_big": (
        "berkas JSON paling besar {limit} MB (berkas ini {size} MB); ekspor sebagai CSV untuk data yang lebih besar",
        "a JSON file of at most {limit} MB (this one is {size} MB); export larger data as CSV",
    ),
    "ingest.exp.json_not_dhis2": (
        "JSON data value set DHIS2 (objek dengan daftar «dataValues»); berkas JSON lain tidak dibaca",
        "a DHIS2 data value set in JSON (an object with a «dataValues» list); other JSON files are not read",
    ),
    "ingest.exp.json_value": (
        "data value berupa objek (dataElement, period, attributeOptionCombo, value, …)",
        "a data value as an object (dataElement, period, attributeOptionCombo, value, …)",
    ),
    "ingest.exp.dataelement": (
        "data element yang dikenal: kode atau nama indikator katalog, atau baris di {mapping} "
        "(tambahkan baris «data element,kode_indikator» ke {mapping} di folder data)",
        "a known data element: an indicator code or name of the catalog, or a line of {mapping} "
        "(add a line «data element,kode_indikator» to {mapping} in the data folder)",
    ),
    "ingest.exp.dhis2_period": (
        "periode DHIS2 bulanan, triwulanan atau tahunan: 202401 · 2024Q1 · 2024 (periode mingguan, "
        "semesteran atau tahun anggaran tidak disimpan)",
        "a monthly, quarterly or yearly DHIS2 period: 202401 · 2024Q1 · 2024 (weekly, six-monthly and "
        "financial-year periods are not stored)",
    ),
    "ingest.exp.dhis2_number": (
        "angka seperti DHIS2 menuliskannya: titik desimal, tanpa pemisah ribuan (1234.5)",
        "a number as DHIS2 writes it: a decimal point, no thousands separator (1234.5)",
    ),
    "ingest.exp.orphan_dhis2": (
        "kode kemitraan yang sudah tersimpan sebagai attribute option combo (ekspor dari DHIS2 dengan "
        "idScheme=CODE, sehingga kolom ini berisi kode kemitraan)",
        "a partnership code already stored, as the attribute option combo (export from DHIS2 with "
        "idScheme=CODE, so this column holds the partnership code)",
    ),
    "ingest.exp.mapping_header": (
        "berkas pemetaan DHIS2 dengan kolom dataelement dan kode_indikator",
        "a DHIS2 mapping file with the columns dataelement and kode_indikator",
    ),
    "ingest.exp.mapping_row": (
        "data element dan kode indikator dari katalog (mis. {example})",
        "a data element and an indicator code of the catalog (e.g. {example})",
    ),
    "ingest.warn.dhis2_by_position": (
        "dibaca sebagai data value set DHIS2 menurut urutan kolomnya (dataelement, period, orgunit, catoptcombo, "
        "attroptcombo, value, storedby, lastupdated, comment, followup, deleted), seperti DHIS2 membacanya; "
        "nama kolom di baris judul tidak dipakai",
        "read as a DHIS2 data value set by its column order (dataelement, period, orgunit, catoptcombo, "
        "attroptcombo, value, storedby, lastupdated, comment, followup, deleted), as DHIS2 reads it; the names in "
        "the header row are not used",
    ),
    "ingest.warn.dhis2_headerless": (
        "tanpa baris judul: baris pertama sudah berisi data; dibaca sebagai data value set DHIS2 menurut urutan "
        "kolomnya (dataelement, period, orgunit, catoptcombo, attroptcombo, value, …)",
        "no header row: the first row already holds data; read as a DHIS2 data value set by its column order "
        "(dataelement, period, orgunit, catoptcombo, attroptcombo, value, …)",
    ),
    "ingest.warn.dhis2_deleted": (
        "{n} nilai bertanda deleted=true tidak disimpan: baris {rowlist}",
        "{n} {n|value|values} marked deleted=true not stored: rows {rowlist}",
    ),
    # rows that are not records
    "ingest.warn.skip_totals": (
        "{n} baris jumlah, subtotal atau rata-rata (label seperti JUMLAH, TOTAL, Sub Total, atau angka yang sama "
        "dengan jumlah baris di atasnya) bukan data dan tidak disimpan: baris {rowlist}",
        "{n} total, subtotal or average {n|row|rows} (a label such as JUMLAH, TOTAL, Sub Total, or numbers equal to the "
        "sum of the rows above) are not data and were not stored: rows {rowlist}",
    ),
    "ingest.warn.skip_footnotes": (
        "{n} baris catatan (Sumber:, Catatan:, * …) bukan data dan tidak disimpan: baris {rowlist}",
        "{n} note {n|row|rows} (Sumber:, Catatan:, * …) are not data and were not stored: rows {rowlist}",
    ),
    "ingest.warn.skip_example": (
        "{n} baris contoh dari templat ({codes}) tidak disimpan: baris {rowlist}",
        "{n} example {n|row|rows} of the template ({codes}) not stored: rows {rowlist}",
    ),
    "ingest.warn.skip_blank": (
        "{n} baris kosong di antara data dilewati: baris {rowlist}",
        "{n} blank {n|row|rows} between the data skipped: rows {rowlist}",
    ),
    "ingest.hint.did_you_mean": ("mungkin maksud Anda: {value}?", "did you mean: {value}?"),
    # command line
    "ingest.cli.summary": (
        "{kind}: {new} baru, {replaced} mengganti nilai lama, {unchanged} tidak berubah, {invalid} tidak sah",
        "{kind}: {new} new, {replaced} replacing an earlier value, {unchanged} unchanged, {invalid} invalid",
    ),
    "ingest.cli.dry_run": ("Uji coba: tidak ada yang disimpan.", "Dry run: nothing was stored."),
    "ingest.cli.nothing_new": (
        "Tidak ada baris baru atau berubah; tidak ada batch dibuat.",
        "No new or changed rows; no batch created.",
    ),
    "ingest.cli.stored": (
        "Disimpan sebagai batch {batch_id} ({file}, {rows} baris).",
        "Stored as batch {batch_id} ({file}, {rows} {rows|row|rows}).",
    ),
    "ingest.cli.skipped_invalid": (
        "{n} baris tidak sah dilewati.",
        "{n} invalid {n|row|rows} skipped.",
    ),
    "ingest.cli.more": ("… dan {n} masalah lain", "… and {n} more {n|problem|problems}"),
    "ingest.cli.bad_kind": (
        "--kind harus salah satu dari: {choices} (bukan «{got}»)",
        "--kind must be one of: {choices} (got «{got}»)",
    ),
    "ingest.cli.no_file": ("berkas tidak ditemukan: {path}", "file not found: {path}"),
    "undo.cli.done": ("Batch {batch_id} dibatalkan ({file}).", "Batch {batch_id} undone ({file})."),
    "undo.cli.unknown": ("Batch «{batch_id}» tidak ditemukan.", "Batch «{batch_id}» not found."),
    "undo.cli.already": (
        "Batch «{batch_id}» sudah dibatalkan pada {at}.",
        "Batch «{batch_id}» was already undone at {at}.",
    ),
    "ingest.progress.read": ("Membaca {file}", "Reading {file}"),
    "ingest.progress.check": ("Memeriksa {file}", "Checking {file}"),
    "ingest.progress.compare": ("Membandingkan dengan data tersimpan", "Comparing with stored data"),
    "ingest.progress.done": ("Selesai", "Done"),
    "ingest.kind.indikator": ("indikator", "indicators"),
    "ingest.kind.survei": ("survei", "survey"),
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "ingest.col.file": "col.file",
    "ingest.col.value": "col.nilai",
    "ingest.col.rows": "an.jelajah.rows",
    "ingest.kind.kemitraan": "satuan.kemitraan",
}
