"""A full disk (issue 21, item 6): every write — upload commit, undo, redo, note — gets its own clear message in the
user's language (ENOSPC, EDQUOT, EFBIG alike) and leaves the data folder byte for byte as it was.

Two ways of filling the disk: DuckDB made to report the disk's refusal, in its own words, at a chosen statement of
the store's (a data file's write, the catalog's commit); and a real file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored)
in a child process, where the system itself refuses the bytes of the Parquet files or of the SQLite catalog."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pandas as pd
import pytest
from conftest import ROOT
from test_unggah_data import _run, _store_with_batches

from kemitraan import escape
from kemitraan.cli import main
from kemitraan.i18n import t
from kemitraan.storage import engine
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import Store

CSV = pd.DataFrame([{"kode_kemitraan": "KMT-2", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": 5}])

#: What DuckDB says when the system refuses a data file's bytes (its message carries strerror), and what the SQLite
#: catalog says on a full disk.
ENOSPC = 'IO Error: Could not write file "{path}": No space left on device'
EDQUOT = 'IO Error: Could not write file "{path}": Disk quota exceeded'
EFBIG = 'IO Error: Could not write file "{path}": File too large'
SQLITE_FULL = (
    "TransactionContext Error: Failed to commit: Failed to commit DuckLake transaction.\n"
    'Failed to commit: Failed to execute query "COMMIT": database or disk is full'
)
#: What DuckDB reports when SQLite rolled the catalog's transaction back by itself (a full disk, among others):
#: nothing of the cause.
MASKED = (
    'TransactionContext Error: Failed to commit: Failed to execute query "ROLLBACK": cannot rollback - '
    "no transaction is active"
)


def snapshot(root) -> dict[str, bytes]:
    """Every file of the data folder but the app's own log folder (the log records the failure; its lock file)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not str(p.relative_to(root)).startswith("logs/")
    }


class _Refusing:
    """A catalog cursor whose statement matching ``pattern`` fails as DuckDB fails when the disk refuses: the
    statement is not run, an IOException in DuckDB's words is raised instead (its ``at``-th match only)."""

    def __init__(self, real, state: dict):
        self._real, self._state = real, state

    def execute(self, sql, *args, **kwargs):
        if self._state["pattern"].search(sql):
            self._state["seen"] += 1
            if self._state["seen"] == self._state["at"]:
                raise duckdb.IOException(self._state["text"])
        return self._real.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._real, name)


def full_at(monkeypatch, pattern: str, text: str = ENOSPC, *, at: int = 1) -> dict:
    """The store's catalog statements matching ``pattern`` fail (the ``at``-th one) as on a full disk, until
    :func:`room` (not monkeypatch's undo, which would also drop the data folder's and users file's variables)."""
    state = {"pattern": re.compile(pattern), "text": text.format(path="/data/lake/main/x.parquet"), "at": at, "seen": 0}
    real = engine.cursor
    monkeypatch.setattr(engine, "cursor", lambda root: _Refusing(real(root), state))
    return state


def room(state: dict) -> None:
    """The disk has room again: no statement fails any more."""
    state["at"] = 0


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    _store_with_batches(d, n=2)
    Store(d).undo("uji-1")  # one live batch to undo, one undone to bring back
    Notes(d).add("Catatan lama", "slide", "dana", author="ani")
    return d


def live(d) -> list[str]:
    return [m["batch_id"] for m in Store(d).batches() if not m.get("undone")]


# --- the store, each write and each step -------------------------------------------------------------------


