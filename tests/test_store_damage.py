"""A damaged batch is set aside and named; a crash between any two steps of commit or undo leaves a store
that opens and says what happened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, partnership, write
from kemitraan.storage import batch_check
from kemitraan.storage import store as store_mod
from kemitraan.storage import undo_redo as undo_mod
from kemitraan.cli import main
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


def _edit_manifest(folder: Path, **changes) -> None:
    p = folder / "manifest.json"
    m = json.loads(p.read_text(encoding="utf-8"))
    for k, v in changes.items():
        if v is None:
            m.pop(k, None)
        else:
            m[k] = v
    p.write_text(json.dumps(m), encoding="utf-8")


def _truncated_parquet(b2: Path) -> None:
    truncate(b2 / "kemitraan.parquet")


def _truncated_parquet_old_manifest(b2: Path) -> None:  # a batch written before checksums were recorded
    _edit_manifest(b2, files=None)
    truncate(b2 / "kemitraan.parquet")


def _parquet_overwritten_with_text(b2: Path) -> None:
    _edit_manifest(b2, files=None)
    (b2 / "kemitraan.parquet").write_text("bukan parquet", encoding="utf-8")


def _truncated_manifest(b2: Path) -> None:
    truncate(b2 / "manifest.json", 0.3)


def _manifest_deleted(b2: Path) -> None:
    (b2 / "manifest.json").unlink()


def _manifest_of_another_batch(b2: Path) -> None:
    (b2 / "manifest.json").write_bytes((b2.parent / "batch=b1" / "manifest.json").read_bytes())


def _parquet_deleted(b2: Path) -> None:
    (b2 / "kemitraan.parquet").unlink()


def _row_count_edited(b2: Path) -> None:
    _edit_manifest(b2, rows_by_kind={"kemitraan": 5})


DAMAGES = [
    (_truncated_parquet, "size_mismatch"),
    (_truncated_parquet_old_manifest, "unreadable"),
    (_parquet_overwritten_with_text, "unreadable"),
    (_truncated_manifest, "manifest_invalid"),
    (_manifest_deleted, "manifest_missing"),
    (_manifest_of_another_batch, "manifest_invalid"),
    (_parquet_deleted, "file_missing"),
    (_row_count_edited, "rows_mismatch"),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGES, ids=[d.__name__.strip("_") for d, _ in DAMAGES])
def test_a_damaged_batch_is_set_aside_named_and_can_be_undone(two, damage, reason, capsys):
    healthy_version = two.version()
    damage(two.lake / "batch=b2")
    s = Store(two.root)  # the next open: no traceback
    [d] = s.damaged()
    assert (d.batch_id, d.reason, d.undone) == ("b2", reason, False)
    assert "b2" in d.message("id") and "python -m kemitraan undo b2" in d.message("id")
    assert d.message("en").startswith("Upload b2 is damaged") and "set aside" in d.message("en")
    # every view serves the other batch, on the fly and materialised (the app's way)
    assert served(s) == ONLY_B1 and served(s, materialize=True) == ONLY_B1
    assert s.version() != healthy_version  # so the app rebuilds its cached connection
    con = s.connect()
    assert con.sql("SELECT batch_id, damaged FROM batches ORDER BY batch_id").fetchall() == [("b1", None), ("b2", reason)]
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


def test_ingest_and_batches_work_on_a_damaged_store(two, tmp_path, capsys):
    truncate(two.lake / "batch=b2" / "kemitraan.parquet")
    truncate(two.lake / "batch=b1" / "manifest.json")
    name, data = C.kemitraan_csv_comma()
    f = tmp_path / name
    f.write_bytes(data)
    code, out, err = cli(two, capsys, "ingest", str(f))
    assert code == 0, err
    code, out, _ = cli(two, capsys, "sql", "SELECT count(*) AS n FROM kemitraan", "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "3"]
    code, out, _ = cli(two, capsys, "batches", "--lang", "en")
    assert code == 0 and out.count("DAMAGED") == 2


def test_a_batch_with_an_unreadable_manifest_keeps_its_place_in_the_sequence(two):
    truncate(two.lake / "batch=b2" / "manifest.json")
    m = write(Store(two.root), "b3", kemitraan=[partnership("K3")])
    assert m["seq"] == 3  # b2's seq comes from the event log, so it is never reused
    b2 = [b for b in two.batches() if b["batch_id"] == "b2"][0]
    assert b2["seq"] == 2 and b2["damaged"]["reason"] == "manifest_invalid"


def test_undoing_a_batch_with_a_broken_manifest_keeps_the_broken_bytes(two):
    p = two.lake / "batch=b2" / "manifest.json"
    broken = p.read_bytes()[:40]
    p.write_bytes(broken)
    m = two.undo("b2", user="ani")
    kept = two.undone_dir / "batch=b2"
    assert (kept / "manifest.json.damaged").read_bytes() == broken
    assert m["undone"] and m["undone_by"] == "ani" and m["seq"] == 2
    assert not two.damaged() and served(two) == ONLY_B1


# --------------------------------------------------------------------------- checksums


def test_commit_records_the_size_and_sha256_of_every_file(two):
    m = json.loads((two.lake / "batch=b2" / "manifest.json").read_text(encoding="utf-8"))
    assert set(m["files"]) == {"kemitraan.parquet", "indikator.parquet", "survei.parquet"}
    for name, entry in m["files"].items():
        data = (two.lake / "batch=b2" / name).read_bytes()
        assert entry == {"size": len(data), "sha256": store_mod.sha256_bytes(data)}


def _same_size_change(path: Path) -> bytes:
    """Change one byte of the writer's name in the footer: same size, still readable, other checksum."""
    original = path.read_bytes()
    assert original.count(b"DuckDB") == 1
    path.write_bytes(original.replace(b"DuckDB", b"DuckDC"))
    return original


