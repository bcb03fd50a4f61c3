"""``python -m kemitraan hash-password``: an argon2 hash for the users file, password from standard input."""

from __future__ import annotations

import getpass
import sys

from kemitraan import auth
from kemitraan.errors import Refused
from kemitraan.i18n import t

NAME = "hash-password"
HELP = (
    "Read a password from standard input (not echoed on a terminal) and print its argon2 hash "
    "for the users file (.streamlit/users.toml or $KEMITRAAN_USERS_FILE)."
)
NEEDS_STORE = False


def add_arguments(p) -> None:
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the prompts and messages")


def _read_password(lang: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(t("auth.cli.prompt", lang))
        if getpass.getpass(t("auth.cli.confirm", lang)) != first:
            raise Refused(t("auth.cli.mismatch", lang))
        return first
    # Piped: the first line, without its line ending (a password never holds a newline).
    return sys.stdin.readline().rstrip("\r\n")


def run(args, store) -> int:
    password = _read_password(args.lang)
    if len(password) < auth.MIN_PASSWORD_LENGTH:
        raise Refused(t("auth.cli.too_short", args.lang, n=auth.MIN_PASSWORD_LENGTH))
    hashed = auth.hash_password(password)
    print(hashed)
    if sys.stderr.isatty():
        print(t("auth.cli.hint", args.lang, hash=hashed), file=sys.stderr)
    return 0
