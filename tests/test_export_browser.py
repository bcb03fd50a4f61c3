"""The HTML report in a real browser: it draws every chart, the map included, with no request
beyond the file itself. Skips like tests/test_browser.py when Chromium is absent (required in CI: conftest.browser)."""

from __future__ import annotations

import re

import pytest

from kemitraan.export import deck, html_export
from kemitraan.queries.filters import Filters

pytestmark = pytest.mark.browser


def test_html_report_draws_offline_and_fetches_nothing(demo_store, tmp_path, browser):
    dk = deck.build_deck(demo_store.connect(), demo_store, Filters(), "en")
    path = tmp_path / "report.html"
    path.write_text(html_export.to_html(dk), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        requests, problems = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=20000)
        page.wait_for_selector("#slide-peta .geo path", state="attached", timeout=20000)
        land = page.locator("#slide-peta .geo path").count()
        pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    finally:
        page.close()
    assert requests == [path.as_uri()]
    assert problems == []
    assert land > 10  # coastlines and countries drawn from the embedded topojson
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 1 + len(dk.slides)  # the cover, then a page per slide
