"""The deck as a 16:9 PowerPoint file with native, editable charts (``to_pptx(deck) -> bytes``).

A title slide (scope, period, data date, batches), then one slide per deck slide: the takeaway as
its title, the headline metrics on the left, the chart as a python-pptx chart object carrying its
data (:mod:`kemitraan.export.pptx_charts`), the map as a table of its areas' values, speaker notes with
the definitions and the meeting notes, and a footer with period, filters, data date and batches.
While the demo batch is live every slide carries "DATA DEMO — sintetis".
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kemitraan.export.deck import Deck, Slide, definitions, note_line
from kemitraan.export.pptx_charts import Unsupported, add_chart, spec_from_figure
from kemitraan.i18n import t

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: PowerPoint's own 16:9
MARGIN = Inches(0.5)
DEMO_COLOR = "B2182B"
TEXT = "222222"
MUTED = "666666"


#: The default template's "Title Only" layout: its title placeholder is what PowerPoint's outline, its slide
#: navigator and screen readers take as the slide's title (a plain text box is not).
TITLE_ONLY = 5


def _box(
    slide,
    x,
    y,
    w,
    h,
    text: str,
    size: float,
    *,
    bold: bool = False,
    color: str = TEXT,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    fill: str | None = None,
    shape=None,
):
    """A text box at (x, y, w, h); or, given ``shape`` (a placeholder), that shape moved there and filled alike."""
    if shape is None:
        shape = slide.shapes.add_textbox(x, y, w, h)
    else:
        shape.left, shape.top, shape.width, shape.height = x, y, w, h
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.08)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(color)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    return shape


def _title_size(text: str) -> int:
    """A takeaway that says a contradiction or a small-n warning is long: smaller type keeps it inside its box."""
    return 26 if len(text) <= 90 else 20 if len(text) <= 150 else 16


def _demo_tag(slide, deck: Deck) -> None:
    if deck.context.demo:
        marker = deck.context.demo_marker
        _box(
            slide,
            WIDTH - MARGIN - Inches(3.0),
            Inches(0.2),
            Inches(3.0),
            Inches(0.45),
            marker,
            14 if len(marker) <= 24 else 11,
            bold=True,
            color="FFFFFF",
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
            fill=DEMO_COLOR,
        )


def _footer(slide, deck: Deck, number: int) -> None:
    _box(
        slide,
        MARGIN,
        HEIGHT - Inches(0.5),
        WIDTH - 2 * MARGIN - Inches(0.8),
        Inches(0.4),
        deck.context.footer(),
        9,
        color=MUTED,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    _box(
        slide,
        WIDTH - MARGIN - Inches(0.8),
        HEIGHT - Inches(0.5),
        Inches(0.8),
        Inches(0.4),
        str(number),
        9,
        color=MUTED,
        align=PP_ALIGN.RIGHT,
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _title_slide(prs, deck: Deck) -> None:
    lg = deck.lang
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _demo_tag(s, deck)
    _box(s, MARGIN, Inches(1.2), Inches(11.5), Inches(1.0), t("app.title", lg), 40, bold=True, shape=s.shapes.title)
    _box(s, MARGIN, Inches(2.2), Inches(11.5), Inches(0.7), t("app.tagline", lg), 20, color=MUTED)
    rows = deck.context.scope_rows()
    table = s.shapes.add_table(len(rows), 2, MARGIN, Inches(3.2), Inches(9.0), Inches(0.4) * len(rows)).table
    table.first_row = False  # a label column, not a header row
    table.columns[0].width, table.columns[1].width = Inches(3.0), Inches(6.0)
    for i, (k, v) in enumerate(rows):
        for j, text in enumerate((k, v)):
            cell = table.cell(i, j)
            cell.text = text
            font = cell.text_frame.paragraphs[0].runs[0].font
            font.size = Pt(14)
            font.bold = j == 0 or (deck.context.demo and i == 0)
            if deck.context.demo and i == 0:
                font.color.rgb = RGBColor.from_string(DEMO_COLOR)
    s.notes_slide.notes_text_frame.text = "\n".join(f"{k}: {v}" for k, v in rows)
    _footer(s, deck, 1)


def _metrics(slide, sl: Slide, x, y, w) -> None:
    for i, m in enumerate(sl.metrics):
        top = y + Inches(1.45) * i
        _box(slide, x, top, w, Inches(0.85), m.value, 22, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _box(slide, x, top + Inches(0.85), w, Inches(0.5), m.label, 12, color=MUTED)


def _area_tables(slide, sl: Slide, deck: Deck, x, y, w, h) -> None:
    """The map as its areas' values (provinces, or the kabupaten/kota of one province), largest first, in up to
    three side-by-side tables: the area and what the map shows, headed with its unit."""
    head = list(sl.table.columns[:2])
    rows = [(r.iloc[0], r.iloc[1]) for _, r in sl.table.iterrows()]
    _box(slide, x, y, w, Inches(0.4), sl.chart_title, 13, color="444444")
    per = max(1, -(-len(rows) // 3))
    chunks = [rows[i : i + per] for i in range(0, len(rows), per)][:3]
    gap = Inches(0.15)
    col_w = Emu(int((w - gap * (len(chunks) - 1)) / len(chunks)))
    row_h = Emu(int(min(Inches(0.3), (h - Inches(0.5)) / (per + 1))))
    for ci, chunk in enumerate(chunks):
        tx = x + (col_w + gap) * ci
        shape = slide.shapes.add_table(len(chunk) + 1, 2, tx, y + Inches(0.45), col_w, row_h * (len(chunk) + 1))
        table = shape.table
        table.columns[0].width = Emu(int(col_w * 0.62))
        table.columns[1].width = col_w - table.columns[0].width
        for i, row in enumerate([head, *chunk]):
            table.rows[i].height = row_h
            for j, text in enumerate(row):
                cell = table.cell(i, j)
                cell.text = str(text)
                cell.margin_top = cell.margin_bottom = Inches(0.01)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                p = cell.text_frame.paragraphs[0]
                p.alignment = PP_ALIGN.RIGHT if j else PP_ALIGN.LEFT
                p.runs[0].font.size = Pt(9 if i == 0 else 10)
                p.runs[0].font.bold = i == 0


def speaker_notes(sl: Slide, deck: Deck) -> str:
    lg = deck.lang
    parts = [
        sl.chart_title,
        *(f"{m.label}: {m.value}" for m in sl.metrics),
        "",
        t("export.notes.definitions", lg),
        *(f"• {d}" for d in definitions(sl, lg)),
        "",
        t("export.notes.meeting", lg),
    ]
    parts += [f"• {note_line(n, lg)}" for n in sl.meeting_notes] or [t("export.notes.none", lg)]
    parts += ["", deck.context.footer()]
    return "\n".join(parts)


def _chart_slide(prs, deck: Deck, sl: Slide, number: int) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _demo_tag(s, deck)
    title_w = WIDTH - 2 * MARGIN - (Inches(3.2) if deck.context.demo else 0)
    _box(
        s,
        MARGIN,
        Inches(0.3),
        title_w,
        Inches(1.15),
        sl.title,
        _title_size(sl.title),
        bold=True,
        anchor=MSO_ANCHOR.MIDDLE,
        shape=s.shapes.title,
    )
    left_w = Inches(3.0) if sl.metrics else 0
    if sl.metrics:
        _metrics(s, sl, MARGIN, Inches(1.55), left_w)
    x = MARGIN + left_w + (Inches(0.2) if sl.metrics else 0)
    y, w, h = Inches(1.55), WIDTH - MARGIN - x, HEIGHT - Inches(0.6) - Inches(1.55)
    if sl.empty:
        _box(
            s,
            x,
            y,
            w,
            h,
            t("export.no_data", deck.lang),
            18,
            color=MUTED,
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
        )
    elif sl.table is not None:
        _area_tables(s, sl, deck, x, y, w, h)
    else:
        try:
            add_chart(s.shapes, spec_from_figure(sl.figure, deck.lang), x, y, w, h)
        except Unsupported:
            _box(
                s,
                x,
                y,
                w,
                h,
                t("export.no_native_chart", deck.lang),
                14,
                color=MUTED,
                align=PP_ALIGN.CENTER,
                anchor=MSO_ANCHOR.MIDDLE,
            )
    s.notes_slide.notes_text_frame.text = speaker_notes(sl, deck)
    _footer(s, deck, number)


def to_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = f"{t('app.title', deck.lang)} — {deck.context.period}"
    prs.core_properties.author = t("app.title", deck.lang)
    prs.core_properties.subject = deck.context.footer()
    _title_slide(prs, deck)
    for i, sl in enumerate(deck.slides, start=2):
        _chart_slide(prs, deck, sl, i)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
