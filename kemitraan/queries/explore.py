"""Jelajah Data: the stored views as filtered rows, their count, and a pivot of one indicator by two dimensions."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import indicator_series


def _view_sql(f: Filters, kind: str, cari: str | None) -> tuple[str, dict, str]:
    """(FROM … WHERE …, parameters, ORDER BY columns) of one view within the filters and the search text."""
    if kind not in contract.KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    kw = f.partnership_where("k")
    params: dict = f.params()
    if cari:
        kw += (
            r" AND (k.kode_kemitraan ILIKE $cari ESCAPE '\' OR k.nama_kemitraan ILIKE $cari ESCAPE '\'"
            r" OR k.mitra_utama ILIKE $cari ESCAPE '\')"
        )
        params["cari"] = "%" + cari.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if kind == "kemitraan":
        return f"FROM kemitraan v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw}", params, "v.kode_kemitraan"
    if kind == "indikator":
        return (
            f"FROM {_sql.ROWS} v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {f.period_where('v')}",
            params,
            "v.kode_kemitraan, v.periode_mulai, v.kode_indikator",
        )
    return (
        f"FROM survei v JOIN kemitraan k USING (kode_kemitraan) WHERE {kw} AND {f.survey_where('v')}",
        params,
        "v.kode_kemitraan, v.tanggal_survei, v.respon_id",
    )


def view_rows(con, f: Filters, kind: str, limit: int | None = 5000, cari: str | None = None) -> pd.DataFrame:
    """Rows of one view (``kemitraan``, ``indikator`` or ``survei``) within the filters, at most ``limit``.

    ``cari`` keeps the partnerships whose code, name or lead partner contains that text (case-insensitive).
    """
    body, params, order = _view_sql(f, kind, cari)
    cols = ", ".join(f"v.{c}" for c in contract.stored_columns(kind))
    sql = f"SELECT {cols} {body} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT $limit"
        params["limit"] = int(limit)
    return _sql.run(con, sql, params)


def count_rows(con, f: Filters, kind: str, cari: str | None = None) -> int:
    """How many rows of ``kind`` the filters (and ``cari``) select, for 'showing n of N'."""
    body, params, _ = _view_sql(f, kind, cari)
    return int(_sql.scalar(con, f"SELECT count(*) {body}", params))


def pivot(con, f: Filters, kode: str, rows: str, cols: str) -> pd.DataFrame:
    """One indicator aggregated by two dimensions (partnership attributes, ``tahun`` or ``periode``).

    Long result: ``rows``, ``cols``, ``nilai``; aggregated by the catalog's rules
    (a period dimension gives the value per year; ``periode`` per quarter).
    """
    if rows == cols:
        raise ValueError("pivot needs two different dimensions")
    if "tahun" in (rows, cols) and "periode" in (rows, cols):
        raise ValueError("pivot cannot use both tahun and periode")
    grain = "semua"
    gdims = []
    for d in (rows, cols):
        if d == "tahun":
            grain = "tahun"
        elif d == "periode":
            grain = "triwulan"
        else:
            gdims.append(d)
    s = indicator_series(con, f, [kode], grain=grain, by=gdims)
    if grain != "semua":
        s = s.rename(columns={"periode": "tahun" if grain == "tahun" else "periode"})
    return s[[rows, cols, "nilai"]]
