"""The boundaries a whole-country map carries ship already simplified (kemitraan/charts/shapes.py): the shipped
result must be exactly what the detailed boundaries give, and a result made from other boundaries is never drawn."""

from __future__ import annotations

import gzip
import json

import pytest

from kemitraan import contract
from kemitraan.charts import shapes


@pytest.mark.parametrize("level", list(contract.BOUNDARY_FILES))
def test_the_shipped_country_view_is_the_detailed_boundaries_simplified(level):
    shipped = json.loads(gzip.decompress(shapes._country_file(level).read_bytes()))
    computed = shapes.country_view(level)
    assert shipped["digest"] == computed["digest"]  # made from the boundaries that ship beside it
    assert (
        set(shipped["geometry"])
        == set(computed["geometry"])
        == {f["id"] for f in contract.boundaries(level)["features"]}
    )
    assert shipped == json.loads(json.dumps(computed))  # every area's box and every coordinate


@pytest.mark.parametrize("level", list(contract.BOUNDARY_FILES))
def test_a_country_map_draws_every_area_from_the_shipped_view(level, monkeypatch):
    codes = [f["id"] for f in contract.boundaries(level)["features"]]
    for cached in (shapes._light, shapes._bbox, shapes._rings):
        cached.cache_clear()

    def detailed(*_):
        raise AssertionError("the country view simplified the detailed boundaries instead of reading the shipped ones")

    monkeypatch.setattr(shapes, "_rings", detailed)
    assert shapes.tolerance_for(codes, level) == shapes.COUNTRY_STEP
    drawn = shapes.geojson(level, codes, shapes.COUNTRY_STEP)
    monkeypatch.undo()
    for cached in (shapes._light, shapes._bbox):
        cached.cache_clear()
    assert [f["id"] for f in drawn["features"]] == codes
    assert all(f["geometry"]["coordinates"] for f in drawn["features"])  # no area lost, however small
    shipped = json.loads(gzip.decompress(shapes._country_file(level).read_bytes()))
    assert all(f["geometry"]["coordinates"] == shipped["geometry"][f["id"]] for f in drawn["features"])


def test_a_country_view_made_from_other_boundaries_is_not_drawn(tmp_path, monkeypatch):
    """Boundaries replaced without making the country view again: the map simplifies the new ones itself."""
    level, code = "provinsi", "31"  # DKI Jakarta
    view = json.loads(gzip.decompress(shapes._country_file(level).read_bytes()))
    view["digest"] = "0" * 40  # made from other boundaries, other province codes or another simplification
    view["geometry"][code] = [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]  # a square in the Gulf of Guinea
    stale = tmp_path / "stale.json.gz"
    stale.write_bytes(gzip.compress(json.dumps(view).encode("utf-8")))
    monkeypatch.setattr(shapes, "_country_file", lambda lvl: stale)
    shapes._shipped.cache_clear()
    shapes._light.cache_clear()
    shapes._bbox.cache_clear()
    try:
        drawn = shapes.geojson(level, [code], shapes.COUNTRY_STEP)["features"][0]["geometry"]["coordinates"]
        assert drawn == shapes._simplified(level, code, shapes.COUNTRY_STEP)
        lon = [p[0] for poly in drawn for ring in poly for p in ring]
        assert 106 < min(lon) < max(lon) < 107.5  # Jakarta's longitudes, not the square's
    finally:
        monkeypatch.undo()
        shapes._shipped.cache_clear()
        shapes._light.cache_clear()
        shapes._bbox.cache_clear()
