"""Streamlit glue: the only package that imports streamlit (tests/test_architecture.py checks it).

- :mod:`.session`      the store, its versioned snapshot, the language
- :mod:`.sidebar`      the global filters and the demo notice
- :mod:`.url_state`    page-level choices kept in the URL as codes
- :mod:`.cached`       every query a page runs, cached per store version (``@st.cache_data``)
- :mod:`.widgets`      charts, tables, pickers, click-to-filter, profile links, downloads
- :mod:`.quality_panel` the data-quality panel
- :mod:`.navigation`   the one workaround for a Streamlit internal (deep links with ``pages/``)

Everything else in :mod:`kemitraan` works without Streamlit, for the command line and exports.
"""
