"""The log of a process whose data folder is on object storage: ``<data>/logs/<day>/<time>-<host>-<pid>.log``.

Object storage cannot append to a file, so lines are kept in memory and written as a new
object per flush: at once for a warning or an error (an unexpected error's reference id is
then in the bucket, where an administrator searches for it), otherwise every
:attr:`ObjectLogHandler.FLUSH_EVERY_S` seconds or :attr:`ObjectLogHandler.FLUSH_LINES` lines,
and when the process exits. A failed write never stops the app: it goes to stderr, which
still has every line.

Written with botocore's plain (synchronous) client, the library under s3fs, configured by
the same AWS variables: at exit the asynchronous machinery s3fs runs on is already shut down.
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

    def __init__(self, folder: PurePosixPath) -> None:
        super().__init__()
        self.bucket, _, prefix = str(folder).partition("/")
        self.prefix = PurePosixPath(prefix)
        self.client = None
        self.lines: list[str] = []
        self.last = time.monotonic()
        self.tag = f"{socket.gethostname()}-{os.getpid()}".replace("/", "_")
        atexit.register(self.flush)

    @classmethod
    def for_url(cls, url: str) -> ObjectLogHandler:
        return cls(PurePosixPath(objects.key_of(url)) / "logs")

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
            key = self.prefix / f"{now:%Y-%m-%d}" / f"{now:%H%M%S%f}-{self.tag}.log"
            try:
                if self.client is None:
                    import botocore.session

                    self.client = botocore.session.get_session().create_client("s3")
                self.client.put_object(Bucket=self.bucket, Key=str(key), Body=("\n".join(lines) + "\n").encode("utf-8"))
            except Exception as exc:  # never through logging: this handler would be called again
                print(f"kemitraan: could not write the log to s3://{self.bucket}/{key}: {exc}", file=sys.stderr)
        finally:
            self.release()
