"""The upload history: every batch with its counts and status (live, undone, brought back, damaged) and what
can be done to it; commit reports its progress for large files."""

from __future__ import annotations

import pytest
from conftest import batch_file, partnership, write

from kemitraan.ingest import commit, prepare
from kemitraan.storage import history
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.fixture
def lived(store) -> Store:
    """b1 live; b2 undone by ani; b3 undone then brought back by budi; b4 damaged."""
    for b in ("b1", "b2", "b3", "b4"):
        write(store, b, kemitraan=[partnership(f"K{b}")])
    store.undo("b2", user="ani")
    store.undo("b3", user="ani")
    store.redo("b3", user="budi")
    batch_file(store, "b4").write_bytes(b"not parquet")
    return Store(store.root)


def test_every_batch_with_its_status_and_action(lived):
    entries = {e.batch_id: e for e in history.history_entries(lived)}
    assert [e.batch_id for e in history.history_entries(lived)] == ["b4", "b3", "b2", "b1"]  # newest first
    assert {b: (e.status, e.action) for b, e in entries.items()} == {
        "b1": ("live", "undo"),
        "b2": ("undone", "redo"),
        "b3": ("live", "undo"),
        "b4": ("damaged", "undo"),
    }
    assert entries["b2"].undone_by == "ani" and entries["b3"].redone_by == "budi"
    assert (entries["b1"].file, entries["b1"].kinds, entries["b1"].rows_added) == ("b1.csv", ("kemitraan",), 1)
    assert entries["b2"].status_text("en").startswith("Undone ") and entries["b2"].status_text("en").endswith("by ani")
    assert entries["b3"].status_text("en").startswith("Live (brought back ") and "by budi" in entries["b3"].status_text(
        "en"
    )
    assert entries["b4"].status_text("en") == "Damaged: a file's size changed"
    assert entries["b4"].status_text("id") == "Rusak: ukuran berkas berubah"
    assert entries["b1"].kind_text("en") == "Partnerships"


def test_an_undone_damaged_batch_offers_nothing(lived):
    lived.undo("b4")
    e = {e.batch_id: e for e in history.history_entries(lived)}["b4"]
    assert (e.status, e.action) == ("damaged", None)
    assert e.status_text("en") == "Undone, damaged: a file's size changed"
    assert [m["batch_id"] for m in history.redoable(lived)] == ["b2"]


def test_history_frame_shows_the_status_in_words(lived):
    df = history.history_frame(lived, "en")
    status = dict(zip(df["Batch"], df["Status"]))
    assert status["b1"] == "Live" and status["b4"] == "Damaged: a file's size changed"
    assert status["b3"].startswith("Live (brought back")
    assert list(df.columns) == [
        "Batch",
        "Time",
        "Status",
        "File",
        "Kind",
        "New",
        "Replaced",
        "Unchanged",
        "Invalid",
        "User",
    ]


def test_redo_from_the_history(lived):
    ok, detail = history.redo_batch(lived, "b2", user="cici")
    assert ok and detail == "" and history.redo_message("b2", ok, detail, "en") == "Batch **b2** brought back."
    ok, detail = history.redo_batch(lived, "b2")
    assert not ok and "masih aktif" in detail  # in the page's language (Indonesian by default)
    assert history.redo_message("b2", ok, detail, "id").startswith("Batch b2 tidak bisa dikembalikan")


def test_commit_reports_progress_per_file_and_kind(store):
    files = [C.kemitraan_csv_comma(), C.workbook_all_kinds()]
    report = prepare(store, files)
    assert report.ok, report.problems
    seen: list[tuple[float, str]] = []
    commit(store, report, progress=lambda f, m: seen.append((f, m)), lang="en")
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    messages = [m for _, m in seen]
    assert "Storing Partnerships from kemitraan.csv" in messages
    assert any(m.startswith("Storing Indicators from ") for m in messages)
    assert any(m.startswith("Securing kemitraan.csv") for m in messages)
    assert messages[-1] == "Done"
