"""The downloadable XLSX template: one sheet per record kind, generated from the contract.

Each kind's sheet has the canonical input columns as its header row, drop-down
lists for every enum, Likert, province, kabupaten/kota and indicator column, and one example
row; a ``daftar`` sheet holds the allowed values the drop-downs point at, and
an instructions sheet (Bahasa Indonesia and English) describes every column.
Nothing here repeats a fact of the contract: columns, labels, enums, Likert
labels, provinces and indicators are all read from :mod:`kemitraan.contract`.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import column_label

INSTRUCTIONS_SHEET, LISTS_SHEET = contract.TEMPLATE_INFO_SHEETS
VALIDATION_ROWS = 5000  # data rows (after the header) that carry drop-downs
LIST_SEPARATOR = "; "

# Example text for the one example row; other dtypes get examples from the contract.
_EXAMPLE_TEXT: dict[str, str] = {
    "kode_kemitraan": "KMT-CONTOH-01",
    "nama_kemitraan": "Kemitraan contoh KB Jawa Barat",
    "mitra_utama": "Dinas Kesehatan Provinsi Jawa Barat",
    "kabupaten_kota": "Kabupaten Bandung",
    "respon_id": "contoh-respon-0001",
    "saran": "Pertemuan koordinasi lebih rutin / More regular coordination meetings",
}


def example_keys() -> dict[str, str]:
    """The example row's keys per column: ingest never stores a row holding one (it says it skipped it)."""
    return {name: _EXAMPLE_TEXT[name] for name in ("kode_kemitraan", "respon_id")}


_EXAMPLE_LIST: dict[str, tuple[str, ...]] = {
    "mitra": ("PKBI Jawa Barat", "Puskesmas Cileunyi"),
    "sumber_dana": ("APBD", "CSR"),
}
_EXAMPLE_DATE: dict[str, dt.date] = {
    "tanggal_mulai": dt.date(2024, 1, 15),
    "tanggal_selesai": dt.date(2026, 12, 31),
    "tanggal_survei": dt.date(2025, 6, 30),
    "tanggal_lapor": dt.date(2024, 10, 10),  # on time for the example period 2024-Q3
}
# The example indicator is a rate, so the example row shows what its denominator is for.
_EXAMPLE_NUMBER: dict[str, float] = {"anggaran_idr": 1_500_000_000, "nilai": 57.2, "target": 60, "penyebut": 2400}
_EXAMPLE_PROVINCE = "Jawa Barat"
_EXAMPLE_INDICATOR = "mcpr_pct"
_EXAMPLE_PERIOD = "2024-Q3"
_EXAMPLE_LIKERT = 4


def list_values(col: contract.Column, lang: str = "id") -> list[object] | None:
    """The drop-down values of a column, or None when it has no closed list.

    Enum columns list their labels in ``lang`` (ingest accepts codes and labels
    in both languages), Likert columns the numbers 1–5, provinces their
    canonical names, kabupaten/kota the 514 canonical names and indicators their catalog codes.
    """
    if col.enum and col.enum in contract.ENUMS:
        return [contract.enum_label(col.enum, code, lang) for code in contract.enum_codes(col.enum)]
    if col.dtype == "likert":
        return sorted(contract.LIKERT)
    if col.dtype == "province":
        return [p.nama for p in contract.provinces().values()]
    if col.dtype == "area":
        return [a.nama for a in contract.areas().values()]
    if col.dtype == "indicator":
        return list(contract.indicators())
    return None


def _list_key(col: contract.Column) -> str:
    """Columns sharing a vocabulary share one list on the ``daftar`` sheet."""
    return col.enum or ("kabupaten_kota" if col.dtype == "area" else col.dtype)


def _list_name(col: contract.Column, lang: str) -> str:
    """The list's heading on the ``daftar`` sheet, in the reader's words: its column's label; the Likert list,
    shared by every principle column, is named for its scale."""
    return t("template.list.likert", lang) if col.dtype == "likert" else column_label(col.name, lang)


