"""A small new batch for the "new batch visible" measurement: one new partnership and a month of its reports.

Committed through the store's own API (``Store.new_batch``), as an upload does after its checks. The
partnership is new, so the home page's first figure (partnerships) goes up by one when the batch shows;
its indicator rows make the batch a typical monthly upload (a second batch holding indicator rows, so
the store can no longer treat ``indikator`` as one batch).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pandas as pd

from kemitraan import contract
from kemitraan.storage.store import Store

INDICATORS = {"terjangkau": (120.0, 150.0), "kelompok_rentan_terjangkau": (30.0, None), "sasaran": (1000.0, None)}


def commit(data: Path) -> str:
    """Commit the batch into the store at ``data``; returns the new partnership's code."""
    kode = f"BENCH-{time.time_ns() % 10**10}"
    partner = {
        "kode_kemitraan": kode,
        "nama_kemitraan": f"Kemitraan uji beban {kode}",
        "kategori": "internasional",
        "fokus": "program",
        "bidang": "kb",
        "mitra_utama": "Dinas Kesehatan",
        "mitra": ["PKBI"],
        "provinsi_kode": "32",
        "provinsi": contract.province_name("32"),
        "kabupaten_kota": None,
        "tanggal_mulai": dt.date(2020, 1, 1),
        "tanggal_selesai": None,
        "anggaran_idr": 1e9,
        "sumber_dana": ["APBD"],
    }
    reports = [
        {
            "kode_kemitraan": kode,
            "periode": "2024-06",
            "periode_mulai": dt.date(2024, 6, 1),
            "jenis_periode": "bulan",
            "kode_indikator": ind,
            "nilai": nilai,
            "target": target,
        }
        for ind, (nilai, target) in INDICATORS.items()
    ]
    with Store(data).new_batch(None, file="bench-new-batch.csv") as b:
        b.write_df("kemitraan", pd.DataFrame([partner], columns=contract.stored_columns("kemitraan")))
        b.write_df("indikator", pd.DataFrame(reports, columns=contract.stored_columns("indikator")))
    return kode
