"""The analysis pages in a real browser: deep links reproduce the view, a chart click filters the page,
the offline map draws its base layer."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, open_page, wait_idle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser


def _plot_data(page, title_part: str) -> list[dict]:
    """The traces of the Plotly chart whose title contains ``title_part``."""
    return page.evaluate(
        """(part) => {
            for (const el of document.querySelectorAll('.js-plotly-plot')) {
                const title = (el.layout && el.layout.title) || {};  // a takeaway title keeps the question under it
                const t = (title.text || '') + ' ' + ((title.subtitle && title.subtitle.text) || '');
                if (t.replace(/<br>/g, ' ').includes(part)) return el.data.map(d => ({x: d.x, y: d.y, type: d.type}));
            }
            return null;
        }""",
        title_part,
    )


def test_profile_deep_link_opens_that_partnership(server, browser, demo_dir):
    from kemitraan.queries import profile
    from kemitraan.storage.store import Store

    name = profile.partnership(Store(demo_dir).connect(), "DEMO-00002")["nama_kemitraan"]
    page, errors = open_page(browser, f"{server}/profil_kemitraan?kode=DEMO-00002&lang=en", "analysis-profil-deeplink")
    try:
        assert not errors, errors
        assert "kode=DEMO-00002" in page.url
        assert page.locator("[data-testid='stMain'] h2").first.inner_text().strip() == name
        assert page.locator(".js-plotly-plot").count() >= 5
    finally:
        page.close()


def test_grain_in_the_url_reproduces_the_time_axis(server, browser):
    yearly, _ = open_page(browser, f"{server}/jangkauan?lang=en", "analysis-jangkauan-year")
    quarterly, errors = open_page(browser, f"{server}/jangkauan?lang=en&grain=Quarter", "analysis-jangkauan-quarter")
    try:
        assert not errors, errors
        y = _plot_data(yearly, "coverage rising")
        q = _plot_data(quarterly, "coverage rising")
        assert y and q
        assert max(len(t["x"]) for t in q) > 2 * max(len(t["x"]) for t in y)
    finally:
        yearly.close()
        quarterly.close()


def test_clicking_a_category_filters_the_whole_page_and_the_link(server, browser):
    page, errors = open_page(browser, f"{server}/jangkauan?lang=en", "analysis-click-before")
    try:
        before = _plot_data(page, "contacts, against target")
        assert len(before[0]["x"]) == 6  # every category
        headline = page.locator("[data-testid='stMetricValue']").first.inner_text()
        for _ in range(3):  # a click that lands while Plotly is still settling is retried, as a user would
            box = page.locator(".js-plotly-plot").first.locator("g.point path").first.bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # as a user clicks a bar
            try:
                page.wait_for_url("**kategori=**", timeout=15_000)
                break
            except PlaywrightTimeout:
                continue
        wait_idle(page)
        assert "kategori=" in page.url  # the click is in the link …
        after = _plot_data(page, "contacts, against target")
        assert len(after[0]["x"]) == 1  # … the charts show the clicked category only …
        assert page.locator("[data-testid='stMetricValue']").first.inner_text() != headline  # … and the headline too
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert after[0]["x"][0] in sidebar  # the sidebar filter holds the clicked category
        page.screenshot(path=str(ARTIFACTS / "analysis-click-after.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_map_draws_every_province_whole_on_the_offline_base_layer(server, browser, size):
    w, h = size
    page, errors = open_page(
        browser, f"{server}/peta?lang=id", f"analysis-peta-{w}", viewport={"width": w, "height": h}
    )
    try:
        assert not errors, errors  # the topojson came from the app, not the internet
        assert page.locator(".js-plotly-plot .geo .layer.land path, .js-plotly-plot .geo path.land").count() >= 1
        assert page.locator(".js-plotly-plot .choroplethlocation").count() == 38  # every province an area
        # Every province lies inside the map's frame (eastern Papua was cut off at 1920 px).
        outside = page.evaluate("""() => {
            const plot = document.querySelector('.js-plotly-plot');
            const svg = plot.querySelector('.main-svg').getBoundingClientRect();
            const clip = [...plot.querySelectorAll('clipPath')].find(c => c.id.endsWith('geo')).querySelector('rect');
            const x0 = svg.left + +clip.getAttribute('x'), x1 = x0 + +clip.getAttribute('width');
            const y0 = svg.top + +clip.getAttribute('y'), y1 = y0 + +clip.getAttribute('height');
            return [...plot.querySelectorAll('.choroplethlocation')].map(p => p.getBoundingClientRect())
                .filter(r => r.left < x0 - 1 || r.right > x1 + 1 || r.top < y0 - 1 || r.bottom > y1 + 1).length;
        }""")
        assert outside == 0
    finally:
        page.close()
