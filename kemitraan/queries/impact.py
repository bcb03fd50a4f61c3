"""Impact (dampak): did outcomes move, in the same partnerships, by more than chance wording would allow?

The method (Metodologi and docs/METHODS.md describe it as here):

- **Common windows.** The range's first and last ``w`` months, ``w`` = min(12, half the range):
  the baseline window and the latest window. Every partnership is judged over the same months.
- **Cohort.** The partnerships that reported an outcome in both windows. Each one's value in a
  window is its own pooled rate (Σ nilai × penyebut / Σ penyebut, the catalog's rule).
- **Classes.** A partnership *improved* when its change, signed by the indicator's direction, is
  at least the catalog's minimum change (``perubahan_min``: 1 point of mCPR, 2 births per 1,000 …);
  *worsened* when it is at most minus that; otherwise it *held steady*.
- **Headline.** The share improving, with n and a 95 % Wilson interval, beside the cohort's own
  pooled baseline and latest values — so the headline and the trend of the same cohort can be
  read together and never describe different partnerships.
"""

from __future__ import annotations

import math

import pandas as pd

from kemitraan import contract
from kemitraan.methods import indices
from kemitraan.queries import periods
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import OUTCOMES, dims, indicator_series, indicator_totals

#: The baseline and latest windows are at most this many months long.
WINDOW_MONTHS = 12
#: z for a 95 % interval.
Z95 = 1.959963984540054

CLASSES = ("membaik", "memburuk", "tetap")


