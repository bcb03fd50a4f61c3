"""One period default everywhere (issue 19, item 6): without a period the page, ``angka`` and every export cover the
same whole calendar years of the demo, and show the same headline figures.

The figures compared are read from what a reader gets: the page's metrics (AppTest), ``angka --json``, the text of
the PowerPoint and HTML files and the cells of the workbook.
"""

from __future__ import annotations

import io
import json
import re
import shutil

import openpyxl
import pytest
from conftest import APP
from pptx import Presentation

from kemitraan import cli
from kemitraan.i18n import t
from kemitraan.labels import fmt_number
from kemitraan.methods import indices
from kemitraan.storage.store import Store


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory) -> Store:
    d = tmp_path_factory.mktemp("oneperiod") / "data"
    shutil.copytree(demo_dir, d)
    return Store(d)


@pytest.fixture(scope="module")
def angka(demo) -> dict:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["--data-dir", str(demo.root), "angka", "--json"]) == 0
    return json.loads(buf.getvalue())


def export(demo, tmp_path, fmt: str) -> bytes:
    out = tmp_path / f"deck.{fmt}"
    assert cli.main(["--data-dir", str(demo.root), "export", fmt, "--out", str(out)]) == 0
    return out.read_bytes()


def headline(figs: dict) -> dict[str, str]:
    """The figures every view shows, as the reader sees them (Indonesian formats)."""
    kode = min(figs["dampak"], key=lambda k: (-figs["dampak"][k]["n"], k))  # the slide speaks of the largest cohort
    mcpr = {**figs["dampak"][kode], "kode_indikator": kode, "n_kemitraan": figs["dampak"][kode]["n"]}
    return {
        "kemitraan": fmt_number(figs["kemitraan"]["n"], "id"),
        "terjangkau": fmt_number(figs["indikator"]["terjangkau"]["nilai"], "id"),
        "dampak": indices.impact_interval(mcpr, "id"),
    }


def test_the_default_is_the_whole_calendar_years(angka):
    # the demo runs Jul 2021 – Jun 2026: its whole years are 2022–2025
    assert (angka["periode"]["dari"], angka["periode"]["sampai"]) == ("2022-01", "2025-12")


def test_the_ringkasan_page_shows_what_angka_says(demo, angka, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = {m.label: m.value for m in at.metric}
    want = headline(angka)
    assert shown[t("kpi.kemitraan")] == want["kemitraan"]
    assert shown[t("kpi.terjangkau")] == want["terjangkau"]
    assert any(want["dampak"] in c.value for c in [*at.caption, *at.warning])


@pytest.mark.parametrize("fmt", ["pptx", "html", "xlsx"])
def test_each_export_without_dates_shows_what_angka_says(demo, angka, tmp_path, fmt):
    data = export(demo, tmp_path, fmt)
    if fmt == "pptx":
        text = "\n".join(
            sh.text_frame.text for s in Presentation(io.BytesIO(data)).slides for sh in s.shapes if sh.has_text_frame
        )
    elif fmt == "html":
        text = data.decode("utf-8")
    else:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        text = "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
        assert "2022 – 2025" in wb.worksheets[1]["A3"].value  # the period every sheet states
    want = headline(angka)
    for name, value in want.items():
        assert re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d])", text), (fmt, name, value)
