"""What each header of a sheet means, and which record kind a sheet holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kemitraan import contract

# Kobo select-multiple expanded columns: ``question/option`` (``-`` in ODK group paths).
MULTI_COLUMNS = {"survei": {"tantangan": "tantangan"}}
_FORM_META = re.compile(r"^(formhub[/_-]|meta[/-](?!(instanceid|rootuuid)$))", re.I)
_PERSONAL_TOKENS = {
    "nik",
    "ktp",
    "email",
    "surel",
    "telepon",
    "telp",
    "hp",
    "phone",
    "whatsapp",
    "alamat",
    "address",
    "pic",
    "narahubung",
}
# KoboToolbox keeps meta/rootUuid across edits of a submission (its _uuid changes); ODK Central's KEY
# is the submission's first instance id. Either way an edit is a correction, not a new respondent.
_RESPON_ID_PRIORITY = ("rootuuid", "uuid", "key", "respon_id", "response_id", "instanceid", "meta_instanceid")


@dataclass
class HeaderMap:
    """Per column position: its role. ``columns`` maps canonical name -> positions (first = used)."""

    kind: str | None
    headers: list[str]
    columns: dict[str, list[int]] = field(default_factory=dict)
    wide: dict[int, str] = field(default_factory=dict)  # position -> indicator code (wide sheet)
    multi: dict[int, tuple[str, str]] = field(default_factory=dict)  # position -> (column, enum code)
    personal: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)  # meta and DHIS2 columns: silently ignored
    unknown: list[int] = field(default_factory=list)
    source: str | None = None  # "dhis2" / "dhis2_order": a DHIS2 data value set, by its header names / column order
    flags: dict[str, int] = field(default_factory=dict)  # position of a row flag, e.g. DHIS2's ``deleted``
    headerless: bool = False  # the file has no header row: its first row is data

    @property
    def dhis2(self) -> bool:
        return bool(self.source) and self.source.startswith("dhis2")

    @property
    def score(self) -> int:
        named = {c for c in self.columns if c != "kode_kemitraan"}
        return len(named) + len(self.wide) + (1 if self.multi else 0) + (1 if "kode_kemitraan" in self.columns else 0)

    def used(self, name: str) -> int | None:
        pos = self.columns.get(name)
        return pos[0] if pos else None


_PERSONAL = {contract.norm_header(h) for h in contract.PERSONAL_DATA_HEADERS}


def is_personal(header: object) -> bool:
    key = contract.norm_header(header)
    last = contract.norm_header(re.split(r"[/-]", str(header))[-1])
    if key in _PERSONAL or last in _PERSONAL:
        return True
    tokens = set(last.split("_"))
    return bool(tokens & _PERSONAL_TOKENS) or (
        "nama" in tokens and bool(tokens & {"responden", "lengkap", "respondent"})
    )


def _is_meta(header: str) -> bool:
    key = contract.norm_header(header)
    return bool(_FORM_META.match(header.strip())) or key in _META or key.startswith("version")


_META = {contract.norm_header(h) for h in contract.META_HEADERS}
_IGNORED = {contract.norm_header(h) for h in contract.IGNORED_HEADERS}


def _multi(header: str, kind: str) -> tuple[str, str] | None:
    for sep in ("/", "-"):
        if sep in header:
            prefix, option = header.rsplit(sep, 1)
            col = contract.match_header(prefix, kind)
            enum = MULTI_COLUMNS.get(kind, {}).get(col or "")
            if enum:
                code = contract.enum_code(enum, option)
                if code:
                    return col, code
    return None


def map_headers(headers: list[object], kind: str) -> HeaderMap:
    hm = HeaderMap(kind, [str(h).strip() if h is not None else "" for h in headers])
    for pos, h in enumerate(hm.headers):
        if not h:
            continue
        if _FORM_META.match(h):
            hm.ignored.append(pos)
            continue
        multi = _multi(h, kind)
        if multi:
            hm.multi[pos] = multi
            continue
        col = contract.match_header(h, kind)
        if col:
            hm.columns.setdefault(col, []).append(pos)
            continue
        key = contract.norm_header(h)
        if is_personal(h):
            hm.personal.append(pos)
        elif _is_meta(h) or key in _IGNORED:
            hm.ignored.append(pos)
        elif kind == "indikator" and contract.indicator_code(h):
            hm.wide[pos] = contract.indicator_code(h)
        else:
            hm.unknown.append(pos)
    if kind == "indikator" and ("kode_indikator" in hm.columns or "nilai" in hm.columns):
        hm.unknown.extend(hm.wide)  # a long sheet: a column named like an indicator is not data
        hm.wide = {}
    if kind == "survei" and len(hm.columns.get("respon_id", [])) > 1:

        def rank(p: int) -> int:
            key = contract.norm_header(re.split(r"[/]", hm.headers[p])[-1])
            return _RESPON_ID_PRIORITY.index(key) if key in _RESPON_ID_PRIORITY else len(_RESPON_ID_PRIORITY)

        hm.columns["respon_id"].sort(key=rank)
    return hm


def detect(headers: list[object], kind: str | None = None) -> HeaderMap | None:
    """The best reading of a header row: the kind whose columns it names most (None if none)."""
    kinds = (kind,) if kind else contract.KINDS
    best: HeaderMap | None = None
    for k in kinds:
        hm = map_headers(headers, k)
        if best is None or hm.score > best.score:
            best = hm
    if best is None or best.score < 2:
        return None
    return best


def missing_columns(hm: HeaderMap) -> list[str]:
    """Required columns of the sheet's kind that no header names."""
    kind = hm.kind
    out = []
    for c in contract.columns(kind):
        if not c.required or c.name in hm.columns:
            continue
        if kind == "kemitraan" and c.name == "provinsi" and "provinsi_kode" in hm.columns:
            continue
        if kind == "indikator" and hm.wide and c.name in ("kode_indikator", "nilai"):
            continue
        out.append(c.name)
    return out
