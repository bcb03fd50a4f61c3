"""Indicators aggregated by the catalog's rules: the query every analysis page builds on.

Every function takes a DuckDB connection or cursor holding the views ``kemitraan``,
``indikator`` and ``survei`` (:meth:`kemitraan.storage.store.Store.connect`) and a
:class:`~kemitraan.queries.filters.Filters`, and returns a small DataFrame:
aggregation happens in DuckDB, never on raw rows in pandas.

Which reports count: those whose whole period lies inside the range (a report straddling
its edge is left out and counted by :func:`~kemitraan.queries.periods.straddling_reports`),
whose period fits the chart's grain (a quarterly report cannot be split into months:
:func:`coarser_reports`), and — unless the reader includes them — that the data-quality
rules do not flag (the ``tanda`` column: :mod:`kemitraan.storage.analysis_table`).

How they add up, by the catalog (``agregasi_waktu``, ``agregasi_wilayah``):

- **flows** (``jumlah``): summed over time and across partnerships;
- **stocks** (``terakhir``): each partnership's value for the latest whole period of its own rhythm ending
  by the bucket's end (its last month inside the range — or the last month any running partnership reported,
  when the data end earlier): a quarterly reporter's Q3 for a range ending in November. A partnership that
  ended before the last day of that month is out; one whose owed report is missing stopped reporting
  (``n_tidak_melapor``: counted, not summed); one whose owed value is flagged is left out and counted
  (``n_ditandai_akhir``) unless flagged values are included — whether a report exists never depends on
  flags. Then summed (or averaged, for ``rata_rata`` across space);
- **rates** (``rata_rata`` over time: %, per 1.000): Σ(nilai × penyebut) / Σ penyebut over every
  report with a denominator, pooled over time and partnerships alike (DHIS2's numerator /
  denominator rule). Reports without a ``penyebut`` are left out of a weighted figure; where no
  report of a cell has one, the figure is their plain mean and ``tertimbang`` is False.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql, periods
from kemitraan.queries._sql import GRAINS  # noqa: F401  (part of this module's interface)
from kemitraan.queries.filters import Filters
from kemitraan.storage import analysis_table, rollup

#: Pseudo-indicator: target population × months of the reporting period ÷ 12, summed
#: over the periods where ``terjangkau`` was reported: the denominator of annualised coverage.
SASARAN_TAHUN = "sasaran_tahun"
#: Pseudo-indicator that comes with :data:`SASARAN_TAHUN`: people reached (contacts) over the same periods, those
#: that report a target population too: the numerator of annualised coverage (= methods.indices.COVERAGE_REACHED).
TERJANGKAU_BERSASARAN = "terjangkau_bersasaran"
#: Pseudo-indicators of cost per contact: the funds disbursed and the contacts of the partnerships that report
#: **both** in the bucket (so money and contacts are the same partnerships'); they come together.
DANA_BIAYA = "dana_biaya_idr"
KONTAK_BIAYA = "kontak_biaya"
#: The real indicators each pair of pseudo-indicators is made of.
_PAIR_OF = {SASARAN_TAHUN: ("terjangkau",), DANA_BIAYA: ("terjangkau", "dana_realisasi_idr")}
#: The pseudo-indicators; not in the catalog, all summed.
PSEUDO = (SASARAN_TAHUN, TERJANGKAU_BERSASARAN, DANA_BIAYA, KONTAK_BIAYA)

#: Partnership attributes a query may group by (identifiers from the contract only).
DIMENSIONS: tuple[str, ...] = (
    "kategori",
    "bidang",
    "fokus",
    "provinsi_kode",
    "provinsi",
    "kabupaten_kota",
    "kabupaten_kode",
    "kode_kemitraan",
    "nama_kemitraan",
    "mitra_utama",
)
#: Dimensions that come from the period instead of the partnership (pivot only).
TIME_DIMENSIONS: tuple[str, ...] = ("tahun", "periode")
#: The code standing for every group beyond the ones a chart keeps (see ``keep`` below).
OTHERS = contract.OTHERS

REACH = tuple(i.kode for i in contract.indicators_of("jangkauan"))
SUSTAIN = tuple(i.kode for i in contract.indicators_of("keberlanjutan"))
OUTCOMES = tuple(i.kode for i in contract.indicators_of("dampak"))

#: Columns of :func:`indicator_series` besides the groups.
SERIES_COLUMNS = (
    "periode_mulai",
    "periode",
    "bulan_awal",
    "bulan_akhir",
    "parsial",
    "kode_indikator",
    "nilai",
    "target",
    "nilai_bertarget",
    "bulan_stok",
    "tertimbang",
    "penyebut",
    "n_tanpa_penyebut",
    "n_kemitraan",
    "n_laporan",
    "n_tidak_melapor",
    "n_ditandai_akhir",
)


def dims(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """The group-by columns as a list, each checked against :data:`DIMENSIONS`."""
    cols = [by] if isinstance(by, str) else list(by or [])
    for c in cols:
        if c not in DIMENSIONS:
            raise ValueError(f"unknown dimension {c!r}; expected one of {DIMENSIONS}")
    return cols


def _rule(kode: str) -> tuple[str, str]:
    """(over time, across space) for a catalog code; the pseudo-indicators are summed both ways."""
    if kode in PSEUDO:
        return "jumlah", "jumlah"
    ind = contract.indicators()[kode]
    return ind.agregasi_waktu, ind.agregasi_wilayah


def _group_exprs(gdims: list[str], keep: list[str] | None) -> str:
    """``, i.dim AS dim`` per group column; with ``keep`` the one dimension's other values become :data:`OTHERS`."""
    if keep is None:  # (kode_kemitraan is always selected already)
        return "".join(f", i.{d} AS {d}" for d in gdims if d != "kode_kemitraan")
    if len(gdims) != 1 or gdims[0] == "kode_kemitraan":
        raise ValueError("keep needs exactly one group-by dimension, not the partnership itself")
    d = gdims[0]
    return (
        f", CASE WHEN list_contains($keep::VARCHAR[], CAST(i.{d} AS VARCHAR)) THEN CAST(i.{d} AS VARCHAR) "
        f"ELSE '{OTHERS}' END AS {d}"
    )