def example_value(col: contract.Column, lang: str = "id") -> object:
    """The example row's value for a column (a date, number, or text as a user would type it)."""
    name = col.name
    if col.dtype == "date":
        return _EXAMPLE_DATE.get(name, dt.date(2024, 1, 1))
    if col.dtype == "number":
        return _EXAMPLE_NUMBER.get(name, 100)
    if col.dtype == "likert":
        return _EXAMPLE_LIKERT
    if col.dtype == "period":
        return _EXAMPLE_PERIOD
    if col.dtype == "province":
        code = contract.province_by_name(_EXAMPLE_PROVINCE) or next(iter(contract.provinces()))
        return contract.province_name(code)
    if col.dtype == "indicator":
        codes = list(contract.indicators())
        return _EXAMPLE_INDICATOR if _EXAMPLE_INDICATOR in codes else codes[0]
    if col.dtype == "list":
        if col.enum:
            codes = contract.enum_codes(col.enum)[:2]
            return LIST_SEPARATOR.join(contract.enum_label(col.enum, c, lang) for c in codes)
        return LIST_SEPARATOR.join(_EXAMPLE_LIST.get(name, ("contoh",)))
    if col.dtype == "enum":
        code = col.default or contract.enum_codes(col.enum)[0]
        return contract.enum_label(col.enum, code, lang)
    return _EXAMPLE_TEXT.get(name, "contoh")


def type_text(col: contract.Column, lang: str) -> str:
    """What a column holds, in words."""
    key = "template.type.list_enum" if col.dtype == "list" and col.enum else f"template.type.{col.dtype}"
    return t(key, lang)


def allowed_text(col: contract.Column, lang: str) -> str:
    """The allowed values of a column, written out for the instructions sheet."""
    if col.enum and col.enum in contract.ENUMS:
        return LIST_SEPARATOR.join(
            f"{code} = {contract.enum_label(col.enum, code, lang)}" for code in contract.enum_codes(col.enum)
        )
    if col.dtype == "likert":
        return LIST_SEPARATOR.join(
            f"{v} = {(lid if lang == 'id' else len_)}" for v, (lid, len_, _) in contract.LIKERT.items()
        )
    if col.dtype == "province":
        return t("template.allowed.province", lang, n=len(contract.provinces()), sheet=LISTS_SHEET)
    if col.dtype == "area":
        return t("template.allowed.area", lang, n=len(contract.areas()), sheet=LISTS_SHEET)
    if col.dtype == "indicator":
        return t("template.allowed.indicator", lang, n=len(contract.indicators()), sheet=INSTRUCTIONS_SHEET)
    if col.dtype == "period":
        return t("template.allowed.period", lang)
    return ""


def required_text(col: contract.Column, lang: str) -> str:
    if col.required:
        return t("template.required.yes", lang)
    if col.default:
        return t("template.required.default", lang, default=col.default)
    return t("template.required.no", lang)


