"""Plotly figures: pure functions, DataFrame in and Figure out, shared by the pages and every export.

- :mod:`.layout`   the layout every figure shares (title, separators, legend, empty state)
- :mod:`.palette`  colours (one per kategori, zones, Likert, map scale)
- :mod:`.common`   bars per group, lines over time
- :mod:`.reach`, :mod:`.sustainability`, :mod:`.impact`, :mod:`.health`, :mod:`.geography`, :mod:`.explore`

Every figure is titled with its question and its unit (a page or slide puts the takeaway computed from
the data above it, the question becoming the subtitle), uses the one palette, formats numbers for the
reader's language and returns an explicit empty state when there is nothing to draw. :func:`.layout.fit`
lays a figure out for its column's width at a projector's 1024 px: the title wrapped, the legend's rows
reserved inside the figure.
"""
