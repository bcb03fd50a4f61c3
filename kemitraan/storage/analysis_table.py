"""``indikator_analisis``: the latest indicator rows with what every analysis needs computed once.

Every figure asks the same per-row questions: which is the last month a report covers (to tell
whether it lies inside a range), and is the value one the data-quality rules flag (to leave it out).
Computing them in every query made each one scan and sort ten million rows; here they are columns:

- ``bulan_terakhir``: first day of the last month the report covers (its own month for a monthly report);
- ``tanda``: NULL, or why the value is flagged as a likely typing error — ``min`` / ``max`` (outside the
  catalog's plausible range) or ``outlier`` (a flow above :data:`OUTLIER_FACTOR` × the partnership's
  own median for that indicator at that reporting rhythm: ``quantile_disc(0.5)``, the middle reported
  value);
- ``median_kemitraan``: that median (flows only).

Flags are computed over all the data, never per filter, so a value's flag never depends on what the
reader selected. The relation is a table when the connection is materialised (the app), a view over
the live files otherwise (the command line); the catalog's bounds enter as literals of the catalog.
"""

from __future__ import annotations

from kemitraan import contract

NAME = "indikator_analisis"
#: A flow value this many times its partnership's own median is flagged (a likely extra zero).
OUTLIER_FACTOR = 5.0
EXTRA_COLUMNS = ("bulan_terakhir", "tanda", "median_kemitraan")


def _number(x: float | None) -> str:
    return "NULL::DOUBLE" if x is None else repr(float(x))


def _catalog_values() -> str:
    rows = [f"('{k}', {_number(i.min)}, {_number(i.max)}, {str(i.agregasi_waktu == 'jumlah').upper()})"
            for k, i in contract.indicators().items()]  # codes and bounds of our own catalog, never user input
    return ", ".join(rows)


def select_sql(source: str = "indikator") -> str:
    """The rows of ``source`` (the latest indicator rows) with :data:`EXTRA_COLUMNS`."""
    months = "(CASE i.jenis_periode WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)"
    return f"""
    WITH cat(kode, lo, hi, arus) AS (VALUES {_catalog_values()}),
    med AS (
        SELECT i.kode_kemitraan, i.kode_indikator, i.jenis_periode, quantile_disc(i.nilai, 0.5) AS med
        FROM {source} i JOIN cat ON cat.kode = i.kode_indikator WHERE cat.arus GROUP BY ALL
    )
    SELECT i.*, CAST(i.periode_mulai + to_months({months} - 1) AS DATE) AS bulan_terakhir,
           CASE WHEN i.nilai < cat.lo THEN 'min' WHEN i.nilai > cat.hi THEN 'max'
                WHEN med.med > 0 AND i.nilai > {OUTLIER_FACTOR!r} * med.med THEN 'outlier' END AS tanda,
           med.med AS median_kemitraan
    FROM {source} i LEFT JOIN cat ON cat.kode = i.kode_indikator
         LEFT JOIN med ON med.kode_kemitraan = i.kode_kemitraan AND med.kode_indikator = i.kode_indikator
                      AND med.jenis_periode = i.jenis_periode
    """


def add(con, *, materialize: bool, source: str) -> None:
    """Create the ``indikator`` view and :data:`NAME` on ``con`` from ``source`` (the latest-rows SQL).

    Materialised, one table holds both (sorted by indicator and period, so a query reading one
    indicator over a range skips the rest by zone maps); ``indikator`` shows only the contract's columns.
    """
    cols = ", ".join(contract.stored_columns("indikator"))
    if materialize:
        con.execute(f"CREATE TABLE _cur_{NAME} AS {select_sql(f'({source})')} "
                    "ORDER BY i.kode_indikator, i.periode_mulai, i.kode_kemitraan")
        con.execute(f"CREATE VIEW {NAME} AS SELECT * FROM _cur_{NAME}")
        con.execute(f"CREATE VIEW indikator AS SELECT {cols} FROM _cur_{NAME}")
    else:
        con.execute(f"CREATE VIEW indikator AS {source}")
        con.execute(f"CREATE VIEW {NAME} AS {select_sql('indikator')}")