def test_check_finds_a_changed_file_by_its_checksum_and_every_process_then_sets_it_aside(two, capsys):
    f = two.lake / "batch=b2" / "kemitraan.parquet"
    original = _same_size_change(f)
    assert not Store(two.root).damaged()  # the cheap check cannot see it ...
    code, out, _ = cli(two, capsys, "check")
    assert code == 1 and "RUSAK" in out and "sha256" in out  # ... the full check does
    assert [(d.batch_id, d.reason) for d in Store(two.root).damaged()] == [("b2", "checksum_mismatch")]
    assert served(Store(two.root), materialize=True) == ONLY_B1
    other = subprocess.run([sys.executable, "-m", "kemitraan", "--data-dir", str(two.root), "batches", "--json"],
                           capture_output=True, text=True, cwd=ROOT)
    assert {b["batch_id"]: (b["damaged"] or {}).get("reason") for b in json.loads(other.stdout)}["b2"] == \
        "checksum_mismatch"
    f.write_bytes(original)  # restored from a backup
    assert not Store(two.root).damaged()
    code, out, _ = cli(two, capsys, "check", "--lang", "en")
    assert code == 0 and "all whole" in out
    assert json.loads((two.lake / "_log" / "checks.json").read_text()) == {}


def test_a_file_whose_data_cannot_be_decoded_is_set_aside_when_the_app_materialises(two):
    import pyarrow.parquet as pq

    f = two.lake / "batch=b2" / "kemitraan.parquet"
    col = pq.read_metadata(f).row_group(0).column(1)
    data = bytearray(f.read_bytes())
    start = col.dictionary_page_offset or col.data_page_offset
    data[start:start + col.total_compressed_size] = b"\xff" * col.total_compressed_size
    f.write_bytes(bytes(data))  # same size, footer intact: the cheap check passes
    s = Store(two.root)
    assert not s.damaged()
    assert served(s, materialize=True) == ONLY_B1
    assert [(d.batch_id, d.reason) for d in s.damaged()] == [("b2", "unreadable")]