def _codes_in(kodes: list[str]) -> str:
    """An IN list of codes as literals: a literal list lets the scan skip other indicators' row groups.
    Only catalog codes and :data:`PSEUDO` ever reach SQL text (:func:`_rule` raises KeyError for others)."""
    for k in kodes:
        _rule(k)
    return "(" + ", ".join(f"'{k}'" for k in kodes) + ")" if kodes else "(NULL)"


def report_rows(
    f: Filters, grain: str, kodes: list[str], gexprs: str, extra: str = "", *, keep_flagged: bool = False
) -> str:
    """The reports that count (inside the range, at a grain that fits, not flagged unless asked), with
    their bucket and group columns, read from :data:`_sql.ROWS` without a join. ``keep_flagged`` keeps the
    flagged rows too (``ditandai`` says which): a stock needs to know that a report exists, flagged or not."""
    flagged = "" if f.include_flagged or keep_flagged else "AND i.tanda IS NULL"
    return f"""
        SELECT i.kid, i.kode_kemitraan, i.tanggal_selesai{gexprs}, i.periode, i.periode_mulai, i.jenis_periode,
               i.kode_indikator, i.nilai, i.target, i.penyebut, i.bulan_terakhir, i.sasaran_periode,
               (i.tanda IS NOT NULL) AS ditandai, {_sql.bucket("i.periode_mulai", grain)} AS bucket
        FROM {_sql.ROWS} i
        WHERE i.kid IS NOT NULL AND i.kode_indikator IN {_codes_in(kodes)} AND {f.partnership_where("i")}
          AND {f.period_where("i")} AND {_sql.finer_or_equal("i.jenis_periode", grain)} {flagged} {extra}"""


def yearly(f: Filters, grain: str) -> bool:
    """Whether a figure can read the yearly rollup (:mod:`kemitraan.storage.rollup`) instead of the reports:
    buckets of whole years (or one bucket) over a range of whole years. A range from January to December
    holds exactly the reports of its years, so both give the same figures."""
    return (
        grain in ("tahun", "semua")
        and (f.period_from is None or f.period_from.month == 1)
        and (f.period_to is None or f.period_to.month == 12)
    )


def default_years(con, f: Filters, grain: str) -> bool:
    """Whether a figure is one bucket over exactly the years of the default range (:data:`rollup.RANGE_YEARS`,
    as far as the data reach), so that it reads :data:`rollup.RANGE`: one row per partnership, not one per year.
    A connection without that table (an older base) reads the yearly rows."""
    if grain != "semua" or not yearly(f, grain):
        return False
    try:
        dari, sampai = con.execute(f"SELECT dari, sampai FROM {rollup.RANGE_YEARS}").fetchone()
    except duckdb.CatalogException:
        return False
    data = periods.data_months(con)
    if data is None:
        return False
    lo, hi = data.start.year, data.end.year
    asked = (max(f.period_from.year if f.period_from else lo, lo), min(f.period_to.year if f.period_to else hi, hi))
    return asked == (max(dari, lo), min(sampai, hi))


def _row_per_partnership(f: Filters, grain: str, whole: bool) -> bool:
    """Whether the rollup rows a figure reads are already one per partnership, bucket, indicator and flag: a
    year's rows per year, one year's rows for one bucket (the impact windows), the default range's rows."""
    if whole:
        return True
    if not yearly(f, grain):
        return False
    one_year = f.period_from is not None and f.period_to is not None and f.period_from.year == f.period_to.year
    return grain == "tahun" or (grain == "semua" and one_year)


