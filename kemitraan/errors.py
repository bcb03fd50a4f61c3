"""The two kinds of failure every layer shares, so the command line and the pages treat them alike.

- :class:`Refused`: input or an operation the product will not accept; the user is told
  why in their language (the command line exits 1). The store's, ingest's and the SQL
  console's refusals are kinds of it.
- :class:`UsageError`: a command used the wrong way (exit 2).

Anything else is unexpected: logged with a reference id (:mod:`kemitraan.logs`).
:class:`LocalisedError` is the shape several of them share: an i18n key and its fields.
"""

from kemitraan.i18n import t


class Refused(Exception):
    """Input or an operation the product will not accept; the message says why."""


class UsageError(Exception):
    """Wrong use of a command: exit code 2."""


class LocalisedError(Exception):
    """An error worded by an i18n key and its fields: ``str()`` in English (for logs), :meth:`message` in any
    language."""

    def __init__(self, key: str, **fields: object):
        super().__init__(t(key, "en", **fields))
        self.key, self.fields = key, fields

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.fields)
