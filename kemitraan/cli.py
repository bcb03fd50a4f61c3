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

from kemitraan import commands, logs
from kemitraan.errors import LocalisedError, Refused, UsageError
from kemitraan.i18n import has, t
from kemitraan.labels import fmt_number
from kemitraan.storage import lake_fs
from kemitraan.storage.store import Store, default_data_dir

LANGS = ("id", "en")


def command_names() -> dict[str, str]:
    """Each command's name and its module's (``hash-password``: ``hash_password``), without importing them."""
    return {m.name.replace("_", "-"): m.name for m in pkgutil.iter_modules(commands.__path__)}


def _named_command(argv: list[str]) -> str | None:
    """The command a command line names (the first word that is one, not an option's value), or None."""
    names, skip = command_names(), False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--data-dir":
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in names else None
    return None


def help_lang(argv: list[str]) -> str:
    """The language of ``--help``: the command line's own ``--lang`` (as for every command's output), else
    Indonesian."""
    for i, arg in enumerate(argv):
        value = (
            arg.split("=", 1)[1]
            if arg.startswith("--lang=")
            else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        )
        if value in LANGS:
            return value
    return "id"


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            # argparse asks with prefix "" for a sub-command's prog: only None means "the usual heading"
            super().add_usage(usage, actions, groups, t("cli.argparse.usage", lang) if prefix is None else prefix)

    return Formatter


def _parser_in(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """argparse writes its own headings and -h in English; ours in ``lang``."""
    parser._positionals.title = t("cli.argparse.positionals", lang)
    parser._optionals.title = t("cli.argparse.options", lang)
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.argparse.help", lang))
    return parser


def _localise(parser: argparse.ArgumentParser, command: str, lang: str) -> None:
    """Every option's help from kemitraan/i18n/cli_help.py: ``cli.<command>.<option>``, else the shared
    ``cli.opt.<option>`` (tests/test_cli_lang.py checks that every option has one)."""
    for action in parser._actions:
        for key in (f"cli.{command}.{action.dest}", f"cli.opt.{action.dest}"):
            if has(key):
                default = action.default
                number = isinstance(default, (int, float)) and not isinstance(default, bool)
                shown = fmt_number(default, lang, 0 if float(default).is_integer() else 1) if number else default
                action.help = t(key, lang, default=shown)
                break


def build_parser(lang: str = "id", only: str | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """The parser of every command; with ``only``, every command is listed but only that one's module is imported
    and its options added (a command in a fresh process imports what it runs, not what the other eleven do)."""
    parser = _parser_in(
        argparse.ArgumentParser(
            prog="python -m kemitraan",
            description=t("cli.description", lang),
            add_help=False,
            formatter_class=_formatter(lang),
        ),
        lang,
    )
    parser.add_argument("--data-dir")
    _localise(parser, "", lang)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.argparse.commands", lang).upper())
    mods = {}
    for name, module in sorted(command_names().items()):
        text = t(f"cli.{name}", lang)
        p = _parser_in(
            sub.add_parser(name, help=text, description=text, add_help=False, formatter_class=_formatter(lang)),
            lang,
        )
        if only is None or name == only:
            mod = importlib.import_module(f"{commands.__name__}.{module}")
            mod.add_arguments(p)
            _localise(p, name, lang)
            mods[name] = mod
    return parser, mods


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser, mods = build_parser(help_lang(given), only=_named_command(given))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    mod = mods[args.command]
    if getattr(mod, "NEEDS_STORE", True):
        logs.setup(lake_fs.local_dir(args.data_dir or default_data_dir()), stderr=False)
    try:
        if hasattr(mod, "before_store"):  # work that can overlap with opening the store (the console's worker)
            mod.before_store(args)
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
