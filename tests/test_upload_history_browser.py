"""The problems of an upload's preview at 1024 × 768 in Chromium, beside the app's sidebar: the column of what
was expected is inside the table and the window, without scrolling sideways."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ARTIFACTS, wait_idle

from kemitraan.app.upload_problems import CAUSE_COLUMNS
from kemitraan.i18n import t

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1024, "height": 768}


def _headers(table) -> list[str]:
    """The column headers the grid has drawn: it renders only the columns in view (virtualised)."""
    return table.locator("[role=columnheader]").all_inner_texts()


def test_the_expected_value_is_in_view_at_1024_px(server, browser, tmp_path):
    rows = [{"kode_kemitraan": "DEMO-00001", "periode": "2024-Q1", "kode_indikatorr": "terjangkau", "nilai": "1"}] * 30
    bad = tmp_path / "indikator_salah.csv"
    bad.write_bytes(pd.DataFrame(rows).to_csv(index=False).encode("utf-8"))

    pg = browser.new_page(viewport=VIEWPORT)
    try:
        pg.goto(f"{server}/unggah_data")
        wait_idle(pg)
        pg.set_input_files("[data-testid='stFileUploaderDropzoneInput']", [str(bad)])
        pg.get_by_text(t("upload.problems.by_cause", "id")).wait_for(timeout=90_000)
        wait_idle(pg)

        where, expected = t("ingest.col.where", "id"), t("ingest.col.expected", "id")
        tables = pg.locator("[data-testid='stDataFrame']")
        causes = [tables.nth(i) for i in range(tables.count()) if where in _headers(tables.nth(i))]
        assert len(causes) == 1
        table = causes[0]
        table.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "upload_problems_1024.png"))

        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]
        assert expected in _headers(table)  # drawn, so in view
        assert table.evaluate("e => e.querySelector('.dvn-scroller').scrollLeft") == 0
        # The grid's scrollable width is the configured widths: they are applied, so the column's place is known.
        scroll_width = table.evaluate("e => e.querySelector('.dvn-scroller').scrollWidth")
        assert abs(scroll_width - sum(w for _, w in CAUSE_COLUMNS)) <= 2
        names = [c for c, _ in CAUSE_COLUMNS]
        left = box["x"] + sum(w for _, w in CAUSE_COLUMNS[: names.index("expected")])
        right = left + dict(CAUSE_COLUMNS)["expected"]
        assert right <= box["x"] + box["width"] and right <= VIEWPORT["width"], (left, right, box)
        cell = table.locator("[role=gridcell]", has_text="mungkin maksud Anda: kode_indikator?")
        assert cell.count() == 1  # the cause with its suggestion, one line for the 30 rows
    finally:
        pg.close()
