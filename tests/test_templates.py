"""The downloadable XLSX template: generated from the contract, drop-downs that map back, rows that ingest."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from kemitraan import contract
from kemitraan.generators.template import INSTRUCTIONS_SHEET, LISTS_SHEET, template_xlsx


@pytest.fixture(scope="module", params=["id", "en"])
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def workbook(lang):
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(lang)))


def _header(ws) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


def _list_values(wb, formula: str) -> list:
    sheet, rng = formula.lstrip("=").split("!")
    return [row[0].value for row in wb[sheet][rng.replace("$", "")]]


def _validation_for(ws, col_index: int):
    letter = openpyxl.utils.get_column_letter(col_index + 1)
    for dv in ws.data_validations.dataValidation:
        if f"{letter}2:" in str(dv.sqref):
            return dv
    return None


def test_one_sheet_per_kind_plus_instructions_and_lists(workbook):
    assert set(workbook.sheetnames) == {*contract.KINDS, INSTRUCTIONS_SHEET, LISTS_SHEET}


def test_the_list_sheet_names_its_lists_in_the_reader_s_language():
    heads = {
        lang: _header(openpyxl.load_workbook(io.BytesIO(template_xlsx(lang)))[LISTS_SHEET]) for lang in ("id", "en")
    }
    assert "Daftar Provinsi" in heads["id"] and "Daftar Indikator" in heads["id"], heads["id"]
    assert "List: Province" in heads["en"] and "List: Indicator" in heads["en"], heads["en"]
    for lang, words in (
        ("id", ("province", "indicator", "likert", "peran")),
        ("en", ("provinsi", "indikator", "peran")),
    ):
        # no code names (province, indicator, peran…) and no word of the other language
        assert not any(h.split(" ", 1)[1].strip(": ") in words for h in heads[lang]), heads[lang]


@pytest.mark.parametrize("kind", contract.KINDS)
def test_header_row_is_the_contract_input_columns(workbook, kind):
    header = _header(workbook[kind])
    assert header == [c.name for c in contract.COLUMNS[kind] if c.name not in contract.DERIVED_COLUMNS[kind]]
    assert {c.name for c in contract.COLUMNS[kind] if c.required} <= set(header)
    for derived in contract.DERIVED_COLUMNS[kind]:
        assert derived not in header
    # Every header is recognised by the same matcher ingest uses.
    assert [contract.match_header(h, kind) for h in header] == header


def _expected_mapper(col: contract.Column):
    """How a drop-down value maps back to the stored code, per vocabulary."""
    if col.enum:
        return lambda v: contract.enum_code(col.enum, v), contract.enum_codes(col.enum)
    if col.dtype == "likert":
        return contract.likert_value, sorted(contract.LIKERT)
    if col.dtype == "province":
        return contract.province_by_name, list(contract.provinces())
    if col.dtype == "indicator":
        return contract.indicator_code, list(contract.indicators())
    if col.dtype == "area":  # every name of the list reads back as its own area, with no province to help
        return (lambda v: contract.match_area(v).kode), list(contract.areas())
    return None


@pytest.mark.parametrize("kind", contract.KINDS)
def test_every_closed_vocabulary_has_a_drop_down_that_maps_back(workbook, kind, lang):
    ws = workbook[kind]
    checked = 0
    for ci, col in enumerate(contract.input_columns(kind)):
        mapper = _expected_mapper(col)
        dv = _validation_for(ws, ci)
        if mapper is None:
            assert dv is None or dv.type != "list", col.name
            continue
        to_code, expected = mapper
        assert dv is not None and dv.type == "list", f"{kind}.{col.name} has no drop-down"
        assert str(dv.sqref).startswith(f"{openpyxl.utils.get_column_letter(ci + 1)}2:")
        values = _list_values(workbook, dv.formula1)
        assert [to_code(v) for v in values] == expected, col.name
        if col.enum:  # labels in the template's language, not codes
            assert values == [contract.enum_label(col.enum, c, lang) for c in expected]
        checked += 1
    assert checked >= 1


def test_survey_sheet_has_likert_drop_downs_1_to_5(workbook):
    ws = workbook["survei"]
    for ci, col in enumerate(contract.input_columns("survei")):
        if col.dtype == "likert":
            assert _list_values(workbook, _validation_for(ws, ci).formula1) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("kind", contract.KINDS)
def test_example_row_values_are_valid_for_the_contract(workbook, kind):
    ws = workbook[kind]
    header = _header(ws)
    example = dict(zip(header, [c.value for c in ws[2]]))
    assert all(example[c.name] not in (None, "") for c in contract.input_columns(kind) if c.required)
    for col in contract.input_columns(kind):
        v = example[col.name]
        if col.dtype == "date":
            assert isinstance(v, dt.datetime), col.name
        elif col.dtype == "likert":
            assert contract.likert_value(v) is not None
        elif col.dtype == "enum":
            assert contract.enum_code(col.enum, v) is not None, (col.name, v)
        elif col.dtype == "list" and col.enum:
            assert all(contract.enum_code(col.enum, x) for x in v.split(";")), v
        elif col.dtype == "province":
            assert contract.province_by_name(v) is not None
        elif col.dtype == "indicator":
            assert contract.indicator_code(v) is not None
        elif col.dtype == "number":
            assert isinstance(v, (int, float))


def test_example_rows_reference_the_example_partnership(workbook):
    code = workbook["kemitraan"]["A2"].value
    for kind in ("indikator", "survei"):
        header = _header(workbook[kind])
        row = [c.value for c in workbook[kind][2]]
        assert row[header.index("kode_kemitraan")] == code


def test_instructions_describe_every_column_in_both_languages(workbook):
    ws = workbook[INSTRUCTIONS_SHEET]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    text = "\n".join(" | ".join(str(c) for c in r if c is not None) for r in rows)
    described = set()
    section = None
    for r in rows:
        title = str(r[0] or "")
        section = next((k for k in contract.KINDS if f"«{k}»" in title), section)
        if section and r[0] in {c.name for c in contract.input_columns(section)}:
            described.add((section, r[0]))
    assert described == {(k, c.name) for k in contract.KINDS for c in contract.input_columns(k)}
    for kind in contract.KINDS:
        for col in contract.input_columns(kind):
            assert col.label_id in text and col.label_en in text
    for enum in ("kategori", "bidang", "fokus", "peran", "tantangan"):
        for code in contract.enum_codes(enum):
            assert code in text
            assert contract.enum_label(enum, code, "id") in text and contract.enum_label(enum, code, "en") in text
    for kode in contract.indicators():
        assert kode in text
    pairs = (("Wajib", "Required"), ("Jangan masukkan data pribadi", "Do not enter respondents' personal"))
    for id_word, en_word in pairs:
        assert id_word in text and en_word in text
    assert "Sangat tidak setuju" in text and "Strongly disagree" in text


@pytest.mark.parametrize("sheet", [INSTRUCTIONS_SHEET, LISTS_SHEET])
def test_no_row_of_the_info_sheets_reads_as_a_header_row(workbook, sheet):
    """A row naming two or more columns of a kind would look like a data sheet's header to ingest."""
    for row in workbook[sheet].iter_rows(values_only=True):
        cells = [c for c in row if c not in (None, "")]
        for kind in contract.KINDS:
            named = {contract.match_header(c, kind) for c in cells} - {None}
            if kind == "indikator":
                named |= {f"wide:{contract.indicator_code(c)}" for c in cells if contract.indicator_code(c)}
            assert len(named) < 2, (sheet, kind, cells[:4])


