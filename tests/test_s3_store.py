"""Data files on S3-compatible storage, the catalog in PostgreSQL (issue 22): ``KEMITRAAN_DATA_DIR=s3://bucket/prefix``.

The S3 server is moto's (``moto.server.ThreadedMotoServer``, started here on a free port of 127.0.0.1, reached
through ``AWS_ENDPOINT_URL`` as MinIO would be); the catalog is a database of the throwaway PostgreSQL cluster
(tests/pg_cluster.py). Each "server" has a local folder of its own (``KEMITRAAN_LOCAL_DIR``: its lock, its
analysis cache, its log) and nothing else on disk: the data files are objects in the bucket.

moto or PostgreSQL absent: skipped, saying why; with ``KEMITRAAN_REQUIRE_POSTGRES=1`` (CI) a failure instead.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import uuid
from pathlib import Path

import pandas as pd
import pytest
from conftest import a_new_batch_shows_on_both, free_port, indicator_row, partnership, serve, write
from pg_cluster import REQUIRE

from kemitraan import cli
from kemitraan.storage import engine, lake_fs
from kemitraan.storage.store import Store

RANGE = ["--dari", "2024-01", "--sampai", "2024-12"]
KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


def no_s3_server(reason: str):
    """moto absent: skip, saying why; with ``KEMITRAAN_REQUIRE_POSTGRES=1`` (CI installs requirements-dev.txt) fail."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason} ({REQUIRE}=1: the S3 tests are required here)")
    pytest.skip(f"{reason}: the S3 tests need moto[server] (pip install -r requirements-dev.txt)")


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on a free port for the session; its URL."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:
        no_s3_server(f"moto[server] not installed ({exc})")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        region_name=KEYS["AWS_REGION"],
    )


@pytest.fixture
def s3_data(s3_endpoint, pg_catalog, monkeypatch, tmp_path) -> str:
    """A new bucket, the AWS settings pointing at moto, a PostgreSQL catalog; ``s3://<bucket>/kemitraan``."""
    bucket = "k-" + uuid.uuid4().hex[:12]
    _client(s3_endpoint).create_bucket(Bucket=bucket)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    for k, v in KEYS.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv(lake_fs.LOCAL_ENV, str(tmp_path / "server-a"))
    url = f"s3://{bucket}/kemitraan"
    yield url
    engine.forget(url)


