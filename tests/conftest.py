"""Shared fixtures: tiny stores built by code, the demo store, the app's page list."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kemitraan import contract
from kemitraan.generators import demo
from kemitraan.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def app_pages() -> list[tuple[str, str]]:
    """(file, url_path) of every page in app.py's navigation, so new pages are tested automatically."""
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    return re.findall(r'st\.Page\(\s*"(pages/[^"]+\.py)".*?url_path="([^"]+)"', src, flags=re.S)


def partnership(kode: str, **over) -> dict:
    row = {
        "kode_kemitraan": kode, "nama_kemitraan": f"Kemitraan {kode}", "kategori": "pemerintah_lsm", "fokus": "program",
        "bidang": "kb", "mitra_utama": "Dinas Kesehatan", "mitra": ["PKBI"], "provinsi_kode": "32",
        "provinsi": "Jawa Barat", "kabupaten_kota": None, "tanggal_mulai": dt.date(2022, 1, 1),
        "tanggal_selesai": None, "anggaran_idr": 1e9, "sumber_dana": ["APBD"],
    }
    row.update(over)
    return row


def indicator_row(kode: str, periode: str, ind: str, nilai: float, target: float | None = None) -> dict:
    if "-Q" in periode:
        y, q = periode.split("-Q")
        start, jenis = dt.date(int(y), 3 * int(q) - 2, 1), "triwulan"
    elif "-" in periode:
        y, m = periode.split("-")
        start, jenis = dt.date(int(y), int(m), 1), "bulan"
    else:
        start, jenis = dt.date(int(periode), 1, 1), "tahun"
    return {"kode_kemitraan": kode, "periode": periode, "periode_mulai": start, "jenis_periode": jenis,
            "kode_indikator": ind, "nilai": nilai, "target": target}


def survey_row(rid: str, kode: str, score: int = 4, **over) -> dict:
    row = {"respon_id": rid, "kode_kemitraan": kode, "tanggal_survei": dt.date(2024, 5, 1),
           "peran_responden": "lsm", **{p: score for p in contract.PRINCIPLES}, "kepuasan": score,
           "tantangan": ["pendanaan"], "saran": None}
    row.update(over)
    return row


def write(store: Store, batch_id: str | None = None, **frames: list[dict]) -> dict:
    with store.new_batch(batch_id, file=f"{batch_id or 'test'}.csv") as b:
        for kind, rows in frames.items():
            b.write_df(kind, pd.DataFrame(rows, columns=contract.stored_columns(kind)))
    return store.batches()[-1]


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """A data folder holding the default demo batch, generated once per test session."""
    d = tmp_path_factory.mktemp("demo") / "data"
    demo.generate(Store(d))
    return d


@pytest.fixture
def demo_store(demo_dir, tmp_path) -> Store:
    """A private copy of the demo store, safe to write to."""
    d = tmp_path / "data"
    shutil.copytree(demo_dir, d)
    return Store(d)
