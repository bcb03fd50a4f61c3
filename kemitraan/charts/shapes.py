"""The boundaries a map figure carries, as light as its view allows.

The shipped files (``kemitraan/catalog/geo/``) are detailed enough for one province filling the screen
(0.001° coordinates). A whole-country view spans about 46° of longitude on a 1,000–1,500 px wide figure, so a
pixel is about 0.03°: most of those points, and thousands of islets smaller than a pixel, are invisible there,
yet every one is sent to the browser and drawn. Before this module the province map carried 1.5 MB of
coordinates and all 514 kabupaten/kota would have carried 2 MB (bench/RESULTS.md, "Peta").

So a figure's boundaries are simplified for the view they are drawn in: Douglas–Peucker at a tolerance of at most
a pixel of that view (:func:`tolerance_for`), rings smaller than a pixel or so dropped (but every area keeps at
least its largest polygon: an area is never lost from the map), coordinates rounded to what the tolerance
keeps, and the properties (names, label points) left out: hovers carry the names. Each area is simplified
independently, as the shipped files are, so neighbours may show hairline gaps below a pixel wide.

The whole country is the view drawn most (the Peta page's first view, every deck's map), and simplifying it took
a fresh process a quarter of a second (reading the detailed file and Douglas–Peucker over every ring): its result
ships too, ``geo/indonesia_<level>_negara.json.gz`` (each area's box and its boundary at :data:`COUNTRY_STEP`),
made by ``python -m kemitraan.charts.shapes`` from the detailed file. It names the digest of the detailed file it
was made from; a file made from other boundaries is ignored (the boundaries are simplified here, as before), and
tests/test_map_shapes.py checks that the shipped result is what this module computes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sys
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from kemitraan import catalog, contract

#: The widest a map figure is drawn (px): the presentation view on a 1440–1920 px screen. A pixel at this width,
#: rounded down to a step, is the tolerance, so no narrower figure shows a simplified edge either (the country:
#: 0.02°, two-thirds of a pixel; Jawa Timur: 0.002°; Jakarta: the shipped 0.001° kept whole).
VIEW_PX = 1500
#: Tolerances are rounded down to one of these (degrees), so each area is simplified only a few ways per process.
STEPS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02)
#: The whole country's tolerance (the coarsest step): its result ships, :func:`country_view`.
COUNTRY_STEP = STEPS[-1]
#: Raised with any change to how :func:`_simplified` simplifies (thresholds, rounding): a shipped country view made
#: by another version of it is then not read (:func:`_digest`).
SIMPLIFY_VERSION = 1


def tolerance_for(codes, level: str) -> float:
    """A pixel of a :data:`VIEW_PX` wide view fitted to the areas ``codes`` of ``level`` (degrees), rounded down."""
    boxes = [_bbox(level, c) for c in codes]
    if not boxes:
        return STEPS[0]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    # Mercator stretches latitude; near the equator (Indonesia: 11°S–6°N) the wider side decides
    span = max(x1 - x0, (y1 - y0) * 1.6)
    wanted = span / VIEW_PX
    return max([s for s in STEPS if s <= wanted] or [STEPS[0]])


def geojson(level: str, codes, tolerance: float) -> dict:
    """A FeatureCollection of the areas ``codes`` (feature ``id`` = the code), simplified to ``tolerance``."""
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": c, "geometry": _light(level, c, tolerance)} for c in codes],
    }


@cache
def _features(level: str) -> dict[str, dict]:
    """The shipped features of one level by code (read when first drawn: a province map never reads the 514)."""
    return {f["id"]: f for f in contract.boundaries(level)["features"]}


@cache
def _bbox(level: str, code: str) -> tuple[float, float, float, float]:
    box = _shipped(level)["bbox"].get(code)
    return tuple(box) if box is not None else _measured_bbox(level, code)


def _measured_bbox(level: str, code: str) -> tuple[float, float, float, float]:
    pts = np.concatenate([poly[0] for poly in _rings(level, code)])
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def _polygons(geometry: dict) -> list:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


@cache
def _rings(level: str, code: str) -> list[list[np.ndarray]]:
    """The area's polygons as arrays of their rings, converted once per process (not once per view)."""
    return [[np.asarray(ring, float) for ring in poly] for poly in _polygons(_features(level)[code]["geometry"])]


def _area(ring: np.ndarray) -> float:
    # the shoelace; the shifted copies by concatenation (what np.roll computes, without its overhead per call,
    # and the same sums: an islet at the threshold is kept or dropped as before)
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.concatenate((y[1:], y[:1]))) - np.dot(y, np.concatenate((x[1:], x[:1])))))


