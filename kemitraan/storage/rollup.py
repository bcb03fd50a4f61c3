"""``indikator_tahunan``: the analysis rows summed per partnership, calendar year, indicator and flag.

A page's default range is whole calendar years (``queries.periods.complete_years``) and most of its
figures are per year or for the whole range. At ten million monthly reports, reading every report for
those figures is most of a page's time; reading one row per partnership, year and indicator is about a
tenth of it. The sums here are *partials* that add up exactly: a figure over several years, or over a
group of partnerships, is the sum of its rows' partials, and "how many partnerships" is a count of
distinct ``kid`` over them (see ``queries.indicators``). Stocks keep their last value in the year and
when it was reported, so a later year's (or a group's) last value is again the one reported last.

A report belongs to the year its period starts in; every period (month, quarter, year) lies inside one
calendar year, so a range of whole years holds exactly the reports of its years. Flagged values
(``tanda``) have rows of their own (``ditandai``): a figure without them reads only the other rows.

Built from :data:`analysis_table.NAME` wherever that is built (tables when materialised, by
:mod:`kemitraan.storage.materialised`; views otherwise, :func:`add`); the analysis cache's overlay recomputes the
rows of the partnerships a new batch touches.
"""

from __future__ import annotations

from kemitraan.storage import analysis_table

NAME = "indikator_tahunan"

#: Reports with a usable denominator (rates are weighted by it) and those without.
HAS_DEN = "(penyebut > 0)"
NO_DEN = "(penyebut IS NULL OR penyebut <= 0)"
_SAS = "(sasaran_periode IS NOT NULL)"
_MONTHS = "(CASE jenis_periode WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)"

#: Partial sums of flows and rates, as aggregates over report rows; each adds up over rows, years and
#: partnerships (``queries.indicators`` sums them again). ``s_sas`` / ``s_tb`` / ``n_sas``: on
#: ``terjangkau``, the person-years of target population and the contacts of the reports that carry one.
FLOW_PARTIALS: dict[str, str] = {
    "s_nilai": "sum(nilai)",
    "s_target": "sum(target)",
    "s_bt": "sum(nilai) FILTER (WHERE target IS NOT NULL)",
    "num": f"sum(nilai * penyebut) FILTER (WHERE {HAS_DEN})",
    "den": f"sum(penyebut) FILTER (WHERE {HAS_DEN})",
    "t_num": f"sum(target * penyebut) FILTER (WHERE {HAS_DEN} AND target IS NOT NULL)",
    "t_den": f"sum(penyebut) FILTER (WHERE {HAS_DEN} AND target IS NOT NULL)",
    "bt_num": f"sum(nilai * penyebut) FILTER (WHERE {HAS_DEN} AND target IS NOT NULL)",
    "u_sum": f"sum(nilai) FILTER (WHERE {NO_DEN})",
    "u_n": f"count(*) FILTER (WHERE {NO_DEN})",
    "ut_sum": f"sum(target) FILTER (WHERE {NO_DEN})",
    "ut_n": f"count(target) FILTER (WHERE {NO_DEN})",
    "ubt_sum": f"sum(nilai) FILTER (WHERE {NO_DEN} AND target IS NOT NULL)",
    "c_den": f"count(*) FILTER (WHERE {HAS_DEN})",
    "n_laporan": "count(*)",
    "s_sas": f"sum(sasaran_periode * {_MONTHS} / 12.0) FILTER (WHERE {_SAS})",
    "s_tb": f"sum(nilai) FILTER (WHERE {_SAS})",
    "n_sas": f"count(*) FILTER (WHERE {_SAS})",
}
#: Counts among the partials: summed as integers.
COUNTS = ("u_n", "ut_n", "c_den", "n_laporan", "n_sas")
#: A stock's last value in the year, its last target, when each was reported and the last month covered.
#: (``arg_max`` skips NULL values, so the last target may come from an earlier report than the last
#: value: each keeps its own date, and a later year's or a group's last one is again the latest.)
STOCK_PARTIALS: dict[str, str] = {
    "l_nilai": "arg_max(nilai, periode_mulai)",
    "l_nilai_mulai": "max(periode_mulai) FILTER (WHERE nilai IS NOT NULL)",
    "l_target": "arg_max(target, periode_mulai)",
    "l_target_mulai": "max(periode_mulai) FILTER (WHERE target IS NOT NULL)",
    "l_bulan": "max(bulan_terakhir)",
    "l_jenis": "arg_max(jenis_periode, periode_mulai)",  # the cadence of the last report: which month a stock owes
}
#: Partnership attributes carried on every row (filters and group-bys read them without a join).
ATTRIBUTES = tuple(c for c in analysis_table.PARTNERSHIP_COLUMNS if c != "tanggal_mulai")


