"""Comparison areas: the difference between two groups' mean changes, with Welch's 95 % interval.

A descriptive difference-in-differences (docs/METHODS.md §13): each area's change of an outcome from the first to
the last year of a range (reference values, kind ``rujukan``), averaged over the kabupaten/kota where partnerships
work and over the other kabupaten/kota of the same provinces; their difference, and an interval from Welch's t
(unequal variances, Welch–Satterthwaite degrees of freedom). Pure arithmetic: the areas and their changes come
from kemitraan.queries.reference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Two-sided level of the interval.
LEVEL = 0.95


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularised incomplete beta function (Lentz's method)."""
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < eps:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` (not necessarily whole) degrees of freedom."""
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2, 0.5, x)
    return 1 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t (bisection on :func:`t_cdf`); 2.228… for p = 0.975, df = 10."""
    if not 0 < p < 1 or not df > 0:
        return float("nan")
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass(frozen=True)
class Difference:
    """Mean change in each group, their difference (``selisih`` = partnership areas − comparison areas), its
    Welch interval and degrees of freedom, and the number of areas on each side."""

    perubahan_kemitraan: float
    perubahan_pembanding: float
    selisih: float
    ik_bawah: float
    ik_atas: float
    df: float
    n_wilayah_kemitraan: int
    n_wilayah_pembanding: int


def welch_difference(
    kemitraan: np.ndarray | list[float], pembanding: np.ndarray | list[float], level: float = LEVEL
) -> Difference:
    """Mean of ``kemitraan`` − mean of ``pembanding`` with Welch's interval; NaN where a side has no area (the
    interval needs at least two areas on each side)."""
    a = np.asarray(kemitraan, dtype=float)
    b = np.asarray(pembanding, dtype=float)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    na, nb = len(a), len(b)
    ma = float(a.mean()) if na else float("nan")
    mb = float(b.mean()) if nb else float("nan")
    diff = ma - mb
    lo = hi = df = float("nan")
    if na >= 2 and nb >= 2:
        va, vb = float(a.var(ddof=1)) / na, float(b.var(ddof=1)) / nb
        se = math.sqrt(va + vb)
        if se > 0:
            df = (va + vb) ** 2 / (va * va / (na - 1) + vb * vb / (nb - 1))
            half = t_quantile(1 - (1 - level) / 2, df) * se
        else:
            df, half = float(na + nb - 2), 0.0
        lo, hi = diff - half, diff + half
    return Difference(ma, mb, diff, lo, hi, df, na, nb)
