"""`python -m kemitraan ingest|undo|batches|sql` as a user runs them: exit codes, messages, read-back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kemitraan.cli import main
from tests import corpus as C

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def files(tmp_path):
    out = {}
    for build in (
        C.kemitraan_csv_comma,
        C.non_numeric_value,
        C.kobo_csv_xml,
        C.missing_key_value,
        C.workbook_all_kinds,
    ):
        name, data = build()
        p = tmp_path / "in" / name
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        out[build.__name__] = str(p)
    return out


@pytest.fixture
def cli(tmp_path, capsys):
    data = str(tmp_path / "data")

    def run(*argv):
        code = main(["--data-dir", data, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_ingest_stores_and_sql_reads_back(cli, files):
    code, out, _ = cli("ingest", files["kemitraan_csv_comma"])
    assert code == 0 and "3 baru" in out
    code, out, _ = cli(
        "sql", "SELECT kode_kemitraan, provinsi, anggaran_idr FROM kemitraan ORDER BY 1", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines() == [
        "kode_kemitraan,provinsi,anggaran_idr",
        "KM-001,Jawa Barat,1500000000.0",
        "KM-002,DKI Jakarta,3250000000.0",
        "KM-003,Nusa Tenggara Timur,750000000.0",
    ]


def test_reingest_is_a_no_op(cli, files):
    cli("ingest", files["kemitraan_csv_comma"])
    code, out, _ = cli("ingest", files["kemitraan_csv_comma"], "--lang", "en")
    assert code == 0 and "No new or changed rows" in out
    code, out, _ = cli("batches", "--json")
    assert len(json.loads(out)) == 1


def test_dry_run_stores_nothing(cli, files):
    code, out, _ = cli("ingest", files["kemitraan_csv_comma"], "--dry-run", "--lang", "en")
    assert code == 0 and "3 new" in out and "Dry run" in out
    code, out, _ = cli("batches", "--json")
    assert json.loads(out) == []


def test_refused_file_exits_1_with_located_errors(cli, files):
    cli("ingest", files["kemitraan_csv_comma"])
    code, out, err = cli("ingest", files["non_numeric_value"], "--lang", "en")
    assert code == 1
    assert "nilai.csv, row 2, column «nilai»: value «seribu»" in err
    assert "nothing was stored" in err and "Traceback" not in err
    code, out, _ = cli("sql", "SELECT count(*) AS n FROM indikator", "--format", "csv")
    assert out.splitlines() == ["n", "0"]


def test_skip_invalid_and_json_report(cli, files):
    code, out, _ = cli("ingest", files["missing_key_value"], "--skip-invalid", "--json")
    assert code == 0
    rep = json.loads(out)
    assert rep["counts"]["kemitraan"] == {"new": 2, "replaced": 0, "unchanged": 0, "invalid": 1}
    assert rep["problems"][0]["row"] == 3 and rep["problems"][0]["column"] == "kode_kemitraan"
    [b] = rep["batches"]
    assert (b["rows_added"], b["rows_invalid"], b["file"]) == (2, 1, "kode_kosong.csv")
    code, out, _ = cli("batches", "--json")
    [m] = json.loads(out)
    for field in (
        "batch_id",
        "file",
        "sha256",
        "kind",
        "created_at",
        "undone",
        "rows_added",
        "rows_replaced",
        "rows_unchanged",
        "rows_invalid",
        "user",
    ):
        assert field in m
    assert m["kind"] == "kemitraan" and m["undone"] is False and len(m["sha256"]) == 64


def test_skip_invalid_says_which_rows_were_skipped(cli, files):
    code, out, err = cli("ingest", files["missing_key_value"], "--skip-invalid", "--lang", "en")
    assert code == 0
    assert "1 invalid row skipped" in out
    assert "kode_kosong.csv, row 3, column «kode_kemitraan»" in err


def test_json_refused_prints_report_and_exits_1(cli, files):
    code, out, err = cli("ingest", files["missing_key_value"], "--json")
    assert code == 1
    assert json.loads(out)["ok"] is False
    assert "baris 3" in err


def test_kind_override_and_usage_errors(cli, files, tmp_path):
    code, _, err = cli("ingest", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv" in err
    code, _, err = cli("ingest", files["kemitraan_csv_comma"], "--kind", "kucing")
    assert code == 2 and "--kind" in err
    code, _, err = cli("ingest", files["kemitraan_csv_comma"], "--kind", "survei")
    assert code == 1  # a partnership sheet read as a survey: the survey's required columns are missing
    code, out, _ = cli("ingest", files["workbook_all_kinds"], "--kind", "kemitraan", "--dry-run", "--json")
    rep = json.loads(out)
    assert [s["kind"] for s in rep["files"][0]["sheets"]] == ["kemitraan"]


def test_personal_data_listed_in_json(cli, files):
    cli("ingest", files["kemitraan_csv_comma"])
    code, out, _ = cli("ingest", files["kobo_csv_xml"], "--json")
    assert code == 0
    dropped = {d["column"] for d in json.loads(out)["dropped_personal"]}
    assert dropped == {"grp_identitas/nama_responden", "grp_identitas/no_hp"}


def test_undo_and_undo_again(cli, files):
    cli("ingest", files["kemitraan_csv_comma"])
    _, out, _ = cli("batches", "--json")
    batch = json.loads(out)[0]["batch_id"]
    code, out, _ = cli("undo", batch, "--lang", "en")
    assert code == 0 and batch in out
    code, out, _ = cli("sql", "SELECT count(*) AS n FROM kemitraan", "--format", "csv")
    assert out.splitlines() == ["n", "0"]
    _, out, _ = cli("batches", "--json")
    assert json.loads(out)[0]["undone"] is True
    code, _, err = cli("undo", batch, "--lang", "en")
    assert code == 1 and "already undone" in err
    code, _, err = cli("undo", "no-such-batch", "--lang", "en")
    assert code == 1 and "not found" in err


def test_real_process_exit_codes(tmp_path, files):
    env_args = [sys.executable, "-m", "kemitraan", "--data-dir", str(tmp_path / "d")]
    ok = subprocess.run([*env_args, "ingest", files["kemitraan_csv_comma"]], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*env_args, "ingest", files["non_numeric_value"]], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "baris 2" in bad.stderr
