"""The analysis pages in a real browser: deep links reproduce the view, a chart click filters the page,
the offline map draws its base layer."""

from __future__ import annotations

import pytest

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ARTIFACTS, open_page

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
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
        page.wait_for_timeout(1500)
        assert "kategori=" in page.url  # the click is in the link …
        after = _plot_data(page, "contacts, against target")
        assert len(after[0]["x"]) == 1  # … the charts show the clicked category only …
        assert page.locator("[data-testid='stMetricValue']").first.inner_text() != headline  # … and the headline too
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert after[0]["x"][0] in sidebar  # the sidebar filter holds the clicked category
        page.screenshot(path=str(ARTIFACTS / "analysis-click-after.png"), full_page=True)
    finally:
        page.close()


def test_map_draws_offline_base_layer(server, browser):
    page, errors = open_page(browser, f"{server}/peta?lang=id", "analysis-peta")
    try:
        assert not errors, errors  # the topojson came from the app, not the internet
        assert page.locator(".js-plotly-plot .geo .layer.land path, .js-plotly-plot .geo path.land").count() >= 1
        assert page.locator(".js-plotly-plot .scattergeo .point, .js-plotly-plot .scattergeo path.point").count() >= 30
    finally:
        page.close()
