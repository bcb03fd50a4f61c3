import gc
import sys

from kemitraan.cli import main

code = main()
# The command is done (its files written and closed, its connections closed as their names went out of scope); what is
# left is the interpreter's exit, whose collector passes walk every object pandas, pyarrow, Plotly and DuckDB made at
# import: 0.2 s of every command (bench/RESULTS.md). Frozen objects are skipped by those passes; exit handlers run, and
# what is freed by its last reference is freed as before. Only garbage in reference cycles is left to the end of the
# process, as Python leaves any object still alive at exit.
gc.freeze()
sys.exit(code)
