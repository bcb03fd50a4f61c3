"""The "Unggah Data" page: its logic (kemitraan.ingest.review, kemitraan.storage.history) over bytes and stores, and
the page under AppTest."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import login as _login
from streamlit.testing.v1 import AppTest

from kemitraan import contract, escape
from kemitraan.export import spreadsheet as downloads
from kemitraan.i18n import t
from kemitraan.ingest import review
from kemitraan.storage import history
from kemitraan.storage.store import Store

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "unggah_data.py")


def _kemitraan_row(code: str, name: str = "Kemitraan uji") -> dict:
    import datetime as dt

    return {
        "kode_kemitraan": code,
        "nama_kemitraan": name,
        "kategori": "pemerintah_lsm",
        "fokus": "program",
        "bidang": "kb",
        "mitra_utama": "Dinkes",
        "mitra": ["PKBI"],
        "provinsi_kode": "32",
        "provinsi": "Jawa Barat",
        "kabupaten_kota": None,
        "tanggal_mulai": dt.date(2024, 1, 1),
        "tanggal_selesai": None,
        "anggaran_idr": 1e9,
        "sumber_dana": ["APBD"],
    }


def _store_with_batches(root: Path, n: int = 2) -> Store:
    store = Store(root)
    for i in range(n):
        with store.new_batch(
            f"uji-{i + 1}", file=f"berkas_{i + 1}.xlsx", sha256="0" * 64, user="penguji", counts={"rows_added": 1}
        ) as b:
            b.write_df("kemitraan", pd.DataFrame([_kemitraan_row(f"KMT-{i + 1}")]))
    return store


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    return d


# --- logic -------------------------------------------------------------------------------


def test_upload_key_changes_with_bytes_kind_and_store_version():
    a = review.upload_key([("a.csv", b"x,y\n1,2\n")], None, ("batch=1",))
    assert a == review.upload_key([("a.csv", b"x,y\n1,2\n")], None, ("batch=1",))
    assert a != review.upload_key([("a.csv", b"x,y\n1,3\n")], None, ("batch=1",))
    assert a != review.upload_key([("a.csv", b"x,y\n1,2\n")], "survei", ("batch=1",))
    assert a != review.upload_key([("a.csv", b"x,y\n1,2\n")], None, ("batch=1", "batch=2"))
    assert a != review.upload_key([("b.csv", b"x,y\n1,2\n")], None, ("batch=1",))


def test_history_lists_batches_newest_first_in_the_users_language(tmp_path):
    store = _store_with_batches(tmp_path / "d")
    store.undo("uji-1", user="lead")
    df = history.history_frame(store, "id")
    assert list(df[t("upload.history.batch_id", "id")]) == ["uji-2", "uji-1"]
    assert list(df[t("upload.history.file", "id")]) == ["berkas_2.xlsx", "berkas_1.xlsx"]
    status = list(df[t("upload.history.status", "id")])
    assert status[0] == "Aktif" and status[1].startswith("Dibatalkan") and "lead" in status[1]
    en = history.history_frame(store, "en")
    assert "Status" in en.columns and en.iloc[1]["Status"].startswith("Undone")
    assert en.iloc[0][t("upload.history.kind", "en")] == t("upload.kind.kemitraan", "en")


def test_undo_takes_a_batch_out_and_says_so(tmp_path):
    store = _store_with_batches(tmp_path / "d")
    assert [m["batch_id"] for m in history.undoable(store)] == ["uji-2", "uji-1"]
    done, detail = history.undo_batch(store, "uji-2", user="penguji")
    assert done and detail == ""
    assert store.connect().execute("SELECT kode_kemitraan FROM kemitraan").fetchall() == [("KMT-1",)]
    assert [m["batch_id"] for m in history.undoable(store)] == ["uji-1"]
    again, detail = history.undo_batch(store, "uji-2")
    assert not again and detail == "Batch uji-2 sudah dibatalkan."  # the page's language, not the store's English
    assert "uji-2" in history.undo_message("uji-2", again, detail, "id")


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)"])
def test_report_downloads_never_carry_a_formula(evil):
    df = pd.DataFrame({"Nilai": [evil, "aman"], "Baris": [3, 4]})
    text = downloads.to_csv_bytes(df).decode("utf-8-sig")
    assert f"'{evil[0]}" in text.replace('""', '"')
    wb = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx_bytes(df)))
    ws = wb.active
    assert ws["A2"].data_type == "s" and ws["A2"].value.lstrip("'") == evil
    assert ws["B2"].value == 3 and ws["A3"].value == "aman"


def test_a_download_escapes_formulas_in_every_kind_of_text_column():
    """Two columns of one name (two codes worded alike) and a categorical column are escaped like any other."""
    df = pd.DataFrame([["=1+1", "=2+2", "@SUM(A1)"]], columns=["Nama", "Nama", "Kategori"])
    df["Kategori"] = df["Kategori"].astype("category")
    text = downloads.to_csv_bytes(df).decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1,'=2+2,'@SUM(A1)"
    ws = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx_bytes(df))).active
    assert [c.value for c in ws[2]] == ["'=1+1", "'=2+2", "'@SUM(A1)"] and all(c.data_type == "s" for c in ws[2])


def test_template_downloads_are_real_workbooks():
    for d in review.template_downloads("id"):
        data = d["data"]()
        wb = openpyxl.load_workbook(io.BytesIO(data))
        assert d["file_name"].endswith(".xlsx")
        assert set(wb.sheetnames) & {"survey", *contract.KINDS}


# --- logic over a real dry run (needs kemitraan.ingest) -----------------------------------------


def _csv(rows: list[dict]) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8")


def test_preview_counts_problems_and_personal_columns(tmp_path):
    store = _store_with_batches(tmp_path / "d", n=1)
    good = {"kode_kemitraan": "KMT-1", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": "1.250"}
    bad = {"kode_kemitraan": "KMT-1", "periode": "2024-Q2", "kode_indikator": "terjangkau", "nilai": "banyak"}
    files = [("indikator.csv", _csv([good, bad]))]
    report = review.prepare_upload(store, files)
    counts = review.counts_frame(report, "id")
    assert counts.to_dict("records") == [
        {"Jenis data": "Indikator", "Baru": 1, "Mengganti nilai lama": 0, "Tidak berubah": 0, "Tidak valid": 1}
    ]
    problems = review.problems_frame(report, "en")
    assert len(problems) >= 1
    first = problems.iloc[0]
    assert first["File"] == "indikator.csv" and first["Row"] == 3 and first["Value"] == "banyak"
    assert first["Column"] == "nilai"
    assert review.problems_frame(report, "en", files=["other.csv"]).empty
    assert review.problems_frame(report, "en", columns=["periode"]).empty
    assert review.can_commit(report, skip_invalid=False) == (False, "upload.blocked.errors")
    assert review.can_commit(report, skip_invalid=True) == (True, "")
    manifests = review.commit_upload(store, report, skip_invalid=True)
    assert "1" in review.commit_message(manifests, "id")
    assert store.connect().execute("SELECT periode, nilai FROM indikator").fetchall() == [("2024-Q1", 1250.0)]
    # The same file again: nothing new, the confirm button says why.
    again = review.prepare_upload(store, [("indikator_lagi.csv", _csv([good]))])
    assert review.can_commit(again, skip_invalid=False) == (False, "upload.blocked.nothing")


def test_personal_columns_are_listed(tmp_path):
    store = _store_with_batches(tmp_path / "d", n=1)
    row = {"kode_kemitraan": "KMT-1", "nama_responden": "Siti", "no_hp": "0812", **{p: 4 for p in contract.PRINCIPLES}}
    report = review.prepare_upload(store, [("survei.csv", _csv([row]))])
    dropped = review.personal_frame(report, "id")
    assert set(dropped["Kolom"]) == {"nama_responden", "no_hp"}
    assert set(dropped["Berkas"]) == {"survei.csv"}


# --- the page ----------------------------------------------------------------------------
# AppTest sends no headers, so a page under AppTest is never "a browser on this machine": the editing tests
# log in as an editor of a users file, as a team's editor does.


def _run(lang: str = "id", login: bool = True) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    return _login(at) if login else at


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_renders_on_a_fresh_store(data_dir, users, lang):
    at = _run(lang)
    assert not at.exception
    assert at.title[0].value == t("upload.title", lang)
    # A fresh store opens on the demo batch, which is listed and can be undone.
    history = at.dataframe[0].value
    assert list(history[t("upload.history.batch_id", lang)]) == ["demo"]
    assert at.selectbox(key="upload_undo_batch").options
    assert at.button(key="upload_undo").disabled


def test_page_undoes_a_batch_after_confirmation(data_dir, users):
    _store_with_batches(data_dir, n=2)
    at = _run()
    assert not at.exception
    assert list(at.dataframe[0].value["Batch"]) == ["uji-2", "uji-1"]
    at.selectbox(key="upload_undo_batch").select("uji-2").run()
    assert at.button(key="upload_undo").disabled  # not before the confirmation box is ticked
    at.checkbox(key="upload_undo_sure").check().run()
    at.button(key="upload_undo").click().run()
    assert not at.exception
    assert any("uji-2" in escape.shown(s.value) for s in at.success)  # shown as typed (its "-" escaped)
    status = at.dataframe[0].value.set_index("Batch")["Status"]
    assert status["uji-2"].startswith("Dibatalkan") and status["uji-1"] == "Aktif"
    assert [m["batch_id"] for m in Store(data_dir).batches() if m.get("undone")] == ["uji-2"]
    assert next(m for m in Store(data_dir).batches() if m["batch_id"] == "uji-2")["undone_by"] == "ani"
    assert [o for o in at.selectbox(key="upload_undo_batch").options] == ["uji-1 — berkas_1.xlsx (1 baris)"]


def test_page_with_every_batch_undone_says_there_is_nothing_to_undo(data_dir, users):
    store = _store_with_batches(data_dir, n=1)
    store.undo("uji-1")
    at = _run("en")
    assert not at.exception
    assert any(i.value == t("upload.undo.none", "en") for i in at.info)
    assert at.dataframe[0].value.iloc[0]["Status"].startswith("Undone")


def test_page_offers_both_template_downloads(data_dir, users):
    at = _run(login=False)  # to everyone, not only editors
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("upload.download.template", "id") in labels and t("upload.download.xlsform", "id") in labels


def test_file_summary_lists_each_data_sheet_with_its_kind(tmp_path):
    from kemitraan.generators.template import template_xlsx

    report = review.prepare_upload(Store(tmp_path / "d"), [("templat.xlsx", template_xlsx("id"))], lang="en")
    df = review.files_frame(report, "en")
    data = df[df["Sheet"].isin(contract.KINDS)]
    assert list(zip(data["Sheet"], data["Kind"], data["Data rows"])) == [
        ("kemitraan", "Partnerships", 1),
        ("indikator", "Indicators", 1),
        ("survei", "Survey", 1),
        ("rujukan", "Reference values", 1),
    ]
    assert set(df["File"]) == {"templat.xlsx"} and all(len(h) == 12 for h in df["SHA-256 (start)"])


def test_kind_override_reaches_the_dry_run(tmp_path):
    store = _store_with_batches(tmp_path / "d", n=1)
    row = {"kode_kemitraan": "KMT-1", **{p: 5 for p in contract.PRINCIPLES}}
    files = [("jawaban.csv", _csv([row]))]
    auto = review.prepare_upload(store, files, review.AUTO)
    assert auto.counts["survei"]["new"] == 1 and not review.errors(auto)
    forced = review.prepare_upload(store, files, "kemitraan")
    assert review.errors(forced)  # a survey sheet read as partnerships lacks their required columns
    assert review.upload_key(files, review.AUTO, ()) != review.upload_key(files, "kemitraan", ())
    assert review.kind_label(review.AUTO, "en") == t("upload.kind.auto", "en")
