"""Upload spreadsheets as evaluators really have them: read -> normalise -> validate -> preview -> commit.

report = prepare(store, [(name, data), ...])   # writes nothing
report.ok, report.counts, report.problems, report.problems_frame(lang), report.invalid_rows_xlsx(lang)
commit(store, report, skip_invalid=False, user=None) -> [manifest, ...]   # one batch per file
"""

from kemitraan.ingest.pipeline import Report, commit, prepare
from kemitraan.ingest.problems import IngestRefused, Problem

__all__ = ["IngestRefused", "Problem", "Report", "commit", "prepare"]
