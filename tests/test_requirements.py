"""The requirement files say what the app needs, no more: the runtime list holds what the app imports, the
tests' extras stay in the dev list, and both lock files pin every package, so a fresh machine gets what CI tested."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Distribution name → the module it is imported as, where the two differ.
MODULE = {"python-calamine": "python_calamine", "python-pptx": "pptx", "argon2-cffi": "argon2", "pyarrow": "pyarrow"}


def _direct(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[=<>\[ ]", line, maxsplit=1)[0].lower())
    return names


def _imported_by_the_app() -> set[str]:
    found = set()
    for path in [*ROOT.glob("kemitraan/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"kemitraan"}


def test_every_runtime_requirement_is_imported_by_the_app():
    imported = _imported_by_the_app()
    unused = sorted(d for d in _direct(ROOT / "requirements.in") if MODULE.get(d, d.replace("-", "_")) not in imported)
    assert not unused, f"requirements.in lists {unused}, which the app never imports"


def test_every_module_the_app_imports_is_a_runtime_requirement():
    declared = {MODULE.get(d, d.replace("-", "_")) for d in _direct(ROOT / "requirements.in")}
    undeclared = sorted(_imported_by_the_app() - declared)
    assert not undeclared, f"the app imports {undeclared}, which requirements.in does not list"


def test_the_lock_files_pin_every_package_of_their_inputs():
    for lock, source in (("requirements.txt", "requirements.in"), ("requirements-dev.txt", "requirements-dev.in")):
        pins = {}
        for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith((" ", "#")):
                assert "==" in line, f"{lock}: {line!r} is not pinned"
                name, version = line.split("==", 1)
                pins[name.lower()] = version.strip()
        wanted = _direct(ROOT / source)
        if source == "requirements-dev.in":
            wanted |= _direct(ROOT / "requirements.in")
        missing = sorted(n.split("[")[0] for n in wanted if n.split("[")[0] not in pins)
        assert not missing, f"{lock} lacks {missing} from {source}: compile it again"
