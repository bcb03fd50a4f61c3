"""Sub-commands of ``python -m kemitraan``, one module each (see kemitraan.cli), and what several of them share
about the analysis base: saying why a command waits for it, and preparing it after a write.

Imports stay inside the functions: the command line imports this package to list the commands."""

from __future__ import annotations


def building_notice(lang: str):
    """What a command says on stderr before it builds the analysis base of a data version (about twenty seconds at ten
    million rows: the wait is explained, the output on stdout unchanged)."""
    import sys

    from kemitraan.i18n import t
    from kemitraan.labels import fmt_number

    def notice(rows: int) -> None:
        print(t("cli.base.building", lang, rows=fmt_number(rows, lang)), file=sys.stderr, flush=True)

    return notice


def prepare_after_write(store, lang: str) -> bool:
    """After a command changed the data (ingest, demo, undo, redo): build the new version's analysis base now when no
    built base serves it and the store is large (:func:`analysis_cache.prepare`), saying so on stderr. The command
    that wrote ten million rows takes that time once, instead of the first ``angka``, ``sql`` or page after it. A
    small write laid over a built base (the usual upload) builds nothing."""
    from kemitraan.storage import analysis_cache

    return analysis_cache.prepare(store, building=building_notice(lang))
