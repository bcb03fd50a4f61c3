"""Every user-facing string, in Bahasa Indonesia (first) and English.

Each module in this package defines ``STRINGS = {key: (id_text, en_text)}``;
they are merged here, and a key defined twice is an error (tests check it).
A text is written once: where a key is built from a code (``f"upload.history.{k}"``)
and its text is another key's, the module lists it in ``ALIASES = {key: other_key}``
instead of repeating the translation (tests find repeated translations and unused keys).
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


def _modules() -> list:
    return [importlib.import_module(f"{__name__}.{mod.name}") for mod in pkgutil.iter_modules(__path__)]


@lru_cache(maxsize=1)
def definitions() -> dict[str, tuple[str, str]]:
    """Every key with a translation of its own (the ``STRINGS`` of every module, aliases aside)."""
    merged: dict[str, tuple[str, str]] = {}
    for module in _modules():
        for key, pair in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} defined twice (in {module.__name__})")
            merged[key] = pair
    return merged


@lru_cache(maxsize=1)
def strings() -> dict[str, tuple[str, str]]:
    """Every key, aliases resolved to the text of the key they name."""
    merged = dict(definitions())
    for module in _modules():
        for key, target in getattr(module, "ALIASES", {}).items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} defined twice (alias in {module.__name__})")
            if target not in definitions():
                raise ValueError(f"i18n alias {key!r} names {target!r}, which has no translation of its own")
            merged[key] = definitions()[target]
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
