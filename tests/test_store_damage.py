"""A damaged data file sets its batch aside, named, while the others keep serving; a process killed (kill -9)
at any step of a commit, an undo or a redo leaves the lake as it was before or after, never in between."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, partnership, write

from kemitraan.cli import main
from kemitraan.storage import engine
from kemitraan.storage import store as store_mod
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.fixture
def two(store) -> Store:
    """b1 holds K1, b2 holds K2 (and a newer name for K1)."""
    write(store, "b1", kemitraan=[partnership("K1")])
    write(store, "b2", kemitraan=[partnership("K2"), partnership("K1", nama_kemitraan="Nama dari b2")])
    return store


def served(store: Store, materialize: bool = False) -> list[tuple]:
    con = store.connect(materialize=materialize)
    try:
        return con.sql("SELECT kode_kemitraan, nama_kemitraan FROM kemitraan ORDER BY 1").fetchall()
    finally:
        con.close()


ONLY_B1 = [("K1", "Kemitraan K1")]


def cli(store: Store, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(store.root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- ways a batch gets damaged


def truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def data_file(store: Store, batch_id: str, kind: str = "kemitraan") -> Path:
    [rel] = [r for r in store.batch(batch_id)["files"] if f"/{kind}/" in r]
    return Path(store.lake) / rel


def _truncated_parquet(store: Store) -> None:
    truncate(data_file(store, "b2"))


def _footer_overwritten(store: Store) -> None:  # same size, the footer and its magic bytes gone
    f = data_file(store, "b2")
    data = f.read_bytes()
    f.write_bytes(data[:-40] + b"x" * 40)


def _parquet_deleted(store: Store) -> None:
    data_file(store, "b2").unlink()


def _row_count_in_the_catalog_differs(store: Store) -> None:
    import sqlite3

    f = data_file(store, "b2")
    with sqlite3.connect(store.root / engine.CATALOG_FILE) as db:
        db.execute("UPDATE ducklake_data_file SET record_count = 5 WHERE path LIKE ?", [f"%{f.name}"])
    engine.forget(store.root)


DAMAGES = [
    (_truncated_parquet, "size_mismatch"),
    (_footer_overwritten, "unreadable"),
    (_parquet_deleted, "file_missing"),
    (_row_count_in_the_catalog_differs, "rows_mismatch"),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGES, ids=[d.__name__.strip("_") for d, _ in DAMAGES])
def test_a_damaged_batch_is_set_aside_named_and_can_be_undone(two, damage, reason, capsys):
    healthy_version = two.version()
    damage(two)
    s = Store(two.root)  # the next open: no traceback
    [d] = s.damaged()
    assert (d.batch_id, d.reason, d.undone) == ("b2", reason, False)
    assert "b2" in d.message("id") and "python -m kemitraan undo b2" in d.message("id")
    assert "main/kemitraan/_batch=b2" in d.message("en")
    assert d.message("en").startswith("Upload b2 is damaged") and "set aside" in d.message("en")
    # every view serves the other batch, on the fly and materialised (the app's way)
    assert served(s) == ONLY_B1 and served(s, materialize=True) == ONLY_B1
    assert s.version() != healthy_version  # so the app rebuilds its cached connection
    con = s.connect()
    assert con.sql("SELECT batch_id, damaged FROM batches ORDER BY batch_id").fetchall() == [
        ("b1", None),
        ("b2", reason),
    ]
    # the console serves the healthy batch too
    code, out, _ = cli(s, capsys, "sql", "SELECT count(*) AS n FROM kemitraan", "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "1"]
    # the command line lists it, checks it (exit 1), and undoes it
    code, out, _ = cli(s, capsys, "batches")
    assert code == 0 and "RUSAK" in out and reason in out
    code, out, _ = cli(s, capsys, "batches", "--json")
    assert {b["batch_id"]: (b["damaged"] or {}).get("reason") for b in json.loads(out)} == {"b1": None, "b2": reason}
    code, out, _ = cli(s, capsys, "check", "--lang", "en")
    assert code == 1 and "DAMAGED Upload b2 is damaged" in out and "1 damaged" in out
    code, out, err = cli(s, capsys, "undo", "b2", "--user", "ani")
    assert code == 0, err
    assert not s.damaged() and served(s) == ONLY_B1
    assert [e["event"] for e in s.events()][-1] == "undo" and s.events()[-1]["user"] == "ani"
    code, out, _ = cli(s, capsys, "check")
    assert code == 0 and "b2" in out
    b2 = [b for b in s.batches() if b["batch_id"] == "b2"][0]
    assert b2["undone"] and b2["undone_by"] == "ani"
    with pytest.raises(store_mod.StoreError, match="damaged"):
        s.redo("b2")


def test_ingest_and_batches_work_on_a_damaged_store(two, tmp_path, capsys):
    truncate(data_file(two, "b2"))
    truncate(data_file(two, "b1"))
    name, data = C.kemitraan_csv_comma()
    f = tmp_path / name
    f.write_bytes(data)
    code, out, err = cli(two, capsys, "ingest", str(f))
    assert code == 0, err
    code, out, _ = cli(two, capsys, "sql", "SELECT count(*) AS n FROM kemitraan", "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "3"]
    code, out, _ = cli(two, capsys, "batches", "--lang", "en")
    assert code == 0 and out.count("DAMAGED") == 2


def test_a_damaged_batch_keeps_its_place_in_the_sequence(two):
    truncate(data_file(two, "b2"))
    m = Store(two.root).batch(write(Store(two.root), "b3", kemitraan=[partnership("K3")]))
    assert m["seq"] == 3
    b2 = [b for b in two.batches() if b["batch_id"] == "b2"][0]
    assert b2["seq"] == 2 and b2["damaged"]["reason"] == "size_mismatch"


# --------------------------------------------------------------------------- checksums


def test_commit_records_the_size_and_sha256_of_every_file(two):
    sums = dict(engine.cursor(two.root).sql(f"SELECT path, sha256 FROM {engine.table(engine.FILE_SUMS)}").fetchall())
    files = two.batch("b2")["files"]
    assert set(files) <= set(sums) and len(files) == 1  # b2 holds rows of one kind: one file
    for rel, entry in files.items():
        data = (Path(two.lake) / rel).read_bytes()
        assert entry["size"] == len(data) and sums[rel] == store_mod.sha256_bytes(data)


def _same_size_change(path: Path) -> bytes:
    """Change one byte of the writer's name in the footer: same size, still readable, other checksum."""
    original = path.read_bytes()
    assert original.count(b"DuckDB") == 1
    path.write_bytes(original.replace(b"DuckDB", b"DuckDC"))
    return original


