"""Plotly figures: pure functions, DataFrame in and Figure out, shared by the pages and every export.

- :mod:`.layout`   the layout every figure shares (title, separators, legend, empty state)
- :mod:`.palette`  colours (one per kategori, zones, Likert, map scale)
- :mod:`.common`   bars per group, lines over time
- :mod:`.reach`, :mod:`.sustainability`, :mod:`.impact`, :mod:`.health`, :mod:`.geography`, :mod:`.explore`

Every figure is titled with its question and its unit, uses the one palette, formats
numbers for the reader's language and returns an explicit empty state when there is
nothing to draw.
"""
