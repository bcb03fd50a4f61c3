"""Redo brings an undone batch back as it was: logged, one transaction (kill -9: tests/test_store_damage.py)."""

from __future__ import annotations

import pytest
from conftest import batch_file, partnership, write

from kemitraan.cli import main
from kemitraan.storage.store import Store, StoreError


@pytest.fixture
def three(store) -> Store:
    """b1: K1 "satu"; b2: K1 "dua" and K2; b3: K2 "tiga". b2 is undone."""
    return _three(store)


@pytest.fixture
def three_any(any_store) -> Store:
    """:func:`three` with its catalog in SQLite or in PostgreSQL."""
    return _three(any_store)


def _three(store: Store) -> Store:
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


def test_redo_brings_the_batch_back_where_no_later_batch_holds_the_key(three_any):
    three = three_any  # SQLite and PostgreSQL catalogs
    assert names(three) == {"K1": "satu", "K2": "tiga"}
    m = three.redo("b2", user="budi")
    # b2 wins over the older b1 for K1, but b3 (uploaded later) keeps K2: upload order, not redo order
    assert names(three) == names(three, materialize=True) == {"K1": "dua", "K2": "tiga"}
    assert (m["undone"], m["undone_at"], m["redone_by"]) == (False, None, "budi")
    b2 = three.batch("b2")
    assert not b2["undone"] and b2["redone_by"] == "budi" and b2["seq"] == 2
    assert [(e["event"], e["batch_id"], e["user"]) for e in three.events()][-2:] == [
        ("undo", "b2", "ani"),
        ("redo", "b2", "budi"),
    ]
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
    kept = batch_file(three, "b2")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other content: only the checksum sees it
    kept.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        three.redo("b2")
    assert names(three) == {"K1": "satu", "K2": "tiga"} and three.batch("b2")["undone"]


def test_a_batch_undone_damaged_cannot_be_brought_back(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    batch_file(store, "b1").write_bytes(b"{")
    store.undo("b1")
    with pytest.raises(StoreError, match="damaged"):
        store.redo("b1")


def test_a_redo_is_one_transaction(three_any):
    three = three_any  # SQLite and PostgreSQL catalogs
    """The status, the redo's when and who, and the event change together: in one snapshot of the lake."""
    before = three.snapshot()
    three.redo("b2", user="budi")
    assert three.snapshot() == before + 1
    assert three.events()[-1] | {"at": None} == {"event": "redo", "batch_id": "b2", "user": "budi", "at": None}


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
