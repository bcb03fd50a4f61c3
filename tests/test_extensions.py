"""The DuckDB extensions the lake needs are checked for their signature, once per process and file.

DuckDB checks an extension's signature on every ``LOAD`` in every new database instance (~75 ms a file): the
engine checks each file the first time the process loads it and trusts it again only while it is the same file
(device, inode, size, modification time). A file changed since is checked again, and a tampered one refused.

Each case runs in a process of its own: it loads copies of the extension files, and a process that has loaded a
copy of a library from another path must not load the installed one later (two copies of the PostgreSQL
scanner in one process crash it when the second is loaded).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs in a fresh interpreter: the lake's extension files copied into a folder of their own, then ``steps``.
SCRIPT = r"""
import json, os, shutil, sys
from pathlib import Path
import duckdb
from kemitraan.storage import engine

root, steps = Path(sys.argv[1]), sys.argv[2].split(",")
copies = []
for src in engine.extensions(root):
    dest = root.parent / "ext" / os.path.basename(src)
    dest.parent.mkdir(exist_ok=True)
    shutil.copy(src, dest)
    copies.append(str(dest))
engine.extensions = lambda root: list(copies)
out = []
for step in steps:
    if step == "connect":
        try:
            con = engine.connect(root)
        except duckdb.Error as exc:
            out.append("refused: " + str(exc))
            continue
        checked = not con.execute("SELECT current_setting('allow_unsigned_extensions')").fetchone()[0]
        snapshots = con.execute(f"SELECT count(*) FROM {engine.ALIAS}.current_snapshot()").fetchone()[0]
        out.append({"checked": checked, "snapshots": snapshots})
        con.close()
    elif step == "touch":  # the same bytes, a newer modification time
        st = os.stat(copies[0])
        os.utime(copies[0], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    elif step == "tamper":  # a byte of the ducklake file's signature (the file's last 256 bytes)
        data = bytearray(Path(copies[-1]).read_bytes())
        data[-10] ^= 0xFF
        Path(copies[-1]).write_bytes(bytes(data))
print(json.dumps(out), flush=True)
os._exit(0)  # DuckDB's teardown after a refused LOAD can crash at exit; what was measured is printed already
"""


def _run(tmp_path: Path, *steps: str) -> list:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KEMITRAAN_CATALOG", None)
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "data"), ",".join(steps)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])


def test_a_file_is_checked_once_then_again_when_it_changed(tmp_path):
    first, second, after_change = _run(tmp_path, "connect", "connect", "touch", "connect")
    assert first == {"checked": True, "snapshots": 1}
    assert second == {"checked": False, "snapshots": 1}  # the same files, verified by the first connection
    assert after_change["checked"]


def test_a_tampered_file_is_refused_though_its_path_was_verified(tmp_path):
    first, after_tampering = _run(tmp_path, "connect", "tamper", "connect")
    assert first["checked"]
    assert isinstance(after_tampering, str) and after_tampering.startswith("refused") and "signature" in after_tampering
