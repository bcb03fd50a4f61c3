"""The docs name only what exists: every repository path (``kemitraan/…``, ``tests/…``, ``pages/…``, ``docs/…``,
``bench/…``) and every dotted name of ours (``kemitraan.storage.store``, ``kemitraan.generators.template.example_keys``,
``contract.REPORT_ON_TIME_DAYS``) in the Markdown files and in the code's docstrings and comments resolves to a file,
a module or an attribute. A reader who follows a reference never lands on a module that was moved or removed."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([*ROOT.glob("*.md"), *ROOT.glob("docs/*.md"), *ROOT.glob("bench/*.md")])
CODE = sorted([*ROOT.glob("kemitraan/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py", *ROOT.glob("bench/*.py")])
LAYERS = (
    "contract",
    "catalog",
    "storage",
    "ingest",
    "queries",
    "methods",
    "charts",
    "export",
    "app",
    "commands",
    "generators",
    "i18n",
)

# A path of the repository: it starts at one of its top folders and names a file (folders may end in /).
PATH = re.compile(r"(?<![\w/.-])((?:kemitraan|tests|pages|docs|bench|static|\.ci)/[\w./-]*[\w/])")
# Folders written and filled at run time, named in the docs as places, not files of the repository.
RUNTIME = ("bench/out",)
DOTTED = re.compile(r"(?<![\w.])(kemitraan(?:\.[A-Za-z_]\w*)+)")
LAYER_DOTTED = re.compile(r"`(" + "|".join(LAYERS) + r")\.([A-Za-z_]\w*)`")


def _resolves(dotted: str) -> bool:
    """``a.b.c``: a module, or an attribute (of an attribute…) of the longest importable prefix."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


def _references(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1).rstrip(".") for m in PATH.finditer(text)}


@pytest.mark.parametrize("doc", [*DOCS, *CODE], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_path_named_exists(doc):
    missing = sorted(
        p for p in _references(doc) if not p.startswith(RUNTIME) and "*" not in p and not (ROOT / p).exists()
    )
    assert not missing, f"{doc.relative_to(ROOT)} names {missing}, which the repository does not hold"


@pytest.mark.parametrize("doc", [*DOCS, *CODE], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_and_name_of_ours_resolves(doc):
    text = doc.read_text(encoding="utf-8")
    names = {m.group(1).rstrip(".") for m in DOTTED.finditer(text)}
    names |= {f"kemitraan.{m.group(1)}.{m.group(2)}" for m in LAYER_DOTTED.finditer(text)}
    names = {n for n in names if not n.endswith((".py", ".md", ".csv", ".json", ".log", ".parquet"))}
    missing = sorted(n for n in names if not _resolves(n))
    assert not missing, f"{doc.relative_to(ROOT)} names {missing}, which do not exist"


def test_the_checks_find_a_moved_module(tmp_path):
    stale = tmp_path / "stale.md"
    stale.write_text("See `kemitraan/templates.py` and `kemitraan.templates.example_keys()`.", encoding="utf-8")
    assert _references(stale) == {"kemitraan/templates.py"}
    assert not _resolves("kemitraan.templates.example_keys")
    assert _resolves("kemitraan.generators.template.example_keys")
