"""Batches over time: undo and its dependants, redo, the upload history, the demo beside one's own data,
the orphan rows of the data-quality panel, commit progress; and the command line's `batches`, `undo`,
`redo` and `demo`."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- what an undo would leave without a partnership (kemitraan.storage.dependants) ---------------------
    "deps.none": (
        "Tidak ada baris dari batch lain yang bergantung pada batch {batch}.",
        "No rows of other batches depend on batch {batch}.",
    ),
    "deps.header": (
        "{n} baris dari batch lain memakai {partnerships} kemitraan yang hanya ada di batch {batch}:",
        "{n} {n|row|rows} of other batches {n|uses|use} {partnerships} {partnerships|partnership|partnerships} that only batch {batch} holds:",
    ),
    "deps.kind_rows": ("{n} baris {kind}", "{n} {n|row|rows} of {kind}"),
    "deps.batch": ("  batch {batch} ({file}): {counts}", "  batch {batch} ({file}): {counts}"),
    "deps.codes": ("  Kode kemitraan: {codes}", "  Partnership codes: {codes}"),
    "deps.more_codes": (" … dan {n} lainnya", " … and {n} more"),
    "deps.after": (
        "Setelah dibatalkan, baris-baris itu tetap tersimpan tetapi tidak masuk ke angka mana pun; panel Kualitas "
        "data mencantumkannya sebagai baris yatim. Batch {batch} dapat dikembalikan kapan saja.",
        "After the undo those rows stay stored but leave every figure; the Data quality panel lists them as "
        "orphan rows. Batch {batch} can be brought back at any time.",
    ),
    "deps.confirm_box": (
        "Ya, batalkan walaupun {n} baris batch lain kehilangan kemitraannya",
        "Yes, undo even though {n} {n|row|rows} of other batches lose their partnership",
    ),
    # --- python -m kemitraan undo --------------------------------------------------------------------------
    "undo.cli.confirm_needed": (
        "Tidak ada yang dibatalkan: {n} baris dari batch lain bergantung pada batch {batch_id}. Untuk tetap "
        "membatalkannya, jalankan lagi dengan --yes (python -m kemitraan {retry}).",
        "Nothing was undone: {n} {n|row|rows} of other batches {n|depends|depend} on batch {batch_id}. To undo it anyway, run it "
        "again with --yes (python -m kemitraan {retry}).",
    ),
    "undo.cli.confirm_prompt": ("Tetap batalkan? [y/T] ", "Undo anyway? [y/N] "),
    "undo.cli.cancelled": (
        "Tidak jadi: batch {batch_id} tetap aktif.",
        "Cancelled: batch {batch_id} stays live.",
    ),
    "undo.cli.orphans": (
        "{n} baris dari batch lain kini tanpa kemitraan; panel Kualitas data mencantumkannya.",
        "{n} {n|row|rows} of other batches {n|is|are} now without a partnership; the Data quality panel lists them.",
    ),
    "undo.cli.redo_hint": (
        "Untuk mengembalikannya: python -m kemitraan redo {batch_id}",
        "To bring it back: python -m kemitraan redo {batch_id}",
    ),
    # --- python -m kemitraan redo --------------------------------------------------------------------------
    "redo.cli.live": (
        "Batch «{batch_id}» masih aktif; tidak ada yang dikembalikan.",
        "Batch «{batch_id}» is live; there is nothing to bring back.",
    ),
    "redo.cli.damaged": (
        "Batch «{batch_id}» rusak dan tidak dapat dikembalikan; unggah ulang berkasnya.",
        "Batch «{batch_id}» is damaged and cannot be brought back; upload its file again.",
    ),
    "redo.cli.failed": (
        "Batch «{batch_id}» tidak dapat dikembalikan: {detail}",
        "Batch «{batch_id}» could not be brought back: {detail}",
    ),
    "redo.cli.done": ("Batch {batch_id} dikembalikan ({file}).", "Batch {batch_id} brought back ({file})."),
    "redo.cli.later": (
        "{n} batch aktif diunggah sesudahnya: untuk kunci yang juga diisinya, nilainya tetap berlaku; nilai batch "
        "ini tampil di tempat lain.",
        "{n} live {n|batch was|batches were} uploaded after it: where they hold the same keys their values still apply; this "
        "batch's values show everywhere else.",
    ),
    # --- python -m kemitraan batches -----------------------------------------------------------------------
    "batches.col.created_at": ("Waktu (UTC)", "Time (UTC)"),
    "batches.col.user": ("Pengguna", "User"),
    "batches.demo_file": ("(data demo sintetis)", "(synthetic demo data)"),
    "batches.status.live": ("aktif", "live"),
    "batches.status.undone": ("dibatalkan", "undone"),
    # --- python -m kemitraan demo --------------------------------------------------------------------------
    "demo.cli.written": (
        "Batch {batch_id}: {counts} (data demo sintetis)",
        "Batch {batch_id}: {counts} (synthetic demo data)",
    ),
    "demo.cli.bad_size": ("--partnerships dan --years minimal 1.", "--partnerships and --years must be at least 1."),
    "demo.cli.exists": (
        "Batch «{batch_id}» sudah ada dan aktif; tidak ada yang ditulis.",
        "Batch «{batch_id}» already exists and is live; nothing was written.",
    ),
    "demo.cli.exists_undone": (
        "Batch «{batch_id}» sudah ada (dibatalkan); tampilkan lagi dengan --show, atau pakai --batch-id lain.",
        "Batch «{batch_id}» already exists (undone); show it again with --show, or use another --batch-id.",
    ),
    "demo.cli.hidden": (
        "Data demo disembunyikan (batch {batches} dibatalkan; --show mengembalikannya).",
        "Demo data hidden (batch {batches} undone; --show brings it back).",
    ),
    "demo.cli.nothing_to_hide": ("Tidak ada data demo yang aktif.", "No demo data is live."),
    "demo.cli.shown": ("Data demo ditampilkan lagi (batch {batches}).", "Demo data shown again (batch {batches})."),
    "demo.cli.already_live": ("Data demo sudah aktif.", "The demo data is already live."),
    # --- the demo beside one's own data (kemitraan.generators.demo_state) --------------------------------
    "demo.banner.demo": (
        "Data demo (sintetis) — bukan data program yang sebenarnya.",
        "Demo data (synthetic) — not real programme data.",
    ),
    "demo.banner.mixed": (
        "Campuran: data demo + data Anda. Tampilan ini mencampur data demo (sintetis) dengan data Anda. "
        "Sembunyikan data demo di halaman Unggah Data untuk melihat data Anda saja.",
        "Mixed: demo data + your data. This view mixes the synthetic demo data with your data. Hide the demo "
        "data on the Upload data page to see yours only.",
    ),
    "demo.own.header": ("Mulai dengan data sendiri", "Start with my own data"),
    "demo.own.help": (
        "Menyembunyikan data demo membatalkan batch demo: data Anda saja yang tampil. Data demo tidak dihapus "
        "dan dapat ditampilkan lagi kapan saja.",
        "Hiding the demo data undoes the demo batch: only your data shows. The demo data is not deleted and can "
        "be shown again at any time.",
    ),
    "demo.own.show": ("Tampilkan lagi data demo", "Show the demo data again"),
    "demo.own.hidden": ("Data demo disembunyikan.", "Demo data hidden."),
    "demo.own.shown": ("Data demo ditampilkan lagi.", "Demo data shown again."),
    "demo.own.failed": ("Data demo tidak dapat diubah: {detail}", "The demo data could not be changed: {detail}"),
    # --- the upload history (kemitraan.storage.history) ---------------------------------------------------
    "history.status.redone": ("Aktif (dikembalikan {at} oleh {by})", "Live (brought back {at} by {by})"),
    "history.status.damaged": ("Rusak: {reason}", "Damaged: {reason}"),
    "history.status.damaged_undone": ("Dibatalkan, rusak: {reason}", "Undone, damaged: {reason}"),
    "history.damage.manifest_missing": ("catatan batch hilang", "its record is missing"),
    "history.damage.manifest_invalid": ("catatan batch tidak terbaca", "its record cannot be read"),
    "history.damage.file_missing": ("berkas hilang", "a file is missing"),
    "history.damage.size_mismatch": ("ukuran berkas berubah", "a file's size changed"),
    "history.damage.unreadable": ("berkas tidak terbaca", "a file cannot be read"),
    "history.damage.rows_mismatch": ("jumlah baris berubah", "a row count changed"),
    "history.damage.checksum_mismatch": ("isi berkas berubah", "a file's content changed"),
    "history.action.undo": ("Batalkan", "Undo"),
    "history.action.redo": ("Kembalikan", "Bring back"),
    "history.redo.header": ("Kembalikan batch yang dibatalkan", "Bring back an undone batch"),
    "history.redo.help": (
        "Batch yang dikembalikan tampil lagi seperti semula. Urutan unggahan tetap: untuk kunci yang juga diisi "
        "batch yang diunggah sesudahnya, nilai batch sesudahnya yang berlaku.",
        "A batch brought back shows again as it was. Upload order is kept: where a batch uploaded after it holds "
        "the same key, the later value still applies.",
    ),
    "history.redo.select": ("Batch yang akan dikembalikan", "Batch to bring back"),
    "history.redo.button": ("Kembalikan batch", "Bring back batch"),
    "history.redo.none": ("Tidak ada batch yang dibatalkan.", "No undone batch."),
    "history.redo.done": ("Batch **{batch}** dikembalikan.", "Batch **{batch}** brought back."),
    "history.redo.failed": (
        "Batch {batch} tidak bisa dikembalikan: {detail}",
        "Batch {batch} could not be brought back: {detail}",
    ),
    # --- commit progress (kemitraan.ingest.pipeline.commit) -------------------------------------------------
    "commit.progress.write": ("Menyimpan {kind} dari {file}", "Storing {kind} from {file}"),
    "commit.progress.seal": (
        "Mengamankan {file} (checksum, tulis ke disk)",
        "Securing {file} (checksums, flush to disk)",
    ),
    # --- orphan rows on the data-quality panel (kemitraan.queries.quality.orphan_rows) ----------------------
    "an.dq.orphans": ("Baris tanpa kemitraan", "Rows without a partnership"),
    "an.dq.orphans_help": (
        "Baris indikator dan survei yang kode kemitraannya tidak ada (misalnya karena batch kemitraannya "
        "dibatalkan). Baris ini tidak masuk ke angka mana pun; kembalikan batch kemitraannya atau unggah "
        "kemitraannya lagi. Daftar ini tidak mengikuti filter.",
        "Indicator and survey rows whose partnership code does not exist (for instance because the batch of "
        "partnerships was undone). These rows are left out of every figure; bring that batch back or upload the "
        "partnerships again. This list ignores the filters.",
    ),
    "col.jenis_data": ("Jenis data", "Kind"),
    # --- python -m kemitraan check: recovery of a redo ----------------------------------------------------
}

#: Keys built from a code whose text is another key's (see kemitraan.i18n): written once, there.
ALIASES: dict[str, str] = {
    "batches.col.batch_id": "col.batch_id",
    "batches.col.file": "col.file",
    "batches.col.kind": "col.jenis_data",
    "batches.col.rows": "an.jelajah.rows",
    "batches.col.status": "upload.history.status",
}
