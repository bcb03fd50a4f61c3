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
- **stocks** (``terakhir``): each partnership's last value in the bucket, counted only when the
  partnership had not ended before the bucket's end (its last month inside the range) was over, and is
  still reporting then (its last report reaches that month — or the last month any such partnership
  reported, when the data end earlier); then summed (or averaged, for ``rata_rata`` across space). A
  partnership that ended before the end of the range never counts in an end-of-range stock;
- **rates** (``rata_rata`` over time: %, per 1.000): Σ(nilai × penyebut) / Σ penyebut over every
  report with a denominator, pooled over time and partnerships alike (DHIS2's numerator /
  denominator rule). Reports without a ``penyebut`` are left out of a weighted figure; where no
  report of a cell has one, the figure is their plain mean and ``tertimbang`` is False.
"""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql, periods
from kemitraan.queries._sql import GRAINS  # noqa: F401  (part of this module's interface)
from kemitraan.queries.filters import Filters

#: Pseudo-indicator: target population × months of the reporting period ÷ 12, summed
#: over the periods where ``terjangkau`` was reported: the denominator of annualised coverage.
SASARAN_TAHUN = "sasaran_tahun"
#: Pseudo-indicator that comes with :data:`SASARAN_TAHUN`: people reached (contacts) over the same periods, those
#: that report a target population too: the numerator of annualised coverage (= methods.indices.COVERAGE_REACHED).
TERJANGKAU_BERSASARAN = "terjangkau_bersasaran"
#: The pseudo-indicators; not in the catalog, both summed.
PSEUDO = (SASARAN_TAHUN, TERJANGKAU_BERSASARAN)

#: Partnership attributes a query may group by (identifiers from the contract only).
DIMENSIONS: tuple[str, ...] = ("kategori", "bidang", "fokus", "provinsi_kode", "provinsi", "kabupaten_kota",
                               "kode_kemitraan", "nama_kemitraan", "mitra_utama")
#: Dimensions that come from the period instead of the partnership (pivot only).
TIME_DIMENSIONS: tuple[str, ...] = ("tahun", "periode")
#: The code standing for every group beyond the ones a chart keeps (see ``keep`` below).
OTHERS = contract.OTHERS

REACH = tuple(i.kode for i in contract.indicators_of("jangkauan"))
SUSTAIN = tuple(i.kode for i in contract.indicators_of("keberlanjutan"))
OUTCOMES = tuple(i.kode for i in contract.indicators_of("dampak"))

#: Columns of :func:`indicator_series` besides the groups.
SERIES_COLUMNS = ("periode_mulai", "periode", "bulan_awal", "bulan_akhir", "parsial", "kode_indikator", "nilai",
                  "target", "nilai_bertarget", "bulan_stok", "tertimbang", "penyebut", "n_tanpa_penyebut",
                  "n_kemitraan", "n_laporan")


def dims(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """The group-by columns as a list, each checked against :data:`DIMENSIONS`."""
    cols = [by] if isinstance(by, str) else list(by or [])
    for c in cols:
        if c not in DIMENSIONS:
            raise ValueError(f"unknown dimension {c!r}; expected one of {DIMENSIONS}")
    return cols


def catalog_params(kodes: list[str]) -> dict[str, list]:
    """The catalog's rules for ``kodes`` as list parameters (``$cat_kode``, ``$cat_waktu``, ``$cat_wilayah``)."""
    cat = contract.indicators()
    out: dict[str, list] = {"cat_kode": [], "cat_waktu": [], "cat_wilayah": []}
    for k in kodes:
        rule = ("jumlah", "jumlah") if k in PSEUDO else (cat[k].agregasi_waktu, cat[k].agregasi_wilayah)
        out["cat_kode"].append(k)
        out["cat_waktu"].append(rule[0])
        out["cat_wilayah"].append(rule[1])
    return out


#: The catalog's rules as a CTE over :func:`catalog_params`.
CATALOG_CTE = ("cat AS (SELECT unnest($cat_kode::VARCHAR[]) AS kode, unnest($cat_waktu::VARCHAR[]) AS waktu, "
               "unnest($cat_wilayah::VARCHAR[]) AS wilayah)")


