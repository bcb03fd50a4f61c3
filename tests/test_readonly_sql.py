import json

import pytest
from conftest import cli, partnership, write

from kemitraan import contract
from kemitraan.storage.console import ReadOnlyViolation, run_readonly

REFUSED = [
    "INSERT INTO kemitraan VALUES ('x')",
    "UPDATE kemitraan SET nama_kemitraan = 'x'",
    "DELETE FROM kemitraan",
    "CREATE TABLE t AS SELECT 1",
    "CREATE VIEW v AS SELECT 1",
    "DROP VIEW kemitraan",
    "ALTER VIEW kemitraan RENAME TO k2",
    "ATTACH 'evil.duckdb' AS evil",
    "DETACH memory",
    "COPY (SELECT * FROM kemitraan) TO 'out.csv'",
    "EXPORT DATABASE 'dump'",
    "SET threads = 1",
    "RESET threads",
    "PRAGMA enable_profiling",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CALL pragma_version()",
    "SELECT 1; DROP VIEW kemitraan",
    "CHECKPOINT",
    "VACUUM",
    "USE memory",
]


@pytest.mark.parametrize("query", REFUSED)
def test_writes_are_refused(store, query, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(store, "b1", kemitraan=[partnership("K1")])
    with pytest.raises(ReadOnlyViolation):
        run_readonly(store, query)
    assert run_readonly(store, "SELECT count(*) AS n FROM kemitraan")["n"].tolist() == [1]
    assert not list(tmp_path.glob("out.csv")) and not list(tmp_path.glob("evil*")) and not (tmp_path / "dump").exists()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
    ],
)
def test_files_outside_the_store_are_refused(store, query):
    with pytest.raises(ReadOnlyViolation):
        run_readonly(store, query)


def test_reads_work(store):
    write(store, "b1", kemitraan=[partnership("K1"), partnership("K2", kategori="nirlaba")])
    df = run_readonly(store, "SELECT kategori, count(*) AS n FROM kemitraan GROUP BY 1 ORDER BY 1")
    assert df.to_dict("records") == [{"kategori": "nirlaba", "n": 1}, {"kategori": "pemerintah_lsm", "n": 1}]
    assert list(run_readonly(store, "DESCRIBE indikator")["column_name"]) == contract.stored_columns("indikator")
    assert run_readonly(store, "SELECT batch_id FROM batches")["batch_id"].tolist() == ["b1"]


def _cli(data_dir, *args):
    return cli(data_dir, *args)


def test_cli_sql_formats_and_exit_codes(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    r = _cli(store.root, "sql", "SELECT kode_kemitraan, mitra FROM kemitraan", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"kode_kemitraan": "K1", "mitra": ["PKBI"]}]
    r = _cli(store.root, "sql", "SELECT kode_kemitraan FROM kemitraan", "--format", "csv")
    assert r.stdout.splitlines() == ["kode_kemitraan", "K1"]
    r = _cli(store.root, "sql", "DROP VIEW kemitraan")
    assert r.returncode == 1 and "read-only" in r.stderr and "Traceback" not in r.stderr
    r = _cli(store.root, "sql", "SELECT * FROM tabel_tidak_ada")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    r = _cli(store.root, "sql")
    assert r.returncode == 2


# What DuckDB calls a statement is not what the user typed (INSTALL is a LOAD statement, CHECKPOINT a CALL, a PIVOT
# without its values MULTI): the refusal names what was typed and says in words what it would do.
NAMED = [
    ("INSTALL httpfs", "INSTALL", "LOAD", "memasang ekstensi", "installs an extension"),
    ("FORCE INSTALL httpfs", "FORCE INSTALL", "LOAD", "memasang ekstensi", "installs an extension"),
    ("LOAD httpfs", "LOAD", "INSTALL", "memuat ekstensi", "loads an extension"),
    ("CHECKPOINT", "CHECKPOINT", "CALL", "menulis basis data ke disk", "writes the database to disk"),
    ("-- tutup\nCHECKPOINT", "CHECKPOINT", "CALL", "menulis basis data ke disk", "writes the database to disk"),
    ("CALL pragma_version()", "CALL", "CHECKPOINT", "menjalankan prosedur", "runs a procedure"),
    ("RESET threads", "RESET", " SET (", "mengembalikan pengaturan", "resets a setting"),
    ("ANALYZE", "ANALYZE", "VACUUM", "statistik", "statistics"),
]


@pytest.mark.parametrize("query, named, not_named, words_id, words_en", NAMED)
def test_a_refused_statement_is_named_as_typed_in_both_languages(store, query, named, not_named, words_id, words_en):
    with pytest.raises(ReadOnlyViolation) as exc:
        run_readonly(store, query)
    for lang, words in (("id", words_id), ("en", words_en)):
        text = exc.value.message(lang)
        assert f" {named} " in text and words in text, text
        assert not_named not in text and "MULTI" not in text, text


def test_a_pivot_without_its_values_is_named_as_pivot_and_with_them_it_runs(store):
    write(store, "b1", kemitraan=[partnership("K1"), partnership("K2", kategori="nirlaba")])
    with pytest.raises(ReadOnlyViolation) as exc:
        run_readonly(store, "SELECT * FROM (PIVOT kemitraan ON kategori USING count(*))")
    for lang in ("id", "en"):
        text = exc.value.message(lang)
        assert "PIVOT" in text and "MULTI" not in text and " IN (" in text, text
    df = run_readonly(
        store, "SELECT * FROM (PIVOT (SELECT kategori FROM kemitraan) ON kategori IN ('nirlaba') USING count(*))"
    )
    assert df["nirlaba"].tolist() == [1]