@pytest.mark.parametrize("text", [ENOSPC, EDQUOT, EFBIG, SQLITE_FULL], ids=["enospc", "edquot", "efbig", "sqlite"])
@pytest.mark.parametrize("statement", [r'^INSERT INTO lake\."indikator"', "^COMMIT"])  # a data file; the catalog
def test_a_commit_on_a_full_disk_stores_nothing_and_says_so(data_dir, monkeypatch, statement, text):
    from kemitraan.ingest import commit, prepare

    store = Store(data_dir)
    report = prepare(store, [("baru.csv", CSV.to_csv(index=False).encode())])
    before = snapshot(data_dir)
    state = full_at(monkeypatch, statement, text)
    with pytest.raises(DiskFull) as exc:
        commit(store, report)
    assert state["seen"] == 1
    # at COMMIT the indicator rows' data file was already written: it is removed with the failed batch
    assert snapshot(data_dir) == before
    assert exc.value.message("id") == t("store.disk_full.commit", "id", file="baru.csv")
    assert "baru.csv" in exc.value.message("en") and "disk is full" in exc.value.message("en")
    room(state)
    assert live(data_dir) == ["uji-2"] and not Store(data_dir).connect().sql("FROM indikator").fetchall()
    commit(Store(data_dir), report)  # room again: the same upload lands
    assert Store(data_dir).connect().sql("SELECT nilai FROM indikator").fetchall() == [(5.0,)]


@pytest.mark.parametrize("text", [ENOSPC, SQLITE_FULL], ids=["enospc", "sqlite"])
def test_an_undo_on_a_full_disk_changes_nothing(data_dir, monkeypatch, text):
    store = Store(data_dir)
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", text)
    with pytest.raises(DiskFull) as exc:
        store.undo("uji-2", user="ani")
    assert snapshot(data_dir) == before
    assert exc.value.message("en") == t("store.disk_full.undo", "en", batch_id="uji-2")
    room(state)
    assert live(data_dir) == ["uji-2"]  # still live
    assert [e["event"] for e in Store(data_dir).events()].count("undo") == 1  # uji-1's, not a second one


def test_a_redo_on_a_full_disk_changes_nothing(data_dir, monkeypatch):
    store = Store(data_dir)
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", SQLITE_FULL)
    with pytest.raises(DiskFull) as exc:
        store.redo("uji-1", user="ani")
    assert snapshot(data_dir) == before
    assert exc.value.message("id") == t("store.disk_full.redo", "id", batch_id="uji-1")
    room(state)
    assert live(data_dir) == ["uji-2"]


def test_a_note_on_a_full_disk_is_not_stored(data_dir, monkeypatch):
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", SQLITE_FULL)
    with pytest.raises(DiskFull) as exc:
        Notes(data_dir).add("Kesimpulan", "slide", "dana", author="ani")
    room(state)
    assert snapshot(data_dir) == before
    assert exc.value.message("en") == t("store.disk_full.note", "en")
    assert [n.text for n in Notes(data_dir).list()] == ["Catatan lama"]


def test_an_error_that_is_not_the_disk_is_not_called_a_full_disk(data_dir, monkeypatch):
    """DuckDB's words hide the cause; the disk, asked, has room: the error stays what it is, nothing is stored."""
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", MASKED)
    with pytest.raises(duckdb.Error) as exc:
        Notes(data_dir).add("Kesimpulan", "slide", "dana", author="ani")
    assert not isinstance(exc.value, DiskFull)
    room(state)
    assert snapshot(data_dir) == before


# --- a real limit: the system refuses the bytes ----------------------------------------------------------


