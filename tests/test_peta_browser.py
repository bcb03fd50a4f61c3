"""Peta at kabupaten/kota level in a real browser (`streamlit run` over the demo, headless Chromium): Jawa Timur's 38
areas drawn from the shipped boundaries with no request to another host, a click on an area filters the page and
the link, and screenshots at a projector's 1024 × 768 and a laptop's 1440 × 900 in both languages
(tests/artifacts/peta-kabupaten-*.png)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ARTIFACTS, wait_idle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kemitraan import contract

pytestmark = pytest.mark.browser

JATIM = "35"
AREA_PATHS = ".js-plotly-plot .choroplethlocation"
REACHED = "People reached (contacts)"  # the map's trace of areas with data (the page's default indicator, English)

#: A point inside the drawn area of the location ``code``: the centre of its path's box may lie outside a concave
#: area, so points of a grid over the box are tried until one lies inside the path's fill.
POINT_IN = """(code) => {
  const plot = document.querySelector('.js-plotly-plot');
  const paths = [...plot.querySelectorAll('.choroplethlocation')];
  const path = paths.find((p) => p.__data__ && p.__data__.loc === code);
  if (!path) return null;
  path.scrollIntoView({block: 'center'});  // the browser finds elements at a point only inside the viewport
  const r = path.getBoundingClientRect();
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
    // Plotly's areas take no pointer events (a layer above them does): ask the path's own geometry
    const local = new DOMPoint(x, y).matrixTransform(path.getScreenCTM().inverse());
    if (path.isPointInFill(local)) return {x, y};
  }
  return null;
}"""


def _open(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    wait_idle(page)
    return context, page, requests, errors


TRACES = """() => { const p = document.querySelector('.js-plotly-plot');
    return p && p.data ? p.data.map((t) => ({name: t.name, locations: t.locations})) : null; }"""


def _traces(page, name: str, until: str = "true") -> list[str]:
    """The locations of the map's trace ``name``, once the map is drawn (a rerun replaces the chart's element) and
    ``until`` (JavaScript over ``locs``) holds."""
    page.wait_for_function(
        f"""() => {{ const ts = ({TRACES})(); if (!ts) return false;
        const t = ts.find((x) => x.name === {name!r}); if (!t) return false; const locs = t.locations;
        return {until}; }}""",
        timeout=60_000,
    )
    return next(t for t in page.evaluate(TRACES) if t["name"] == name)["locations"]


def _foreign(requests: list[str], base: str) -> list[str]:
    own = urlsplit(base).netloc
    return [u for u in requests if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != own]


#: Each size and each language once: what is checked (the 38 areas, nothing fetched elsewhere) does not depend on
#: either; the screenshots are for a human look at the projector in Bahasa Indonesia and a laptop in English.
@pytest.mark.parametrize("lang, size", [("id", (1024, 768)), ("en", (1440, 900))])
def test_kabupaten_map_of_one_province_offline(server, browser, lang, size):
    w, h = size
    context, page, requests, errors = _open(
        browser, f"{server}/peta?provinsi={JATIM}&lang={lang}", {"width": w, "height": h}
    )
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"peta-kabupaten-{lang}-{w}.png"), full_page=True)
        # Streamlit scrolls inside its main block, so a full-page shot stops at the fold: the map as a reader
        # sees it once scrolled to
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"peta-kabupaten-{lang}-{w}-map.png"))
        assert not errors, errors
        assert page.locator("[data-testid='stException']").count() == 0
        assert not _foreign(requests, server), _foreign(requests, server)  # boundaries and base map from the app
        codes = page.evaluate(f"() => [...document.querySelectorAll('{AREA_PATHS}')].map(p => p.__data__.loc)")
        assert len(codes) == 38 and all(c.startswith(f"{JATIM}.") for c in codes)
    finally:
        context.close()


def test_a_click_on_a_kabupaten_filters_the_page_and_the_link(server, browser):
    context, page, _, errors = _open(browser, f"{server}/peta?provinsi={JATIM}&lang=en", {"width": 1440, "height": 900})
    try:
        with_data = _traces(page, REACHED)
        # the area with data that covers most of the screen: the easiest for a user (and a test) to hit
        target = page.evaluate(
            """(codes) => codes.map((c) => {
            const p = [...document.querySelectorAll('.js-plotly-plot .choroplethlocation')]
                .find((q) => q.__data__.loc === c);
            const r = p.getBoundingClientRect();
            return [r.width * r.height, c];
        }).sort((a, b) => b[0] - a[0])[0][1]""",
            with_data,
        )
        for _ in range(3):  # a click landing while Plotly still settles is retried, as a user would
            point = page.evaluate(POINT_IN, target)
            assert point, target
            page.mouse.click(point["x"], point["y"])
            try:
                page.wait_for_url("**kabupaten=**", timeout=15_000)
                break
            except PlaywrightTimeout:
                continue
        wait_idle(page)
        assert parse_qs(urlsplit(page.url).query).get("kabupaten") == [target]  # the click is in the link …
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert contract.area_name(target) in sidebar  # … and in the sidebar's kabupaten/kota filter
        assert _traces(page, REACHED, "locs.length === 1") == [target]  # … and the map colours it alone
        assert not errors, errors
        page.screenshot(path=str(ARTIFACTS / "peta-kabupaten-click.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_all_514_kabupaten_by_the_level_switch(server, browser, lang):
    context, page, requests, errors = _open(
        browser, f"{server}/peta?tingkat=kabupaten&lang={lang}", {"width": 1440, "height": 900}
    )
    try:
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"peta-kabupaten-semua-{lang}.png"))
        assert not errors and not _foreign(requests, server)
        assert page.locator(AREA_PATHS).count() == 514
    finally:
        context.close()
