"""The materialised tables: the single owner of their stored names, their order and the views over them.

A materialised connection (:meth:`~kemitraan.storage.lake_views.LakeViews.connect` with ``materialize``, so every
base file of :mod:`kemitraan.storage.analysis_cache` too) holds one table per entry of :data:`TABLES`, named by
:func:`stored_name`, its rows written in the order :data:`TABLES` gives (DuckDB's zone maps then skip the row groups
a query filters out), and a view of the plain name over each, plus ``indikator`` (the contract's columns of
:data:`analysis_table.NAME <kemitraan.storage.analysis_table.NAME>`): queries read the views, never a stored table.

This module is the only one that spells a stored table's name. The full build (:func:`add`), the analysis cache's
overlay (which lays new batches over an attached base) and the SQL console (which reads a base attached read only)
all go through :func:`stored_name`, :func:`view_select` and :func:`add_views`; a change of a name or an order made
here changes the analysis cache's fingerprint with it, so no base of another layout is ever read.

Besides these tables a materialised connection holds :data:`analysis_table.KIDS
<kemitraan.storage.analysis_table.KIDS>` (each partnership's small integer), made by :func:`add` too, which the
overlay continues for partnerships a new batch adds.
"""

from __future__ import annotations

from collections.abc import Iterable

from kemitraan import contract
from kemitraan.storage import analysis_table, rollup

_PREFIX = "_cur_"

#: The stored kinds materialised as they are (their latest row per key): all but ``indikator``, whose rows are
#: those of :data:`analysis_table.NAME <kemitraan.storage.analysis_table.NAME>`.
PLAIN_KINDS: tuple[str, ...] = tuple(k for k in contract.KINDS if k != "indikator")
#: The tables built from the latest indicator rows: the analysis table and the rollups of :mod:`rollup`.
ANALYSIS: tuple[str, ...] = (analysis_table.NAME, *rollup.SQL, rollup.RANGE_YEARS, rollup.RANGE)
#: Every materialised table → the order its rows are written in: the column most queries filter on first.
TABLES: dict[str, str] = {
    **{kind: contract.KEYS[kind][0] for kind in PLAIN_KINDS},
    analysis_table.NAME: "kode_indikator, periode_mulai, kid",
    rollup.NAME: "kode_indikator, tahun, kid",
    rollup.REPORTS: "kid, periode_mulai",
    rollup.CADENCE: "kid",
    rollup.RANGE_YEARS: "dari",
    rollup.RANGE: "kode_indikator, kid",
}
#: The view over the contract's columns of the analysis table: the stored indicator rows as uploaded.
INDICATORS = "indikator"
#: Every view a materialised connection shows over its tables.
VIEWS: tuple[str, ...] = (*TABLES, INDICATORS)


def stored_name(table: str, schema: str | None = None) -> str:
    """The name of the table that holds ``table``'s rows (one of :data:`TABLES`), in ``schema`` when given (an
    attached base: ``base._cur_kemitraan``)."""
    if table not in TABLES:
        raise KeyError(f"not a materialised table: {table!r}")
    return _PREFIX + table if schema is None else f"{schema}.{_PREFIX}{table}"


def view_select(view: str, schema: str | None = None) -> str:
    """The query the view ``view`` (one of :data:`VIEWS`) is over the stored tables (in ``schema`` when given)."""
    if view == INDICATORS:
        cols = ", ".join(contract.stored_columns("indikator"))
        return f"SELECT {cols} FROM {stored_name(analysis_table.NAME, schema)}"
    if view == analysis_table.NAME:
        # the stored rows are narrow; the attributes come from the connection's own ``kemitraan`` and kids (those of
        # the base, or of an overlay that changed a partnership), joined by kid
        return analysis_table.attributes_sql(stored_name(view, schema))
    return f"SELECT * FROM {stored_name(view, schema)}"


def add_views(con, views: Iterable[str] = VIEWS, schema: str | None = None) -> None:
    """Create each of ``views`` on ``con`` over the stored tables (of the base attached as ``schema``, when given)."""
    for view in views:
        con.execute(f"CREATE VIEW {view} AS {view_select(view, schema)}")


def _materialise(con, table: str, sql: str) -> None:
    con.execute(f"CREATE TABLE {stored_name(table)} AS {sql} ORDER BY {TABLES[table]}")
    add_views(con, [table])


def add(con, kind: str, latest_sql: str) -> None:
    """Materialise ``kind`` on ``con`` from ``latest_sql`` (its latest rows), with its view.

    For ``indikator``: :data:`analysis_table.KIDS <kemitraan.storage.analysis_table.KIDS>`, the analysis table (one
    table holds both it and the ``indikator`` view) and the rollups built from it; the ``kemitraan`` view must exist
    already (the analysis view and the rollups take its attributes, by kid).
    """
    if kind != "indikator":
        _materialise(con, kind, latest_sql)
        return
    con.execute(f"CREATE TABLE {analysis_table.KIDS} AS {analysis_table.kids_sql()}")
    # the flagged rows alone, sorted: the view joins the partnerships' attributes (analysis_table.attributes_sql)
    _materialise(con, analysis_table.NAME, analysis_table.flags_sql(f"({latest_sql})"))
    add_views(con, [INDICATORS])
    flagged = stored_name(analysis_table.NAME)  # the rollups need no attribute of a row (rollup.select_sql)
    for table, sql in rollup.SQL.items():
        _materialise(con, table, sql(flagged))
    _materialise(con, rollup.RANGE_YEARS, rollup.years_sql(flagged))
    _materialise(con, rollup.RANGE, rollup.range_sql(rollup.NAME))
