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
    params: dict = f.params()
    if kind == "rujukan":  # reference values name no partnership: areas, years and the search text only
        return _reference_sql(f, params, cari)
    kw = f.partnership_where("k")
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


def _reference_sql(f: Filters, params: dict, cari: str | None) -> tuple[str, dict, str]:
    """Reference values within the filters: the national ones always, the provinces' and kabupaten/kota's of the
    provinces (and kabupaten/kota) chosen; the calendar years the range touches; ``cari`` in the area or source."""
    parts = ["TRUE"]
    if f.provinsi:
        parts.append("(v.tingkat_wilayah = 'nasional' OR list_contains($f_provinsi::VARCHAR[], v.provinsi_kode))")
    if f.kabupaten:
        parts.append("(v.tingkat_wilayah <> 'kabupaten' OR list_contains($f_kabupaten::VARCHAR[], v.wilayah_kode))")
    if f.period_from:
        parts.append("year(v.periode_mulai) >= year($f_dari::DATE)")
    if f.period_to:
        parts.append("year(v.periode_mulai) <= year($f_sampai::DATE)")
    if cari:
        parts.append(r"(v.wilayah ILIKE $cari ESCAPE '\' OR v.sumber ILIKE $cari ESCAPE '\')")
        params["cari"] = "%" + cari.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    order = (
        "CASE v.tingkat_wilayah WHEN 'nasional' THEN 0 WHEN 'provinsi' THEN 1 ELSE 2 END, v.wilayah_kode, "
        "v.kode_indikator, v.periode_mulai"
    )
    return f"FROM rujukan v WHERE {' AND '.join(parts)}", params, order


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
