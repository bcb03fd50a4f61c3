"""The browser's walk over every page: at a projector's 1024 × 768 and at 1920 × 1080, in both languages, each
page opens without an exception, an error dialog or a JavaScript error, and every chart is as a room sees it:
each legend entry lies inside its chart and no title runs past the chart's right edge (Plotly neither wraps a
title nor grows a figure for its legend: both are laid out by kemitraan.charts.layout.fit); no headline
figure's value wraps and no label breaks inside a word (kemitraan.app.print_style). What a page holds is
checked without a browser by tests/test_app.py (AppTest, every page in both languages)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ARTIFACTS, QUIET_MS, app_pages, follow_link, wait_idle

pytestmark = pytest.mark.browser

#: Every page of the app, and every slide of the default Presentasi deck after its first (in Bahasa Indonesia: their
#: charts are the pages' own).
PAGES = [url for _, url in app_pages()]
SLIDES = [f"presentasi?slide={n}" for n in range(2, 7)]


def _stops(lang: str) -> list[tuple[str, str]]:
    """The walk: (what is shown, how it is reached). The first page by its URL, the others by the sidebar's links
    as a reader goes, the deck's slides by the arrow key from the Presentasi page (a page opened by its URL loads
    the whole front end again: ~2.4 s of Chromium's CPU, against ~1 s for a link or a key)."""
    stops = []
    for i, url in enumerate(PAGES):
        stops.append((url, "url" if i == 0 else "link"))
        if url == "presentasi" and lang == "id":
            stops += [(slide, "key") for slide in SLIDES]
    return stops


#: Per headline figure: a value on more than one line, or a label broken inside a word.
METRICS = r"""() => [...document.querySelectorAll('[data-testid=stMetric]')].flatMap(m => {
    const out = [], v = m.querySelector('[data-testid=stMetricValue]'),
          l = m.querySelector('[data-testid=stMetricLabel]');
    const range = document.createRange();
    range.selectNodeContents(v);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size > 1) out.push('value «' + v.innerText + '» wraps');
    const walker = document.createTreeWalker(l, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, re = /\S+/g;
        let w;
        while ((w = re.exec(node.textContent))) {
            const r = document.createRange();
            r.setStart(node, w.index); r.setEnd(node, w.index + w[0].length);
            if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1)
                out.push('label word «' + w[0] + '» broken');
        }
    }
    return out;
})"""
SIZES = [(1024, 768), (1920, 1080)]

