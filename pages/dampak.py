"""Dampak — did outcomes move, in the same partnerships? The fixed cohort's pooled change with its 95 % interval
leads; the share of its partnerships improving beyond a documented minimum and their sampling error comes second,
and when the two point different ways the page says so; beside them the cohort's own trend."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.comparison_section import comparison_section
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.impact import impact_group_bars, impact_share_chart, outcome_trend
from kemitraan.export import takeaways as tk
from kemitraan.labels import change_unit, dims_label, fmt_change, fmt_number, fmt_pct, labelled, range_label, unit_label
from kemitraan.methods import indices
from kemitraan.queries.indicators import OUTCOMES

#: Province reference lines show when the filtered partnerships lie in at most this many provinces.
MAX_REFERENCE_PROVINCES = 3

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.dampak.title"))
st.caption(ui.t("an.dampak.intro"))
deck_downloads("dampak")

dim, grain, code_col = w.group_and_grain()

per_all, overall = cq.impact_summary(db, f, [])
if per_all.empty:
    w.empty_state(db, "dampak")
    st.stop()
w.scope_caption(db, f, OUTCOMES)

present = [k for k in OUTCOMES if k in set(per_all["kode_indikator"])]
kode = url_choice(
    st.selectbox,
    ui.t("an.outcome"),
    present,
    key="outcome",
    text=lambda c, lg: contract.indicator(c).label(lg),
    default=present[0],
)
ind = contract.indicator(kode)
row = per_all.set_index("kode_indikator").loc[kode]
minimum = f"{fmt_number(ind.perubahan_min, lang, 1 if ind.perubahan_min % 1 else 0)} {change_unit(kode, lang)}"
awal = range_label(row["awal_dari"], row["awal_sampai"], lang)
akhir = range_label(row["akhir_dari"], row["akhir_sampai"], lang)
n = int(row["n_kemitraan"])

k = st.columns(3)
if n:
    # the pooled cohort change leads; the share of partnerships improving comes second (docs/METHODS.md)
    better = ui.t("an.higher_better" if indices.direction(kode) > 0 else "an.lower_better")
    w.headline(
        k[0],
        ui.t("fig.impact.kpi.change"),
        fmt_change(row["perubahan"], lang),
        f"{indices.impact_change({**row, 'kode_indikator': kode}, lang)} ({better})",
    )
    w.headline(
        k[1],
        ui.t("fig.impact.kpi.cohort"),
        f"{fmt_number(row['baseline'], lang, 1)} → {fmt_number(row['terakhir'], lang, 1)}",
        ui.t(
            "fig.impact.kpi.cohort.note",
            satuan=unit_label(kode, lang),
            awal=fmt_number(row["baseline"], lang, 1),
            akhir=fmt_number(row["terakhir"], lang, 1),
            awal_periode=awal,
            akhir_periode=akhir,
        ),
    )
    w.headline(
        k[2],
        ui.t("fig.impact.kpi.share"),
        fmt_pct(row["porsi_membaik_pct"], lang, 0),
        ui.t(
            "fig.impact.kpi.share.note",
            k=int(row["membaik"]),
            n=n,
            m=int(row["memburuk"]),
            minimum=minimum,
            lo=fmt_number(row["ik_bawah_pct"], lang),
            hi=fmt_number(row["ik_atas_pct"], lang),
        ),
    )
st.caption(ui.t("fig.impact.method", awal=awal, akhir=akhir, minimum=minimum))
if n:
    warning = indices.impact_warning({**row, "kode_indikator": kode}, lang)
    if warning:
        st.warning(warning, icon=":material/warning:")
else:
    st.info(ui.t("fig.impact.none"))

per, _ = cq.impact_summary(db, f, code_col, (kode,))
picked = w.select_chart(
    w.plot(
        impact_group_bars,
        per,
        code_col,
        lang,
        ui.t(
            "an.chart.impact_group.title",
            indikator=ind.label(lang),
            minimum=minimum,
            kelompok=dims_label(code_col, lang),
        ),
    ),
    key="impact_groups",
)
w.click_filter(code_col, picked)

cohort = cq.impact_cohort(db, f, kode)
fixed = (
    st.segmented_control(
        ui.t("fig.cohort.label"),
        ["tetap", "semua"],
        key="kohort",
        default="tetap",
        format_func=lambda c: ui.t("fig.cohort.fixed", n=len(cohort)) if c == "tetap" else ui.t("fig.cohort.all"),
    )
    != "semua"
)
series = cq.outcome_series(db, f, grain, code_col, kodes=(kode,), fixed_cohort=fixed)
# reference values dashed beside the cohort: national, and the provinces of the partnerships when they are few
provs = cq.partnership_provinces(db, f, kode)
refs = cq.reference_lines(db, f, kode, tuple(provs) if len(provs) <= MAX_REFERENCE_PROVINCES else ())
w.chart(w.plot(outcome_trend, series, kode, code_col, lang, refs=refs), key="impact_trend")
st.caption(ui.t("fig.cohort.note.fixed", n=len(cohort)) if fixed else ui.t("fig.cohort.note.all"))
if refs.empty:
    st.caption(ui.t("ref.none"))
else:
    st.caption(
        ui.t("ref.lines_note")
        + ("" if len(provs) <= MAX_REFERENCE_PROVINCES else " " + ui.t("ref.provinces_off", n=MAX_REFERENCE_PROVINCES))
    )
w.coarser_note(db, f, grain)

w.chart(w.plot(impact_share_chart, per_all, None, lang), key="impact_all", takeaway=tk.impact(per_all, lang))

comparison_section(db, f, kode, ind)  # comparison areas: a descriptive difference-in-differences

with st.expander(ui.t("an.table.detail")):
    per_group, _ = cq.impact_summary(db, f, code_col)
    w.table(labelled(per_group, lang), key="impact_table")
    w.download_buttons(per_group, "dampak", key="impact_dl")

quality_panel(db, f, key="impact_dq")
