"""The two kinds of failure every layer shares, so the command line and the pages treat them alike.

- :class:`Refused`: input or an operation the product will not accept; the user is told
  why in their language (the command line exits 1). The store's, ingest's and the SQL
  console's refusals are kinds of it.
- :class:`UsageError`: a command used the wrong way (exit 2).

Anything else is unexpected: logged with a reference id (:mod:`kemitraan.logs`).
"""


class Refused(Exception):
    """Input or an operation the product will not accept; the message says why."""


class UsageError(Exception):
    """Wrong use of a command: exit code 2."""