def test_a_damaged_schema_anchor_is_rebuilt_on_open(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    truncate(store.lake / "batch=_empty" / "survei.parquet")
    s = Store(store.root)
    assert served(s) == ONLY_B1 and s.connect().sql("SELECT count(*) FROM survei").fetchall() == [(0,)]


# --------------------------------------------------------------------------- crashes


class Crash(BaseException):
    """A process killed mid-step (BaseException: nothing in the store may catch it)."""


def crash_on(monkeypatch, owner, name: str, *, when=lambda *a, **k: True):
    real = getattr(owner, name)

    def boom(*args, **kwargs):
        if when(*args, **kwargs):
            raise Crash(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, boom)


def _is(path_end: str):
    return lambda *args, **kwargs: any(str(a).endswith(path_end) for a in args)


def _renames_into_lake(src, dst, *a, **k):
    return Path(str(src)).name.startswith(".tmp-")


COMMIT_CRASHES = {
    "while_hashing": (batch_check, "file_entry", lambda *a, **k: True),
    "while_flushing_files": (store_mod, "fsync", lambda *a, **k: True),
    "while_writing_manifest": (store_mod, "write_json", lambda *a, **k: True),
    "before_the_rename": (store_mod.os, "rename", _renames_into_lake),
    "after_the_rename_before_the_log": (Store, "_log", lambda *a, **k: True),
}


@pytest.mark.parametrize("step", list(COMMIT_CRASHES))
def test_a_commit_crashing_at_any_step_leaves_a_store_that_opens_and_says_what_happened(store, step, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    owner, name, when = COMMIT_CRASHES[step]
    with monkeypatch.context() as m:
        crash_on(m, owner, name, when=when)
        with pytest.raises(Crash):
            write(store, "b2", kemitraan=[partnership("K2")])
    s = Store(store.root)  # the next start
    assert not list(s.lake.glob(".tmp-*"))
    events = s.events()
    if step == "after_the_rename_before_the_log":  # committed: the missing log line is written, marked recovered
        assert served(s) == [("K1", "Kemitraan K1"), ("K2", "Kemitraan K2")]
        assert s.recovered == [{"action": "commit_logged", "batch_id": "b2"}]
        assert events[-1]["event"] == "commit" and events[-1]["batch_id"] == "b2" and events[-1]["recovered"]
        assert events[-1]["seq"] == 2 and events[-1]["rows"] == 1
    else:  # not committed: nothing of it is visible or logged
        assert served(s) == ONLY_B1 and s.recovered == []
        assert [e["batch_id"] for e in events] == ["b1"]
    assert not s.damaged()
    assert len([e for e in s.events() if e["event"] == "commit"]) == len(s.batches())
    write(s, "b3", kemitraan=[partnership("K3")])  # and the store keeps working
    assert Store(s.root).recovered == []


def test_a_log_line_cut_short_by_a_crash_is_skipped_and_recovered(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    log = store.lake / "_log" / "events.jsonl"
    lines = log.read_bytes()
    write(store, "b2", kemitraan=[partnership("K2")])
    full = log.read_bytes()
    log.write_bytes(full[: len(lines) + 30])  # the b2 line, cut mid-way
    s = Store(store.root)
    assert s.recovered == [{"action": "commit_logged", "batch_id": "b2"}]
    write(s, "b3", kemitraan=[partnership("K3")])
    assert [e["batch_id"] for e in s.events() if e["event"] == "commit"] == ["b1", "b2", "b3"]


UNDO_CRASHES = {
    # (owner, function, when, what the next open does)
    "while_writing_the_intent": (undo_mod, "write_json", _is("pending.json"), "nothing"),
    "before_moving_the_folder": (store_mod.os, "rename", lambda src, dst, *a, **k: "_undone" in str(dst),
                                 "undo_rolled_back"),
    "after_moving_before_the_manifest": (undo_mod, "write_json", _is("manifest.json"), "undo_completed"),
    "after_the_manifest_before_the_log": (Store, "_log", lambda *a, **k: True, "undo_completed"),
    "after_the_log_before_clearing_the_intent": (Path, "unlink", _is("pending.json"), "undo_completed"),
}


@pytest.mark.parametrize("step", list(UNDO_CRASHES))
def test_an_undo_crashing_at_any_step_is_completed_or_rolled_back_on_the_next_open(two, step, monkeypatch):
    owner, name, when, expected = UNDO_CRASHES[step]
    with monkeypatch.context() as m:
        crash_on(m, owner, name, when=when)
        with pytest.raises(Crash):
            two.undo("b2", user="ani")
    s = Store(two.root)
    assert not (s.lake / "_log" / "pending.json").exists()
    undo_events = [e for e in s.events() if e["event"] == "undo"]
    b2 = [b for b in s.batches() if b["batch_id"] == "b2"][0]
    if expected == "undo_completed":
        assert s.recovered == [{"action": "undo_completed", "batch_id": "b2"}]
        assert served(s) == ONLY_B1
        assert b2["undone"] and b2["undone_by"] == "ani"
        on_disk = json.loads((s.undone_dir / "batch=b2" / "manifest.json").read_text(encoding="utf-8"))
        assert on_disk["undone"] and on_disk["undone_by"] == "ani"
        assert len(undo_events) == 1 and undo_events[0]["user"] == "ani"
    else:
        assert served(s) == [("K1", "Nama dari b2"), ("K2", "Kemitraan K2")]
        assert not b2["undone"] and undo_events == []
        if expected == "undo_rolled_back":
            assert s.recovered == [{"action": "undo_rolled_back", "batch_id": "b2"}]
            assert s.events()[-1]["event"] == "undo_rolled_back" and s.events()[-1]["user"] == "ani"
        else:
            assert s.recovered == []
        s.undo("b2", user="ani")  # can be done again
        assert served(s) == ONLY_B1
    assert not s.damaged()


def test_an_undo_moved_by_an_older_version_without_intent_is_completed(two, capsys):
    os.rename(two.lake / "batch=b2", two.undone_dir / "batch=b2")  # moved, manifest not rewritten, nothing logged
    code, out, _ = cli(two, capsys, "check", "--lang", "en")
    assert code == 0 and "Recovered: the undo of upload b2 stopped halfway and has been completed." in out
    s = Store(two.root)
    assert [b["undone"] for b in s.batches()] == [False, True]
    assert s.events()[-1]["event"] == "undo" and s.events()[-1]["recovered"]


def test_opening_while_a_writer_holds_the_lock_recovers_nothing(two):
    os.rename(two.lake / "batch=b2", two.undone_dir / "batch=b2")
    with two._lock(blocking=True):  # a writer between its rename and its manifest is not a crash
        s = Store(two.root)
        assert s.recovered == []
    assert Store(two.root).recovered == [{"action": "undo_completed", "batch_id": "b2"}]


def test_commit_and_undo_record_their_user(store):
    with store.new_batch("b1", file="x.csv", user="ani") as b:
        b.write_df("kemitraan", pd.DataFrame([partnership("K1")]))
    store.undo("b1", user="budi")
    [m] = store.batches()
    assert (m["user"], m["undone_by"]) == ("ani", "budi")
    assert [(e["event"], e["user"]) for e in store.events()] == [("commit", "ani"), ("undo", "budi")]


# --------------------------------------------------------------------------- the app on a damaged store


@pytest.mark.parametrize("damage", [_truncated_parquet_old_manifest, _truncated_manifest],
                         ids=["truncated_parquet", "truncated_manifest"])
def test_every_page_renders_while_a_batch_is_damaged(demo_store, damage, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import APP, app_pages

    write(demo_store, "rusak", kemitraan=[partnership("ZZ-1")], indikator=[])
    damage(demo_store.lake / "batch=rusak")
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))
    for page, _ in app_pages():
        at = AppTest.from_file(APP, default_timeout=120).run()
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
