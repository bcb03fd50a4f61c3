"""data/contoh/: the example files a newcomer can try ingest cleanly on the demo store, and rebuild identically."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import openpyxl
import pytest

from kemitraan.ingest import commit, prepare

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "data" / "contoh"
EXPECTED = {  # file -> (kind, new, replaced, notes that must be there)
    "kemitraan_jawa_barat.xlsx": ("kemitraan", 5, 0, ("JUMLAH", "Sumber:", "Nama PIC", "No. HP PIC")),
    "capaian_bulanan_kb.csv": ("indikator", 45, 0, ("JUMLAH", "Sumber:")),
    "survei_kobo_kumulatif.xlsx": ("survei", 8, 0, ("Nama responden",)),
    "dhis2_datavalueset.csv": ("indikator", 14, 0, ("deleted=true",)),
    "dhis2_datavalueset.json": ("indikator", 0, 5, ()),  # corrections: four Q1 2026 values and one of 2025-Q4
}


def make_contoh():
    spec = importlib.util.spec_from_file_location("make_contoh", CONTOH / "make_contoh.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_example_file_is_listed():
    assert sorted(p.name for p in CONTOH.iterdir() if p.suffix in (".csv", ".xlsx", ".json")) == sorted(EXPECTED)
    assert sorted(make_contoh().FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_file_ingests_without_errors_on_the_demo_store(demo_store, name):
    kind, new, replaced, mentioned = EXPECTED[name]
    report = prepare(demo_store, [(name, (CONTOH / name).read_bytes())])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts == {kind: {"new": new, "replaced": replaced, "unchanged": 0, "invalid": 0}}
    notes = " ".join(f"{p.column} {p.message('id')}" for p in report.warnings)
    for text in mentioned:
        assert text in notes, text


def test_all_examples_together_then_the_cumulative_export_again(demo_store):
    files = [(name, (CONTOH / name).read_bytes()) for name in sorted(EXPECTED)]
    report = prepare(demo_store, files)
    assert report.ok
    assert len(commit(demo_store, report)) == len(files)
    again = prepare(demo_store, [("survei_kobo_kumulatif.xlsx", (CONTOH / "survei_kobo_kumulatif.xlsx").read_bytes())])
    assert again.ok and again.rows_to_write() == 0


def test_the_script_rebuilds_the_committed_files(tmp_path):
    make_contoh().build(tmp_path)
    for name in EXPECTED:
        built, committed = (tmp_path / name).read_bytes(), (CONTOH / name).read_bytes()
        if name.endswith(".xlsx"):

            def cells(data):
                wb = openpyxl.load_workbook(io.BytesIO(data))
                return [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]

            assert cells(built) == cells(committed), name
        else:
            assert built == committed, name