def _yearly_rows(
    f: Filters,
    grain: str,
    kodes: list[str],
    gexprs: str,
    extra: str,
    cols: list[str],
    *,
    keep_flagged: bool = False,
    whole: bool = False,
) -> str:
    """Rows of the rollup that count, shaped like :func:`report_rows`' for the partial ``cols``; with ``whole``
    the default range's rows (:func:`default_years`), which hold those years already."""
    where = [f"i.kode_indikator IN {_codes_in(kodes)}", f.partnership_where("i")]
    if not whole:
        where.append(f.year_where("i"))
    if not (f.include_flagged or keep_flagged):
        where.append("NOT i.ditandai")
    bucket = "CAST(NULL AS DATE)" if grain == "semua" else "make_date(i.tahun, 1, 1)"
    return f"""
        SELECT i.kid, i.kode_kemitraan, i.tanggal_selesai{gexprs}, i.kode_indikator,
               {", ".join(f"i.{c}" for c in cols)}, {bucket} AS bucket
        FROM {rollup.RANGE if whole else rollup.NAME} i WHERE {" AND ".join(where)} {extra}"""


#: The partials a flow needs, those a rate needs, and coverage's (on ``terjangkau``): :data:`rollup.FLOW_PARTIALS`.
FLOW_ONLY = ("s_nilai", "s_target", "s_bt", "n_laporan")
RATE_ONLY = (
    "num",
    "den",
    "t_num",
    "t_den",
    "bt_num",
    "u_sum",
    "u_n",
    "ut_sum",
    "ut_n",
    "ubt_sum",
    "c_den",
    "n_laporan",
)
SASARAN_PARTIALS = ("s_sas", "s_tb", "n_sas")


def _flow_ctes(
    f: Filters,
    grain: str,
    kodes: list[str],
    gexprs: str,
    extra: str,
    grp: _Groups,
    *,
    with_sasaran: bool,
    with_cost: bool = False,
    whole: bool = False,
) -> list[str]:
    """CTEs ending in ``fr``: flows and rates per group, bucket and indicator.

    Two steps: first one row per partnership, bucket and indicator (its partial sums:
    :data:`rollup.FLOW_PARTIALS`), then the groups add those up and count the partnerships as rows — one
    hash aggregation over the reports instead of one per ``count(DISTINCT kid)``. Over whole years the
    first step reads the yearly rollup instead of the reports. With ``with_sasaran`` the pseudo-indicators
    of coverage come from ``terjangkau``'s partials of the same pass."""
    # Flows need only their sums, rates only their weighted ones: each class aggregates its own columns
    # (the others are NULL or 0), which halves the work of the widest aggregation.
    rate_codes = [k for k in kodes if _rule(k)[0] == "rata_rata"]
    classes = [
        (c, names)
        for c, names in (
            ([k for k in kodes if k not in rate_codes], [*FLOW_ONLY, *(SASARAN_PARTIALS if with_sasaran else ())]),
            (rate_codes, RATE_ONLY),
        )
        if c
    ]
    every = list(dict.fromkeys([*FLOW_ONLY, *RATE_ONLY, *(SASARAN_PARTIALS if with_sasaran else ())]))
    g = grp.g
    parts = []
    # A year's unflagged rollup row is already one partnership's row for the year: per year it is taken as it is.
    # (so is a row of the default range's rollup: one partnership's row for those years)
    as_is = _row_per_partnership(f, grain, whole) and not f.include_flagged
    for codes, names in classes:
        if yearly(f, grain):
            rows = _yearly_rows(f, grain, codes, gexprs, extra, names, whole=whole)
            agg = {n: n if as_is else rollup.RANGE_PARTIALS[n] for n in names}  # years add up as the range's do
        else:
            rows = report_rows(f, grain, codes, gexprs, extra)
            agg = {n: rollup.FLOW_PARTIALS[n] for n in names}
        cols = ", ".join(f"{agg.get(n, '0' if n in rollup.COUNTS else 'NULL::DOUBLE')} AS {n}" for n in every)
        tail = "" if as_is else f" GROUP BY {g}kid, bucket, kode_indikator"
        parts.append(f"SELECT {g}kid, bucket, kode_indikator, {cols} FROM ({rows}){tail}")
    sas_groups = ""
    if with_sasaran:
        for code, col in ((SASARAN_TAHUN, "s_sas"), (TERJANGKAU_BERSASARAN, "s_tb")):
            sas_groups += _pseudo_rows(
                grp, code, f"sum({col})", "sum(n_sas)", "pk WHERE kode_indikator = 'terjangkau' AND n_sas > 0"
            )
    ctes = []
    if with_cost:  # each partnership's contacts and funds side by side; the groups add up those reporting both
        ctes.append(f"""bp AS (
        SELECT {g}kid, bucket, max(s_nilai) FILTER (WHERE kode_indikator = 'terjangkau') AS kontak,
               max(s_nilai) FILTER (WHERE kode_indikator = 'dana_realisasi_idr') AS dana, sum(n_laporan) AS n
        FROM pk WHERE kode_indikator IN ('terjangkau', 'dana_realisasi_idr') GROUP BY {g}kid, bucket
    )""")
        for code, col in ((DANA_BIAYA, "dana"), (KONTAK_BIAYA, "kontak")):
            sas_groups += _pseudo_rows(
                grp, code, f"sum({col})", "sum(n)", "bp WHERE kontak IS NOT NULL AND dana IS NOT NULL"
            )
    return [
        f"""pk AS (  -- one row per partnership, bucket and indicator
        {" UNION ALL ".join(parts)}
    )""",
        *ctes,
        f"""fr AS (  -- flows and rates: their sums add up, so the partnerships' sums go straight to the groups
        {_per_group(grp, PER_GROUP_FLOWS, "pk")}{sas_groups}
    )""",
    ]


