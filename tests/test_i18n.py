import re
import string

from kemitraan.i18n import strings, t


def test_every_string_has_both_languages_with_the_same_fields():
    fmt = string.Formatter()
    for key, (id_text, en_text) in strings().items():
        assert id_text.strip() and en_text.strip(), key
        f_id = {f for _, f, _, _ in fmt.parse(id_text) if f}
        f_en = {f for _, f, _, _ in fmt.parse(en_text) if f}
        assert f_id == f_en, key


def test_lookup_and_fallback_language():
    assert t("app.title", "id") == "Dasbor Kemitraan"
    assert t("app.title", "en") == "Partnership Dashboard"
    assert t("app.title", "xx") == "Dasbor Kemitraan"  # unknown language falls back to Indonesian


def test_pages_hold_no_hard_coded_text():
    """Pages take every label from kemitraan.i18n: no string literal that reads like a sentence."""
    from conftest import ROOT

    for page in (ROOT / "pages").glob("*.py"):
        src = page.read_text(encoding="utf-8")
        body = re.sub(r'^""".*?"""', "", src, count=1, flags=re.S)
        for lit in re.findall(r'"([^"\n]{3,})"|\'([^\'\n]{3,})\'', body):
            text = lit[0] or lit[1]
            assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", text), f"{page.name}: hard-coded text {text!r}"
