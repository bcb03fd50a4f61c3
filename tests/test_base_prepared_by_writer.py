"""A command that writes a large store prepares the analysis base of the version it leaves, so the reader that comes
next (the first ``angka``, ``sql`` or page) does not wait for it: at ten million rows that wait was most of a minute.

``analysis_cache.PREPARE_ROWS`` (a million indicator rows) is lowered here so the demo's twenty thousand rows count
as large; the commands run in this process (conftest.cli).
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import cli

from kemitraan.labels import fmt_number
from kemitraan.storage import analysis_cache
from kemitraan.storage.store import Store
from tests import corpus as C

SAID = {"id": "Menyiapkan basis analisis", "en": "Preparing the analysis base"}


def _bases(store) -> set[str]:
    return {p.name for p in analysis_cache.cache_dir(store).glob("analysis-*.duckdb")}


def _partnerships_file(tmp_path) -> str:
    name, data = C.kemitraan_csv_comma()
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_demo_command_prepares_its_base_and_the_first_angka_after_it_builds_nothing(tmp_path, monkeypatch, lang):
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", 1)
    root = tmp_path / "data"
    wrote = cli(root, "demo", "--lang", lang)
    assert wrote.returncode == 0, wrote.stderr
    store = Store(root)
    rows = store.connect().execute("SELECT count(*) FROM indikator").fetchone()[0]
    assert wrote.stderr.count(SAID[lang]) == 1 and fmt_number(rows, lang) in wrote.stderr, wrote.stderr
    assert analysis_cache.rows_to_build(store) is None  # a built base serves the version the command left
    read = cli(root, "angka", "--json", "--lang", lang)
    assert read.returncode == 0 and SAID[lang] not in read.stderr, read.stderr
    assert json.loads(read.stdout)["snapshot"]["id"]


def test_a_small_write_laid_over_a_built_base_builds_nothing(demo_store, tmp_path, monkeypatch):
    """The usual upload: its rows are laid over the base by every reader in a moment; no command waits for a build."""
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", 1000)  # the demo store counts as large, the file does not
    before = _bases(demo_store)
    wrote = cli(demo_store.root, "ingest", _partnerships_file(tmp_path), "--lang", "en")
    assert wrote.returncode == 0, wrote.stderr
    assert SAID["en"] not in wrote.stderr and _bases(demo_store) == before


def test_a_dry_run_prepares_nothing(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", 1)
    shutil.rmtree(analysis_cache.cache_dir(demo_store))
    run = cli(demo_store.root, "ingest", _partnerships_file(tmp_path), "--dry-run", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert SAID["en"] not in run.stderr and analysis_cache.rows_to_build(demo_store) is not None


def test_an_undo_of_a_batch_inside_the_base_prepares_the_base_without_it(demo_store, tmp_path, monkeypatch):
    """A base that holds the undone batch can never serve again: the undo builds the next one, not the first reader."""
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", 1000)
    added = cli(demo_store.root, "ingest", _partnerships_file(tmp_path), "--json", "--lang", "en")
    [batch] = [b["batch_id"] for b in json.loads(added.stdout)["batches"]]
    shutil.rmtree(analysis_cache.cache_dir(demo_store))
    analysis_cache.build_base(demo_store)  # the only base: the demo and the new batch
    undone = cli(demo_store.root, "undo", batch, "--yes", "--lang", "en")
    assert undone.returncode == 0, undone.stderr
    assert undone.stderr.count(SAID["en"]) == 1
    assert analysis_cache.rows_to_build(demo_store) is None
    assert analysis_cache.exact_base(demo_store) is not None  # a base of exactly the live batches: the demo alone


def test_a_write_whose_base_cannot_be_prepared_still_succeeds_and_says_what_it_stored(
    demo_store, tmp_path, monkeypatch
):
    """Preparing is a courtesy to the next reader: the rows are stored whatever happens to it (a full or read-only
    cache folder, a catalog that went away), so the command's exit code and its report are those of the write."""
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", 1)

    def fails(*args, **kwargs):
        raise RuntimeError("no room to build")

    monkeypatch.setattr(analysis_cache, "_build", fails)
    wrote = cli(demo_store.root, "ingest", _partnerships_file(tmp_path), "--lang", "en")
    assert wrote.returncode == 0, wrote.stderr
    assert "stored" in wrote.stdout.lower() and "no room" not in wrote.stdout + wrote.stderr
    assert len([b for b in demo_store.batches() if not b.get("undone")]) == 2


def test_two_processes_building_the_same_base_build_it_once(demo_store, monkeypatch):
    """The app and a command that wrote, or two servers on one cache folder: the second waits for the first's file."""
    import threading

    shutil.rmtree(analysis_cache.cache_dir(demo_store))
    real, writes = analysis_cache._write_base, []

    def counted(*args):
        writes.append(1)
        return real(*args)

    monkeypatch.setattr(analysis_cache, "_write_base", counted)
    built = []
    threads = [threading.Thread(target=lambda: built.append(analysis_cache.build_base(demo_store))) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(writes) == 1 and len(built) == 2 and built[0].path == built[1].path
