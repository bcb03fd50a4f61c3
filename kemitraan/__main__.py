import gc
import sys

from kemitraan.cli import main

code = main()
# The command is done; what is left is the interpreter's exit, whose collector passes walk every object pandas, pyarrow,
# Plotly and DuckDB made at import (0.2 s of every command, bench/RESULTS.md). Frozen objects are skipped by those
# passes and still freed; exit handlers and destructors run as before.
gc.freeze()
sys.exit(code)
