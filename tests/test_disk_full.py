"""A full disk (issue 21, item 6): every write — upload commit, undo, redo, note — gets its own clear message in the
user's language (ENOSPC, EDQUOT, EFBIG alike) and leaves the data folder byte for byte as it was.

Two ways of filling the disk: the store's writer made to raise OSError(ENOSPC) at a chosen step, and a real
file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) in a child process, where the system itself refuses the bytes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from conftest import ROOT
from kemitraan import escape
from kemitraan.cli import main
from kemitraan.i18n import t
from kemitraan.storage import store as store_module, undo_redo
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import Store
from test_unggah_data import _run, _store_with_batches

CSV = pd.DataFrame([{"kode_kemitraan": "KMT-2", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": 5}])


def snapshot(root) -> dict[str, bytes]:
    """Every file of the data folder but the app's own log (which records the failure)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "logs/kemitraan.log" not in str(p.relative_to(root)) and p.name != ".lock"}


def full_at(monkeypatch, module, name, *, after: int = 0, err: int = errno.ENOSPC):
    """``module.name`` raises OSError(err) on its call number ``after`` + 1 (the earlier calls run as usual)."""
    real = getattr(module, name)
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == after + 1:
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, fake)
    return calls


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    _store_with_batches(d, n=2)
    Store(d).undo("uji-1")  # one live batch to undo, one undone to bring back
    Notes(d).add("Catatan lama", "slide", "dana", author="ani")
    return d


# --- the store, each write and each step -------------------------------------------------------------------


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
@pytest.mark.parametrize("step", ["fsync", "write_json"])  # a Parquet file flushed; the manifest
def test_a_commit_on_a_full_disk_stores_nothing_and_says_so(data_dir, monkeypatch, step, err):
    from kemitraan.ingest import commit, prepare

    store = Store(data_dir)
    report = prepare(store, [("baru.csv", CSV.to_csv(index=False).encode())])
    before = snapshot(data_dir)
    full_at(monkeypatch, store_module, step, err=err)
    with pytest.raises(DiskFull) as exc:
        commit(store, report)
    assert snapshot(data_dir) == before
    assert exc.value.message("id") == t("store.disk_full.commit", "id", file="baru.csv")
    assert "baru.csv" in exc.value.message("en") and "disk is full" in exc.value.message("en")


@pytest.mark.parametrize("after", [0, 1])  # the intent; the manifest after the folder moved (the move is undone)
def test_an_undo_on_a_full_disk_changes_nothing(data_dir, monkeypatch, after):
    store = Store(data_dir)
    before = snapshot(data_dir)
    full_at(monkeypatch, undo_redo, "write_json", after=after)
    with pytest.raises(DiskFull) as exc:
        store.undo("uji-2", user="ani")
    assert snapshot(data_dir) == before
    assert exc.value.message("en") == t("store.disk_full.undo", "en", batch_id="uji-2")
    monkeypatch.undo()
    assert [m["batch_id"] for m in Store(data_dir).batches() if not m.get("undone")] == ["uji-2"]  # still live


@pytest.mark.parametrize("after", [0, 1])
def test_a_redo_on_a_full_disk_changes_nothing(data_dir, monkeypatch, after):
    store = Store(data_dir)
    before = snapshot(data_dir)
    full_at(monkeypatch, undo_redo, "write_json", after=after)
    with pytest.raises(DiskFull) as exc:
        store.redo("uji-1", user="ani")
    assert snapshot(data_dir) == before
    assert exc.value.message("id") == t("store.disk_full.redo", "id", batch_id="uji-1")


def test_a_note_on_a_full_disk_is_not_stored_and_the_file_is_unchanged(data_dir, monkeypatch):
    before = snapshot(data_dir)
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space")))
    with pytest.raises(DiskFull) as exc:
        Notes(data_dir).add("Kesimpulan", "slide", "dana", author="ani")
    monkeypatch.undo()
    assert snapshot(data_dir) == before
    assert exc.value.message("en") == t("store.disk_full.note", "en")


# --- a real limit: the system refuses the bytes ----------------------------------------------------------


