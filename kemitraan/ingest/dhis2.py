"""DHIS2 data value sets: recognised by their columns or their shape, whatever the file is called.

DHIS2 reads a data value set CSV by column position and ignores its header row,
so files arrive with DHIS2's long names (``attributeoptioncombo``), its short
ones (``attroptcombo``, ``catoptcombo``, ``flwup``), or any names at all in the
fixed order::

    dataelement, period, orgunit, catoptcombo, attroptcombo, value, storedby, lastupdated, comment, followup[, deleted]

and as JSON ``{"dataValues": [...]}`` whose values inherit the set's top-level
``period``, ``orgUnit`` and ``attributeOptionCombo``. Exported with the code id
scheme, the attribute option combo is the partnership code and the data element
names an indicator: the catalog's code or label, or an entry of the mapping file
(``kemitraan/catalog/dhis2_dataelements.csv`` plus ``dhis2_dataelements.csv`` in
the data folder; see docs/INGEST.md).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.ingest.headers import HeaderMap
from kemitraan.ingest.problems import Problem

# The fixed order of a data value set, with every spelling of each header that DHIS2 versions write.
ORDER: tuple[str, ...] = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
)
SPELLINGS: dict[str, tuple[str, ...]] = {
    "dataelement": ("dataelement", "data_element", "de"),
    "period": ("period", "pe"),
    "orgunit": ("orgunit", "org_unit", "ou"),
    "categoryoptioncombo": ("categoryoptioncombo", "catoptcombo", "category_option_combo", "coc", "co"),
    "attributeoptioncombo": ("attributeoptioncombo", "attroptcombo", "attribute_option_combo", "aoc", "ao"),
    "value": ("value",),
    "storedby": ("storedby", "stored_by"),
    "created": ("created",),
    "lastupdated": ("lastupdated", "last_updated"),
    "comment": ("comment",),
    "followup": ("followup", "flwup", "follow_up"),
    "deleted": ("deleted",),
}
_NAME = {s: canon for canon, spellings in SPELLINGS.items() for s in spellings}
# What each DHIS2 column is in the contract; the others carry nothing stored.
TO_CONTRACT = {
    "dataelement": "kode_indikator",
    "period": "periode",
    "attributeoptioncombo": "kode_kemitraan",
    "value": "nilai",
    "lastupdated": "tanggal_lapor",
}  # lastupdated: when the value reached DHIS2
JSON_KEYS = (
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "lastUpdated",
    "comment",
    "followup",
    "deleted",
)
INHERITED = ("period", "orgUnit", "attributeOptionCombo")  # a set's top-level values its data values inherit

# Every DHIS2 period type, so a weekly or six-monthly file is still recognised (and its periods refused with a reason).
_PERIOD = re.compile(
    r"\d{4}(?:0[1-9]|1[0-2]|Q[1-4]|S[12]|W\d{1,2}|BiW\d{1,2}|0[1-6]B|April|July|Oct|Nov|AprilS[12]|NovS[12])?"
    r"|\d{8}",
    re.I,
)
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
SHAPE_ROWS = 50
SHAPE_SHARE = 0.8  # of the rows looked at must have a DHIS2 period in column 2 and a number in column 6

MAPPING_FILE = "dhis2_dataelements.csv"
MAX_JSON_BYTES = 50 * 1024 * 1024  # JSON is parsed whole into Python objects: about ten times its size


def _cell(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


# ------------------------------------------------------------------ recognising a sheet


def _by_name(headers: list[object]) -> HeaderMap | None:
    """DHIS2's own header names (long or short, any order): the columns are taken by name."""
    names = [_NAME.get(contract.norm_header(h)) for h in headers]
    found = {n for n in names if n}
    if not {"dataelement", "period", "value"} <= found or not found & {
        "orgunit",
        "categoryoptioncombo",
        "attributeoptioncombo",
    }:
        return None
    hm = HeaderMap("indikator", [_cell(h) for h in headers], source="dhis2")
    for pos, n in enumerate(names):
        if n in TO_CONTRACT:
            hm.columns.setdefault(TO_CONTRACT[n], []).append(pos)
        elif n == "deleted":
            hm.flags["deleted"] = pos
        elif n:
            hm.ignored.append(pos)
        elif _cell(headers[pos]):
            hm.unknown.append(pos)
    return hm


def _by_position(headers: list[object] | None, width: int) -> HeaderMap:
    texts = [_cell(h) for h in headers] if headers is not None else []
    texts += [ORDER[i] if i < len(ORDER) else "" for i in range(len(texts), width)]
    hm = HeaderMap("indikator", texts[: max(width, len(texts))], source="dhis2_order", headerless=headers is None)
    for pos, name in enumerate(ORDER[: len(hm.headers)]):
        if name in TO_CONTRACT:
            hm.columns[TO_CONTRACT[name]] = [pos]
        elif name == "deleted":
            hm.flags["deleted"] = pos
        else:
            hm.ignored.append(pos)
    hm.unknown = [p for p in range(len(ORDER), len(hm.headers)) if hm.headers[p]]
    return hm


def is_period(v: object) -> bool:
    return bool(_PERIOD.fullmatch(_cell(v)))


def _is_value_row(row: list) -> bool:
    if len(row) < 6:
        return False
    return bool(_cell(row[0])) and is_period(row[1]) and bool(_NUMBER.fullmatch(_cell(row[5])))


def _filled(row: list) -> bool:
    return any(_cell(v) for v in row)


