"""The rules under every figure, as numbers: which values are flagged, when a partnership is stale, how long
impact's windows are.

The SQL applies them (``storage/analysis_table.py`` the flags, ``queries/quality.py`` staleness,
``queries/impact.py`` the windows) and the Metodologi page and the data-quality panel quote them
(:data:`kemitraan.methods.indices.INDEX_DOCS`), so a rule changed here is the rule every reader sees.
"""

from __future__ import annotations

#: A flow value this many times its partnership's own median is flagged (a likely extra zero); a stock value this
#: many times the median of its partnership's earlier values, or below that median ÷ this, is flagged too.
OUTLIER_FACTOR = 5.0
#: A rate (%, per 1.000) further than this from the median of its partnership's earlier values, in the rate's
#: own unit (percentage points, per 1.000), is flagged: mCPR 5 → 50 is a slip, not a program's month.
RATE_JUMP = 25.0
#: Stocks and rates are judged against the median of this many previous values (same partnership, indicator and
#: rhythm), once they exist: recent enough to follow a stock that grows, robust to one slip among them. (The SQL
#: takes the middle of three values: changing it means a windowed quantile there.)
HISTORY = 3
#: An active partnership without a report in this many months is stale.
STALE_MONTHS = 6
#: Impact compares a baseline window with a latest window, each at most this many months long.
WINDOW_MONTHS = 12
