import ast

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
