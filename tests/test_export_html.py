import html
import json
import re
from html.parser import HTMLParser

import pytest

from kemitraan.export import deck, html_export
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Notes

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
#: Elements whose attribute a browser fetches by itself.
FETCHED = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
    "input": "src",
}


class Fetches(HTMLParser):
    """Every reference a browser would fetch while opening the page: src/href of fetched elements,
    srcset, css url() and @import in <style> and style="", and each <section>'s text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.styles, self.sections, self._tag = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in FETCHED and a.get(FETCHED[tag]):
            self.refs.append(a[FETCHED[tag]])
        if a.get("srcset"):
            self.refs += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if a.get("style"):
            self.styles.append(a["style"])
        if tag == "section":
            self.sections.append("")
        self._tag.append(tag)

    def handle_endtag(self, tag):
        if self._tag:
            self._tag.pop()

    def handle_data(self, data):
        if self._tag and self._tag[-1] == "style":
            self.styles.append(data)
        elif self.sections and (not self._tag or self._tag[-1] != "script"):
            self.sections[-1] += data


def css_refs(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css, flags=re.IGNORECASE)
    return urls + re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\");\s]+)", css, flags=re.IGNORECASE)


@pytest.fixture(scope="module")
def report(demo_dir, tmp_path_factory):
    import shutil

    from kemitraan.storage.store import Store

    d = tmp_path_factory.mktemp("html") / "data"
    shutil.copytree(demo_dir, d)
    store = Store(d)
    Notes(d).add(
        "<script>alert('x')</script> **bukan tebal** <img src=http://example.invalid/x.png>",
        "slide",
        "peta",
        author="<b>Siti</b>",
    )
    dk = deck.build_deck(store.connect(), store, Filters(provinsi=("32", "33")), "id")
    return dk, html_export.to_html(dk)


def test_nothing_in_the_report_would_be_fetched_from_a_server(report):
    _, page = report
    p = Fetches()
    p.feed(page)
    refs = p.refs + [u for css in p.styles for u in css_refs(css)]
    assert not [r for r in refs if EXTERNAL.match(r)], refs
    assert not [r for r in refs if not r.startswith(("#", "data:"))], refs  # nothing outside the file at all
    configs = re.findall(r'"topojsonURL":\s*"([^"]*)"', page)
    assert configs and not [c for c in configs if EXTERNAL.match(c)]
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;", page)


def test_the_map_topojson_and_plotly_js_are_embedded(report):
    _, page = report
    m = re.search(r"window\.PlotlyGeoAssets = \{topojson: (\{.*?\})\};</script>", page, flags=re.DOTALL)
    topo = json.loads(m.group(1))
    assert set(topo) == {"asia_50m"} and topo["asia_50m"]["type"] == "Topology"
    assert page.index("PlotlyGeoAssets") < page.index("plotly.js v")  # set before plotly.js reads it
    assert "Plotly.newPlot(" in page and '"scope":"asia"' in page


def test_every_slide_says_demo_data_period_filters_and_data_date(report):
    dk, page = report
    p = Fetches()
    p.feed(page)
    assert len(p.sections) == 1 + len(dk.slides)
    for text in p.sections:
        assert "DATA DEMO — sintetis" in text
        assert "2021 (Jul–Des) – 2026 (Jan–Jun)" in text
    for text in p.sections[1:]:
        assert "Provinsi: Jawa Barat, Jawa Tengah" in text and "Data per " in text
    assert "size: A4 landscape" in page and "@bottom-left" in page and "DATA DEMO — sintetis · Periode" in page
    for sl in dk.slides:
        assert sl.title in html.unescape(page)


def test_user_text_is_text(report):
    _, page = report
    assert "<script>alert" not in page and "<b>Siti</b>" not in page and "<img src=http" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **bukan tebal**" in page
