"""``indikator_analisis``: the latest indicator rows with what every analysis needs computed once.

Every figure asks the same questions of each row: which is the last month a report covers (to tell
whether it lies inside a range), is the value one the data-quality rules flag (to leave it out), and
which partnership attributes does it carry (to filter and group). Computing them in every query made
each one join, scan and sort ten million rows; here they are columns, computed once per connection:

- ``bulan_terakhir``: first day of the last month the report covers (its own month for a monthly report);
- ``tanda``: NULL, or why the value is flagged as a likely typing error — ``min`` / ``max`` (outside the
  catalog's plausible range) or ``outlier``, by the indicator's aggregation over time (the thresholds are
  :mod:`kemitraan.methods.rules`'s): a flow above ``OUTLIER_FACTOR`` × the partnership's own median for that
  indicator at that reporting rhythm (``quantile_disc(0.5)``, the middle reported value); a stock above
  ``OUTLIER_FACTOR`` × or below 1/``OUTLIER_FACTOR`` of the median of the partnership's ``HISTORY`` *previous*
  values (same indicator and rhythm: a stock may grow); a rate further than ``RATE_JUMP`` points from that median.
  Stocks and rates are judged once they have ``HISTORY`` previous values. ``median_kemitraan``: the median the
  value was judged against;
- the partnership's attributes (``kategori``, ``bidang``, ``fokus``, ``provinsi_kode``, ``provinsi``,
  ``kabupaten_kota``, ``kabupaten_kode``, ``nama_kemitraan``, ``mitra_utama``, ``tanggal_mulai``,
  ``tanggal_selesai``), joined by ``kid``, a small integer per partnership (grouping by an integer is several times
  faster than by its code); a row whose partnership is not stored has ``kid`` NULL (an orphan, left out of every
  figure). A materialised connection stores the rows without them (:func:`flags_sql`'s) and joins them in the
  view (:func:`attributes_sql`);
- ``sasaran_periode``: on a ``terjangkau`` row, the unflagged target population the partnership reported
  for the same period (for annualised coverage), else NULL.

Flags are computed over all the data, never per filter, so a value's flag never depends on what the
reader selected. The relation is a table when the connection is materialised (the app; the table, its order
and its views are :mod:`kemitraan.storage.materialised`'s), a view over the live files otherwise (:func:`add`);
the catalog's bounds enter as literals of the catalog.
"""

from __future__ import annotations

from kemitraan import contract
from kemitraan.methods.rules import OUTLIER_FACTOR, RATE_JUMP

NAME = "indikator_analisis"
#: Partnership attributes of every row (filters and group-bys read them as columns of the view; joined by kid).
PARTNERSHIP_COLUMNS = (
    "kategori",
    "bidang",
    "fokus",
    "provinsi_kode",
    "provinsi",
    "kabupaten_kota",
    "kabupaten_kode",
    "nama_kemitraan",
    "mitra_utama",
    "tanggal_mulai",
    "tanggal_selesai",
)
EXTRA_COLUMNS = ("bulan_terakhir", "tanda", "median_kemitraan", "kid", *PARTNERSHIP_COLUMNS, "sasaran_periode")


def _number(x: float | None) -> str:
    return "NULL::DOUBLE" if x is None else repr(float(x))


def _catalog_values() -> str:
    rows = [
        f"('{k}', {_number(i.min)}, {_number(i.max)}, {str(i.agregasi_waktu == 'jumlah').upper()}, "
        f"'{i.agregasi_waktu}')"
        for k, i in contract.indicators().items()
    ]  # codes and bounds of our own catalog, never user input
    return ", ".join(rows)


KIDS = "_kid"

#: One row: the first month the stored reports cover (``lo``) and the last (``hi``), all rows (orphans too), as
#: :func:`kemitraan.queries.periods.data_months` reads them. Every figure asks for them (the range it covers), so
#: a connection of the analysis cache computes them once (:func:`add_months`) instead of a scan of every row per
#: figure; a connection without the table (the command line's views) scans.
MONTHS = "_bulan_data"


def add_months(con, source: str = NAME) -> None:
    """Create :data:`MONTHS` on ``con`` from ``source`` (:data:`NAME`, or its flagged rows alone, which need no join
    of the attributes): one scan, once per connection."""
    con.execute(f"CREATE TABLE {MONTHS} AS SELECT min(periode_mulai) AS lo, max(bulan_terakhir) AS hi FROM {source}")


