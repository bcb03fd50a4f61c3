"""The DuckDB extensions the lake needs are checked for their signature, once per process and file.

DuckDB checks an extension's signature on every ``LOAD`` in every new database instance (~75 ms a file): the
engine checks each file the first time the process loads it and trusts it again only while it is the same file
(device, inode, size, modification time). A file changed since is checked again, and a tampered one refused.
"""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from kemitraan.storage import engine


@pytest.fixture
def copied_extensions(tmp_path, monkeypatch):
    """The lake's extension files copied into the test's folder (a file the process has never loaded)."""
    real = engine.extensions
    copies = []
    for src in real(tmp_path / "data"):
        dest = tmp_path / "ext" / os.path.basename(src)
        dest.parent.mkdir(exist_ok=True)
        shutil.copy(src, dest)
        copies.append(str(dest))
    monkeypatch.setattr(engine, "extensions", lambda root: list(copies))
    return copies


def _checked(con: duckdb.DuckDBPyConnection) -> bool:
    return not con.execute("SELECT current_setting('allow_unsigned_extensions')").fetchone()[0]


def test_a_file_is_checked_once_then_again_when_it_changed(tmp_path, copied_extensions):
    root = tmp_path / "data"
    first = engine.connect(root)
    second = engine.connect(root)
    try:
        assert _checked(first)
        assert not _checked(second)  # the same files, verified by the first connection
        assert second.execute(f"SELECT count(*) FROM {engine.ALIAS}.current_snapshot()").fetchone()[0] == 1
    finally:
        first.close()
        second.close()
    st = os.stat(copied_extensions[0])
    os.utime(copied_extensions[0], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    third = engine.connect(root)
    try:
        assert _checked(third)
    finally:
        third.close()


def test_a_tampered_file_is_refused_though_its_path_was_verified(tmp_path, copied_extensions):
    root = tmp_path / "data"
    engine.connect(root).close()
    target = copied_extensions[-1]  # ducklake
    data = bytearray(open(target, "rb").read())
    data[-10] ^= 0xFF  # a byte of the signature (the file's last 256 bytes)
    with open(target, "wb") as fh:
        fh.write(bytes(data))
    with pytest.raises(duckdb.Error, match="signature"):
        engine.connect(root)
