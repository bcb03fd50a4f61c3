"""The data-quality panel: missing reports, values outside plausible ranges, stale partnerships."""

from __future__ import annotations

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached
from kemitraan.app.session import Snapshot, lang
from kemitraan.app.widgets import table, with_profile_links
from kemitraan.i18n import t
from kemitraan.labels import labelled
from kemitraan.methods import rules
from kemitraan.queries.filters import Filters


def quality_panel(db: Snapshot, f: Filters, key: str = "dq") -> None:
    """Missing reports, values outside plausible ranges and stale partnerships, for the filters.

    The checks run only once the reader opens the panel (a toggle), so pages stay fast.
    """
    lg = lang()
    with st.expander(t("an.dq.title", lg), expanded=False, icon=":material/health_and_safety:"):
        if not st.toggle(t("an.dq.run", lg), key=f"{key}_on"):
            return
        checks = (  # (tab, help text, query, what to add to its rows before showing them)
            (
                "reporting",
                t("fig.kpi.completeness.help", lg, hari=contract.REPORT_ON_TIME_DAYS),
                lambda db_, f_: cached.reporting_rates(db_, f_, "kode_kemitraan"),
                None,
            ),
            ("missing", t("an.dq.missing_help", lg), cached.missing_reports, None),
            (
                "range",
                t("an.dq.range_help", lg, factor=rules.OUTLIER_FACTOR),
                cached.out_of_range,
                lambda df: df.assign(alasan=[t(f"an.dq.reason.{r}", lg) for r in df["alasan"]]),
            ),
            ("stale", t("an.dq.stale_help", lg, months=rules.STALE_MONTHS), cached.stale_partnerships, None),
            ("orphans", t("an.dq.orphans_help", lg), cached.orphan_rows, None),
        )
        for tab, (name, help_text, query, prepare) in zip(st.tabs([t(f"an.dq.{c[0]}", lg) for c in checks]), checks):
            with tab:
                st.caption(help_text)
                if name == "reporting":  # completeness by category and province first, DHIS2-style
                    for by in ("kategori", "provinsi_kode"):
                        table(labelled(cached.reporting_rates(db, f, by), lg), key=f"{key}_{name}_{by}")
                df = query(db, f)
                if df.empty:
                    st.success(t("an.dq.none", lg))
                else:
                    table(with_profile_links(labelled(prepare(df) if prepare else df, lg)), key=f"{key}_{name}")
