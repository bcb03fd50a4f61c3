"""Hostile uploads: how much resident memory does reading a refused file take? (issue 13, item 5)

    python bench/bench_hostile.py            # every case, then three at once
    python bench/bench_hostile.py --keep     # keep the generated files in bench/out/hostile/

The files are written first (bench/out/hostile/), then each case runs in a fresh
subprocess: imports, an empty store, the file's bytes read into memory, RSS noted;
then the peak RSS of ``prepare`` alone (the kernel's high-water mark, reset just
before through /proc/self/clear_refs). Reported: file size, seconds, RSS before,
the rise of the peak over it, and the message the user gets. Goal: at most 300 MB
rise for any refused file, at most 600 MB for three at once.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "hostile"
sys.path.insert(0, str(ROOT))

from tests.corpus import header_cells, xlsx_with_sheet_xml  # noqa: E402  (the same files the tests refuse)

# ------------------------------------------------------------------ the files


def _xlsx(sheet_xml: str) -> bytes:
    return xlsx_with_sheet_xml(sheet_xml)


HEADER = f'<row r="1">{header_cells()}</row>'


def csv_10k_columns() -> bytes:
    """46 MB: a header of 10,000 columns and rows of short numbers."""
    header = ",".join(["kode_kemitraan", "periode", "kode_indikator", "nilai"] + [f"kolom{i}" for i in range(9996)])
    row = ",".join(["KM-001", "2024", "terjangkau", "1"] + ["12"] * 9996)
    n = 46_000_000 // (len(row) + 1)
    return (header + "\n" + (row + "\n") * n).encode()


def csv_999_columns() -> bytes:
    """46 MB, 999 columns: within the column limit (for comparison: read, not refused for its size)."""
    header = ",".join(["kode_kemitraan", "periode", "kode_indikator", "nilai"] + [f"kolom{i}" for i in range(995)])
    row = ",".join(["KM-001", "2024", "terjangkau", "1"] + ["12"] * 995)
    n = 46_000_000 // (len(row) + 1)
    return (header + "\n" + (row + "\n") * n).encode()


def csv_1mb_cell() -> bytes:
    return ("kode_kemitraan,periode,kode_indikator,nilai\nKM-001,2024," + "x" * 1_048_576 + ",1\n").encode()


def csv_mixed_encoding() -> bytes:
    """46 MB of UTF-8 ("Pemerintah–LSM"), its last line Windows-1252."""
    row = "KM-001,2024-01,terjangkau,1,Pemerintah–LSM\n"
    body = "kode_kemitraan,periode,kode_indikator,nilai,catatan\n" + row * (46_000_000 // len(row.encode()))
    return body.encode() + "KM-002,2024-01,terjangkau,2,Pemerintah–LSM é\n".encode("cp1252")


def zip_bomb_ratio() -> bytes:
    """A workbook-looking zip whose sheet declares 1 GB of zeros (1 MB packed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b"0" * (1 << 20)
            for _ in range(1000):
                f.write(block)
    return buf.getvalue()


def zip_bomb_lying() -> bytes:
    """The same zeros (300 MB), declared as 1 KB in both zip headers: only counting while unzipping finds it."""
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            block = b" " * (1 << 20)
            for _ in range(300):
                f.write(block)
    raw = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, 1024)
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + n] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", raw, pos + 24, 1024)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    return bytes(raw)


def xlsx_10k_columns() -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    ws = wb.add_worksheet("Lebar")
    ws.write_row(0, 0, ["kode_kemitraan", "periode", "kode_indikator", "nilai"] + [f"k{i}" for i in range(9996)])
    for r in range(1, 400):
        ws.write_row(r, 0, ["KM-001", "2024", "terjangkau", 1] + [12] * 9996)
    wb.close()
    return buf.getvalue()


