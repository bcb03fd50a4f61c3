"""Reference values (kind ``rujukan``): the dashed lines beside a partnership's outcome, and the comparison areas.

- :func:`reference_lines` — the national value and the given provinces' values of one indicator for the years
  of the range (yearly values only), each with its source.
- :func:`area_changes` — each kabupaten/kota's change of an outcome from the first to the last year of the range
  that the reference values hold, and its group: ``kemitraan`` (a filtered partnership that reports the outcome
  works there) or ``pembanding`` (another kabupaten/kota of the same provinces where no stored partnership works).
- :func:`comparison` — the two groups' mean changes, their difference with Welch's 95 % interval
  (kemitraan.methods.comparison) and n areas each side: a descriptive comparison, never proof of effect
  (docs/METHODS.md §13).
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from kemitraan import contract
from kemitraan.methods.comparison import welch_difference
from kemitraan.queries import _sql, periods
from kemitraan.queries.filters import Filters

#: Columns of :func:`reference_lines`.
LINE_COLUMNS = ("wilayah_kode", "wilayah", "tingkat_wilayah", "tahun", "nilai", "sumber")
#: Columns of :func:`area_changes`.
CHANGE_COLUMNS = ("wilayah_kode", "wilayah", "provinsi_kode", "kelompok", "awal", "akhir", "perubahan")
#: Keys of :func:`comparison`'s result (``angka --json``'s ``pembanding`` has these, first five required).
SUMMARY_KEYS = (
    "perubahan_kemitraan",
    "perubahan_pembanding",
    "selisih",
    "n_wilayah_kemitraan",
    "n_wilayah_pembanding",
    "ik_bawah",
    "ik_atas",
    "tahun_awal",
    "tahun_akhir",
    "satuan",
    "sumber",
)


def _ranged(con, f: Filters) -> Filters:
    """``f`` with the range the pages' figures cover (the data's months where the filter leaves a side open)."""
    rng = periods.effective(con, f)
    return f if rng is None else replace(f, period_from=rng.start, period_to=rng.end)


def _year_where(f: Filters, alias: str = "r") -> str:
    """Yearly reference values of the calendar years the range touches."""
    parts = [f"{alias}.jenis_periode = 'tahun'"]
    if f.period_from:
        parts.append(f"year({alias}.periode_mulai) >= year($f_dari::DATE)")
    if f.period_to:
        parts.append(f"year({alias}.periode_mulai) <= year($f_sampai::DATE)")
    return " AND ".join(parts)


def reference_lines(con, f: Filters, kode: str, provinsi: tuple[str, ...] = ()) -> pd.DataFrame:
    """The country's and ``provinsi``'s (BPS codes) yearly values of ``kode`` in the range, national first."""
    f = _ranged(con, f)
    sql = f"""
        SELECT r.wilayah_kode, r.wilayah, r.tingkat_wilayah, CAST(year(r.periode_mulai) AS INTEGER) AS tahun, r.nilai,
               r.sumber
        FROM rujukan r
        WHERE r.kode_indikator = $kode AND {_year_where(f)}
          AND (r.tingkat_wilayah = 'nasional'
               OR (r.tingkat_wilayah = 'provinsi' AND list_contains($prov::VARCHAR[], r.wilayah_kode)))
        ORDER BY r.tingkat_wilayah <> 'nasional', r.wilayah_kode, tahun"""
    return _sql.run(con, sql, {**f.params(), "kode": kode, "prov": list(provinsi)})


def partnership_provinces(con, f: Filters, kode: str) -> list[str]:
    """The provinces (BPS codes) of the filtered partnerships that report ``kode`` in the range."""
    sql = f"""
        SELECT DISTINCT k.provinsi_kode FROM kemitraan k
        WHERE {f.partnership_where("k")} AND k.provinsi_kode IS NOT NULL
          AND EXISTS (SELECT 1 FROM {_sql.ROWS} i WHERE i.kode_kemitraan = k.kode_kemitraan
                      AND i.kode_indikator = $kode AND {f.period_where("i")})
        ORDER BY 1"""
    return list(_sql.run(con, sql, {**f.params(), "kode": kode})["provinsi_kode"])


def area_changes(con, f: Filters, kode: str) -> tuple[pd.DataFrame, int | None, int | None]:
    """(one row per kabupaten/kota of either group with a value in both years, first year, last year).

    The years are the first and last of the range for which the reference values hold a kabupaten/kota value of
    ``kode`` in the partnerships' provinces; an area without a value in both is left out of n."""
    f = _ranged(con, f)
    sql = f"""
        WITH kerja AS (
            SELECT DISTINCT k.kabupaten_kode, k.provinsi_kode FROM kemitraan k
            WHERE {f.partnership_where("k")} AND k.kabupaten_kode IS NOT NULL
              AND EXISTS (SELECT 1 FROM {_sql.ROWS} i WHERE i.kode_kemitraan = k.kode_kemitraan
                          AND i.kode_indikator = $kode AND {f.period_where("i")})),
        semua_kerja AS (SELECT DISTINCT kabupaten_kode FROM kemitraan WHERE kabupaten_kode IS NOT NULL),
        ref AS (
            SELECT r.wilayah_kode, r.wilayah, r.provinsi_kode, CAST(year(r.periode_mulai) AS INTEGER) AS tahun, r.nilai
            FROM rujukan r
            WHERE r.kode_indikator = $kode AND r.tingkat_wilayah = 'kabupaten' AND {_year_where(f)}
              AND r.provinsi_kode IN (SELECT provinsi_kode FROM kerja) AND r.nilai IS NOT NULL),
        span AS (SELECT min(tahun) AS a, max(tahun) AS b FROM ref),
        ch AS (
            SELECT ref.wilayah_kode, any_value(ref.wilayah) AS wilayah, any_value(ref.provinsi_kode) AS provinsi_kode,
                   max(ref.nilai) FILTER (WHERE ref.tahun = span.a) AS awal,
                   max(ref.nilai) FILTER (WHERE ref.tahun = span.b) AS akhir
            FROM ref, span WHERE span.a < span.b GROUP BY ref.wilayah_kode)
        SELECT ch.wilayah_kode, ch.wilayah, ch.provinsi_kode,
               CASE WHEN ch.wilayah_kode IN (SELECT kabupaten_kode FROM kerja) THEN 'kemitraan'
                    WHEN ch.wilayah_kode NOT IN (SELECT kabupaten_kode FROM semua_kerja) THEN 'pembanding' END
                   AS kelompok,
               ch.awal, ch.akhir, ch.akhir - ch.awal AS perubahan,
               (SELECT a FROM span) AS _a, (SELECT b FROM span) AS _b
        FROM ch WHERE ch.awal IS NOT NULL AND ch.akhir IS NOT NULL
        ORDER BY kelompok, ch.wilayah_kode"""
    df = _sql.run(con, sql, {**f.params(), "kode": kode})
    first = int(df["_a"].iloc[0]) if len(df) else None
    last = int(df["_b"].iloc[0]) if len(df) else None
    df = df[df["kelompok"].notna()].reset_index(drop=True)
    return df[list(CHANGE_COLUMNS)], first, last


