"""The presentation deck: an ordered list of slides chosen by key, as the URL holds them
(``?slides=ringkasan,jangkauan,dana,dampak,pembanding,kesehatan,peta``).

A slide is one message: a takeaway title computed from the data, one figure drawn by the
pages' own chart functions from the pages' own queries, a headline metric or two (already
formatted), the data frame behind the chart (codes, not labels: exports label it), speaker
notes (indicator definitions from the catalog, method notes) and the meeting notes written
on it. Builders take ``(con, filters, lang)``, like every query.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract
from kemitraan.charts import common as ccommon
from kemitraan.charts import geography as cgeography
from kemitraan.charts import health as chealth
from kemitraan.charts import impact as cimpact
from kemitraan.charts import reach as creach
from kemitraan.charts import sustainability as csustainability
from kemitraan.export import takeaways as tk
from kemitraan.export.context import Coverage, ExportContext, build_context, coverage, filter_values, fmt_date
from kemitraan.i18n import t
from kemitraan.labels import (
    change_unit,
    column_label,
    fmt_change,
    fmt_idr,
    fmt_number,
    fmt_pct,
    map_unit_label,
    unit_label,
)
from kemitraan.methods import indices
from kemitraan.queries import filter_codes, indicators, overview, survey
from kemitraan.queries import geography as qgeography
from kemitraan.queries import impact as qimpact
from kemitraan.queries import reach as qreach
from kemitraan.queries import reference as qreference
from kemitraan.queries import summaries as qsummaries
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Note, Notes

DEFAULT_SLIDES: tuple[str, ...] = ("ringkasan", "jangkauan", "dana", "dampak", "pembanding", "kesehatan", "peta")
#: The indicator the map slide shows (the Peta page's default).
MAP_INDICATOR = "terjangkau"
DIM = "kategori"


@dataclass
class Metric:
    label: str
    value: str  # formatted for the reader's language


@dataclass
class Slide:
    key: str
    title: str  # the takeaway sentence
    chart_title: str  # the chart's own question
    #: Draws the figure when it is first asked for (:attr:`figure`): the PPTX shows the map as a table and the XLSX
    #: draws no figure, and the map alone takes 0.4 s to draw at 10 M rows (every boundary simplified).
    draw: Callable[[], go.Figure]
    metrics: list[Metric]
    data: pd.DataFrame  # behind the chart: codes and numbers, one row per mark
    indicators: tuple[str, ...] = ()  # catalog codes defined in the speaker notes
    methods: tuple[str, ...] = ()  # index docs (indices.INDEX_DOCS keys) quoted in the speaker notes
    empty: bool = False  # nothing to draw for these filters
    table: pd.DataFrame | None = None  # the map's values, worded and formatted (the map is not a native chart)
    meeting_notes: list[Note] = field(default_factory=list)

    def label(self, lang: str) -> str:
        return slide_label(self.key, lang)

    @property
    def figure(self) -> go.Figure:
        # kept in the instance, without functools.cached_property: on Python 3.11 it holds one lock for every Slide,
        # so one session drawing a map would make every other session's slides wait (two drawing it: harmless)
        if "figure" not in self.__dict__:
            self.__dict__["figure"] = self.draw()
        return self.__dict__["figure"]

    def __getstate__(self) -> dict:
        # a pickled slide (the Presentasi page's st.cache_data) carries its figure drawn: a lambda does not pickle
        state = {**self.__dict__, "figure": self.figure}
        state["draw"] = None
        return state


@dataclass
class Deck:
    context: ExportContext
    slides: list[Slide]

    @property
    def lang(self) -> str:
        return self.context.lang


class UnknownSlides(ValueError):
    def __init__(self, keys: list[str]):
        super().__init__(", ".join(keys))
        self.keys = keys

    def message(self, lang: str) -> str:
        return t("export.err.slides", lang, keys=", ".join(self.keys), known=", ".join(SLIDES))


def slide_label(key: str, lang: str) -> str:
    return t(f"export.slide.{key}", lang)


def parse_slides(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"ringkasan,peta"`` (or a list, or repeated values) → keys in that order, duplicates dropped;
    empty → the default deck; unknown keys raise :class:`UnknownSlides`."""
    if value is None:
        return list(DEFAULT_SLIDES)
    items = [value] if isinstance(value, str) else list(value)
    keys = [k.strip().lower() for item in items for k in str(item).split(",") if k.strip()]
    if not keys:
        return list(DEFAULT_SLIDES)
    unknown = [k for k in dict.fromkeys(keys) if k not in SLIDES]
    if unknown:
        raise UnknownSlides(unknown)
    return list(dict.fromkeys(keys))


