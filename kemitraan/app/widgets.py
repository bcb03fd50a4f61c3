"""What the pages draw with: charts, tables, pickers (grain, group-by), click-to-filter, profile links,
the empty state and safe downloads. Pages stay thin: filters in, ``kemitraan`` calls, widgets out."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kemitraan import contract, escape, logs
from kemitraan.app import cached
from kemitraan.app.kept import Plot, kept, plot  # noqa: F401  (pages name a kept figure as w.plot)
from kemitraan.app.session import Snapshot, lang
from kemitraan.app.sidebar import CLICKABLE, request_filter
from kemitraan.app.url_state import url_choice
from kemitraan.charts import layout
from kemitraan.charts.common import MAX_LINES
from kemitraan.export import spreadsheet
from kemitraan.i18n import t
from kemitraan.labels import aggregation_note, column_label, dim_label, fmt_idr, formatted, range_label
from kemitraan.methods import indices
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import GRAINS

PROFILE_PAGE = "pages/profil_kemitraan.py"
PROFILE_URL = "profil_kemitraan"


def grain_switch(key: str = "grain", default: str = "tahun") -> str:
    """Bulan / triwulan / tahun, kept in the URL so a copied link shows the same view."""
    value = url_choice(
        st.segmented_control,
        t("an.grain", lang()),
        list(GRAINS),
        key=key,
        text=lambda g, lg: t(f"an.grain.{g}", lg),
        default=default,
        required=True,
    )
    return value or default


def group_by(options: tuple[str, ...] = ("kategori", "bidang", "provinsi"), key: str = "by") -> str:
    value = url_choice(
        st.selectbox,
        t("an.group_by", lang()),
        list(options),
        key=key,
        text=lambda d, lg: t(f"an.dim.{d}", lg),
        default=options[0],
    )
    return value or options[0]


def group_and_grain() -> tuple[str, str, str]:
    """The two choices at the top of the Jangkauan, Keberlanjutan and Dampak pages, side by side.

    Returns (group-by dimension, time grain, the column that holds the group's code).
    """
    left, right = st.columns([2, 3])
    with left:
        dim = group_by()
    with right:
        grain = grain_switch()
    return dim, grain, dim_code_field(dim)


def coarser_note(db: Snapshot, f: Filters, grain: str) -> None:
    """Say how many partnerships report over periods too long for this grain (left out of the view)."""
    n = cached.coarser_reports(db, f, grain)
    if n:
        st.caption(t("an.coarser_note", lang(), n=n, grain_lower=t(f"an.grain.{grain}", lang()).lower()))


def chart(
    fig: go.Figure | Plot,
    key: str,
    config: dict | None = None,
    share: float = 1.0,
    takeaway: str | None = None,
    **kwargs,
):
    """Every figure of every page is drawn here: full width, no Plotly logo.

    ``fig`` is a figure, or a :class:`~kemitraan.app.kept.Plot` (:func:`plot`): a chart function and its
    arguments, built once for that data and kept. ``share`` is the part of the page's width its column takes (0.5 in
    one of two columns): the title wraps and the legend's rows are reserved for that width at a projector's 1024 px.
    ``takeaway`` (the sentence :mod:`kemitraan.export.takeaways` computes, as on the slides) becomes the title, the
    question its subtitle.
    """
    shown = fig.kept(share, takeaway) if isinstance(fig, Plot) else layout.laid_out(fig, share, takeaway)
    return draw(shown, key, config, **kwargs)


def draw(fig: go.Figure, key: str, config: dict | None = None, **kwargs):
    """Draw a figure already laid out (:func:`kemitraan.charts.layout.laid_out`) as it is: a kept figure is shared
    by every session, so nothing here changes it."""
    return st.plotly_chart(fig, width="stretch", config=config or {"displaylogo": False}, key=key, **kwargs)


def empty_state(db: Snapshot, need: str) -> None:
    """Why the page is empty, and the way out: nothing of ``need`` (a record kind or a catalog dimension, see
    :data:`kemitraan.queries.overview.NEEDS`) was ever uploaded — go to Unggah Data — or the filters exclude it."""
    lg = lang()
    if cached.stored(db, need):
        st.info(t("empty.no_data", lg), icon=":material/filter_alt_off:")
        return
    st.info(t(f"empty.none.{need}", lg), icon=":material/upload_file:")
    st.page_link("pages/unggah_data.py", label=t("page.unggah_data", lg), icon=":material/upload:")


def select_chart(
    fig: go.Figure | Plot, key: str, config: dict | None = None, share: float = 1.0, takeaway: str | None = None
) -> tuple[str, ...]:
    """Draw a chart whose marks carry a code in ``customdata[0]``; return the codes the user clicked.

    The key carries a generation number that a chart click bumps (:func:`click_filter`), so the
    chart is drawn afresh, without a stale selection, once the click became a filter.
    """
    event = chart(
        fig,
        f"{key}_{st.session_state.get('_chart_gen', 0)}",
        config,
        share,
        takeaway,
        on_select="rerun",
        selection_mode=("points",),
    )
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    codes = []
    for p in points:
        cd = p.get("customdata")
        code = cd[0] if isinstance(cd, (list, tuple)) and cd else cd
        if code is not None and code not in codes:
            codes.append(str(code))
    return tuple(codes)


def click_filter(code_col: str, picked: tuple[str, ...]) -> None:
    """Turn a click on a group's mark into the sidebar filter of that dimension: every figure on the page,
    the headline numbers included, and the URL follow it. Without a click, say that a click filters."""
    field = {"provinsi_kode": "provinsi", "kabupaten_kode": "kabupaten"}.get(code_col, code_col)
    if field not in CLICKABLE:
        return
    picked = tuple(c for c in picked if c != contract.OTHERS)
    if picked:
        st.session_state["_chart_gen"] = st.session_state.get("_chart_gen", 0) + 1
        request_filter(field, picked)
    st.caption(t("an.click_hint", lang()))


def lines_to_keep(db: Snapshot, f: Filters, kode: str, code_col: str) -> tuple[str, ...] | None:
    """None when every group fits on one chart; else the groups to draw (the rest become "Lainnya")."""
    if code_col not in ("provinsi_kode", "bidang", "kabupaten_kota", "fokus"):
        return None
    groups = cached.top_groups(db, f, kode, code_col, 99)
    return None if len(groups) <= MAX_LINES else tuple(groups[: MAX_LINES - 1])


def dim_code_field(dim: str) -> str:
    """The dataframe column holding a dimension's code (provinces are grouped by their BPS code)."""
    return "provinsi_kode" if dim == "provinsi" else dim