def select_sql(source: str) -> str:
    """The rollup of ``source`` (rows shaped like :data:`analysis_table.NAME`, or its flagged rows alone: the
    attributes are joined from the connection's ``kemitraan`` by kid); rows of unknown partnerships (``kid`` NULL) are
    left out, as every figure leaves them out."""
    partials = {**FLOW_PARTIALS, **STOCK_PARTIALS}
    parts = ", ".join(f"{expr} AS {name}" for name, expr in partials.items())
    # grouped without the attributes, which are joined onto the grouped rows (a seventh of them) by kid: carrying
    # eleven text columns through the grouping of ten million rows was most of its time
    attrs = ", ".join(f"a.{c}" for c in ATTRIBUTES)
    sums = ", ".join(f"r.{name}" for name in partials)
    return f"""
    SELECT r.kid, r.kode_kemitraan, r.tahun, r.kode_indikator, r.ditandai, {attrs}, {sums}, r.sendiri FROM (
        SELECT *, {_ALONE.format(keys="kid, tahun, kode_indikator")} FROM (
            SELECT kid, kode_kemitraan, CAST(year(periode_mulai) AS INTEGER) AS tahun, kode_indikator,
                   (tanda IS NOT NULL) AS ditandai, {parts}
            FROM {source} WHERE kid IS NOT NULL
            GROUP BY kid, kode_kemitraan, tahun, kode_indikator, ditandai)) r
    LEFT JOIN {analysis_table.attributes_of(columns=ATTRIBUTES)} a ON a.kid = r.kid"""


#: ``sendiri``: the row is its partnership's only one for the year (or range) and indicator, flagged or not (most
#: are): a stock's standing that year is then the row itself, with no second row to combine it with.
_ALONE = "count(*) OVER (PARTITION BY {keys}) = 1 AS sendiri"


#: One row per report: a partnership's period (whatever its indicators), with its report date and the last
#: month it covers. Completeness, timeliness and reports left out by a range count these rows, not values.
REPORTS = "laporan_kemitraan"


def reports_sql(source: str) -> str:
    """The reports of ``source`` (rows shaped like :data:`analysis_table.NAME`) of known partnerships.

    ``n_jenis``: how many reports of the partnership start that month (a monthly and a quarterly report
    both starting in January: 2). Upload refuses such overlaps now, but older batches may hold them;
    queries that want one row per start regroup only those rows."""
    return f"""
    SELECT *, count(*) OVER (PARTITION BY kid, periode_mulai) AS n_jenis FROM (
        SELECT kid, kode_kemitraan, periode_mulai, jenis_periode, any_value(periode) AS periode,
               max(tanggal_lapor) AS tanggal_lapor, max(bulan_terakhir) AS bulan_terakhir
        FROM {source} WHERE kid IS NOT NULL
        GROUP BY kid, kode_kemitraan, periode_mulai, jenis_periode)"""


#: Each partnership's cadence: the period type it uses most over all its reports (one type per period start where
#: older batches hold overlapping reports), so a partnership silent through a range is still expected to report.
CADENCE = "kadens_kemitraan"


def cadence_sql(source: str) -> str:
    """:data:`CADENCE` of ``source`` (rows shaped like :data:`analysis_table.NAME`): ``kid``, ``kode_kemitraan``,
    ``jenis``."""
    return f"""
    SELECT kid, any_value(kode_kemitraan) AS kode_kemitraan, mode(jenis_periode) AS jenis FROM (
        SELECT kid, kode_kemitraan, periode_mulai, any_value(jenis_periode) AS jenis_periode
        FROM ({reports_sql(source)}) GROUP BY kid, kode_kemitraan, periode_mulai)
    GROUP BY kid"""