def _limited(code: str, limit: int, cwd) -> subprocess.CompletedProcess:
    """Run ``code`` in a child whose files may not grow beyond ``limit`` bytes (writes past it fail with EFBIG)."""
    prelude = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from kemitraan.storage.lake_io import DiskFull
        from kemitraan.storage.notes import Notes
        from kemitraan.storage.store import Store
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
    """)
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True, timeout=300
    )


#: Smaller than the SQLite catalog and than one page of its journal: any write to the catalog is refused.
CATALOG_LIMIT = 2000


def test_a_note_past_a_real_file_size_limit_is_not_stored(data_dir):
    before = snapshot(data_dir)
    assert (data_dir / "catalog.sqlite").stat().st_size > CATALOG_LIMIT
    done = _limited(
        f"""
        try:
            Notes({str(data_dir)!r}).add(
                "Kesimpulan rapat koordinasi yang cukup panjang", "slide", "dana", author="ani"
            )
        except DiskFull as exc:
            print("DISKFULL", exc.message("id"))
    """,
        CATALOG_LIMIT,
        data_dir,
    )
    assert done.stdout.startswith("DISKFULL " + t("store.disk_full.note", "id")), done.stdout + done.stderr
    assert snapshot(data_dir) == before
    assert [n.text for n in Notes(data_dir).list()] == ["Catatan lama"]


@pytest.mark.parametrize("action,batch_id", [("undo", "uji-2"), ("redo", "uji-1")])
def test_an_undo_or_redo_past_a_real_file_size_limit_changes_nothing(data_dir, action, batch_id):
    before = snapshot(data_dir)
    done = _limited(
        f"""
        try:
            Store({str(data_dir)!r}).{action}({batch_id!r}, user="ani")
        except DiskFull as exc:
            print("DISKFULL", exc.message("en"))
    """,
        CATALOG_LIMIT,
        data_dir,
    )
    assert done.stdout.startswith("DISKFULL " + t(f"store.disk_full.{action}", "en", batch_id=batch_id)), (
        done.stdout + done.stderr
    )
    assert snapshot(data_dir) == before
    assert live(data_dir) == ["uji-2"]


def test_a_commit_past_a_real_file_size_limit_stores_nothing(data_dir, tmp_path):
    src = tmp_path / "besar.csv"
    rows = pd.DataFrame(
        [
            {"kode_kemitraan": "KMT-2", "periode": f"{y}-{m:02d}", "kode_indikator": "terjangkau", "nilai": y * 100 + m}
            for y in range(1901, 2024)
            for m in range(1, 13)
        ]
    )
    rows.to_csv(src, index=False)
    before = snapshot(data_dir)
    done = _limited(
        f"""
        from kemitraan.cli import main
        sys.exit(main(["--data-dir", {str(data_dir)!r}, "ingest", {str(src)!r}, "--lang", "en"]))
    """,
        6_000,
        data_dir,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "disk is full" in done.stderr and "besar.csv" in done.stderr, done.stderr
    assert "unexpected" not in done.stderr.lower()
    assert snapshot(data_dir) == before  # the Parquet file cut at the limit is gone too
    assert live(data_dir) == ["uji-2"]


def _can_mount_a_small_disk(tmp_path) -> str | None:
    """Why a real full disk cannot be made here (None: it can): a tmpfs mounted in a mount namespace of its own
    needs unshare(1) and the right to mount (root, or CAP_SYS_ADMIN)."""
    if not shutil.which("unshare") or not shutil.which("fallocate"):
        return "unshare or fallocate (util-linux) missing"
    (tmp_path / "probe").mkdir()
    r = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path / 'probe'}"],
        capture_output=True,
        text=True,
    )
    return None if r.returncode == 0 else f"no right to mount a tmpfs here: {r.stderr.strip()}"


#: On the full disk: the folder's files before and after (logs aside), and DiskFull's words.
_ON_A_FULL_DISK = """
import json, os, sys
from pathlib import Path
sys.path.insert(0, os.environ["ROOT"])
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import Store

d = Path(os.environ["DATA"])
def files():
    return {str(p.relative_to(d)): p.read_bytes().hex() for p in sorted(d.rglob("*"))
            if p.is_file() and "logs" not in p.parts}
before = files()
action = os.environ["ACTION"]
try:
    if action == "note":
        Notes(d).add("Kesimpulan rapat koordinasi", "slide", "dana", author="ani")
    elif action == "commit":
        from kemitraan.ingest import commit, prepare
        store = Store(d)
        commit(store, prepare(store, [("baru.csv", os.environ["CSV"].encode())]))
    else:
        getattr(Store(d), action)(os.environ["BATCH"], user="ani")
    print(json.dumps({"stored": True}))
except DiskFull as exc:
    print(json.dumps({"message": exc.message("en"), "unchanged": files() == before}))
