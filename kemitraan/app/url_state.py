"""Page-level choices kept in the URL as codes, so a copied link works in either language."""

from __future__ import annotations

import streamlit as st

from kemitraan import contract
from kemitraan.app.session import lang


def url_choice(
    widget, label: str, options: list, *, key: str, text, default=None, multi: bool = False, parse=None, **kwargs
):
    """A page-level choice (``st.selectbox``, ``st.segmented_control``, ``st.multiselect`` or a column's)
    kept in the URL as codes, so a copied link works in either language.

    ``text(code, lang)`` is the label shown. Like the global filters, the widget
    is keyed per language and seeded from the code kept in ``_c_<key>``:
    Streamlit stores these widgets' state as the displayed label, which a
    language switch would otherwise lose. Hand-typed labels in either language
    are accepted in the URL too, or whatever ``parse(value) -> code | None`` accepts.
    """
    ss, canon, lg = st.session_state, f"_c_{key}", lang()
    if canon not in ss:
        if parse is None:
            lookup = {contract.norm_header(text(c, lang_)): c for c in options for lang_ in ("id", "en")}
            lookup.update({contract.norm_header(c): c for c in options})

            def parse(v):
                return lookup.get(contract.norm_header(v))

        asked = [parse(v) for v in st.query_params.get_all(key)]
        asked = list(dict.fromkeys(a for a in asked if a is not None))
        ss[canon] = asked if multi else (asked[0] if asked else None)
        if not asked:
            ss[canon] = default
    wkey = f"{key}_{lg}"
    if wkey not in ss:
        current = ss[canon]
        if multi:
            ss[wkey] = [c for c in (current or []) if c in options]
        else:
            ss[wkey] = current if current in options else (default if default in options else options[0])
    value = widget(label, options, key=wkey, format_func=lambda c: text(c, lg), **kwargs)
    ss[canon] = value
    to_url(key, [str(v) for v in (value or [])] if multi else ([] if value in (None, default) else [str(value)]))
    return value


def to_url(key: str, values: list[str]) -> None:
    """Write a filter back as codes. app.py runs before every page, so this survives navigation."""
    if values:
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]
