import ast
import tomllib

from conftest import ROOT

GLUE = ROOT / "kemitraan" / "app"


def test_only_the_app_glue_imports_streamlit():
    """The domain package stays usable from the command line and exports."""
    for path in (ROOT / "kemitraan").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if "streamlit" in names:
            assert GLUE in path.parents, f"{path} imports streamlit (only kemitraan/app/ may)"


def test_pages_do_not_touch_files_or_sql():
    for page in (ROOT / "pages").glob("*.py"):
        src = page.read_text(encoding="utf-8")
        for bad in ("duckdb", "open(", "read_parquet", "SELECT ", "pathlib"):
            assert bad not in src, f"{page.name} uses {bad!r}: pages call kemitraan functions instead"


# --- the layers as docs/DESIGN.md draws them ------------------------------------------------------------------------

PACKAGE = ROOT / "kemitraan"
STORAGE = PACKAGE / "storage"


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"))


def _imported_roots(tree) -> set[str]:
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def _code_files():
    return [*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]


#: What a page may import besides streamlit and kemitraan: standard library helpers, nothing that computes.
PAGE_STDLIB = {"datetime", "__future__"}


def test_pages_are_thin():
    """A page reads inputs and draws: no functions or classes of its own, no library but Streamlit and ours."""
    for page in (ROOT / "pages").glob("*.py"):
        tree = _tree(page)
        defined = [
            n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        assert not defined, f"{page.name} defines {defined}: put them in kemitraan/ (app/ for Streamlit glue)"
        others = _imported_roots(tree) - {"streamlit", "kemitraan"} - PAGE_STDLIB
        assert not others, f"{page.name} imports {sorted(others)}: pages call kemitraan functions instead"
        lines = len(page.read_text(encoding="utf-8").splitlines())
        assert lines <= 160, f"{page.name} has {lines} lines: move the work into kemitraan/app/ or a domain module"


def test_glue_modules_hold_streamlit():
    """A module named as UI (``ui_…``, ``…_ui``) or placed in app/ is Streamlit glue; one without it belongs
    elsewhere."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py":
            continue
        if GLUE in path.parents or path.stem.startswith("ui_") or path.stem.endswith("_ui"):
            assert "streamlit" in _imported_roots(_tree(path)), (
                f"{path.relative_to(ROOT)} holds no Streamlit: name it by what it holds and put it in its layer"
            )


def _private_uses(tree, package: str) -> list[str]:
    """``from m import _x`` and ``m._x`` where ``m`` is an imported name: another module's private name.

    A package's private module (``queries/_sql.py``) is shared by the modules of that package, and only by them.
    """
    found, imported = [], set()
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module != "__future__":
            for a in n.names:
                imported.add(a.asname or a.name)
                if a.name.startswith("_") and n.module != package:
                    found.append(f"from {n.module} import {a.name}")
        elif isinstance(n, ast.Import):
            imported.update((a.asname or a.name).split(".")[0] for a in n.names)
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name)
            and n.value.id in imported
            and n.attr.startswith("_")
            and not n.attr.startswith("__")
        ):
            found.append(f"{n.value.id}.{n.attr}")
    return found


def test_no_private_name_is_imported_across_modules():
    """A helper two modules need is public in one of them (or in a shared module), not reached for by its _name."""
    for path in _code_files():
        package = ".".join(path.relative_to(ROOT).parent.parts)
        uses = _private_uses(_tree(path), package)
        assert not uses, f"{path.relative_to(ROOT)} uses private names of other modules: {uses}"


def test_only_storage_materialised_names_the_stored_tables():
    """The materialised tables have one owner: the build, the overlay and the console ask it for their names."""
    owner = PACKAGE / "storage" / "materialised.py"
    for path in _code_files():
        if path != owner:
            assert "_cur_" not in path.read_text(encoding="utf-8"), (
                f"{path.relative_to(ROOT)} spells a stored table's name: ask storage/materialised.py (stored_name)"
            )


#: Outside storage/, the one module that writes under the data folder, and why.
DATA_FOLDER_EXCEPTIONS = {PACKAGE / "logs.py": "the log file, data/logs/kemitraan.log (docs/DESIGN.md)"}


def test_only_storage_touches_the_data_folder():
    """The lake's files (Parquet, manifests, the event log, notes) are read and written by kemitraan/storage only."""
    for path in _code_files():
        if STORAGE in path.parents or path in DATA_FOLDER_EXCEPTIONS:
            continue
        tree = _tree(path)
        where = path.relative_to(ROOT)
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom) and n.module:
                assert n.module not in ("pyarrow.parquet", "pyarrow.dataset"), f"{where} reads Parquet itself"
            if isinstance(n, ast.Import):
                assert not any(a.name in ("pyarrow.parquet", "pyarrow.dataset") for a in n.names), (
                    f"{where} reads Parquet itself"
                )
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                assert not any(
                    s in n.value for s in ("read_parquet", ".parquet", "manifest.json", "events.jsonl", "notes.jsonl")
                ), f"{where} names a file of the lake: {n.value!r}"
            if isinstance(n, ast.Attribute) and n.attr in ("lake", "log_dir", "undone_dir"):
                assert False, f"{where} reaches into the store's folders (.{n.attr})"
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Path":
                text = ast.unparse(n)
                assert "data_dir" not in text and ".root" not in text, (
                    f"{where} builds a path in the data folder: {text}"
                )


# --- the layers lint-imports enforces (pyproject.toml) are the layers docs/DESIGN.md lists ------------------------


def _design_layers() -> list[str]:
    """The code block right after "The layers, highest first" in docs/DESIGN.md, one layer a line."""
    text = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    block = text.split("The layers, highest first", 1)[1].split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_the_design_lists_the_layers_lint_imports_enforces():
    """A reader of DESIGN.md learns the order the check holds the code to, not an older one."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    assert _design_layers() == layers["layers"], "docs/DESIGN.md and pyproject.toml list different layers"
