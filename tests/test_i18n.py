import re
import string

from kemitraan.i18n import strings, t


def _fields(text: str) -> set[str]:
    return {f.split("|")[0] for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_string_has_both_languages_with_the_same_fields():
    for key, (id_text, en_text) in strings().items():
        assert id_text.strip() and en_text.strip(), key
        assert _fields(id_text) == _fields(en_text), key


def test_counts_agree_with_their_nouns():
    """No "1 partnerships" and no "3 partnership": a count before an English noun picks its form."""
    assert t("an.n_respondents", "en", n=1, k=1) == "1 respondent from 1 partnership"
    assert t("an.n_respondents", "en", n=5, k=2) == "5 respondents from 2 partnerships"
    assert t("fig.straddling", "en", n=1).startswith("1 report straddles")
    assert t("fig.straddling", "en", n="1.234").startswith("1.234 reports straddle")
    assert t("an.n_respondents", "id", n=1, k=1) == "1 responden dari 1 kemitraan"
    nouns = "partnerships|respondents|reports|rows|values|slides|provinces|indicators|uploads|errors|warnings|months"
    for key, (_, en_text) in strings().items():  # every count before a plural English noun has both forms
        bare = re.search(rf"\{{(\w+)\}} ({nouns})\b", en_text)
        assert not bare, f"{key}: write {{{bare.group(1)}}} {{{bare.group(1)}|…|{bare.group(2)}}}"


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
