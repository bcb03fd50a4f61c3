"""The lake on S3-compatible object storage (moto's server mode, started by the test): the same store as a
local folder — commit, views, undo, damaged batches, notes, the event log, the console, the log — where a
batch becomes visible by its manifest, written last, and writers coordinate by conditional writes."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
import time
import types

import pandas as pd
import pyarrow.parquet as pq
import pytest

import s3lake
from conftest import ROOT, indicator_row, partnership, write
from kemitraan import contract, logs
from kemitraan.cli import main
from kemitraan.storage import batch_check, object_store, objects
from kemitraan.storage.console import ReadOnlyViolation, run_readonly
from kemitraan.storage.notes import Notes
from kemitraan.storage.object_store import ObjectStore
from kemitraan.storage.objects import LocationError, ObjectFiles
from kemitraan.storage.store import Store, StoreError, default_data_dir
from tests import corpus as C


@pytest.fixture
def s3(monkeypatch) -> str:
    """An empty data folder ``s3://<fresh bucket>/data`` on the local S3 server, its variables in the environment."""
    for k, v in s3lake.aws_env().items():
        monkeypatch.setenv(k, v)
    batch_check.clear_caches()
    yield f"s3://{s3lake.new_bucket()}/data"
    batch_check.clear_caches()


@pytest.fixture(autouse=True)
def _no_lake_log_after_the_test():
    """The command line attaches the lake's log handler to the process's logger: take it off again."""
    yield
    log = logging.getLogger(logs.LOGGER)
    for h in [h for h in log.handlers if str(getattr(h, "_kemitraan", "")).startswith("url:")]:
        h.flush()
        log.removeHandler(h)


@pytest.fixture
def store(s3) -> ObjectStore:
    return Store(s3)


@pytest.fixture
def two(store) -> ObjectStore:
    """b1 holds K1, b2 holds K2 (and a newer name for K1)."""
    write(store, "b1", kemitraan=[partnership("K1")])
    write(store, "b2", kemitraan=[partnership("K2"), partnership("K1", nama_kemitraan="Nama dari b2")])
    return store


def keys(store: ObjectStore, under: str = "") -> list[str]:
    """Every object under the data folder (or ``under`` it), relative to it."""
    base = store.root.removeprefix("s3://")
    return sorted(k[len(base) + 1:] for k in store.fs.find(f"{base}/{under}".rstrip("/")))


def served(store: Store, materialize: bool = False) -> list[tuple]:
    con = store.connect(materialize=materialize)
    try:
        return con.sql("SELECT kode_kemitraan, nama_kemitraan FROM kemitraan ORDER BY 1").fetchall()
    finally:
        con.close()


def reopen(store: ObjectStore) -> ObjectStore:
    """The same lake as another server sees it: a new process's store, with nothing cached."""
    batch_check.clear_caches()
    return Store(store.root)


# --------------------------------------------------------------------------- the data folder