def xlsx_far_cell() -> bytes:
    """A1 … XFD1048576: without the scan, the reader asks for 500 GB and aborts the process."""
    return _xlsx(HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def xlsx_1mb_cell() -> bytes:
    return _xlsx(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "x" * 1_048_576 + "</t></is></c></row>")


def xlsx_truncated() -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for r in range(20000):
        ws.write_row(r, 0, ["KM-001", "2024", "terjangkau", r])
    wb.close()
    data = buf.getvalue()
    return data[: len(data) // 2]


def ods_row_bomb() -> bytes:
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
        'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="S"><table:table-row>'
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
            for h in ("kode_kemitraan", "periode", "kode_indikator", "nilai")
        )
        + f'</table:table-row><table:table-row table:number-rows-repeated="1000000">{cell * 50}'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    return buf.getvalue()


CASES = {  # file name -> builder; "ok" cases are read, for comparison
    "lebar_10000_kolom.csv": csv_10k_columns,
    "lebar_999_kolom_ok.csv": csv_999_columns,
    "sel_1mb.csv": csv_1mb_cell,
    "campuran_pengodean.csv": csv_mixed_encoding,
    "bom_zip_rasio.xlsx": zip_bomb_ratio,
    "bom_zip_ukuran_palsu.xlsx": zip_bomb_lying,
    "lebar_10000_kolom.xlsx": xlsx_10k_columns,
    "sel_jauh_XFD1048576.xlsx": xlsx_far_cell,
    "sel_1mb.xlsx": xlsx_1mb_cell,
    "terpotong.xlsx": xlsx_truncated,
    "baris_diulang_sejuta.ods": ods_row_bomb,
}
TOGETHER = ("lebar_10000_kolom.csv", "bom_zip_ukuran_palsu.xlsx", "sel_jauh_XFD1048576.xlsx")


# ------------------------------------------------------------------ measuring


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(field)


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident set


def child(names: list[str]) -> dict:
    """Runs in a fresh process: read the files, then prepare them (together when several) and measure."""
    import threading

    from kemitraan.ingest import prepare
    from kemitraan.storage.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        files = [(n, (OUT / n).read_bytes()) for n in names]
        before = _rss_mb("VmRSS")
        _reset_peak()
        reports = [None] * len(files)
        t0 = time.perf_counter()
        if len(files) == 1:
            reports[0] = prepare(store, files)
        else:  # three uploads at once, as three browser sessions would send them

            def run(i):
                reports[i] = prepare(store, [files[i]])

            threads = [threading.Thread(target=run, args=(i,)) for i in range(len(files))]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
        seconds = time.perf_counter() - t0
        peak = _rss_mb("VmHWM")
    first = [r.errors[0].message("en") if r.errors else "(read, not refused)" for r in reports]
    return {
        "files": names,
        "mb": round(sum(len(d) for _n, d in files) / 1e6, 1),
        "s": round(seconds, 2),
        "rss_before": round(before),
        "peak_rise": round(peak - before),
        "refused": [not r.ok for r in reports],
        "message": first,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs="+")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in CASES.items():
        if not (OUT / name).exists():
            (OUT / name).write_bytes(build())
    rows = []
    for names in [[n] for n in CASES] + [list(TOGETHER)]:
        out = subprocess.run(
            [sys.executable, __file__, "--child", *names],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if out.returncode:
            rows.append({"files": names, "error": (out.stderr or out.stdout)[-300:]})
        else:
            rows.append(json.loads(out.stdout.splitlines()[-1]))
    print(f"{'file(s)':58} {'MB':>6} {'s':>6} {'RSS before':>10} {'peak rise':>9}  refused  message")
    for r in rows:
        label = " + ".join(r["files"])
        if "error" in r:
            print(f"{label:58} CRASHED: {r['error']}")
            continue
        print(
            f"{label:58} {r['mb']:>6} {r['s']:>6} {r['rss_before']:>10} {r['peak_rise']:>9}  "
            f"{'yes' if all(r['refused']) else 'NO':7}  {' | '.join(m[:90] for m in r['message'])}"
        )
    if not args.keep:
        for name in CASES:
            (OUT / name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
