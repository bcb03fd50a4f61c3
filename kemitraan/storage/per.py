"""``--per`` and ``?per=``: the store as it stood at a snapshot number, a date or a moment.

Three forms, one parser for the command line and the pages:

- a **snapshot number** (``12``): that snapshot of the lake;
- a **date** (``2026-03-03``): the **end of that day** in the machine's local time (23:59:59.999999), so
  ``--per 2026-03-03`` shows everything stored on the 3rd;
- a **date and time** (``2026-03-03T10:15:30``, or with a space; optional offset ``+07:00`` or ``Z``): that
  moment, in the machine's local time when no offset is given.

A date or moment picks the latest snapshot at or before it (:meth:`Store.at_moment`); a moment before the
first snapshot is refused, naming the earliest one. The result is a read-only store (:meth:`Store.at`).
"""

from __future__ import annotations

import datetime as dt
import re

from kemitraan.errors import LocalisedError
from kemitraan.storage.lake_io import StoreError

_NUMBER = re.compile(r"\d{1,9}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?")


class BadPer(LocalisedError, StoreError):
    """A ``--per`` / ``?per=`` value of none of the three forms."""


def parse(text: str) -> int | dt.datetime:
    """A snapshot id (int) or an aware moment (a date: the end of that day, local time)."""
    value = (text or "").strip()
    try:
        if _NUMBER.fullmatch(value):
            return int(value)
        if _DATE.fullmatch(value):
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time.max).astimezone()
        if _MOMENT.fullmatch(value):
            moment = dt.datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.astimezone()
    except ValueError:
        pass
    raise BadPer("store.per.bad_value", value=value[:40])


def open_per(store, text: str):
    """``store`` as it stood at ``text`` (any of the three forms): a read-only store."""
    asked = parse(text)
    return store.at(asked) if isinstance(asked, int) else store.at_moment(asked)
