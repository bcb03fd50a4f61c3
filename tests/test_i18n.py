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


# --- every key used, every translation written once ---------------------------------------------------------------

#: Prefixes of keys the code builds from a code (``t(f"an.dim.{d}")``): a key under one of them counts as used.
#: Listed by hand so that a new family is a decision; the test checks each is still built somewhere.
DYNAMIC_PREFIXES = (
    "agregasi.",
    "an.dim.",
    "an.dims.",
    "an.dq.",
    "an.dq.reason.",
    "an.grain.",
    "an.jelajah.kind.",
    "auth.login.",
    "cli.",
    "auth.role.",
    "batches.col.",
    "batches.status.",
    "check.recovered.",
    "col.",
    "demo.banner.",
    "dl.",
    "empty.none.",
    "export.col.",
    "export.slide.",
    "export.take.coverage.",
    "export.take.reach.",
    "filters.",
    "filters.pick.",
    "history.damage.",
    "ingest.col.",
    "ingest.conv.",
    "an.peta.level.",
    "ingest.kind.",
    "ingest.severity.",
    "ingest.warn.ambiguous_number_",
    "metode.",
    "notes.err.",
    "satuan.",
    "store.damage.",
    "template.type.",
    "upload.col.",
    "upload.count.",
    "upload.history.",
    "upload.kind.",
    "upload.examples.file.",
    "history.action.",
    "xlsform.q.",
    "zona.",
)


def _code_strings() -> tuple[set[str], set[str]]:
    """String literals of the app's code, and the constant starts of its f-strings and ``"…" + x`` sums."""
    import ast

    from conftest import ROOT

    files = [p for p in (ROOT / "kemitraan").rglob("*.py") if "i18n" not in p.parts]
    files += [*(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    literals, starts = set(), set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                starts.add(node.values[0].value)
            elif (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Add)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
            ):
                starts.add(node.left.value)
    return literals, starts


def test_every_key_is_used_by_the_app():
    literals, starts = _code_strings()
    stale = [p for p in DYNAMIC_PREFIXES if p not in starts]
    assert not stale, f"no code builds keys from these prefixes any more: {stale}"
    unused = sorted(k for k in strings() if k not in literals and not k.startswith(DYNAMIC_PREFIXES))
    assert not unused, f"i18n keys nothing uses (delete them): {unused}"


def test_every_translation_is_written_once():
    """The same (id, en) pair under two keys is one text to keep in step twice: one key, or an alias to it."""
    from collections import defaultdict

    from kemitraan.i18n import definitions

    keys_of = defaultdict(list)
    for key, pair in definitions().items():
        keys_of[pair].append(key)
    repeated = {pair: keys for pair, keys in keys_of.items() if len(keys) > 1}
    assert not repeated, f"translations written under several keys: {repeated}"


def test_an_alias_reads_as_the_key_it_names():
    from kemitraan import i18n
    from kemitraan.i18n import upload

    assert "upload.history.file" in upload.ALIASES and "upload.history.file" not in upload.STRINGS
    assert t("upload.history.file", "id") == t("col.file", "id") == "Berkas"
    assert t("upload.history.file", "en") == "File" and i18n.has("upload.history.file")


def test_plurals_in_both_languages():
    """English counts agree with their nouns; Indonesian writes the noun once after any count ("3 baris")."""
    assert (
        t("deps.header", "en", n=1, partnerships=1, batch="b1")
        == "1 row of other batches uses 1 partnership that only batch b1 holds:"
    )
    assert (
        t("deps.header", "en", n=4, partnerships=2, batch="b1")
        == "4 rows of other batches use 2 partnerships that only batch b1 holds:"
    )
    assert t("deps.header", "id", n=1, partnerships=1, batch="b1").startswith(
        "1 baris dari batch lain memakai 1 kemitraan"
    )
    assert t("ingest.refused", "en", n=1) == "Upload refused: 1 error, nothing was stored."
    for key, (id_text, en_text) in strings().items():
        assert not re.search(r"\}[^{}]*?\w\((?:s|es)\)", en_text), f"{key}: write {{n}} {{n|row|rows}}, not row(s)"
        assert not i18n_plural(id_text), f"{key}: Indonesian takes no plural form after a count"
        assert not re.search(r"\{\w+\} (\w+)-\1\b", id_text), f"{key}: no reduplicated plural after a count"


def i18n_plural(text: str) -> bool:
    from kemitraan.i18n import PLURAL

    return bool(PLURAL.search(text))


def test_every_empty_state_cause_is_worded():
    """An empty page says what was never uploaded (kemitraan.app.widgets.empty_state builds the key from the need)."""
    from kemitraan import i18n
    from kemitraan.queries.overview import NEEDS

    assert all(i18n.has(f"empty.none.{need}") for need in NEEDS)