"""


@pytest.mark.parametrize("action,batch_id", [("note", ""), ("undo", "uji-2"), ("redo", "uji-1"), ("commit", "")])
def test_a_write_on_a_really_full_disk_is_refused_by_name_and_stores_nothing(data_dir, tmp_path, action, batch_id):
    """A tmpfs with 4 KB left: the system refuses the bytes with ENOSPC, and DuckDB words it for a data file only;
    the catalog's refusal reaches the store as "cannot rollback - no transaction is active"."""
    if why := _can_mount_a_small_disk(tmp_path):
        pytest.skip(why)
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"set -e; mount -t tmpfs -o size=4m tmpfs {disk}; cp -a {data_dir} {disk}/data; "
        f"free=$(df --output=avail -B1 {disk} | tail -1); fallocate -l $((free - 4096)) {disk}/filler; "
        f'exec {sys.executable} -c "$CODE"'
    )
    env = {
        **os.environ,
        "CODE": _ON_A_FULL_DISK,
        "ROOT": str(ROOT),
        "DATA": str(disk / "data"),
        "ACTION": action,
        "BATCH": batch_id,
        "CSV": CSV.to_csv(index=False),
    }
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    want = {
        "note": t("store.disk_full.note", "en"),
        "commit": t("store.disk_full.commit", "en", file="baru.csv"),
        "undo": t("store.disk_full.undo", "en", batch_id=batch_id),
        "redo": t("store.disk_full.redo", "en", batch_id=batch_id),
    }[action]
    assert result == {"message": want, "unchanged": True}, done.stderr


# --- what the user sees: the command line and the pages ------------------------------------------------------


def test_the_command_line_says_the_disk_is_full_for_undo_and_redo(data_dir, monkeypatch, capsys):
    state = full_at(monkeypatch, "^COMMIT", SQLITE_FULL)
    assert main(["--data-dir", str(data_dir), "undo", "uji-2", "--yes"]) == 1
    assert t("store.disk_full.undo", "id", batch_id="uji-2") in capsys.readouterr().err
    state.update(seen=0, at=1)
    assert main(["--data-dir", str(data_dir), "redo", "uji-1", "--lang", "en"]) == 1
    assert t("store.disk_full.redo", "en", batch_id="uji-1") in capsys.readouterr().err
    room(state)
    assert live(data_dir) == ["uji-2"]


def test_the_upload_page_says_the_disk_is_full_for_a_commit(data_dir, users, monkeypatch):
    at = _run()
    at.get("file_uploader")[0].set_value(("baru.csv", CSV.to_csv(index=False).encode(), "text/csv"))
    at.run()
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", SQLITE_FULL)
    at.button(key="upload_confirm").click().run()
    assert not at.exception and state["seen"] == 1
    assert [escape.shown(e.value) for e in at.error] == [t("store.disk_full.commit", "id", file="baru.csv")]
    assert snapshot(data_dir) == before


def test_the_upload_page_says_the_disk_is_full_for_undo_and_redo(data_dir, users, monkeypatch):
    at = _run()
    at.selectbox(key="upload_undo_batch").select("uji-2").run()
    at.checkbox(key="upload_undo_sure").check().run()
    before = snapshot(data_dir)
    state = full_at(monkeypatch, "^COMMIT", SQLITE_FULL)
    at.button(key="upload_undo").click().run()
    assert not at.exception
    assert t("store.disk_full.undo", "id", batch_id="uji-2") in [escape.shown(e.value) for e in at.error]
    room(state)
    at.selectbox(key="upload_redo_batch").select("uji-1").run()
    state.update(seen=0, at=1, text=ENOSPC.format(path="/data/catalog.sqlite-journal"))
    at.button(key="upload_redo").click().run()
    assert t("store.disk_full.redo", "id", batch_id="uji-1") in [escape.shown(e.value) for e in at.error]
    assert snapshot(data_dir) == before


def test_the_note_form_says_the_disk_is_full_and_keeps_the_text(data_dir, monkeypatch):
    from conftest import APP
    from streamlit.testing.v1 import AppTest

    from kemitraan import auth

    monkeypatch.setattr(auth, "is_local_request", lambda ip, headers: True)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["slides"] = "dana"
    at.switch_page("pages/presentasi.py").run()
    before = snapshot(data_dir)
    at.text_area(key="mnote_text_slide_dana").input("Kesimpulan rapat")
    state = full_at(monkeypatch, "^COMMIT", EDQUOT)
    at.button(key="FormSubmitter:mnote_form_slide_dana-Simpan catatan").click().run()
    assert state["seen"] == 1
    room(state)
    assert [e.value for e in at.error] == [t("store.disk_full.note", "id")]
    assert at.text_area(key="mnote_text_slide_dana").value == "Kesimpulan rapat"
    assert snapshot(data_dir) == before
