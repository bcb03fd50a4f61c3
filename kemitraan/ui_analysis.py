"""Streamlit glue shared by the analysis pages: grain switch, group-by picker, click-to-filter,
links to a partnership's profile, the data-quality panel and safe downloads.

Only this module and :mod:`kemitraan.ui` import streamlit (tests/test_architecture.py);
pages stay thin: filters in, ``kemitraan`` calls, charts out.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kemitraan import analysis_charts, analysis_queries, contract, downloads, indices, ui
from kemitraan.filters import Filters
from kemitraan.i18n import t
from kemitraan.numfmt import fmt_idr, fmt_number

PROFILE_PAGE = "pages/profil_kemitraan.py"


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _run(version: tuple[str, ...], name: str, key: str, _args: tuple, _kwargs: dict):
    """One analysis query, cached per store version and arguments (``key`` is their repr)."""
    return getattr(analysis_queries, name)(ui.con(), *_args, **_kwargs)


class _CachedQueries:
    """``qc.reach_summary(f, "kategori")`` = ``analysis_queries.reach_summary(con, f, "kategori")``, cached.

    Results are small aggregated frames; the cache key is the store's version plus the
    arguments, so a new upload or undo is seen at once.
    """

    def __getattr__(self, name: str):
        fn = getattr(analysis_queries, name)
        if not callable(fn):
            return fn

        def call(*args, **kwargs):
            return _run(ui.store().version(), name, repr((args, sorted(kwargs.items()))), args, kwargs)

        return call


def cached() -> _CachedQueries:
    return _CachedQueries()
PROFILE_URL = "profil_kemitraan"


def grain_switch(key: str = "grain", default: str = "tahun") -> str:
    """Bulan / triwulan / tahun, kept in the URL so a copied link shows the same view."""
    value = ui.url_choice(st.segmented_control, t("an.grain", ui.lang()), list(analysis_queries.GRAINS), key=key,
                          text=lambda g, lg: t(f"an.grain.{g}", lg), default=default, required=True)
    return value or default


def group_by(options: tuple[str, ...] = ("kategori", "bidang", "provinsi"), key: str = "by") -> str:
    value = ui.url_choice(st.selectbox, t("an.group_by", ui.lang()), list(options), key=key,
                          text=lambda d, lg: t(f"an.dim.{d}", lg), default=options[0])
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


def coarser_note(con, f: Filters, grain: str) -> None:
    n = cached().coarser_reports(f, grain)
    if n:
        st.caption(t("an.coarser_note", ui.lang(), n=n, grain_lower=t(f"an.grain.{grain}", ui.lang()).lower()))


def chart(fig: go.Figure, key: str, config: dict | None = None) -> None:
    st.plotly_chart(fig, width="stretch", config=config or {"displaylogo": False}, key=key)


def select_chart(fig: go.Figure, key: str, config: dict | None = None) -> tuple[str, ...]:
    """Draw a chart whose marks carry a code in ``customdata[0]``; return the codes the user clicked."""
    event = st.plotly_chart(fig, width="stretch", config=config or {"displaylogo": False}, key=key,
                            on_select="rerun", selection_mode=("points",))
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    codes = []
    for p in points:
        cd = p.get("customdata")
        code = cd[0] if isinstance(cd, (list, tuple)) and cd else cd
        if code is not None and code not in codes:
            codes.append(str(code))
    return tuple(codes)


def narrow(f: Filters, field: str, codes: tuple[str, ...]) -> Filters:
    """The page's filters narrowed by a chart click (``field`` is kategori / bidang / provinsi)."""
    if not codes:
        return f
    field = {"provinsi_kode": "provinsi"}.get(field, field)
    if field not in ("kategori", "bidang", "provinsi"):
        return f
    current = getattr(f, field)
    chosen = tuple(c for c in codes if not current or c in current) or codes
    return dataclasses.replace(f, **{field: chosen})


def click_caption(dim: str, codes: tuple[str, ...]) -> None:
    lg = ui.lang()
    if codes:
        names = ", ".join(analysis_charts._dim_label(dim_code_field(dim), c, lg) for c in codes)
        st.info(t("an.click_filter", lg, nilai=names), icon=":material/ads_click:")
    else:
        st.caption(t("an.click_hint", lg))


def dim_code_field(dim: str) -> str:
    """The dataframe column holding a dimension's code (provinces are grouped by their BPS code)."""
    return "provinsi_kode" if dim == "provinsi" else dim


def profile_url(kode: str) -> str:
    lg = ui.lang()
    return f"{PROFILE_URL}?kode={kode}" + ("&lang=en" if lg == "en" else "")


def profile_links(codes, names: dict[str, str], per_row: int = 3) -> None:
    """Buttons that open each partnership's profile (the code travels in the URL)."""
    codes = list(codes)
    if not codes:
        return
    cols = st.columns(min(per_row, len(codes)))
    for i, kode in enumerate(codes):
        cols[i % len(cols)].page_link(PROFILE_PAGE, label=f"{kode} — {names.get(kode, '')}", icon=":material/badge:",
                                      query_params={"kode": kode})


