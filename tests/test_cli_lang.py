"""`batches`, `undo`, `redo`, `demo`, `template` and `check` speak only the chosen language (--lang id|en):
headers, messages and errors; kinds by their translated names."""

from __future__ import annotations

import re

import pytest
from conftest import batch_file, indicator_row, partnership, write

from kemitraan.cli import main
from kemitraan.storage import batch_check
from kemitraan.storage.store import Store

# Words of the other language that must not appear outside quoted identifiers («…») and the program's name.
NOT_EN = {
    "kemitraan",
    "indikator",
    "survei",
    "baris",
    "berkas",
    "batch-batch",
    "dibatalkan",
    "aktif",
    "rusak",
    "tidak",
    "sudah",
    "ada",
    "dan",
    "diperiksa",
    "dikembalikan",
    "disembunyikan",
    "ditulis",
    "pengguna",
    "waktu",
    "jenis",
    "sintetis",
    "unggahan",
    "kode",
    "yang",
    "lagi",
    "ditampilkan",
}
NOT_ID = {
    "row",
    "rows",
    "undone",
    "live",
    "file",
    "partnerships",
    "indicators",
    "survey",
    "written",
    "brought",
    "back",
    "hidden",
    "shown",
    "nothing",
    "damaged",
    "checked",
    "uploads",
    "already",
    "exists",
    "kind",
    "user",
    "time",
    "synthetic",
    "codes",
    "anyway",
    "was",
    "the",
}


def words(text: str) -> set[str]:
    text = text.replace("python -m kemitraan", " ")
    text = re.sub(r"«[^»]*»", " ", text)
    tokens = re.findall(r"[\w.=/-]+", text.lower())
    return {t for t in tokens if not any(c in t for c in "_.=/")}


def session(root, tmp_path, lang: str, capsys) -> str:
    """Every command, as a user would run them in turn, refusals and usage errors included; all they printed."""
    printed = []

    def run(*argv: str, expect: int = 0) -> None:
        code = main(["--data-dir", str(root), *argv, "--lang", lang])
        out, err = capsys.readouterr()
        assert code == expect, (argv, out, err)
        assert out or err, argv
        printed.append(out + err)

    run("batches")  # empty store
    run("demo", "--partnerships", "3", "--years", "1")
    run("demo", expect=1)  # exists
    run("demo", "--partnerships", "0", expect=2)
    s = Store(root)
    write(s, "p1", kemitraan=[partnership("K1"), partnership("K2")])
    write(s, "m1", indikator=[indicator_row("K1", "2024-01", "kb_peserta_baru", 1)])
    run("batches")
    run("undo", "p1", expect=1)  # dependants listed, refused without a terminal
    run("undo", "p1", "--yes")
    run("undo", "p1", expect=1)  # already undone
    run("undo", "nope", expect=1)
    run("batches")
    run("redo", "p1")
    run("redo", "p1", expect=1)  # live
    run("demo", "--hide")
    run("demo", "--hide")  # nothing to hide
    run("demo", expect=1)  # exists, undone
    run("demo", "--show")
    run("demo", "--show")  # already live
    out = tmp_path / f"templat-{lang}.xlsx"
    run("template", str(out))
    run("template", str(out), expect=1)  # exists
    run("template", str(tmp_path / f"form-{lang}.xlsx"), "--xlsform")
    run("check")
    batch_file(s, "m1", "indikator").write_bytes(b"broken")
    batch_check.clear_caches()
    run("check", expect=1)
    run("batches")
    return "\n".join(printed)


@pytest.mark.parametrize(("lang", "foreign"), [("en", NOT_EN), ("id", NOT_ID)])
def test_every_command_speaks_only_the_chosen_language(tmp_path, capsys, lang, foreign):
    text = session(tmp_path / "data", tmp_path, lang, capsys)
    leaked = words(text) & foreign
    assert not leaked, (sorted(leaked), text)
    if lang == "en":  # kinds by their English names
        assert "Partnerships" in text and "Indicators" in text and re.search(r"\b\d+ rows? of indicators", text)
    else:
        assert "Kemitraan" in text and "baris indikator" in text


def test_the_batches_table_in_english(store, capsys):
    write(store, "p1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024-01", "kb_peserta_baru", 1)])
    store.undo("p1")
    assert main(["--data-dir", str(store.root), "batches", "--lang", "en"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["Batch", "File", "Kind", "Rows", "Time", "(UTC)", "User", "Status"]
    assert "Partnerships, Indicators" in row and row.endswith("undone") and "p1.csv" in row


def _help_texts(lang: str, capsys) -> str:
    """`--help` of the program and of every command, as printed."""
    from kemitraan.cli import build_parser

    _, mods = build_parser()
    flag = [] if lang == "id" else ["--lang", "en"]
    printed = []
    for argv in ([], *([name] for name in mods)):
        assert main([*argv, "--help", *flag]) == 0
        printed.append(capsys.readouterr().out)
    return "\n".join(printed)


@pytest.mark.parametrize(
    ("lang", "foreign", "heading"),
    [
        ("id", NOT_ID | {"options", "usage", "print", "show", "help"}, "pemakaian: "),
        # the views and kinds are named by their identifiers
        ("en", NOT_EN - {"kemitraan", "indikator", "survei"}, "usage: "),
    ],
)
def test_help_speaks_the_chosen_language(capsys, lang, foreign, heading):
    text = _help_texts(lang, capsys)
    assert text.count(heading) == len(text.split(heading)) - 1 and heading in text
    # option names, metavars and choices are the program's own words: only the explanations are checked
    prose = re.sub(r"--?[\w-]+|\b[A-Z_]{2,}\b|\{[^}]*\}|\$\w+|`[^`]*`|\"[^\"]*\"|'[^']*'|\S+\.(toml|xlsx)", " ", text)
    assert not words(prose) & foreign, sorted(words(prose) & foreign)


def test_every_option_has_its_help_in_both_languages():
    """A new option without a text in kemitraan/i18n/cli_help.py would show no help (or the other language)."""
    from kemitraan.cli import build_parser

    for lang in ("id", "en"):
        parser, _ = build_parser(lang)
        sub = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
        for name, p in [("", parser), *sub.choices.items()]:
            missing = [a.dest for a in p._actions if a.dest not in ("command",) and not a.help]
            assert not missing, (lang, name, missing)


def test_a_command_line_reads_only_its_own_command(tmp_path):
    """Every command keeps the name its module gives it, and a command run in a fresh process imports its own module,
    not the other commands' (their imports are most of a short command's start)."""
    import subprocess
    import sys

    from kemitraan.cli import build_parser, command_names

    _, mods = build_parser()
    assert {name: mod.NAME for name, mod in mods.items()} == {name: name for name in command_names()}
    probe = (
        "import sys; from kemitraan.cli import main; main(['--data-dir', sys.argv[1], 'template', '--help']);"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('kemitraan.commands.')))"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['template']"