def _group_exprs(gdims: list[str], keep: list[str] | None) -> str:
    """``, i.dim AS dim`` per group column; with ``keep`` the one dimension's other values become :data:`OTHERS`."""
    if keep is None:  # (kode_kemitraan is always selected already)
        return "".join(f", i.{d} AS {d}" for d in gdims if d != "kode_kemitraan")
    if len(gdims) != 1 or gdims[0] == "kode_kemitraan":
        raise ValueError("keep needs exactly one group-by dimension, not the partnership itself")
    d = gdims[0]
    return f", CASE WHEN list_contains($keep::VARCHAR[], CAST(i.{d} AS VARCHAR)) THEN CAST(i.{d} AS VARCHAR) " \
           f"ELSE '{OTHERS}' END AS {d}"


def _codes_in(kodes: list[str]) -> str:
    """An IN list of catalog codes as literals: a literal list lets the scan skip other indicators' row groups."""
    cat = contract.indicators()
    for k in kodes:
        if k not in cat:
            raise KeyError(k)  # only codes of our own catalog ever reach SQL text
    return "(" + ", ".join(f"'{k}'" for k in kodes) + ")" if kodes else "(NULL)"


def report_rows(f: Filters, grain: str, kodes: list[str], gexprs: str, extra: str = "") -> str:
    """CTE ``r``: the reports that count (inside the range, at a grain that fits, not flagged unless asked),
    with their bucket and group columns, read from :data:`_sql.ROWS` without a join."""
    flagged = "" if f.include_flagged else "AND i.tanda IS NULL"
    return f"""
    r AS (
        SELECT i.kid, i.kode_kemitraan, i.tanggal_selesai{gexprs}, i.periode, i.periode_mulai, i.jenis_periode,
               i.kode_indikator, i.nilai, i.target, i.penyebut, i.bulan_terakhir, i.sasaran_periode,
               {_sql.bucket("i.periode_mulai", grain)} AS bucket
        FROM {_sql.ROWS} i
        WHERE i.kid IS NOT NULL AND i.kode_indikator IN {_codes_in(kodes)} AND {f.partnership_where("i")}
          AND {f.period_where("i")} AND {_sql.finer_or_equal("i.jenis_periode", grain)} {flagged} {extra}
    )"""


