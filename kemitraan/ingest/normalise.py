"""Values as evaluators write them -> canonical values. Unknown values are errors, never guesses.

Each column normaliser takes a Series of raw cells (strings from CSV; strings,
numbers, dates and booleans from workbooks) and returns the canonical values
plus a boolean mask of cells it could not read. Number columns are read
vectorised; dates, periods, enums and the like are parsed once per distinct
value, so a million rows cost what their distinct values cost.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from kemitraan import contract

# ------------------------------------------------------------------ cells

MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _m in _names:
        MONTHS[_m] = _n

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def is_blank(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, float):
        return math.isnan(v)
    return v is pd.NaT


def blank_mask(s: pd.Series) -> np.ndarray:
    if isinstance(s.dtype, pd.StringDtype) or s.dtype == object and _all_str(s):
        st = s.astype("str")
        return (st.isna() | (st.str.strip() == "")).to_numpy(dtype=bool)
    return np.fromiter((is_blank(v) for v in s), dtype=bool, count=len(s))


def _all_str(s: pd.Series) -> bool:
    return bool(len(s)) and all(isinstance(v, str) for v in s.iloc[:50]) and s.map(type).eq(str).all()


def text_value(v: object) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as ISO."""
    if is_blank(v):
        return None
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10] if not isinstance(v, dt.datetime) or v.time() == dt.time() else v.isoformat()
    return str(v).strip()


# ------------------------------------------------------------------ numbers

# Patterns avoid \s and $ so pandas can hand them to pyarrow's vectorised RE2 engine.
_NUM_PREFIX = r"^(?i:rp\.?|idr) *"
_SPACES = "[ \t\u00a0\u202f']"
_RARE_UNITS = re.compile(r"(?i)(?:rp\.?|idr|rupiah|%)$")
_PLAIN = r"[-+]?\d+"
_ID_FULL = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_EN_FULL = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
# Certain evidence of a convention; anything else that fits both is ambiguous (1.234 / 1,234).
_ID_SURE = r"[-+]?0,\d+|[-+]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|[-+]?\d{1,3}(?:\.\d{3})+,\d+|[-+]?\d+,(?:\d{1,2}|\d{4,})|[-+]?\d{4,},\d+"
_EN_SURE = r"[-+]?0\.\d+|[-+]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|[-+]?\d{1,3}(?:,\d{3})+\.\d+|[-+]?\d*\.(?:\d{1,2}|\d{4,})|[-+]?\d{4,}\.\d+|[-+]?\d+(?:\.\d+)?[eE][-+]?\d+"


def _full(s: pd.Series, pattern: str) -> pd.Series:
    # wrapped: some string backends anchor a pattern as ^pat$, which splits an alternation
    return s.str.fullmatch(f"(?:{pattern})").fillna(False).astype(bool)


def clean_number_strings(s: pd.Series) -> pd.Series:
    s = s.astype("str")
    plain = _full(s, _PLAIN)
    if plain.all():  # the common case: nothing to strip
        return s
    s = s.str.strip().str.replace(_NUM_PREFIX, "", regex=True).str.rstrip(" %\u00a0")
    s = s.str.replace(_SPACES, "", regex=True)
    odd = ~_full(s, r"[-+0-9.,eE]*")
    if odd.any():  # rarer spellings ("12 Rp", "1.500 rupiah"), cell by cell
        s = s.copy()
        s[odd] = [_RARE_UNITS.sub("", v) for v in s[odd]]
    return s


def number_votes(cleaned: pd.Series) -> tuple[int, int]:
    """How many cells can only be Indonesian, and how many only English."""
    return int(_full(cleaned, _ID_SURE).sum()), int(_full(cleaned, _EN_SURE).sum())


def number_convention(cleaned: pd.Series, fallback: str = "id") -> tuple[str, bool]:
    """('id' | 'en', ambiguous) from all the cells of a column: the majority of certain cells decides.

    A column without a single certain cell takes ``fallback`` (the other number
    columns of its sheet, else Indonesian); ``ambiguous`` says whether that mattered.
    """
    id_sure, en_sure = number_votes(cleaned)
    if id_sure or en_sure:
        return ("id" if id_sure >= en_sure else "en"), False
    plain = _full(cleaned, _PLAIN)
    ambiguous = bool((~plain & _full(cleaned, r"[-+]?\d{1,3}[.,]\d{3}")).any())
    return fallback, ambiguous