def profile_url(kode: str) -> str:
    lg = lang()
    return f"{PROFILE_URL}?kode={escape.url_param(kode)}" + ("&lang=en" if lg == "en" else "")


def profile_links(codes, names: dict[str, str], per_row: int = 3) -> None:
    """Buttons that open each partnership's profile (the code travels in the URL)."""
    codes = list(codes)
    if not codes:
        return
    cols = st.columns(min(per_row, len(codes)))
    for i, kode in enumerate(codes):
        cols[i % len(cols)].page_link(
            PROFILE_PAGE,
            label=escape.markdown(f"{kode} — {names.get(kode, '')}"),
            icon=":material/badge:",
            query_params={"kode": kode},
        )


def with_profile_links(df: pd.DataFrame, code_col: str = "kode_kemitraan") -> pd.DataFrame:
    """Add a ``profil`` column of links to each partnership's profile page."""
    if df.empty or code_col not in df:
        return df
    return df.assign(profil=[profile_url(k) for k in df[code_col]])


def table(df: pd.DataFrame, key: str | None = None, height: int | None = None, fmt: bool = True) -> None:
    """A dataframe with labelled columns; partnership codes link to their profile.

    With ``fmt`` (summary tables) numbers follow the reader's language; raw data tables pass False.
    """
    lg = lang()
    if fmt:
        df = kept(formatted, df, lg)  # shared by the runs showing this table: st.dataframe only reads it
    cfg = {}
    if "profil" in df:
        cfg["profil"] = st.column_config.LinkColumn(t("an.profile_link", lg), display_text=t("an.open_profile", lg))
    for c in df.columns:
        label = column_label(c, lg)
        if c != "profil" and label != c:
            cfg.setdefault(c, label)
    st.dataframe(df, hide_index=True, width="stretch", column_config=cfg, key=key, height=height or "auto")


def details_grid(record: dict, columns: int = 3) -> None:
    """A partnership's stored fields as label / value pairs in a grid (lists joined, enums labelled, money short)."""
    lg = lang()
    cols = st.columns(columns)
    for i, col in enumerate(contract.stored_columns("kemitraan")):
        v = record.get(col)
        if hasattr(v, "tolist"):
            v = v.tolist()
        if isinstance(v, list):
            v = "; ".join(map(str, v))
        elif col == "anggaran_idr":
            v = fmt_idr(v, lg)
        elif col in ("kategori", "bidang", "fokus"):
            v = contract.enum_label(col, v, lg)
        elif hasattr(v, "date") and str(v) != "NaT":
            v = v.date().isoformat()
        shown = "–" if v is None or v == "" or str(v) in ("NaT", "nan", "None") else escape.markdown(v)
        cols[i % columns].markdown(f"**{column_label(col, lg)}**  \n{shown}")


