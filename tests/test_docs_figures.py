"""The demo figures docs/METHODS.md quotes are what `angka` prints on the demo today.

A reader checks the methods against the demo; a figure quoted once and never regenerated would teach a rule the
code no longer keeps. Every number in the `angka --json` example, and the stock-by-rhythm sentence, is compared
with the command's own output (rounded as the document rounds it).
"""

from __future__ import annotations

import json
import re

from kemitraan import cli
from kemitraan.labels import fmt_number
from tests.conftest import ROOT

METHODS = (ROOT / "docs" / "METHODS.md").read_text(encoding="utf-8")


def angka_json(demo_dir, capsys, *args) -> dict:
    assert cli.main(["--data-dir", str(demo_dir), "angka", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def documented_example() -> dict:
    """The `--json` example in §angka, its elisions ("…") dropped so it parses."""
    block = re.search(r"`--json` prints\s*```json\n(.*?)```", METHODS, flags=re.S).group(1)
    block = re.sub(r",\s*…", "", block).replace("{…}", "{}")
    return json.loads(block)


def leaves(doc, path=()):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaves(v, (*path, k))
    else:
        yield path, doc


def test_every_number_of_the_documented_json_is_the_demo_s(demo_dir, capsys):
    real = angka_json(demo_dir, capsys)
    example = list(leaves(documented_example()))
    assert len(example) > 30  # the example was parsed, not skipped
    for path, quoted in example:
        value = real
        for k in path:
            value = value[k]
        if isinstance(quoted, float) and not isinstance(value, bool):
            decimals = len(repr(quoted).split(".")[1]) if "." in repr(quoted) else 0
            assert round(value, decimals) == quoted, (".".join(path), value)
        else:
            assert value == quoted, (".".join(path), value)


def test_the_stock_sentence_quotes_the_demo_for_each_range_end(demo_dir, capsys):
    stock = {
        end: angka_json(demo_dir, capsys, "--dari", "2025-01", "--sampai", end)["indikator"]["peserta_kb_aktif"]
        for end in ("2025-09", "2025-11", "2025-12")
    }

    def said(s):
        return f"{fmt_number(s['nilai'], 'en')} ({s['n_kemitraan']}"

    sep, nov, dec = stock["2025-09"], stock["2025-11"], stock["2025-12"]
    sentence = (
        f"{said(sep)} partnerships, {sep['n_tidak_melapor']} not reporting) for Jan–Sep, "
        f"{said(nov)}, {nov['n_tidak_melapor']}) for Jan–Nov and {said(dec)}, {dec['n_tidak_melapor']}) "
        "for Jan–Dec"
    )
    assert sentence in " ".join(METHODS.split())  # the document's line breaks are not part of the sentence