#: The tables built from the analysis rows: name → its SQL over a source (rows shaped like
#: :data:`analysis_table.NAME`). Materialised (their order too) by :mod:`kemitraan.storage.materialised`.
SQL = {NAME: select_sql, REPORTS: reports_sql, CADENCE: cadence_sql}

#: The years of the pages' default range (the whole calendar years of the data, as
#: ``queries.periods.complete_years`` takes them; all its years when none is whole): one row, ``dari`` and
#: ``sampai``, fixed when a base is built (an overlay keeps its base's years).
RANGE_YEARS = "rentang_tahun"
#: :data:`NAME` summed over the years of :data:`RANGE_YEARS`: one row per partnership, indicator and flag. Most
#: figures are asked over exactly the default range; this reads one row per partnership for them instead of one
#: per year (``queries.indicators`` takes it when a figure's years are these). Same columns as :data:`NAME`
#: but ``tahun``; each partial adds up over the years as the queries add it up (sums; a stock's last value by
#: the month it covers), so a figure from it is the figure from the yearly rows.
RANGE = "indikator_rentang"

#: The partials of :data:`RANGE` from the yearly rows: as ``queries.indicators`` combines years.
RANGE_PARTIALS: dict[str, str] = {
    **{n: f"sum({n}){'::BIGINT' if n in COUNTS else ''}" for n in FLOW_PARTIALS},
    "l_nilai": "arg_max(l_nilai, l_bulan)",
    "l_nilai_mulai": "max(l_nilai_mulai)",
    "l_target": "arg_max(l_target, l_target_mulai)",
    "l_target_mulai": "max(l_target_mulai)",
    "l_bulan": "max(l_bulan)",
    "l_jenis": "arg_max(l_jenis, l_bulan)",
}


def years_sql(source: str) -> str:
    """:data:`RANGE_YEARS` of ``source`` (rows shaped like :data:`analysis_table.NAME`)."""
    return f"""
    SELECT CASE WHEN a <= b THEN a ELSE lo END AS dari, CASE WHEN a <= b THEN b ELSE hi END AS sampai FROM (
        SELECT year(lo) + (month(lo) <> 1)::INTEGER AS a, year(hi) - (month(hi) <> 12)::INTEGER AS b,
               year(lo) AS lo, year(hi) AS hi
        FROM (SELECT min(periode_mulai) AS lo, max(bulan_terakhir) AS hi FROM {source}))"""


def range_sql(yearly: str, years: str = RANGE_YEARS) -> str:
    """:data:`RANGE` from ``yearly`` (rows shaped like :data:`NAME`) over the years held by ``years``."""
    attrs = ", ".join(f"any_value({c}) AS {c}" for c in ATTRIBUTES)
    parts = ", ".join(f"{expr} AS {name}" for name, expr in RANGE_PARTIALS.items())
    return f"""
    SELECT *, {_ALONE.format(keys="kid, kode_indikator")} FROM (
        SELECT kid, kode_kemitraan, kode_indikator, ditandai, {attrs}, {parts}
        FROM {yearly} WHERE tahun BETWEEN (SELECT dari FROM {years}) AND (SELECT sampai FROM {years})
        GROUP BY kid, kode_kemitraan, kode_indikator, ditandai)"""


def add(con) -> None:
    """Create :data:`SQL`'s relations, :data:`RANGE_YEARS` and :data:`RANGE` on ``con`` as views over
    :data:`analysis_table.NAME` (which must exist)."""
    for name, sql in SQL.items():
        con.execute(f"CREATE VIEW {name} AS {sql(analysis_table.NAME)}")
    con.execute(f"CREATE VIEW {RANGE_YEARS} AS {years_sql(analysis_table.NAME)}")
    con.execute(f"CREATE VIEW {RANGE} AS {range_sql(NAME)}")
