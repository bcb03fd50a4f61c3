"""The survey XLSForm: structure, types from the contract, both languages, and exports that map back."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from kemitraan import contract
from kemitraan.generators.xlsform import FORM_ID, GROUP, LANGS, survey_xlsform

LABELS = [f"label::{LANGS[lg]}" for lg in ("id", "en")]


@pytest.fixture(scope="module")
def form():
    wb = openpyxl.load_workbook(io.BytesIO(survey_xlsform()))
    sheets = {}
    for name in wb.sheetnames:
        rows = list(wb[name].iter_rows(values_only=True))
        sheets[name] = [dict(zip(rows[0], r)) for r in rows[1:]]
    return sheets


def test_sheets(form):
    assert set(form) == {"survey", "choices", "settings"}


def test_question_types_as_the_brief_and_contract_say(form):
    types = {r["name"]: r["type"] for r in form["survey"] if r["name"]}
    expected = {
        "kode_kemitraan": "text",
        "tanggal_survei": "date",
        "peran_responden": "select_one peran",
        **{p: "select_one likert" for p in contract.PRINCIPLES},
        "kepuasan": "select_one likert",
        "tantangan": "select_multiple tantangan",
        "saran": "text",
    }
    assert {n: types.get(n) for n in expected} == expected
    # Every survei column a respondent can answer is a question; the key comes from the submission.
    asked = {c.name for c in contract.input_columns("survei")} - {"respon_id"}
    assert asked <= set(types)
    assert "respon_id" not in types
    # No question whose name would clash with a contract synonym of another column (e.g. Kobo's `today`).
    for name in types:
        matched = contract.match_header(name, "survei")
        assert matched in (None, name), name


def test_principles_and_satisfaction_sit_in_the_rating_group(form):
    rows = form["survey"]
    names = [r["name"] for r in rows]
    begin = next(i for i, r in enumerate(rows) if r["type"] == "begin_group")
    end = next(i for i, r in enumerate(rows) if r["type"] == "end_group")
    assert rows[begin]["name"] == GROUP
    assert set(names[begin + 1 : end]) == {*contract.PRINCIPLES, "kepuasan"}
    for r in rows[begin + 1 : end]:
        assert r["required"] == "yes" and r["appearance"] == "likert"


def test_every_question_and_choice_is_labelled_in_both_languages(form):
    for r in form["survey"]:
        if r["type"] in ("start", "end", "end_group"):
            continue
        assert all(r[c] for c in LABELS), r
        assert r[LABELS[0]] != r[LABELS[1]] or r["name"] == "kode_kemitraan"
    for r in form["choices"]:
        assert all(r[c] for c in LABELS), r
    rated = [r for r in form["survey"] if r["name"] in contract.PRINCIPLES]
    assert all(r[f"hint::{LANGS['id']}"] and r[f"hint::{LANGS['en']}"] for r in rated)


def test_labels_are_the_contract_labels_so_label_mode_exports_map_back(form):
    for r in form["survey"]:
        if r["name"] and r["type"] not in ("start", "end", "note", "begin_group", "end_group"):
            for col in LABELS:
                assert contract.match_header(r[col], "survei") == r["name"], (r["name"], r[col])


def test_choices_cover_the_enums_and_likert(form):
    by_list: dict[str, list] = {}
    for r in form["choices"]:
        by_list.setdefault(r["list_name"], []).append(r)
    assert [str(r["name"]) for r in by_list["likert"]] == ["1", "2", "3", "4", "5"]
    for r in by_list["likert"]:
        assert contract.likert_value(r[LABELS[0]]) == int(r["name"])
        assert contract.likert_value(r[LABELS[1]]) == int(r["name"])
    for enum in ("peran", "tantangan"):
        assert [r["name"] for r in by_list[enum]] == contract.enum_codes(enum)
        for r in by_list[enum]:
            assert contract.enum_code(enum, r[LABELS[0]]) == r["name"]
            assert contract.enum_code(enum, r[LABELS[1]]) == r["name"]
    used = {r["type"].split()[1] for r in form["survey"] if r["type"].startswith("select_")}
    assert used == set(by_list)


def test_settings(form):
    (settings,) = form["settings"]
    assert settings["form_id"] == FORM_ID
    assert settings["default_language"] == LANGS["id"]
    assert settings["version"]


def test_pyxform_converts_the_form():
    pytest.importorskip("pyxform", reason="pyxform (dev dependency) checks the form as Kobo/ODK do")
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(xlsform=io.BytesIO(survey_xlsform()), file_type=".xlsx", validate=False, warnings=warnings)
    assert warnings == []
    xml = result.xform
    for p in contract.PRINCIPLES:
        assert f'nodeset="/{FORM_ID}/{GROUP}/{p}"' in xml or f"/{GROUP}/{p}" in xml
    assert 'lang="Indonesian (id)"' in xml and 'lang="English (en)"' in xml


KOBO_META = [
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]
ODK_META = [
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]
UUIDS = ("8c1f6f7e-0000-4000-8000-000000000001", "8c1f6f7e-0000-4000-8000-000000000002")
ANSWERS = ((4, ["koordinasi", "pendanaan"]), (2, ["perubahan_personel"]))


def _form_questions() -> list[dict]:
    wb = openpyxl.load_workbook(io.BytesIO(survey_xlsform()))
    rows = list(wb["survey"].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def form_export(code: str, style: str = "kobo", mode: str = "xml") -> pd.DataFrame:
    """An export of two submissions of the form, built from the form's own names and labels.

    ``style`` "kobo": KoboToolbox (group paths with ``/``, the select-multiple summary and its expanded
    0/1 columns, ``_uuid`` and Kobo meta); "odk": ODK Central (groups joined with ``-``, ``KEY`` and
    ``meta-instanceID``). ``mode`` "xml" writes names and codes, "labels" the Indonesian labels,
    "labels_en" the English ones.
    """
    lg = "en" if mode == "labels_en" else "id"
    lang_col = f"label::{LANGS[lg]}"
    sep = "/" if style == "kobo" else "-"
    header: list[tuple[str, str, str | None]] = [("SubmissionDate", "meta", None)] if style == "odk" else []
    group_label = None
    group = None
    for q in _form_questions():
        if q["type"] == "begin_group":
            group, group_label = q["name"], q[lang_col]
            continue
        if q["type"] == "end_group":
            group = group_label = None
            continue
        if q["type"] == "note":
            continue
        own = q["name"] if mode == "xml" or q["type"] in ("start", "end") else q[lang_col]
        prefix = (group if mode == "xml" else group_label) if group else None
        path = f"{prefix}{sep}{own}" if prefix else own
        header.append((path, q["name"], None))
        if q["type"].startswith("select_multiple") and style == "kobo":
            enum = q["type"].split()[1]
            for code_ in contract.enum_codes(enum):
                opt = code_ if mode == "xml" else contract.enum_label(enum, code_, lg)
                header.append((f"{path}/{opt}", q["name"], code_))
    header += [(h, "meta", None) for h in (KOBO_META if style == "kobo" else ODK_META)]
    subs = []
    for i, (score, chosen) in enumerate(ANSWERS):
        rec: dict[str, object] = {}
        for h, name, option in header:
            if option is not None:
                rec[h] = int(option in chosen)
            elif name in ("start", "end") or h in ("_submission_time", "SubmissionDate"):
                rec[h] = f"2025-05-0{i + 1}T09:00:00.000+07:00"
            elif name == "kode_kemitraan":
                rec[h] = code
            elif name == "tanggal_survei":
                rec[h] = f"2025-05-0{i + 1}"
            elif name == "peran_responden":
                rec[h] = "lsm" if mode == "xml" else contract.enum_label("peran", "lsm", lg)
            elif name in contract.PRINCIPLES or name == "kepuasan":
                rec[h] = score if mode == "xml" else contract.LIKERT[score][0 if lg == "id" else 1]
            elif name == "tantangan":
                labels = [contract.enum_label("tantangan", c, lg) for c in chosen]
                rec[h] = " ".join(chosen if mode == "xml" else labels)
            elif name == "saran":
                rec[h] = "Rapat lebih sering"
            elif h == "_uuid":
                rec[h] = UUIDS[i]
            elif h in ("KEY", "meta-instanceID"):
                rec[h] = f"uuid:{UUIDS[i]}"
            elif h in ("_id", "_index"):
                rec[h] = i + 1
            elif h in ("_status", "ReviewState"):
                rec[h] = "submitted_via_web" if style == "kobo" else "approved"
            else:
                rec[h] = None
        subs.append(rec)
    return pd.DataFrame(subs, columns=[h for h, _, _ in header])


@pytest.mark.parametrize("style", ["kobo", "odk"])
@pytest.mark.parametrize("mode", ["xml", "labels", "labels_en"])
def test_export_headers_match_the_contract(style, mode):
    df = form_export("KMT-1", style, mode)
    if style == "kobo" and mode == "xml":
        assert "grp_penilaian/kepercayaan" in df.columns and "tantangan/koordinasi" in df.columns
    if style == "odk" and mode == "xml":
        assert "grp_penilaian-kepercayaan" in df.columns
    mapped = {contract.match_header(h, "survei") for h in df.columns}
    assert {c.name for c in contract.input_columns("survei")} - {"respon_id"} <= mapped


@pytest.mark.parametrize(
    "style,mode,fmt",
    [
        ("kobo", "xml", "xlsx"),
        ("kobo", "xml", "csv"),
        ("kobo", "labels", "xlsx"),
        ("kobo", "labels_en", "csv"),
        ("odk", "xml", "csv"),
    ],
)
def test_export_of_the_form_goes_through_prepare_unchanged(tmp_path, style, mode, fmt):
    from kemitraan.ingest import commit, prepare
    from kemitraan.storage.store import Store

    store = Store(tmp_path / "data")
    # (the template's example row is never stored, so the partnership comes from a sheet of its own)
    seed = (
        "kode_kemitraan,nama_kemitraan,kategori,bidang,mitra_utama,provinsi,tanggal_mulai\n"
        "KMT-01,Kemitraan KB Jawa Barat,Pemerintah-LSM,KB,Dinas Kesehatan,Jawa Barat,2024-01-15\n"
    )
    commit(store, prepare(store, [("mitra.csv", seed.encode())]))
    code = store.connect().execute("SELECT kode_kemitraan FROM kemitraan").fetchall()[0][0]
    df = form_export(code, style, mode)
    buf = io.BytesIO()
    if fmt == "xlsx":
        df.to_excel(buf, index=False, sheet_name=FORM_ID[:31])
    else:
        df.to_csv(buf, index=False)
    report = prepare(store, [(f"{FORM_ID}_{style}.{fmt}", buf.getvalue())])
    assert report.ok, "\n".join(p.message("en") for p in report.problems)
    assert not [p for p in report.problems if p.severity == "error"]
    assert report.counts["survei"]["new"] == 2
    commit(store, report)
    rows = (
        store.connect()
        .execute(
            "SELECT respon_id, kode_kemitraan, tanggal_survei, kepercayaan, kepuasan, peran_responden, tantangan, saran "
            "FROM survei WHERE respon_id LIKE '%8c1f%' ORDER BY respon_id"
        )
        .fetchall()
    )
    assert [r[0].removeprefix("uuid:") for r in rows] == list(UUIDS)
    assert [(r[1], str(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
        (code, "2025-05-01", 4, 4, "lsm", ["koordinasi", "pendanaan"], "Rapat lebih sering"),
        (code, "2025-05-02", 2, 2, "lsm", ["perubahan_personel"], "Rapat lebih sering"),
    ]
    # A cumulative re-export changes nothing.
    again = prepare(store, [(f"{FORM_ID}_{style}_2.{fmt}", buf.getvalue())])
    assert again.counts["survei"]["unchanged"] == 2 and again.counts["survei"]["new"] == 0
