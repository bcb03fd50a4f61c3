"""A throwaway PostgreSQL cluster for the tests that put the lake's catalog in PostgreSQL.

One cluster per test session (per xdist worker), made with Debian's ``initdb`` and ``pg_ctl`` in a temporary
folder, listening on a free port of 127.0.0.1 (trust authentication: nothing else can reach it), stopped and
removed at the session's end. As root the server runs as the ``postgres`` user (PostgreSQL refuses root).
Each test gets a database of its own (:meth:`Cluster.new_database`).

PostgreSQL absent: the tests that need it are skipped, saying why; with ``KEMITRAAN_REQUIRE_POSTGRES=1``
(CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from kemitraan.storage import engine
from kemitraan.storage.store import Store

REQUIRE = "KEMITRAAN_REQUIRE_POSTGRES"


def _bin_dir() -> Path | None:
    """The folder of initdb/pg_ctl/createdb: Debian's versioned one (newest) first, then PATH."""
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(found).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="kemitraan-pg-"))
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL never runs as root
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = (self.dir / "log").read_text(errors="replace")[-2000:] if (self.dir / "log").exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()}\n{log}")

    def start(self) -> Cluster:
        data = str(self.dir / "db")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        opts = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            f"-c full_page_writes=off -c max_connections=400"
        )
        self._run(str(self.bin / "pg_ctl"), "-D", data, "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "db"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database; its URL (what ``KEMITRAAN_CATALOG`` takes)."""
        name = "k_" + uuid.uuid4().hex[:12]
        done = subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"createdb failed: {done.stderr.strip()}")
        return self.url(name)


def missing(reason: str):
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason} ({REQUIRE}=1: PostgreSQL is required here)")
    pytest.skip(f"{reason}: the PostgreSQL catalog tests need Debian's postgresql (initdb, pg_ctl)")


@pytest.fixture(scope="session")
def pg_cluster():
    bin_dir = _bin_dir()
    if bin_dir is None:
        missing("PostgreSQL not installed (no initdb)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            missing("running as root without a postgres user")
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        cluster.stop()
        missing(f"PostgreSQL did not start: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_catalog(pg_cluster, monkeypatch) -> str:
    """``KEMITRAAN_CATALOG`` set to a new database of the session's cluster; its URL."""
    url = pg_cluster.new_database()
    monkeypatch.setenv(engine.CATALOG_ENV, url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request, tmp_path, monkeypatch):
    """A new store with its catalog in SQLite (the default) or in PostgreSQL: the core store tests run on both."""
    if request.param == "postgres":
        request.getfixturevalue("pg_catalog")
    else:
        monkeypatch.delenv(engine.CATALOG_ENV, raising=False)
    store = Store(tmp_path / "data")
    yield store
    engine.forget(store.root)  # this process's connection to the test's database (PostgreSQL's are counted)
