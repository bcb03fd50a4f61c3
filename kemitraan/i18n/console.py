"""The read-only SQL console (`python -m kemitraan sql`, kemitraan.storage.console)."""

STRINGS: dict[str, tuple[str, str]] = {
    "console.refused.parse": (
        "SQL tidak dapat dibaca: {detail}",
        "Cannot parse the SQL: {detail}",
    ),
    "console.refused.count": (
        "Konsol ini hanya-baca (read-only): kirim tepat satu pernyataan SELECT (ada {n}).",
        "This console is read-only: send exactly one SELECT statement (got {n}).",
    ),
    "console.refused.statement": (
        "Konsol ini hanya-baca (read-only): pernyataan {what} ({does}) ditolak; "
        "hanya SELECT, DESCRIBE, SUMMARIZE dan SHOW.",
        "This console is read-only: the {what} statement ({does}) is refused; "
        "only SELECT, DESCRIBE, SUMMARIZE and SHOW.",
    ),
    "console.refused.pivot": (
        "Konsol ini hanya-baca (read-only): PIVOT tanpa daftar nilai ditolak, karena ia lebih dulu membuat tipe data "
        "baru dari nilai kolom. Tuliskan nilainya, misalnya PIVOT kemitraan ON kategori IN ('pemerintah', "
        "'swasta') USING count(*).",
        "This console is read-only: PIVOT without a list of values is refused, because it first creates a new data "
        "type from the column's values. List the values, e.g. PIVOT kemitraan ON kategori IN ('pemerintah', "
        "'swasta') USING count(*).",
    ),
    # what a refused statement would do, in words (console.refused.statement's {does})
    "console.does.alter": ("mengubah tabel atau tampilan", "changes a table or view"),
    "console.does.analyze": ("mengumpulkan statistik ke basis data", "gathers statistics into the database"),
    "console.does.attach": ("membuka berkas basis data lain", "opens another database file"),
    "console.does.begin": ("memulai transaksi", "starts a transaction"),
    "console.does.call": ("menjalankan prosedur", "runs a procedure"),
    "console.does.checkpoint": ("menulis basis data ke disk", "writes the database to disk"),
    "console.does.commit": ("menyimpan transaksi", "commits a transaction"),
    "console.does.copy": ("menyalin data ke atau dari berkas", "copies data to or from a file"),
    "console.does.create": ("membuat tabel, tampilan, makro atau rahasia", "creates a table, view, macro or secret"),
    "console.does.delete": ("menghapus baris", "deletes rows"),
    "console.does.detach": ("menutup basis data", "closes a database"),
    "console.does.drop": ("menghapus tabel atau tampilan", "drops a table or view"),
    "console.does.execute": ("menjalankan pernyataan yang disiapkan", "runs a prepared statement"),
    "console.does.explain": ("menjelaskan rencana pernyataan lain", "explains another statement's plan"),
    "console.does.export": ("menulis seluruh basis data ke berkas", "writes the whole database to files"),
    "console.does.import": ("membaca basis data dari berkas", "reads a database from files"),
    "console.does.insert": ("menambah baris", "adds rows"),
    "console.does.install": (
        "memasang ekstensi dari internet atau berkas",
        "installs an extension from the internet or a file",
    ),
    "console.does.load": ("memuat ekstensi", "loads an extension"),
    "console.does.pragma": ("mengubah atau menanyakan pengaturan", "changes or asks a setting"),
    "console.does.prepare": ("menyiapkan pernyataan untuk dijalankan nanti", "prepares a statement to run later"),
    "console.does.reset": ("mengembalikan pengaturan", "resets a setting"),
    "console.does.rollback": ("membatalkan transaksi", "rolls a transaction back"),
    "console.does.set": ("mengubah pengaturan", "changes a setting"),
    "console.does.update": ("mengubah baris", "changes rows"),
    "console.does.use": ("berpindah basis data", "switches database"),
    "console.does.vacuum": ("merapikan berkas basis data", "compacts the database file"),
    "console.does.other": ("bukan kueri baca", "not a read query"),
    "console.refused.nested": (
        "Konsol ini hanya-baca (read-only): {what} di dalam kueri (mis. di dalam WITH) ditolak.",
        "This console is read-only: {what} inside a query (e.g. inside WITH) refused.",
    ),
    "console.refused.function": (
        "Konsol ini hanya-baca (read-only): fungsi {name}() membaca berkas atau menjalankan SQL lain dan ditolak; "
        "gunakan tampilan kemitraan, indikator, survei, batches.",
        "This console is read-only: {name}() reads files or runs other SQL and is refused; "
        "use the views kemitraan, indikator, survei, batches.",
    ),
    "console.refused.path": (
        "Konsol ini hanya-baca (read-only): {name!r} tampak seperti berkas dan ditolak; "
        "gunakan tampilan kemitraan, indikator, survei, batches.",
        "This console is read-only: {name!r} looks like a file and is refused; "
        "use the views kemitraan, indikator, survei, batches.",
    ),
    "console.refused.access": (
        "Konsol ini hanya-baca (read-only) dan tidak membuka berkas apa pun: {detail}",
        "This console is read-only and opens no file at all: {detail}",
    ),
    "console.timeout": (
        "Kueri dihentikan setelah {seconds} detik (batas waktu). Persempit kueri, atau naikkan batas dengan --timeout.",
        "The query was stopped after {seconds} {seconds|second|seconds} (time limit). Narrow the query, or raise the limit with "
        "--timeout.",
    ),
    "console.memory": (
        "Kueri memerlukan memori lebih dari batas {limit}. Persempit kueri, atau naikkan batas dengan --memory-limit.",
        "The query needs more memory than the {limit} limit. Narrow the query, or raise the limit with --memory-limit.",
    ),
    "console.bad_memory_limit": (
        "Batas memori {value!r} tidak dikenal; contoh: 512MB, 1GB, 2GiB.",
        "Unknown memory limit {value!r}; e.g. 512MB, 1GB, 2GiB.",
    ),
    "console.sql_error": ("Galat SQL: {detail}", "SQL error: {detail}"),
    "console.zero_rows": ("(0 baris)", "(0 rows)"),
    "console.truncated": (
        "Hasil dipotong pada {n} baris pertama; naikkan batas dengan --max-rows, atau persempit kueri.",
        "The result was cut at its first {n} {n|row|rows}; raise the limit with --max-rows, or narrow the query.",
    ),
}
