"""Ingest benchmark: a 1-million-row indicator CSV and a 100,000-row KoboToolbox-style survey XLSX.

    python bench/bench_ingest.py            # both cases, prints a table
    python bench/bench_ingest.py --rows-csv 200000 --rows-xlsx 20000   # smaller

Each case runs in a fresh subprocess (so peak RSS is its own) against a fresh
store seeded with the partnerships the rows reference: generate file -> prepare
(read, normalise, validate, compare) -> commit (Parquet batch). Reported: file
size, seconds per step, peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_PARTNERSHIPS = 2000


def _seed(store):
    from kemitraan.ingest import commit, prepare

    lines = ["kode_kemitraan,nama_kemitraan,kategori,bidang,mitra_utama,provinsi,tanggal_mulai"]
    for i in range(N_PARTNERSHIPS):
        lines.append(f"KM-{i:05d},Kemitraan {i},KPS,KB,BKKBN,{['Jabar', 'NTT', 'DIY', '94'][i % 4]},01/03/2023")
    commit(store, prepare(store, [("seed.csv", ("\n".join(lines) + "\n").encode())]))


def make_csv(path: Path, rows: int) -> None:
    import numpy as np
    import pandas as pd

    from kemitraan import contract

    codes = list(contract.indicators())
    months = [f"{y}-{m:02d}" for y in range(2015, 2031) for m in range(1, 13)]
    per_kode = len(codes) * len(months)
    i = np.arange(rows)
    kode = np.char.add("KM-", np.char.zfill((i // per_kode).astype(str), 5))
    rest = i % per_kode
    periode = np.array(
        [
            f"{['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][int(p[5:]) - 1]} {p[:4]}"
            for p in months
        ]
    )[rest // len(codes)]
    ind = np.array(codes)[rest % len(codes)]
    rng = np.random.default_rng(7)
    val = rng.integers(0, 100, rows)
    nilai = pd.Series(val).astype(str) + "," + pd.Series(rng.integers(0, 10, rows)).astype(str)  # 56,7
    df = pd.DataFrame(
        {
            "kode_kemitraan": kode,
            "periode": periode,
            "kode_indikator": ind,
            "nilai": nilai,
            "target": np.where(i % 3 == 0, "80", ""),
        }
    )
    df.to_csv(path, sep=";", index=False)


def make_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    from kemitraan import contract

    labels = ["Sangat tidak setuju", "Tidak setuju", "Netral (Ragu-ragu)", "Setuju", "Sangat setuju"]
    header = [
        "start",
        "end",
        "today",
        "nama_responden",
        "kode_kemitraan",
        "peran_responden",
        *[f"grp_penilaian/{p}" for p in contract.PRINCIPLES],
        "kepuasan",
        "tantangan",
        "saran",
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ]
    roles = list(contract.ENUMS["peran"])
    ch = list(contract.ENUMS["tantangan"])
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Survei")
    ws.write_row(0, 0, header)
    for r in range(rows):
        day = f"2024-{(r % 12) + 1:02d}-{(r % 28) + 1:02d}"
        ws.write_row(
            r + 1,
            0,
            [
                f"{day}T09:00:00",
                f"{day}T09:30:00",
                day,
                f"Responden {r}",
                f"KM-{r % N_PARTNERSHIPS:05d}",
                roles[r % len(roles)],
                *[labels[(r + k) % 5] for k in range(8)],
                (r % 5) + 1,
                " ".join(ch[(r + k) % len(ch)] for k in range(r % 3)),
                "Saran nomor %d" % (r % 50),
                r,
                f"uuid-{r:08d}",
                f"{day}T10:00:00",
                r + 1,
            ],
        )
    wb.close()


def run_case(case: str, rows: int) -> dict:
    from kemitraan.ingest import commit, prepare
    from kemitraan.storage.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = Store(tmp / "data")
        _seed(store)
        path = tmp / ("indikator.csv" if case == "csv" else "survei.xlsx")
        t0 = time.perf_counter()
        # generated in another process, so this one's peak memory is the ingest's own
        subprocess.run(
            [sys.executable, __file__, "--generate", case, str(path), str(rows)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        t_gen = time.perf_counter() - t0
        data = path.read_bytes()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        report = prepare(store, [(path.name, data)])
        t_prep = time.perf_counter() - t0
        if not report.ok:
            raise SystemExit("\n".join(p.message("en") for p in report.errors[:20]))
        t0 = time.perf_counter()
        [m] = commit(store, report)
        t_commit = time.perf_counter() - t0
        con = store.connect()
        kind = "indikator" if case == "csv" else "survei"
        stored = con.execute(f"SELECT count(*) FROM {kind}").fetchall()[0][0]
        con.close()
        return {
            "case": f"{rows:,}-row " + ("CSV (indikator, long)" if case == "csv" else "XLSX (Kobo survei)"),
            "rows": rows,
            "stored": stored,
            "file_mb": round(len(data) / 1e6, 1),
            "generate_s": round(t_gen, 1),
            "prepare_s": round(t_prep, 1),
            "commit_s": round(t_commit, 1),
            "total_s": round(t_prep + t_commit, 1),
            "rows_per_s": int(rows / (t_prep + t_commit)),
            "rss_before_mb": int(rss_before),
            "peak_rss_mb": int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "batch_rows": m["rows"],
        }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows-csv", type=int, default=1_000_000)
    ap.add_argument("--rows-xlsx", type=int, default=100_000)
    ap.add_argument("--case", choices=("csv", "xlsx"))
    ap.add_argument("--generate", nargs=3, metavar=("CASE", "PATH", "ROWS"))
    args = ap.parse_args()
    if args.generate:
        case, path, rows = args.generate
        (make_csv if case == "csv" else make_xlsx)(Path(path), int(rows))
        return
    if args.case:  # child process: one case, JSON on stdout
        print(json.dumps(run_case(args.case, args.rows_csv if args.case == "csv" else args.rows_xlsx)))
        return
    results = []
    for case in ("csv", "xlsx"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--case",
                case,
                "--rows-csv",
                str(args.rows_csv),
                "--rows-xlsx",
                str(args.rows_xlsx),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if out.returncode:
            print(out.stderr or out.stdout, file=sys.stderr)
            raise SystemExit(out.returncode)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cols = (
        "case",
        "rows",
        "stored",
        "file_mb",
        "prepare_s",
        "commit_s",
        "total_s",
        "rows_per_s",
        "rss_before_mb",
        "peak_rss_mb",
    )
    widths = {c: max(len(c), *(len(str(r[c])) for r in results)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in results:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))
    print(
        f"(rss_before_mb: the process after imports and seeding; peak_rss_mb: its peak through prepare + commit, "
        f"file bytes included; cpus={os.cpu_count()})"
    )


if __name__ == "__main__":
    main()
