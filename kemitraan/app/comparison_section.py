"""Dampak's comparison areas: the change of an outcome in the kabupaten/kota where the filtered partnerships work
against the other kabupaten/kota of their provinces, from the reference values (``rujukan``); a descriptive
difference-in-differences with its Welch interval and n on each side, never worded as proof of effect
(docs/METHODS.md §13)."""

from __future__ import annotations

import streamlit as st

from kemitraan import escape
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.charts.impact import comparison_chart
from kemitraan.labels import change_unit, fmt_change, labelled


def comparison_section(db, f, kode: str, ind) -> None:
    """The section's header, its three figures (each side's change, their difference with the interval), the
    chart, the sources, the caution and the table of areas."""
    lang = ui.lang()
    st.subheader(ui.t("ref.compare.header"))
    comp = cq.comparison(db, f, kode)
    if not comp or not (comp["n_wilayah_kemitraan"] or comp["n_wilayah_pembanding"]):
        st.info(ui.t("ref.compare.none"))
    else:
        change = change_unit(kode, lang)
        years = dict(awal=comp["tahun_awal"], akhir=comp["tahun_akhir"])
        st.caption(ui.t("ref.compare.intro", indikator=ind.in_sentence(lang), **years))
        c = st.columns(3)
        w.headline(
            c[0],
            ui.t("ref.compare.kpi.kemitraan"),
            fmt_change(comp["perubahan_kemitraan"], lang),
            f"{change} · " + ui.t("ref.compare.kpi.n", n=comp["n_wilayah_kemitraan"], **years),
        )
        w.headline(
            c[1],
            ui.t("ref.compare.kpi.pembanding"),
            fmt_change(comp["perubahan_pembanding"], lang),
            f"{change} · " + ui.t("ref.compare.kpi.n", n=comp["n_wilayah_pembanding"], **years),
        )
        w.headline(
            c[2],
            ui.t("ref.compare.kpi.selisih"),
            fmt_change(comp["selisih"], lang),
            ui.t("ref.compare.too_few")
            if comp["ik_bawah"] is None
            else ui.t(
                "ref.compare.kpi.ci",
                lo=fmt_change(comp["ik_bawah"], lang),
                hi=fmt_change(comp["ik_atas"], lang),
                satuan=change,
            ),
        )
        w.chart(w.plot(comparison_chart, comp, kode, lang), key="impact_compare")
        st.caption(escape.markdown(ui.t("ref.compare.sources", sumber="; ".join(comp["sumber"]))))
        st.warning(ui.t("ref.compare.caution"), icon=":material/info:")
        with st.expander(ui.t("an.table.detail") + " · " + ui.t("ref.compare.header")):
            areas = cq.area_changes(db, f, kode)
            words = {g: ui.t(f"ref.compare.kpi.{g}") for g in ("kemitraan", "pembanding")}
            w.table(labelled(areas.assign(kelompok=areas["kelompok"].map(words)), lang), key="impact_compare_table")
            w.download_buttons(areas, "pembanding", key="impact_compare_dl")
