"""Personal data never leaves: not in the invalid-rows download, not in any problem's value."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kemitraan.ingest import prepare
from kemitraan.ingest.headers import is_personal
from kemitraan.storage.store import Store
from tests import corpus as C

PERSONAL = ["Nama PIC", "No. HP PIC", "Email PIC", "Narahubung", "contact_person", "NIK"]
SECRETS = ["Ibu Sri Wahyuni", "0812-3456-7890", "sri@dinkes.example", "Pak Joko", "Andi S.", "3273010101010001"]


@pytest.mark.parametrize(
    "header",
    [
        "Nama PIC",
        "nama_pic",
        "PIC",
        "PIC Kemitraan",
        "Contact Person",
        "Narahubung",
        "No HP PIC",
        "nama_petugas",
        "Tanggal lahir",
    ],
)
def test_contact_person_spellings_are_personal(header):
    assert is_personal(header)


def test_invalid_rows_download_and_problems_hold_no_personal_data(tmp_path):
    header = C.KEMITRAAN_HEADER + PERSONAL
    rows = [list(r) + SECRETS for r in C.KEMITRAAN_ROWS]
    rows[0][2] = "kategori salah"
    rows[1] = rows[1] + ["9,9"]  # a row longer than its header: its stray field could be anything
    report = prepare(Store(tmp_path / "d"), [("mitra.csv", C.csv_bytes(header, rows, delimiter=";"))])
    assert not report.ok
    assert sorted(c for _f, _s, c in report.dropped_personal) == sorted(PERSONAL)
    texts = [
        report.to_json("id"),
        report.to_json("en"),
        report.problems_frame("en").to_csv(),
        report.groups_frame("id").to_csv(),
    ]
    wb = openpyxl.load_workbook(io.BytesIO(report.invalid_rows_xlsx("en")))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert "kategori salah" in " ".join(cells) and "Kampung KB Sehat" in " ".join(cells)
    texts.append(" ".join(cells))
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
    headers = [c.value for c in wb.worksheets[0][1]]
    assert not set(PERSONAL) & set(headers)
    assert any(p.row == 3 and "at most 19 fields" in p.message("en") and p.value is None for p in report.errors)
