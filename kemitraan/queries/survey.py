"""Partnership health from the self-assessment survey: principles, Likert answers, satisfaction, challenges."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.methods import indices
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import dims


def _survey_cte(f: Filters, gdims: list[str], kode: str | None = None) -> str:
    """``WITH s AS (…)``: the filtered survey rows with the partnership's group columns."""
    kw = f.partnership_where("k") + (" AND k.kode_kemitraan = $kode" if kode is not None else "")
    kd = "".join(f", k.{d}" for d in gdims)
    return (
        f"WITH s AS (SELECT s.*{kd} FROM survei s JOIN kemitraan k USING (kode_kemitraan) "
        f"WHERE {kw} AND {f.survey_where('s')})"
    )


def _in_principle_order(df: pd.DataFrame, gdims: list[str], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    order = {p: i for i, p in enumerate(contract.PRINCIPLES)}
    return (
        df.assign(_o=df["prinsip"].map(order))
        .sort_values([*gdims, "_o", *extra])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def health_by_principle(
    con, f: Filters, by: str | list[str] | None = "kategori", kode: str | None = None
) -> pd.DataFrame:
    """Per group and principle: respondents ``n``, the 1–5 mean, score 0–100, zone and the small-n flag."""
    gdims = dims(by)
    cols = ", ".join(contract.PRINCIPLES)
    g = _sql.group_prefix(gdims)
    sql = f"""{_survey_cte(f, gdims, kode)},
    u AS (UNPIVOT (SELECT {g}{cols} FROM s) ON {cols} INTO NAME prinsip VALUE nilai)
    SELECT {g}prinsip, count(nilai) AS n, avg(nilai) AS rata_rata FROM u
    GROUP BY {g}prinsip
    """
    df = _sql.run(con, sql, {**f.params(), "kode": kode})
    if df.empty:
        return df.assign(skor=pd.Series(dtype=float), zona=pd.Series(dtype=object), n_kecil=pd.Series(dtype=bool))
    return indices.health_scores(_in_principle_order(df, gdims))


def respondents(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Respondents and partnerships surveyed per group."""
    gdims = dims(by)
    g = ", ".join(gdims)
    sql = f"""{_survey_cte(f, gdims)}
    SELECT {g + "," if gdims else ""} count(*) AS n_responden, count(DISTINCT kode_kemitraan) AS n_kemitraan
    FROM s {"GROUP BY " + g + " ORDER BY " + g if gdims else ""}"""
    return _sql.run(con, sql, f.params())


def likert_distribution(con, f: Filters, by: str | list[str] | None = None) -> pd.DataFrame:
    """Per (group,) principle and answer 1–5: respondents and the share of the principle's answers (%)."""
    gdims = dims(by)
    cols = ", ".join(contract.PRINCIPLES)
    g = _sql.group_prefix(gdims)
    sql = f"""{_survey_cte(f, gdims)},
    u AS (UNPIVOT (SELECT {g}{cols} FROM s) ON {cols} INTO NAME prinsip VALUE nilai)
    SELECT {g}prinsip, CAST(nilai AS INTEGER) AS nilai, count(*) AS n,
           100.0 * count(*) / sum(count(*)) OVER (PARTITION BY {g}prinsip) AS pct
    FROM u WHERE nilai IS NOT NULL GROUP BY {g}prinsip, nilai
    """
    return _in_principle_order(_sql.run(con, sql, f.params()), gdims, ("nilai",))


def satisfaction(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Overall satisfaction (kepuasan, 1–5) per group: n, mean, score 0–100, zone, share satisfied (4–5)."""
    gdims = dims(by)
    g = ", ".join(gdims)
    sql = f"""{_survey_cte(f, gdims)}
    SELECT {g + "," if gdims else ""} count(kepuasan) AS n, avg(kepuasan) AS rata_rata,
           100.0 * count(*) FILTER (WHERE kepuasan >= 4) / nullif(count(kepuasan), 0) AS puas_pct
    FROM s {"GROUP BY " + g + " ORDER BY " + g if gdims else ""}"""
    df = _sql.run(con, sql, f.params())
    df = df[df["n"] > 0].reset_index(drop=True)
    return indices.health_scores(df) if not df.empty else df


def challenges(con, f: Filters) -> pd.DataFrame:
    """Challenges named by respondents, most frequent first, with the cumulative share (Pareto).

    ``pct_responden`` = respondents naming it ÷ all respondents × 100; ``kumulatif_pct`` =
    cumulative share of all mentions.
    """
    sql = f"""{_survey_cte(f, [])},
    total AS (SELECT count(*) AS n FROM s),
    m AS (SELECT unnest(tantangan) AS tantangan FROM s)
    SELECT tantangan, count(*) AS n, 100.0 * count(*) / any_value(total.n) AS pct_responden,
           100.0 * sum(count(*)) OVER (ORDER BY count(*) DESC, tantangan ROWS UNBOUNDED PRECEDING)
                 / sum(count(*)) OVER () AS kumulatif_pct
    FROM m, total GROUP BY tantangan ORDER BY n DESC, tantangan
    """
    return _sql.run(con, sql, f.params())
