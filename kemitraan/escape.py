"""User text is text: escape strings from data or the URL for the two renderers that would read markup in them.

- :func:`markdown` — for anything Streamlit renders as Markdown (``st.markdown``, ``st.header``, ``st.caption``,
  ``st.error``/``st.success``/…, metric and widget labels, ``help`` tooltips, ``st.page_link`` labels). Streamlit's
  Markdown also understands ``:material/icon:``, ``:red[colour]``, emoji shortcodes and ``$LaTeX$``, and it turns
  bare addresses (``http://…``, ``www.…``, ``a@b.c``) into links *after* parsing, so backslash escapes alone do
  not stop them. Every ASCII punctuation character is backslash-escaped (CommonMark shows it literally) and a
  WORD JOINER (U+2060, invisible, no line break) is put where an address would start, so no link is made.
- :func:`plotly` — for text a Plotly figure draws (titles, axis and tick labels, legend entries, hover text,
  ``customdata`` shown through a ``hovertemplate``): Plotly renders a subset of HTML there (``<a href>``, ``<b>``,
  ``<br>``, ``<span style>``) and decodes ``&lt;``/``&gt;``/``&amp;``, so ``&``, ``<`` and ``>`` are escaped.
- :func:`url_param` — a value placed in a URL built by hand (``profil_kemitraan?kode=…``).

Plain-text destinations need nothing: ``st.text``, ``st.dataframe`` cells and headers, selectbox and
multiselect options (not radio, pills or segmented-control options, which render Markdown).
Labels from the catalog and i18n are ours and may carry intended Markdown: escape only the data
inserted into them (``t("upload.undo.done", lang, batch=escape.markdown(batch_id))``).
"""

from __future__ import annotations

import html
import re
import string
from urllib.parse import quote

#: CommonMark: any ASCII punctuation character may be backslash-escaped and then renders as itself.
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
#: Where GFM's autolink-literal step (remark-gfm) starts a link: a scheme, "www.", or the "@" of an e-mail.
_AUTOLINK = re.compile(
    r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)"
    r"|(?<=www)(?=\.)|(?=@)"
)
WORD_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")


def markdown(value: object, *, keep_lines: bool = False) -> str:
    """``value`` as text that Streamlit's Markdown shows literally (``None`` → "").

    On one line (a name in a header stays one header), or with ``keep_lines`` each line break kept as one
    (a message of several lines)."""
    if value is None:
        return ""
    lines = str(value).splitlines() if keep_lines else [str(value)]
    # Leading blanks dropped: four of them would make an indented code block.
    return "  \n".join(
        _PUNCT.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, _LINE_BREAKS.sub(" ", line))).lstrip() for line in lines
    )


def plotly(value: object) -> str:
    """``value`` as text that a Plotly figure shows literally (``None`` → "")."""
    if value is None:
        return ""
    return html.escape(str(value), quote=False)


def url_param(value: object) -> str:
    """``value`` percent-encoded for a query string (every reserved character, ``/`` included)."""
    return quote(str(value), safe="")


def shown(markdown_text: str) -> str:
    """What a reader sees of :func:`markdown`'s output: the escapes and word joiners taken out (for tests)."""
    return re.sub(r"\\(.)", r"\1", markdown_text).replace(WORD_JOINER, "")
