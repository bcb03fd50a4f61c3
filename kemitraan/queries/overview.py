"""The app shell's period bounds and the home page's headline numbers.

The headline numbers come from the same reach, sustainability and survey queries
as the other pages, so the home page never disagrees with them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kemitraan import contract
from kemitraan.contract.schema import KINDS


def period_bounds(con) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = con.execute("SELECT min(periode_mulai), max(periode_mulai) FROM indikator").fetchall()[0]
    return (lo, hi)


#: What an empty page may lack: a record kind, or a catalog dimension (the reports of its indicators).
NEEDS = (*KINDS, "jangkauan", "keberlanjutan", "dampak")


def stored(con, need: str) -> bool:
    """Whether the store holds anything of ``need`` at all, the filters aside: an empty page then says "nothing
    uploaded yet" (and where to upload) instead of blaming filters that exclude nothing."""
    if need in KINDS:
        return bool(con.execute(f"SELECT EXISTS (SELECT 1 FROM {need})").fetchall()[0][0])
    codes = [i.kode for i in contract.indicators_of(need)]
    if need not in NEEDS or not codes:
        raise ValueError(f"unknown need: {need!r}")
    return bool(
        con.execute(
            "SELECT EXISTS (SELECT 1 FROM indikator WHERE list_contains($codes, kode_indikator) AND nilai IS NOT NULL)",
            {"codes": codes},
        ).fetchall()[0][0]
    )


def kabupaten_options(con, provinsi: tuple[str, ...] = ()) -> list[str]:
    """The Kemendagri codes of the kabupaten/kota where partnerships (of the given provinces) work, in the
    reference list's order: the filter's choices. A name stored before matching that fits no area has no code
    and is not offered (``python -m kemitraan kabupaten`` lists those)."""
    where = "list_contains($prov::VARCHAR[], provinsi_kode)" if provinsi else "TRUE"
    rows = con.execute(
        f"SELECT DISTINCT kabupaten_kode FROM kemitraan WHERE kabupaten_kode IS NOT NULL AND {where} ORDER BY 1",
        {"prov": list(provinsi)} if provinsi else {},
    ).fetchall()
    return [r[0] for r in rows]


def month_range(lo: dt.date, hi: dt.date) -> list[dt.date]:
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def headline(status: pd.DataFrame, reach: pd.DataFrame, sust: pd.DataFrame, resp: pd.DataFrame) -> dict:
    """The home page's headline numbers from the one-row totals of the analysis queries."""

    def one(df: pd.DataFrame, col: str):
        return None if df.empty or col not in df or pd.isna(df[col].iloc[0]) else float(df[col].iloc[0])

    return {
        "n_kemitraan": int(one(status, "n_kemitraan") or 0),
        "n_aktif": int(one(status, "n_aktif") or 0),
        "terjangkau": one(reach, "terjangkau"),
        "capaian_pct": one(reach, "capaian_pct"),
        "rentan_pct": one(reach, "porsi_rentan_pct"),
        "dana_realisasi": one(sust, "dana_realisasi_idr"),
        "realisasi_pct": one(sust, "realisasi_pct"),
        "n_responden": int(one(resp, "n_responden") or 0),
    }
