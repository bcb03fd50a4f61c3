"""The partnership self-assessment survey as an XLSForm (KoboToolbox, ODK).

Question ``name``s are the canonical ``survei`` columns of the contract, so a
KoboToolbox or ODK Central export of this form (group paths such as
``grp_penilaian/kepercayaan``, ``_uuid``, meta columns, expanded
``tantangan/<code>`` columns) goes back through ingest unchanged. Choices are
the contract's enums and Likert labels; labels are in Indonesian and English.
"""

from __future__ import annotations

import hashlib
import io
import json

import xlsxwriter

from kemitraan import contract
from kemitraan.i18n import t

FORM_ID = "penilaian_kemitraan"
GROUP = "grp_penilaian"
LANGS: dict[str, str] = {"id": "Indonesian (id)", "en": "English (en)"}
LIKERT_LIST = "likert"
# The key comes from the submission (``_uuid`` / instanceID), never from a question.
NOT_ASKED = ("respon_id",)
# Contract-optional columns the form still does not insist on.
OPTIONAL_IN_FORM = ("tantangan", "saran")

SURVEY_COLUMNS: tuple[str, ...] = (
    "type",
    "name",
    *(f"label::{LANGS[lg]}" for lg in LANGS),
    *(f"hint::{LANGS[lg]}" for lg in LANGS),
    "required",
    "constraint",
    *(f"constraint_message::{LANGS[lg]}" for lg in LANGS),
    "appearance",
)
CHOICES_COLUMNS: tuple[str, ...] = ("list_name", "name", *(f"label::{LANGS[lg]}" for lg in LANGS))
SETTINGS_COLUMNS: tuple[str, ...] = ("form_title", "form_id", "version", "default_language", "instance_name")

# Per-column form details that are the form's own (not contract facts).
_CONSTRAINTS: dict[str, tuple[str, str]] = {
    "kode_kemitraan": ("regex(., '^\\S+$')", "xlsform.kode_constraint"),
    "tanggal_survei": (". <= today()", "xlsform.date_constraint"),
}
_HINTS: dict[str, str] = {"kode_kemitraan": "xlsform.kode_hint", "tantangan": "xlsform.tantangan_hint"}
_APPEARANCE: dict[str, str] = {"saran": "multiline", "tantangan": "minimal"}


def _texts(key: str | None) -> dict[str, str]:
    return {lg: (t(key, lg) if key else "") for lg in LANGS}


def _row(
    type_: str,
    name: str,
    labels: dict[str, str],
    *,
    hints: dict[str, str] | None = None,
    required: bool = False,
    constraint: str = "",
    messages: dict[str, str] | None = None,
    appearance: str = "",
) -> dict[str, str]:
    row = {
        "type": type_,
        "name": name,
        "required": "yes" if required else "",
        "constraint": constraint,
        "appearance": appearance,
    }
    for lg, lang_name in LANGS.items():
        row[f"label::{lang_name}"] = labels.get(lg, "")
        row[f"hint::{lang_name}"] = (hints or {}).get(lg, "")
        row[f"constraint_message::{lang_name}"] = (messages or {}).get(lg, "")
    return row


def question_type(col: contract.Column) -> str:
    """The XLSForm type of a survey column, from its contract dtype."""
    if col.dtype == "likert":
        return f"select_one {LIKERT_LIST}"
    if col.dtype == "enum":
        return f"select_one {col.enum}"
    if col.dtype == "list" and col.enum:
        return f"select_multiple {col.enum}"
    if col.dtype == "date":
        return "date"
    if col.dtype == "number":
        return "decimal"
    return "text"


