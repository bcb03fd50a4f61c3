"""``python -m kemitraan export pptx|html|xlsx --out FILE``: the presentation deck, as the app exports it.

Without ``--dari``/``--sampai`` the range is the pages' default, the whole calendar years in the data
(:func:`kemitraan.queries.periods.default_filters`, as ``angka``)."""

from __future__ import annotations

import gc
import os
import tempfile
import time
from pathlib import Path

from kemitraan import contract
from kemitraan.commands import building_notice
from kemitraan.errors import Refused, UsageError
from kemitraan.i18n import t
from kemitraan.labels import fmt_number
from kemitraan.queries import filter_codes, periods
from kemitraan.queries.filter_codes import parse_month
from kemitraan.queries.filters import Filters
from kemitraan.storage import analysis_cache, per

NAME = "export"
HELP = (
    "Export the presentation deck for the given filters: PowerPoint with native charts (pptx), one offline "
    "HTML report (html) or the data behind every chart (xlsx)."
)
FORMATS = ("pptx", "html", "xlsx")


def add_filter_arguments(p) -> None:
    """The sidebar's filters as flags (read back by :func:`filters_from_args`); other commands reuse them."""
    for name, what in (
        ("kategori", "partnership category"),
        ("bidang", "program area"),
        ("provinsi", "province (BPS code or name)"),
    ):
        p.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="CODE",
            help=f"{what}; repeat the flag or separate codes with commas",
        )
    p.add_argument(
        "--kabupaten",
        action="append",
        default=[],
        metavar="NAME",
        help="kabupaten/kota: a name in any spelling (Kab. Bogor, Kabupaten Bogor) or a Kemendagri code "
        "(32.01); repeat the flag or separate names with commas",
    )
    p.add_argument("--dari", metavar="YYYY-MM", help="first month included")
    p.add_argument("--sampai", metavar="YYYY-MM", help="last month included")
    add_per_argument(p)


def add_per_argument(p) -> None:
    """``--per`` (read back by :func:`store_per`): export, angka, sql, check and batches take it."""
    p.add_argument(
        "--per",
        metavar="SNAPSHOT|DATE|DATETIME",
        help="the data as stored then: a snapshot number, a date (the end of that day, local time) or a date and time",
    )


def store_per(args, store):
    """``store`` as it stood at ``--per`` (read only), or as it is without it (:mod:`kemitraan.storage.per`)."""
    if not getattr(args, "per", None):
        return store
    try:
        return per.open_per(store, args.per)
    except per.BadPer as exc:
        raise UsageError(exc.message(args.lang)) from exc


def add_arguments(p) -> None:
    p.add_argument("format", choices=FORMATS, help="pptx | html | xlsx")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write")
    add_filter_arguments(p)
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the export and the messages")
    p.add_argument(
        "--slides",
        metavar="KEY,KEY,...",
        help="slides in order (default: ringkasan,jangkauan,dana,dampak,pembanding,kesehatan,peta)",
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _codes(values: list[str], field: str, lang: str) -> tuple[str, ...]:
    """Codes from repeated or comma-separated values; a label (either language) or province name is accepted."""
    items = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
    out = []
    for item in items:
        code = (
            contract.province_by_code(item) or contract.province_by_name(item)
            if field == "provinsi"
            else contract.enum_code(field, item)
        )
        if code is None and field == "provinsi":
            raise UsageError(t("export.cli.bad_province", lang, value=item))
        if code is None:
            raise UsageError(
                t(
                    "export.cli.bad_code",
                    lang,
                    flag=f"--{field}",
                    value=item,
                    known=", ".join(contract.enum_codes(field)),
                )
            )
        out.append(code)
    return tuple(dict.fromkeys(out))


def filters_from_args(args) -> Filters:
    lang = args.lang
    months = {}
    for flag in ("dari", "sampai"):
        value = getattr(args, flag)
        if value is not None:
            months[flag] = parse_month(value)
            if months[flag] is None:
                raise UsageError(t("export.cli.bad_month", lang, flag=f"--{flag}", value=value))
    lo, hi = months.get("dari"), months.get("sampai")
    if lo and hi and lo > hi:
        raise UsageError(t("export.cli.bad_range", lang, dari=args.dari, sampai=args.sampai))
    provinsi = _codes(args.provinsi, "provinsi", lang)
    return Filters(
        lo,
        hi,
        _codes(args.kategori, "kategori", lang),
        _codes(args.bidang, "bidang", lang),
        provinsi,
        _kabupaten(args.kabupaten, provinsi, lang),
    )


def _kabupaten(values: list[str], provinsi: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Kemendagri codes from names in any spelling ("Kab. Bogor", "kabupaten bogor") or codes; a name that is no
    area, or two ("Bogor"), is a usage error naming the areas it may mean."""
    out = []
    for item in (v.strip() for raw in values for v in raw.split(",")):
        if not item:
            continue
        m = filter_codes.area_match(item, provinsi)
        if not m.ok:
            names = " / ".join(contract.area_name(c) for c in m.candidates)
            raise UsageError(
                t("angka.cli.bad_kabupaten", lang, value=item)
                + (" " + t("ingest.hint.did_you_mean", lang, value=names) if names else "")
            )
        out.append(m.kode)
    return tuple(dict.fromkeys(out))


def _write_atomically(out: Path, data: bytes) -> None:
    """Nothing half-written: a temporary file beside ``out``, renamed into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args, store) -> int:
    from kemitraan.export import deck as deck_mod

    lang = args.lang
    f = filters_from_args(args)
    try:
        keys = deck_mod.parse_slides(args.slides)
    except deck_mod.UnknownSlides as exc:
        raise UsageError(exc.message(lang)) from exc
    out = Path(args.out)
    if not out.parent.is_dir():
        raise Refused(t("export.cli.no_dir", lang, path=out.parent))
    if out.exists() and not args.force:
        raise Refused(t("export.cli.exists", lang, path=out))
    store = store_per(args, store)
    if store.is_empty():
        raise Refused(t("angka.cli.empty_store", lang))
    started = time.perf_counter()
    # the app's base file: no rebuild per command
    con = analysis_cache.connect(store, background=False, building=building_notice(lang))
    if args.dari is None and args.sampai is None:
        f = periods.default_filters(con, f)  # what the app and `angka` show by default: whole calendar years
    # only the asked format's writer is imported: python-pptx alone costs an html export 0.1 s
    if args.format == "xlsx":
        from kemitraan.export import xlsx_export

        # The collector paused: xlsxwriter holds the partnerships sheet as 200,000 small objects, none in a cycle,
        # and every pass of the collector while it fills would walk them all again (0.2 s of the command).
        collecting = gc.isenabled()
        gc.disable()
        try:
            deck, data = xlsx_export.build(con, store, f, lang, keys)  # the deck beside the partnerships sheet
        finally:
            if collecting:
                gc.enable()
    else:
        deck = deck_mod.build_deck(con, store, f, lang, keys)
        if args.format == "pptx":
            from kemitraan.export import pptx_export

            data = pptx_export.to_pptx(deck)
        else:
            from kemitraan.export import html_export

            data = html_export.to_html(deck).encode("utf-8")
    _write_atomically(out, data)
    print(
        t(
            "export.cli.written",
            lang,
            path=out,
            n=len(deck.slides),
            kb=fmt_number(len(data) / 1024, lang, 0),
            s=fmt_number(time.perf_counter() - started, lang, 1),
        )
    )  # 5.132 KB / 5,132 KB: the reader's separators
    print(deck.context.footer())
    return 0
