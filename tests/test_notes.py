import datetime as dt
import multiprocessing as mp

import pytest
from conftest import partnership, write

from kemitraan.queries import filter_codes
from kemitraan.queries.filters import Filters
from kemitraan.storage import engine
from kemitraan.storage.notes import MAX_TEXT, NoteError, Notes


def test_a_note_round_trips_with_its_filters_author_and_target(tmp_path):
    notes = Notes(tmp_path)
    f = Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1), ("internasional",), (), ("32",))
    text = "Jangkauan Jawa Barat naik,\nperlu cek data Q3.\t<b>bukan HTML</b> **bukan markdown** =1+1"
    n = notes.add(text, "slide", "jangkauan", author="Siti", filters=filter_codes.to_codes(f))
    again = Notes(tmp_path).for_slide("jangkauan")
    assert again == [n]
    got = again[0]
    assert got.text == text  # exactly as typed
    assert got.author == "Siti" and got.target_kind == "slide"
    assert got.filters == {"dari": "2024-01", "sampai": "2024-12", "kategori": ["internasional"], "provinsi": ["32"]}
    assert filter_codes.from_codes(got.filters) == f
    assert dt.datetime.fromisoformat(got.created_at).tzinfo is not None
    stored = engine.cursor(tmp_path).sql(f"SELECT event, id FROM {engine.table(engine.NOTES)}").fetchall()
    assert stored == [("add", n.id)]  # in the lake's catalog
    assert not (tmp_path / "notes").exists()


def test_notes_are_listed_per_slide_and_per_partnership(tmp_path):
    notes = Notes(tmp_path)
    a = notes.add("a", "slide", "jangkauan", author="x")
    b = notes.add("b", "slide", "dana", author="x")
    c = notes.add("c", "kemitraan", "DEMO-00001", author="x")
    d = notes.add("d", "slide", "jangkauan", author="y")
    assert notes.for_slide("jangkauan") == [a, d]
    assert notes.for_slide("dana") == [b]
    assert notes.for_partnership("DEMO-00001") == [c]
    assert notes.for_partnership("DEMO-00002") == []
    assert len(notes.list()) == 4


def test_deleting_records_an_event_and_keeps_the_history(tmp_path):
    notes = Notes(tmp_path)
    a = notes.add("keep me in history", "slide", "dampak", author="x")
    b = notes.add("stays", "slide", "dampak", author="x")
    notes.delete(a.id, by="ketua")
    assert notes.for_slide("dampak") == [b]
    events = notes.events()
    assert [e["event"] for e in events] == ["add", "add", "delete"]
    assert events[0]["text"] == "keep me in history" and events[2]["by"] == "ketua"
    with pytest.raises(NoteError) as err:
        notes.delete(a.id)
    assert "tidak ditemukan" in err.value.message("id") and "not found" in err.value.message("en")


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "notes.err.text_empty"),
        ("   \n ", "notes.err.text_empty"),
        ("x" * (MAX_TEXT + 1), "notes.err.text_long"),
        ("bell\x07", "notes.err.text_char"),
    ],
)
def test_bad_text_is_refused_with_a_message_and_nothing_is_stored(tmp_path, text, key):
    notes = Notes(tmp_path)
    with pytest.raises(NoteError) as err:
        notes.add(text, "slide", "jangkauan", author="x")
    assert err.value.key == key
    assert err.value.message("id") != err.value.message("en")
    assert notes.list() == []


def test_the_longest_allowed_note_is_kept_whole(tmp_path):
    notes = Notes(tmp_path)
    text = ("Kesimpulan rapat. " * 400)[:MAX_TEXT]
    notes.add(text, "slide", "ringkasan", author="x")
    assert notes.list()[0].text == text


@pytest.mark.parametrize("kind, key", [("page", "x"), ("slide", "Jangkauan!"), ("slide", ""), ("kemitraan", " ")])
def test_bad_targets_are_refused(tmp_path, kind, key):
    with pytest.raises(NoteError):
        Notes(tmp_path).add("text", kind, key, author="x")
    assert Notes(tmp_path).list() == []


def test_notes_survive_undoing_every_batch(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    notes = Notes(store.root)
    n = notes.add("catatan", "kemitraan", "K1", author="x")
    store.undo("b1")
    assert Notes(store.root).for_partnership("K1") == [n]
    store.redo("b1")
    assert Notes(store.root).for_partnership("K1") == [n]


def _add_many(root, who, n):
    notes = Notes(root)
    for i in range(n):
        notes.add(f"{who} {i} " + "x" * 2000, "slide", "ringkasan", author=who)


def test_several_processes_append_without_losing_or_mixing_lines(tmp_path):
    ctx = mp.get_context("spawn")  # DuckDB is not fork-safe once it has threads: new processes, as servers are
    procs = [ctx.Process(target=_add_many, args=(tmp_path, f"p{i}", 25)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    events = Notes(tmp_path).events()
    assert len(events) == 100 and all(e["event"] == "add" for e in events)
    assert len(Notes(tmp_path).list()) == 100
    assert {e["author"] for e in events} == {"p0", "p1", "p2", "p3"}


def test_filter_codes_round_trip_and_accept_the_url_form():
    f = Filters(dt.date(2023, 2, 1), None, ("nirlaba", "multisektor"), ("kb",), ())
    assert filter_codes.from_codes(filter_codes.to_codes(f)) == f
    assert filter_codes.to_codes(Filters()) == {}
    url = {"periode": ["2024-12", "2024-01"], "provinsi": ["32", "99"], "kategori": ["bukan_kode"]}
    assert filter_codes.from_codes(url) == Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1), (), (), ("32",))
    assert filter_codes.parse_month("2024-13") is None and filter_codes.parse_month("2024-7") is None
