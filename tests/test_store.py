import json
import multiprocessing as mp
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import indicator_row, partnership, write

from kemitraan import contract
from kemitraan.storage import engine
from kemitraan.storage.store import Store, StoreError


def test_empty_store_has_views_with_contract_columns(store):
    con = store.connect()
    for kind in contract.KINDS:
        df = con.sql(f"SELECT * FROM {kind}").df()
        assert list(df.columns) == contract.stored_columns(kind)
        assert df.empty
    assert con.sql("SELECT count(*) FROM batches").fetchall() == [(0,)]


def test_types_lists_and_dates(store):
    write(store, kemitraan=[partnership("K1", mitra=["A", "B"])])
    types = dict(store.connect().sql("SELECT column_name, column_type FROM (DESCRIBE kemitraan)").fetchall())
    assert types["mitra"] == "VARCHAR[]" and types["tanggal_mulai"] == "DATE" and types["anggaran_idr"] == "DOUBLE"
    row = store.connect().sql("SELECT mitra, len(mitra) FROM kemitraan").fetchall()[0]
    assert row == (["A", "B"], 2)


def test_latest_value_per_key_wins_and_history_is_kept(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    write(
        store,
        "b1",
        kemitraan=[partnership("K1")],
        indikator=[indicator_row("K1", "2024-Q1", "terjangkau", 100), indicator_row("K1", "2024-Q2", "terjangkau", 50)],
    )
    write(store, "b2", indikator=[indicator_row("K1", "2024-Q1", "terjangkau", 120)])
    con = store.connect()
    got = dict(con.sql("SELECT periode, nilai FROM indikator").fetchall())
    assert got == {"2024-Q1": 120.0, "2024-Q2": 50.0}
    # the earlier value is still in its batch, traceable, in the lake's table and in the batch's own files
    lake = engine.cursor(store.root)
    old = lake.sql(
        f"SELECT nilai FROM {engine.table('indikator')} WHERE _batch = 'b1' AND periode = '2024-Q1'"
    ).fetchall()
    assert old == [(100.0,)]
    files = [str(Path(store.lake) / rel) for rel in store.batch("b1")["files"] if "/indikator/" in rel]
    assert files and all("_batch=b1" in f for f in files)
    assert con.sql(f"SELECT nilai FROM read_parquet({files}) WHERE periode = '2024-Q1'").fetchall() == [(100.0,)]


def test_undo_restores_the_earlier_value_and_is_recorded(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    write(store, "b1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024", "terjangkau", 100)])
    write(store, "b2", indikator=[indicator_row("K1", "2024", "terjangkau", 999)])
    store.undo("b2")
    con = store.connect()
    assert con.sql("SELECT nilai FROM indikator").fetchall() == [(100.0,)]
    b = {r[0]: r[1] for r in con.sql("SELECT batch_id, undone FROM batches").fetchall()}
    assert b == {"b1": False, "b2": True}
    assert [e["event"] for e in store.events()] == ["commit", "commit", "undo"]
    with pytest.raises(StoreError, match="already undone"):
        store.undo("b2")
    with pytest.raises(StoreError, match="not found"):
        store.undo("nope")


