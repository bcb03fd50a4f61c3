"""Redo brings an undone batch back as it was: logged, atomic, and finished or rolled back after a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import partnership, write
from kemitraan.cli import main
from kemitraan.storage import batch_check
from kemitraan.storage import undo_redo as undo_mod
from kemitraan.storage.store import Store, StoreError


@pytest.fixture
def three(store) -> Store:
    """b1: K1 "satu"; b2: K1 "dua" and K2; b3: K2 "tiga". b2 is undone."""
    write(store, "b1", kemitraan=[partnership("K1", nama_kemitraan="satu")])
    write(store, "b2", kemitraan=[partnership("K1", nama_kemitraan="dua"), partnership("K2", nama_kemitraan="dua")])
    write(store, "b3", kemitraan=[partnership("K2", nama_kemitraan="tiga")])
    store.undo("b2", user="ani")
    return store


def names(store: Store, materialize: bool = False) -> dict[str, str]:
    con = store.connect(materialize=materialize)
    try:
        return dict(con.sql("SELECT kode_kemitraan, nama_kemitraan FROM kemitraan").fetchall())
    finally:
        con.close()


def test_redo_brings_the_batch_back_where_no_later_batch_holds_the_key(three):
    assert names(three) == {"K1": "satu", "K2": "tiga"}
    m = three.redo("b2", user="budi")
    # b2 wins over the older b1 for K1, but b3 (uploaded later) keeps K2: upload order, not redo order
    assert names(three) == names(three, materialize=True) == {"K1": "dua", "K2": "tiga"}
    assert (m["undone"], m["undone_at"], m["redone_by"]) == (False, None, "budi")
    b2 = three.batch("b2")
    assert not b2["undone"] and b2["redone_by"] == "budi" and b2["seq"] == 2
    assert [(e["event"], e["batch_id"], e["user"]) for e in three.events()][-2:] == [("undo", "b2", "ani"),
                                                                                    ("redo", "b2", "budi")]
    assert not (three.lake / "_log" / "pending.json").exists()
    three.undo("b2", user="cici")  # and it can be undone again
    assert names(three) == {"K1": "satu", "K2": "tiga"}
    assert three.batch("b2")["undone_by"] == "cici"


def test_redo_refuses_a_live_an_unknown_or_a_damaged_batch(three):
    with pytest.raises(StoreError, match="live"):
        three.redo("b1")
    with pytest.raises(StoreError, match="not found"):
        three.redo("nope")
    with pytest.raises(StoreError, match="not found"):
        three.redo("../b2")
    kept = three.undone_dir / "batch=b2" / "kemitraan.parquet"
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other content: only the checksum sees it
    kept.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        three.redo("b2")
    assert names(three) == {"K1": "satu", "K2": "tiga"} and three.batch("b2")["undone"]


def test_a_batch_undone_with_a_broken_manifest_cannot_be_brought_back(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    (store.lake / "batch=b1" / "manifest.json").write_text("{", encoding="utf-8")
    store.undo("b1")
    with pytest.raises(StoreError, match="damaged"):
        store.redo("b1")


# --------------------------------------------------------------------------- crashes


class Crash(BaseException):
    """A process killed mid-step."""


def crash_on(monkeypatch, owner, name: str, when):
    real = getattr(owner, name)

    def boom(*args, **kwargs):
        if when(*args, **kwargs):
            raise Crash(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, boom)


def _is(path_end: str):
    return lambda *args, **kwargs: any(str(a).endswith(path_end) for a in args)


REDO_CRASHES = {
    # (owner, function, when, what the next open does)
    "while_writing_the_intent": (undo_mod, "write_json", _is("pending.json"), None),
    "before_moving_the_folder": (undo_mod.os, "rename", lambda src, dst, *a, **k: "_undone" in str(src),
                                 "redo_rolled_back"),
    "after_moving_before_the_manifest": (undo_mod, "write_json", _is("manifest.json"), "redo_completed"),
    "after_the_manifest_before_the_log": (Store, "_log", lambda *a, **k: True, "redo_completed"),
    "after_the_log_before_clearing_the_intent": (Path, "unlink", _is("pending.json"), "redo_completed"),
}


@pytest.mark.parametrize("step", list(REDO_CRASHES))
def test_a_redo_crashing_at_any_step_is_completed_or_rolled_back_on_the_next_open(three, step, monkeypatch, capsys):
    owner, name, when, expected = REDO_CRASHES[step]
    with monkeypatch.context() as m:
        crash_on(m, owner, name, when)
        with pytest.raises(Crash):
            three.redo("b2", user="budi")
    s = Store(three.root)  # the next start
    assert not (s.lake / "_log" / "pending.json").exists()
    redo_events = [e for e in s.events() if e["event"] == "redo"]
    b2 = s.batch("b2")
    if expected == "redo_completed":
        assert s.recovered == [{"action": "redo_completed", "batch_id": "b2"}]
        assert names(s) == {"K1": "dua", "K2": "tiga"}
        on_disk = json.loads((s.lake / "batch=b2" / "manifest.json").read_text(encoding="utf-8"))
        assert not on_disk["undone"] and on_disk["redone_by"] == "budi" and not b2["undone"]
        assert len(redo_events) == 1 and redo_events[0]["user"] == "budi"
    else:
        assert names(s) == {"K1": "satu", "K2": "tiga"} and b2["undone"] and redo_events == []
        if expected == "redo_rolled_back":
            assert s.recovered == [{"action": "redo_rolled_back", "batch_id": "b2"}]
            assert s.events()[-1]["event"] == "redo_rolled_back" and s.events()[-1]["user"] == "budi"
        else:
            assert s.recovered == []
        s.redo("b2", user="budi")  # can be done again
        assert names(s) == {"K1": "dua", "K2": "tiga"}
    assert not s.damaged() and not s.damaged(undone=True)
    if expected:  # `check` says what recovery did, in the chosen language
        batch_check.clear_caches()
        write(s, "b4", kemitraan=[partnership("K4")])
        (s.log_dir / "pending.json").write_text(json.dumps({"action": "redo", "batch_id": "b4", "user": "x",
                                                            "at": "2026-01-01T00:00:00+00:00"}))
        assert main(["--data-dir", str(s.root), "check", "--lang", "en"]) == 0
        out = capsys.readouterr().out
        assert "Recovered: bringing back upload b4 stopped halfway and has been completed." in out


# --------------------------------------------------------------------------- the command line


def test_redo_command(three, capsys):
    assert main(["--data-dir", str(three.root), "redo", "b2", "--lang", "en", "--user", "budi"]) == 0
    out = capsys.readouterr().out
    assert "Batch b2 brought back (b2.csv)." in out and "1 live batch was uploaded after it" in out
    assert names(three) == {"K1": "dua", "K2": "tiga"}
    assert main(["--data-dir", str(three.root), "redo", "b2", "--lang", "en"]) == 1
    assert "is live; there is nothing to bring back" in capsys.readouterr().err
    assert main(["--data-dir", str(three.root), "redo", "nope"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