def _limited(code: str, limit: int, cwd) -> subprocess.CompletedProcess:
    """Run ``code`` in a child whose files may not grow beyond ``limit`` bytes (writes past it fail with EFBIG)."""
    prelude = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
    """)
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_a_note_past_a_real_file_size_limit_leaves_no_partial_line(data_dir):
    path = data_dir / "notes" / "notes.jsonl"
    before = snapshot(data_dir)
    limit = path.stat().st_size + 40  # room for part of the new line only
    done = _limited(f"""
        from kemitraan.storage.notes import Notes
        from kemitraan.storage.lake_io import DiskFull
        try:
            Notes({str(data_dir)!r}).add("Kesimpulan rapat koordinasi yang cukup panjang", "slide", "dana", author="ani")
        except DiskFull as exc:
            print("DISKFULL", exc.message("id"))
    """, limit, data_dir)
    assert done.stdout.startswith("DISKFULL " + t("store.disk_full.note", "id")), done.stdout + done.stderr
    assert snapshot(data_dir) == before
    assert [n.text for n in Notes(data_dir).list()] == ["Catatan lama"]


def test_a_commit_past_a_real_file_size_limit_stores_nothing(data_dir, tmp_path):
    src = tmp_path / "besar.csv"
    rows = pd.DataFrame([{"kode_kemitraan": "KMT-2", "periode": f"{y}-{m:02d}", "kode_indikator": "terjangkau",
                          "nilai": y * 100 + m} for y in range(1901, 2024) for m in range(1, 13)])
    rows.to_csv(src, index=False)
    before = snapshot(data_dir)
    done = _limited(f"""
        from kemitraan.cli import main
        sys.exit(main(["--data-dir", {str(data_dir)!r}, "ingest", {str(src)!r}, "--lang", "en"]))
    """, 6_000, data_dir)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "disk is full" in done.stderr and "besar.csv" in done.stderr, done.stderr
    assert "unexpected" not in done.stderr.lower()
    assert snapshot(data_dir) == before


# --- what the user sees: the command line and the pages ------------------------------------------------------


def test_the_command_line_says_the_disk_is_full_for_undo_and_redo(data_dir, monkeypatch, capsys):
    full_at(monkeypatch, undo_redo, "write_json")
    assert main(["--data-dir", str(data_dir), "undo", "uji-2", "--yes"]) == 1
    assert t("store.disk_full.undo", "id", batch_id="uji-2") in capsys.readouterr().err
    full_at(monkeypatch, undo_redo, "write_json")
    assert main(["--data-dir", str(data_dir), "redo", "uji-1", "--lang", "en"]) == 1
    assert t("store.disk_full.redo", "en", batch_id="uji-1") in capsys.readouterr().err


def test_the_upload_page_says_the_disk_is_full_for_a_commit(data_dir, users, monkeypatch):
    at = _run()
    at.get("file_uploader")[0].set_value(("baru.csv", CSV.to_csv(index=False).encode(), "text/csv"))
    at.run()
    before = snapshot(data_dir)
    full_at(monkeypatch, store_module, "write_json")
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert [escape.shown(e.value) for e in at.error] == [t("store.disk_full.commit", "id", file="baru.csv")]
    assert snapshot(data_dir) == before


def test_the_upload_page_says_the_disk_is_full_for_undo_and_redo(data_dir, users, monkeypatch):
    at = _run()
    at.selectbox(key="upload_undo_batch").select("uji-2").run()
    at.checkbox(key="upload_undo_sure").check().run()
    before = snapshot(data_dir)
    full_at(monkeypatch, undo_redo, "write_json", after=1)
    at.button(key="upload_undo").click().run()
    assert not at.exception
    assert t("store.disk_full.undo", "id", batch_id="uji-2") in [escape.shown(e.value) for e in at.error]
    at.selectbox(key="upload_redo_batch").select("uji-1").run()
    full_at(monkeypatch, undo_redo, "write_json")
    at.button(key="upload_redo").click().run()
    assert t("store.disk_full.redo", "id", batch_id="uji-1") in [escape.shown(e.value) for e in at.error]
    assert snapshot(data_dir) == before


def test_the_note_form_says_the_disk_is_full_and_keeps_the_text(data_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import APP
    from kemitraan import auth

    monkeypatch.setattr(auth, "is_local_request", lambda ip, headers: True)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["slides"] = "dana"
    at.run()
    at.switch_page("pages/presentasi.py").run()
    before = snapshot(data_dir)
    at.text_area(key="mnote_text_slide_dana").input("Kesimpulan rapat")
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.EDQUOT, "Quota")))
    at.button(key="FormSubmitter:mnote_form_slide_dana-Simpan catatan").click().run()
    monkeypatch.setattr(os, "write", real_write)
    assert [e.value for e in at.error] == [t("store.disk_full.note", "id")]
    assert at.text_area(key="mnote_text_slide_dana").value == "Kesimpulan rapat"
    assert snapshot(data_dir) == before

