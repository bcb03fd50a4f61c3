import io
import re

import openpyxl
from conftest import cli
from pptx import Presentation

from kemitraan.export import deck


def run(data_dir, *args):
    return cli(data_dir, "export", *args)


def test_export_writes_each_format_with_the_filters(demo_dir, tmp_path):
    out = tmp_path / "deck.pptx"
    r = run(demo_dir, "pptx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Ditulis: " in r.stdout and "DATA DEMO — sintetis" in r.stdout
    assert re.search(r", \d+,\d detik\)", r.stdout), r.stdout  # seconds with a decimal comma

    html = tmp_path / "whole.html"  # several MB (Plotly inside): the size needs a thousands separator
    r = run(demo_dir, "html", "--out", str(html))
    kb = len(html.read_bytes()) / 1024
    assert kb >= 1000 and f"{kb:,.0f} KB".replace(",", ".") in r.stdout, r.stdout  # "5.132 KB", never "5,132 KB"
    assert len(Presentation(str(out)).slides) == 1 + len(deck.DEFAULT_SLIDES)

    xlsx = tmp_path / "deck.xlsx"
    r = run(
        demo_dir,
        "xlsx",
        "--out",
        str(xlsx),
        "--kategori",
        "internasional,nirlaba",
        "--kategori",
        "Multisektor",
        "--bidang",
        "kb",
        "--provinsi",
        "32",
        "--provinsi",
        "Jawa Tengah",
        "--dari",
        "2023-01",
        "--sampai",
        "2024-12",
        "--lang",
        "en",
        "--slides",
        "peta,dana",
    )
    assert r.returncode == 0, r.stderr
    assert "Written: " in r.stdout
    assert f"{len(xlsx.read_bytes()) / 1024:,.0f} KB" in r.stdout, r.stdout
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[1:3] == ["Map", "Funding"]
    codes = {row[0]: row[1] for row in wb["Filters"].iter_rows(min_row=7, values_only=True)}
    assert codes["Code: kategori"] == "internasional, nirlaba, multisektor"
    assert (
        codes["Code: provinsi"] == "32, 33" and codes["Code: dari"] == "2023-01" and codes["Code: sampai"] == "2024-12"
    )
    assert codes["Slides (--slides)"] == "peta,dana" and codes["Period"] == "2023 – 2024"

    html = tmp_path / "deck.html"
    r = run(demo_dir, "html", "--out", str(html), "--slides", "ringkasan")
    assert r.returncode == 0, r.stderr
    assert "DATA DEMO — sintetis" in html.read_text(encoding="utf-8")


def test_usage_errors_exit_2_and_refusals_exit_1_in_the_chosen_language(demo_dir, store, tmp_path):
    out = tmp_path / "x.pptx"
    r = run(demo_dir, "pptx", "--out", str(out), "--kategori", "bukan", "--lang", "en")
    assert r.returncode == 2 and "--kategori: «bukan» is unknown" in r.stderr
    r = run(demo_dir, "pptx", "--out", str(out), "--dari", "2024-7")
    assert r.returncode == 2 and "bukan bulan" in r.stderr
    r = run(demo_dir, "pptx", "--out", str(out), "--dari", "2025-01", "--sampai", "2024-01", "--slides", "peta")
    assert r.returncode == 2 and "jatuh setelah" in r.stderr
    r = run(demo_dir, "pptx", "--out", str(out), "--slides", "ringkasan,grafik", "--lang", "en")
    assert r.returncode == 2 and "Unknown slide(s): grafik" in r.stderr
    r = run(demo_dir, "docx", "--out", str(out))
    assert r.returncode == 2
    out.write_bytes(b"keep me")
    r = run(demo_dir, "pptx", "--out", str(out))
    assert r.returncode == 1 and "--force" in r.stderr and out.read_bytes() == b"keep me"
    r = run(store.root, "html", "--out", str(tmp_path / "y.html"))
    assert r.returncode == 1 and "kosong" in r.stderr and not (tmp_path / "y.html").exists()
    r = run(demo_dir, "pptx", "--out", str(tmp_path / "no" / "such" / "dir.pptx"), "--lang", "en")
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = run(demo_dir, "pptx", "--out", str(out), "--force", "--slides", "peta")
    assert r.returncode == 0 and len(Presentation(io.BytesIO(out.read_bytes())).slides) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_kabupaten_in_any_spelling_filters_the_export_and_is_named_in_its_scope(demo_dir, tmp_path):
    from kemitraan.storage.store import Store

    code, name = (
        Store(demo_dir)
        .connect()
        .execute(
            "SELECT kabupaten_kode, any_value(kabupaten_kota) FROM kemitraan WHERE kabupaten_kota LIKE 'Kabupaten %' "
            "GROUP BY 1 ORDER BY 1 LIMIT 1"
        )
        .fetchone()
    )
    xlsx = tmp_path / "kab.xlsx"
    r = run(
        demo_dir,
        "xlsx",
        "--out",
        str(xlsx),
        "--kabupaten",
        name.replace("Kabupaten ", "kab. "),
        "--slides",
        "ringkasan",
    )
    assert r.returncode == 0, r.stderr
    rows = {row[0]: row[1] for row in openpyxl.load_workbook(xlsx)["Filter"].iter_rows(min_row=7, values_only=True)}
    assert rows["Kabupaten/kota"] == name and rows["Kode: kabupaten"] == code
    r = run(demo_dir, "xlsx", "--out", str(tmp_path / "bogor.xlsx"), "--kabupaten", "BOGOR", "--lang", "en")
    assert r.returncode == 2 and "did you mean: Kabupaten Bogor / Kota Bogor" in r.stderr


def test_an_export_loads_only_its_own_format_s_writer(demo_dir, tmp_path):
    """``export html`` in a fresh process writes the page without importing python-pptx or xlsxwriter (0.1 s and
    more of a command's start): only the asked format's writer is loaded."""
    import subprocess
    import sys

    out = tmp_path / "deck.html"
    probe = (
        "import sys; from kemitraan.cli import main; rc = main(['--data-dir', sys.argv[1], 'export', 'html', "
        "'--out', sys.argv[2]]); print(rc, sorted(m for m in ('pptx', 'xlsxwriter') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(demo_dir), str(out)], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr[-2000:]
    assert "<html" in out.read_text(encoding="utf-8")[:500].lower()