def with_profile_links(df: pd.DataFrame, code_col: str = "kode_kemitraan") -> pd.DataFrame:
    """Add a ``profil`` column of links to each partnership's profile page."""
    if df.empty or code_col not in df:
        return df
    return df.assign(profil=[profile_url(k) for k in df[code_col]])


def formatted(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Numbers as text in the reader's convention (1.234,5 / 1,234.5), for summary tables."""
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
            continue
        whole = col.dropna().apply(lambda x: float(x).is_integer()).all()
        out[c] = [fmt_number(x, lang, 0 if whole else 1) if pd.notna(x) else "–" for x in col]
    return out


def table(df: pd.DataFrame, key: str | None = None, height: int | None = None, fmt: bool = True) -> None:
    """A dataframe with labelled columns; partnership codes link to their profile.

    With ``fmt`` (summary tables) numbers follow the reader's language; raw data tables pass False.
    """
    lg = ui.lang()
    if fmt:
        df = formatted(df, lg)
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
    lg = ui.lang()
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
        shown = "–" if v is None or v == "" or str(v) in ("NaT", "nan", "None") else v
        cols[i % columns].markdown(f"**{column_label(col, lg)}**  \n{shown}")


def column_label(col: str, lang: str) -> str:
    """A column's label from the contract, the catalog or the analysis strings; else its name."""
    for kind in contract.KINDS:
        for c in contract.columns(kind):
            if c.name == col:
                return c.label_id if lang == "id" else c.label_en
    if col in contract.indicators():
        return contract.indicator(col).label(lang)
    from kemitraan.i18n import strings

    key = f"col.{col}"
    return t(key, lang) if key in strings() else col


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Enum codes shown as labels in ``lang`` (kategori, bidang, fokus, zona, indicator codes)."""
    out = df.copy()
    for c in out.columns:
        if c in ("kategori", "bidang", "fokus", "peran_responden"):
            enum = contract.column("kemitraan", c).enum if c != "peran_responden" else "peran"
            out[c] = [contract.enum_label(enum, v, lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "provinsi_kode" and "provinsi" not in out.columns:
            provs = contract.provinces()
            out[c] = [provs[v].nama if v in provs else v for v in out[c]]
        elif c == "zona":
            out[c] = [t(f"zona.{v}", lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "kode_indikator":
            out[c] = [contract.indicator(v).label(lang) if v in contract.indicators() else v for v in out[c]]
        elif c == "prinsip":
            out[c] = [contract.PRINCIPLE_LABELS.get(v, (v, v))[0 if lang == "id" else 1] for v in out[c]]
    return out


def small_n_warning(df: pd.DataFrame, dim: str | None) -> None:
    """Warn when any group's score rests on fewer than MIN_RESPONDENTS respondents."""
    if df.empty or "n" not in df:
        return
    lg = ui.lang()
    small = df[df["n"] < indices.MIN_RESPONDENTS]
    if small.empty:
        return
    if dim:
        names = sorted({analysis_charts._dim_label(dim, g, lg) for g in small[dim]})
    else:
        names = [t("common.total", lg)]
    st.warning(t("an.small_n_warning", lg, groups=", ".join(names), min_n=indices.MIN_RESPONDENTS), icon=":material/warning:")


def quality_panel(con, f: Filters, key: str = "dq") -> None:
    """Missing reports, values outside plausible ranges and stale partnerships, for the filters.

    The checks run only once the reader opens the panel (a toggle), so pages stay fast.
    """
    lg = ui.lang()
    qc = cached()
    with st.expander(t("an.dq.title", lg), expanded=False, icon=":material/health_and_safety:"):
        if not st.toggle(t("an.dq.run", lg), key=f"{key}_on"):
            return
        checks = (  # (tab, help text, query, what to add to its rows before showing them)
            ("missing", t("an.dq.missing_help", lg), qc.missing_reports, None),
            ("range", t("an.dq.range_help", lg, factor=analysis_queries.OUTLIER_FACTOR), qc.out_of_range,
             lambda df: df.assign(alasan=[t(f"an.dq.reason.{r}", lg) for r in df["alasan"]])),
            ("stale", t("an.dq.stale_help", lg, months=analysis_queries.STALE_MONTHS), qc.stale_partnerships, None),
        )
        for tab, (name, help_text, query, prepare) in zip(st.tabs([t(f"an.dq.{c[0]}", lg) for c in checks]), checks):
            with tab:
                st.caption(help_text)
                df = query(f)
                if df.empty:
                    st.success(t("an.dq.none", lg))
                else:
                    table(with_profile_links(labelled(prepare(df) if prepare else df, lg)), key=f"{key}_{name}")


def download_buttons(df: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX of ``df``; text that looks like a formula is escaped in both."""
    lg = ui.lang()
    c1, c2 = st.columns(2)
    c1.download_button(t("an.download_csv", lg), downloads.to_csv_bytes(df), file_name=f"{name}.csv",
                       mime="text/csv", key=f"{key}_csv", on_click="ignore")
    c2.download_button(t("an.download_xlsx", lg), downloads.to_xlsx_bytes(df, sheet=name[:31]), file_name=f"{name}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
                       on_click="ignore")