def _objects(endpoint: str, url: str) -> list[str]:
    bucket, _, prefix = url[len("s3://") :].partition("/")
    pages = _client(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/")
    return sorted(o["Key"] for page in pages for o in page.get("Contents", []))


def _figures(url: str, capsys, *args: str) -> tuple[float, int]:
    code = cli.main(["--data-dir", url, "angka", "--json", *RANGE, *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    figs = json.loads(out.out)
    return figs["indikator"]["terjangkau"]["nilai"], figs["kemitraan"]["n"]


def test_a_batch_lands_in_the_bucket_and_is_read_undone_and_redone(s3_data, s3_endpoint, tmp_path, capsys):
    store = Store(s3_data)
    assert store.root == s3_data and store.lake == s3_data + "/lake" and store.local == tmp_path / "server-a"
    write(
        store,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2")],
        indikator=[indicator_row(k, "2024-03", "terjangkau", 100) for k in ("K1", "K2")],
    )
    after_b1 = store.snapshot_info()[0]
    write(store, "b2", kemitraan=[partnership("K3")], indikator=[indicator_row("K3", "2024-03", "terjangkau", 5)])
    keys = _objects(s3_endpoint, s3_data)
    assert keys and all(k.startswith("kemitraan/lake/main/") and k.endswith(".parquet") for k in keys), keys
    assert {k.split("/")[3] for k in keys} == {"kemitraan", "indikator"}
    assert {k.split("/")[4] for k in keys} == {"_batch=b1", "_batch=b2"}
    # nothing of the data on the local disk: only the lock (and the log, the cache when the app runs)
    assert not list((tmp_path / "server-a").rglob("*.parquet"))
    assert sorted(r[0] for r in store.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()) == [
        "K1",
        "K2",
        "K3",
    ]
    assert _figures(s3_data, capsys) == (205.0, 3)
    assert cli.main(["--data-dir", s3_data, "check"]) == 0  # every object's sha256 and every value decoded
    capsys.readouterr()

    assert cli.main(["--data-dir", s3_data, "undo", "b2"]) == 0
    capsys.readouterr()
    assert _figures(s3_data, capsys) == (200.0, 2)
    assert cli.main(["--data-dir", s3_data, "redo", "b2"]) == 0
    capsys.readouterr()
    assert _figures(s3_data, capsys) == (205.0, 3)
    assert len(_objects(s3_endpoint, s3_data)) == len(keys)  # undo and redo change a status, no file

    # the store as it stood after b1 only (--per takes the snapshot number)
    assert _figures(s3_data, capsys, "--per", str(after_b1)) == (200.0, 2)


def test_a_missing_object_sets_its_batch_aside(s3_data, s3_endpoint):
    store = Store(s3_data)
    write(store, "b1", kemitraan=[partnership("K1")])
    write(store, "b2", kemitraan=[partnership("K2")])
    gone = next(k for k in _objects(s3_endpoint, s3_data) if "_batch=b2" in k)
    bucket = s3_data[len("s3://") :].split("/")[0]
    _client(s3_endpoint).delete_object(Bucket=bucket, Key=gone)
    fresh = Store(s3_data)
    assert [(d.batch_id, d.reason) for d in fresh.damaged()] == [("b2", "file_missing")]
    assert [r[0] for r in fresh.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()] == ["K1"]


def test_the_console_reads_the_bucket_and_orphans_are_removed(s3_data, s3_endpoint, capsys, monkeypatch):
    from kemitraan.storage import console
    from kemitraan.storage import store as store_mod

    # a console worker started before the bucket was configured (as by an earlier command in the same process):
    # every request carries the catalog, local folder and S3 settings, so it still reads this bucket
    console.stop_workers()
    with monkeypatch.context() as bare:
        for name in (engine.CATALOG_ENV, lake_fs.LOCAL_ENV, *lake_fs.S3_ENV):
            bare.delenv(name, raising=False)
        console.prestart()
    store = Store(s3_data)
    write(store, "b1", kemitraan=[partnership("K1"), partnership("K2")])
    query = "SELECT string_agg(kode_kemitraan, ',' ORDER BY kode_kemitraan) AS k FROM kemitraan"
    assert cli.main(["--data-dir", s3_data, "sql", query, "--format", "json"]) == 0  # the console's worker
    assert json.loads(capsys.readouterr().out) == [{"k": "K1,K2"}]
    # an object no commit references (a writer that lost a conflict, or died): removed once old enough
    keys = _objects(s3_endpoint, s3_data)
    bucket = s3_data[len("s3://") :].split("/")[0]
    stray = "kemitraan/lake/main/kemitraan/_batch=gone/ducklake-stray.parquet"
    _client(s3_endpoint).put_object(Bucket=bucket, Key=stray, Body=b"PAR1")
    assert store.clean_orphans() == 0  # younger than an hour: another server may be about to commit it
    monkeypatch.setattr(store_mod, "ORPHAN_AGE_SHARED", -60)
    assert store.clean_orphans() == 1
    # (pyarrow leaves an empty marker for the emptied folder, "…/_batch=gone/": never read, not a file)
    assert [k for k in _objects(s3_endpoint, s3_data) if not k.endswith("/")] == keys and not store.damaged()


def _committer(url: str, local: str, env: dict, n: int, ready, out) -> None:
    os.environ.update(env)
    os.environ[lake_fs.LOCAL_ENV] = local
    s = Store(url)
    ready.wait(120)  # both attached: they commit at the same moment
    done = []
    try:
        for i in range(n):
            name = f"{Path(local).name}-{i}"
            with s.new_batch(file=f"{name}.csv") as b:
                b.write_df("kemitraan", pd.DataFrame([partnership(name)]))
            done.append((b.batch_id, b.seq))
    except Exception:
        import traceback

        out.put(traceback.format_exc())
        raise
    out.put(done)


def test_two_servers_committing_at_the_same_moment_both_land(s3_data, tmp_path):
    Store(s3_data)  # the catalog's tables, made once
    env = {k: os.environ[k] for k in (*KEYS, "AWS_ENDPOINT_URL", engine.CATALOG_ENV)}
    ctx = mp.get_context("spawn")
    q, ready, n, each = ctx.Queue(), ctx.Barrier(2), 2, 3
    procs = [
        ctx.Process(target=_committer, args=(s3_data, str(tmp_path / f"s{i}"), env, each, ready, q)) for i in range(n)
    ]
    for p in procs:
        p.start()
    results = [q.get(timeout=300) for _ in procs]
    assert not [r for r in results if isinstance(r, str)], results
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store(s3_data)
    batches = store.batches()
    assert sorted((b["batch_id"], b["seq"]) for b in batches) == sorted(x for r in results for x in r)
    assert sorted(b["seq"] for b in batches) == list(range(1, n * each + 1))  # distinct, none lost
    names = {r[0] for r in store.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()}
    assert names == {f"s{i}-{j}" for i in range(n) for j in range(each)}
    assert not store.damaged()


def test_the_data_dir_takes_an_s3_url_and_keeps_the_rest_local(monkeypatch, tmp_path):
    assert lake_fs.root_of("s3://bucket/a/b/") == "s3://bucket/a/b"
    assert lake_fs.root_of("s3://bucket") == "s3://bucket"
    assert lake_fs.root_of(tmp_path) == tmp_path
    assert engine.data_path("s3://bucket/a") == "s3://bucket/a/lake"
    monkeypatch.delenv(lake_fs.LOCAL_ENV, raising=False)
    assert lake_fs.local_dir("s3://bucket/a") == Path.home() / ".cache" / "kemitraan" / "s3" / "bucket" / "a"
    assert lake_fs.local_dir(tmp_path) == tmp_path
    monkeypatch.setenv(lake_fs.LOCAL_ENV, str(tmp_path / "here"))
    assert lake_fs.local_dir("s3://bucket/a") == tmp_path / "here"
    monkeypatch.delenv(engine.CATALOG_ENV, raising=False)
    assert engine.catalog_url("s3://bucket/a") == f"sqlite:{(tmp_path / 'here' / engine.CATALOG_FILE).resolve()}"
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ak")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "it's")
    secret = lake_fs.duckdb_secret()
    assert "ENDPOINT '127.0.0.1:9000'" in secret and "USE_SSL false" in secret and "URL_STYLE 'path'" in secret
    assert "SECRET 'it''s'" in secret and "TEMPORARY" in secret


@pytest.mark.browser
def test_a_batch_committed_on_one_server_shows_on_the_other(s3_data, tmp_path, browser):
    """Two `streamlit run app.py` over S3 data and one PostgreSQL catalog, each with its own local folder: a batch
    committed elsewhere is on both home pages at their next page run (the time printed; 5 s on an idle machine)."""
    seed = Store(s3_data)
    write(
        seed,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2")],
        indikator=[indicator_row(k, "2024", "terjangkau", 10) for k in ("K1", "K2")],
    )
    a = {lake_fs.LOCAL_ENV: str(tmp_path / "server-a")}
    b = {lake_fs.LOCAL_ENV: str(tmp_path / "server-b")}
    with serve(s3_data, env=a) as url_a, serve(s3_data, env=b) as url_b:
        a_new_batch_shows_on_both(browser, seed, url_a, url_b, "s3-two-servers")
    assert (tmp_path / "server-a" / "cache").is_dir() and (tmp_path / "server-b" / "cache").is_dir()


def test_without_moto_the_tests_skip_except_where_it_is_required(monkeypatch):
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="moto"):
        no_s3_server("moto[server] not installed")
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="required"):
        no_s3_server("moto[server] not installed")