def template_xlsx(lang: str = "id") -> bytes:
    """The XLSX template as bytes; drop-down labels and the first instructions language follow ``lang``."""
    other = "en" if lang == "id" else "id"
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": t("template.title", lang), "comments": t("template.title", other)})
    f_head_req = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "border": 1})
    f_head_opt = wb.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1})
    f_date = wb.add_format({"num_format": "yyyy-mm-dd"})
    f_number = wb.add_format({"num_format": "#,##0.##"})
    # The example row is greyed, so it reads as an example to replace.
    example = {"italic": True, "font_color": "#7F7F7F"}
    f_ex_text = wb.add_format(example)
    f_ex_date = wb.add_format({**example, "num_format": "yyyy-mm-dd"})
    f_ex_number = wb.add_format({**example, "num_format": "#,##0.##"})
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_bold = wb.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True, "valign": "top"})
    f_wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})

    # The instructions sheet comes first so it opens first; the kinds follow in contract order.
    ws_help = wb.add_worksheet(INSTRUCTIONS_SHEET)
    kind_sheets = {kind: wb.add_worksheet(kind) for kind in contract.KINDS}
    ws_lists = wb.add_worksheet(LISTS_SHEET)

    # Allowed-values lists, one column each, shared by every column with that vocabulary.
    list_ranges: dict[str, str] = {}
    for kind in contract.KINDS:
        for col in contract.input_columns(kind):
            key = _list_key(col)
            values = list_values(col, lang)
            if values is None or key in list_ranges:
                continue
            ci = len(list_ranges)
            ws_lists.write(0, ci, t("template.list_header", lang, name=_list_name(col, lang)), f_head_opt)
            for ri, v in enumerate(values, start=1):
                ws_lists.write(ri, ci, v)
            ws_lists.set_column(ci, ci, max(14, min(40, max(len(str(v)) for v in values) + 2)))
            letter = xl_col_to_name(ci)
            list_ranges[key] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"

    for kind, ws in kind_sheets.items():
        cols = contract.input_columns(kind)
        for ci, col in enumerate(cols):
            ws.write(0, ci, col.name, f_head_req if col.required else f_head_opt)
            ws.write_comment(
                0,
                ci,
                f"{col.label_id} / {col.label_en}\n{required_text(col, lang)} — {type_text(col, lang)}",
                {"x_scale": 2, "y_scale": 1.5},
            )
            width = max(len(col.name) + 4, 14)
            value = example_value(col, lang)
            if isinstance(value, dt.date):
                ws.write_datetime(1, ci, dt.datetime.combine(value, dt.time()), f_ex_date)
                ws.set_column(ci, ci, width, f_date)
            elif isinstance(value, (int, float)) and col.dtype == "number":
                ws.write_number(1, ci, value, f_ex_number)
                ws.set_column(ci, ci, max(width, 16), f_number)
            elif isinstance(value, (int, float)):
                ws.write_number(1, ci, value, f_ex_text)
                ws.set_column(ci, ci, width)
            else:
                ws.write_string(1, ci, str(value), f_ex_text)
                ws.set_column(ci, ci, max(width, min(40, len(str(value)) + 2)))
            message = type_text(col, lang)
            if col.dtype == "list":
                message += " " + t("template.hint.list", lang)
            validation: dict = {
                "input_title": (col.label_id if lang == "id" else col.label_en)[:32],
                "input_message": message[:255],
            }
            key = _list_key(col)
            if key in list_ranges:
                # A warning, not a stop: ingest also accepts codes, the other language and synonyms.
                validation.update(
                    validate="list",
                    source=list_ranges[key],
                    error_type="warning",
                    error_title=t("template.error_title", lang)[:32],
                    error_message=t("template.error_message", lang)[:255],
                )
            elif col.dtype == "date":
                validation.update(
                    validate="date",
                    criteria=">=",
                    value=dt.date(1945, 1, 1),
                    error_type="warning",
                    error_message=t("template.error_message", lang)[:255],
                )
            else:
                validation.update(validate="any")
            ws.data_validation(1, ci, VALIDATION_ROWS, ci, validation)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, 1, len(cols) - 1)

    # Instructions: intro in both languages, one table per kind, then the indicator catalog.
    # No row of it may read as a header row to ingest: each row names at most one contract
    # column or indicator (labels of both languages share one cell), so ingest never takes
    # this sheet for data.
    for ci, width in enumerate((26, 34, 14, 40, 40, 48, 48, 40)):
        ws_help.set_column(ci, ci, width)
    row = 0
    ws_help.write(row, 0, f"{t('template.title', lang)} — {t('template.title', other)}", f_title)
    row += 2
    for lg in (lang, other):
        for key in ("template.intro.1", "template.intro.2", "template.intro.3", "template.intro.4"):
            ws_help.write(row, 0, t(key, lg, sheets=", ".join(contract.KINDS), lists=LISTS_SHEET))
            row += 1
        row += 1

    def both(key: str, **fmt: object) -> str:
        return f"{t(key, lang, **fmt)} / {t(key, other, **fmt)}"

    for kind in contract.KINDS:
        ws_help.write(row, 0, both("template.sheet_title", sheet=kind), f_title)
        row += 1
        ws_help.write_row(
            row,
            0,
            [
                both("ingest.col.column"),
                t("template.col.label", lang),
                both("template.col.required"),
                t("template.col.type", lang),
                t("template.col.type", other),
                t("template.col.allowed", lang),
                t("template.col.allowed", other),
            ],
            f_bold,
        )
        row += 1
        for col in contract.input_columns(kind):
            ws_help.write_row(
                row,
                0,
                [
                    col.name,
                    f"{col.label_id} / {col.label_en}",
                    f"{required_text(col, lang)} / {required_text(col, other)}",
                    type_text(col, lang),
                    type_text(col, other),
                    allowed_text(col, lang),
                    allowed_text(col, other),
                ],
                f_wrap,
            )
            row += 1
        row += 1
    ws_help.write(row, 0, both("an.metodologi.catalog"), f_title)
    row += 1
    ws_help.write_row(
        row,
        0,
        [
            both("col.kode"),
            t("template.col.label", lang),
            both("template.col.unit"),
            t("template.col.definition", lang),
            t("template.col.definition", other),
            both("template.col.dimension"),
            both("template.col.denominator"),
        ],
        f_bold,
    )
    row += 1
    for ind in contract.indicators().values():
        definitions = (ind.definisi_id, ind.definisi_en) if lang == "id" else (ind.definisi_en, ind.definisi_id)
        ws_help.write_row(
            row,
            0,
            [
                ind.kode,
                f"{ind.label(lang)} / {ind.label(other)}",
                ind.satuan,
                *definitions,
                " / ".join(contract.enum_label("dimensi", ind.dimensi, lg) for lg in (lang, other)),
                " / ".join(ind.denominator(lg) for lg in (lang, other)) if ind.is_rate else "",
            ],
            f_wrap,
        )
        row += 1
    ws_help.activate()
    wb.close()
    return buf.getvalue()
