"""`python -m kemitraan --help`: the program's, each command's and each option's help (kemitraan.cli).

``cli.<command>`` is a command's description; ``cli.<command>.<option>`` an option of one command and
``cli.opt.<option>`` one that several commands share; ``cli.argparse.*`` the texts argparse writes itself.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.description": (
        "Dasbor Kemitraan: penyimpanan data, data demo, unggah dan SQL hanya-baca.",
        "Dasbor Kemitraan: data store, demo data, ingest and read-only SQL.",
    ),
    "cli.argparse.usage": ("pemakaian: ", "usage: "),
    "cli.argparse.positionals": ("argumen", "positional arguments"),
    "cli.argparse.options": ("opsi", "options"),
    "cli.argparse.help": ("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "cli.argparse.commands": ("perintah", "commands"),
    "cli.opt.data_dir": (
        "folder data (bawaan: $KEMITRAAN_DATA_DIR atau ./data)",
        "data folder (default: $KEMITRAAN_DATA_DIR or ./data)",
    ),
    "cli.opt.lang": ("bahasa pesan (id atau en)", "language of the messages (id or en)"),
    "cli.opt.json": ("cetak sebagai JSON", "print JSON"),
    "cli.opt.user": (
        "siapa yang melakukannya (bawaan: $KEMITRAAN_USER atau nama login)",
        "who does it (default: $KEMITRAAN_USER or the login name)",
    ),
    "cli.opt.kategori": (
        "kategori kemitraan; ulangi opsinya atau pisahkan kode dengan koma",
        "partnership category; repeat the flag or separate codes with commas",
    ),
    "cli.opt.bidang": (
        "bidang program; ulangi opsinya atau pisahkan kode dengan koma",
        "program area; repeat the flag or separate codes with commas",
    ),
    "cli.opt.provinsi": (
        "provinsi (kode BPS atau nama); ulangi opsinya atau pisahkan dengan koma",
        "province (BPS code or name); repeat the flag or separate codes with commas",
    ),
    "cli.opt.kabupaten": (
        "kabupaten/kota: nama dalam ejaan apa pun (Kab. Bogor, Kabupaten Bogor) atau kode Kemendagri (32.01); ulangi "
        "opsinya atau pisahkan dengan koma",
        "kabupaten/kota: a name in any spelling (Kab. Bogor, Kabupaten Bogor) or a Kemendagri code (32.01); repeat "
        "the flag or separate them with commas",
    ),
    "cli.opt.dari": ("bulan pertama yang dihitung", "first month included"),
    "cli.opt.per": (
        "data seperti tersimpan saat itu: nomor snapshot (12), tanggal (2026-03-03 = akhir hari itu, "
        "waktu lokal mesin ini) atau tanggal dan jam (2026-03-03T10:15:30, offset boleh)",
        "the data as stored then: a snapshot number (12), a date (2026-03-03 = the end of that day, this "
        "machine's local time) or a date and time (2026-03-03T10:15:30, offset optional)",
    ),
    "cli.opt.sampai": ("bulan terakhir yang dihitung", "last month included"),
    "cli.opt.out": ("berkas yang ditulis", "file to write"),
    "cli.opt.force": ("timpa berkas itu bila sudah ada", "overwrite the file if it exists"),
    "cli.opt.batch_id": ("seperti yang didaftar oleh `batches`", "as listed by `batches`"),
    "cli.angka": (
        "Cetak angka utama yang ditampilkan halaman untuk filter yang diberikan (periode, kategori, bidang program, "
        "provinsi, kabupaten/kota); --json untuk mesin.",
        "Print the headline figures the pages show for the given filters (period, category, program area, "
        "province, kabupaten/kota); --json for machines.",
    ),
    "cli.angka.sertakan_ditandai": (
        "sertakan nilai yang ditandai aturan mutu data (bawaannya tidak dihitung, seperti di halaman)",
        "include the values the data-quality rules flag (left out by default, as on the pages)",
    ),
    "cli.angka.lang": ("bahasa tabel dan pesan (id atau en)", "language of the table and the messages (id or en)"),
    "cli.batches": (
        "Daftar setiap batch (unggahan) dengan berkas, jenis, baris dan waktunya, dan apakah rusak; --json untuk mesin.",
        "List every batch (upload) with its file, kind, rows and time, and whether it is damaged; --json for machines.",
    ),
    "cli.check": (
        "Periksa setiap batch: ukuran setiap berkas data, footer Parquet, jumlah baris, sha256 dan nilainya; serta "
        "berkas pengguna. Keluar 1 bila batch aktif rusak (disisihkan dari tampilan) atau berkas pengguna tidak "
        "dapat dipakai, 0 bila tidak.",
        "Verify every batch: every data file's size, Parquet footer, row count, sha256 and values; and the users "
        "file. Exit 1 if a live batch is damaged (it is set aside from the views) or the users file cannot be used, "
        "0 otherwise.",
    ),
    "cli.kabupaten": (
        "Laporkan bagaimana nama kabupaten/kota kemitraan yang disimpan sebelum pencocokan dipetakan ke 514 wilayah, "
        "dan daftar yang tidak dapat dicocokkan beserta wilayah yang mungkin dimaksud; --json untuk mesin. Keluar 0 "
        "bila semua cocok, 1 bila tidak.",
        "Report how the kabupaten/kota names of partnerships stored before matching map to the 514 areas, and list "
        "those that could not be matched with the areas they may mean; --json for machines. Exit 0 when every name "
        "matched, 1 otherwise.",
    ),
    "cli.kabupaten.lang": ("bahasa laporan (id atau en)", "language of the report (id or en)"),
    "cli.demo": (
        "Tulis data demo sintetis (selalu sama) ke penyimpanan sebagai batch 'demo'; --hide membatalkannya (mulai "
        "dengan data sendiri), --show mengembalikannya.",
        "Write the deterministic synthetic demo dataset into the store as batch 'demo'; --hide undoes it (start "
        "with your own data), --show brings it back.",
    ),
    "cli.demo.partnerships": ("jumlah kemitraan (bawaan {default})", "number of partnerships (default {default})"),
    "cli.demo.years": ("tahun data indikator (bawaan {default})", "years of indicator data (default {default})"),
    "cli.demo.seed": ("benih acak (benih sama, data sama)", "random seed (same seed, same data)"),
    "cli.demo.batch_id": ("id batch (bawaan '{default}')", "batch id (default '{default}')"),
    "cli.demo.hide": (
        "batalkan batch demo (dapat dikembalikan dengan --show)",
        "undo the demo batch (reversible with --show)",
    ),
    "cli.demo.show": ("kembalikan batch demo yang disembunyikan", "bring a hidden demo batch back"),
    "cli.demo.yes": (
        "sembunyikan walau baris batch lain memakai kemitraan demo",
        "hide even when rows of other batches use demo partnerships",
    ),
    "cli.export": (
        "Ekspor presentasi untuk filter yang diberikan: PowerPoint dengan grafik asli (pptx), satu laporan HTML "
        "luring (html) atau data di balik setiap grafik (xlsx).",
        "Export the presentation deck for the given filters: PowerPoint with native charts (pptx), one offline "
        "HTML report (html) or the data behind every chart (xlsx).",
    ),
    "cli.export.format": ("pptx | html | xlsx", "pptx | html | xlsx (format)"),
    "cli.export.lang": ("bahasa ekspor dan pesan (id atau en)", "language of the export and the messages (id or en)"),
    "cli.export.slides": (
        "slide berurutan (bawaan: ringkasan,jangkauan,dana,dampak,kesehatan,peta)",
        "slides in order (default: ringkasan,jangkauan,dana,dampak,kesehatan,peta)",
    ),
    "cli.hash-password": (
        "Baca kata sandi dari masukan standar (tidak tampil di terminal) dan cetak hash argon2-nya untuk berkas "
        "pengguna (.streamlit/users.toml atau $KEMITRAAN_USERS_FILE).",
        "Read a password from standard input (not echoed on a terminal) and print its argon2 hash for the users "
        "file (.streamlit/users.toml or $KEMITRAAN_USERS_FILE).",
    ),
    "cli.hash-password.lang": (
        "bahasa pertanyaan dan pesan (id atau en)",
        "language of the prompts and messages (id or en)",
    ),
    "cli.ingest": (
        "Baca, periksa dan simpan lembar kerja (CSV, XLSX, ODS; KoboToolbox, ODK, DHIS2). Ketat: berkas yang ada "
        "kesalahannya tidak menyimpan apa pun kecuali dengan --skip-invalid.",
        "Read, check and store spreadsheets (CSV, XLSX, ODS; KoboToolbox, ODK, DHIS2). Strict: a file with errors "
        "stores nothing unless --skip-invalid.",
    ),
    "cli.ingest.files": ("berkas CSV/XLSX/XLS/ODS", "CSV/XLSX/XLS/ODS files"),
    "cli.ingest.kind": (
        "kemitraan | indikator | survei (bawaan: dikenali dari judul kolom)",
        "kemitraan | indikator | survei (default: detected from the headers)",
    ),
    "cli.ingest.dry_run": ("hanya laporan, tidak menyimpan apa pun", "report only, store nothing"),
    "cli.ingest.skip_invalid": (
        "simpan baris yang sah, lewati yang tidak sah",
        "store the valid rows, skip the invalid ones",
    ),
    "cli.redo": (
        "Kembalikan batch yang dibatalkan: barisnya kembali ke tampilan selama tidak ada batch yang lebih baru dengan "
        "kunci yang sama (nilai terbaru per kunci menurut urutan unggah). Dicatat seperti pembatalan.",
        "Bring an undone batch back: its rows return to the views where no later batch holds the same key "
        "(latest value per key is by upload order). Recorded like undo.",
    ),
    "cli.sql": (
        "Jalankan satu kueri SQL hanya-baca atas tampilan kemitraan, indikator, survei dan batches (tanpa akses "
        "berkas, dengan batas waktu dan memori).",
        "Run one read-only SQL query over the views kemitraan, indikator, survei and batches (no file access, "
        "time and memory limits).",
    ),
    "cli.sql.query": (
        'mis. "SELECT kategori, count(*) FROM kemitraan GROUP BY 1"',
        'e.g. "SELECT kategori, count(*) FROM kemitraan GROUP BY 1"',
    ),
    "cli.sql.format": (
        "csv: teks yang dapat berjalan sebagai rumus lembar kerja ditulis sebagai teks",
        "csv: text that could run as a spreadsheet formula is written as text",
    ),
    "cli.sql.timeout": (
        "hentikan kueri setelah sekian detik (bawaan {default})",
        "stop the query after this many seconds (default {default})",
    ),
    "cli.sql.memory_limit": ("mis. 512MB, 2GB (bawaan {default})", "e.g. 512MB, 2GB (default {default})"),
    "cli.sql.max_rows": (
        "cetak paling banyak sekian baris, dan katakan bila dipotong (bawaan {default})",
        "print at most this many rows, and say so when cut (default {default})",
    ),
    "cli.template": (
        "Tulis templat unggah XLSX (satu lembar per jenis, daftar pilihan, petunjuk), atau dengan --xlsform survei "
        "kemitraan sebagai XLSForm untuk KoboToolbox/ODK.",
        "Write the XLSX upload template (one sheet per kind, drop-downs, instructions), or with --xlsform the "
        "partnership survey as an XLSForm for KoboToolbox/ODK.",
    ),
    "cli.template.xlsform": ("tulis XLSForm survei, bukan templat", "write the survey XLSForm instead of the template"),
    "cli.template.lang": ("bahasa label daftar pilihan (id atau en)", "language of the drop-down labels (id or en)"),
    "cli.undo": (
        "Batalkan satu batch (unggahan): barisnya keluar dari tampilan; batch disimpan dan pembatalan dicatat (redo "
        "mengembalikannya). Baris batch lain yang memerlukan kemitraannya didaftar lebih dulu dan konfirmasi diminta.",
        "Undo one batch (upload): its rows leave the views; the batch is kept and the undo recorded (redo brings "
        "it back). Rows of other batches that need its partnerships are listed first and a confirmation asked.",
    ),
    "cli.undo.yes": (
        "batalkan walau baris batch lain bergantung padanya",
        "undo even when rows of other batches depend on it",
    ),
}
