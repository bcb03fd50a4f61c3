"""The log of a process whose data folder is on object storage: ``<data>/logs/<day>/<time>-<host>-<pid>.log``.

Object storage cannot append to a file, so lines are kept in memory and written as a new
object per flush: at once for a warning or an error (an unexpected error's reference id is
then in the bucket, where an administrator searches for it), otherwise every
:attr:`ObjectLogHandler.FLUSH_EVERY_S` seconds or :attr:`ObjectLogHandler.FLUSH_LINES` lines,
and when the process exits. A failed write never stops the app: it goes to stderr, which
still has every line.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import socket
import sys
import time
from pathlib import PurePosixPath

from kemitraan.storage import objects


class ObjectLogHandler(logging.Handler):
    FLUSH_EVERY_S = 30.0
    FLUSH_LINES = 200

    def __init__(self, folder: PurePosixPath, fs) -> None:
        super().__init__()
        self.folder, self.fs = folder, fs
        self.lines: list[str] = []
        self.last = time.monotonic()
        self.tag = f"{socket.gethostname()}-{os.getpid()}".replace("/", "_")
        atexit.register(self.flush)

    @classmethod
    def for_url(cls, url: str) -> ObjectLogHandler:
        return cls(PurePosixPath(objects.key_of(url)) / "logs", objects.filesystem())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:
            self.handleError(record)
            return
        due = time.monotonic() - self.last > self.FLUSH_EVERY_S or len(self.lines) >= self.FLUSH_LINES
        if record.levelno >= logging.WARNING or due:
            self.flush()

    def flush(self) -> None:
        self.acquire()
        try:
            lines, self.lines, self.last = self.lines, [], time.monotonic()
            if not lines:
                return
            now = dt.datetime.now(dt.timezone.utc)
            key = self.folder / f"{now:%Y-%m-%d}" / f"{now:%H%M%S%f}-{self.tag}.log"
            try:
                self.fs.pipe_file(str(key), ("\n".join(lines) + "\n").encode("utf-8"))
            except Exception as exc:  # never through logging: this handler would be called again
                print(f"kemitraan: could not write the log to {key}: {exc}", file=sys.stderr)
        finally:
            self.release()