def _douglas_peucker(pts: np.ndarray, tol: float) -> np.ndarray:
    """The points of a closed ring that keep it within ``tol`` of itself (first and last always kept)."""
    keep = np.zeros(len(pts), bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        p, d, seg = pts[a], pts[b] - pts[a], pts[a + 1 : b]
        length = math.hypot(d[0], d[1])
        dist = (
            np.hypot(seg[:, 0] - p[0], seg[:, 1] - p[1])
            if length == 0
            else np.abs(d[0] * (seg[:, 1] - p[1]) - d[1] * (seg[:, 0] - p[0])) / length
        )
        i = int(np.argmax(dist))
        if dist[i] > tol:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    return pts[keep]


class Shared(list):
    """Coordinates every figure of this process shares (:func:`_light` keeps one copy per area and tolerance, and no
    one changes them): a deep copy is the list itself. Plotly deep-copies a trace's data when it is added and the
    whole figure again when Streamlit serialises it: the boundaries were a fifth of the Peta page's CPU."""

    __slots__ = ()

    def __deepcopy__(self, memo) -> Shared:
        return self


@lru_cache(maxsize=4096)
def _light(level: str, code: str, tol: float) -> dict:
    if tol == COUNTRY_STEP:
        shipped = _shipped(level)["geometry"].get(code)
        if shipped is not None:
            return {"type": "MultiPolygon", "coordinates": Shared(shipped)}
    return {"type": "MultiPolygon", "coordinates": Shared(_simplified(level, code, tol))}


def _simplified(level: str, code: str, tol: float) -> list:
    """The polygons of area ``code`` simplified to ``tol`` (degrees), as MultiPolygon coordinates."""
    # rounding moves a point by at most half a unit of the last decimal kept: no more than the tolerance allows
    decimals = min(3, max(2, math.ceil(-math.log10(tol) - 1e-9)))  # 0.02 → 2 decimals, 0.005 → 3 (as shipped)
    polygons = _rings(level, code)
    kept = []
    for poly in polygons:
        if _area(poly[0]) < tol * tol * 4:  # an islet under a pixel: invisible in this view
            continue
        rings = []
        for r in poly:
            if rings and _area(r) < tol * tol * 4:  # a hole under a pixel
                continue
            s = np.round(_douglas_peucker(r, tol), decimals)
            s = s[np.r_[True, np.any(s[1:] != s[:-1], axis=1)]]  # rounding may repeat a point
            if len(s) >= 4:
                rings.append(s.tolist())
            elif not rings:
                break  # the outer ring collapsed: the polygon is too small for this view
        if rings:
            kept.append(rings)
    if not kept:  # an area made only of small islands (Kepulauan Seribu) keeps its largest one, as shipped
        largest = _polygons(_features(level)[code]["geometry"])[
            max(range(len(polygons)), key=lambda i: _area(polygons[i][0]))
        ]
        kept = [largest]
    return kept


def _detailed_file(level: str):
    return catalog.geo_file(f"{contract.BOUNDARY_FILES[level]}.geojson.gz")


def _country_file(level: str):
    return catalog.geo_file(f"{contract.BOUNDARY_FILES[level]}_negara.json.gz")


def _digest(level: str) -> str:
    """What a shipped country view was made from: the detailed boundaries, the province codes that name them
    (``provinsi.csv`` maps the Kemendagri codes of the file to ours) and the way they are simplified."""
    h = hashlib.sha1(_detailed_file(level).read_bytes())
    h.update(catalog.data_file("provinsi.csv").read_bytes())
    h.update(f"simplify {SIMPLIFY_VERSION}".encode())
    return h.hexdigest()


@cache
def _shipped(level: str) -> dict:
    """The shipped country view of ``level`` (boxes and boundaries by code), or nothing when it is missing or was
    made from other boundaries than the shipped detailed ones."""
    try:
        view = json.loads(gzip.decompress(_country_file(level).read_bytes()))
    except (OSError, ValueError):
        return {"bbox": {}, "geometry": {}}
    if view.get("digest") != _digest(level) or view.get("tolerance") != COUNTRY_STEP:
        return {"bbox": {}, "geometry": {}}
    return view


def country_view(level: str) -> dict:
    """What ships as ``geo/<level>_negara.json.gz``, computed from the detailed boundaries: every area's box and its
    boundary simplified to :data:`COUNTRY_STEP`, with the digest of the file they come from."""
    codes = list(_features(level))
    return {
        "digest": _digest(level),
        "tolerance": COUNTRY_STEP,
        "bbox": {c: list(_measured_bbox(level, c)) for c in codes},
        "geometry": {c: _simplified(level, c, COUNTRY_STEP) for c in codes},
    }


if __name__ == "__main__":  # python -m kemitraan.charts.shapes: write the country views after the boundaries change
    for lvl in contract.BOUNDARY_FILES:
        target = Path(str(_country_file(lvl)))
        text = json.dumps(country_view(lvl), separators=(",", ":"))
        target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        print(f"{target}: {target.stat().st_size:,} bytes", file=sys.stderr)