def recognise(
    rows: list[list], kind: str | None, generic: tuple[int, HeaderMap] | None, complete: bool
) -> tuple[int, HeaderMap] | None:
    """(index of the header row, -1 if none; its mapping) when ``rows`` (the top of a sheet) are a data value set.

    DHIS2's header names win; then a complete contract header (``generic``); then
    the shape: a period in column 2 and a number in column 6 in most rows.
    """
    if kind not in (None, "indikator"):
        return None
    first = next((i for i, r in enumerate(rows[:SHAPE_ROWS]) if _filled(r)), None)
    if first is None:
        return None
    hm = _by_name(rows[first])
    if hm is not None:
        return first, hm
    if generic is not None and complete:
        return None
    headerless = _is_value_row(rows[first])
    body = [r for r in rows[first + (0 if headerless else 1) : first + 1 + SHAPE_ROWS] if _filled(r)]
    if not body or sum(_is_value_row(r) for r in body) < SHAPE_SHARE * len(body):
        return None
    width = max(len(r) for r in body)
    if headerless:
        return first - 1, _by_position(None, width)
    return first, _by_position(rows[first], max(width, len(rows[first])))


# ------------------------------------------------------------------ JSON


@dataclass
class JsonSet:
    headers: list[str]
    data: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


def looks_like_json(data: bytes) -> bool:
    head = data[:64]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip()[:1] in (b"{", b"[")


def read_json(name: str, data: bytes) -> JsonSet | Problem:
    """A DHIS2 JSON data value set -> rows in the fixed order (row n = the n-th data value)."""
    if len(data) > MAX_JSON_BYTES:
        from kemitraan.ingest.limits import mb

        return Problem.of("ingest.exp.json_too_big", file=name, limit=mb(MAX_JSON_BYTES), size=mb(len(data)))
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Problem.of("ingest.exp.json", file=name, error="UTF-8")
    except (ValueError, RecursionError) as exc:
        return Problem.of("ingest.exp.json", file=name, error=str(exc)[:120])
    sets = obj.get("dataValueSets") if isinstance(obj, dict) and isinstance(obj.get("dataValueSets"), list) else [obj]
    if not all(isinstance(s, dict) and isinstance(s.get("dataValues"), list) for s in sets) or not sets:
        return Problem.of("ingest.exp.json_not_dhis2", file=name)
    rows: list[list] = []
    bad: list[int] = []
    for s in sets:
        top = {k.lower(): s.get(k) for k in INHERITED}
        for dv in s["dataValues"]:
            if not isinstance(dv, dict):
                bad.append(len(rows) + 1)
                rows.append([None] * len(JSON_KEYS))
                continue
            low = {str(k).lower(): v for k, v in dv.items()}
            rows.append([_json_cell(low.get(k.lower(), top.get(k.lower()))) for k in JSON_KEYS])
    df = pd.DataFrame(rows, columns=range(len(JSON_KEYS)), dtype=object)
    out = JsonSet(list(JSON_KEYS), df)
    for r in bad[:100]:
        out.problems.append(Problem.of("ingest.exp.json_value", file=name, sheet="dataValues", row=r))
    return out


def _json_cell(v: object) -> object:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)[:200]
    return v


def json_header_map(headers: list[str]) -> HeaderMap:
    return _by_name(headers)


# ------------------------------------------------------------------ data elements -> indicators


@dataclass
class ElementMap:
    """Data element (code, UID or name as exported) -> catalog indicator code."""

    index: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # normalised -> as written in the mapping file
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def indicator(self, value: object) -> str | None:
        key = contract.norm_header(_cell(value))
        return self.index.get(key) or contract.indicator_code(_cell(value))

    def names(self) -> dict[str, str]:
        """Every accepted spelling -> how to show it, for a did-you-mean."""
        out = {name: name for name in self.shown.values()}
        for code, ind in contract.indicators().items():
            for spelling in (code, ind.label_id, ind.label_en):
                out.setdefault(spelling, code)
        return out


def _read_mapping(text: str, label: str, out: ElementMap) -> None:
    sample = text[:4096]
    delim = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    fields = {contract.norm_header(f): f for f in reader.fieldnames or []}
    de, ind = fields.get("dataelement"), fields.get("kode_indikator")
    if de is None or ind is None:
        out.problems.append(Problem.of("ingest.exp.mapping_header", file=label, row=1))
        return
    for i, r in enumerate(reader, start=2):
        name, code = (r.get(de) or "").strip(), (r.get(ind) or "").strip()
        if not name and not code:
            continue
        if not name or contract.indicator_code(code) is None:
            out.problems.append(
                Problem.of(
                    "ingest.exp.mapping_row",
                    file=label,
                    row=i,
                    column=ind,
                    value=code or None,
                    example=next(iter(contract.indicators())),
                )
            )
            continue
        out.index[contract.norm_header(name)] = contract.indicator_code(code)
        out.shown[contract.norm_header(name)] = name


def element_map(own: tuple[str, bytes] | None = None) -> ElementMap:
    """The shipped mapping, then the data folder's (its entries win): ``own`` as ``Store.own_file`` gives it."""
    out = ElementMap()
    shipped = resources.files("kemitraan.catalog").joinpath(MAPPING_FILE)
    _read_mapping(shipped.read_text(encoding="utf-8"), MAPPING_FILE, out)
    if own is not None:
        label, raw = own
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        _read_mapping(text, label, out)
        out.files.append(label)
    return out
