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
        "Konsol ini hanya-baca (read-only): pernyataan {what} ditolak; hanya SELECT, DESCRIBE, SUMMARIZE dan SHOW.",
        "This console is read-only: {what} refused; only SELECT, DESCRIBE, SUMMARIZE and SHOW.",
    ),
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
        "The query needs more memory than the {limit} limit. Narrow the query, or raise the limit with "
        "--memory-limit.",
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
