"""The rules under every figure, as numbers: which values are flagged, when a partnership is stale, how long
impact's windows are.

The SQL applies them (``storage/analysis_table.py`` the flags, ``queries/quality.py`` staleness,
``queries/impact.py`` the windows) and the Metodologi page and the data-quality panel quote them
(:data:`kemitraan.methods.indices.INDEX_DOCS`), so a rule changed here is the rule every reader sees.
"""

from __future__ import annotations

# The three flag thresholds are still defined beside the SQL that applies them: storage/ is being rewritten
# (the lake issue) and is not edited meanwhile. Follow-up: define them here and let storage/analysis_table.py
# import them; the import-linter contract ignores this one upward import until then (pyproject.toml).
from kemitraan.storage.analysis_table import HISTORY, OUTLIER_FACTOR, RATE_JUMP

__all__ = ["HISTORY", "OUTLIER_FACTOR", "RATE_JUMP", "STALE_MONTHS", "WINDOW_MONTHS"]

#: An active partnership without a report in this many months is stale.
STALE_MONTHS = 6
#: Impact compares a baseline window with a latest window, each at most this many months long.
WINDOW_MONTHS = 12