def test_an_s3_data_folder_is_the_object_store_and_nothing_is_written_locally(s3, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", s3 + "/")
    assert default_data_dir() == s3 + "/"
    s = Store()
    assert isinstance(s, ObjectStore) and s.root == s3
    write(s, "b1", kemitraan=[partnership("K1")])
    Notes(s.root).add("catatan", "slide", "jangkauan", author="Ani")
    assert served(s) == [("K1", "Kemitraan K1")]
    assert list(tmp_path.iterdir()) == []  # no local folder named after the URL
    assert "lake/batch=b1/manifest.json" in keys(s)


@pytest.mark.parametrize(("url", "key"), [
    ("gs://bucket/data", "objects.err.scheme"),
    ("s3://", "objects.err.bucket"),
    ("s3://Not_A_Bucket/data", "objects.err.bucket"),
    ("s3://bucket/../x", "objects.err.bucket"),
])
def test_a_url_that_cannot_be_a_data_folder_is_refused_in_both_languages(url, key):
    with pytest.raises(LocationError) as info:
        Store(url)
    assert info.value.key == key
    assert url in str(info.value) and " / " in str(info.value)


def test_a_missing_bucket_is_named(s3):
    with pytest.raises(LocationError, match="tidak ada.*does not exist") as info:
        Store("s3://kemitraan-no-such-bucket/data")
    assert info.value.key == "objects.err.no_bucket"


def test_the_local_path_never_loads_s3fs(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from kemitraan.storage.store import Store
        s = Store({str(tmp_path / 'data')!r})
        s.connect().sql("SELECT count(*) FROM kemitraan").fetchall()
        s.version(); s.batches()
        assert "s3fs" not in sys.modules and "fsspec" not in sys.modules, sorted(m for m in sys.modules if "fs" in m)
    """)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# --------------------------------------------------------------------------- commit and views


def test_latest_value_per_key_wins_and_history_is_kept(store):
    write(store, "b1", kemitraan=[partnership("K1")],
          indikator=[indicator_row("K1", "2024-Q1", "terjangkau", 100), indicator_row("K1", "2024-Q2", "terjangkau", 50)])
    write(store, "b2", indikator=[indicator_row("K1", "2024-Q1", "terjangkau", 120)])
    con = store.connect()
    assert dict(con.sql("SELECT periode, nilai FROM indikator").fetchall()) == {"2024-Q1": 120.0, "2024-Q2": 50.0}
    old = con.execute("SELECT nilai FROM read_parquet($f) WHERE periode = '2024-Q1'",
                      {"f": f"{store.root}/lake/batch=b1/indikator.parquet"}).fetchall()
    assert old == [(100.0,)]  # the earlier value is still in its batch
    mem = store.connect(materialize=True)
    for kind in contract.KINDS:
        q = f"SELECT * FROM {kind} ORDER BY ALL"
        assert con.sql(q).df().equals(mem.sql(q).df()), kind
    assert [(b["batch_id"], b["seq"], b["file"]) for b in store.batches()] == [("b1", 1, "b1.csv"), ("b2", 2, "b2.csv")]
    assert [e["event"] for e in store.events()] == ["commit", "commit"]
    assert store.classify("kemitraan", pd.DataFrame([partnership("K1"), partnership("K9")]))["_status"].tolist() == \
        ["unchanged", "new"]


def test_an_empty_lake_has_every_view_with_the_contract_columns(store):
    con = store.connect()
    for kind in contract.KINDS:
        assert list(con.sql(f"SELECT * FROM {kind}").df().columns) == contract.stored_columns(kind)
    assert con.sql("SELECT count(*) FROM batches").fetchall() == [(0,)]
    assert store.is_empty() and store.batches() == []


def test_a_batch_is_invisible_until_its_manifest_the_last_object_is_written(store, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    reached, release = threading.Event(), threading.Event()
    create = ObjectFiles.create

    def slow_manifest(self, path, data):
        if str(path).endswith("batch=b2/manifest.json"):
            reached.set()
            assert release.wait(30)
        return create(self, path, data)

    monkeypatch.setattr(ObjectFiles, "create", slow_manifest)
    writer = threading.Thread(target=write, args=(store, "b2"), kwargs={"kemitraan": [partnership("K2")]})
    writer.start()
    try:
        assert reached.wait(30)
        assert {"lake/batch=b2/kemitraan.parquet", "lake/batch=b2/claim.json"} <= set(keys(store))
        other = reopen(store)  # another server, while the data is there but the manifest is not
        assert [b["batch_id"] for b in other.batches()] == ["b1"]
        assert served(other) == [("K1", "Kemitraan K1")] and other.version() == ("batch=b1",)
        assert not other.damaged()  # a commit at work is not damage
    finally:
        release.set()
        writer.join(30)
    assert reopen(store).version() == ("batch=b1", "batch=b2")


def test_a_failed_write_leaves_nothing_and_frees_the_id(store):
    with pytest.raises(RuntimeError):
        with store.new_batch("half") as b:
            b.write_df("kemitraan", pd.DataFrame([partnership("K1")]))
            raise RuntimeError("crash while writing")
    assert store.batches() == [] and keys(store, "lake/batch=half") == []
    with pytest.raises(StoreError, match="duplicate key"):
        write(store, "dup", kemitraan=[partnership("K1"), partnership("K1", nama_kemitraan="again")])
    assert keys(store, "lake/batch=dup") == []
    write(store, "half", kemitraan=[partnership("K1")])
    assert [b["batch_id"] for b in store.batches()] == ["half"]


def test_duplicate_and_invalid_batch_ids_are_refused(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    with pytest.raises(StoreError, match="already exists"):
        write(store, "b1", kemitraan=[partnership("K2")])
    with pytest.raises(StoreError, match="invalid batch id"):
        write(store, "../evil", kemitraan=[partnership("K2")])
    assert served(reopen(store)) == [("K1", "Kemitraan K1")]


def test_a_second_writer_of_an_id_being_written_waits_for_it_then_finds_it(store, monkeypatch):
    """Two servers starting on an empty bucket both write the demo batch: the second finds the first's."""
    reached, release = threading.Event(), threading.Event()
    create = ObjectFiles.create

    def slow_manifest(self, path, data):
        if str(path).endswith("batch=demo/manifest.json"):
            reached.set()
            assert release.wait(30)
        return create(self, path, data)

    monkeypatch.setattr(ObjectFiles, "create", slow_manifest)
    first = threading.Thread(target=write, args=(store, "demo"), kwargs={"kemitraan": [partnership("K1")]})
    first.start()
    assert reached.wait(30)
    second, outcome = reopen(store), []

    def write_again():
        try:
            write(second, "demo", kemitraan=[partnership("K2")])
        except StoreError as exc:
            outcome.append((str(exc), [b["batch_id"] for b in second.batches()]))

    waiting = threading.Thread(target=write_again)
    waiting.start()
    waiting.join(1.5)
    assert waiting.is_alive()  # it waits for the first writer ...
    release.set()
    first.join(30)
    waiting.join(30)
    assert outcome == [("batch 'demo' already exists", ["demo"])]  # ... and then finds its batch
    assert served(reopen(store)) == [("K1", "Kemitraan K1")]


def test_the_id_of_a_damaged_batch_is_refused_without_waiting(two, monkeypatch):
    two.fs.rm(f"{two.lake}/batch=b2/manifest.json")  # committed (its event is logged), then damaged
    monkeypatch.setattr(ObjectStore, "PENDING_WAIT_S", 30.0)
    def no_wait(seconds):
        pytest.fail("waited for a batch that nobody is writing")

    monkeypatch.setattr(object_store, "time", types.SimpleNamespace(monotonic=time.monotonic, sleep=no_wait))
    with pytest.raises(StoreError, match="already exists"):
        write(reopen(two), "b2", kemitraan=[partnership("K3")])


# --------------------------------------------------------------------------- undo


def test_undo_writes_a_marker_restores_the_earlier_value_and_moves_nothing(store):
    write(store, "b1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024", "terjangkau", 100)])
    write(store, "b2", indikator=[indicator_row("K1", "2024", "terjangkau", 999)])
    before = keys(store, "lake/batch=b2")
    m = store.undo("b2", user="Budi")
    assert m["undone"] and m["undone_by"] == "Budi"
    assert keys(store, "lake/batch=b2") == sorted([*before, "lake/batch=b2/undone.json"])
    other = reopen(store)
    assert other.connect().sql("SELECT nilai FROM indikator").fetchall() == [(100.0,)]
    rows = other.connect().sql("SELECT batch_id, undone, undone_by FROM batches ORDER BY seq").fetchall()
    assert rows == [("b1", False, None), ("b2", True, "Budi")]
    assert [e["event"] for e in other.events()] == ["commit", "commit", "undo"]
    with pytest.raises(StoreError, match="already undone"):
        other.undo("b2")
    with pytest.raises(StoreError, match="not found"):
        other.undo("nope")
    assert other.version() == ("batch=b1",)


