"""The Metodologi page's tables, built from the single sources: the indicator catalog and the indices."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import unit_label
from kemitraan.methods import indices


def _direction(better: bool | None, lang: str) -> str:
    return t("an.dir.none" if better is None else ("an.dir.up" if better else "an.dir.down"), lang)


def _range(lo: float | None, hi: float | None) -> str:
    if lo is None and hi is None:
        return "–"
    return f"{'' if lo is None else f'{lo:g}'} – {'' if hi is None else f'{hi:g}'}".strip()


def indicator_table(lang: str) -> pd.DataFrame:
    """Every indicator of the catalog: code, name, dimension, definition, unit, direction, aggregation, range, source."""
    rows = []
    for ind in contract.indicators().values():
        rows.append(
            {
                "kode": ind.kode,
                "nama": ind.label(lang),
                "dimensi": contract.enum_label("dimensi", ind.dimensi, lang),
                "definisi": ind.definition(lang),
                "satuan": unit_label(ind.kode, lang),
                "arah": _direction(ind.lebih_tinggi_lebih_baik, lang),
                "agregasi_waktu": t(f"agregasi.{ind.agregasi_waktu}", lang),
                "agregasi_wilayah": t(f"agregasi.{ind.agregasi_wilayah}", lang),
                "batas": _range(ind.min, ind.max),
                "sumber": t("an.catalog_source", lang),
            }
        )
    return pd.DataFrame(rows)


def index_table(lang: str) -> pd.DataFrame:
    """Every index and rule (definition, formula, unit, direction, source)."""
    return indices.index_docs(lang)
