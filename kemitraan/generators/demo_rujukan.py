"""The demo's reference values (kind ``rujukan``): synthetic, labelled so in ``sumber``.

National, provincial and kabupaten/kota levels of the population outcomes (stunting, mCPR, unmet need, full
basic immunisation) for each calendar year of the demo before its last, for every province and for every
kabupaten/kota of the provinces where demo partnerships work — the partnerships' own areas and the others, so
the comparison areas of docs/METHODS.md §13 have both sides. Provinces start from the levels of
:mod:`demo_profiles` and drift at the national pace; each kabupaten/kota sits around its province and moves at
a pace of its own. Areas where a demo partnership works get a small extra improvement from the partnership's
start on (``PARTNERSHIP_EXTRA``), so the demo's comparison has a difference to show: it is made, not found, and
proves nothing. The national value is the provinces' population-weighted mean.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.generators.demo_profiles import LEVEL_YEAR, OUTCOME_DYNAMICS, OUTCOMES, PROVINCE_LEVELS

#: Every demo reference value says so in its source.
SOURCE = "Sintetis (demo)"
#: The outcomes the reference set covers: population outcomes that surveys measure by area.
REFERENCE_OUTCOMES: tuple[str, ...] = ("stunting_pct", "mcpr_pct", "unmet_need_pct", "cakupan_imunisasi_pct")
#: Extra change per year in a partnership's kabupaten/kota after it started, in units of the outcome's pace sd,
#: towards the better side.
PARTNERSHIP_EXTRA = 0.6


def reference_values(p: pd.DataFrame, first_year: int, last_year: int, seed: int) -> pd.DataFrame:
    """The ``rujukan`` rows (stored columns) for the years ``first_year``–``last_year``."""
    rng = np.random.default_rng(seed + 7)
    years = np.arange(first_year, last_year + 1)
    provs = contract.provinces()
    areas = contract.areas()
    demo_provs = sorted(set(p["provinsi_kode"].dropna()))
    started: dict[str, int] = {}  # kabupaten/kota -> the first year a demo partnership works there
    for kode, start in zip(p["kabupaten_kode"], p["tanggal_mulai"]):
        if isinstance(kode, str) and kode:
            started[kode] = min(started.get(kode, 9999), pd.Timestamp(start).year)
    rows: list[tuple] = []
    for j, code in enumerate(REFERENCE_OUTCOMES):
        k = OUTCOMES.index(code)
        dyn = OUTCOME_DYNAMICS[code]
        better = 1.0 if contract.indicator(code).lebih_tinggi_lebih_baik else -1.0
        prov_level = {b: PROVINCE_LEVELS[b][k] + dyn["drift"] * (years - LEVEL_YEAR) for b in provs}
        weights = np.array([provs[b].penduduk for b in provs], dtype=float)
        national = sum(prov_level[b] * w for b, w in zip(provs, weights)) / weights.sum()
        for y, v in zip(years, national):
            rows.append(("ID", code, int(y), float(v)))
        for b in provs:
            noise = rng.normal(0, dyn["noise"] * 0.3, size=len(years))
            for y, v in zip(years, prov_level[b] + noise):
                rows.append((b, code, int(y), float(v)))
        for a in areas.values():
            if a.provinsi_kode not in demo_provs:
                continue
            offset = rng.normal(0, dyn["level_sd"] * 1.5)
            pace = rng.normal(0, dyn["pace_sd"] * 0.5)
            since = started.get(a.kode)
            extra = (
                np.zeros(len(years))
                if since is None
                else (better * PARTNERSHIP_EXTRA * dyn["pace_sd"] * np.clip(years - since, 0, None))
            )
            values = (
                prov_level[a.provinsi_kode]
                + offset
                + pace * (years - years[0])
                + extra
                + rng.normal(0, dyn["noise"] * 0.5, size=len(years))
            )
            for y, v in zip(years, values):
                rows.append((a.kode, code, int(y), float(v)))
    df = pd.DataFrame(rows, columns=["wilayah_kode", "kode_indikator", "tahun", "nilai"])
    lo = df["kode_indikator"].map(lambda c: OUTCOME_DYNAMICS[c]["lo"])
    hi = df["kode_indikator"].map(lambda c: OUTCOME_DYNAMICS[c]["hi"])
    df["nilai"] = df["nilai"].clip(lo, hi).round(1)
    regions = {c: contract.match_region(c) for c in df["wilayah_kode"].unique()}
    df["wilayah"] = df["wilayah_kode"].map(lambda c: regions[c].nama)
    df["tingkat_wilayah"] = df["wilayah_kode"].map(lambda c: regions[c].tingkat)
    df["provinsi_kode"] = df["wilayah_kode"].map(lambda c: regions[c].provinsi_kode)
    df["periode"] = df["tahun"].astype(str)
    df["periode_mulai"] = [dt.date(int(y), 1, 1) for y in df["tahun"]]
    df["jenis_periode"] = "tahun"
    df["sumber"] = SOURCE
    return df[contract.stored_columns("rujukan")]
