"""Every user-facing string, in Bahasa Indonesia (first) and English.

Each module in this package defines ``STRINGS = {key: (id_text, en_text)}``;
they are merged here, and a key defined twice is an error (tests check it).
Use :func:`t` everywhere: ``t("ringkasan.title", lang)``, with ``str.format``
fields filled from keyword arguments.

Plurals: English nouns after a count take the form ``{n|partnership|partnerships}``,
which becomes the first word when the field ``n`` is 1 and the second otherwise
("1 partnership", "3 partnerships"); Indonesian needs no plural and writes the noun once.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

LANGS = ("id", "en")
DEFAULT_LANG = "id"


@lru_cache(maxsize=1)
def strings() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        for key, pair in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} defined twice (in {mod.name})")
            merged[key] = pair
    return merged


def has(key: str) -> bool:
    """Whether ``key`` is a string of the catalogue (for labels that fall back to a code)."""
    return key in strings()


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


#: ``{field|singular|plural}``: the noun that follows a count.
PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _is_one(value: object) -> bool:
    return str(value).strip() in ("1", "1.0", "1,0")


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The text for ``key`` in ``lang``; an unknown key raises, so typos fail tests."""
    pair = strings()[key]
    text = pair[0] if norm_lang(lang) == "id" else pair[1]
    if "|" in text:
        text = PLURAL.sub(lambda m: m.group(2) if _is_one(fields.get(m.group(1))) else m.group(3), text)
    return text.format(**fields) if fields else text
