"""One colour per partnership category, the same on every chart (Okabe–Ito: colour-blind-safe)."""

from kemitraan import contract

KATEGORI_COLORS: dict[str, str] = {
    "pemerintah_lsm": "#0072B2",
    "publik_swasta": "#E69F00",
    "berbasis_masyarakat": "#009E73",
    "internasional": "#CC79A7",
    "multisektor": "#56B4E9",
    "nirlaba": "#D55E00",
}
NEUTRAL = "#7F7F7F"
BETTER = "#009E73"
WORSE = "#D55E00"

assert set(KATEGORI_COLORS) == set(contract.ENUMS["kategori"]), "every kategori needs a colour"


def kategori_color_map(lang: str) -> dict[str, str]:
    """Colours keyed by the category label in ``lang`` (what charts show in legends)."""
    return {contract.enum_label("kategori", k, lang): c for k, c in KATEGORI_COLORS.items()}


def kategori_order(lang: str) -> list[str]:
    return [contract.enum_label("kategori", k, lang) for k in KATEGORI_COLORS]