def comparison(con, f: Filters, kode: str) -> dict | None:
    """The comparison of one outcome (keys :data:`SUMMARY_KEYS`), or None when no first and last year exist."""
    f = _ranged(con, f)
    areas, first, last = area_changes(con, f, kode)
    if first is None:
        return None
    d = welch_difference(
        areas.loc[areas["kelompok"] == "kemitraan", "perubahan"].to_numpy(dtype=float),
        areas.loc[areas["kelompok"] == "pembanding", "perubahan"].to_numpy(dtype=float),
    )
    sources = _sql.run(
        con,
        f"""
        SELECT DISTINCT r.sumber FROM rujukan r
        WHERE r.kode_indikator = $kode AND r.tingkat_wilayah = 'kabupaten' AND {_year_where(f)}
          AND year(r.periode_mulai) IN ($a, $b) AND list_contains($areas::VARCHAR[], r.wilayah_kode) ORDER BY 1""",
        {**f.params(), "kode": kode, "a": first, "b": last, "areas": list(areas["wilayah_kode"])},
    )
    return {
        "perubahan_kemitraan": _num(d.perubahan_kemitraan),
        "perubahan_pembanding": _num(d.perubahan_pembanding),
        "selisih": _num(d.selisih),
        "n_wilayah_kemitraan": d.n_wilayah_kemitraan,
        "n_wilayah_pembanding": d.n_wilayah_pembanding,
        "ik_bawah": _num(d.ik_bawah),
        "ik_atas": _num(d.ik_atas),
        "tahun_awal": first,
        "tahun_akhir": last,
        "satuan": contract.indicator(kode).satuan,
        "sumber": list(sources["sumber"]),
    }


def comparisons(con, f: Filters, kodes: tuple[str, ...]) -> dict[str, dict]:
    """:func:`comparison` of every outcome in ``kodes`` that has one."""
    out = {}
    for kode in kodes:
        c = comparison(con, f, kode)
        if c is not None:
            out[kode] = c
    return out


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)
