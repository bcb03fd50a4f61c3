"""Analytical queries of the analysis pages: SQL with bound parameters over the store's views.

Every function takes a DuckDB connection or cursor holding the views ``kemitraan``,
``indikator`` and ``survei`` (:meth:`kemitraan.store.Store.connect`) and a
:class:`~kemitraan.filters.Filters`, and returns a small DataFrame: aggregation
happens in DuckDB, never on raw rows in pandas.

Aggregation follows the indicator catalog (``contract.indicator(k)``):

- over time, per partnership and period bucket (bulan / triwulan / tahun / semua):
  ``jumlah`` = sum (flows), ``terakhir`` = value of the last period in the bucket
  (stocks), ``rata_rata`` = mean;
- across partnerships: ``jumlah`` = sum, ``rata_rata`` = mean, weighted for rates
  (unit % or per 1.000) by each partnership's latest target population
  (``sasaran``; weight 1 where it has none).

A report whose own period is coarser than the chosen grain (a quarterly report in
a monthly view) cannot be split, so it is left out of that view;
:func:`coarser_reports` counts the partnerships concerned so pages can say so.

Identifiers in SQL come only from the contract; every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kemitraan import contract, indices
from kemitraan.filters import Filters

GRAINS: tuple[str, ...] = ("bulan", "triwulan", "tahun")
_GRAIN_RANK = {"bulan": 1, "triwulan": 2, "tahun": 3, "semua": 4}

#: Pseudo-indicator: target population × months of the reporting period ÷ 12, summed
#: over the periods where ``terjangkau`` was reported: the denominator of annualised coverage.
SASARAN_TAHUN = "sasaran_tahun"

#: Partnership attributes a query may group by (identifiers from the contract only).
DIMENSIONS: tuple[str, ...] = ("kategori", "bidang", "fokus", "provinsi_kode", "provinsi", "kode_kemitraan",
                               "nama_kemitraan", "mitra_utama")
#: Dimensions that come from the period instead of the partnership (pivot only).
TIME_DIMENSIONS: tuple[str, ...] = ("tahun", "periode")

REACH = tuple(i.kode for i in contract.indicators_of("jangkauan"))
SUSTAIN = tuple(i.kode for i in contract.indicators_of("keberlanjutan"))
OUTCOMES = tuple(i.kode for i in contract.indicators_of("dampak"))
RATE_UNITS = ("%", "per 1.000")

#: Data quality: a flow value this many times the partnership's own median for that indicator is flagged.
OUTLIER_FACTOR = 5.0
#: Data quality: an active partnership without a report in this many months is stale.
STALE_MONTHS = 6

_MONTHS_IN = "CASE {a}.jenis_periode WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END"


def _fetch(con, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).fetchdf()


def _dims(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    cols = [by] if isinstance(by, str) else list(by or [])
    for c in cols:
        if c not in DIMENSIONS:
            raise ValueError(f"unknown dimension {c!r}; expected one of {DIMENSIONS}")
    return cols


def _check_grain(grain: str) -> str:
    if grain not in _GRAIN_RANK:
        raise ValueError(f"unknown grain {grain!r}; expected one of {tuple(_GRAIN_RANK)}")
    return grain


def _catalog(kodes: list[str]) -> tuple[list, list, list, list]:
    cat = contract.indicators()
    codes, waktu, wilayah, timbang = [], [], [], []
    for k in kodes:
        if k == SASARAN_TAHUN:
            codes.append(k), waktu.append("jumlah"), wilayah.append("jumlah"), timbang.append(False)
            continue
        ind = cat[k]  # KeyError for an unknown code: a programming error, not user input
        codes.append(k)
        waktu.append(ind.agregasi_waktu)
        wilayah.append(ind.agregasi_wilayah)
        timbang.append(ind.satuan in RATE_UNITS)
    return codes, waktu, wilayah, timbang


def _survey_period_where(f: Filters, alias: str = "s") -> tuple[str, list]:
    parts, params = ["TRUE"], []
    if f.period_from:
        parts.append(f"{alias}.tanggal_survei >= ?")
        params.append(f.period_from)
    if f.period_to:  # period_to is the first day of the last month included
        parts.append(f"date_trunc('month', {alias}.tanggal_survei) <= ?")
        params.append(f.period_to)
    return " AND ".join(parts), params


# --- indicators, aggregated ---------------------------------------------------------------------


def indicator_series(con, f: Filters, kodes: list[str] | tuple[str, ...], grain: str = "tahun",
                     by: str | list[str] | None = None, kode: str | None = None) -> pd.DataFrame:
    """Indicators per period bucket (and group), aggregated by the catalog's rules.

    Returns ``by`` columns, ``periode_mulai`` (DATE, start of the bucket), ``periode``
    (``2024`` / ``2024-Q3`` / ``2024-07``), ``kode_indikator``, ``nilai``, ``target``,
    ``nilai_bertarget`` (value over the reports that carry a target, for attainment)
    and ``n_kemitraan``. With ``grain="semua"`` there is one bucket (periode NULL).
    ``kode`` restricts it to one partnership.
    """
    grain = _check_grain(grain)
    dims = _dims(by)
    kodes = list(dict.fromkeys(kodes))
    codes, waktu, wilayah, timbang = _catalog(kodes)
    real = [k for k in codes if k != SASARAN_TAHUN]
    need_sasaran = SASARAN_TAHUN in codes
    kw, kp = f.partnership_where("k")
    if kode is not None:
        kw, kp = f"{kw} AND k.kode_kemitraan = ?", [*kp, kode]
    pw, pp = f.period_where("i")
    kdims = "".join(f", k.{d}" for d in dims)
    pdims = "".join(f"{d}, " for d in dims)
    sasaran_rows = ""
    sasaran_params: list = []
    spw = f.period_where("s")[0]
    if need_sasaran:
        # person-years of target population over the periods that report people reached
        sasaran_rows = f"""
        UNION ALL
        SELECT s.kode_kemitraan, s.periode, any_value(s.periode_mulai), any_value(s.jenis_periode), ? AS kode_indikator,
               max(s.nilai) FILTER (WHERE s.kode_indikator = ?)
                 * (CASE any_value(s.jenis_periode) WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END) / 12.0,
               NULL::DOUBLE
        FROM indikator s
        WHERE s.kode_indikator IN (?, ?) AND {spw}
        GROUP BY s.kode_kemitraan, s.periode
        HAVING count(*) FILTER (WHERE s.kode_indikator = ?) > 0 AND count(*) FILTER (WHERE s.kode_indikator = ?) > 0"""
        spw_params = f.period_where("s")[1]
        sasaran_params = [SASARAN_TAHUN, "sasaran", "sasaran", "terjangkau", *spw_params, "sasaran", "terjangkau"]
    sql = f"""
    WITH prm AS (SELECT ?::VARCHAR AS grain),
    cat AS (SELECT unnest(?::VARCHAR[]) AS kode, unnest(?::VARCHAR[]) AS waktu, unnest(?::VARCHAR[]) AS wilayah,
                   unnest(?::BOOLEAN[]) AS timbang),
    k AS (SELECT * FROM kemitraan k WHERE {kw}),
    raw AS (
        SELECT i.kode_kemitraan, i.periode, i.periode_mulai, i.jenis_periode, i.kode_indikator, i.nilai, i.target
        FROM indikator i WHERE i.kode_indikator IN (SELECT unnest(?::VARCHAR[])) AND {pw}
        {sasaran_rows}
    ),
    w AS (
        SELECT i.kode_kemitraan, arg_max(i.nilai, i.periode_mulai) AS bobot
        FROM indikator i WHERE i.kode_indikator = ? AND {pw} GROUP BY 1
    ),
    b AS (
        SELECT r.*, cat.waktu, cat.wilayah, cat.timbang{kdims},
            CASE prm.grain WHEN 'semua' THEN NULL
                WHEN 'tahun' THEN date_trunc('year', r.periode_mulai)
                WHEN 'triwulan' THEN date_trunc('quarter', r.periode_mulai)
                ELSE date_trunc('month', r.periode_mulai) END::DATE AS bucket
        FROM raw r JOIN k USING (kode_kemitraan) JOIN cat ON cat.kode = r.kode_indikator, prm
        WHERE (CASE r.jenis_periode WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 2 ELSE 3 END)
              <= (CASE prm.grain WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 2 ELSE 3 END)
           OR prm.grain = 'semua'
    ),
    p AS (
        SELECT {pdims}kode_kemitraan, bucket, kode_indikator,
            any_value(wilayah) AS wilayah, any_value(timbang) AS timbang,
            CASE any_value(waktu) WHEN 'jumlah' THEN sum(nilai)
                WHEN 'terakhir' THEN arg_max(nilai, periode_mulai) ELSE avg(nilai) END AS nilai,
            CASE any_value(waktu) WHEN 'jumlah' THEN sum(target)
                WHEN 'terakhir' THEN arg_max(target, periode_mulai) ELSE avg(target) END AS target,
            CASE any_value(waktu) WHEN 'jumlah' THEN sum(nilai) FILTER (WHERE target IS NOT NULL)
                WHEN 'terakhir' THEN arg_max(nilai, periode_mulai) FILTER (WHERE target IS NOT NULL)
                ELSE avg(nilai) FILTER (WHERE target IS NOT NULL) END AS nilai_bertarget
        FROM b GROUP BY {pdims}kode_kemitraan, bucket, kode_indikator
    ),
    pw AS (SELECT p.*, CASE WHEN p.timbang THEN coalesce(w.bobot, 1) ELSE 1 END AS wt FROM p LEFT JOIN w USING (kode_kemitraan))
    SELECT {pdims}bucket AS periode_mulai,
        CASE (SELECT grain FROM prm) WHEN 'semua' THEN NULL WHEN 'tahun' THEN strftime(bucket, '%Y')
            WHEN 'triwulan' THEN strftime(bucket, '%Y') || '-Q' || CAST(quarter(bucket) AS VARCHAR)
            ELSE strftime(bucket, '%Y-%m') END AS periode,
        kode_indikator,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(nilai) ELSE sum(nilai * wt) / sum(wt) END AS nilai,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(target)
            ELSE sum(target * wt) FILTER (WHERE target IS NOT NULL) / sum(wt) FILTER (WHERE target IS NOT NULL)
            END AS target,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(nilai_bertarget)
            ELSE sum(nilai_bertarget * wt) FILTER (WHERE target IS NOT NULL)
                 / sum(wt) FILTER (WHERE target IS NOT NULL) END AS nilai_bertarget,
        count(DISTINCT kode_kemitraan) AS n_kemitraan
    FROM pw GROUP BY {pdims}bucket, kode_indikator
    ORDER BY {pdims}bucket NULLS FIRST, kode_indikator
    """
    params = [grain, codes, waktu, wilayah, timbang, *kp, real, *pp, *sasaran_params, "sasaran", *pp]
    df = _fetch(con, sql, params)
    if grain == "semua":
        df = df.drop(columns=["periode_mulai", "periode"])
    return df


def indicator_totals(con, f: Filters, kodes: list[str] | tuple[str, ...], by: str | list[str] | None = None) -> pd.DataFrame:
    """Indicators aggregated over the whole filtered period: :func:`indicator_series` with one bucket."""
    return indicator_series(con, f, kodes, grain="semua", by=by)


def coarser_reports(con, f: Filters, grain: str) -> int:
    """Partnerships whose reports are coarser than ``grain`` (left out of a view at that grain)."""
    grain = _check_grain(grain)
    if grain in ("tahun", "semua"):
        return 0
    kw, kp = f.partnership_where("k")
    pw, pp = f.period_where("i")
    coarser = ["tahun"] if grain == "triwulan" else ["triwulan", "tahun"]
    sql = f"""SELECT count(DISTINCT i.kode_kemitraan) FROM indikator i JOIN kemitraan k USING (kode_kemitraan)
              WHERE {kw} AND {pw} AND i.jenis_periode IN (SELECT unnest(?::VARCHAR[]))"""
    return int(con.execute(sql, [*kp, *pp, coarser]).fetchall()[0][0])


def _wide(tot: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """Long totals → one row per group (or a single row without groups), one column per indicator."""
    if not dims:
        return pd.DataFrame([tot.set_index("kode_indikator")["nilai"].to_dict()])
    return tot.pivot_table(index=dims, columns="kode_indikator", values="nilai", aggfunc="first").reset_index()


def _join(idx: pd.DataFrame, other: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    if not dims:
        return pd.concat([idx.reset_index(drop=True), other.reset_index(drop=True)], axis=1)
    return idx.merge(other, on=dims, how="left")


def _with_coverage(series: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Wide frame per ``keys``: terjangkau, target, sasaran_tahun, cakupan_pct, capaian_pct."""
    if series.empty:
        return pd.DataFrame(columns=[*keys, "terjangkau", "target_terjangkau", "cakupan_pct", "capaian_pct"])
    reached = series[series["kode_indikator"] == "terjangkau"].set_index(keys)
    pop = series[series["kode_indikator"] == SASARAN_TAHUN].set_index(keys)["nilai"]
    out = pd.DataFrame(
        {
            "terjangkau": reached["nilai"],
            "target_terjangkau": reached["target"],
            "terjangkau_bertarget": reached["nilai_bertarget"],
            "n_kemitraan": reached["n_kemitraan"],
        }
    )
    out["sasaran_tahun"] = pop.reindex(out.index)
    out["cakupan_pct"] = out["terjangkau"] / out["sasaran_tahun"].where(out["sasaran_tahun"] > 0) * 100
    out["capaian_pct"] = out["terjangkau_bertarget"] / out["target_terjangkau"].where(out["target_terjangkau"] > 0) * 100
    return out.reset_index()


