"""Analytical queries: SQL with named parameters over the store's views, small DataFrames out.

One module per topic; every function takes a DuckDB connection (or cursor) and a
:class:`~kemitraan.queries.filters.Filters`:

- :mod:`.filters`         the global filters and the SQL conditions they become
- :mod:`.indicators`      any indicator aggregated by the catalog's rules (the base of the others)
- :mod:`.reach`, :mod:`.sustainability`, :mod:`.impact`   the three questions per category
- :mod:`.survey`          partnership health from the self-assessment survey
- :mod:`.geography`       the map's per-province figures
- :mod:`.compare`         groups side by side
- :mod:`.explore`         raw rows, counts and pivots for Jelajah Data
- :mod:`.profile`         one partnership
- :mod:`.quality`         missing reports, out-of-range values, stale partnerships
- :mod:`.overview`        the period bounds and the home page's headline numbers
- :mod:`._sql`            fragments the modules share (period buckets, grains, labels) and ``run``
"""
