"""Damaged batches (kemitraan.storage.batch_check), `python -m kemitraan check`, and `batches`."""

STRINGS: dict[str, tuple[str, str]] = {
    "store.batch.not_found": ("Batch {batch_id} tidak ditemukan.", "Batch {batch_id} was not found."),
    "store.batch.already_undone": ("Batch {batch_id} sudah dibatalkan.", "Batch {batch_id} is already undone."),
    "store.batch.not_undone": (
        "Batch {batch_id} masih aktif, tidak sedang dibatalkan: tidak ada yang dipulihkan.",
        "Batch {batch_id} is live, not undone: there is nothing to bring back.",
    ),
    "store.batch.damaged": (
        "Batch {batch_id} rusak ({reason}) dan tidak dapat dipulihkan; jalankan `check` untuk rinciannya.",
        "Batch {batch_id} is damaged ({reason}) and cannot be brought back; run `check` for the details.",
    ),
    "store.batch.invalid_id": (
        "ID batch {batch_id} tidak sah: diawali huruf atau angka, lalu huruf, angka, titik, garis bawah atau tanda "
        "hubung, paling banyak 81 karakter.",
        "The batch id {batch_id} is not valid: a letter or digit first, then letters, digits, dots, underscores or "
        "hyphens, at most 81 characters in all.",
    ),
    "store.batch.exists": (
        "Batch {batch_id} sudah ada: setiap unggahan memerlukan ID batch baru.",
        "Batch {batch_id} already exists: every upload needs a new batch id.",
    ),
    "store.catalog_unreachable": (
        "Katalog data (PostgreSQL di {where}) tidak dapat dihubungi: server basis data mati, alamatnya salah, atau "
        "jaringan menolak. Data yang tersimpan aman. Coba lagi sebentar lagi; pengelola dasbor dapat memeriksa "
        "server PostgreSQL dan pengaturan KEMITRAAN_CATALOG (rinciannya ada di log).",
        "The data catalog (PostgreSQL at {where}) cannot be reached: the database server is down, its address is "
        "wrong, or the network refuses. The stored data are safe. Try again in a moment; the dashboard's "
        "administrator can check the PostgreSQL server and the KEMITRAAN_CATALOG setting (details in the log).",
    ),
    "store.per.read_only": (
        "Data per snapshot {snapshot} hanya dapat dibaca: unggah, batalkan dan catatan tidak bisa di masa lalu.",
        "The data as of snapshot {snapshot} are read only: uploads, undo and notes cannot change the past.",
    ),
    "store.per.no_snapshot": (
        "Snapshot {snapshot} tidak ada: yang tersedia {first} sampai {last}.",
        "There is no snapshot {snapshot}: the available ones are {first} to {last}.",
    ),
    "store.per.too_early": (
        "Belum ada data pada {moment}: saat paling awal yang tersedia adalah {first}.",
        "There are no data at {moment}: the earliest available moment is {first}.",
    ),
    "store.per.bad_value": (
        '"{value}" bukan waktu data: tulis nomor snapshot (12), tanggal (2026-03-03, akhir hari itu) '
        "atau tanggal dan jam (2026-03-03T10:15:30).",
        '"{value}" is no data moment: write a snapshot number (12), a date (2026-03-03, the end of that day) '
        "or a date and time (2026-03-03T10:15:30).",
    ),
    "store.per.snapshot": ("snapshot {id} · {waktu}", "snapshot {id} · {waktu}"),
    "store.per.snapshot_id": ("snapshot {id}", "snapshot {id}"),
    "store.per.banner": (
        "Data per {waktu} (snapshot {id}): tampilan hanya-baca, unggah dan pembatalan tidak tersedia.",
        "Data as of {waktu} (snapshot {id}): read only, uploads and undo are not available.",
    ),
    "store.per.invalid": (
        'Data per "{value}" tidak dapat dipakai ({reason}); ditampilkan data terbaru.',
        'Data as of "{value}" cannot be used ({reason}); showing the latest data.',
    ),
    "store.per.help": (
        "Kosong: data terbaru. Nomor snapshot (12), tanggal (2026-03-03 = akhir hari itu, waktu server) "
        "atau tanggal dan jam (2026-03-03T10:15:30).",
        "Empty: the latest data. A snapshot number (12), a date (2026-03-03 = the end of that day, server time) "
        "or a date and time (2026-03-03T10:15:30).",
    ),
    "store.damage.manifest_missing": (
        "Unggahan {batch_id} rusak: berkas {file} tidak ada.",
        "Upload {batch_id} is damaged: its {file} is missing.",
    ),
    "store.damage.manifest_invalid": (
        "Unggahan {batch_id} rusak: berkas {file} tidak dapat dibaca ({detail}).",
        "Upload {batch_id} is damaged: its {file} cannot be read ({detail}).",
    ),
    "store.damage.file_missing": (
        "Unggahan {batch_id} rusak: berkas {file} hilang.",
        "Upload {batch_id} is damaged: its file {file} is missing.",
    ),
    "store.damage.size_mismatch": (
        "Unggahan {batch_id} rusak: ukuran berkas {file} berubah sejak disimpan ({detail} bita).",
        "Upload {batch_id} is damaged: the size of {file} changed since it was stored ({detail} {detail|byte|bytes}).",
    ),
    "store.damage.unreadable": (
        "Unggahan {batch_id} rusak: berkas {file} tidak dapat dibaca ({detail}).",
        "Upload {batch_id} is damaged: its file {file} cannot be read ({detail}).",
    ),
    "store.damage.rows_mismatch": (
        "Unggahan {batch_id} rusak: jumlah baris {file} tidak sama dengan catatannya ({detail}).",
        "Upload {batch_id} is damaged: the row count of {file} differs from its record ({detail}).",
    ),
    "store.damage.checksum_mismatch": (
        "Unggahan {batch_id} rusak: isi berkas {file} berubah sejak disimpan (checksum sha256 berbeda).",
        "Upload {batch_id} is damaged: the content of {file} changed since it was stored (sha256 differs).",
    ),
    "store.damage.advice": (
        "Data unggahan ini disisihkan; halaman menampilkan unggahan lainnya. Pulihkan folder lake/{folder} dari "
        "cadangan, atau batalkan unggahan ini (python -m kemitraan undo {batch_id}) lalu unggah ulang berkasnya.",
        "Its data is set aside; the pages show the other uploads. Restore the folder lake/{folder} from a backup, "
        "or undo this upload (python -m kemitraan undo {batch_id}) and upload its file again.",
    ),
    "store.damage.advice_undone": (
        "Unggahan ini sudah dibatalkan, jadi tidak ditampilkan; riwayatnya tetap disimpan di lake/{folder}.",
        "This upload is already undone, so it is not shown; its history stays in lake/{folder}.",
    ),
    # python -m kemitraan check
    "check.ok": ("OK      {batch_id}", "OK      {batch_id}"),
    "check.recovered.migrated": (
        "Folder data versi lama dipindahkan ke lake (DuckLake): {detail}. Folder lamanya disimpan di {moved_to}.",
        "The data folder of the old layout was moved into the lake (DuckLake): {detail}. The old folders are kept "
        "in {moved_to}.",
    ),
    "check.recovered.migration_finished": (
        "Pemindahan folder data versi lama diselesaikan: folder lamanya disimpan di {moved_to}.",
        "The move of the old layout was finished: the old folders are kept in {moved_to}.",
    ),
    "check.ok_no_checksum": (
        "OK      {batch_id} (checksum belum tercatat: isi berkas dibaca utuh, checksum-nya dicatat sekarang)",
        "OK      {batch_id} (no checksum recorded yet: every value decoded, its checksum recorded now)",
    ),
    # a full disk (or a quota used up, or a file over the system's size limit): one message per kind of write
    "store.disk_full.commit": (
        "Disk server penuh (atau kuotanya habis): unggahan {file} tidak disimpan, tidak ada yang setengah tertulis. "
        "Kosongkan ruang disk di server, lalu konfirmasi lagi.",
        "The server's disk is full (or its quota used up): the upload {file} was not stored, nothing is half "
        "written. Free some disk space on the server, then confirm again.",
    ),
    "store.disk_full.undo": (
        "Disk server penuh (atau kuotanya habis): unggahan {batch_id} tidak dibatalkan dan tetap aktif. "
        "Kosongkan ruang disk di server, lalu coba lagi.",
        "The server's disk is full (or its quota used up): upload {batch_id} was not undone and is still live. "
        "Free some disk space on the server, then try again.",
    ),
    "store.disk_full.redo": (
        "Disk server penuh (atau kuotanya habis): unggahan {batch_id} tidak dikembalikan dan tetap dibatalkan. "
        "Kosongkan ruang disk di server, lalu coba lagi.",
        "The server's disk is full (or its quota used up): upload {batch_id} was not brought back and stays "
        "undone. Free some disk space on the server, then try again.",
    ),
    "store.disk_full.note": (
        "Disk server penuh (atau kuotanya habis): catatan tidak disimpan. Teksnya tetap di kotak; kosongkan ruang "
        "disk di server, lalu simpan lagi.",
        "The server's disk is full (or its quota used up): the note was not saved. Its text stays in the box; "
        "free some disk space on the server, then save again.",
    ),
    "check.damaged": ("RUSAK   {message} [rujukan {ref}]", "DAMAGED {message} [reference {ref}]"),
    "store.damage.notice": (
        "Unggahan {batch_id} rusak ({reason}) dan disisihkan; halaman menampilkan unggahan lainnya. Sampaikan "
        "rujukan {ref} kepada pengelola server: rinciannya ada di log dan pada python -m kemitraan check.",
        "Upload {batch_id} is damaged ({reason}) and set aside; the pages show the other uploads. Give the reference "
        "{ref} to whoever runs the server: the details are in its log and in python -m kemitraan check.",
    ),
    "check.summary_ok": (
        "{n} unggahan diperiksa (checksum sha256 setiap berkas): semuanya utuh.",
        "{n} {n|upload|uploads} checked (sha256 of every file): all whole.",
    ),
    "check.summary_live_ok": (
        "{n} unggahan diperiksa: tidak ada unggahan aktif yang rusak.",
        "{n} {n|upload|uploads} checked: no live upload is damaged.",
    ),
    "check.summary_damaged": (
        "{n} unggahan diperiksa: {bad} rusak dan disisihkan dari tampilan.",
        "{n} {n|upload|uploads} checked: {bad} damaged and set aside from the views.",
    ),
    "check.summary_undone_damaged": (
        "{bad} unggahan yang sudah dibatalkan juga rusak (tidak ditampilkan, tidak memengaruhi hasil).",
        "{bad} already-undone uploads are damaged too (not shown, no effect on the result).",
    ),
    "batches.damaged": ("RUSAK: {reason}", "DAMAGED: {reason}"),
    "batches.none": ("(belum ada unggahan)", "(no batches)"),
}
