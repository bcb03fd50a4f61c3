"""The deck as one self-contained, interactive HTML report that makes no request to any server.

plotly.js is embedded (``include_plotlyjs`` inline), and so is the topojson of every map
(``window.PlotlyGeoAssets``, which plotly.js reads before it would fetch ``topojsonURL``); there are
no remote fonts, images, stylesheets or scripts, and a Content-Security-Policy forbids the browser
any fetch (``default-src 'none'``), so a slip would show as a blocked request, not a silent one.

Printing gives A4 landscape pages: one slide per page, the demo marker, period, filters and data
date at the top of every slide and in every page's margin (``@page`` margin boxes), page numbers,
no modebar. Every text is escaped: user text (meeting notes) is shown as text, never as HTML.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from kemitraan import APP_ROOT
from kemitraan.export.context import fmt_date
from kemitraan.export.deck import Deck, Slide, definitions, note_line
from kemitraan.i18n import t

#: The topojson the app serves for the Peta page (static/topojson/), embedded here instead.
TOPOJSON_DIR = APP_ROOT / "static" / "topojson"
#: Where plotly.js would look if a map's topojson were not embedded: a relative path, never a server.
TOPOJSON_URL = "topojson/"
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)

CSS = """
:root { --ink: #222; --muted: #666; --line: #ddd; --demo: #B2182B; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Source Sans Pro", Arial, sans-serif;
       color: var(--ink); background: #f6f6f6; line-height: 1.4; }
main { max-width: 1280px; margin: 0 auto; padding: 16px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 20px 24px; margin: 0 0 20px; }
.demo { display: inline-block; background: var(--demo); color: #fff; font-weight: 700; padding: 3px 10px;
        border-radius: 3px; letter-spacing: .02em; }
.scope { color: var(--muted); font-size: .85rem; margin: 0 0 8px; }
.scope .demo { font-size: .8rem; margin-right: 6px; }
h1 { font-size: 2rem; margin: 8px 0 4px; }
h2 { font-size: 1.5rem; margin: 6px 0 2px; }
h3 { font-size: 1rem; margin: 14px 0 4px; }
.question { color: var(--muted); margin: 0 0 10px; }
.body { display: flex; gap: 20px; align-items: flex-start; }
.metrics { flex: 0 0 220px; }
.metric { margin: 0 0 14px; }
.metric .value { font-size: 1.5rem; font-weight: 700; overflow-wrap: anywhere; }
.metric .label { color: var(--muted); font-size: .9rem; }
.chart { flex: 1 1 auto; min-width: 0; }
.empty { color: var(--muted); padding: 40px 0; text-align: center; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cover table th { width: 14em; }
.notes { font-size: .85rem; color: #333; }
.notes ul { margin: 4px 0; padding-left: 20px; }
.note-text { white-space: pre-wrap; }
.provinces { columns: 2; }
@page { size: A4 landscape; margin: 14mm 12mm 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  section { border: 0; border-radius: 0; padding: 0; margin: 0; break-after: page; }
  section:last-child { break-after: auto; }
  .metrics { flex-basis: 45mm; }
  .chart { width: 100%; }
  .modebar-container, .modebar { display: none !important; }
  details { display: block; }
  details > summary { list-style: none; font-weight: 600; }
  h2 { font-size: 16pt; }
}
"""

# The page head and foot of every printed page (@page margin boxes take a string, written in per report).
_MARGIN_BOXES = """
@page {{ @top-left {{ content: "{head}"; font-size: 8pt; color: #B2182B; }}
         @bottom-left {{ content: "{foot}"; font-size: 8pt; color: #666; }}
         @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; }} }}
"""

# Printing: every chart redrawn at the page's width, and the definitions (closed on screen) printed open.
BEFORE_PRINT = """
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; d.dataset.printOpened = "1"; });
  document.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.Plots.resize(el); });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-print-opened]").forEach(function (d) { d.open = false; delete d.dataset.printOpened; });
  document.querySelectorAll(".js-plotly-plot").forEach(function (el) { Plotly.Plots.resize(el); });
});
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _css_string(text: str) -> str:
    """Text as the inside of a CSS string: quotes, backslashes, line breaks and ``<`` escaped."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return out


def _script_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def _topojson_names(deck: Deck) -> list[str]:
    names = []
    for sl in deck.slides:
        for key in sl.figure.layout:
            if key.startswith("geo"):
                geo = sl.figure.layout[key]
                if geo.scope and geo.resolution:
                    names.append(f"{geo.scope.replace(' ', '-')}_{geo.resolution}m")
    return list(dict.fromkeys(names))


def geo_assets(deck: Deck) -> str:
    """``window.PlotlyGeoAssets = {topojson: {asia_50m: {...}}}`` for every map in the deck."""
    topo = {}
    for name in _topojson_names(deck):
        path = TOPOJSON_DIR / f"{name}.json"
        if path.exists():
            topo[name] = json.loads(path.read_text(encoding="utf-8"))
    return f"window.PlotlyGeoAssets = {{topojson: {_script_json(topo)}}};"


def _scope_line(deck: Deck) -> str:
    ctx = deck.context
    demo = f'<span class="demo">{_e(ctx.demo_marker)}</span>' if ctx.demo else ""
    rest = " · ".join(
        [
            f"{t('export.period', ctx.lang)}: {ctx.period}",
            ctx.filters_line(),
            t("export.footer_data", ctx.lang, date=_date(deck), n=ctx.n_batches),
        ]
    )
    return f'<p class="scope">{demo}{_e(rest)}</p>'


def _date(deck: Deck) -> str:
    return fmt_date(deck.context.data_date, deck.lang)


def _cover(deck: Deck) -> str:
    ctx, lg = deck.context, deck.lang
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in ctx.scope_rows())
    demo = f'<p><span class="demo">{_e(ctx.demo_marker)}</span></p>' if ctx.demo else ""
    toc = "".join(f'<li><a href="#slide-{_e(s.key)}">{_e(s.title)}</a></li>' for s in deck.slides)
    return (
        f'<section class="cover">{demo}<h1>{_e(t("app.title", lg))}</h1>'
        f'<p class="question">{_e(t("app.tagline", lg))}</p><table>{rows}</table>'
        f"<h3>{_e(t('export.html.contents', lg))}</h3><ol>{toc}</ol></section>"
    )


def _figure(sl: Slide, lang: str) -> str:
    config = {
        "displaylogo": False,
        "responsive": True,
        "topojsonURL": TOPOJSON_URL,
        "modeBarButtonsToRemove": ["sendDataToCloud"],
    }
    fig = go.Figure(sl.figure)
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"fig-{sl.key}", config=config)


def _area_table(sl: Slide, lang: str) -> str:
    """The map's areas with their values, as the deck worded and formatted them (headers carry the unit)."""
    head = "<tr>" + "".join(f"<th>{_e(c)}</th>" for c in sl.table.columns) + "</tr>"
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{_e(v)}</td>" if i == 0 else f"<td class='num'>{_e(v)}</td>" for i, v in enumerate(r))
        + "</tr>"
        for r in sl.table.itertuples(index=False)
    )
    return (
        f"<details><summary>{_e(t('export.html.province_table', lang))}</summary>"
        f'<div class="provinces"><table>{head}{rows}</table></div></details>'
    )