# --- helpers ---------------------------------------------------------------------------------------


def _first(df: pd.DataFrame, col: str):
    if df.empty or col not in df or pd.isna(df[col].iloc[0]):
        return None
    return df[col].iloc[0]


def _cols(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    return df[[c for c in cols if c in df.columns]].reset_index(drop=True)


def _year_ticks(fig: go.Figure, frame: pd.DataFrame, cov: Coverage, lang: str) -> go.Figure:
    """Label each year on a yearly trend's x axis, a partial one with its months: ``2026 (Jan–Jun)``."""
    if frame.empty or "periode_mulai" not in frame:
        return fig
    if fig.layout.xaxis.type == "category":
        # the chart already labels its periods (partial years marked); date tick values on a category axis
        # would match no category and leave the axis without labels
        return fig
    starts = sorted(pd.to_datetime(frame["periode_mulai"]).dropna().unique())
    return fig.update_xaxes(
        tickmode="array", tickvals=list(starts), ticktext=[cov.year_label(pd.Timestamp(s).year, lang) for s in starts]
    )


def _with_year_labels(frame: pd.DataFrame, cov: Coverage, lang: str) -> pd.DataFrame:
    out = frame.copy()
    if "periode_mulai" in out:
        out["periode"] = [cov.year_label(pd.Timestamp(d).year, lang) for d in out["periode_mulai"]]
    return out


def _has(df: pd.DataFrame, col: str) -> bool:
    return not df.empty and col in df and bool(df[col].notna().any())


#: Answers shared by the slides of the deck being built (:func:`build_deck`): several slides ask the same question
#: (the reach totals four times, the impact windows twice), which a whole deck (an export, the downloads) then
#: asks once. Unset while one slide is built alone (the Presentasi page, where Streamlit's cache answers repeats).
_SHARED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("deck_shared_answers", default=None)


def _ask(query: Callable, con, f: Filters, *args):
    """``query(con, f, *args)``, answered once per deck being built; each caller gets its own copy of a frame (a
    builder may add columns to what it was given)."""
    shared = _SHARED.get()
    if shared is None:
        return query(con, f, *args)
    key = (query.__module__, query.__qualname__, f, repr(args))
    if key not in shared:
        shared[key] = query(con, f, *args)
    return _copy(shared[key])


def _summaries(con, f: Filters) -> dict[tuple[str, ...], qsummaries.Summary]:
    """Reach and sustainability, whole and per :data:`DIM`, from one pass (:mod:`kemitraan.queries.summaries`):
    a slide asks once for all it shows; each frame a copy (a builder may add columns)."""
    got = _ask(qsummaries.summaries, con, f, ((), (DIM,)))
    return {k: qsummaries.Summary(*(v.copy() for v in one)) for k, one in got.items()}


def _copy(value):
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    return value


# --- builders: (con, filters, lang) -> Slide ------------------------------------------------------------


def ringkasan(con, f: Filters, lang: str) -> Slide:
    """Overview: the home page's headline numbers and reached-vs-target chart."""
    s = _summaries(con, f)
    by = s[(DIM,)].reach
    h = overview.headline(
        _ask(qsustainability.partnership_status, con, f, []),
        s[()].reach,
        s[()].sustainability,
        _ask(survey.respondents, con, f, None),
    )
    title = t("chart.reach.title", lang)
    return Slide(
        key="ringkasan",
        title=tk.overview(by, DIM, lang, h["n_kemitraan"]),
        chart_title=title,
        draw=lambda: creach.reach_reached_vs_target(by, DIM, lang, title=title),
        metrics=[
            Metric(
                f"{t('kpi.kemitraan', lang)} ({t('kpi.kemitraan_help', lang, aktif=fmt_number(h['n_aktif'], lang))})",
                fmt_number(h["n_kemitraan"], lang),
            ),
            Metric(t("kpi.terjangkau", lang), fmt_number(h["terjangkau"], lang)),
            Metric(t("kpi.dana", lang), fmt_idr(h["dana_realisasi"], lang)),
        ],
        data=_cols(by, [DIM, "n_kemitraan", "terjangkau", "target_terjangkau", "capaian_pct", "cakupan_pct"]),
        indicators=("terjangkau",),
        methods=("cakupan",),
        empty=not _has(by, "terjangkau"),
    )


def jangkauan(con, f: Filters, lang: str) -> Slide:
    """Reach per year and category: is reach growing, and where is it highest?"""
    cov = _ask(coverage, con, f)
    trend = _ask(qreach.reach_over_time, con, f, "tahun", DIM)
    total = _summaries(con, f)[()].reach
    title = t("chart.reach_trend.title", lang)
    return Slide(
        key="jangkauan",
        title=tk.reach_trend(trend, DIM, cov, lang),
        chart_title=title,
        draw=lambda: _year_ticks(
            ccommon.trend_lines(
                trend, DIM, "terjangkau", title, unit_label("terjangkau", lang), lang, kode="terjangkau"
            ),
            trend,
            cov,
            lang,
        ),
        metrics=[
            Metric(t("kpi.terjangkau", lang), fmt_number(_first(total, "terjangkau"), lang)),
            Metric(t("an.kpi.attainment", lang), fmt_pct(_first(total, "capaian_pct"), lang)),
        ],
        data=_cols(
            _with_year_labels(trend, cov, lang),
            [DIM, "periode", "terjangkau", "target_terjangkau", "capaian_pct", "cakupan_pct", "n_kemitraan"],
        ),
        indicators=("terjangkau", "sasaran"),
        methods=("cakupan", "agregasi"),
        empty=not _has(trend, "terjangkau"),
    )


def cakupan(con, f: Filters, lang: str) -> Slide:
    """Annualised coverage per year and category (the Jangkauan page's trend)."""
    cov = _ask(coverage, con, f)
    trend = _ask(qreach.reach_over_time, con, f, "tahun", DIM)
    total = _summaries(con, f)[()].reach
    title = t("an.chart.coverage_trend.title", lang)
    metrics = [Metric(f"{t('an.kpi.coverage', lang)} {cov.label(lang)}", fmt_pct(_first(total, "cakupan_pct"), lang))]
    rate = tk.yearly_coverage(trend)
    pair = tk.compared_years(cov, rate.index)
    if pair:  # the title speaks of the last complete year: its figure stands beside the whole range's
        metrics.insert(0, Metric(f"{t('an.kpi.coverage', lang)} {pair[1]}", fmt_pct(rate[pair[1]], lang)))
    return Slide(
        key="cakupan",
        title=tk.coverage_trend(trend, DIM, cov, lang),
        chart_title=title,
        draw=lambda: _year_ticks(ccommon.trend_lines(trend, DIM, "cakupan_pct", title, "%", lang), trend, cov, lang),
        metrics=metrics,
        data=_cols(
            _with_year_labels(trend, cov, lang),
            [DIM, "periode", "terjangkau", "terjangkau_bersasaran", "sasaran_tahun", "cakupan_pct", "n_kemitraan"],
        ),
        indicators=("terjangkau", "sasaran"),
        methods=("cakupan",),
        empty=not _has(trend, "cakupan_pct"),
    )


def rentan(con, f: Filters, lang: str) -> Slide:
    s = _summaries(con, f)
    by, total = s[(DIM,)].reach, s[()].reach
    title = t("an.chart.rentan.title", lang)
    return Slide(
        key="rentan",
        title=tk.hard_to_reach(by, total, DIM, lang),
        chart_title=title,
        draw=lambda: ccommon.group_bars(by, DIM, "porsi_rentan_pct", title, "%", lang),
        metrics=[Metric(t("an.kpi.rentan", lang), fmt_pct(_first(total, "porsi_rentan_pct"), lang))],
        data=_cols(by, [DIM, "kelompok_rentan_terjangkau", "terjangkau", "porsi_rentan_pct", "n_kemitraan"]),
        indicators=("kelompok_rentan_terjangkau", "terjangkau"),
        methods=("porsi_rentan",),
        empty=not _has(by, "porsi_rentan_pct"),
    )


def dana(con, f: Filters, lang: str) -> Slide:
    """Sustainability: funds committed and disbursed per category."""
    s = _summaries(con, f)
    by, total = s[(DIM,)].sustainability, s[()].sustainability
    title = t("an.chart.funds.title", lang)
    return Slide(
        key="dana",
        title=tk.funds(by, DIM, lang),
        chart_title=title,
        draw=lambda: csustainability.funds_chart(by, DIM, lang),
        metrics=[
            Metric(
                f"{t('an.kpi.realisation', lang)} "
                f"({t('kpi.dana_help', lang, pct=fmt_pct(_first(total, 'realisasi_pct'), lang))})",
                fmt_idr(_first(total, "dana_realisasi_idr"), lang),
            ),
            Metric(t("an.kpi.local", lang), fmt_pct(_first(total, "porsi_dana_lokal_pct"), lang)),
        ],
        data=_cols(
            by,
            [
                DIM,
                "dana_komitmen_idr",
                "dana_realisasi_idr",
                "realisasi_pct",
                "porsi_dana_lokal_pct",
                "indeks_keberlanjutan",
            ],
        ),
        indicators=("dana_komitmen_idr", "dana_realisasi_idr", "porsi_dana_lokal_pct"),
        methods=("indeks_keberlanjutan",),
        empty=not _has(by, "dana_komitmen_idr"),
    )


def status(con, f: Filters, lang: str) -> Slide:
    by = _ask(qsustainability.partnership_status, con, f, DIM)
    title = t("an.chart.status.title", lang)
    n = int(by["n_kemitraan"].sum()) if not by.empty else 0
    return Slide(
        key="status",
        title=tk.status(by, lang),
        chart_title=title,
        draw=lambda: csustainability.status_chart(by, DIM, lang),
        metrics=[
            Metric(
                t("an.kpi.active", lang),
                f"{fmt_number(int(by['n_aktif'].sum()) if n else 0, lang)} / {fmt_number(n, lang)}",
            ),
            Metric(t("col.n_tidak_melapor", lang), fmt_number(int(by["n_tidak_melapor"].sum()) if n else 0, lang)),
        ],
        data=_cols(by, [DIM, "n_kemitraan", "n_aktif", "n_tidak_melapor", "n_selesai", "usia_tahun"]),
        empty=n == 0,
    )


def dampak(con, f: Filters, lang: str) -> Slide:
    """Impact: the pooled change of the largest cohort with its 95 % interval first (the title says it, with any
    contradiction and the small-n warning), then per outcome the share of the cohort improving (95 % CI)."""
    per, _ = _ask(qimpact.impact_summary, con, f, [])
    title = t("an.chart.impact_share.title", lang)
    row = tk.impact_row(per)
    metrics = (
        []
        if row is None
        else [
            # the value short enough for a slide's large type; its unit and interval in the label
            Metric(
                f"{t('fig.impact.kpi.change', lang)} · {contract.indicator(row['kode_indikator']).label(lang)} "
                f"({change_unit(row['kode_indikator'], lang)}) {indices.impact_interval(row, lang)}".rstrip(),
                fmt_change(row["perubahan"], lang),
            ),
            Metric(
                t("fig.impact.kpi.share", lang),
                f"{fmt_pct(row['porsi_membaik_pct'], lang, 0)} ({fmt_number(row['membaik'], lang)} / "
                f"{fmt_number(row['n_kemitraan'], lang)})",
            ),
        ]
    )
    if row is not None:  # the latest national reference value of the same outcome, with its source
        refs = qreference.reference_lines(con, f, row["kode_indikator"])
        if not refs.empty:
            last = refs.iloc[-1]
            metrics.append(
                Metric(
                    t("ref.metric", lang, wilayah=last["wilayah"], tahun=int(last["tahun"]), sumber=last["sumber"]),
                    f"{fmt_number(last['nilai'], lang, 1)} {unit_label(row['kode_indikator'], lang)}",
                )
            )
    return Slide(
        key="dampak",
        title=tk.impact(per, lang),
        chart_title=title,
        draw=lambda: cimpact.impact_share_chart(per, None, lang),
        metrics=metrics,
        data=_cols(
            per,
            [
                "kode_indikator",
                "n_kemitraan",
                "membaik",
                "memburuk",
                "tetap",
                "porsi_membaik_pct",
                "ik_bawah_pct",
                "ik_atas_pct",
                "baseline",
                "terakhir",
                "perubahan",
                "perubahan_bawah",
                "perubahan_atas",
                "bertentangan",
                "perubahan_min",
            ],
        ),
        indicators=indicators.OUTCOMES,
        methods=("dampak_membaik", "dampak_kohort"),
        empty=not _has(per, "porsi_membaik_pct"),
    )


def comparison_outcome(con, f: Filters) -> tuple[str | None, dict | None]:
    """The outcome the comparison slide speaks of: the impact slide's (the largest cohort) when the reference values
    compare it, else the first outcome they compare; (None, None) when they compare none."""
    per, _ = _ask(qimpact.impact_summary, con, f, [])
    row = tk.impact_row(per)
    order = ([row["kode_indikator"]] if row is not None else []) + list(indicators.OUTCOMES)
    for kode in dict.fromkeys(order):
        c = qreference.comparison(con, f, kode)
        if c and c["n_wilayah_kemitraan"] and c["n_wilayah_pembanding"]:
            return kode, c
    return None, None


def pembanding(con, f: Filters, lang: str) -> Slide:
    """Comparison areas: an outcome's mean change in the partnerships' kabupaten/kota and in the other
    kabupaten/kota of their provinces (reference values), their difference with Welch's 95 % interval and n areas;
    a descriptive comparison, never proof of effect (docs/METHODS.md §13)."""
    kode, c = comparison_outcome(con, f)
    if kode is None:
        return Slide(
            key="pembanding",
            title=t("ref.compare.take_none", lang),
            chart_title=t("ref.compare.header", lang),
            draw=lambda: cimpact.comparison_chart(None, indicators.OUTCOMES[0], lang),
            metrics=[],
            data=pd.DataFrame(columns=list(qreference.CHANGE_COLUMNS)),
            methods=("pembanding",),
            empty=True,
        )
    unit = change_unit(kode, lang)
    years = {"awal": c["tahun_awal"], "akhir": c["tahun_akhir"]}
    title = t(
        "ref.compare.takeaway",
        lang,
        indikator=contract.indicator(kode).label(lang),
        satuan=unit,
        pk=fmt_change(c["perubahan_kemitraan"], lang),
        pp=fmt_change(c["perubahan_pembanding"], lang),
        selisih=fmt_change(c["selisih"], lang),
        **years,
    )
    ci = (
        t("ref.compare.too_few", lang)
        if c["ik_bawah"] is None
        else t(
            "ref.compare.kpi.ci",
            lang,
            lo=fmt_change(c["ik_bawah"], lang),
            hi=fmt_change(c["ik_atas"], lang),
            satuan=unit,
        )
    )
    areas, _, _ = qreference.area_changes(con, f, kode)
    return Slide(
        key="pembanding",
        title=title,
        chart_title=cimpact.comparison_title(c, kode, lang),
        draw=lambda: cimpact.comparison_chart(c, kode, lang),
        metrics=[
            Metric(f"{t('ref.compare.kpi.selisih', lang)} ({ci})", fmt_change(c["selisih"], lang)),
            # the value a number a room can read; what it counts, the years and the sources in the label
            Metric(
                t("ref.compare.kpi.areas", lang, sumber="; ".join(c["sumber"]), **years),
                f"{fmt_number(c['n_wilayah_kemitraan'], lang)} + {fmt_number(c['n_wilayah_pembanding'], lang)}",
            ),
        ],
        data=areas.assign(kode_indikator=kode),
        indicators=(kode,),
        methods=("pembanding",),
    )


def kesehatan(con, f: Filters, lang: str) -> Slide:
    """Partnership health: the score per principle from the self-assessment survey."""
    health = survey.health_by_principle(con, f, None)
    resp = _ask(survey.respondents, con, f, None)
    overall = indices.health_overall(health, []) if not health.empty else health
    title = t("an.chart.health_bars.title", lang)
    n_resp = int(_first(resp, "n_responden") or 0)
    score = _first(overall, "skor")
    return Slide(
        key="kesehatan",
        title=tk.health(health, lang),
        chart_title=title,
        draw=lambda: chealth.health_bars(health, lang),
        metrics=[
            Metric(
                t("an.kpi.health", lang)
                + ("" if score is None else f" ({t('zona.' + str(_first(overall, 'zona')), lang).lower()})"),
                "–" if score is None else f"{fmt_number(score, lang)} / 100",
            ),
            Metric(
                t("export.metric.respondents", lang, k=fmt_number(_first(resp, "n_kemitraan") or 0, lang)),
                fmt_number(n_resp, lang),
            ),
        ],
        data=_cols(health, ["prinsip", "n", "rata_rata", "skor", "zona"]),
        methods=("skor_kesehatan", "zona_kesehatan"),
        empty=n_resp == 0,
    )


def kepuasan(con, f: Filters, lang: str) -> Slide:
    by = survey.satisfaction(con, f, DIM)
    total = survey.satisfaction(con, f, None)
    title = t("an.chart.satisfaction.title", lang)
    return Slide(
        key="kepuasan",
        title=tk.satisfaction(by, total, DIM, lang),
        chart_title=title,
        draw=lambda: chealth.satisfaction_chart(by, DIM, lang),
        metrics=[
            Metric(
                t("an.kpi.satisfaction", lang),
                "–" if _first(total, "skor") is None else f"{fmt_number(_first(total, 'skor'), lang)} / 100",
            )
        ],
        data=_cols(by, [DIM, "n", "rata_rata", "skor", "zona", "puas_pct"]),
        methods=("skor_kesehatan",),
        empty=by.empty,
    )


def peta(con, f: Filters, lang: str) -> Slide:
    """Map: people reached per population, as the Peta page draws it for these filters — provinces, or the
    kabupaten/kota of the province when exactly one is chosen (:func:`kemitraan.queries.geography.map_level`).

    ``table`` is the map's areas with data, largest first, already worded and formatted in ``lang`` (area, what the
    map shows with its unit, partnerships): PowerPoint has no native map, so the PPTX shows it in place of the
    figure and the HTML report beside it."""
    level = qgeography.map_level(f)
    av = qgeography.area_values(con, f, MAP_INDICATOR, level)
    has = av.with_data.sort_values("nilai_peta", ascending=False)
    places = cgeography.decimals(av.frame["nilai_peta"])
    table = pd.DataFrame(
        {
            column_label("wilayah", lang): has["wilayah"],
            map_unit_label(MAP_INDICATOR, lang): [fmt_number(v, lang, places) for v in has["nilai_peta"]],
            column_label("n_nilai", lang): [fmt_number(v, lang) for v in has["n_nilai"]],
        }
    )
    metric = "export.metric.provinces" if level == "provinsi" else "export.metric.kabupaten"
    return Slide(
        key="peta",
        title=tk.areas(av.frame, MAP_INDICATOR, level, lang, places),
        chart_title=cgeography.map_title(av, lang),
        draw=lambda: cgeography.area_map(av, lang),
        metrics=[
            Metric(t(metric, lang), f"{len(has)} / {len(av.frame)}"),
            Metric(t("kpi.kemitraan", lang), fmt_number(int(av.frame["n_nilai"].sum()) + av.n_tanpa_wilayah, lang)),
        ],
        data=cgeography.map_table(av, lang),
        indicators=(MAP_INDICATOR,),
        methods=("agregasi", "peta_penduduk"),
        empty=has.empty,
        table=table.reset_index(drop=True),
    )


SLIDES: dict[str, Callable[..., Slide]] = {
    "ringkasan": ringkasan,
    "jangkauan": jangkauan,
    "cakupan": cakupan,
    "rentan": rentan,
    "dana": dana,
    "status": status,
    "dampak": dampak,
    "pembanding": pembanding,
    "kesehatan": kesehatan,
    "kepuasan": kepuasan,
    "peta": peta,
}


# --- the deck ------------------------------------------------------------------------------------------


def build_deck(con, store, f: Filters, lang: str, slides=None, now: dt.datetime | None = None) -> Deck:
    """The slides ``slides`` (keys, a comma list, or None for the default deck) for these filters, with
    every meeting note written on them."""
    keys = parse_slides(slides)
    notes = Notes(store).list("slide")  # the notes of the snapshot the deck is made from (--per, ?per=), read once
    built = []
    shared = _SHARED.set({})
    try:
        for key in keys:
            s = SLIDES[key](con, f, lang)
            s.meeting_notes = [n for n in notes if n.target_key == key]
            built.append(s)
    finally:
        _SHARED.reset(shared)
    return Deck(build_context(con, store, f, lang, now), built)


def definitions(slide: Slide, lang: str) -> list[str]:
    """The speaker notes' method part: each indicator's and index's definition, from the catalog."""
    out = []
    for k in slide.indicators:
        ind = contract.indicator(k)
        out.append(
            f"{ind.label(lang)} ({unit_label(k, lang)}; {t('agregasi.' + ind.agregasi_waktu, lang)}): "
            f"{ind.definition(lang)}"
        )
    if slide.methods:
        docs = indices.index_docs(lang).set_index("kode")
        for m in slide.methods:
            out.append(f"{docs.loc[m, 'nama']}: {docs.loc[m, 'definisi']}")
    return out


def note_line(note: Note, lang: str) -> str:
    """``Siti, 12 Mei 2026 (Kategori kemitraan: Semua · …): text`` — the filters it was written under."""
    when = fmt_date(dt.datetime.fromisoformat(note.created_at).date(), lang)
    f = filter_codes.from_codes(note.filters)
    where = " · ".join(f"{k}: {v}" for k, v in filter_values(f, lang))
    if f.period_from or f.period_to:
        span = f"{note.filters.get('dari', '…')} – {note.filters.get('sampai', '…')}"
        where = f"{t('export.period', lang)}: {span} · {where}"
    return f"{note.author}, {when} ({where}): {note.text}"