def test_failed_write_leaves_nothing(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    with pytest.raises(RuntimeError):
        with store.new_batch("half") as b:
            b.write_df("kemitraan", pd.DataFrame([partnership("K1")]))
            raise RuntimeError("crash while writing")
    assert store.batches() == [] and store.events() == []
    assert not list(Path(store.lake).rglob("*.parquet"))
    assert store.connect().sql("SELECT count(*) FROM kemitraan").fetchall() == [(0,)]


def test_a_stray_data_file_is_never_read_and_cleaned(store):
    """A file in a batch's folder that the catalog does not list (left by a writer killed before its commit)."""
    write(store, "b1", kemitraan=[partnership("K1")])
    [rel] = [r for r in store.batch("b1")["files"] if "/kemitraan/" in r]
    stray = (Path(store.lake) / rel).with_name("ducklake-stray.parquet")
    shutil.copy(Path(store.lake) / rel, stray)
    assert store.connect().sql("SELECT count(*) FROM kemitraan").fetchall() == [(1,)]
    assert store.clean_orphans() == 1 and not stray.exists()
    assert store.connect().sql("SELECT nama_kemitraan FROM kemitraan").fetchall() == [("Kemitraan K1",)]


def test_duplicate_batch_id_refused(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    write(store, "b1", kemitraan=[partnership("K1")])
    with pytest.raises(StoreError, match="already exists"):
        write(store, "b1", kemitraan=[partnership("K2")])
    with pytest.raises(StoreError, match="batch id .* is not valid"):
        write(store, "../evil", kemitraan=[partnership("K2")])


def test_classify_new_replaced_unchanged(store):
    write(store, "b1", kemitraan=[partnership("K1"), partnership("K2")])
    incoming = pd.DataFrame([partnership("K1"), partnership("K2", nama_kemitraan="baru"), partnership("K3")])
    assert store.classify("kemitraan", incoming)["_status"].tolist() == ["unchanged", "replaced", "new"]


def test_version_changes_with_live_batches(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    v0 = store.version()
    write(store, "b1", kemitraan=[partnership("K1")])
    v1 = store.version()
    store.undo("b1")
    assert v0 != v1 and store.version() == v0


def _reader(root, n, out):
    s = Store(root)
    seen = set()
    for _ in range(n):
        con = s.connect()
        seen.add(con.sql("SELECT count(*) FROM indikator").fetchall()[0][0])
        con.close()
    out.put(sorted(seen))


def test_readers_see_whole_batches_while_a_writer_writes(store):
    rows = [indicator_row("K1", f"{y}-{m:02d}", "terjangkau", 1) for y in range(2000, 2020) for m in range(1, 13)]
    write(store, "b0", kemitraan=[partnership("K1")])
    q = mp.get_context("spawn").Queue()
    p = mp.get_context("spawn").Process(target=_reader, args=(str(store.root), 60, q))
    p.start()
    for i in range(5):
        write(store, f"w{i}", indikator=[dict(r, nilai=i) for r in rows])
    # the reader's answer first, then its end (a child that has put on a queue is joined after the get); the
    # bound only stops a hung reader, on a machine busy with other work 60 connections may take minutes
    seen = q.get(timeout=600)
    p.join(60)
    assert set(seen) <= {0, len(rows)}, f"a reader saw a partial batch: {seen}"


def test_manifest_records_file_user_and_counts(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    m = store.batch(write(store, "b1", kemitraan=[partnership("K1"), partnership("K2")]))
    assert m["file"] == "b1.csv" and m["kind"] == "kemitraan" and m["rows"] == 2 and m["user"]
    row = (
        engine.cursor(store.root)
        .sql(f"SELECT batch_id, created_at, status, seq, sources FROM {engine.table(engine.BATCHES)}")
        .fetchall()
    )
    assert [r[:1] + r[2:4] for r in row] == [("b1", "live", 1)] and row[0][1]
    assert json.loads(row[0][4]) == [{"name": "b1.csv", "sha256": None}]


def test_a_batch_with_duplicate_keys_is_refused_whole(store):
    with pytest.raises(StoreError, match="duplicate key"):
        write(store, "dup", kemitraan=[partnership("K1"), partnership("K1", nama_kemitraan="again")])
    assert store.batches() == [] and not list(Path(store.lake).rglob("*.parquet"))


def test_materialised_views_equal_lake_views(any_store):
    store = any_store  # SQLite and PostgreSQL catalogs
    write(
        store,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2")],
        indikator=[indicator_row("K1", "2024", "terjangkau", 1), indicator_row("K2", "2024", "terjangkau", 2)],
    )
    write(
        store,
        "b2",
        kemitraan=[partnership("K2", nama_kemitraan="fixed")],
        indikator=[indicator_row("K1", "2024", "terjangkau", 10)],
    )
    lake, mem = store.connect(), store.connect(materialize=True)
    for kind in contract.KINDS:
        q = f"SELECT * FROM {kind} ORDER BY ALL"
        assert lake.sql(q).df().equals(mem.sql(q).df()), kind
    assert dict(mem.sql("SELECT kode_kemitraan, nilai FROM indikator").fetchall()) == {"K1": 10.0, "K2": 2.0}


def test_the_default_data_folder_is_next_to_app_py(monkeypatch):
    """Without KEMITRAAN_DATA_DIR the data live in data/ beside app.py, wherever the store's module sits."""
    from conftest import ROOT

    from kemitraan.storage.store import default_data_dir

    monkeypatch.delenv("KEMITRAAN_DATA_DIR", raising=False)
    assert default_data_dir() == ROOT / "data"
