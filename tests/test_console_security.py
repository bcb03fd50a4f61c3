"""The SQL console cannot write or read outside the store, under any trick, and stops long or big queries."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import batch_file, cli, indicator_row, partnership, write

from kemitraan.storage import analysis_cache, engine
from kemitraan.storage import console as readonly_sql
from kemitraan.storage.console import (
    ConsoleError,
    QueryMemoryExceeded,
    QueryTimeout,
    ReadOnlyViolation,
    run_console,
    run_readonly,
)
from kemitraan.storage.store import Store

SECRET = "RAHASIA-DI-LUAR-PENYIMPANAN"


def _build(folder: Path) -> Store:
    """A store with two batches and a secret file beside it."""
    store = Store(folder / "data")
    write(store, "b1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024-01", "kb_mcpr", 50.0)])
    write(store, "b2", kemitraan=[partnership("K2", kategori="nirlaba")])
    (folder / "rahasia.csv").write_text(f"kolom\n{SECRET}\n", encoding="utf-8")
    return store


@pytest.fixture
def lake(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path would land here
    return _build(tmp_path)


@pytest.fixture(scope="module", params=["lake", "base"])
def shared(request, tmp_path_factory):
    """One store for the many tricks: each must leave it byte-identical, which the tests check. Twice: the
    console reading the lake's files, and reading the app's analysis base (attached read only, then locked)."""
    folder = tmp_path_factory.mktemp("console")
    store = _build(folder)
    if request.param == "base":
        analysis_cache.connect(store, background=False)
        assert analysis_cache.exact_base(store) is not None
    return store, folder


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the data folder but the application log (which records the refusals themselves)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != "logs"
    }


def fill(sql: str, store, tmp_path: Path) -> str:
    return sql.format(
        lake_file=batch_file(store, "b1"),
        manifest=store.root / engine.CATALOG_FILE,  # the catalog: batches, events, notes
        lake_glob=Path(store.lake) / "main" / "*" / "_batch=*" / "*.parquet",
        log=Path(store.lake) / "main" / "batches",
        outside=tmp_path / "rahasia.csv",
        out=tmp_path / "keluar.csv",
        lake_dir=Path(store.lake),
    )


# Statements that write, or that would, hidden every way we know.
WRITES = [
    # COPY nested in WITH (the bug this file was written for), in subqueries, after comments
    "WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1",
    "WITH x AS (COPY (SELECT 1) TO '{out}') SELECT * FROM kemitraan",
    "WITH x AS (SELECT 1) COPY (SELECT 1) TO '{lake_file}'",
    "COPY (WITH x AS (SELECT 1) SELECT * FROM x) TO '{lake_file}'",
    "COPY (SELECT * FROM kemitraan) TO '{out}'",
    "COPY kemitraan TO '{lake_file}' (FORMAT parquet)",
    "COPY kemitraan FROM '{outside}'",
    "/* komentar */ COPY (SELECT 1) TO '{lake_file}'",
    "SELECT 1 -- komentar\n; COPY (SELECT 1) TO '{lake_file}'",
    "SELECT 1; /* tersembunyi */ COPY (SELECT 1) TO '{lake_file}'",
    "SELECT * FROM (WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1)",
    "SELECT 1 WHERE EXISTS (WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1)",
    "SELECT (WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1) AS y",
    "SELECT 1 UNION ALL (WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1)",
    "WITH x AS (INSERT INTO kemitraan (kode_kemitraan) VALUES ('X')) SELECT 1",
    "WITH x AS (DELETE FROM kemitraan) SELECT 1",
    "WITH x AS (UPDATE kemitraan SET nama_kemitraan = 'x') SELECT 1",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{lake_file}'",
    # other statements that touch files or the configuration
    "EXPORT DATABASE '{lake_dir}'",
    "EXPORT DATABASE '{lake_dir}' (FORMAT parquet)",
    "IMPORT DATABASE '{lake_dir}'",
    "ATTACH '{lake_dir}/evil.duckdb' AS evil",
    "ATTACH '{lake_file}' AS evil (READ_ONLY)",
    "PRAGMA enable_profiling",
    "PRAGMA profiling_output = '{out}'",
    "SET profiling_output = '{out}'",
    "SET enable_external_access = true",
    "SET allowed_directories = ['/']",
    "SET lock_configuration = false",
    "RESET memory_limit",
    "RESET ALL",
    "SET VARIABLE p = '{lake_file}'",
    "INSTALL httpfs",
    "FORCE INSTALL httpfs FROM '{lake_dir}'",
    "LOAD httpfs",
    "LOAD '{lake_file}'",
    "UPDATE EXTENSIONS",
    "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
    "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
    "CALL pragma_version()",
    "CALL checkpoint()",
    "CREATE TABLE t AS SELECT * FROM kemitraan",
    "CREATE MACRO m() AS TABLE SELECT * FROM read_text('{outside}')",
    "DROP VIEW kemitraan",
    "USE memory",
    "CHECKPOINT",
    "DETACH memory",
    "PREPARE p AS SELECT * FROM read_text('{outside}')",
    "PIVOT kemitraan ON kategori USING count(*)",
]

# Every table function that reads files, inside and outside the lake, and files used as tables.
READERS = [
    f"{fn}('{{{where}}}')"
    for fn in (
        "read_csv",
        "read_csv_auto",
        "read_parquet",
        "parquet_scan",
        "read_json",
        "read_json_auto",
        "read_json_objects",
        "read_ndjson",
        "read_ndjson_auto",
        "read_ndjson_objects",
        "read_text",
        "read_blob",
        "glob",
        "sniff_csv",
        "parquet_metadata",
        "parquet_schema",
        "parquet_file_metadata",
        "parquet_kv_metadata",
    )
    for where in ("outside", "lake_file", "manifest", "log", "lake_glob")
] + [
    "parquet_bloom_probe('{lake_file}', 'kode_kemitraan', 'K1')",
    "read_csv('/etc/passwd')",
    "read_text('/etc/hostname')",
    "glob('/etc/*')",
    "read_blob('/proc/self/environ')",
    "query('SELECT * FROM read_text(''{outside}'')')",
    "query_table('{outside}')",
]
READS = [f"SELECT * FROM {r}" for r in READERS] + [
    "SELECT * FROM '{outside}'",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM '{lake_file}'",
    'SELECT * FROM "{outside}"',
    "FROM '{lake_glob}'",
    "DESCRIBE '{outside}'",
    "SUMMARIZE '{lake_file}'",
    "SELECT * FROM kemitraan, read_text('{outside}')",
    "SELECT * FROM kemitraan k JOIN read_csv('{outside}') r ON true",
    "SELECT (SELECT content FROM read_text('{outside}')) AS c",
    "SELECT 1 WHERE EXISTS (SELECT * FROM read_text('{outside}'))",
    "WITH s AS (SELECT * FROM read_text('{outside}')) SELECT * FROM s",
    "SELECT * FROM kemitraan UNION ALL BY NAME SELECT * FROM read_csv('{outside}')",
    "SELECT * FROM range(1) r, LATERAL (SELECT * FROM read_text('{outside}'))",
    "/* SELECT */ SELECT * FROM read_text('{outside}') -- komentar",
]


def _assert_contained(store, tmp_path, before_lake, before_tmp):
    assert snapshot(store.root) == before_lake, "a file of the store changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == before_tmp, "a file appeared beside the store"
    assert run_readonly(store, "SELECT count(*) AS n FROM kemitraan")["n"].tolist() == [2]  # the views still answer


@pytest.mark.parametrize("sql", WRITES + READS)
def test_every_trick_is_refused_and_the_store_is_unchanged(shared, sql, monkeypatch):
    lake, tmp_path = shared
    monkeypatch.chdir(tmp_path)
    query = fill(sql, lake, tmp_path)
    before_lake, before_tmp = snapshot(lake.root), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ReadOnlyViolation) as exc:
        run_readonly(lake, query)
    assert SECRET not in exc.value.message("id") + exc.value.message("en")
    _assert_contained(lake, tmp_path, before_lake, before_tmp)


@pytest.mark.parametrize("sql", WRITES + READS)
def test_duckdb_itself_refuses_every_trick_without_the_statement_check(shared, sql, monkeypatch):
    """The first lock alone: with the statement check switched off, no file is read or written."""
    lake, tmp_path = shared
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(readonly_sql, "check_readonly", lambda query: None)
    query = fill(sql, lake, tmp_path)
    before_lake, before_tmp = snapshot(lake.root), sorted(p.name for p in tmp_path.iterdir())
    try:
        df = run_readonly(lake, query)
    except ConsoleError as exc:
        assert SECRET not in exc.message("en")
    else:  # ran (e.g. CREATE TABLE in the console's own memory): it read no file either
        assert SECRET not in df.to_csv()
    _assert_contained(lake, tmp_path, before_lake, before_tmp)


def test_reading_files_is_refused_by_duckdb_not_by_the_name_list(lake, tmp_path, monkeypatch):
    monkeypatch.setattr(readonly_sql, "check_readonly", lambda query: None)
    for sql in (
        "SELECT * FROM read_text('{outside}')",
        "SELECT * FROM '{outside}'",
        "WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1",
        "SELECT * FROM glob('{lake_glob}')",
    ):
        with pytest.raises(ConsoleError):
            run_readonly(lake, fill(sql, lake, tmp_path))


def test_the_console_runs_with_external_access_off_and_its_configuration_locked(lake):
    df = run_readonly(
        lake,
        "SELECT current_setting('enable_external_access') AS ext, "
        "current_setting('lock_configuration') AS locked, "
        "current_setting('temp_directory') AS tmp",
    )
    assert df.to_dict("records") == [{"ext": False, "locked": True, "tmp": ""}]


def test_python_variables_are_not_scanned_by_name(lake):
    secret_frame = pd.DataFrame({"x": [SECRET]})  # noqa: F841 - a replacement scan would find it by name
    with pytest.raises(ConsoleError):
        run_readonly(lake, "SELECT * FROM secret_frame")


def test_the_views_answer_with_the_latest_value_per_key(lake):
    write(lake, "b3", kemitraan=[partnership("K1", nama_kemitraan="Nama baru")])
    df = run_readonly(lake, "SELECT kode_kemitraan, nama_kemitraan FROM kemitraan ORDER BY 1")
    assert df.to_dict("records") == [
        {"kode_kemitraan": "K1", "nama_kemitraan": "Nama baru"},
        {"kode_kemitraan": "K2", "nama_kemitraan": "Kemitraan K2"},
    ]
    assert run_readonly(lake, "SELECT sum(nilai) AS s FROM indikator")["s"].tolist() == [50.0]
    b = run_readonly(lake, "SELECT batch_id, rows, created_at FROM batches ORDER BY seq")
    assert b["batch_id"].tolist() == ["b1", "b2", "b3"] and str(b["created_at"].dtype).startswith("datetime64")
    for q in (
        "DESCRIBE kemitraan",
        "SUMMARIZE indikator",
        "SHOW TABLES",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t",
        "SELECT k.kode_kemitraan, count(i.nilai) FROM kemitraan k LEFT JOIN indikator i USING (kode_kemitraan) "
        "GROUP BY 1",
        "FROM kemitraan SELECT kategori",
        "SELECT * FROM range(3)",
    ):
        assert len(run_readonly(lake, q)) > 0, q


def test_undone_batches_leave_the_console_views(lake):
    lake.undo("b2")
    assert run_readonly(lake, "SELECT kode_kemitraan FROM kemitraan")["kode_kemitraan"].tolist() == ["K1"]


def _run_with_watchdog(fn, seconds: float = 120):
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            box["error"] = exc

    th = threading.Thread(target=target, daemon=True)
    th.start()
    th.join(seconds)
    assert not th.is_alive(), "the query was not stopped"
    return box


LONG = "SELECT sum(a.range * b.range) FROM range(3000000) a, range(3000000) b"


def test_a_query_that_runs_too_long_is_stopped_with_a_clear_message(lake):
    box = _run_with_watchdog(lambda: run_console(lake, LONG, timeout=0.5))
    exc = box.get("error")
    assert isinstance(exc, QueryTimeout)
    assert exc.message("id").startswith("Kueri dihentikan setelah 0.5 detik")
    assert "--timeout" in exc.message("en")
    assert run_readonly(lake, "SELECT count(*) AS n FROM kemitraan")["n"].tolist() == [2]


def test_a_query_over_the_memory_limit_is_stopped(lake):
    with pytest.raises(QueryMemoryExceeded) as exc:
        run_console(lake, "SELECT count(DISTINCT range) FROM range(100000000)", memory_limit="50MB")
    assert "50MB" in exc.value.message("id") and "--memory-limit" in exc.value.message("en")


def test_a_big_result_is_cut_and_says_so(lake):
    r = run_console(lake, "SELECT * FROM range(50)", max_rows=10)
    assert len(r.frame) == 10 and r.truncated
    assert not run_console(lake, "SELECT * FROM range(10)", max_rows=10).truncated


def _cli(data_dir, *args):
    return cli(data_dir, "sql", *args)


def test_cli_messages_in_both_languages_and_limits(lake, tmp_path):
    q = fill("WITH x AS (COPY (SELECT 1) TO '{lake_file}') SELECT 1", lake, tmp_path)
    before = snapshot(lake.root)
    # DuckDB 2.0 parses a COPY inside a CTE (the console's tree check refuses it); 1.5's parser refuses it already
    parsed = not duckdb.__version__.startswith("1.")
    r = _cli(lake.root, q)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert ("Konsol ini hanya-baca" if parsed else "SQL tidak dapat dibaca") in r.stderr
    r = _cli(lake.root, q, "--lang", "en")
    assert r.returncode == 1
    assert ("This console is read-only: COPY inside a query" if parsed else "Parser Error") in r.stderr
    assert snapshot(lake.root) == before
    r = _cli(lake.root, LONG, "--timeout", "1", "--lang", "en")
    assert r.returncode == 1 and "stopped after 1 second (" in r.stderr and "Traceback" not in r.stderr
    r = _cli(lake.root, "SELECT count(DISTINCT range) FROM range(100000000)", "--memory-limit", "50MB")
    assert r.returncode == 1 and "50MB" in r.stderr
    r = _cli(lake.root, "SELECT 1", "--memory-limit", "banyak")
    assert r.returncode == 1 and "banyak" in r.stderr
    r = _cli(lake.root, "SELECT * FROM range(5)", "--max-rows", "2", "--lang", "en")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3 and "cut at its first 2 rows" in r.stderr
    r = _cli(lake.root, "UPDATE EXTENSIONS")
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_cli_csv_writes_formula_like_text_as_text(store, tmp_path):
    write(
        store,
        "b1",
        kemitraan=[
            partnership("K1", nama_kemitraan='=HYPERLINK("http://x.invalid","klik")'),
            partnership("K2", nama_kemitraan="+62 811", mitra_utama="@SUM(A1)"),
        ],
    )
    r = _cli(
        store.root,
        "SELECT kode_kemitraan, nama_kemitraan, mitra_utama, mitra FROM kemitraan ORDER BY 1",
        "--format",
        "csv",
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "kode_kemitraan,nama_kemitraan,mitra_utama,mitra"
    assert lines[1].startswith("K1,\"'=HYPERLINK(")
    assert lines[2] == "K2,'+62 811,'@SUM(A1),PKBI"


def test_cli_table_does_not_pass_terminal_control_characters(store):
    write(store, "b1", kemitraan=[partnership("K1", nama_kemitraan="Merah\x1b[31m\x1b]0;judul\x07")])
    r = _cli(store.root, "SELECT nama_kemitraan FROM kemitraan")
    assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "Merah\\x1b[31m" in r.stdout


def test_over_the_apps_base_the_console_answers_as_over_the_lake_and_stays_locked(lake):
    """The same rows whichever the console reads; over a base, external access is off and locked all the same."""
    queries = [
        "SELECT * FROM kemitraan ORDER BY ALL",
        "SELECT * FROM indikator ORDER BY ALL",
        "SELECT * FROM survei ORDER BY ALL",
    ]
    over_lake = [run_readonly(lake, q) for q in queries]
    analysis_cache.connect(lake, background=False)
    assert analysis_cache.exact_base(lake) is not None
    for q, expected in zip(queries, over_lake):
        pd.testing.assert_frame_equal(run_readonly(lake, q), expected)
    df = run_readonly(
        lake, "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked"
    )
    assert df.to_dict("records") == [{"ext": False, "locked": True}]
    write(lake, "b3", kemitraan=[partnership("K1", nama_kemitraan="Nama baru")])  # the base is behind now: the lake
    assert analysis_cache.exact_base(lake) is None
    assert run_readonly(lake, "SELECT nama_kemitraan FROM kemitraan WHERE kode_kemitraan = 'K1'")[
        "nama_kemitraan"
    ].tolist() == ["Nama baru"]
