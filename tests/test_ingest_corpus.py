"""Every file of the corpus goes in and reads back exactly, or is refused with a located message and nothing stored."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kemitraan.ingest import IngestRefused, commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


@pytest.fixture
def seeded(store):
    report = prepare(store, [C.kemitraan_csv_comma()])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    return store


def q(store, sql):
    con = store.connect()
    try:
        return con.execute(sql).fetchdf()
    finally:
        con.close()


def errors(report):
    return [(p.file, p.sheet, p.row, p.column) for p in report.errors]


def refused(store, *files, kind=None):
    """The upload is refused with at least one located error and the store does not change."""
    before = store.version()
    report = prepare(store, list(files), kind=kind)
    assert not report.ok
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert store.version() == before
    return report


EXPECTED_KEMITRAAN = {
    "KM-001": dict(
        nama_kemitraan="Kampung KB Sehat",
        kategori="pemerintah_lsm",
        fokus="program",
        bidang="kb",
        mitra_utama="BKKBN",
        provinsi_kode="32",
        provinsi="Jawa Barat",
        tanggal_mulai=dt.date(2023, 3, 1),
        tanggal_selesai=dt.date(2025, 12, 31),
        anggaran_idr=1.5e9,
    ),
    "KM-002": dict(
        nama_kemitraan="Gizi Anak Bangsa",
        kategori="publik_swasta",
        fokus="advokasi",
        bidang="gizi",
        provinsi_kode="31",
        provinsi="DKI Jakarta",
        tanggal_mulai=dt.date(2023, 5, 1),
        tanggal_selesai=None,
        anggaran_idr=3.25e9,
    ),
    "KM-003": dict(
        kategori="internasional",
        fokus="program",
        bidang="imunisasi",
        provinsi_kode="53",
        provinsi="Nusa Tenggara Timur",
        tanggal_mulai=dt.date(2023, 3, 1),
        tanggal_selesai=dt.date(2024, 12, 1),
        anggaran_idr=7.5e8,
    ),
}


def _check_kemitraan(store, lists=True):
    df = q(store, "SELECT * FROM kemitraan ORDER BY kode_kemitraan")
    assert list(df["kode_kemitraan"]) == ["KM-001", "KM-002", "KM-003"]
    for _, row in df.iterrows():
        for col, want in EXPECTED_KEMITRAAN[row["kode_kemitraan"]].items():
            got = row[col]
            if isinstance(got, pd.Timestamp):
                got = got.date()
            if want is None:
                assert pd.isna(got), (row["kode_kemitraan"], col, got)
            else:
                assert got == want, (row["kode_kemitraan"], col, got)
    if lists:
        first = df.set_index("kode_kemitraan").loc["KM-001"]
        assert list(first["mitra"]) == ["PKBI", "Yayasan Cipta"]
        assert list(first["sumber_dana"]) == ["APBN", "Hibah"]


@pytest.mark.parametrize(
    "build",
    [C.kemitraan_csv_comma, C.kemitraan_csv_semicolon_quoted_crlf_bom, C.kemitraan_xlsx_titles, C.kemitraan_ods],
)
def test_kemitraan_shapes_read_back_exactly(store, build):
    report = prepare(store, [build()])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts["kemitraan"] == {"new": 3, "replaced": 0, "unchanged": 0, "invalid": 0}
    [m] = commit(store, report)
    assert m["rows_added"] == 3 and m["kind"] == "kemitraan" and m["file"] == build()[0]
    _check_kemitraan(store)


def test_windows_1252_csv_with_display_headers(store):
    report = prepare(store, [C.kemitraan_csv_cp1252()])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.files[0]["encoding"] == "cp1252"
    commit(store, report)
    _check_kemitraan(store, lists=False)
    assert list(q(store, "SELECT mitra FROM kemitraan WHERE kode_kemitraan='KM-001'")["mitra"][0]) == [
        "PKBI, Yayasan Cipta"
    ]


def test_xlsx_header_row_found_below_titles(store):
    report = prepare(store, [C.kemitraan_xlsx_titles()])
    assert report.files[0]["sheets"][0]["header_row"] == 4
    assert report.files[0]["sheets"][0]["rows"] == 3  # trailing empty rows dropped


def test_one_workbook_with_every_kind(store):
    report = prepare(store, [C.workbook_all_kinds()])
    assert report.ok, [p.message("en") for p in report.errors]
    kinds = {s["sheet"]: s["kind"] for s in report.files[0]["sheets"]}
    assert kinds == {"Kemitraan": "kemitraan", "Indikator": "indikator", "Survei": "survei"}
    assert any(p.sheet == "Petunjuk" and p.severity == "warning" for p in report.problems)
    [m] = commit(store, report)
    assert m["kinds"] == ["kemitraan", "indikator", "survei"]
    ind = q(store, "SELECT * FROM indikator ORDER BY periode_mulai, kode_indikator")
    assert list(ind["periode"]) == ["2024-Q1", "2024-Q2", "2024-07"]
    assert list(ind["nilai"]) == [1200, 1350, 56.7]
    assert list(ind["target"].fillna(-1)) == [1500, 1500, -1]
    sv = q(store, "SELECT * FROM survei ORDER BY respon_id")
    assert list(sv["kepercayaan"]) == [4, 3]
    assert list(sv["komunikasi"]) == [3, 2]
    assert list(sv["peran_responden"]) == ["pemerintah", "swasta"]
    assert [list(x) for x in sv["tantangan"]] == [["koordinasi", "pendanaan"], ["perbedaan_perspektif"]]


def test_every_period_spelling(seeded):
    report = prepare(seeded, [C.indikator_long_periods()])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(seeded, report)
    df = q(seeded, "SELECT periode, periode_mulai, jenis_periode, nilai FROM indikator ORDER BY nilai")
    assert list(df["periode"]) == [
        "2024",
        "2024-Q3",
        "2023-Q3",
        "2023-Q2",
        "2022-Q3",
        "2022-Q2",
        "2024-07",
        "2024-08",
        "2021-07",
        "2020-07",
    ]
    assert list(df["jenis_periode"]) == ["tahun"] + ["triwulan"] * 5 + ["bulan"] * 4
    assert df["periode_mulai"].iloc[1].date() == dt.date(2024, 7, 1)


def test_wide_indicator_sheet(seeded):
    report = prepare(seeded, [C.indikator_wide_xlsx()])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts["indikator"]["new"] == 7
    assert any(p.column == "catatan" and p.severity == "warning" for p in report.problems)
    commit(seeded, report)
    df = q(
        seeded,
        "SELECT kode_kemitraan, periode, kode_indikator, nilai FROM indikator "
        "ORDER BY kode_kemitraan, periode, kode_indikator",
    )
    assert df.values.tolist() == [
        ["KM-001", "2024-Q1", "mcpr_pct", 55.5],
        ["KM-001", "2024-Q1", "peserta_kb_baru", 300],
        ["KM-001", "2024-Q1", "terjangkau", 1200],
        ["KM-001", "2024-Q2", "mcpr_pct", 56.1],
        ["KM-001", "2024-Q2", "terjangkau", 1350],
        ["KM-002", "2024-Q1", "peserta_kb_baru", 10],
        ["KM-002", "2024-Q1", "terjangkau", 80],
    ]


def test_dhis2_datavalueset(seeded):
    report = prepare(seeded, [C.dhis2_csv()])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.files[0]["sheets"][0]["kind"] == "indikator"
    assert not report.warnings  # orgunit, storedby, … are known DHIS2 columns, ignored quietly
    commit(seeded, report)
    df = q(seeded, "SELECT kode_kemitraan, periode, kode_indikator, nilai FROM indikator ORDER BY nilai")
    assert df.values.tolist() == [
        ["KM-002", "2024", "mcpr_pct", 57.2],
        ["KM-001", "2024-01", "peserta_kb_baru", 95],
        ["KM-001", "2024-Q1", "terjangkau", 1200],
    ]


def _check_kobo(store):
    sv = q(store, "SELECT * FROM survei ORDER BY respon_id")
    assert list(sv["respon_id"]) == ["6f1c2b7e-0001", "6f1c2b7e-0002", "6f1c2b7e-0003"]
    assert list(sv["kode_kemitraan"]) == ["KM-001", "KM-001", "KM-002"]
    assert list(sv["tujuan_bersama"]) == [5, 4, 3] and list(sv["pemantauan_evaluasi"]) == [4, 3, 3]
    assert list(sv["kepuasan"]) == [4, 5, 3]
    assert list(sv["peran_responden"]) == ["pemerintah", "lsm", "swasta"]
    assert [
        None if x is None or x is pd.NA or (isinstance(x, float) and pd.isna(x)) else list(x) for x in sv["tantangan"]
    ] == [["koordinasi", "pendanaan"], None, ["perbedaan_perspektif"]]
    assert sv["tanggal_survei"].iloc[0].date() == dt.date(2024, 6, 1)
    # personal data never reaches the store
    text = q(store, "SELECT * FROM survei").to_string()
    assert "Budi" not in text and "0812" not in text


@pytest.mark.parametrize("build", [C.kobo_csv_xml, C.kobo_xlsx_labels_hxl, C.odk_central_csv])
def test_kobo_and_odk_exports(seeded, build):
    report = prepare(seeded, [build()])
    assert report.ok, [p.message("en") for p in report.errors]
    dropped = {c for _f, _s, c in report.dropped_personal}
    assert dropped and all(("nama" in c.lower()) or ("hp" in c.lower()) for c in dropped)
    commit(seeded, report)
    _check_kobo(seeded)


def test_odk_ids_written_twice_are_not_noise(seeded):
    report = prepare(seeded, [C.odk_central_csv()])
    # the personal column, and where the survey date came from (the form has no date question)
    assert [w.column for w in report.warnings] == ["grp_identitas-nama_responden", "start"]


@pytest.mark.parametrize(
    "shape",
    [
        dict(group=False),
        dict(hxl=True),
        dict(expanded=False),
        dict(summary=False),
        dict(group=False, hxl=True, summary=False),
    ],
)
def test_kobo_csv_variants(seeded, shape):
    """With or without group paths, with the HXL row, with the summary and/or the expanded 0/1 columns."""
    report = prepare(seeded, [C.kobo_csv_xml(**shape)])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts["survei"]["new"] == 3
    commit(seeded, report)
    _check_kobo(seeded)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Prov. Jawa Barat", "32"),
        ("DKI JAKARTA", "31"),
        ("D.I. Yogyakarta", "34"),
        ("DIY", "34"),
        ("NTT", "53"),
        ("Babel", "19"),
        ("Provinsi Papua Selatan", "95"),
        ("32", "32"),
        ("94", "94"),
        ("Kalimantan  Timur", "64"),
    ],
)
def test_province_spellings(store, text, code):
    row = ["KM-9", "X", "nirlaba", "kb", "Y", text, "2024-01-01"]
    header = ["kode_kemitraan", "nama_kemitraan", "kategori", "bidang", "mitra_utama", "provinsi", "tanggal_mulai"]
    report = prepare(store, [("p.csv", C.csv_bytes(header, [row]))])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    assert q(store, "SELECT provinsi_kode FROM kemitraan")["provinsi_kode"][0] == code


def test_kobo_labels_hxl_row_is_not_data(seeded):
    report = prepare(seeded, [C.kobo_xlsx_labels_hxl()])
    assert report.counts["survei"]["new"] == 3
    assert report.files[0]["sheets"][0]["header_row"] == 1


def test_kobo_cumulative_exports_give_each_respondent_once(seeded):
    first = C.kobo_csv_xml(C.KOBO_RESPONDENTS[:2], name="export_1.csv")
    second = C.kobo_csv_xml(C.KOBO_RESPONDENTS, name="export_2.csv")
    commit(seeded, prepare(seeded, [first]))
    report = prepare(seeded, [second])
    assert report.counts["survei"] == {"new": 1, "replaced": 0, "unchanged": 2, "invalid": 0}
    [m] = commit(seeded, report)
    assert (m["rows_added"], m["rows_unchanged"], m["rows"]) == (1, 2, 1)
    assert q(seeded, "SELECT count(*) AS n FROM survei")["n"][0] == 3
    # the same export once more: nothing new, no batch
    again = prepare(seeded, [second])
    assert again.counts["survei"]["unchanged"] == 3
    assert commit(seeded, again) == []
    _check_kobo(seeded)


def test_kobo_cumulative_exports_in_one_upload(seeded):
    first = C.kobo_csv_xml(C.KOBO_RESPONDENTS[:2], name="export_1.csv")
    second = C.kobo_csv_xml(C.KOBO_RESPONDENTS, name="export_2.csv")
    report = prepare(seeded, [first, second])
    assert report.ok
    assert report.counts["survei"]["new"] == 3
    commit(seeded, report)
    assert q(seeded, "SELECT count(*) AS n FROM survei")["n"][0] == 3


def test_survey_without_uuid_gets_a_stable_content_hash(seeded):
    report = prepare(seeded, [C.survei_without_uuid()])
    assert report.ok, [p.message("en") for p in report.errors]
    assert {c for _f, _s, c in report.dropped_personal} == {"Nama", "Email"}
    commit(seeded, report)
    ids = list(q(seeded, "SELECT respon_id FROM survei ORDER BY respon_id")["respon_id"])
    assert len(ids) == 2 and all(i.startswith("h-") for i in ids)
    again = prepare(seeded, [C.survei_without_uuid()])
    assert again.counts["survei"]["unchanged"] == 2


def test_partnership_and_its_indicators_in_one_upload(store):
    report = prepare(store, [C.indikator_long_periods(), C.kemitraan_csv_comma()])
    assert report.ok, [p.message("en") for p in report.errors]
    manifests = commit(store, report)
    assert [m["kind"] for m in manifests] == ["kemitraan", "indikator"]  # partnerships first


def test_province_codes_and_papua(store):
    report = prepare(store, [C.kemendagri_codes()])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    df = q(store, "SELECT kode_kemitraan, provinsi_kode, provinsi FROM kemitraan ORDER BY 1")
    assert df.values.tolist() == [
        ["KM-201", "94", "Papua"],
        ["KM-202", "92", "Papua Barat Daya"],
        ["KM-203", "32", "Jawa Barat"],
    ]
    report = refused(store, C.papua_conflict())
    assert errors(report) == [("papua.csv", None, 3, "kode_provinsi")]
    assert "Papua Barat" in report.errors[0].message("en")


# ------------------------------------------------------------------ corrections, history, undo


def test_correction_keeps_history_and_undo_restores(seeded):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[0][1] = "Kampung KB Sehat Sejahtera"
    report = prepare(seeded, [("koreksi.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))])
    assert report.counts["kemitraan"] == {"new": 0, "replaced": 1, "unchanged": 2, "invalid": 0}
    [m] = commit(seeded, report, user="evaluator")
    assert (m["rows_replaced"], m["rows_unchanged"], m["user"]) == (1, 2, "evaluator")
    assert (
        q(seeded, "SELECT nama_kemitraan FROM kemitraan WHERE kode_kemitraan='KM-001'")["nama_kemitraan"][0]
        == "Kampung KB Sehat Sejahtera"
    )
    assert len([b for b in seeded.batches() if not b["undone"]]) == 2  # the first batch stays: history
    seeded.undo(m["batch_id"])
    assert (
        q(seeded, "SELECT nama_kemitraan FROM kemitraan WHERE kode_kemitraan='KM-001'")["nama_kemitraan"][0]
        == "Kampung KB Sehat"
    )


# ------------------------------------------------------------------ bad files


@pytest.mark.parametrize(
    "build, where",
    [
        (C.empty_file, ("kosong.csv", None, None, None)),
        (C.binary_file, ("data.csv", None, None, None)),
        (C.png_named_xlsx, ("laporan.xlsx", None, None, None)),
        (C.docx_like_zip, ("laporan.xlsx", None, None, None)),
        (C.zip_bomb, ("bom.xlsx", None, None, None)),
        (C.no_header, ("catatan.csv", None, None, None)),
        (C.header_only, ("judul_saja.csv", None, 1, None)),
    ],
)
def test_unreadable_files_are_refused(store, build, where):
    report = refused(store, build())
    assert errors(report) == [where]


def test_ragged_csv_row_is_located(seeded):
    report = refused(seeded, C.ragged_csv())
    assert errors(report) == [("ragged.csv", None, 3, None)]
    assert "9" in report.errors[0].message("en")


def test_zip_bomb_message_names_the_limit(store):
    report = refused(store, C.zip_bomb())
    assert "24 MB" in report.errors[0].message("en") and "zip bomb" in report.errors[0].message("en")


def test_template_sheets_left_empty_are_only_a_note(store):
    report = prepare(store, [C.template_with_unused_sheets()])
    assert report.ok
    assert sorted(w.sheet for w in report.warnings) == ["indikator", "survei"]
    assert report.counts == {"kemitraan": {"new": 3, "replaced": 0, "unchanged": 0, "invalid": 0}}


def test_wrong_extension_is_read_by_content(store):
    report = prepare(store, [C.xlsx_named_csv()])
    assert report.ok
    assert report.files[0]["format"] == "XLSX"
    assert any("XLSX" in w.message("en") for w in report.warnings)


def test_missing_key_column(store):
    report = refused(store, C.missing_key_column())
    assert errors(report) == [("tanpa_kode.csv", None, 1, "kode_kemitraan")]
    assert report.counts["kemitraan"]["invalid"] == 3


def test_missing_key_value_skip_invalid_stores_the_rest(store):
    report = refused(store, C.missing_key_value())
    assert errors(report) == [("kode_kosong.csv", None, 3, "kode_kemitraan")]
    ms = commit(store, report, skip_invalid=True)
    assert ms[0]["rows_added"] == 2 and ms[0]["rows_invalid"] == 1
    assert list(q(store, "SELECT kode_kemitraan FROM kemitraan ORDER BY 1")["kode_kemitraan"]) == ["KM-001", "KM-003"]
    xlsx = pd.read_excel(__import__("io").BytesIO(report.invalid_rows_xlsx("en")), sheet_name=None, engine="openpyxl")
    [(name, sheet)] = xlsx.items()
    assert sheet["Row"].tolist() == [3]
    assert sheet["nama_kemitraan"].tolist() == ["Gizi Anak Bangsa"]
    assert "kode_kemitraan" in sheet["Error"][0]


@pytest.mark.parametrize(
    "build, where",
    [
        (C.unknown_province, [("provinsi_salah.csv", None, 4, "provinsi")]),
        (C.unknown_values, [("nilai_asing.csv", None, 2, "kategori"), ("nilai_asing.csv", None, 3, "tanggal_mulai")]),
        (C.duplicate_key, [("ganda.csv", None, 5, "kode_kemitraan")]),
        (C.end_before_start, [("tanggal.csv", None, 2, "tanggal_selesai")]),
    ],
)
def test_bad_partnership_values_are_located(store, build, where):
    report = refused(store, build())
    assert sorted(errors(report), key=str) == sorted(where, key=str)


@pytest.mark.parametrize(
    "build, where",
    [
        (C.orphan_code, [("orphan.csv", None, 3, "kode_kemitraan")]),
        (C.bad_likert, [("likert.csv", None, 3, "saling_menghormati"), ("likert.csv", None, 3, "akuntabilitas")]),
        (C.non_numeric_value, [("nilai.csv", None, 2, "nilai")]),
        (C.out_of_range, [("rentang.csv", None, 2, "nilai"), ("rentang.csv", None, 3, "nilai")]),
        (
            C.unknown_period_indicator,
            [("periode_asing.csv", None, 2, "periode"), ("periode_asing.csv", None, 3, "kode_indikator")],
        ),
        (C.mixed_number_conventions, [("konvensi.csv", None, 4, "nilai")]),
    ],
)
def test_bad_indicator_and_survey_values_are_located(seeded, build, where):
    report = refused(seeded, build())
    assert sorted(errors(report), key=str) == sorted(where, key=str)


def test_messages_in_both_languages(seeded):
    report = refused(seeded, C.non_numeric_value())
    p = report.errors[0]
    assert p.message("id").startswith("nilai.csv, baris 2, kolom «nilai»: nilai «seribu» — diharapkan: angka")
    assert p.message("en").startswith("nilai.csv, row 2, column «nilai»: value «seribu» — expected: a number")
    frame = report.problems_frame("en")
    assert list(frame.columns) == ["Severity", "File", "Sheet", "Row", "Column", "Value", "Expected / note"]
    assert frame["Row"].tolist() == [2]


def test_mixed_convention_message_names_the_convention(seeded):
    report = refused(seeded, C.mixed_number_conventions())
    assert "1.234,5" in report.errors[0].message("en")  # the column's convention, shown by example


def test_exact_repeat_in_a_file_is_kept_once_with_a_warning(store):
    report = prepare(store, [C.exact_repeat()])
    assert report.ok
    assert [(w.row, w.column) for w in report.warnings] == [(5, "kode_kemitraan")]
    [m] = commit(store, report)
    assert m["rows"] == 3


def test_uploaded_file_name_is_never_a_path(store, tmp_path):
    name, data = C.kemitraan_csv_comma()
    report = refused(store, ("../../../../tmp/evil/x.csv", data))  # a name no spreadsheet saves: refused, not read
    assert [(p.file, p.row) for p in report.errors] == [("x.csv", None)]
    assert "rename the file" in report.errors[0].message("en")
    assert not (tmp_path / "evil").exists()


def test_row_numbers_survive_multiline_cells_and_blank_lines(seeded):
    report = refused(seeded, C.csv_multiline_and_blank_lines())
    # records as a spreadsheet shows them: title 1, header 2, data 3, 4, (blank) 5, 6, 7
    assert errors(report) == [("catatan_panjang.csv", None, 7, "nilai")]
    ok = commit(seeded, report, skip_invalid=True)
    assert ok[0]["rows_added"] == 3


def test_utf16_tab_separated_unicode_text(store):
    data = C.csv_bytes(C.KEMITRAAN_HEADER, C.KEMITRAAN_ROWS, delimiter="\t", encoding="utf-16")
    report = prepare(store, [("unicode.txt", data)])
    assert report.ok and report.files[0]["encoding"] == "utf-16"
    commit(store, report)
    _check_kemitraan(store)


def test_commit_checks_again_when_the_store_moved(store):
    [kb] = commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    report = prepare(store, [C.indikator_long_periods()])
    assert report.ok
    store.undo(kb["batch_id"])  # the partnerships went away between preview and confirm
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert q(store, "SELECT count(*) AS n FROM indikator")["n"][0] == 0


def test_commit_checks_again_when_another_process_moved_the_store_during_the_page_run(store):
    """The app reads the catalog once per page run (``one_reading``); a commit must still see what another
    process changed since the run began."""
    [kb] = commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    report = prepare(store, [C.indikator_long_periods()])
    assert report.ok
    with store.one_reading():
        store.version()  # the run's first read
        Store(store.root).undo(kb["batch_id"])  # another process: the partnerships went away
        Store.writes -= 1  # ... whose write this process never counted
        with pytest.raises(IngestRefused):
            commit(store, report)
    assert q(store, "SELECT count(*) AS n FROM indikator")["n"][0] == 0


def test_a_page_run_keeps_its_snapshot_while_another_session_reads_a_newer_one(store):
    """Sessions share the store object: one run reading the store after another process's undo must not move a run
    already under way to that newer snapshot halfway through (its charts would tell two stories)."""
    import threading

    [kb] = commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    first_read, other_read = threading.Event(), threading.Event()
    seen = {}

    def run_a():
        with store.one_reading():
            seen["a_first"] = (store.version(), store.snapshot(), len(store.batches()))
            first_read.set()
            other_read.wait(30)
            seen["a_later"] = (store.version(), store.snapshot(), len(store.batches()))

    def run_b():
        with store.one_reading():
            seen["b"] = (store.version(), store.snapshot(), len(store.batches()))

    a = threading.Thread(target=run_a)
    a.start()
    first_read.wait(30)
    Store(store.root).undo(kb["batch_id"])  # another process
    Store.writes -= 1  # ... whose write this process never counted
    b = threading.Thread(target=run_b)
    b.start()
    b.join(30)
    other_read.set()
    a.join(30)
    assert seen["b"][0] != seen["a_first"][0] and seen["b"][1] > seen["a_first"][1]  # B saw the undo
    assert seen["a_later"] == seen["a_first"]  # A's run kept the snapshot it began with
    with store.one_reading():
        assert store.version() == seen["b"][0]  # the next run sees the undo


def test_a_page_run_sees_its_own_upload(store):
    with store.one_reading():
        before = store.version()
        commit(store, prepare(store, [C.kemitraan_csv_comma()]))
        assert store.version() != before
        assert len(store.batches()) == 1


def test_commit_twice_writes_once(store):
    report = prepare(store, [C.kemitraan_csv_comma()])
    assert len(commit(store, report)) == 1
    assert commit(store, report) == []


def test_ambiguous_column_follows_the_sheets_other_numbers(seeded):
    """An English-style sheet: `1,234` in the target column is 1234 because `nilai` shows the convention."""
    rows = [["KM-001", "2023", "layanan", "1,234.5", "1,234"], ["KM-001", "2024", "layanan", "0.5", "2,000"]]
    report = prepare(
        seeded, [("en.csv", C.csv_bytes(["kode_kemitraan", "periode", "kode_indikator", "nilai", "target"], rows))]
    )
    assert report.ok, [p.message("en") for p in report.errors]
    assert [w.column for w in report.warnings] == ["target"]
    assert "other number columns" in report.warnings[0].message("en")
    commit(seeded, report)
    df = q(seeded, "SELECT nilai, target FROM indikator ORDER BY periode")
    assert df.values.tolist() == [[1234.5, 1234.0], [0.5, 2000.0]]


def test_kobo_edited_submission_is_a_correction(seeded):
    """KoboToolbox gives an edited submission a new _uuid but keeps meta/rootUuid."""

    def export(name, uuid2, score):
        header, rows, _ = C.kobo_xml_rows(C.KOBO_RESPONDENTS[:2])
        header = [*header, "meta/rootUuid", "meta/deprecatedID"]
        rows = [list(r) for r in rows]
        rows[0] += ["uuid:root-1", ""]
        rows[1] += ["uuid:root-2", ""]
        rows[1][header.index("_uuid")] = uuid2
        rows[1][header.index("grp_penilaian/kepercayaan")] = score
        return name, C.csv_bytes(header, rows, delimiter=";")

    commit(seeded, prepare(seeded, [export("e1.csv", "orig-2", 5)]))
    report = prepare(seeded, [export("e2.csv", "edited-2", 2)])
    assert report.counts["survei"] == {"new": 0, "replaced": 1, "unchanged": 1, "invalid": 0}
    commit(seeded, report)
    df = q(seeded, "SELECT respon_id, kepercayaan FROM survei ORDER BY respon_id")
    assert df.values.tolist() == [["root-1", 4], ["root-2", 2]]


def test_hidden_helper_sheets_go_quietly(store):
    report = prepare(store, [C.workbook_with_hidden_lists()])
    assert report.ok and not report.problems
    assert report.counts["kemitraan"]["new"] == 3