def small_n_warning(df: pd.DataFrame, dim: str | None) -> None:
    """Warn when any group's score rests on fewer than MIN_RESPONDENTS respondents."""
    if df.empty or "n" not in df:
        return
    lg = lang()
    small = df[df["n"] < indices.MIN_RESPONDENTS]
    if small.empty:
        return
    if dim:
        names = sorted({dim_label(dim, g, lg) for g in small[dim]})
    else:
        names = [t("common.total", lg)]
    st.warning(
        t("an.small_n_warning", lg, groups=escape.markdown(", ".join(names)), min_n=indices.MIN_RESPONDENTS),
        icon=":material/warning:",
    )


def spreadsheet_files(df: pd.DataFrame, name: str) -> list[tuple[str, Callable[[], bytes], str, str]]:
    """The downloads of a table: (label key, what writes the file, file name, MIME type), CSV then XLSX."""
    frame = df.copy()  # what the page shows now, whatever it does with its frame after
    files = [
        ("an.download_csv", lambda: spreadsheet.to_csv_bytes(frame), f"{name}.csv", "text/csv"),
        (
            "an.download_xlsx",
            lambda: spreadsheet.to_xlsx_bytes(frame, sheet=name[:31]),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ]
    return [(label, _logged(write, file_name), file_name, mime) for label, write, file_name, mime in files]


def _logged(write: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """``write``, its failure logged with a reference like every unexpected error (Streamlit runs it apart from the
    page when the button is clicked, and tells the browser only that the file could not be made)."""

    def run() -> bytes:
        try:
            return write()
        except Exception as exc:
            logs.unexpected(exc, f"download {file_name}")
            raise

    return run


def download_buttons(df: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX of ``df``; text that looks like a formula is escaped in both. Each file is written when its
    button is clicked (Streamlit runs the function then, on this server): a page run writes neither (under twenty
    sessions the tables' XLSX written on every run took 12 % of the server's CPU)."""
    lg = lang()
    for col, (label, write, file_name, mime), fmt in zip(
        st.columns(2), spreadsheet_files(df, name), ("csv", "xlsx"), strict=True
    ):
        col.download_button(t(label, lg), write, file_name=file_name, mime=mime, key=f"{key}_{fmt}", on_click="ignore")


# --- headline figures: every one states its period, unit, n and how it was aggregated --------------------


def headline(col, label: str, value: str, note: str, help: str | None = None) -> None:
    """One headline figure; ``note`` (its unit, n and aggregation) shows under it, ``help`` (or the note) on hover."""
    col.metric(label, value, help=help or note)
    col.caption(note)


def figure_note(kode: str, facts: pd.DataFrame, lg: str, extra: str | None = None) -> str:
    """How the figure of ``kode`` was made, from its row of :func:`kemitraan.queries.indicators.indicator_totals`:
    unit, aggregation (with the stock's month or the rate's weighting) and n."""
    row = facts[facts["kode_indikator"] == kode] if not facts.empty else facts
    if row.empty:
        return t("an.no_data", lg)
    return aggregation_note(kode, row.iloc[0].to_dict(), lg) + (f" · {extra}" if extra else "")


def scope_caption(db: Snapshot, f: Filters, kodes: tuple[str, ...] | None = None) -> None:
    """The line above a page's figures: the period they cover, values left out (flagged, straddling the range)."""
    lg = lang()
    rng = cached.effective_range(db, f)
    if rng is None:
        return
    parts = [t("fig.period", lg, periode=range_label(rng.start, rng.end, lg), bulan=rng.months)]
    outside = cached.straddling_reports(db, f)
    if outside:
        parts.append(t("fig.straddling", lg, n=outside))
    flagged = cached.flagged_count(db, f, kodes)
    if flagged and not f.include_flagged:
        parts.append(t("fig.flagged_out", lg, n=flagged))
    elif flagged:
        parts.append(t("fig.flagged_in", lg, n=flagged))
    st.caption(" · ".join(parts))


def progress_callback(bar):
    """``(fraction, message) -> None`` drawing on an ``st.progress`` bar (the message is text, never Markdown)."""
    return lambda frac, msg: bar.progress(min(max(float(frac), 0.0), 1.0), text=escape.markdown(msg))


# --- the file uploader's own texts ------------------------------------------------------------------------------

_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]
  [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span:first-child::after {{ content: "{limit}";
  font-size: 0.875rem; }}
</style>"""


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def localise_uploader(types: tuple[str, ...] | list[str]) -> None:
    """Streamlit writes the uploader's button ("Upload") and its limit ("50MB per file") in English only and lets
    no argument change them: their text is hidden and ours drawn in its place, in the reader's language."""
    lg = lang()
    limit = t(
        "upload.files.limit", lg, mb=st.get_option("server.maxUploadSize"), types=", ".join(x.upper() for x in types)
    )
    st.html(_UPLOADER_CSS.format(button=_css_string(t("upload.files.button", lg)), limit=_css_string(limit)))