def _pseudo_rows(grp: _Groups, code: str, value: str, reports: str, source: str) -> str:
    """``UNION ALL`` rows of ``fr`` for the pseudo-indicator ``code`` per group: ``value`` summed, one partnership
    per row of ``source`` (a table and its condition), ``reports`` its reports; every other column empty."""
    cols = {"s_nilai": value, "n_semua": "count(*)", "n_laporan": f"{reports}::BIGINT"}
    counts = {*rollup.COUNTS, "n_den", "n_u"}
    row = ", ".join(cols.get(n, "0" if n in counts else "NULL::DOUBLE") for n in PER_GROUP_FLOWS)
    return f"""
        UNION ALL
        SELECT {grp.g}bucket, '{code}', {grp.gs()}, {row}
        FROM {source} {grp.group_by("bucket")}"""


#: What the groups of flows and rates add up from the rows of one partnership (``pk``): name → (the aggregate
#: over a group's partnerships, the same for a group that is one partnership).
PER_GROUP_FLOWS: dict[str, tuple[str, str]] = {
    **{n: (f"sum({n})", n) for n in ("s_nilai", "s_target", "s_bt", "num", "den", "t_num", "t_den", "bt_num")},
    "u_sum": ("sum(u_sum)", "u_sum"),
    "u_n": ("sum(u_n)::BIGINT", "u_n::BIGINT"),
    "ut_sum": ("sum(ut_sum)", "ut_sum"),
    "ut_n": ("sum(ut_n)::BIGINT", "ut_n::BIGINT"),
    "ubt_sum": ("sum(ubt_sum)", "ubt_sum"),
    "n_semua": ("count(*)", "1::BIGINT"),
    "n_den": ("count(*) FILTER (WHERE c_den > 0)", "(c_den > 0)::BIGINT"),
    "n_u": ("count(*) FILTER (WHERE u_n > 0)", "(u_n > 0)::BIGINT"),
    "n_laporan": ("sum(n_laporan)::BIGINT", "n_laporan::BIGINT"),
}
#: The same for stocks, from each partnership's standing at the bucket's end (``sq``).
PER_GROUP_STOCKS: dict[str, tuple[str, str]] = {
    "bulan_stok": ("max(bulan_harap) FILTER (WHERE berjalan)", "CASE WHEN berjalan THEN bulan_harap END"),
    "l_sum": ("sum(v_nilai) FILTER (WHERE di_akhir)", "CASE WHEN di_akhir THEN v_nilai END"),
    "l_avg": ("avg(v_nilai) FILTER (WHERE di_akhir)", "CASE WHEN di_akhir THEN v_nilai::DOUBLE END"),
    "lt_sum": ("sum(l_target) FILTER (WHERE di_akhir)", "CASE WHEN di_akhir THEN l_target END"),
    "lt_avg": ("avg(l_target) FILTER (WHERE di_akhir)", "CASE WHEN di_akhir THEN l_target::DOUBLE END"),
    "lbt_sum": (
        "sum(v_nilai) FILTER (WHERE di_akhir AND l_target IS NOT NULL)",
        "CASE WHEN di_akhir AND l_target IS NOT NULL THEN v_nilai END",
    ),
    "n_akhir": ("count(*) FILTER (WHERE di_akhir)", "coalesce(di_akhir, FALSE)::BIGINT"),
    "n_berhenti": ("count(*) FILTER (WHERE berhenti)", "coalesce(berhenti, FALSE)::BIGINT"),
    "n_akhir_ditandai": ("count(*) FILTER (WHERE akhir_ditandai)", "coalesce(akhir_ditandai, FALSE)::BIGINT"),
    "n_laporan": ("sum(n_laporan)", "n_laporan"),
}