def kids_sql(partnerships: str = "kemitraan", offset: int = 0, existing: str | None = None) -> str:
    """(kode_kemitraan, kid) for every partnership: numbered in code order after ``offset``, or, with
    ``existing``, the kids ``existing`` already gives and new numbers after ``offset`` for the rest."""
    if existing is None:
        return (
            f"SELECT CAST({int(offset)} + row_number() OVER (ORDER BY kode_kemitraan) AS INTEGER) AS kid, "
            f"kode_kemitraan FROM {partnerships}"
        )
    return (
        f"SELECT kid, kode_kemitraan FROM {existing} UNION ALL "
        f"SELECT CAST({int(offset)} + row_number() OVER (ORDER BY kode_kemitraan) AS INTEGER), kode_kemitraan "
        f"FROM {partnerships} k WHERE NOT EXISTS (SELECT 1 FROM {existing} e WHERE e.kode_kemitraan = k.kode_kemitraan)"
    )


def _flagged_sql(source: str, partnerships: str, kids: str) -> str:
    """The rows of ``source`` with ``bulan_terakhir``, ``tanda``, ``median_kemitraan`` and ``kid``."""
    months = "(CASE i.jenis_periode WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)"
    # the catalog's flows (codes of our own catalog, never user input), as cat.arus tells them
    flows = ", ".join(f"'{k}'" for k, i in contract.indicators().items() if i.agregasi_waktu == "jumlah")
    return f"""
    WITH cat(kode, lo, hi, arus, waktu) AS (VALUES {_catalog_values()}),
    med AS (
        SELECT i.kode_kemitraan, i.kode_indikator, i.jenis_periode, quantile_disc(i.nilai, 0.5) AS med
        FROM {source} i JOIN cat ON cat.kode = i.kode_indikator WHERE cat.arus GROUP BY ALL
    ),
    w AS (  -- each value with the partnership's 3 previous values (same indicator and rhythm), in the one scan;
            -- flows are judged against their median (med), so only the other rows are sorted for the window
        SELECT i.*, lag(i.nilai, 1) OVER h AS _p1, lag(i.nilai, 2) OVER h AS _p2, lag(i.nilai, 3) OVER h AS _p3
        FROM {source} i WHERE i.kode_indikator NOT IN ({flows})
        WINDOW h AS (PARTITION BY i.kode_kemitraan, i.kode_indikator, i.jenis_periode ORDER BY i.periode_mulai)
        UNION ALL
        SELECT i.*, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE FROM {source} i WHERE i.kode_indikator IN ({flows})
    ),
    hw AS (  -- stocks and rates are judged against the median of those (a stock may grow, a rate drift); of exactly
             -- HISTORY = 3 values the median is the middle one
        SELECT * EXCLUDE (_p1, _p2, _p3), greatest(least(_p1, _p2), least(greatest(_p1, _p2), _p3)) AS _med,
               (_p3 IS NOT NULL) AS _cukup FROM w
    )
    SELECT i.* EXCLUDE (_med, _cukup), CAST(i.periode_mulai + to_months({months} - 1) AS DATE) AS bulan_terakhir,
           CASE WHEN i.nilai < cat.lo THEN 'min' WHEN i.nilai > cat.hi THEN 'max'
                WHEN med.med > 0 AND i.nilai > {OUTLIER_FACTOR!r} * med.med THEN 'outlier'
                WHEN cat.waktu = 'terakhir' AND i._cukup AND i._med > 0
                     AND (i.nilai > {OUTLIER_FACTOR!r} * i._med OR i.nilai < i._med / {OUTLIER_FACTOR!r})
                     THEN 'outlier'
                WHEN cat.waktu = 'rata_rata' AND i._cukup
                     AND abs(i.nilai - i._med) > {RATE_JUMP!r} THEN 'outlier' END AS tanda,
           CASE WHEN cat.arus THEN med.med ELSE i._med END AS median_kemitraan, kd.kid
    FROM hw i LEFT JOIN cat ON cat.kode = i.kode_indikator
         LEFT JOIN med ON med.kode_kemitraan = i.kode_kemitraan AND med.kode_indikator = i.kode_indikator
                      AND med.jenis_periode = i.jenis_periode
         LEFT JOIN (SELECT kd.kid, kd.kode_kemitraan FROM {partnerships} p JOIN {kids} kd USING (kode_kemitraan)) kd
                ON kd.kode_kemitraan = i.kode_kemitraan
    """


