"""One log file, several processes: the command line beside the app, one app process per core (docs/DEPLOY.md)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES, LINES, WRITERS = 4000, 400, 3

WRITER = textwrap.dedent(
    """
    import logging, sys
    sys.path.insert(0, {root!r})
    from kemitraan import logs
    stock = logs.logging.handlers.RotatingFileHandler
    handler_class = logs.SharedRotatingFileHandler if sys.argv[2] == "shared" else stock
    log = logging.getLogger("writer")
    log.setLevel(logging.INFO)
    log.addHandler(handler_class(sys.argv[1], maxBytes={max_bytes}, backupCount=1000, encoding="utf-8"))
    sys.stdin.readline()  # every writer starts at once
    for i in range({lines}):
        log.info("writer %s line %04d %s", sys.argv[3], i, "x" * 40)
    """
)


def _write_together(log: Path, kind: str) -> None:
    code = WRITER.format(root=str(ROOT), max_bytes=MAX_BYTES, lines=LINES)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(log), kind, str(w)], stdin=subprocess.PIPE, text=True)
        for w in range(WRITERS)
    ]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.stdin.close()
        assert p.wait(60) == 0


def _rotated(log: Path) -> list[Path]:
    return sorted(log.parent.glob(log.name + ".*[0-9]"), key=lambda p: int(p.suffix[1:]))


def test_processes_writing_one_log_rotate_it_once_each_time_it_is_full_and_lose_no_line(tmp_path):
    """Three processes log 400 lines each into one file rotated at 4,000 bytes. Every line is kept once, in order
    per writer, and every rotated file is full: the log's kept history is as long as its settings say. (The standard
    library's handler, run the same way with "stock", failed this five times out of five: each process rotated what
    another had rotated already, and went on writing into the moved file.)"""
    log = tmp_path / "kemitraan.log"
    _write_together(log, "shared")
    files = [*reversed(_rotated(log)), log]  # oldest first
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    for w in range(WRITERS):
        own = [line.split(" line ")[1][:4] for line in lines if f"writer {w} line" in line]
        assert own == [f"{i:04d}" for i in range(LINES)], f"writer {w}: lines lost, doubled or out of order"
    longest = max(len(line.encode()) + 1 for line in lines)
    small = [f.name for f in _rotated(log) if f.stat().st_size < MAX_BYTES - longest]
    assert not small, f"rotated before they were full: {small}"
