"""Colours: one per partnership category, the same on every chart (Okabe–Ito: colour-blind-safe), and the
other scales figures share."""

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

#: Colour-blind-safe series colours for groups other than kategori (Okabe–Ito, then yellow, black and grey).
SERIES_COLORS = [*KATEGORI_COLORS.values(), "#F0E442", "#000000", NEUTRAL]
#: Zone colours (Okabe–Ito): strong bluish green, needs attention orange, weak vermillion.
ZONE_COLORS = {"kuat": "#009E73", "perlu_perhatian": "#E69F00", "lemah": "#D55E00"}
#: Diverging Likert colours 1…5 (ColorBrewer RdBu, colour-blind-safe), neutral grey in the middle.
LIKERT_COLORS = {1: "#B2182B", 2: "#EF8A62", 3: "#BDBDBD", 4: "#67A9CF", 5: "#2166AC"}
#: A sequential, colour-blind-safe scale for the map and heatmaps.
MAP_SCALE = "Cividis"

assert set(KATEGORI_COLORS) == set(contract.ENUMS["kategori"]), "every kategori needs a colour"


def kategori_color_map(lang: str) -> dict[str, str]:
    """Colours keyed by the category label in ``lang`` (what charts show in legends)."""
    return {contract.enum_label("kategori", k, lang): c for k, c in KATEGORI_COLORS.items()}


def kategori_order(lang: str) -> list[str]:
    return [contract.enum_label("kategori", k, lang) for k in KATEGORI_COLORS]