def indicator_series(con, f: Filters, kodes: list[str] | tuple[str, ...], grain: str = "tahun",
                     by: str | list[str] | None = None, kode: str | None = None, *,
                     cohort: list[str] | tuple[str, ...] | None = None,
                     keep: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Indicators per period bucket (and group), aggregated by the catalog's rules (see the module's text).

    Returns the ``by`` columns and :data:`SERIES_COLUMNS`: ``periode_mulai`` (DATE, start of the
    bucket), ``periode`` (``2024`` / ``2024-Q3`` / ``2024-07``), ``bulan_awal`` / ``bulan_akhir`` (the
    first and last month of the bucket inside the range) and ``parsial`` (the range covers only part
    of the bucket), ``nilai``, ``target``, ``nilai_bertarget`` (the value over the reports that carry a
    target, for attainment), ``bulan_stok`` (stocks: the month the value stands for — the bucket's last
    month, or the last month anyone reported when the data end earlier), ``tertimbang`` (rates: weighted
    by their denominators) and ``penyebut`` (their sum), ``n_tanpa_penyebut`` (rate reports without a
    denominator), ``n_kemitraan`` (partnerships behind the value) and ``n_laporan``. With
    ``grain="semua"`` there is one bucket (no period columns).

    ``kode`` restricts it to one partnership, ``cohort`` to a list of them; ``keep`` keeps those values
    of the single ``by`` dimension and folds the rest into :data:`OTHERS`.

    Flows and rates go straight from the reports to the groups (their sums add up); only stocks take
    the detour through one row per partnership (its last value in the bucket).
    """
    grain = _sql.check_grain(grain)
    gdims = dims(by)
    kodes = list(dict.fromkeys(kodes))
    if SASARAN_TAHUN in kodes:
        kodes = list(dict.fromkeys([*kodes, TERJANGKAU_BERSASARAN]))
    real = [k for k in kodes if k not in PSEUDO]
    if SASARAN_TAHUN in kodes and "terjangkau" not in real:
        real.append("terjangkau")
    rng = periods.effective(con, f)
    if rng is None or not kodes:
        return pd.DataFrame(columns=[*gdims, *SERIES_COLUMNS])
    extra = ""
    if kode is not None:
        extra += " AND i.kode_kemitraan = $kode"
    if cohort is not None:
        extra += " AND list_contains($cohort::VARCHAR[], i.kode_kemitraan)"
    g = _sql.group_prefix(gdims)
    gcols = "".join(f", {d}" for d in gdims if d != "kode_kemitraan")
    sasaran = ""
    if SASARAN_TAHUN in kodes:  # person-years of target population over the periods that report contacts,
        # and the contacts of those same periods: coverage's two sides cover the same reports
        for code, value in ((SASARAN_TAHUN, f"sasaran_periode * {_sql.months_in('jenis_periode')} / 12.0"),
                            (TERJANGKAU_BERSASARAN, "nilai")):
            sasaran += f"""UNION ALL
        SELECT kid, kode_kemitraan, tanggal_selesai{gcols}, periode, periode_mulai, jenis_periode, '{code}',
               {value}, NULL::DOUBLE, NULL::DOUBLE, bulan_terakhir, NULL::DOUBLE, bucket
        FROM r WHERE kode_indikator = 'terjangkau' AND sasaran_periode IS NOT NULL
        """
    month_end = "$r_sampai::DATE" if grain == "semua" else f"least({_sql.bucket_last_month('bucket', grain)}, $r_sampai::DATE)"
    month_start = "$r_dari::DATE" if grain == "semua" else "greatest(bucket, $r_dari::DATE)"
    has_den = "(penyebut > 0)"
    no_den = "(penyebut IS NULL OR penyebut <= 0)"
    sql = f"""
    WITH {CATALOG_CTE},
    {report_rows(f, grain, real, _group_exprs(gdims, keep), extra)},
    rr AS (
        SELECT kid, kode_kemitraan, tanggal_selesai{gcols}, periode, periode_mulai, jenis_periode, kode_indikator, nilai,
               target, penyebut, bulan_terakhir, sasaran_periode, bucket FROM r
        {sasaran}
    ),
    x AS (SELECT rr.*, cat.waktu, cat.wilayah FROM rr JOIN cat ON cat.kode = rr.kode_indikator),
    fr AS (  -- flows and rates: their sums add up, so straight to the groups
        SELECT {g}bucket, kode_indikator, any_value(waktu) AS waktu, any_value(wilayah) AS wilayah,
               sum(nilai) AS s_nilai, sum(target) AS s_target, sum(nilai) FILTER (WHERE target IS NOT NULL) AS s_bt,
               sum(nilai * penyebut) FILTER (WHERE {has_den}) AS num, sum(penyebut) FILTER (WHERE {has_den}) AS den,
               sum(target * penyebut) FILTER (WHERE {has_den} AND target IS NOT NULL) AS t_num,
               sum(penyebut) FILTER (WHERE {has_den} AND target IS NOT NULL) AS t_den,
               sum(nilai * penyebut) FILTER (WHERE {has_den} AND target IS NOT NULL) AS bt_num,
               sum(nilai) FILTER (WHERE {no_den}) AS u_sum, count(*) FILTER (WHERE {no_den}) AS u_n,
               sum(target) FILTER (WHERE {no_den}) AS ut_sum, count(target) FILTER (WHERE {no_den}) AS ut_n,
               sum(nilai) FILTER (WHERE {no_den} AND target IS NOT NULL) AS ubt_sum,
               count(DISTINCT kid) AS n_semua, count(DISTINCT kid) FILTER (WHERE {has_den}) AS n_den,
               count(DISTINCT kid) FILTER (WHERE {no_den}) AS n_u, count(*) AS n_laporan
        FROM x WHERE waktu <> 'terakhir' GROUP BY {g}bucket, kode_indikator
    ),
    sp AS (  -- stocks: each partnership's last value in the bucket
        SELECT {g}kid, bucket, kode_indikator, any_value(wilayah) AS wilayah, any_value(tanggal_selesai) AS selesai,
               arg_max(nilai, periode_mulai) AS l_nilai, arg_max(target, periode_mulai) AS l_target,
               max(bulan_terakhir) AS l_bulan, count(*) AS n_laporan
        FROM x WHERE waktu = 'terakhir' GROUP BY {g}kid, bucket, kode_indikator
    ),
    sb AS (  -- running at the bucket's end: not ended before its last month (as far as the range reaches) was over
        SELECT sp.*, (selesai IS NULL OR selesai >= last_day({month_end})) AS berjalan FROM sp
    ),
    sq AS (  -- the stock's month: the bucket's end, or the last month a running partnership reported, if earlier
        SELECT sb.*, least({month_end}, max(l_bulan) FILTER (WHERE berjalan)
                                        OVER (PARTITION BY bucket, kode_indikator)) AS bulan_stok FROM sb
    ),
    sg AS (
        SELECT {g}bucket, kode_indikator, any_value(wilayah) AS wilayah, max(bulan_stok) AS bulan_stok,
               sum(l_nilai) FILTER (WHERE di_akhir) AS l_sum, avg(l_nilai) FILTER (WHERE di_akhir) AS l_avg,
               sum(l_target) FILTER (WHERE di_akhir) AS lt_sum, avg(l_target) FILTER (WHERE di_akhir) AS lt_avg,
               sum(l_nilai) FILTER (WHERE di_akhir AND l_target IS NOT NULL) AS lbt_sum,
               count(*) FILTER (WHERE di_akhir) AS n_akhir, sum(n_laporan) AS n_laporan
        FROM (SELECT *, (berjalan AND l_bulan >= bulan_stok) AS di_akhir FROM sq)
        GROUP BY {g}bucket, kode_indikator
    ),
    out AS (
        SELECT {g}bucket, kode_indikator, NULL::DATE AS bulan_stok,
            CASE WHEN waktu = 'rata_rata' THEN CASE WHEN den > 0 THEN num / den ELSE u_sum / nullif(u_n, 0) END
                 WHEN wilayah = 'jumlah' THEN s_nilai ELSE s_nilai / n_semua END AS nilai,
            CASE WHEN waktu = 'rata_rata' THEN CASE WHEN t_den > 0 THEN t_num / t_den ELSE ut_sum / nullif(ut_n, 0) END
                 WHEN wilayah = 'jumlah' THEN s_target ELSE s_target / n_semua END AS target,
            CASE WHEN waktu = 'rata_rata' THEN CASE WHEN t_den > 0 THEN bt_num / t_den ELSE ubt_sum / nullif(ut_n, 0) END
                 ELSE s_bt END AS nilai_bertarget,
            CASE WHEN waktu = 'rata_rata' THEN coalesce(den, 0) > 0 END AS tertimbang,
            CASE WHEN waktu = 'rata_rata' THEN den END AS penyebut,
            CASE WHEN waktu = 'rata_rata' THEN u_n ELSE 0 END AS n_tanpa_penyebut,
            CASE WHEN waktu = 'rata_rata' THEN (CASE WHEN den > 0 THEN n_den ELSE n_u END) ELSE n_semua END AS n_kemitraan,
            n_laporan
        FROM fr
        UNION ALL
        SELECT {g}bucket, kode_indikator, bulan_stok,
            CASE WHEN wilayah = 'jumlah' THEN l_sum ELSE l_avg END, CASE WHEN wilayah = 'jumlah' THEN lt_sum ELSE lt_avg END,
            lbt_sum, NULL::BOOLEAN, NULL::DOUBLE, 0, n_akhir, n_laporan
        FROM sg
    )
    SELECT {g}bucket AS periode_mulai, {_sql.period_label("bucket", grain)} AS periode,
        {month_start} AS bulan_awal, {month_end} AS bulan_akhir,
        {"FALSE" if grain == "semua" else f"({month_start} > bucket OR {month_end} < {_sql.bucket_last_month('bucket', grain)})"} AS parsial,
        kode_indikator, nilai, target, nilai_bertarget, bulan_stok, tertimbang, penyebut, n_tanpa_penyebut,
        n_kemitraan, n_laporan
    FROM out
    ORDER BY {g}bucket NULLS FIRST, kode_indikator
    """
    params = {**f.params(), **catalog_params(kodes), "kode": kode, "cohort": list(cohort or []),
              "keep": list(keep or []), "r_dari": rng.start, "r_sampai": rng.end}
    df = _sql.run(con, sql, params)
    df = df[df["kode_indikator"].isin(kodes)].reset_index(drop=True)
    for c in ("n_kemitraan", "n_laporan", "n_tanpa_penyebut"):
        df[c] = df[c].fillna(0).astype("int64")
    if grain == "semua":
        df = df.drop(columns=["periode_mulai", "periode"])
    return df


def indicator_totals(con, f: Filters, kodes: list[str] | tuple[str, ...], by: str | list[str] | None = None,
                     **kwargs) -> pd.DataFrame:
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
    sql = f"""SELECT count(DISTINCT i.kode_kemitraan) FROM {_sql.ROWS} i JOIN kemitraan k USING (kode_kemitraan)
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