@dataclass(frozen=True)
class _Groups:
    """The group-bys one statement answers: one set, or several (``GROUPING SETS``) over the same rows.

    The steps that work per partnership carry every set's columns (``g``, their union: they depend on the
    partnership alone); the steps that add partnerships up group by each set, and ``_gs`` says which set a
    row belongs to (``GROUPING()`` of the union: a bit for each column the row's set leaves out)."""

    sets: tuple[tuple[str, ...], ...]

    @property
    def union(self) -> list[str]:
        return list(dict.fromkeys(d for s in self.sets for d in s))

    @property
    def g(self) -> str:
        return _sql.group_prefix(self.union)

    def gs(self) -> str:
        """The ``_gs`` column of a step that adds partnerships up."""
        return f"GROUPING({', '.join(self.union)})" if len(self.sets) > 1 and self.union else "0"

    def gs_of(self, one: tuple[str, ...]) -> int:
        u = self.union
        return sum(1 << (len(u) - 1 - i) for i, d in enumerate(u) if d not in one)

    def group_by(self, rest: str) -> str:
        if len(self.sets) == 1:
            return f"GROUP BY {self.g}{rest}"
        return "GROUP BY GROUPING SETS (" + ", ".join(f"({_sql.group_prefix(list(s))}{rest})" for s in self.sets) + ")"

    @property
    def per_partnership(self) -> bool:
        """Every group is one partnership (a single set holding ``kode_kemitraan``)."""
        return len(self.sets) == 1 and "kode_kemitraan" in self.sets[0]


def _per_group(grp: _Groups, columns: dict[str, tuple[str, str]], source: str) -> str:
    """``SELECT`` the groups of ``source`` (one row per partnership, bucket and indicator) with ``columns``.
    When the groups are the partnerships themselves every group is one row already: the rows are taken as
    they are instead of being grouped again."""
    g = grp.g
    if grp.per_partnership:
        cols = ", ".join(f"{one} AS {n}" for n, (_, one) in columns.items())
        return f"SELECT {g}bucket, kode_indikator, 0 AS _gs, {cols} FROM {source}"
    cols = ", ".join(f"{agg} AS {n}" for n, (agg, _) in columns.items())
    by = grp.group_by("bucket, kode_indikator")
    return f"SELECT {g}bucket, kode_indikator, {grp.gs()} AS _gs, {cols} FROM {source} {by}"


def expected_month(jenis: str, month_end: str) -> str:
    """The last month of the latest whole period of cadence ``jenis`` ending on or before ``month_end``: the
    month itself for a monthly reporter, the quarter's last month (September for a range ending in November)
    for a quarterly one, December of the year before for a yearly one whose year is not over."""

    def whole(unit: str) -> str:
        return f"CAST(date_trunc('{unit}', CAST({month_end} + to_months(1) AS DATE)) - to_months(1) AS DATE)"

    return (
        f"(CASE {jenis} WHEN 'bulan' THEN {month_end} WHEN 'triwulan' THEN {whole('quarter')} ELSE {whole('year')} END)"
    )