def windows(rng: periods.Range | None) -> tuple[periods.Range, periods.Range] | None:
    """(baseline window, latest window) of a range, or None when the range is shorter than two months."""
    if rng is None or rng.months < 2:
        return None
    w = min(WINDOW_MONTHS, rng.months // 2)
    return (periods.Range(rng.start, periods.month_add(rng.start, w - 1)),
            periods.Range(periods.month_add(rng.end, -(w - 1)), rng.end))


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials, in % (NaN, NaN when n = 0)."""
    if n <= 0:
        return (float("nan"), float("nan"))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half) * 100, min(1.0, centre + half) * 100)


def classify(change: float, kode: str) -> str | None:
    """``membaik`` / ``memburuk`` / ``tetap`` for a change in ``kode`` (None when the catalog gives no direction)."""
    arah = indices.direction(kode)
    if arah == 0 or change is None or pd.isna(change):
        return None
    minimum = contract.indicator(kode).perubahan_min or 0.0
    signed = change * arah
    if signed >= minimum and signed > 0:
        return "membaik"
    if signed <= -minimum and signed < 0:
        return "memburuk"
    return "tetap"


def _pooled(df: pd.DataFrame, col: str) -> float:
    """The cohort's value from per-partnership values, by the same rule as the SQL (weighted where possible)."""
    w = df["penyebut"].fillna(0) if "penyebut" in df else pd.Series(0, index=df.index)
    vals = df[col]
    if (w > 0).any():
        m = w > 0
        return float((vals[m] * w[m]).sum() / w[m].sum())
    return float(vals.mean()) if len(vals) else float("nan")


def partnership_changes(con, f: Filters, kodes: list[str] | tuple[str, ...] = OUTCOMES,
                        by: str | list[str] | None = None) -> pd.DataFrame:
    """One row per partnership × outcome in the cohort: baseline, latest, change, class.

    Columns: group columns, ``kode_kemitraan``, ``kode_indikator``, ``baseline``, ``terakhir``, ``penyebut``
    (the latest window's), ``penyebut_awal``, ``perubahan``, ``kelas`` and the windows ``awal_dari`` …
    ``akhir_sampai``.
    """
    gdims = dims(by)
    keys = list(dict.fromkeys([*gdims, "kode_kemitraan"]))
    cols = [*keys, "kode_indikator", "baseline", "terakhir", "perubahan", "kelas"]
    win = windows(periods.effective(con, f))
    if win is None:
        return pd.DataFrame(columns=cols)
    base = indicator_totals(con, win[0].filters(f), list(kodes), by=keys)
    last = indicator_totals(con, win[1].filters(f), list(kodes), by=keys)
    on = [*keys, "kode_indikator"]
    pairs = base[[*on, "nilai", "penyebut"]].rename(columns={"nilai": "baseline", "penyebut": "penyebut_awal"}).merge(
        last[[*on, "nilai", "penyebut"]].rename(columns={"nilai": "terakhir"}), on=on, how="inner")
    pairs = pairs.dropna(subset=["baseline", "terakhir"]).reset_index(drop=True)
    pairs["perubahan"] = pairs["terakhir"] - pairs["baseline"]
    pairs["kelas"] = [classify(c, k) for c, k in zip(pairs["perubahan"], pairs["kode_indikator"])]
    pairs["awal_dari"], pairs["awal_sampai"] = win[0].start, win[0].end
    pairs["akhir_dari"], pairs["akhir_sampai"] = win[1].start, win[1].end
    return pairs


def _summarise(part: pd.DataFrame, kode: str) -> dict:
    known = part[part["kelas"].notna()]
    n = len(known)
    counts = {c: int((known["kelas"] == c).sum()) for c in CLASSES}
    lo, hi = wilson(counts["membaik"], n)
    base = _pooled(part.assign(penyebut=part["penyebut_awal"]), "baseline") if len(part) else float("nan")
    last = _pooled(part, "terakhir") if len(part) else float("nan")
    return {
        "n_kemitraan": n, **counts,
        "porsi_membaik_pct": counts["membaik"] / n * 100 if n else float("nan"),
        "ik_bawah_pct": lo, "ik_atas_pct": hi,
        "baseline": base, "terakhir": last, "perubahan": last - base,
        "perubahan_min": contract.indicator(kode).perubahan_min,
        "arah": indices.direction(kode),
    }


def impact_summary(con, f: Filters, by: str | list[str] | None = "kategori",
                   kodes: list[str] | tuple[str, ...] = OUTCOMES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per group and outcome, per group over every outcome).

    Per outcome: ``n_kemitraan`` in the cohort, ``membaik`` / ``memburuk`` / ``tetap``, ``porsi_membaik_pct``
    with its 95 % Wilson interval (``ik_bawah_pct``, ``ik_atas_pct``), the cohort's pooled ``baseline`` and
    ``terakhir`` and their ``perubahan``, the ``perubahan_min`` applied, and the windows.
    Over every outcome (partnership × outcome pairs): the same counts and share.
    """
    gdims = dims(by)
    ch = partnership_changes(con, f, kodes, gdims)
    per_cols = [*gdims, "kode_indikator", "n_kemitraan", *CLASSES, "porsi_membaik_pct", "ik_bawah_pct",
                "ik_atas_pct", "baseline", "terakhir", "perubahan", "perubahan_min", "arah"]
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
        overall.append({**g, "n_pasangan": n, **{c: int((known["kelas"] == c).sum()) for c in CLASSES},
                        "porsi_membaik_pct": k / n * 100 if n else float("nan"), "ik_bawah_pct": lo, "ik_atas_pct": hi})
    win = (ch["awal_dari"].iloc[0], ch["awal_sampai"].iloc[0], ch["akhir_dari"].iloc[0], ch["akhir_sampai"].iloc[0])
    per = pd.DataFrame(rows, columns=per_cols)
    per["awal_dari"], per["awal_sampai"], per["akhir_dari"], per["akhir_sampai"] = win
    return per, pd.DataFrame(overall, columns=all_cols)


def cohort(con, f: Filters, kode: str) -> list[str]:
    """The partnerships that reported ``kode`` in both windows: the fixed cohort of its trend chart."""
    ch = partnership_changes(con, f, [kode])
    return sorted(ch["kode_kemitraan"].unique().tolist())


def outcome_series(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori",
                   kodes: list[str] | tuple[str, ...] = OUTCOMES, fixed_cohort: bool = False) -> pd.DataFrame:
    """Outcome indicators per bucket and group; with ``fixed_cohort`` (one indicator) only its cohort's partnerships."""
    if fixed_cohort:
        if len(kodes) != 1:
            raise ValueError("a fixed cohort is defined per indicator")
        return indicator_series(con, f, kodes, grain=grain, by=by, cohort=cohort(con, f, kodes[0]))
    return indicator_series(con, f, kodes, grain=grain, by=by)

