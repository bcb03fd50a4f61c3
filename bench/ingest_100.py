"""A 100-row indicator CSV for the ingest timing (issue 23): the latest month's reports of 20 stored partnerships,
values changed, five indicators each (so the upload replaces 100 stored rows).

    python bench/ingest_100.py DATA_DIR OUT.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kemitraan.storage.store import Store  # noqa: E402


def main() -> None:
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    con = Store(data).connect()
    try:
        df = con.execute(
            "SELECT kode_kemitraan, periode, kode_indikator, nilai + 1 AS nilai, target, penyebut, tanggal_lapor "
            "FROM indikator WHERE periode_mulai = (SELECT max(periode_mulai) FROM indikator) "
            "AND kode_indikator IN ('terjangkau', 'peserta_kb_baru', 'layanan', 'kader_dilatih', 'mcpr_pct') "
            "ORDER BY kode_kemitraan, kode_indikator LIMIT 100"
        ).fetchdf()
    finally:
        con.close()
    df.to_csv(out, index=False)
    print(f"{len(df)} rows → {out}")


if __name__ == "__main__":
    main()