def flags_sql(source: str = "indikator", partnerships: str = "kemitraan", kids: str = KIDS) -> str:
    """The rows of ``source`` (the latest indicator rows) with :data:`EXTRA_COLUMNS` but the partnership's
    attributes: what a materialised connection stores (:func:`attributes_sql` adds the attributes in its view).
    ``kids`` maps each partnership code to its kid (:func:`kids_sql`), so rows computed apart agree on them; a row
    whose partnership is not in ``partnerships`` gets ``kid`` NULL (an orphan)."""
    # A flag depends only on rows of the same partnership, indicator and rhythm, so the targets' flags are those
    # of the flagged rows computed over the targets alone: the target population is paired with the terjangkau
    # rows from its own small pass, and the one pass over every row is read once (a relation read twice is
    # materialised by DuckDB, which cost most of the build at ten million rows).
    targets = f"(SELECT * FROM {source} WHERE kode_indikator = 'sasaran')"
    # paired by equalities only: a condition on one side of a LEFT JOIN (t.kode_indikator = 'terjangkau') makes
    # DuckDB 1.5 join by nested loops, every row against every target (hours at ten million rows); here that
    # condition is a constant column of sas
    return f"""
    SELECT t.*, sas.nilai AS sasaran_periode
    FROM ({_flagged_sql(source, partnerships, kids)}) t
    LEFT JOIN (SELECT 'terjangkau' AS untuk, kode_kemitraan, periode, nilai
               FROM ({_flagged_sql(targets, partnerships, kids)}) WHERE tanda IS NULL) sas
           ON sas.untuk = t.kode_indikator AND sas.kode_kemitraan = t.kode_kemitraan AND sas.periode = t.periode
    """


def attributes_of(partnerships: str = "kemitraan", kids: str = KIDS, columns=PARTNERSHIP_COLUMNS) -> str:
    """``kid`` and ``columns`` (partnership attributes) of every partnership of ``partnerships``: one row per kid."""
    cols = ", ".join(f"k.{c}" for c in columns)
    return f"(SELECT kd.kid, {cols} FROM {partnerships} k JOIN {kids} kd USING (kode_kemitraan))"


def attributes_sql(flagged: str, partnerships: str = "kemitraan", kids: str = KIDS) -> str:
    """The rows of ``flagged`` (:func:`flags_sql`'s) with the partnership's attributes, in :data:`EXTRA_COLUMNS`'
    order, joined by ``kid`` (an orphan's, NULL, joins nothing: its attributes are NULL).

    A materialised connection stores the flagged rows alone and shows this join as the view :data:`NAME`: copying
    eleven text columns onto ten million rows was 40 % of a base's build, and a join with one row per partnership
    answers a filtered group-by over those rows as fast as the copied columns did (4–5 ms, 56–63 ms over every
    indicator since 2018: bench/RESULTS.md)."""
    cols = ", ".join(f"n.{c}" for c in (*contract.stored_columns("indikator"), *EXTRA_COLUMNS[:4]))
    attrs = ", ".join(f"a.{c}" for c in PARTNERSHIP_COLUMNS)
    return (
        f"SELECT {cols}, {attrs}, n.sasaran_periode FROM {flagged} n "
        f"LEFT JOIN {attributes_of(partnerships, kids)} a ON a.kid = n.kid"
    )


def select_sql(source: str = "indikator", partnerships: str = "kemitraan", kids: str = KIDS) -> str:
    """The rows of ``source`` (the latest indicator rows) with :data:`EXTRA_COLUMNS`; ``kids`` maps each
    partnership code to its kid (:func:`kids_sql`), so rows computed apart agree on them."""
    return attributes_sql(f"({flags_sql(source, partnerships, kids)})", partnerships, kids)


def add(con, *, source: str) -> None:
    """Create the ``indikator`` view and :data:`NAME` as views on ``con`` over ``source`` (the latest-rows SQL):
    every query reads the files. (A materialised connection's tables are :mod:`kemitraan.storage.materialised`'s.)

    The ``kemitraan`` view must exist already.
    """
    con.execute(f"CREATE VIEW {KIDS} AS {kids_sql()}")
    con.execute(f"CREATE VIEW indikator AS {source}")
    con.execute(f"CREATE VIEW {NAME} AS {select_sql('indikator')}")