def _slide(deck: Deck, sl: Slide) -> str:
    lg = deck.lang
    metrics = "".join(
        f'<div class="metric"><div class="value">{_e(m.value)}</div><div class="label">{_e(m.label)}</div></div>'
        for m in sl.metrics
    )
    chart = f'<p class="empty">{_e(t("export.no_data", lg))}</p>' if sl.empty else _figure(sl, lg)
    defs = "".join(f"<li>{_e(d)}</li>" for d in definitions(sl, lg))
    notes = "".join(f'<li class="note-text">{_e(note_line(n, lg))}</li>' for n in sl.meeting_notes)
    notes_html = f"<ul>{notes}</ul>" if notes else f"<p>{_e(t('export.notes.none', lg))}</p>"
    table = _area_table(sl, lg) if sl.table is not None and not sl.empty else ""
    question = f'<p class="question">{_e(sl.chart_title)}</p>' if sl.empty else ""  # a chart carries its own
    return (
        f'<section class="slide" id="slide-{_e(sl.key)}">{_scope_line(deck)}'
        f"<h2>{_e(sl.title)}</h2>{question}"
        f'<div class="body"><div class="metrics">{metrics}</div><div class="chart">{chart}</div></div>{table}'
        f'<div class="notes"><h3>{_e(t("export.notes.meeting", lg))}</h3>{notes_html}'
        f"<details><summary>{_e(t('export.notes.definitions', lg))}</summary><ul>{defs}</ul></details></div>"
        "</section>"
    )


def to_html(deck: Deck) -> str:
    ctx, lg = deck.context, deck.lang
    head_text = " · ".join(
        x for x in (ctx.demo_marker, f"{t('export.period', lg)}: {ctx.period}", ctx.filters_line()) if x
    )
    foot_text = t("export.footer_data", lg, date=_date(deck), n=ctx.n_batches)
    margin = _MARGIN_BOXES.format(head=_css_string(head_text), foot=_css_string(foot_text))
    title = f"{t('app.title', lg)} — {ctx.period}" + (f" — {ctx.demo_marker}" if ctx.demo else "")
    body = _cover(deck) + "".join(_slide(deck, sl) for sl in deck.slides)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lg)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}{margin}</style>\n"
        f"<script>{geo_assets(deck)}</script>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n'
        f"<script>{BEFORE_PRINT}</script>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