def _stock_ctes(
    f: Filters, grain: str, kodes: list[str], gexprs: str, extra: str, grp: _Groups, month_end: str, whole: bool = False
) -> list[str]:
    """CTEs ending in ``sg``: stocks per group, bucket and indicator (each partnership's value for the latest
    period of its own cadence that ends by the bucket's end; see the module's text).

    Whether a partnership reported that period comes from its reports flagged or not, so a flag changes only
    the figure of the partnership that holds it; the value is counted only when it is not flagged (or the
    reader includes flagged values)."""
    counted = "TRUE" if f.include_flagged else "NOT ditandai"
    g = grp.g
    # A rollup row alone for its partnership, bucket and indicator (``sendiri``: most are) is that standing
    # already; only the others are combined (a flagged row beside an unflagged one), per year or over the
    # default range's summed years.
    alone = _row_per_partnership(f, grain, whole)
    if yearly(f, grain):
        cols = ["ditandai", "l_nilai", "l_target", "l_target_mulai", "l_bulan", "l_jenis", "n_laporan"]
        rows = _yearly_rows(f, grain, kodes, gexprs, extra, [*cols, "sendiri"], keep_flagged=True, whole=whole)
        last_alone = (
            f"l_bulan AS a_bulan, l_jenis AS jenis, CASE WHEN {counted} THEN l_nilai END AS v_nilai, "
            f"CASE WHEN {counted} THEN l_bulan END AS v_bulan, CASE WHEN {counted} THEN l_target END AS l_target, "
            f"CASE WHEN {counted} THEN n_laporan END::BIGINT AS n_laporan"
        )
        last = (
            f"max(l_bulan) AS a_bulan, arg_max(l_jenis, l_bulan) AS jenis, "
            f"arg_max(l_nilai, l_bulan) FILTER (WHERE {counted}) AS v_nilai, "
            f"max(l_bulan) FILTER (WHERE {counted}) AS v_bulan, "
            f"arg_max(l_target, l_target_mulai) FILTER (WHERE {counted}) AS l_target, "
            f"sum(n_laporan) FILTER (WHERE {counted})::BIGINT AS n_laporan"
        )
    else:
        rows = report_rows(f, grain, kodes, gexprs, extra, keep_flagged=True)
        last = (
            f"max(bulan_terakhir) AS a_bulan, arg_max(jenis_periode, bulan_terakhir) AS jenis, "
            f"arg_max(nilai, periode_mulai) FILTER (WHERE {counted}) AS v_nilai, "
            f"max(bulan_terakhir) FILTER (WHERE {counted}) AS v_bulan, "
            f"arg_max(target, periode_mulai) FILTER (WHERE {counted}) AS l_target, "
            f"count(*) FILTER (WHERE {counted}) AS n_laporan"
        )
    per_partnership = f"""SELECT {g}kid, bucket, kode_indikator, any_value(tanggal_selesai) AS selesai, {last}
        FROM rs {"WHERE NOT sendiri" if alone else ""} GROUP BY {g}kid, bucket, kode_indikator"""
    if alone:
        per_partnership += f"""
        UNION ALL BY NAME
        SELECT {g}kid, bucket, kode_indikator, tanggal_selesai AS selesai, {last_alone} FROM rs WHERE sendiri"""
    return [
        f"rs AS ({rows})",
        f"""sp AS MATERIALIZED (  -- read twice (the data's last month below), so computed once: per partnership
        -- its last report (flagged or not), its cadence, its last counted value
        {per_partnership}
    )""",
        f"""sb AS (  -- running through the bucket's end (as far as the range reaches)
        SELECT sp.*, (selesai IS NULL OR selesai >= last_day({month_end})) AS berjalan FROM sp
    )""",
        f"""sd AS (  -- the bucket's end, or the last month any running partnership reported (flagged or not),
        -- if earlier
        -- (a join to the per-bucket maximum, not a window: a window over every partnership's row sorts them)
        SELECT sb.*, least({month_end}, m.akhir) AS bulan_data FROM sb JOIN (
            SELECT bucket AS m_bucket, kode_indikator AS m_kode, max(a_bulan) FILTER (WHERE berjalan) AS akhir
            FROM sb GROUP BY bucket, kode_indikator
        ) m ON sb.bucket IS NOT DISTINCT FROM m.m_bucket AND sb.kode_indikator = m.m_kode
    )""",
        f"""sc AS (  -- the month each partnership owes a value for: its cadence's last whole period by then
        SELECT sd.*, {expected_month("jenis", "bulan_data")} AS bulan_harap FROM sd
    )""",
        """sq AS (  -- counted; stopped reporting; reported, but the value is flagged
        SELECT sc.*, berjalan AND v_bulan >= bulan_harap AS di_akhir, berjalan AND a_bulan < bulan_harap AS berhenti,
               berjalan AND a_bulan >= bulan_harap AND coalesce(v_bulan < bulan_harap, TRUE) AS akhir_ditandai
        FROM sc
    )""",
        f"""sg AS (
        {_per_group(grp, PER_GROUP_STOCKS, "sq")}
    )""",
    ]


