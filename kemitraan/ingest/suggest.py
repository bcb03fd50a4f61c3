""" "Did you mean …?": the closest valid value for an unknown header, code, province or category.

Only a hint in the problem's expected text: ingest never stores a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from kemitraan import contract
from kemitraan.i18n import t

# rapidfuzz's plain ratio (edit distance over the whole text), 0–100: below this nothing is suggested.
# Its partial scorers (WRatio) suggest "Publik–Swasta" for "Kemitraan ajaib" through a shared word.
CUTOFF = 80
MAX_CHOICES = 50_000  # beyond this (a huge store's codes) the search would cost more than it helps

Hint = tuple[str, str]  # (Indonesian, English) text appended to a problem's expected value


def closest(value: object, keys: Sequence[str], cutoff: int = CUTOFF) -> int | None:
    """Index in ``keys`` (already normalised with contract.norm_label) nearest to ``value``, or None."""
    key = contract.norm_label(value)
    if not key or not keys or len(keys) > MAX_CHOICES:
        return None
    m = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    if m is None or m[0] == key:
        return None
    return m[2]


def hint(id_text: str, en_text: str | None = None) -> Hint:
    return t("ingest.hint.did_you_mean", "id", value=id_text), t(
        "ingest.hint.did_you_mean", "en", value=en_text or id_text
    )


class Suggester:
    """Closest choice for a value; each distinct value is looked up once."""

    def __init__(self, spellings: dict[str, str], show: Callable[[str], Hint]):
        """``spellings``: any accepted spelling -> the answer; ``show``: answer -> (id, en) display."""
        pairs = {contract.norm_label(s): a for s, a in spellings.items() if contract.norm_label(s)}
        self._keys = list(pairs)
        self._answers = list(pairs.values())
        self._show = show
        self._cache: dict[str, str | None] = {}

    def answer(self, value: object) -> str | None:
        """The closest choice's answer (a code, a column name…), or None."""
        text = "" if value is None else str(value)
        if text not in self._cache:
            if len(self._cache) > 5000:  # thousands of distinct unknown values: stop spending time on hints
                return None
            i = closest(text, self._keys)
            self._cache[text] = None if i is None else self._answers[i]
        return self._cache[text]

    def __call__(self, value: object) -> Hint | None:
        a = self.answer(value)
        return None if a is None else hint(*self._show(a))


_ENGLISH = re.compile(r"\b(North|South|West|East|Central|Southwest|Highland|Special|Islands|Capital)\b")


def _province_show(code: str) -> tuple[str, str]:
    p = contract.provinces()[code]
    en = next((a for a in p.alias if _ENGLISH.search(a)), None)
    return p.nama, f"{en} ({p.nama})" if en else p.nama


@lru_cache(maxsize=1)
def province() -> Suggester:
    spellings = {}
    for code, p in contract.provinces().items():
        for s in (p.nama, *p.alias):
            spellings.setdefault(s, code)
    return Suggester(spellings, _province_show)


def areas(codes: Sequence[str]):
    """ "mungkin maksud Anda: Kabupaten Bogor / Kota Bogor?" for the areas a kabupaten/kota name may mean (a
    ``ctx.flag`` hint: called with the cell's text, which the codes already answer); None when there are none."""
    if not codes:
        return None
    names = " / ".join(contract.area_name(c) for c in codes)
    return lambda _text: hint(names)


@lru_cache(maxsize=None)
def enum(name: str) -> Suggester:
    spellings = {}
    for code, (lid, len_, extra) in contract.ENUMS[name].items():
        for s in (code, lid, len_, *extra):
            spellings.setdefault(s, code)
    return Suggester(
        spellings, lambda code: (contract.enum_label(name, code, "id"), contract.enum_label(name, code, "en"))
    )


@lru_cache(maxsize=1)
def likert() -> Suggester:
    spellings = {}
    for v, (lid, len_, _extra) in contract.LIKERT.items():
        spellings.setdefault(lid, str(v))
        spellings.setdefault(len_, str(v))
    return Suggester(
        spellings, lambda v: (f"{contract.LIKERT[int(v)][0]} ({v})", f"{contract.LIKERT[int(v)][1]} ({v})")
    )


@lru_cache(maxsize=1)
def indicator() -> Suggester:
    spellings = {}
    for code, ind in contract.indicators().items():
        for s in (code, ind.label_id, ind.label_en):
            spellings.setdefault(s, code)
    cat = contract.indicators()
    return Suggester(spellings, lambda code: (f"{code} ({cat[code].label_id})", f"{code} ({cat[code].label_en})"))


@lru_cache(maxsize=None)
def header(kind: str) -> Suggester:
    spellings = {}
    for c in contract.input_columns(kind):
        for s in (c.name, *c.synonyms, c.label_id, c.label_en):
            if s and len(contract.norm_label(s)) > 2:  # "pe", "hp": too short to be a useful target
                spellings.setdefault(s, c.name)
    return Suggester(spellings, lambda name: (name, name))


def codes(known: Sequence[str]) -> Suggester:
    """For partnership codes: the closest stored code."""
    return Suggester({k: k for k in known}, lambda k: (k, k))


def labels(choices: dict[str, str]) -> Suggester:
    """Any spelling -> a display name shown as is in both languages."""
    return Suggester(choices, lambda k: (k, k))
