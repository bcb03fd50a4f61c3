"""Damaged batches (kemitraan.batch_check), `python -m kemitraan check`, and `batches`."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "check.damaged": ("RUSAK   {message}", "DAMAGED {message}"),
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
