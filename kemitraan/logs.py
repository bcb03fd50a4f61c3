"""Logging with the standard library: what the product did, and every unexpected error with a reference id.

Ingest, commit, undo, refused SQL and unexpected errors are written to
``<data folder>/logs/kemitraan.log`` (rotated) and to stderr. A visitor never sees a
traceback: the page or the command shows a short reference id instead, and the
traceback is in the log under that id, so an administrator can find it.

Modules log with ``logging.getLogger(__name__)`` (names under ``kemitraan.``);
:func:`setup` attaches the handlers once per process.
"""

from __future__ import annotations

import fcntl
import logging
import logging.handlers
import os
import secrets
import sys
from pathlib import Path

LOGGER = "kemitraan"
LOG_FILE = "kemitraan.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 5 * 1024 * 1024
_BACKUPS = 5


def setup(data_dir: Path | str | None, *, stderr: bool = True, level: int = logging.INFO) -> logging.Logger:
    """Attach the file handler (under ``data_dir/logs``) and, once, the stderr handler. Safe to call again.

    The command line passes ``stderr=False``: it prints its own messages there already.
    """
    log = logging.getLogger(LOGGER)
    log.setLevel(level)
    log.propagate = False
    have = {getattr(h, "_kemitraan", None) for h in log.handlers}
    if stderr and "stderr" not in have:
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(logging.Formatter(_FORMAT))
        h._kemitraan = "stderr"
        log.addHandler(h)
    if data_dir is not None:
        path = (Path(data_dir) / "logs" / LOG_FILE).resolve()
        tag = f"file:{path}"
        if tag not in have:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fh = SharedRotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
            except OSError:  # a read-only data folder must not stop the app; stderr still hears
                return log
            fh.setFormatter(logging.Formatter(_FORMAT))
            fh._kemitraan = tag
            log.addHandler(fh)
    return log


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """One log file written by several processes: the command line beside the app, and one app process per core
    (docs/DEPLOY.md). Each record is written under a lock file beside the log, and a process whose file another
    process's rotation moved away opens the path again before it writes. Without that, it went on writing into the
    moved file and rotated it again when that looked full: small files, and the five kept ones covering far less
    than 25 MB of history."""

    def __init__(self, filename, *args, **kwargs):
        super().__init__(filename, *args, **kwargs)
        self._lock_path = os.path.join(os.path.dirname(self.baseFilename), f".{os.path.basename(filename)}.lock")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a folder that became read-only: write as a lone process would
            super().emit(record)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if self.stream is not None and self._moved():
                self.stream.close()
                self.stream = None  # the handler opens the path again (a file of its own name)
            super().emit(record)
        except Exception:  # as every handler: a failure to log never fails what was being logged
            self.handleError(record)
        finally:
            os.close(fd)  # closing releases the lock

    def _moved(self) -> bool:
        try:
            return os.stat(self.baseFilename).st_ino != os.fstat(self.stream.fileno()).st_ino
        except OSError:  # the path is gone: another process is between its renames, or someone removed it
            return True


def new_reference() -> str:
    """A short id a user can quote and an administrator can search for in the log."""
    return secrets.token_hex(4).upper()


def unexpected(exc: BaseException, where: str) -> str:
    """Log an unexpected error with its traceback; return the reference id to show instead."""
    ref = new_reference()
    logging.getLogger(f"{LOGGER}.errors").error(
        "ref=%s unexpected error in %s: %s", ref, where, exc, exc_info=(type(exc), exc, exc.__traceback__)
    )
    return ref