def test_two_undos_of_one_batch_at_once_one_lands(store):
    write(store, "b1", kemitraan=[partnership("K1")])
    a, b = reopen(store), reopen(store)
    results = []

    def undo(s):
        try:
            s.undo("b1", user=f"user{id(s)}")
            results.append("done")
        except StoreError as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=undo, args=(s,)) for s in (a, b)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(results) == ["batch 'b1' is already undone", "done"]
    assert [e["event"] for e in reopen(store).events()] == ["commit", "undo"]


# --------------------------------------------------------------------------- several servers


def test_another_server_sees_a_commit_within_the_listing_time_and_version_lists_at_most_that_often(
        store, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    reader = reopen(store)
    assert reader.version() == ("batch=b1",)
    listings = []
    real_list = ObjectFiles.list
    monkeypatch.setattr(ObjectFiles, "list", lambda self, *a, **k: listings.append(a) or real_list(self, *a, **k))
    for _ in range(20):  # a page asks on every run
        reader.version()
    assert len(listings) <= 4  # the batches and checks.json, listed at most once more within the TTL
    writer = reopen(store)
    write(writer, "b2", kemitraan=[partnership("K2")])
    done = time.monotonic()
    while reader.version() != ("batch=b1", "batch=b2"):
        assert time.monotonic() - done < 5, "another server's commit not seen within 5 s"
        time.sleep(0.1)
    assert served(reader) == [("K1", "Kemitraan K1"), ("K2", "Kemitraan K2")]


RACE = """
import datetime, os, pathlib, time
import pandas as pd
from kemitraan import contract
from kemitraan.storage.object_store import ObjectStore
from kemitraan.storage.store import Store

row = {partner!r}
s = Store({url!r})
ObjectStore._next_seq = lambda self: {seq}   # both writers start from the same free number
pathlib.Path({ready!r}).touch()
while not os.path.exists({go!r}):
    time.sleep(0.005)
with s.new_batch({batch!r}) as b:
    b.write_df("kemitraan", pd.DataFrame([row], columns=contract.stored_columns("kemitraan")))
"""


def test_two_writers_racing_for_one_sequence_number_both_land_with_different_numbers(store, tmp_path):
    write(store, "b1", kemitraan=[partnership("K1")])
    go = tmp_path / "go"
    procs = []
    for name in ("P1", "P2"):
        ready = tmp_path / f"ready-{name}"
        script = RACE.format(partner=partnership(name), url=store.root, seq=2, ready=str(ready), go=str(go), batch=name)
        procs.append((ready, subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                                              stderr=subprocess.STDOUT, text=True)))
    deadline = time.monotonic() + 60
    while not all(r.exists() for r, _ in procs):
        assert time.monotonic() < deadline and all(p.poll() is None for _, p in procs), \
            [p.communicate()[0] for _, p in procs if p.poll() is not None]
        time.sleep(0.02)
    go.touch()
    for _, p in procs:
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0, out
    s = reopen(store)
    seqs = {b["batch_id"]: b["seq"] for b in s.batches()}
    assert seqs["b1"] == 1 and sorted([seqs["P1"], seqs["P2"]]) == [2, 3]  # one took 2, the other lost it and took 3
    assert [r[0] for r in served(s)] == ["K1", "P1", "P2"]
    assert {"lake/_seq/0000000002", "lake/_seq/0000000003"} <= set(keys(s, "lake/_seq"))


