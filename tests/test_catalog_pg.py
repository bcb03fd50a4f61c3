"""Several processes and servers over one PostgreSQL catalog (issue 22), the local file lock out of the way.

Each "server" below has a data folder of its own (its lock file, its analysis cache) whose ``lake`` is a symbolic
link to one shared folder of data files, as servers mounting one shared path would; only PostgreSQL
coordinates them. The core store tests run over both catalogs in tests/test_store.py and tests/test_redo.py.
"""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pandas as pd
import pytest
from conftest import a_new_batch_shows_on_both, indicator_row, partnership, serve, write

from kemitraan.storage import engine
from kemitraan.storage.store import Store


def server_folder(tmp_path: Path, name: str) -> Path:
    """A data folder of its own whose lake is the shared one (a shared mount, seen from one server)."""
    shared = tmp_path / "shared-lake"
    shared.mkdir(exist_ok=True)
    root = tmp_path / name / "data"
    root.mkdir(parents=True)
    (root / engine.DATA_FOLDER).symlink_to(shared, target_is_directory=True)
    return root


def _committer(root: str, n: int, ready, out) -> None:
    from kemitraan.storage import store as store_mod

    retries = []
    real = store_mod.backoff
    store_mod.backoff = lambda attempt: (retries.append(attempt), real(attempt))
    s = Store(root)
    ready.wait(120)  # every process attached: they commit at the same moment
    done = []
    try:
        for i in range(n):
            with s.new_batch(file=f"{Path(root).parent.name}-{i}.csv") as b:
                b.write_df("kemitraan", pd.DataFrame([partnership(f"{Path(root).parent.name}-{i}")]))
            done.append((b.batch_id, b.seq))
    except Exception:
        import traceback

        out.put(traceback.format_exc())
        raise
    out.put((done, len(retries)))


def test_processes_committing_at_once_all_land_with_distinct_numbers(pg_catalog, tmp_path):
    Store(server_folder(tmp_path, "first"))  # the catalog's tables, made once
    procs, n, each = [], 4, 2
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    ready = ctx.Barrier(n)
    for i in range(n):
        p = ctx.Process(target=_committer, args=(str(server_folder(tmp_path, f"s{i}")), each, ready, q))
        p.start()
        procs.append(p)
    results = [q.get(timeout=300) for _ in procs]
    assert not [r for r in results if isinstance(r, str)], [r for r in results if isinstance(r, str)]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    reported = sorted(x for done, _ in results for x in done)
    store = Store(server_folder(tmp_path, "reader"))
    batches = store.batches()
    assert len(batches) == n * each and sorted((b["batch_id"], b["seq"]) for b in batches) == reported
    assert sorted(b["seq"] for b in batches) == list(range(1, n * each + 1))  # distinct, none lost
    names = {r[0] for r in store.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()}
    assert names == {f"s{i}-{j}" for i in range(n) for j in range(each)}
    assert all(b["batch_id"].endswith(f"-{b['seq']:05d}") for b in batches)  # a generated id follows its number
    print("commits tried again after a conflict:", sum(r for _, r in results))


def test_undo_on_one_server_and_commit_on_another_both_hold(pg_catalog, tmp_path):
    a = Store(server_folder(tmp_path, "a"))
    write(a, "b1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024", "terjangkau", 1)])
    b = Store(server_folder(tmp_path, "b"))
    assert [m["batch_id"] for m in b.batches()] == ["b1"]
    b.undo("b1")
    write(a, "b2", kemitraan=[partnership("K2")])
    assert {m["batch_id"]: m["undone"] for m in a.batches()} == {"b1": True, "b2": False}
    assert a.batch("b2")["seq"] == 2 and a.version() == b.version()


@pytest.mark.browser
def test_a_batch_committed_elsewhere_shows_on_the_other_servers_next_page_run(pg_catalog, tmp_path, browser):
    """Two `streamlit run app.py` over one PostgreSQL catalog: a batch committed by another server (the store
    API here) is on the home page's figures of both at their next page run (within 5 s on an idle machine: the
    time a reload takes, printed)."""
    seed = Store(server_folder(tmp_path, "seed"))
    write(
        seed,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2")],
        indikator=[indicator_row(k, "2024", "terjangkau", 10) for k in ("K1", "K2")],
    )
    with serve(server_folder(tmp_path, "a")) as url_a, serve(server_folder(tmp_path, "b")) as url_b:
        a_new_batch_shows_on_both(browser, seed, url_a, url_b, "two-servers")


def test_the_catalog_setting_takes_a_url_libpq_keywords_or_a_file(monkeypatch, tmp_path):
    for given, url in [
        ("postgresql://ani@db:5433/lake", "postgres:postgresql://ani@db:5433/lake"),
        ("postgres://ani@db/lake", "postgres:postgres://ani@db/lake"),
        ("dbname=lake host=db user=ani", "postgres:dbname=lake host=db user=ani"),
        ("postgres:dbname=lake", "postgres:dbname=lake"),
        (str(tmp_path / "c.sqlite"), f"sqlite:{tmp_path / 'c.sqlite'}"),
        (f"sqlite:{tmp_path / 'c.sqlite'}", f"sqlite:{tmp_path / 'c.sqlite'}"),
    ]:
        monkeypatch.setenv(engine.CATALOG_ENV, given)
        assert engine.catalog_url(tmp_path) == url
        assert engine.is_postgres(tmp_path) == url.startswith("postgres:")
        assert (engine.catalog_file(tmp_path) is None) == url.startswith("postgres:")
    monkeypatch.delenv(engine.CATALOG_ENV)
    assert engine.catalog_url(tmp_path) == f"sqlite:{(tmp_path / engine.CATALOG_FILE).resolve()}"


def test_without_postgresql_the_tests_skip_except_where_it_is_required(monkeypatch):
    import pg_cluster

    monkeypatch.delenv(pg_cluster.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="postgresql"):
        pg_cluster.missing("PostgreSQL not installed (no initdb)")
    monkeypatch.setenv(pg_cluster.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="required"):
        pg_cluster.missing("PostgreSQL not installed (no initdb)")