def parse_number_strings(cleaned: pd.Series, convention: str) -> tuple[np.ndarray, np.ndarray]:
    """Cleaned strings -> floats and a mask of cells that are not numbers in the convention."""
    if convention == "id":
        ok = _full(cleaned, _ID_FULL).to_numpy(dtype=bool, na_value=False)
        canon = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        ok = _full(cleaned, _EN_FULL).to_numpy(dtype=bool, na_value=False)
        canon = cleaned.str.replace(",", "", regex=False)
    values = pd.to_numeric(canon.where(ok, None), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~ok | np.isnan(values)
    return values, bad


def parse_number(text: object, convention: str | None = None) -> float | None:
    """One number (convention decided from this cell alone when not given); None if not a number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return None if isinstance(text, float) and math.isnan(text) else float(text)
    s = clean_number_strings(pd.Series([str(text)]))
    conv = convention or number_convention(s)[0]
    values, bad = parse_number_strings(s, conv)
    return None if bad[0] else float(values[0])


def numbers(
    s: pd.Series, blank: np.ndarray, fallback: str = "id", convention: str | None = None
) -> tuple[np.ndarray, np.ndarray, str, bool]:
    """A column of numbers: (values, bad mask, convention, ambiguous); ``convention`` forces one (DHIS2: 'en')."""
    values = np.full(len(s), np.nan)
    bad = np.zeros(len(s), dtype=bool)
    is_str = _string_mask(s) & ~blank
    other = ~is_str & ~blank
    if other.any():
        for i in np.flatnonzero(other):
            v = s.iat[i]
            if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
                values[i] = float(v)
            else:
                bad[i] = True
    conv, ambiguous = "id", False
    if is_str.any():
        idx = np.flatnonzero(is_str)
        cleaned = clean_number_strings(s.iloc[idx] if len(idx) < len(s) else s)
        conv, ambiguous = (convention, False) if convention else number_convention(cleaned, fallback)
        v, b = parse_number_strings(cleaned, conv)
        values[idx] = v
        bad[idx] = b
    return values, bad, conv, ambiguous


def _string_mask(s: pd.Series) -> np.ndarray:
    if isinstance(s.dtype, pd.StringDtype):
        return np.ones(len(s), dtype=bool)
    return s.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)


# ------------------------------------------------------------------ per distinct value


def by_value(s: pd.Series, blank: np.ndarray, fn: Callable[[object], object]) -> tuple[list, np.ndarray]:
    """Apply ``fn`` once per distinct non-blank cell; None from ``fn`` marks the cell bad."""
    out: list = [None] * len(s)
    bad = np.zeros(len(s), dtype=bool)
    idx = np.flatnonzero(~blank)
    if not len(idx):
        return out, bad
    sub = s.iloc[idx]
    try:
        codes, uniques = pd.factorize(sub, use_na_sentinel=True)
    except TypeError:  # unhashable or mixed cells: fall back to their text
        codes, uniques = pd.factorize(sub.map(repr))
        uniques = [sub.iat[list(codes).index(k)] for k in range(len(uniques))]
    parsed = [fn(u) for u in uniques]
    ok = np.array([p is not None for p in parsed], dtype=bool)
    arr = np.empty(len(parsed), dtype=object)
    arr[:] = parsed
    vals = arr[codes]
    res = np.empty(len(s), dtype=object)
    res[:] = None
    res[idx] = vals
    bad[idx] = ~ok[codes]
    return list(res), bad


# ------------------------------------------------------------------ dates

_ISO = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_D_MON_Y = re.compile(r"(\d{1,2})[\s.-]*([a-z]+)\.?[\s.-]*(\d{4})")
_MON_Y = re.compile(r"([a-z]+)\.?[\s.-]*(\d{4})")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date(y: int, m: int, d: int) -> dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(v: object) -> dt.date | None:
    """A date from an ISO, dd/mm/yyyy, dd-mm-yyyy, '1 Maret 2023' or 'Des 2024' text, or a date cell."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, pd.Timestamp):
        return v.date()
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):  # an Excel serial number in a cell not formatted as a date
        if isinstance(v, float) and (math.isnan(v) or not v.is_integer()):
            return None
        if 20000 <= v <= 80000:
            return EXCEL_EPOCH + dt.timedelta(days=int(v))
        return None
    s = str(v).strip().lower()
    if m := _ISO.fullmatch(s):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(s):
        return _date(int(m[3]), int(m[2]), int(m[1]))
    if (m := _D_MON_Y.fullmatch(s)) and m[2] in MONTHS:
        return _date(int(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := _MON_Y.fullmatch(s)) and m[1] in MONTHS:
        return _date(int(m[2]), MONTHS[m[1]], 1)
    return None


# ------------------------------------------------------------------ periods

_Q = r"(?:q|tw|trw|triwulan|kuartal|quarter|kw)"
_QN = r"([1-4]|iv|iii|ii|i)"
_P_YEAR = re.compile(r"(\d{4})")
_P_YQ = re.compile(rf"(\d{{4}})\s*[-/ ]?\s*{_Q}\s*[-.]?\s*{_QN}")
_P_QY = re.compile(rf"{_Q}\s*[-.]?\s*{_QN}\s*[-/ ]?\s*(\d{{4}})")
_P_YM = re.compile(r"(\d{4})\s*[-/.]?\s*(\d{2})|(\d{4})-(\d{1})")
_P_MY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_P_NY = re.compile(r"([a-z]+)\.?\s*[-/ ]?\s*(\d{4})")


def period(year: int, quarter: int | None = None, month: int | None = None) -> tuple[str, dt.date, str] | None:
    if not 1900 <= year <= 2100:
        return None
    if quarter is not None:
        if not 1 <= quarter <= 4:
            return None
        return f"{year}-Q{quarter}", dt.date(year, 3 * quarter - 2, 1), "triwulan"
    if month is not None:
        if not 1 <= month <= 12:
            return None
        return f"{year}-{month:02d}", dt.date(year, month, 1), "bulan"
    return str(year), dt.date(year, 1, 1), "tahun"


def _qnum(text: str) -> int:
    return _ROMAN[text] if text in _ROMAN else int(text)


def parse_period(v: object) -> tuple[str, dt.date, str] | None:
    """(canonical text, start date, jenis) for any period spelling of the contract; None if not one."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (dt.date, dt.datetime, pd.Timestamp)):  # Excel turned 'Jul-2024' into a date
        d = v.date() if isinstance(v, (dt.datetime, pd.Timestamp)) else v
        return period(d.year, month=d.month) if d.day == 1 else None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and (math.isnan(v) or not v.is_integer()):
            return None
        v = str(int(v))
    s = re.sub(r"\s+", " ", str(v).strip().lower())
    if m := _P_YEAR.fullmatch(s):
        return period(int(m[1]))
    if m := _P_YQ.fullmatch(s):
        return period(int(m[1]), quarter=_qnum(m[2]))
    if m := _P_QY.fullmatch(s):
        return period(int(m[2]), quarter=_qnum(m[1]))
    if m := _P_YM.fullmatch(s):
        return period(int(m[1] or m[3]), month=int(m[2] or m[4]))
    if m := _P_MY.fullmatch(s):
        return period(int(m[2]), month=int(m[1]))
    if (m := _P_NY.fullmatch(s)) and m[1] in MONTHS:
        return period(int(m[2]), month=MONTHS[m[1]])
    return None


# ------------------------------------------------------------------ enums, lists, likert, provinces


def parse_enum(enum: str) -> Callable[[object], str | None]:
    def fn(v: object) -> str | None:
        return contract.enum_code(enum, text_value(v))

    return fn


def parse_likert(v: object) -> int | None:
    if isinstance(v, bool):
        return None
    return contract.likert_value(v if isinstance(v, (int, float)) else str(v).strip())


def split_list(v: object) -> list[str] | None:
    items = [p.strip() for p in re.split(r"[;\n]", text_value(v) or "")]
    items = [p for p in items if p]
    return items or None


def parse_enum_list(enum: str) -> Callable[[object], list[str] | None]:
    """Codes or labels separated by ``;``, ``,`` or spaces (multi-word labels matched longest first)."""

    def fn(v: object) -> list[str] | None:
        out: list[str] = []
        for part in re.split(r"[;,\n]", text_value(v) or ""):
            if not part.strip():
                continue
            code = contract.enum_code(enum, part)
            if code:
                out.append(code)
                continue
            words = contract.norm_label(part).split()
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    code = contract.enum_code(enum, " ".join(words[i:j]))
                    if code:
                        out.append(code)
                        i = j
                        break
                else:
                    return None
        return list(dict.fromkeys(out)) or None

    return fn


def parse_flag(v: object) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return {0: False, 1: True}.get(v)
    return {
        "0": False,
        "1": True,
        "0.0": False,
        "1.0": True,
        "true": True,
        "false": False,
        "ya": True,
        "tidak": False,
        "yes": True,
        "no": False,
    }.get(str(v).strip().lower())


def parse_indicator(v: object) -> str | None:
    return contract.indicator_code(text_value(v))


def parse_province(scheme: str) -> Callable[[object], str | None]:
    """BPS code from a name/alias (any scheme) or a code of ``scheme``; ``32.01``-style codes are Kemendagri."""

    def fn(v: object) -> str | None:
        text = text_value(v) or ""
        if re.fullmatch(r"\d{1,2}(?:\.0)?", text):
            return contract.province_by_code(text.split(".")[0].zfill(2), scheme)
        if re.fullmatch(r"\d{2}[.]\d{2}(?:[.]\d{2,4})*", text):
            return contract.province_by_code(text, "kemendagri")
        return contract.province_by_name(text)

    return fn


def province_scheme(header: str) -> tuple[str, bool]:
    """(code scheme, is a code column) from the header that brought a province column."""
    key = contract.norm_header(header)
    if "kemendagri" in key:
        return "kemendagri", True
    return "bps", ("kode" in key or "code" in key or key in ("provinsi_kode",))