def test_a_store_that_ignores_conditional_writes_is_refused_before_anything_is_written(store, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    monkeypatch.setattr(objects, "_checked", {})
    monkeypatch.setattr(ObjectFiles, "create", lambda self, path, data: self.put(path, data))  # If-None-Match ignored
    with pytest.raises(LocationError, match="If-None-Match") as info:
        write(store, "b2", kemitraan=[partnership("K2")])
    assert info.value.key == "objects.err.no_conditional_writes"
    with pytest.raises(LocationError):
        store.undo("b1")
    assert keys(store, "lake/batch=b2") == [] and reopen(store).version() == ("batch=b1",)


# --------------------------------------------------------------------------- damaged batches


def _rewrite(store, name: str, change) -> None:
    key = f"{store.lake}/batch=b2/{name}"
    store.fs.pipe_file(key, change(store.fs.cat_file(key)))


def _edit_manifest(**changes):
    def edit(data: bytes) -> bytes:
        m = json.loads(data)
        for k, v in changes.items():
            m.pop(k, None) if v is None else m.__setitem__(k, v)
        return json.dumps(m).encode()
    return edit


DAMAGES = [
    ("truncated_parquet", lambda s: _rewrite(s, "kemitraan.parquet", lambda d: d[: len(d) // 2]), "size_mismatch"),
    ("parquet_overwritten_old_manifest", lambda s: (_rewrite(s, "manifest.json", _edit_manifest(files=None)),
                                                    _rewrite(s, "kemitraan.parquet", lambda d: b"bukan parquet")),
     "unreadable"),
    ("truncated_manifest", lambda s: _rewrite(s, "manifest.json", lambda d: d[: len(d) // 3]), "manifest_invalid"),
    ("manifest_deleted", lambda s: s.fs.rm(f"{s.lake}/batch=b2/manifest.json"), "manifest_missing"),
    ("parquet_deleted", lambda s: s.fs.rm(f"{s.lake}/batch=b2/kemitraan.parquet"), "file_missing"),
]  # the rules themselves (row counts, another batch's manifest, …) are shared with a local folder: test_store_damage


@pytest.mark.parametrize(("damage", "reason"), [(d, r) for _, d, r in DAMAGES], ids=[n for n, _, _ in DAMAGES])
def test_a_damaged_batch_is_set_aside_named_and_can_be_undone(two, damage, reason):
    v = two.version()
    damage(two)
    s = reopen(two)
    assert [(d.batch_id, d.reason) for d in s.damaged()] == [("b2", reason)]
    assert "b2" in s.damaged()[0].message("id") and "lake/batch=b2" in s.damaged()[0].message("en")
    assert served(s) == served(s, materialize=True) == [("K1", "Kemitraan K1")]
    assert s.version() != v
    s.undo("b2")
    s = reopen(two)
    assert not s.damaged() and [(d.batch_id, d.undone) for d in s.damaged(undone=True)] == [("b2", True)]
    assert [b["batch_id"] for b in s.batches() if b["undone"]] == ["b2"]


def test_check_finds_a_same_size_change_by_checksum_and_every_server_then_sets_it_aside(two, capsys):
    key = f"{two.lake}/batch=b2/kemitraan.parquet"
    original = two.fs.cat_file(key)
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0xFF
    two.fs.pipe_file(key, bytes(changed))
    assert not reopen(two).damaged()  # the cheap check cannot see it ...
    assert main(["--data-dir", two.root, "check"]) == 1  # ... the full check does, and remembers it in the lake
    assert "RUSAK" in capsys.readouterr().out
    assert "lake/_log/checks.json" in keys(two, "lake/_log")
    assert [(d.batch_id, d.reason) for d in reopen(two).damaged()] == [("b2", "checksum_mismatch")]
    two.fs.pipe_file(key, original)  # restored from a backup
    assert not reopen(two).damaged()
    assert main(["--data-dir", two.root, "check", "--lang", "en"]) == 0 and "all whole" in capsys.readouterr().out


def test_a_file_whose_data_cannot_be_decoded_is_set_aside_when_the_app_materialises(two):
    key = f"{two.lake}/batch=b2/kemitraan.parquet"
    with two.fs.open(key, "rb") as fh:
        col = pq.read_metadata(fh).row_group(0).column(1)
    data = bytearray(two.fs.cat_file(key))
    start = col.dictionary_page_offset or col.data_page_offset
    data[start:start + col.total_compressed_size] = b"\xff" * col.total_compressed_size
    two.fs.pipe_file(key, bytes(data))  # same size, footer intact: the cheap check passes
    s = reopen(two)
    assert not s.damaged()
    assert served(s, materialize=True) == [("K1", "Kemitraan K1")]
    assert [(d.batch_id, d.reason) for d in s.damaged()] == [("b2", "unreadable")]


# --------------------------------------------------------------------------- after a crash


def test_a_commit_whose_log_event_is_missing_is_logged_on_a_later_open(store, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    store.fs.rm(f"{store.lake}/_log/events/commit/b1.json")  # the writer died after its manifest
    assert reopen(store).recovered == []  # a writer may still be between the two steps: wait
    monkeypatch.setattr(ObjectStore, "RECOVERY_GRACE_S", 0.0)
    s = reopen(store)
    assert s.recovered == [{"action": "commit_logged", "batch_id": "b1"}]
    assert [(e["event"], e.get("recovered")) for e in s.events()] == [("commit", True)]
    assert reopen(store).recovered == []  # logged once


def test_an_abandoned_commit_is_never_read_and_removed_once_old(store, monkeypatch):
    write(store, "b1", kemitraan=[partnership("K1")])
    with store.new_batch("b2") as b:
        b.write_df("kemitraan", pd.DataFrame([partnership("K1", nama_kemitraan="from a crash")]))
    # what a writer that died before its manifest leaves: claim and data, no manifest, no event
    store.fs.rm([f"{store.lake}/batch=b2/manifest.json", f"{store.lake}/_log/events/commit/b2.json"])
    s = reopen(store)
    assert served(s) == [("K1", "Kemitraan K1")] and not s.damaged() and len(keys(s, "lake/batch=b2")) == 4
    monkeypatch.setattr(ObjectStore, "ABANDONED_AFTER_S", 0.0)
    reopen(store)
    assert keys(store, "lake/batch=b2") == []
    write(store, "b2", kemitraan=[partnership("K2")])  # the id is free again


def test_live_batches_copied_from_a_local_folder_are_served_and_new_ones_follow_them(s3, tmp_path, monkeypatch):
    local = Store(tmp_path / "data")
    write(local, "l1", kemitraan=[partnership("K1")])
    write(local, "l2", kemitraan=[partnership("K2")])
    s = Store(s3)
    for folder in ("batch=l1", "batch=l2"):  # what `aws s3 cp --recursive data/lake/batch=… s3://…/lake/` does
        s.fs.put(str(local.lake / folder), f"{s.lake}/{folder}", recursive=True)
    monkeypatch.setattr(ObjectStore, "RECOVERY_GRACE_S", 0.0)
    s = reopen(s)
    assert [r[0] for r in served(s)] == ["K1", "K2"] and not s.damaged()
    assert [(e["event"], e["batch_id"], e.get("recovered")) for e in s.events()] == \
        [("commit", "l1", True), ("commit", "l2", True)]
    write(s, "s3", kemitraan=[partnership("K3")])
    assert [(b["batch_id"], b["seq"]) for b in s.batches()] == [("l1", 1), ("l2", 2), ("s3", 3)]
    with pytest.raises(StoreError, match="already exists"):
        write(s, "l1", kemitraan=[partnership("K9")])


# --------------------------------------------------------------------------- notes, console, log


def test_notes_are_objects_that_every_server_reads(store):
    notes = Notes(store.root)
    text = "Jangkauan naik,\nperlu cek Q3.\t<b>bukan HTML</b> **bukan markdown** =1+1"
    a = notes.add(text, "slide", "jangkauan", author="Siti")
    b = Notes(store.root).add("Profil", "kemitraan", "K1", author="Budi")
    other = Notes(store.root)
    assert other.for_slide("jangkauan") == [a] and other.for_partnership("K1") == [b]
    assert other.for_slide("jangkauan")[0].text == text
    other.delete(a.id, by="Budi")
    assert Notes(store.root).list() == [b]
    assert len(keys(store, "notes/events")) == 3  # two adds and a delete: the history stays


def test_the_console_reads_the_lake_and_still_touches_no_file(two):
    df = run_readonly(two, "SELECT kode_kemitraan, nama_kemitraan FROM kemitraan ORDER BY 1")
    assert df.values.tolist() == [["K1", "Nama dari b2"], ["K2", "Kemitraan K2"]]
    for query in (f"SELECT * FROM read_parquet('{two.root}/lake/batch=b1/kemitraan.parquet')",
                  "SELECT * FROM read_csv('/etc/passwd')"):
        with pytest.raises(ReadOnlyViolation):
            run_readonly(two, query)


def test_the_command_line_works_on_the_lake_and_its_log_goes_there(store, tmp_path):
    name, data = C.kemitraan_csv_comma()
    f = tmp_path / name
    f.write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "kemitraan", "--data-dir", store.root, "ingest", str(f), "--json"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert sorted(r[0] for r in served(reopen(store))) == ["KM-001", "KM-002", "KM-003"]
    logged = "".join(store.fs.cat_file(k).decode() for k in store.fs.find(f"{store.root}/logs"))
    assert "commit " in logged and "3 rows (kemitraan)" in logged


def test_an_unexpected_errors_reference_is_in_the_lakes_log_at_once(store):
    logs.setup(store.root, stderr=False)
    ref = logs.unexpected(ValueError("boom"), "test")
    found = [store.fs.cat_file(k).decode() for k in store.fs.find(f"{store.root}/logs")]
    assert any(f"ref={ref}" in text and "ValueError: boom" in text for text in found)