def indicator_series(
    con,
    f: Filters,
    kodes: list[str] | tuple[str, ...],
    grain: str = "tahun",
    by: str | list[str] | None = None,
    kode: str | None = None,
    *,
    cohort: list[str] | tuple[str, ...] | None = None,
    keep: list[str] | tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Indicators per period bucket (and group), aggregated by the catalog's rules (see the module's text).

    Returns the ``by`` columns and :data:`SERIES_COLUMNS`: ``periode_mulai`` (DATE, start of the
    bucket), ``periode`` (``2024`` / ``2024-Q3`` / ``2024-07``), ``bulan_awal`` / ``bulan_akhir`` (the
    first and last month of the bucket inside the range) and ``parsial`` (the range covers only part
    of the bucket), ``nilai``, ``target``, ``nilai_bertarget`` (the value over the reports that carry a
    target, for attainment), ``bulan_stok`` (stocks: the month the value stands for — the latest month a
    running partnership owes a value for), ``n_tidak_melapor`` / ``n_ditandai_akhir`` (stocks: running
    partnerships that stopped reporting / whose owed value is flagged, left out), ``tertimbang`` (rates: weighted
    by their denominators) and ``penyebut`` (their sum), ``n_tanpa_penyebut`` (rate reports without a
    denominator), ``n_kemitraan`` (partnerships behind the value) and ``n_laporan``. With
    ``grain="semua"`` there is one bucket (no period columns).

    ``kode`` restricts it to one partnership, ``cohort`` to a list of them; ``keep`` keeps those values
    of the single ``by`` dimension and folds the rest into :data:`OTHERS`.

    Flows and rates go straight from the reports to the groups (their sums add up); only stocks take
    the detour through one row per partnership (its last value in the bucket).
    """
    return indicator_series_sets(con, f, kodes, grain, [by], kode, cohort=cohort, keep=keep)[0]


def indicator_series_sets(
    con,
    f: Filters,
    kodes: list[str] | tuple[str, ...],
    grain: str,
    sets: list[str | list[str] | None],
    kode: str | None = None,
    *,
    cohort: list[str] | tuple[str, ...] | None = None,
    keep: list[str] | tuple[str, ...] | None = None,
) -> list[pd.DataFrame]:
    """:func:`indicator_series` for each group-by of ``sets`` (``[[], ["kategori"]]``: the whole and per
    category), from one reading of the rows: a page that shows both pays for one. Each frame is what
    :func:`indicator_series` gives for that group-by (the stocks' month is set over the same partnerships
    either way). ``keep`` only with a single set."""
    grain = _sql.check_grain(grain)
    grp = _Groups(tuple(tuple(dims(by)) for by in sets))
    if keep is not None and len(grp.sets) != 1:
        raise ValueError("keep needs a single group-by")
    gdims = grp.union
    kodes = list(dict.fromkeys(kodes))
    if SASARAN_TAHUN in kodes:
        kodes = list(dict.fromkeys([*kodes, TERJANGKAU_BERSASARAN]))
    with_cost = DANA_BIAYA in kodes or KONTAK_BIAYA in kodes
    if with_cost:
        kodes = list(dict.fromkeys([*kodes, DANA_BIAYA, KONTAK_BIAYA]))
    real = [k for k in kodes if k not in PSEUDO]
    for pseudo, made_of in _PAIR_OF.items():  # asked for the pseudo-indicators only, or beside them: the rows
        if pseudo in kodes:  # read, left out of the answer below unless asked
            real += [k for k in made_of if k not in real]
    rng = periods.effective(con, f)
    if rng is None or not kodes:
        return [pd.DataFrame(columns=[*one, *SERIES_COLUMNS]) for one in grp.sets]
    extra = ""
    if kode is not None:
        # by the partnership's number: the rows are not ordered by partnership, and comparing a small integer
        # over ten million rows is a few times cheaper than comparing its code
        extra += f" AND i.kid IN (SELECT kid FROM {analysis_table.KIDS} WHERE kode_kemitraan = $kode)"
    if cohort is not None:
        # a join (not a scan of the list per row), by number as above
        extra += (
            f" AND i.kid IN (SELECT kid FROM {analysis_table.KIDS} "
            "WHERE kode_kemitraan IN (SELECT unnest($cohort::VARCHAR[])))"
        )
    g = grp.g
    flows = [k for k in real if _rule(k)[0] != "terakhir"]
    stocks = [k for k in real if _rule(k)[0] == "terakhir"]
    rates = _codes_in([k for k in kodes if _rule(k)[0] == "rata_rata"])
    summed = _codes_in([k for k in kodes if _rule(k)[1] == "jumlah"])
    month_end = (
        "$r_sampai::DATE" if grain == "semua" else f"least({_sql.bucket_last_month('bucket', grain)}, $r_sampai::DATE)"
    )
    month_start = "$r_dari::DATE" if grain == "semua" else "greatest(bucket, $r_dari::DATE)"
    gexprs = _group_exprs(gdims, keep)
    whole = default_years(con, f, grain)
    ctes, parts = [], []
    if flows:
        ctes += _flow_ctes(
            f, grain, flows, gexprs, extra, grp, with_sasaran=SASARAN_TAHUN in kodes, with_cost=with_cost, whole=whole
        )
        parts.append(f"""
        SELECT {g}bucket, kode_indikator, _gs, NULL::DATE AS bulan_stok,
            CASE WHEN kode_indikator IN {rates} THEN CASE WHEN den > 0 THEN num / den ELSE u_sum / nullif(u_n, 0) END
                 WHEN kode_indikator IN {summed} THEN s_nilai ELSE s_nilai / n_semua END AS nilai,
            CASE WHEN kode_indikator IN {rates}
                 THEN CASE WHEN t_den > 0 THEN t_num / t_den ELSE ut_sum / nullif(ut_n, 0) END
                 WHEN kode_indikator IN {summed} THEN s_target ELSE s_target / n_semua END AS target,
            CASE WHEN kode_indikator IN {rates}
                 THEN CASE WHEN t_den > 0 THEN bt_num / t_den ELSE ubt_sum / nullif(ut_n, 0) END
                 ELSE s_bt END AS nilai_bertarget,
            CASE WHEN kode_indikator IN {rates} THEN coalesce(den, 0) > 0 END AS tertimbang,
            CASE WHEN kode_indikator IN {rates} THEN den END AS penyebut,
            CASE WHEN kode_indikator IN {rates} THEN u_n ELSE 0 END AS n_tanpa_penyebut,
            CASE WHEN kode_indikator IN {rates} THEN (CASE WHEN den > 0 THEN n_den ELSE n_u END) ELSE n_semua END
                AS n_kemitraan,
            n_laporan, 0 AS n_tidak_melapor, 0 AS n_ditandai_akhir
        FROM fr""")
    if stocks:
        ctes += _stock_ctes(f, grain, stocks, gexprs, extra, grp, month_end, whole)
        parts.append(f"""
        SELECT {g}bucket, kode_indikator, _gs, bulan_stok,
            CASE WHEN kode_indikator IN {summed} THEN l_sum ELSE l_avg END AS nilai,
            CASE WHEN kode_indikator IN {summed} THEN lt_sum ELSE lt_avg END AS target,
            lbt_sum AS nilai_bertarget, NULL::BOOLEAN AS tertimbang, NULL::DOUBLE AS penyebut, 0 AS n_tanpa_penyebut,
            n_akhir AS n_kemitraan, n_laporan, n_berhenti AS n_tidak_melapor, n_akhir_ditandai AS n_ditandai_akhir
        FROM sg""")
    partial = (
        "FALSE"
        if grain == "semua"
        else f"({month_start} > bucket OR {month_end} < {_sql.bucket_last_month('bucket', grain)})"
    )
    sql = f"""
    WITH {", ".join(ctes)}
    SELECT {g}_gs, bucket AS periode_mulai, {_sql.period_label("bucket", grain)} AS periode,
        {month_start} AS bulan_awal, {month_end} AS bulan_akhir,
        {partial} AS parsial,
        kode_indikator, nilai, target, nilai_bertarget, bulan_stok, tertimbang, penyebut, n_tanpa_penyebut,
        n_kemitraan, n_laporan, n_tidak_melapor, n_ditandai_akhir
    FROM ({" UNION ALL ".join(parts)})
    ORDER BY _gs, {g}bucket NULLS FIRST, kode_indikator
    """
    params = {
        **f.params(),
        "kode": kode,
        "cohort": list(cohort or []),
        "keep": list(keep or []),
        "r_dari": rng.start,
        "r_sampai": rng.end,
    }
    every = _sql.run(con, sql, params)
    every = every[every["kode_indikator"].isin(kodes)]
    for c in ("n_kemitraan", "n_laporan", "n_tanpa_penyebut", "n_tidak_melapor", "n_ditandai_akhir"):
        every[c] = every[c].fillna(0).astype("int64")
    if grain == "semua":
        every = every.drop(columns=["periode_mulai", "periode"])
    out = []
    for one in grp.sets:
        rows = every
        if len(grp.sets) > 1:  # in the set's own order of columns, as its own statement would sort it
            rows = every[every["_gs"] == grp.gs_of(one)]
            rows = rows.sort_values(list(one), kind="stable", na_position="last") if one else rows
        out.append(rows[[*one, *(c for c in rows.columns if c not in (*gdims, "_gs"))]].reset_index(drop=True))
    return out


def indicator_totals(
    con, f: Filters, kodes: list[str] | tuple[str, ...], by: str | list[str] | None = None, **kwargs
) -> pd.DataFrame:
    """Indicators aggregated over the whole range: :func:`indicator_series` with one bucket."""
    return indicator_series(con, f, kodes, grain="semua", by=by, **kwargs)


def top_groups(con, f: Filters, kode: str, dim: str, n: int = 7) -> list[str]:
    """The ``n`` values of ``dim`` with the largest ``kode`` over the range (most partnerships for a rate)."""
    tot = indicator_totals(con, f, [kode], by=dim)
    if tot.empty:
        return []
    order = "n_kemitraan" if contract.indicator(kode).is_rate else "nilai"
    return [str(v) for v in tot.sort_values([order, dim], ascending=[False, True])[dim].head(n)]


def coarser_reports(con, f: Filters, grain: str) -> int:
    """Partnerships whose reports are coarser than ``grain`` (left out of a view at that grain)."""
    grain = _sql.check_grain(grain)
    if grain in ("tahun", "semua"):
        return 0
    coarser = ["tahun"] if grain == "triwulan" else ["triwulan", "tahun"]
    sql = f"""SELECT count(DISTINCT i.kode_kemitraan) FROM {_sql.REPORTS} i JOIN kemitraan k USING (kode_kemitraan)
              WHERE {f.partnership_where("k")} AND {f.period_where("i")}
                AND list_contains($coarser::VARCHAR[], i.jenis_periode)"""
    return int(_sql.scalar(con, sql, {**f.params(), "coarser": coarser}))


def to_wide(tot: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """Long totals → one row per group (or a single row without groups), one column per indicator."""
    if not gdims:
        return pd.DataFrame([tot.set_index("kode_indikator")["nilai"].to_dict()])
    return tot.pivot_table(index=gdims, columns="kode_indikator", values="nilai", aggfunc="first").reset_index()


def join_groups(left: pd.DataFrame, right: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """Side by side on the group columns (or row by row when there are none)."""
    if not gdims:
        return pd.concat([left.reset_index(drop=True), right.reset_index(drop=True)], axis=1)
    return left.merge(right, on=gdims, how="left")