def _question(col: contract.Column) -> dict[str, str]:
    # Labels are the contract's, so a "labels" export's headers map back too;
    # a rated principle's statement goes in the hint.
    labels = {"id": col.label_id, "en": col.label_en}
    hint_key = f"xlsform.q.{col.name}" if col.dtype == "likert" else _HINTS.get(col.name)
    constraint, message_key = _CONSTRAINTS.get(col.name, ("", None))
    return _row(
        question_type(col),
        col.name,
        labels,
        hints=_texts(hint_key),
        required=col.required or col.name not in OPTIONAL_IN_FORM,
        constraint=constraint,
        messages=_texts(message_key),
        appearance="likert" if col.dtype == "likert" else _APPEARANCE.get(col.name, ""),
    )


def survey_rows() -> list[dict[str, str]]:
    """The ``survey`` sheet: meta, the identifying questions, the rated group, challenges and suggestions."""
    cols = [c for c in contract.input_columns("survei") if c.name not in NOT_ASKED]
    rated = [c for c in cols if c.dtype == "likert"]
    before = [c for c in cols if c.dtype != "likert" and cols.index(c) < cols.index(rated[0])]
    after = [c for c in cols if c.dtype != "likert" and c not in before]
    rows = [
        _row("start", "start", {}),
        _row("end", "end", {}),
        _row("note", "catatan_privasi", _texts("xlsform.intro")),
        *(_question(c) for c in before),
        _row(
            "begin_group", GROUP, _texts("xlsform.group"), hints=_texts("xlsform.group_hint"), appearance="field-list"
        ),
        *(_question(c) for c in rated),
        _row("end_group", "", {}),
        *(_question(c) for c in after),
    ]
    return rows


def choice_rows() -> list[dict[str, str]]:
    """The ``choices`` sheet: the Likert scale and every enum a question uses, from the contract.

    Choice names are the stored codes (Likert 1–5) and labels the contract's,
    so exports in "XML values" and in "labels" mode both map back.
    """
    rows = [
        {"list_name": LIKERT_LIST, "name": str(v), f"label::{LANGS['id']}": lid, f"label::{LANGS['en']}": len_}
        for v, (lid, len_, _) in contract.LIKERT.items()
    ]
    enums = []
    for col in contract.input_columns("survei"):
        if col.enum and col.enum not in enums and col.name not in NOT_ASKED:
            enums.append(col.enum)
    for enum in enums:
        for code in contract.enum_codes(enum):
            rows.append(
                {
                    "list_name": enum,
                    "name": code,
                    **{f"label::{LANGS[lg]}": contract.enum_label(enum, code, lg) for lg in LANGS},
                }
            )
    return rows


def form_version() -> str:
    """Changes whenever the form's content changes (ODK Central and Kobo want a new version then)."""
    payload = json.dumps([survey_rows(), choice_rows()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]


def settings_row() -> dict[str, str]:
    return {
        "form_title": f"{t('xlsform.title', 'id')} / {t('xlsform.title', 'en')}",
        "form_id": FORM_ID,
        "version": form_version(),
        "default_language": LANGS["id"],
        "instance_name": "concat(${kode_kemitraan}, ' ', ${tanggal_survei})",
    }


def _write_sheet(wb: xlsxwriter.Workbook, name: str, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    ws = wb.add_worksheet(name)
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, columns, bold)
    for ri, row in enumerate(rows, start=1):
        for ci, c in enumerate(columns):
            value = row.get(c, "")
            if value != "":
                ws.write_string(ri, ci, value)
    ws.freeze_panes(1, 0)
    for ci, c in enumerate(columns):
        ws.set_column(ci, ci, 40 if c.startswith(("label", "hint", "constraint_message")) else 18)


def survey_xlsform() -> bytes:
    """The XLSForm (sheets survey, choices, settings) as XLSX bytes."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    _write_sheet(wb, "survey", SURVEY_COLUMNS, survey_rows())
    _write_sheet(wb, "choices", CHOICES_COLUMNS, choice_rows())
    _write_sheet(wb, "settings", SETTINGS_COLUMNS, [settings_row()])
    wb.close()
    return buf.getvalue()
