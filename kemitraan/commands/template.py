"""``python -m kemitraan template OUT.xlsx``: write the upload template (or, with ``--xlsform``, the survey form)."""

from __future__ import annotations

from pathlib import Path

from kemitraan.errors import Refused
from kemitraan.i18n import t
from kemitraan.labels import fmt_number

NAME = "template"
HELP = (
    "Write the XLSX upload template (one sheet per kind, drop-downs, instructions), "
    "or with --xlsform the partnership survey as an XLSForm for KoboToolbox/ODK."
)


def add_arguments(p) -> None:
    p.add_argument("out", metavar="OUT.xlsx", help="file to write")
    p.add_argument("--xlsform", action="store_true", help="write the survey XLSForm instead of the template")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the drop-down labels")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


def run(args, store) -> int:
    from kemitraan.generators import template as templates
    from kemitraan.generators import xlsform

    out = Path(args.out)
    if out.exists() and not args.force:
        raise Refused(t("template.cli.exists", args.lang, path=out))
    data = xlsform.survey_xlsform() if args.xlsform else templates.template_xlsx(args.lang)
    out.write_bytes(data)
    print(t("template.cli.written", args.lang, path=out, size=fmt_number(len(data), args.lang, 0)))
    return 0
