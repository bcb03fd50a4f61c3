"""Impact (dampak): did outcomes move, in the same partnerships, by more than chance wording would allow?

The method (Metodologi and docs/METHODS.md describe it as here):

- **Common windows.** The range's first and last ``w`` months, ``w`` = min(12, half the range):
  the baseline window and the latest window. Every partnership is judged over the same months.
- **Cohort.** The partnerships that reported an outcome in both windows. Each one's value in a
  window is its own pooled rate (Σ nilai × penyebut / Σ penyebut, the catalog's rule).
- **Headline: the pooled change.** The cohort's pooled latest value minus its pooled baseline (each
  Σ nilai × penyebut / Σ penyebut over the cohort), with a 95 % interval: a large partnership weighs
  as much as its denominator says, so the headline is what happened to the people the cohort covers.
- **Sampling error.** A rate over a denominator is read as a proportion of it (binomial): a value v on
  a scale K (100 for %, 1,000 for per 1,000) over n people has variance v (K − v) / n. A partnership's
  n in a window is its denominator per report (Σ penyebut ÷ reports: a population reported every month
  is the same people, not twelve samples). The two windows are taken as independent samples. Without
  denominators the pooled value is a plain mean, and the interval is that of the mean change over the
  cohort (its standard deviation ÷ √n, n ≥ 2).
- **Classes (second).** A partnership *improved* when its change, signed by the indicator's direction,
  is at least the catalog's minimum change (``perubahan_min``: 1 point of mCPR, 2 births per 1,000 …)
  **and** larger than z × its own sampling error (where its denominators give one); *worsened* when it is
  at most minus both; otherwise it *held steady*. The share improving comes with n and a 95 % Wilson
  interval.
- **Contradiction said.** When the pooled change and the partnerships' classes point different ways
  (the cohort improved by at least the minimum while more partnerships worsened than improved, or the
  other way round), ``bertentangan`` is true and every view says so in words.
"""

from __future__ import annotations

import math

import pandas as pd

from kemitraan import contract
from kemitraan.methods import indices
from kemitraan.methods.rules import WINDOW_MONTHS
from kemitraan.queries import periods
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import DIMENSIONS, OUTCOMES, dims, indicator_series, indicator_totals

#: z for a 95 % interval.
Z95 = 1.959963984540054

CLASSES = ("membaik", "memburuk", "tetap")