#: Per chart: its title, its svg's box, every legend entry and title line outside that box (1 px of rounding).
MEASURE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
    const svg = el.querySelector('.main-svg');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    const outside = r => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1
                                         || r.top < box.top - 1 || r.bottom > box.bottom + 1);
    const legend = [...el.querySelectorAll('.legend .traces')]
        .filter(tr => outside(tr.getBoundingClientRect())).map(tr => tr.textContent);
    const titles = [...el.querySelectorAll('.gtitle, .gtitle-subtitle')]
        .filter(tt => outside(tt.getBoundingClientRect())).map(tt => tt.textContent);
    const title = (el.layout && el.layout.title && el.layout.title.text) || '';
    return {title: title.replace(/<[^>]+>/g, ' ').slice(0, 60), entries: el.querySelectorAll('.legend .traces').length,
            legend, titles};
}).filter(x => x)"""


#: True once every chart's drawing has kept its size for ``quiet`` ms: after a resize, Streamlit draws each chart again
#: at its column's new width (the script does not run again: the figures are the same, only the layout changes).
_RESIZED = """quiet => {
    const sizes = [...document.querySelectorAll('.js-plotly-plot .main-svg')]
        .map(s => Math.round(s.getBoundingClientRect().width)).join(',');
    const now = performance.now();
    if (sizes !== window.__sizes) { window.__sizes = sizes; window.__sizesSince = now; return false; }
    return now - window.__sizesSince >= quiet;
}"""


def _check(page, url: str, width: int, lang: str) -> tuple[list[str], int]:
    """What is wrong on the page as it is drawn now (at ``width``), and how many legend entries it showed."""
    where0 = f"{url} {width}px {lang}"
    problems, legends = [], 0
    exc = page.locator("[data-testid='stException']")
    if exc.count():
        problems.append(f"{where0}: {exc.first.inner_text()[:2000]}")
    if page.locator("[role='dialog']").count():
        problems.append(f"{where0}: {page.locator('[role=dialog]').first.inner_text()}")
    if not page.locator("[data-testid='stMain'] h1").count():
        problems.append(f"{where0}: no heading")
    charts = page.evaluate(MEASURE)
    if url == "ringkasan":
        if len(charts) < 3:  # the three questions, each a drawn chart
            problems.append(f"{where0}: {len(charts)} charts drawn")
        page.screenshot(path=str(ARTIFACTS / f"charts-{url}-{lang}-{width}.png"))
    problems += [f"{where0}: headline {m}" for m in page.evaluate(METRICS)]
    for c in charts:
        legends += c["entries"]
        where = f"{where0} «{c['title']}»"
        problems += [f"{where}: legend entry «{e}» outside the chart" for e in c["legend"]]
        problems += [f"{where}: title «{tt}» cut at the chart's edge" for tt in c["titles"]]
    return problems, legends


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_opens_and_its_charts_and_headlines_fit(server, browser, lang):
    """One walk per language (two tests, so that the suite's workers share them). Each page is opened once, at the
    projector's size, as a reader goes (:func:`_stops`), and measured there and again after the window is resized
    to the large screen: the same figures, drawn at the new width."""
    (small_w, small_h), (large_w, large_h) = SIZES
    problems, legends = [], 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": small_w, "height": small_h})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for url, how in _stops(lang):
            page.set_viewport_size({"width": small_w, "height": small_h})
            if how == "url":
                page.goto(f"{server}/{url}?lang={lang}")
            elif how == "key":
                page.keyboard.press("ArrowRight")
                n = url.split("slide=")[1]
                page.wait_for_url(lambda u, n=n: parse_qs(urlsplit(u).query).get("slide") == [n])
            else:
                follow_link(page, url)
            wait_idle(page)
            # The first visit to a server reruns through app.py (kemitraan/app/navigation.py); under load the rerun
            # may start after the quiet period: every page has its heading, so wait for it and settle again.
            page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=90_000)
            wait_idle(page)
            assert f"lang={lang}" in page.url or lang == "id", page.url  # the language goes along with the link
            found, n = _check(page, url, small_w, lang)
            problems, legends = problems + found, legends + n
            page.set_viewport_size({"width": large_w, "height": large_h})
            page.evaluate("() => { window.__sizes = null; }")
            page.wait_for_function(_RESIZED, arg=QUIET_MS, polling=100, timeout=30_000)
            found, n = _check(page, url, large_w, lang)
            problems, legends = problems + found, legends + n
        assert not errors, errors
    finally:
        page.close()
    assert not problems, "\n".join(problems)
    assert legends > 2 * 12  # the walk saw the multi-series charts it is about, at both sizes


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_report_keeps_every_legend_and_title_inside_its_chart(browser, demo_store, tmp_path, lang):
    from kemitraan.export import deck, html_export
    from kemitraan.queries.filters import Filters

    path = tmp_path / "report.html"
    path.write_text(
        html_export.to_html(deck.build_deck(demo_store.connect(), demo_store, Filters(), lang)), encoding="utf-8"
    )
    problems, legends = [], 0
    for width, height in SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(path.as_uri())
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=20000)
            page.wait_for_timeout(500)
            for c in page.evaluate(MEASURE):
                legends += c["entries"]
                problems += [f"{width}px «{c['title']}»: legend entry «{e}» outside" for e in c["legend"]]
                problems += [f"{width}px «{c['title']}»: title «{tt}» cut" for tt in c["titles"]]
        finally:
            page.close()
    assert not problems, "\n".join(problems)
    assert legends >= 2 * 6  # the reach trend's six categories (slide 3), at both sizes