# --- reach -----------------------------------------------------------------------------------------


def reach_summary(con, f: Filters, by: str | list[str] = "kategori") -> pd.DataFrame:
    """Per group: reach totals, annualised coverage, attainment, hard-to-reach share and the reach index."""
    dims = _dims(by)
    tot = indicator_totals(con, f, [*REACH, SASARAN_TAHUN], by=dims)
    if tot.empty:
        return pd.DataFrame(columns=[*dims, "indeks_jangkauan"])
    # the index reads coverage against person-years of target population (annualised)
    idx_in = tot[tot["kode_indikator"] != "sasaran"].copy()
    idx_in.loc[idx_in["kode_indikator"] == SASARAN_TAHUN, "kode_indikator"] = "sasaran"
    idx = indices.reach_index(idx_in, dims)
    wide = _wide(tot, dims)
    if dims:
        n = tot.groupby(dims)["n_kemitraan"].max().rename("n_kemitraan").reset_index()
    else:
        n = pd.DataFrame({"n_kemitraan": [tot["n_kemitraan"].max()]})
    out = _join(_join(idx, wide, dims), n, dims)
    if "terjangkau" in out:
        t_att = tot[tot["kode_indikator"] == "terjangkau"]
        tt = t_att[[*dims, "target"]].rename(columns={"target": "target_terjangkau"})
        out = _join(out, tt, dims) if dims else pd.concat([out, tt.reset_index(drop=True)], axis=1)
    return out


