"""A data folder of the old layout (lake/batch=<id>/ + manifest.json, _undone, _log/events.jsonl, notes/notes.jsonl)
moves into the lake once, on open, keeping batch ids, sequence numbers, undone batches, history and notes; a
migration killed (kill -9) at any step loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, indicator_row, partnership

from kemitraan import contract
from kemitraan.cli import main
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import Store


def _old_batch(parent: Path, bid: str, seq: int, *, undone: bool = False, **frames: list[dict]) -> None:
    folder = parent / f"batch={bid}"
    folder.mkdir(parents=True)
    con = duckdb.connect()
    rows_by_kind = {}
    for kind in contract.KINDS:
        rows = frames.get(kind, [])
        import pandas as pd

        df = pd.DataFrame(rows, columns=contract.stored_columns(kind))
        con.register("df", df)
        cols = ", ".join(f"CAST({n} AS {t}) AS {n}" for n, t in contract.stored_schema(kind))
        con.execute(
            f"COPY (SELECT {cols}, {seq}::INTEGER AS _seq, '{bid}' AS _batch FROM df) "
            f"TO '{folder / f'{kind}.parquet'}' (FORMAT parquet)"
        )
        con.unregister("df")
        if rows:
            rows_by_kind[kind] = len(rows)
    manifest = {
        "batch_id": bid,
        "seq": seq,
        "file": f"{bid}.csv",
        "sha256": "ab" * 32,
        "kind": ",".join(rows_by_kind),
        "kinds": list(rows_by_kind),
        "rows": sum(rows_by_kind.values()),
        "rows_by_kind": rows_by_kind,
        "rows_added": sum(rows_by_kind.values()),
        "rows_replaced": 0,
        "rows_unchanged": 0,
        "rows_invalid": 0,
        "user": "ani",
        "created_at": f"2026-01-0{seq}T10:00:00+00:00",
        "undone": undone,
        "undone_at": "2026-02-01T10:00:00+00:00" if undone else None,
        "undone_by": "budi" if undone else None,
        "note": None,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.fixture
def old(tmp_path) -> Path:
    """b1 live (K1, K2), b2 undone (K1 renamed), b3 live (K2 renamed, an indicator); history; two notes, one deleted."""
    root = tmp_path / "data"
    lake = root / "lake"
    _old_batch(lake, "b1", 1, kemitraan=[partnership("K1"), partnership("K2")])
    _old_batch(lake / "_undone", "b2", 2, undone=True, kemitraan=[partnership("K1", nama_kemitraan="dua")])
    _old_batch(
        lake,
        "b3",
        3,
        kemitraan=[partnership("K2", nama_kemitraan="tiga")],
        indikator=[indicator_row("K2", "2024", "terjangkau", 7)],
    )
    (lake / "batch=_empty").mkdir()
    (lake / "_log").mkdir()
    events = [
        {"event": "commit", "batch_id": b, "seq": n, "user": "ani", "at": f"2026-01-0{n}T10:00:00+00:00"}
        for n, b in enumerate(("b1", "b2", "b3"), 1)
    ]
    events.append({"event": "undo", "batch_id": "b2", "user": "budi", "at": "2026-02-01T10:00:00+00:00"})
    (lake / "_log" / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    (root / "notes").mkdir()
    notes = [
        {
            "event": "add",
            "id": "n1",
            "text": "tetap",
            "author": "ani",
            "created_at": "2026-01-05T00:00:00+00:00",
            "target_kind": "slide",
            "target_key": "jangkauan",
            "filters": {},
        },
        {
            "event": "add",
            "id": "n2",
            "text": "dihapus",
            "author": "ani",
            "created_at": "2026-01-06T00:00:00+00:00",
            "target_kind": "kemitraan",
            "target_key": "K1",
            "filters": {},
        },
        {"event": "delete", "id": "n2", "by": "budi", "at": "2026-01-07T00:00:00+00:00"},
    ]
    (root / "notes" / "notes.jsonl").write_text("".join(json.dumps(e) + "\n" for e in notes), encoding="utf-8")
    return root


def names(store: Store) -> dict[str, str]:
    return dict(store.connect().sql("SELECT kode_kemitraan, nama_kemitraan FROM kemitraan").fetchall())


def assert_migrated(s: Store) -> None:
    got = {b["batch_id"]: (b["seq"], b["undone"], b["undone_by"], b["user"], b["file"]) for b in s.batches()}
    assert got == {
        "b1": (1, False, None, "ani", "b1.csv"),
        "b2": (2, True, "budi", "ani", "b2.csv"),
        "b3": (3, False, None, "ani", "b3.csv"),
    }
    assert names(s) == {"K1": "Kemitraan K1", "K2": "tiga"}
    assert s.connect().sql("SELECT kode_kemitraan, nilai FROM indikator").fetchall() == [("K2", 7.0)]
    events = s.events()
    assert [(e["event"], e.get("batch_id")) for e in events] == [
        ("commit", "b1"),
        ("commit", "b2"),
        ("commit", "b3"),
        ("undo", "b2"),
        ("migrate", None),
    ]
    assert events[-1]["batches"] == 3 and events[-1]["undone"] == 1 and events[-1]["notes"] == 3
    assert [(n.id, n.text) for n in Notes(s.root).list()] == [("n1", "tetap")]
    assert not s.damaged() and not s.damaged(undone=True)
    assert not (s.root / "lake" / "_log").exists() and not list((s.root / "lake").glob("batch=*"))
    assert not (s.root / "notes" / "notes.jsonl").exists()
    [kept] = list(s.root.glob("migrated-*"))
    assert (kept / "lake" / "batch=b1" / "manifest.json").exists() and (kept / "lake" / "_undone" / "batch=b2").is_dir()
    assert (kept / "notes" / "notes.jsonl").exists()


def test_the_old_layout_migrates_on_open_once_keeping_ids_seqs_status_history_and_notes(old, capsys):
    s = Store(old)
    assert [r["action"] for r in s.recovered] == ["migrated"]
    assert_migrated(s)
    s.redo("b2", user="cici")  # an undone batch comes back as it was
    assert names(s) == {"K1": "dua", "K2": "tiga"}
    assert Store(old).recovered == []  # once
    from conftest import write

    assert s.batch(write(s, "b4", kemitraan=[partnership("K4")]))["seq"] == 4  # seqs continue


def test_the_command_line_says_what_the_migration_did(old, capsys):
    assert main(["--data-dir", str(old), "check", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "The data folder of the old layout was moved into the lake (DuckLake): batches 3, undone 1" in out
    assert "migrated-" in out


def _killed_open(root: Path, step: str) -> None:
    prog = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from kemitraan.storage.store import Store\n"
        f"Store({str(root)!r})"
    )
    done = subprocess.run(
        [sys.executable, "-c", prog],
        env={**os.environ, "KEMITRAAN_CRASH_AT": step},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr[-2000:]


@pytest.mark.parametrize("step", ["migrate_batch", "migrate_before", "migrate_after"])
def test_a_migration_killed_at_any_step_loses_nothing(old, step):
    _killed_open(old, step)
    if step != "migrate_after":  # killed before the commit: the old layout untouched, nothing in the catalog
        assert (old / "lake" / "batch=b1" / "manifest.json").exists() and (old / "notes" / "notes.jsonl").exists()
        assert not list(old.glob("migrated-*"))
    s = Store(old)  # the next open migrates, or finishes moving the old folders
    assert [r["action"] for r in s.recovered] == (["migration_finished"] if step == "migrate_after" else ["migrated"])
    assert_migrated(s)
    assert s.clean_orphans() >= 0 and names(s) == {"K1": "Kemitraan K1", "K2": "tiga"}


def test_an_old_batch_whose_files_do_not_read_is_migrated_damaged_and_the_others_serve(old):
    f = old / "lake" / "batch=b3" / "kemitraan.parquet"
    f.write_bytes(f.read_bytes()[:40])
    s = Store(old)
    [d] = s.damaged()
    assert d.batch_id == "b3" and d.reason == "unreadable"
    assert names(s) == {"K1": "Kemitraan K1", "K2": "Kemitraan K2"}
    s.undo("b3")
    assert not s.damaged()
