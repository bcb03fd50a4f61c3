"""``python -m kemitraan``: a thin layer over the same functions the app calls.

Each module in :mod:`kemitraan.commands` is one sub-command: it defines
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args, store) -> int``
(``NEEDS_STORE = False`` for a command that must not open the data folder).
Exit codes: 0 done, 1 refused (bad input; the reason on stderr) or an unexpected error (a reference
id on stderr, the traceback in the log), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from kemitraan import commands
from kemitraan.errors import LocalisedError, Refused, UsageError
from kemitraan import logs
from kemitraan.i18n import t
from kemitraan.storage.store import Store, default_data_dir


def _command_modules() -> list:
    return [importlib.import_module(f"{commands.__name__}.{m.name}") for m in pkgutil.iter_modules(commands.__path__)]


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="python -m kemitraan",
        description="Dasbor Kemitraan: data store, demo data, ingest and read-only SQL.",
    )
    parser.add_argument("--data-dir", help="data folder (default: $KEMITRAAN_DATA_DIR or ./data)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    mods = {}
    for mod in sorted(_command_modules(), key=lambda m: m.NAME):
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        mods[mod.NAME] = mod
    return parser, mods


def main(argv: list[str] | None = None) -> int:
    parser, mods = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    mod = mods[args.command]
    if getattr(mod, "NEEDS_STORE", True):
        logs.setup(args.data_dir or default_data_dir(), stderr=False)
    try:
        store = Store(args.data_dir) if getattr(mod, "NEEDS_STORE", True) else None
        return int(mod.run(args, store) or 0)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Refused as exc:  # an error worded by a key (a full disk, the console) in the language asked for
        lang = getattr(args, "lang", None) or "id"
        print(exc.message(lang) if isinstance(exc, LocalisedError) else str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback: a reference the administrator finds in the log
        ref = logs.unexpected(exc, f"python -m kemitraan {args.command}")
        print(t("app.unexpected", getattr(args, "lang", None) or "id", ref=ref), file=sys.stderr)
        return 1