def reach_over_time(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Per bucket (and group): people reached, its target, annualised coverage and attainment."""
    dims = _dims(by)
    s = indicator_series(con, f, ["terjangkau", SASARAN_TAHUN], grain=grain, by=dims)
    return _with_coverage(s, [*dims, "periode_mulai", "periode"])


def acceptors_over_time(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = None) -> pd.DataFrame:
    """New (flow) and active (stock) family-planning acceptors per bucket."""
    return indicator_series(con, f, ["peserta_kb_baru", "peserta_kb_aktif"], grain=grain, by=by)


# --- sustainability --------------------------------------------------------------------------------


def sustainability_summary(con, f: Filters, by: str | list[str] = "kategori") -> pd.DataFrame:
    """Per group: sustainability components, the index, and the indicator values behind them."""
    dims = _dims(by)
    tot = indicator_totals(con, f, SUSTAIN, by=dims)
    if tot.empty:
        return pd.DataFrame(columns=[*dims, "indeks_keberlanjutan"])
    idx = indices.sustainability_index(tot, dims)
    out = _join(idx, _wide(tot, dims), dims)
    if {"dana_realisasi_idr", "dana_komitmen_idr"} <= set(out.columns):
        out["realisasi_pct"] = out["dana_realisasi_idr"] / out["dana_komitmen_idr"].where(out["dana_komitmen_idr"] > 0) * 100
    return out


def partnership_status(con, f: Filters, by: str | list[str] = "kategori", on: dt.date | None = None) -> pd.DataFrame:
    """Per group: partnerships, how many are still active on ``on`` (default today), mean age in years.

    Active = started on or before ``on`` and no end date or an end date after ``on``.
    Age = years from start to ``on`` (or to the end date when it has ended).
    """
    dims = _dims(by)
    on = on or dt.date.today()
    kw, kp = f.partnership_where("k")
    g = ", ".join(f"k.{d}" for d in dims)
    tail = f"GROUP BY {g} ORDER BY {g}" if dims else ""
    sql = f"""
    SELECT {', '.join(f'k.{d}' for d in dims) + ',' if dims else ''}
        count(*) AS n_kemitraan,
        count(*) FILTER (WHERE k.tanggal_mulai <= ? AND (k.tanggal_selesai IS NULL OR k.tanggal_selesai > ?)) AS n_aktif,
        avg(date_diff('day', k.tanggal_mulai, least(coalesce(k.tanggal_selesai, ?), ?)) / 365.25) AS usia_tahun
    FROM kemitraan k WHERE {kw} {tail}
    """
    df = _fetch(con, sql, [on, on, on, on, *kp])
    df["n_selesai"] = df["n_kemitraan"] - df["n_aktif"]
    return df


def sustainability_over_time(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Funds committed vs disbursed, local share, cadres, meetings per bucket (and group)."""
    return indicator_series(con, f, SUSTAIN, grain=grain, by=by)


# --- impact ------------------------------------------------------------------------------------------


def outcome_series(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori",
                   kodes: list[str] | tuple[str, ...] = OUTCOMES) -> pd.DataFrame:
    """Outcome indicators per bucket and group (rates weighted by target population)."""
    return indicator_series(con, f, kodes, grain=grain, by=by)


def impact_pairs(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori",
                 kodes: list[str] | tuple[str, ...] = OUTCOMES) -> pd.DataFrame:
    """Baseline and latest per group and outcome, paired within each partnership.

    For every partnership with at least two period buckets of an indicator, its baseline
    is the value in its first bucket and its latest the value in its last; the group's
    ``baseline`` and ``terakhir`` are the means of those over its partnerships, weighted by
    target population for rates. Pairing within partnerships keeps a change in which
    partnerships report from passing for a change in outcomes.
    """
    grain = _check_grain(grain)
    dims = _dims(by)
    codes, waktu, _, timbang = _catalog(list(kodes))
    kw, kp = f.partnership_where("k")
    pw, pp = f.period_where("i")
    kdims = "".join(f", k.{d}" for d in dims)
    g = "".join(f"{d}, " for d in dims)
    sql = f"""
    WITH prm AS (SELECT ?::VARCHAR AS grain),
    cat AS (SELECT unnest(?::VARCHAR[]) AS kode, unnest(?::VARCHAR[]) AS waktu, unnest(?::BOOLEAN[]) AS timbang),
    k AS (SELECT * FROM kemitraan k WHERE {kw}),
    b AS (
        SELECT i.kode_kemitraan, i.kode_indikator, i.nilai, i.periode_mulai, cat.waktu, cat.timbang{kdims},
            CASE prm.grain WHEN 'tahun' THEN date_trunc('year', i.periode_mulai)
                WHEN 'triwulan' THEN date_trunc('quarter', i.periode_mulai)
                ELSE date_trunc('month', i.periode_mulai) END::DATE AS bucket
        FROM indikator i JOIN k USING (kode_kemitraan) JOIN cat ON cat.kode = i.kode_indikator, prm
        WHERE {pw} AND (CASE i.jenis_periode WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 2 ELSE 3 END)
              <= (CASE prm.grain WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 2 ELSE 3 END)
    ),
    s AS (
        SELECT {g}kode_kemitraan, kode_indikator, bucket, any_value(timbang) AS timbang,
            CASE any_value(waktu) WHEN 'jumlah' THEN sum(nilai)
                WHEN 'terakhir' THEN arg_max(nilai, periode_mulai) ELSE avg(nilai) END AS nilai
        FROM b GROUP BY {g}kode_kemitraan, kode_indikator, bucket
    ),
    p AS (
        SELECT {g}kode_kemitraan, kode_indikator, any_value(timbang) AS timbang,
               arg_min(nilai, bucket) AS awal, arg_max(nilai, bucket) AS akhir,
               min(bucket) AS b0, max(bucket) AS b1
        FROM s GROUP BY {g}kode_kemitraan, kode_indikator HAVING count(*) >= 2
    ),
    w AS (
        SELECT i.kode_kemitraan, arg_max(i.nilai, i.periode_mulai) AS bobot
        FROM indikator i WHERE i.kode_indikator = ? AND {pw} GROUP BY 1
    ),
    pw AS (SELECT p.*, CASE WHEN p.timbang THEN coalesce(w.bobot, 1) ELSE 1 END AS wt FROM p LEFT JOIN w USING (kode_kemitraan))
    SELECT {g}kode_indikator, min(b0) AS periode_awal, max(b1) AS periode_akhir,
           sum(awal * wt) / sum(wt) AS baseline, sum(akhir * wt) / sum(wt) AS terakhir,
           count(*) AS n_kemitraan
    FROM pw GROUP BY {g}kode_indikator ORDER BY {g}kode_indikator
    """
    return _fetch(con, sql, [grain, codes, waktu, timbang, *kp, *pp, "sasaran", *pp])


def impact_summary(con, f: Filters, grain: str = "tahun", by: str | list[str] = "kategori") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(change from baseline per group and outcome, impact index per group); see :func:`impact_pairs`."""
    dims = _dims(by)
    pairs = impact_pairs(con, f, grain, dims)
    ch = indices.impact_compare(pairs, dims)
    return ch, indices.impact_index(ch, dims)


# --- partnership health (survey) -------------------------------------------------------------------


def _survey_cte(f: Filters, dims: list[str], kode: str | None = None) -> tuple[str, list]:
    kw, kp = f.partnership_where("k")
    if kode is not None:
        kw, kp = f"{kw} AND k.kode_kemitraan = ?", [*kp, kode]
    sw, sp = _survey_period_where(f, "s")
    kd = "".join(f", k.{d}" for d in dims)
    return (f"WITH s AS (SELECT s.*{kd} FROM survei s JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {sw})",
            kp + sp)


def health_by_principle(con, f: Filters, by: str | list[str] | None = "kategori", kode: str | None = None) -> pd.DataFrame:
    """Per group and principle: respondents ``n``, the 1–5 mean, score 0–100, zone and the small-n flag."""
    dims = _dims(by)
    cte, params = _survey_cte(f, dims, kode)
    cols = ", ".join(contract.PRINCIPLES)
    g = "".join(f"{d}, " for d in dims)
    sql = f"""{cte},
    u AS (UNPIVOT (SELECT {g}{cols} FROM s) ON {cols} INTO NAME prinsip VALUE nilai)
    SELECT {g}prinsip, count(nilai) AS n, avg(nilai) AS rata_rata FROM u
    GROUP BY {g}prinsip
    """
    df = _fetch(con, sql, params)
    if df.empty:
        return df.assign(skor=pd.Series(dtype=float), zona=pd.Series(dtype=object), n_kecil=pd.Series(dtype=bool))
    order = {p: i for i, p in enumerate(contract.PRINCIPLES)}
    df = df.assign(_o=df["prinsip"].map(order)).sort_values([*dims, "_o"]).drop(columns="_o").reset_index(drop=True)
    return indices.health_scores(df)


def respondents(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Respondents and partnerships surveyed per group."""
    dims = _dims(by)
    cte, params = _survey_cte(f, dims)
    g = ", ".join(dims)
    sql = f"""{cte}
    SELECT {g + ',' if dims else ''} count(*) AS n_responden, count(DISTINCT kode_kemitraan) AS n_kemitraan
    FROM s {'GROUP BY ' + g + ' ORDER BY ' + g if dims else ''}"""
    return _fetch(con, sql, params)


def likert_distribution(con, f: Filters, by: str | list[str] | None = None) -> pd.DataFrame:
    """Per (group,) principle and answer 1–5: respondents and the share of the principle's answers (%)."""
    dims = _dims(by)
    cte, params = _survey_cte(f, dims)
    cols = ", ".join(contract.PRINCIPLES)
    g = "".join(f"{d}, " for d in dims)
    sql = f"""{cte},
    u AS (UNPIVOT (SELECT {g}{cols} FROM s) ON {cols} INTO NAME prinsip VALUE nilai)
    SELECT {g}prinsip, CAST(nilai AS INTEGER) AS nilai, count(*) AS n,
           100.0 * count(*) / sum(count(*)) OVER (PARTITION BY {g}prinsip) AS pct
    FROM u WHERE nilai IS NOT NULL GROUP BY {g}prinsip, nilai
    """
    df = _fetch(con, sql, params)
    order = {p: i for i, p in enumerate(contract.PRINCIPLES)}
    return (df.assign(_o=df["prinsip"].map(order)).sort_values([*dims, "_o", "nilai"]).drop(columns="_o")
            .reset_index(drop=True))


def satisfaction(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Overall satisfaction (kepuasan, 1–5) per group: n, mean, score 0–100, zone, share satisfied (4–5)."""
    dims = _dims(by)
    cte, params = _survey_cte(f, dims)
    g = ", ".join(dims)
    sql = f"""{cte}
    SELECT {g + ',' if dims else ''} count(kepuasan) AS n, avg(kepuasan) AS rata_rata,
           100.0 * count(*) FILTER (WHERE kepuasan >= 4) / nullif(count(kepuasan), 0) AS puas_pct
    FROM s {'GROUP BY ' + g + ' ORDER BY ' + g if dims else ''}"""
    df = _fetch(con, sql, params)
    df = df[df["n"] > 0].reset_index(drop=True)
    return indices.health_scores(df) if not df.empty else df


def challenges(con, f: Filters) -> pd.DataFrame:
    """Challenges named by respondents, most frequent first, with the cumulative share (Pareto).

    ``pct_responden`` = respondents naming it ÷ all respondents × 100; ``kumulatif_pct`` =
    cumulative share of all mentions.
    """
    cte, params = _survey_cte(f, [])
    sql = f"""{cte},
    total AS (SELECT count(*) AS n FROM s),
    m AS (SELECT unnest(tantangan) AS tantangan FROM s)
    SELECT tantangan, count(*) AS n, 100.0 * count(*) / any_value(total.n) AS pct_responden,
           100.0 * sum(count(*)) OVER (ORDER BY count(*) DESC, tantangan ROWS UNBOUNDED PRECEDING)
                 / sum(count(*)) OVER () AS kumulatif_pct
    FROM m, total GROUP BY tantangan ORDER BY n DESC, tantangan
    """
    return _fetch(con, sql, params)


# --- map ---------------------------------------------------------------------------------------------


def province_summary(con, f: Filters, kode: str = "terjangkau") -> pd.DataFrame:
    """Per province (all 38, from the shipped table): partnerships, the indicator's value, lat/lon, population."""
    tot = indicator_totals(con, f, [kode], by="provinsi_kode")
    kw, kp = f.partnership_where("k")
    n = _fetch(con, f"SELECT k.provinsi_kode, count(*) AS n_kemitraan FROM kemitraan k WHERE {kw} GROUP BY 1", kp)
    provs = contract.provinces()
    base = pd.DataFrame(
        [{"provinsi_kode": c, "provinsi": p.nama, "lat": p.lat, "lon": p.lon, "penduduk": p.penduduk}
         for c, p in provs.items()]
    )
    out = base.merge(n, on="provinsi_kode", how="left").merge(
        tot[["provinsi_kode", "nilai"]] if not tot.empty else pd.DataFrame(columns=["provinsi_kode", "nilai"]),
        on="provinsi_kode", how="left")
    out["n_kemitraan"] = out["n_kemitraan"].fillna(0).astype(int)
    out["kode_indikator"] = kode
    return out


# --- compare -------------------------------------------------------------------------------------------

COMPARE_DIMENSIONS: tuple[str, ...] = ("kategori", "bidang", "provinsi_kode", "kode_kemitraan")


def compare_groups(con, f: Filters, dim: str, members: list[str] | tuple[str, ...], grain: str = "tahun") -> pd.DataFrame:
    """One row per member of ``dim``: the four indices side by side, with the values behind them.

    Columns: ``dim``, ``indeks_jangkauan``, ``indeks_keberlanjutan``, ``indeks_dampak``, ``skor_kesehatan``,
    ``n_responden``, ``terjangkau``, ``cakupan_pct``, ``realisasi_pct``, ``porsi_dana_lokal_pct``, ``n_kemitraan``
    (and ``nama_kemitraan`` when comparing partnerships).
    """
    if dim not in COMPARE_DIMENSIONS:
        raise ValueError(f"cannot compare by {dim!r}")
    members = [str(m) for m in members]
    base = pd.DataFrame({dim: members})
    reach = reach_summary(con, f, dim)
    sust = sustainability_summary(con, f, dim)
    _, imp = impact_summary(con, f, grain, dim)
    health = indices.health_overall(health_by_principle(con, f, dim), [dim])
    status = partnership_status(con, f, dim)
    out = base
    for part, cols in (
        (reach, ["indeks_jangkauan", "terjangkau", "cakupan_pct", "capaian_pct"]),
        (sust, ["indeks_keberlanjutan", "realisasi_pct", "porsi_dana_lokal_pct"]),
        (imp, ["indeks_dampak"]),
        (health.rename(columns={"skor": "skor_kesehatan", "n": "n_responden"}), ["skor_kesehatan", "n_responden"]),
        (status, ["n_kemitraan", "n_aktif"]),
    ):
        keep = [c for c in cols if c in part.columns]
        if not part.empty and keep:
            out = out.merge(part[[dim, *keep]].astype({dim: str}), on=dim, how="left")
        for c in cols:
            if c not in out:
                out[c] = float("nan")
    if dim == "kode_kemitraan":
        names = partnership_list(con, Filters())
        out = out.merge(names[["kode_kemitraan", "nama_kemitraan"]], on="kode_kemitraan", how="left")
    return out


# --- explore -----------------------------------------------------------------------------------------


def _view_sql(f: Filters, kind: str, cari: str | None) -> tuple[str, list, str]:
    if kind not in contract.KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    kw, kp = f.partnership_where("k")
    if cari:
        kw += (r" AND (k.kode_kemitraan ILIKE ? ESCAPE '\' OR k.nama_kemitraan ILIKE ? ESCAPE '\'"
               r" OR k.mitra_utama ILIKE ? ESCAPE '\')")
        like = "%" + cari.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        kp = [*kp, like, like, like]
    if kind == "kemitraan":
        return f"FROM kemitraan v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw}", kp, "v.kode_kemitraan"
    if kind == "indikator":
        pw, pp = f.period_where("v")
        return (f"FROM indikator v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {pw}", kp + pp,
                "v.kode_kemitraan, v.periode_mulai, v.kode_indikator")
    sw, sp = _survey_period_where(f, "v")
    return (f"FROM survei v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {sw}", kp + sp,
            "v.kode_kemitraan, v.tanggal_survei, v.respon_id")


def view_rows(con, f: Filters, kind: str, limit: int | None = 5000, cari: str | None = None) -> pd.DataFrame:
    """Rows of one view (``kemitraan``, ``indikator`` or ``survei``) within the filters, at most ``limit``.

    ``cari`` keeps the partnerships whose code, name or lead partner contains that text (case-insensitive).
    """
    body, params, order = _view_sql(f, kind, cari)
    cols = ", ".join(f"v.{c}" for c in contract.stored_columns(kind))
    sql = f"SELECT {cols} {body} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    return _fetch(con, sql, params)


def count_rows(con, f: Filters, kind: str, cari: str | None = None) -> int:
    """How many rows of ``kind`` the filters (and ``cari``) select, for 'showing n of N'."""
    body, params, _ = _view_sql(f, kind, cari)
    return int(con.execute(f"SELECT count(*) {body}", params).fetchall()[0][0])


def pivot(con, f: Filters, kode: str, rows: str, cols: str) -> pd.DataFrame:
    """One indicator aggregated by two dimensions (partnership attributes, ``tahun`` or ``periode``).

    Long result: ``rows``, ``cols``, ``nilai``; aggregated by the catalog's rules
    (a period dimension gives the value per year; ``periode`` per quarter).
    """
    if rows == cols:
        raise ValueError("pivot needs two different dimensions")
    grain = "semua"
    dims = []
    for d in (rows, cols):
        if d == "tahun":
            grain = "tahun"
        elif d == "periode":
            grain = "triwulan"
        else:
            dims.append(d)
    if "tahun" in (rows, cols) and "periode" in (rows, cols):
        raise ValueError("pivot cannot use both tahun and periode")
    s = indicator_series(con, f, [kode], grain=grain, by=dims)
    if grain != "semua":
        s = s.rename(columns={"periode": "tahun" if grain == "tahun" else "periode"})
    return s[[rows, cols, "nilai"]]


# --- profile -----------------------------------------------------------------------------------------


def partnership(con, kode: str) -> dict | None:
    """One partnership's stored row as a dict, or None."""
    cols = ", ".join(contract.stored_columns("kemitraan"))
    df = _fetch(con, f"SELECT {cols} FROM kemitraan WHERE kode_kemitraan = ?", [kode])
    return None if df.empty else df.iloc[0].to_dict()


def partnership_list(con, f: Filters) -> pd.DataFrame:
    """Code, name, kategori, bidang, province of the filtered partnerships (for pickers and links)."""
    kw, kp = f.partnership_where("k")
    return _fetch(con, f"SELECT kode_kemitraan, nama_kemitraan, kategori, bidang, provinsi FROM kemitraan k "
                       f"WHERE {kw} ORDER BY kode_kemitraan", kp)


def partnership_indicators(con, kode: str, grain: str = "triwulan") -> pd.DataFrame:
    """Every indicator of one partnership per bucket, with its target."""
    f = Filters()
    kinds = _fetch(con, "SELECT DISTINCT kode_indikator FROM indikator WHERE kode_kemitraan = ? ORDER BY 1", [kode])
    kodes = [k for k in kinds["kode_indikator"] if k in contract.indicators()]
    if not kodes:
        return pd.DataFrame(columns=["kode_kemitraan", "periode_mulai", "periode", "kode_indikator", "nilai", "target"])
    return indicator_series(con, f, kodes, grain=grain, by="kode_kemitraan", kode=kode)


def partnership_health(con, kode: str) -> pd.DataFrame:
    """Per principle for one partnership: n, mean, score, zone."""
    return health_by_principle(con, Filters(), by=None, kode=kode)


def partnership_batches(con, store, kode: str) -> pd.DataFrame:
    """The live batches that hold rows of one partnership: batch id, file, who, when, rows per kind.

    Reads the batch id kept in every Parquet row of the lake (the views drop it).
    """
    parts, params = [], []
    for kind in contract.KINDS:
        parts.append("SELECT _batch, ? AS jenis, count(*) AS n FROM read_parquet(?, union_by_name = true) "
                     "WHERE kode_kemitraan = ? AND _seq IS NOT NULL GROUP BY _batch")
        params += [kind, [str(f) for f in store.live_files(kind)], kode]  # damaged batches set aside
    sql = f"""
    WITH r AS ({' UNION ALL '.join(parts)})
    SELECT r._batch AS batch_id, any_value(b.file) AS file, any_value(b."user") AS "user",
           any_value(b.created_at) AS created_at,
           sum(n) FILTER (WHERE r.jenis = 'kemitraan') AS baris_kemitraan,
           sum(n) FILTER (WHERE r.jenis = 'indikator') AS baris_indikator,
           sum(n) FILTER (WHERE r.jenis = 'survei') AS baris_survei
    FROM r LEFT JOIN batches b ON b.batch_id = r._batch
    GROUP BY r._batch ORDER BY any_value(b.seq)
    """
    return _fetch(con, sql, params)


# --- data quality ------------------------------------------------------------------------------------


def missing_reports(con, f: Filters) -> pd.DataFrame:
    """Per partnership: periods expected at its own reporting cadence vs periods reported.

    Expected periods run from the first to the last period any partnership reported in
    the filtered range, clipped to the partnership's start and end dates.
    Only partnerships with at least one missing period are returned, most missing first.
    """
    kw, kp = f.partnership_where("k")
    pw, pp = f.period_where("i")
    sql = f"""
    WITH k AS (SELECT * FROM kemitraan k WHERE {kw}),
    r AS (SELECT i.kode_kemitraan, i.periode_mulai, i.jenis_periode FROM indikator i JOIN k USING (kode_kemitraan)
          WHERE {pw} GROUP BY ALL),
    span AS (SELECT min(periode_mulai) AS lo, max(periode_mulai) AS hi FROM r),
    cad AS (SELECT kode_kemitraan, mode(jenis_periode) AS jenis FROM r GROUP BY 1),
    exp AS (
        SELECT k.kode_kemitraan, k.nama_kemitraan, k.kategori, cad.jenis, CAST(g.d AS DATE) AS periode_mulai
        FROM k JOIN cad USING (kode_kemitraan), span,
             generate_series(CAST(greatest(span.lo, date_trunc(CASE cad.jenis WHEN 'tahun' THEN 'year'
                                 WHEN 'triwulan' THEN 'quarter' ELSE 'month' END, k.tanggal_mulai)) AS TIMESTAMP),
                             CAST(least(span.hi, coalesce(k.tanggal_selesai, span.hi)) AS TIMESTAMP),
                             CASE cad.jenis WHEN 'tahun' THEN INTERVAL 1 YEAR WHEN 'triwulan' THEN INTERVAL 3 MONTH
                                  ELSE INTERVAL 1 MONTH END) g(d)
    )
    SELECT e.kode_kemitraan, any_value(e.nama_kemitraan) AS nama_kemitraan, any_value(e.kategori) AS kategori,
           any_value(e.jenis) AS jenis_periode, count(*) AS n_diharapkan,
           count(r.periode_mulai) AS n_dilaporkan, count(*) - count(r.periode_mulai) AS n_hilang,
           string_agg(CASE e.jenis WHEN 'tahun' THEN strftime(e.periode_mulai, '%Y')
                 WHEN 'triwulan' THEN strftime(e.periode_mulai, '%Y') || '-Q' || CAST(quarter(e.periode_mulai) AS VARCHAR)
                 ELSE strftime(e.periode_mulai, '%Y-%m') END, ', ' ORDER BY e.periode_mulai)
               FILTER (WHERE r.periode_mulai IS NULL) AS periode_hilang
    FROM exp e LEFT JOIN r ON r.kode_kemitraan = e.kode_kemitraan AND r.periode_mulai = e.periode_mulai
    GROUP BY e.kode_kemitraan HAVING count(*) > count(r.periode_mulai)
    ORDER BY n_hilang DESC, e.kode_kemitraan
    """
    return _fetch(con, sql, [*kp, *pp])


def out_of_range(con, f: Filters, factor: float = OUTLIER_FACTOR) -> pd.DataFrame:
    """Values outside plausible ranges: below the catalog's min, above its max, or (flows) more than
    ``factor`` × the partnership's own median for that indicator. ``alasan``: ``min`` / ``max`` / ``outlier``.
    """
    cat = contract.indicators()
    codes = list(cat)
    mins = [cat[k].min for k in codes]
    maxs = [cat[k].max for k in codes]
    flows = [cat[k].agregasi_waktu == "jumlah" for k in codes]
    kw, kp = f.partnership_where("k")
    pw, pp = f.period_where("i")
    sql = f"""
    WITH cat AS (SELECT unnest(?::VARCHAR[]) AS kode, unnest(?::DOUBLE[]) AS lo, unnest(?::DOUBLE[]) AS hi,
                        unnest(?::BOOLEAN[]) AS arus),
    i AS (SELECT i.kode_kemitraan, i.periode, i.periode_mulai, i.jenis_periode, i.kode_indikator, i.nilai
          FROM indikator i JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {pw}),
    med AS (  -- each partnership's own median per flow indicator and reporting rhythm
        SELECT i.kode_kemitraan, i.kode_indikator, i.jenis_periode, median(i.nilai) AS med
        FROM i JOIN cat ON cat.kode = i.kode_indikator WHERE cat.arus GROUP BY ALL
    ),
    bad AS (
        SELECT i.*, cat.lo, cat.hi, med.med
        FROM i JOIN cat ON cat.kode = i.kode_indikator
             LEFT JOIN med ON med.kode_kemitraan = i.kode_kemitraan AND med.kode_indikator = i.kode_indikator
                          AND med.jenis_periode = i.jenis_periode
        WHERE i.nilai < cat.lo OR i.nilai > cat.hi OR (med.med > 0 AND i.nilai > ? * med.med)
    )
    SELECT b.kode_kemitraan, k.nama_kemitraan, k.kategori, b.periode, b.kode_indikator, b.nilai,
           b.lo AS min, b.hi AS max, b.med AS median,
           CASE WHEN b.nilai < b.lo THEN 'min' WHEN b.nilai > b.hi THEN 'max' ELSE 'outlier' END AS alasan
    FROM bad b JOIN kemitraan k USING (kode_kemitraan)
    ORDER BY b.kode_kemitraan, b.periode_mulai, b.kode_indikator
    """
    return _fetch(con, sql, [codes, mins, maxs, flows, *kp, *pp, float(factor)])


def stale_partnerships(con, f: Filters, months: int = STALE_MONTHS, on: dt.date | None = None) -> pd.DataFrame:
    """Partnerships not ended on ``on`` whose last reported period ended ``months`` or more months before ``on``.

    ``on`` defaults to the month after the latest period start anyone reported, so old
    data is judged against itself and not against today. A partnership that never reported counts from its start.
    """
    kw, kp = f.partnership_where("k")
    if on is None:
        on = con.execute("SELECT CAST(max(periode_mulai) + INTERVAL 1 MONTH AS DATE) FROM indikator").fetchall()[0][0]
        if on is None:
            return pd.DataFrame(columns=["kode_kemitraan", "nama_kemitraan", "kategori", "laporan_terakhir",
                                         "bulan_tanpa_laporan"])
    sql = f"""
    WITH lj AS (SELECT kode_kemitraan, jenis_periode, max(periode_mulai) AS mulai FROM indikator GROUP BY ALL),
    last AS (SELECT kode_kemitraan, max(mulai) AS laporan_terakhir,
                    max(CAST(mulai + INTERVAL (CASE jenis_periode WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)
                             MONTH AS DATE)) AS akhir
             FROM lj GROUP BY 1)
    SELECT k.kode_kemitraan, k.nama_kemitraan, k.kategori, last.laporan_terakhir,
           date_diff('month', coalesce(last.akhir, k.tanggal_mulai), CAST(? AS DATE)) AS bulan_tanpa_laporan
    FROM kemitraan k LEFT JOIN last USING (kode_kemitraan)
    WHERE {kw} AND k.tanggal_mulai <= ? AND (k.tanggal_selesai IS NULL OR k.tanggal_selesai > ?)
      AND date_diff('month', coalesce(last.akhir, k.tanggal_mulai), CAST(? AS DATE)) >= ?
    ORDER BY bulan_tanpa_laporan DESC, k.kode_kemitraan
    """
    return _fetch(con, sql, [on, *kp, on, on, on, int(months)])