def test_check_finds_a_changed_file_by_its_checksum_and_every_process_then_sets_it_aside(two, capsys):
    f = data_file(two, "b2")
    original = _same_size_change(f)
    assert not Store(two.root).damaged()  # the cheap check cannot see it ...
    code, out, _ = cli(two, capsys, "check")
    assert code == 1 and "RUSAK" in out and "sha256" in out  # ... the full check does
    assert [(d.batch_id, d.reason) for d in Store(two.root).damaged()] == [("b2", "checksum_mismatch")]
    assert served(Store(two.root), materialize=True) == ONLY_B1
    other = subprocess.run(
        [sys.executable, "-m", "kemitraan", "--data-dir", str(two.root), "batches", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert {b["batch_id"]: (b["damaged"] or {}).get("reason") for b in json.loads(other.stdout)}[
        "b2"
    ] == "checksum_mismatch", other.stderr
    f.write_bytes(original)  # restored from a backup
    assert not Store(two.root).damaged()
    code, out, _ = cli(two, capsys, "check", "--lang", "en")
    assert code == 0 and "all whole" in out


def _flip_a_data_page(f: Path) -> None:
    import pyarrow.parquet as pq

    col = pq.read_metadata(f).row_group(0).column(1)
    data = bytearray(f.read_bytes())
    start = col.dictionary_page_offset or col.data_page_offset
    data[start : start + col.total_compressed_size] = b"\xff" * col.total_compressed_size
    f.write_bytes(bytes(data))  # same size, footer intact: the cheap check passes


def test_a_file_whose_data_cannot_be_decoded_is_set_aside_when_the_app_materialises(two):
    _flip_a_data_page(data_file(two, "b2"))
    s = Store(two.root)
    assert not s.damaged()
    assert served(s, materialize=True) == ONLY_B1
    assert [(d.batch_id, d.reason) for d in s.damaged()] == [("b2", "unreadable")]


def test_a_file_found_undecodable_inside_a_page_run_is_set_aside_by_that_run(two):
    """A page run answers its questions of the store once (one_reading); a file found undecodable while the run
    materialises is news from this process, not the catalog: the retry reads the batches without it."""
    _flip_a_data_page(data_file(two, "b2"))
    s = Store(two.root)
    with s.one_reading():
        assert [i.batch_id for i in s.healthy_live()] == ["b1", "b2"]  # its footer reads: sound, as far as known
        assert served(s, materialize=True) == ONLY_B1
        assert [(d.batch_id, d.reason) for d in s.damaged()] == [("b2", "unreadable")]


def test_check_names_a_file_whose_data_cannot_be_decoded(two, capsys):
    _flip_a_data_page(data_file(two, "b2"))
    code, out, _ = cli(two, capsys, "check", "--lang", "en")
    assert code == 1 and "DAMAGED Upload b2 is damaged" in out
    assert [(d.batch_id, d.reason) for d in Store(two.root).damaged()] != []


# --------------------------------------------------------------------------- kill -9 at every step


def _killed(root: Path, step: str, code: str) -> None:
    """Run ``code`` (with ``s``, the store) in a child process killed (SIGKILL) at the named step."""
    prog = (
        "import sys, pandas as pd; sys.path.insert(0, %r); sys.path.insert(0, %r)\n"
        "from conftest import partnership, write\nfrom kemitraan.storage.store import Store\n"
        "s = Store(%r)\n%s\nsys.exit(3)"
    ) % (str(ROOT), str(ROOT / "tests"), str(root), code)
    done = subprocess.run(
        [sys.executable, "-c", prog],
        env={**os.environ, "KEMITRAAN_CRASH_AT": step},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == -9, (done.returncode, done.stderr[-2000:])


COMMIT_STEPS = {"commit_kind": False, "commit_before": False, "commit_after": True}


@pytest.mark.parametrize("step", list(COMMIT_STEPS))
def test_a_commit_killed_at_any_step_is_whole_or_absent(store, step):
    write(store, "b1", kemitraan=[partnership("K1")])
    code = (
        "from conftest import indicator_row\nwrite(s, 'b2', kemitraan=[partnership('K2')], "
        "indikator=[indicator_row('K2', '2024', 'terjangkau', 5)])"
    )
    _killed(store.root, step, code)
    s = Store(store.root)  # the next start
    events = s.events()
    if COMMIT_STEPS[step]:  # committed: all of it, both kinds, the batch's row and its event
        assert served(s) == [("K1", "Kemitraan K1"), ("K2", "Kemitraan K2")]
        assert s.connect().sql("SELECT kode_kemitraan, nilai FROM indikator").fetchall() == [("K2", 5.0)]
        assert [e["batch_id"] for e in events] == ["b1", "b2"]
        assert s.batch("b2")["rows_by_kind"] == {"kemitraan": 1, "indikator": 1}
    else:  # killed before the commit (between the kinds, too): nothing of it is visible or logged
        assert served(s) == ONLY_B1 and s.connect().sql("SELECT count(*) FROM indikator").fetchall() == [(0,)]
        assert [e["batch_id"] for e in events] == ["b1"] and [b["batch_id"] for b in s.batches()] == ["b1"]
        s.clean_orphans()  # the files it wrote before dying are not the lake's
        assert {f.batch_id for f in s._data_files()} == {"b1"}
        assert all("_batch=b1" in str(p) for p in Path(s.lake).rglob("*.parquet"))
    assert not s.damaged()
    write(s, "b3", kemitraan=[partnership("K3")])  # and the store keeps working
    assert s.batch("b3")["seq"] == (3 if COMMIT_STEPS[step] else 2)


@pytest.mark.parametrize(
    ("action", "step"),
    [("undo", "undo_before"), ("undo", "undo_after"), ("redo", "redo_before"), ("redo", "redo_after")],
)
def test_an_undo_or_redo_killed_at_any_step_is_done_or_not_at_all(two, action, step):
    if action == "redo":
        two.undo("b2", user="ani")
    _killed(two.root, step, f"s.{action}('b2', user='budi')")
    s = Store(two.root)
    b2 = s.batch("b2")
    done = step.endswith("_after")
    events = [e["event"] for e in s.events()]
    both = [("K1", "Nama dari b2"), ("K2", "Kemitraan K2")]
    if action == "undo":
        assert b2["undone"] == done and served(s) == (ONLY_B1 if done else both)
        assert events == ["commit", "commit"] + (["undo"] if done else [])
    else:
        assert b2["undone"] == (not done) and served(s) == (both if done else ONLY_B1)
        assert events == ["commit", "commit", "undo"] + (["redo"] if done else [])
        assert (b2["redone_by"] == "budi") == done
    assert not s.damaged()


def test_commit_and_undo_record_their_user(store):
    with store.new_batch("b1", file="x.csv", user="ani") as b:
        b.write_df("kemitraan", pd.DataFrame([partnership("K1")]))
    store.undo("b1", user="budi")
    [m] = store.batches()
    assert (m["user"], m["undone_by"]) == ("ani", "budi")
    assert [(e["event"], e["user"]) for e in store.events()] == [("commit", "ani"), ("undo", "budi")]


# --------------------------------------------------------------------------- the app on a damaged store


@pytest.mark.parametrize("damage", [_footer_overwritten], ids=["footer_overwritten"])
def test_every_page_renders_while_a_batch_is_damaged(demo_store, damage, monkeypatch):
    from conftest import APP, app_pages
    from streamlit.testing.v1 import AppTest

    write(demo_store, "b2", kemitraan=[partnership("ZZ-1")], indikator=[])
    damage(demo_store)
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))
    for page, _ in app_pages():
        at = AppTest.from_file(APP, default_timeout=120)
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_a_page_run_checks_the_files_once_and_the_next_run_finds_what_changed(two, monkeypatch):
    """A page run asks the store several questions (its data version, the batches its views read, the damage notice):
    the lake's files are listed once for them. The answer does not outlive the run: a file damaged after it is found
    by the next run, as it is by any question asked outside one."""
    from kemitraan.storage import lake_fs

    listed = []
    real = lake_fs.stat_many
    monkeypatch.setattr(lake_fs, "stat_many", lambda paths: listed.append(1) or real(paths))
    with two.one_reading():
        before = two.version()
        assert two.damaged() == [] and [i.batch_id for i in two.healthy_live()] == ["b1", "b2"]
        assert two.version() == before
    assert len(listed) == 1  # four questions, one listing
    truncate(data_file(two, "b2"))
    with two.one_reading():
        assert [d.batch_id for d in two.damaged()] == ["b2"]
        assert two.version() != before
    assert [d.batch_id for d in two.damaged()] == ["b2"]