def windows(rng: periods.Range | None) -> tuple[periods.Range, periods.Range] | None:
    """(baseline window, latest window) of a range, or None when the range is shorter than two months."""
    if rng is None or rng.months < 2:
        return None
    w = min(WINDOW_MONTHS, rng.months // 2)
    return (
        periods.Range(rng.start, periods.month_add(rng.start, w - 1)),
        periods.Range(periods.month_add(rng.end, -(w - 1)), rng.end),
    )


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials, in % (NaN, NaN when n = 0)."""
    if n <= 0:
        return (float("nan"), float("nan"))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half) * 100, min(1.0, centre + half) * 100)


def classify(change: float, kode: str, se: float | None = None) -> str | None:
    """``membaik`` / ``memburuk`` / ``tetap`` for a change in ``kode`` (None when the catalog gives no direction).

    A change counts only when it reaches the catalog's minimum and, where its sampling error ``se`` is known,
    exceeds z × se as well: a small partnership's swing within its own noise is "tetap".
    """
    arah = indices.direction(kode)
    if arah == 0 or change is None or pd.isna(change):
        return None
    minimum = contract.indicator(kode).perubahan_min or 0.0
    if se is not None and not pd.isna(se):
        minimum = max(minimum, Z95 * float(se) * (1 + 1e-12))  # "exceeds": a change equal to z·se is not enough
    signed = change * arah
    if signed >= minimum and signed > 0:
        return "membaik"
    if signed <= -minimum and signed < 0:
        return "memburuk"
    return "tetap"


def scale(kode: str) -> float:
    """The scale a rate is a proportion of: 100 for %, 1,000 for "per 1.000" (the catalog's unit)."""
    satuan = contract.indicator(kode).satuan
    if satuan == "%":
        return 100.0
    digits = "".join(ch for ch in satuan if ch.isdigit())
    return float(digits) if satuan.startswith("per") and digits else float("nan")


def sampling_var(value, penyebut, reports, kode: str) -> float:
    """The binomial variance of a rate ``value`` (on its scale) over ``penyebut`` ÷ ``reports`` people; NaN without
    a denominator (a repeated report of the same population is not a new sample, hence the division)."""
    k = scale(kode)
    if value is None or penyebut is None or pd.isna(value) or pd.isna(penyebut) or penyebut <= 0 or math.isnan(k):
        return float("nan")
    n = float(penyebut) / max(1.0, float(reports if reports is not None and not pd.isna(reports) else 1))
    v = min(max(float(value), 0.0), k)
    return v * (k - v) / n


def _pooled(df: pd.DataFrame, col: str) -> float:
    """The cohort's value from per-partnership values, by the same rule as the SQL (weighted where possible)."""
    w = df["penyebut"].fillna(0) if "penyebut" in df else pd.Series(0, index=df.index)
    vals = df[col]
    if (w > 0).any():
        m = w > 0
        return float((vals[m] * w[m]).sum() / w[m].sum())
    return float(vals.mean()) if len(vals) else float("nan")


#: Each window's per-partnership totals and the windows: what :func:`window_totals` gives (None: no range).
WindowTotals = tuple[pd.DataFrame, pd.DataFrame, tuple[periods.Range, periods.Range]]


def window_totals(
    con, f: Filters, kodes: list[str] | tuple[str, ...] = OUTCOMES, by: str | list[str] | None = None
) -> WindowTotals | None:
    """``indicator_totals`` per partnership (with the ``by`` columns) of the baseline and the latest window.

    Every summary of the cohort reads these rows; a caller that shows several (the whole and per category, one
    outcome and all) asks once with every column and outcome it needs and passes them on as ``totals``."""
    keys = list(dict.fromkeys([*dims(by), "kode_kemitraan"]))
    win = windows(periods.effective(con, f))
    if win is None:
        return None
    return (
        indicator_totals(con, win[0].filters(f), list(kodes), by=keys),
        indicator_totals(con, win[1].filters(f), list(kodes), by=keys),
        win,
    )


def _of(tot: pd.DataFrame, kodes, keys: list[str]) -> pd.DataFrame:
    """The rows of ``kodes`` with the columns ``keys`` first, in the order a query with those keys gives them
    (sums over them then add up in the same order)."""
    rows = tot[tot["kode_indikator"].isin(list(kodes))]
    rest = [c for c in rows.columns if c not in DIMENSIONS]
    rows = rows[[*keys, *rest]]
    return rows.sort_values([*keys, "kode_indikator"], kind="stable", na_position="last").reset_index(drop=True)


def partnership_changes(
    con,
    f: Filters,
    kodes: list[str] | tuple[str, ...] = OUTCOMES,
    by: str | list[str] | None = None,
    *,
    totals: WindowTotals | None = None,
) -> pd.DataFrame:
    """One row per partnership × outcome in the cohort: baseline, latest, change, class.

    Columns: group columns, ``kode_kemitraan``, ``kode_indikator``, ``baseline``, ``terakhir``, ``penyebut``
    (the latest window's), ``penyebut_awal``, ``perubahan``, ``kelas`` and the windows ``awal_dari`` …
    ``akhir_sampai``. ``totals``: :func:`window_totals` asked already with at least ``kodes`` and the ``by``
    columns.
    """
    gdims = dims(by)
    keys = list(dict.fromkeys([*gdims, "kode_kemitraan"]))
    cols = [*keys, "kode_indikator", "baseline", "terakhir", "perubahan", "kelas"]
    got = window_totals(con, f, kodes, gdims) if totals is None else totals
    if got is None:
        return pd.DataFrame(columns=cols)
    base, last, win = _of(got[0], kodes, keys), _of(got[1], kodes, keys), got[2]
    on = [*keys, "kode_indikator"]
    pairs = (
        base[[*on, "nilai", "penyebut", "n_laporan"]]
        .rename(columns={"nilai": "baseline", "penyebut": "penyebut_awal", "n_laporan": "laporan_awal"})
        .merge(
            last[[*on, "nilai", "penyebut", "n_laporan"]].rename(
                columns={"nilai": "terakhir", "n_laporan": "laporan_akhir"}
            ),
            on=on,
            how="inner",
        )
    )
    pairs = pairs.dropna(subset=["baseline", "terakhir"]).reset_index(drop=True)
    pairs["perubahan"] = pairs["terakhir"] - pairs["baseline"]
    pairs["var_awal"] = [
        sampling_var(v, n, r, k)
        for v, n, r, k in zip(pairs["baseline"], pairs["penyebut_awal"], pairs["laporan_awal"], pairs["kode_indikator"])
    ]
    pairs["var_akhir"] = [
        sampling_var(v, n, r, k)
        for v, n, r, k in zip(pairs["terakhir"], pairs["penyebut"], pairs["laporan_akhir"], pairs["kode_indikator"])
    ]
    # the two windows taken as independent samples; NaN (unknown) when either lacks a denominator
    pairs["galat_baku"] = (pairs["var_awal"] + pairs["var_akhir"]) ** 0.5
    pairs["kelas"] = [
        classify(c, k, se) for c, k, se in zip(pairs["perubahan"], pairs["kode_indikator"], pairs["galat_baku"])
    ]
    pairs["awal_dari"], pairs["awal_sampai"] = win[0].start, win[0].end
    pairs["akhir_dari"], pairs["akhir_sampai"] = win[1].start, win[1].end
    return pairs


def _pooled_var(part: pd.DataFrame, weight: str, var: str) -> float:
    """The sampling variance of a denominator-weighted mean: Σ w² var ÷ (Σ w)² over the weighted rows."""
    m = part[weight].fillna(0) > 0
    if not m.any() or part.loc[m, var].isna().any():
        return float("nan")
    w = part.loc[m, weight]
    return float((w * w * part.loc[m, var]).sum() / w.sum() ** 2)


def pooled_change(part: pd.DataFrame) -> tuple[float, float, float, float]:
    """(baseline, latest, change, its standard error) of one outcome's cohort."""
    if part.empty:
        return (float("nan"),) * 4
    base = _pooled(part.assign(penyebut=part["penyebut_awal"]), "baseline")
    last = _pooled(part, "terakhir")
    if (part["penyebut_awal"].fillna(0) > 0).any() and (part["penyebut"].fillna(0) > 0).any():
        se = math.sqrt(_pooled_var(part, "penyebut_awal", "var_awal") + _pooled_var(part, "penyebut", "var_akhir"))
    else:  # no denominators: a plain mean, whose interval is that of the mean change over the cohort
        ch = part["perubahan"].dropna()
        se = float(ch.std(ddof=1) / math.sqrt(len(ch))) if len(ch) >= 2 else float("nan")
    return base, last, last - base, se


def contradicts(change: float, membaik: int, memburuk: int, kode: str) -> bool:
    """True when the pooled change and the partnerships' classes point different ways: the cohort moved by at least
    the minimum in one direction while more partnerships moved the other way than with it."""
    cohort = classify(change, kode)
    return bool((cohort == "memburuk" and membaik > memburuk) or (cohort == "membaik" and memburuk > membaik))


def _summarise(part: pd.DataFrame, kode: str) -> dict:
    known = part[part["kelas"].notna()]
    n = len(known)
    counts = {c: int((known["kelas"] == c).sum()) for c in CLASSES}
    lo, hi = wilson(counts["membaik"], n)
    base, last, change, se = pooled_change(part)
    return {
        "n_kemitraan": n,
        **counts,
        "porsi_membaik_pct": counts["membaik"] / n * 100 if n else float("nan"),
        "ik_bawah_pct": lo,
        "ik_atas_pct": hi,
        "baseline": base,
        "terakhir": last,
        "perubahan": change,
        "perubahan_bawah": change - Z95 * se,
        "perubahan_atas": change + Z95 * se,
        "bertentangan": contradicts(change, counts["membaik"], counts["memburuk"], kode),
        "perubahan_min": contract.indicator(kode).perubahan_min,
        "arah": indices.direction(kode),
    }


def impact_summary(
    con,
    f: Filters,
    by: str | list[str] | None = "kategori",
    kodes: list[str] | tuple[str, ...] = OUTCOMES,
    *,
    totals: WindowTotals | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per group and outcome, per group over every outcome).

    Per outcome: the cohort's pooled ``baseline`` and ``terakhir``, their ``perubahan`` (the headline) with its
    95 % interval (``perubahan_bawah``, ``perubahan_atas``); ``n_kemitraan`` in the cohort, ``membaik`` /
    ``memburuk`` / ``tetap``, ``porsi_membaik_pct`` with its 95 % Wilson interval (``ik_bawah_pct``,
    ``ik_atas_pct``); ``bertentangan`` when the two point different ways; the ``perubahan_min`` applied, and
    the windows.
    Over every outcome (partnership × outcome pairs): the same counts and share.
    """
    gdims = dims(by)
    ch = partnership_changes(con, f, kodes, gdims, totals=totals)
    per_cols = [
        *gdims,
        "kode_indikator",
        "n_kemitraan",
        *CLASSES,
        "porsi_membaik_pct",
        "ik_bawah_pct",
        "ik_atas_pct",
        "baseline",
        "terakhir",
        "perubahan",
        "perubahan_bawah",
        "perubahan_atas",
        "bertentangan",
        "perubahan_min",
        "arah",
    ]
    all_cols = [*gdims, "n_pasangan", *CLASSES, "porsi_membaik_pct", "ik_bawah_pct", "ik_atas_pct"]
    if ch.empty:
        return pd.DataFrame(columns=per_cols), pd.DataFrame(columns=all_cols)
    rows, overall = [], []
    groups = ch.groupby(gdims, sort=True, dropna=False) if gdims else [((), ch)]
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        g = dict(zip(gdims, key))
        for kode in [k for k in kodes if k in set(part["kode_indikator"])]:
            rows.append({**g, "kode_indikator": kode, **_summarise(part[part["kode_indikator"] == kode], kode)})
        known = part[part["kelas"].notna()]
        k, n = int((known["kelas"] == "membaik").sum()), len(known)
        lo, hi = wilson(k, n)
        overall.append(
            {
                **g,
                "n_pasangan": n,
                **{c: int((known["kelas"] == c).sum()) for c in CLASSES},
                "porsi_membaik_pct": k / n * 100 if n else float("nan"),
                "ik_bawah_pct": lo,
                "ik_atas_pct": hi,
            }
        )
    win = (ch["awal_dari"].iloc[0], ch["awal_sampai"].iloc[0], ch["akhir_dari"].iloc[0], ch["akhir_sampai"].iloc[0])
    per = pd.DataFrame(rows, columns=per_cols)
    per["awal_dari"], per["awal_sampai"], per["akhir_dari"], per["akhir_sampai"] = win
    return per, pd.DataFrame(overall, columns=all_cols)


def cohort(con, f: Filters, kode: str, *, totals: WindowTotals | None = None) -> list[str]:
    """The partnerships that reported ``kode`` in both windows: the fixed cohort of its trend chart."""
    ch = partnership_changes(con, f, [kode], totals=totals)
    return sorted(ch["kode_kemitraan"].unique().tolist())


def outcome_series(
    con,
    f: Filters,
    grain: str = "tahun",
    by: str | list[str] | None = "kategori",
    kodes: list[str] | tuple[str, ...] = OUTCOMES,
    fixed_cohort: bool = False,
    *,
    totals: WindowTotals | None = None,
) -> pd.DataFrame:
    """Outcome indicators per bucket and group; with ``fixed_cohort`` (one indicator) only its cohort's partnerships."""
    if fixed_cohort:
        if len(kodes) != 1:
            raise ValueError("a fixed cohort is defined per indicator")
        return indicator_series(con, f, kodes, grain=grain, by=by, cohort=cohort(con, f, kodes[0], totals=totals))
    return indicator_series(con, f, kodes, grain=grain, by=by)