def test_template_is_deterministic_apart_from_timestamps():
    a = openpyxl.load_workbook(io.BytesIO(template_xlsx("id")))
    b = openpyxl.load_workbook(io.BytesIO(template_xlsx("id")))
    for name in a.sheetnames:
        cells_a = [[c.value for c in r] for r in a[name].iter_rows()]
        assert cells_a == [[c.value for c in r] for r in b[name].iter_rows()]


@pytest.mark.parametrize("template_lang", ["id", "en"])
def test_template_example_rows_are_skipped_never_stored(tmp_path, template_lang):
    from kemitraan.ingest import prepare
    from kemitraan.storage.store import Store

    report = prepare(Store(tmp_path / "data"), [("templat.xlsx", template_xlsx(template_lang))])
    assert report.ok, "\n".join(p.message("en") for p in report.problems)
    assert report.rows_to_write() == 0
    notes = [p for p in report.problems if p.sheet not in contract.TEMPLATE_INFO_SHEETS]
    assert sorted(p.sheet for p in notes) == sorted(contract.KINDS)
    assert all(
        "1 example row of the template (KMT-CONTOH-01" in p.message("en") and p.message("en").endswith("rows 2")
        for p in notes
        if p.sheet != "survei"
    )


@pytest.mark.parametrize("template_lang", ["id", "en"])
def test_template_example_values_ingest_cleanly_once_the_keys_are_real(tmp_path, template_lang):
    from kemitraan.generators.template import example_keys
    from kemitraan.ingest import commit, prepare
    from kemitraan.storage.store import Store

    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx(template_lang)))
    real = {"KMT-CONTOH-01": "KMT-01", "contoh-respon-0001": "respon-0001"}
    assert set(real) == set(example_keys().values())
    for kind in contract.KINDS:
        for cell in wb[kind][2]:
            cell.value = real.get(cell.value, cell.value)
    buf = io.BytesIO()
    wb.save(buf)
    store = Store(tmp_path / "data")
    report = prepare(store, [("templat.xlsx", buf.getvalue())])
    assert report.ok, "\n".join(p.message("en") for p in report.problems)
    # The data sheets raise nothing; at most a note that the instructions and lists sheets were skipped.
    assert [p for p in report.problems if p.sheet not in contract.TEMPLATE_INFO_SHEETS] == []
    assert all(p.severity == "warning" for p in report.problems)
    assert {k: c["new"] for k, c in report.counts.items() if c.get("new")} == {k: 1 for k in contract.KINDS}
    commit(store, report)
    con = store.connect()
    row = con.execute("SELECT kategori, provinsi_kode, fokus FROM kemitraan").fetchall()
    assert row == [(contract.enum_codes("kategori")[0], contract.province_by_name("Jawa Barat"), "program")]
    assert con.execute("SELECT count(*) FROM indikator").fetchall() == [(1,)]
    assert con.execute("SELECT kepercayaan, tantangan FROM survei").fetchall() == [
        (4, contract.enum_codes("tantangan")[:2])
    ]


def test_cli_writes_the_template_and_the_form_and_never_overwrites_silently(tmp_path, capsys):
    from kemitraan.cli import main

    out = tmp_path / "templat.xlsx"
    assert main(["--data-dir", str(tmp_path / "d"), "template", str(out), "--lang", "en"]) == 0
    wb = openpyxl.load_workbook(out)
    assert set(contract.KINDS) <= set(wb.sheetnames)
    assert wb["kemitraan"]["C2"].value == contract.enum_label("kategori", contract.enum_codes("kategori")[0], "en")
    before = out.read_bytes()
    assert main(["--data-dir", str(tmp_path / "d"), "template", str(out), "--xlsform"]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["--data-dir", str(tmp_path / "d"), "template", str(out), "--xlsform", "--force"]) == 0
    assert set(openpyxl.load_workbook(out).sheetnames) == {"survey", "choices", "settings"}
