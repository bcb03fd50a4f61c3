"""``python -m kemitraan angka [--json]``: the headline figures the pages show, for the sidebar's filters.

Without ``--dari``/``--sampai`` the range is the pages' default: the whole calendar years in the data.
``--per`` shows the figures as the store stood then (:mod:`kemitraan.storage.per`); ``--json`` names the
snapshot the figures come from under ``"snapshot": {"id": n, "waktu": "<iso>"}`` (with or without ``--per``).
The figures come from :func:`kemitraan.queries.figures.headline_figures`, which calls the same query
functions as the pages. ``--json`` prints the dict (its keys are a contract other tools read); without
it, a readable table in ``--lang``.
"""

from __future__ import annotations

import dataclasses
import json

from kemitraan import contract
from kemitraan.commands import building_notice
from kemitraan.commands.export import add_filter_arguments, filters_from_args, store_per
from kemitraan.errors import Refused
from kemitraan.i18n import t
from kemitraan.labels import (
    aggregation_note,
    change_unit,
    fmt_change,
    fmt_idr,
    fmt_number,
    fmt_pct,
    format_value,
    range_label,
    unit_label,
)
from kemitraan.methods import indices
from kemitraan.queries import figures, periods
from kemitraan.queries.filter_codes import parse_month
from kemitraan.storage import analysis_cache

NAME = "angka"
HELP = (
    "Print the headline figures the pages show for the given filters (period, category, program area, "
    "province, kabupaten/kota); --json for machines."
)


def add_arguments(p) -> None:
    add_filter_arguments(p)
    p.add_argument(
        "--sertakan-ditandai",
        dest="sertakan_ditandai",
        action="store_true",
        help="include the values the data-quality rules flag (left out by default, as on the pages)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the table and the messages")


#: The pages' default range (one function for the sidebar's default, ``angka`` and ``export``).
default_period = periods.default_filters


def run(args, store) -> int:
    lang = args.lang
    f = filters_from_args(args)
    store = store_per(args, store)  # --per: the store as it stood then, read only
    if store.is_empty():
        raise Refused(t("angka.cli.empty_store", lang))
    # the app's base file: no rebuild per command
    con = analysis_cache.connect(store, background=False, building=building_notice(lang))
    try:
        f = dataclasses.replace(f, include_flagged=bool(args.sertakan_ditandai))
        if args.dari is None and args.sampai is None:
            f = default_period(con, f)
        figs = figures.headline_figures(con, f)
    finally:
        con.close()
    sid, when = store.snapshot_info()
    figs["snapshot"] = {"id": sid, "waktu": when.isoformat()}
    if args.json:
        print(json.dumps(figs, ensure_ascii=False, indent=1))
    else:
        print("\n".join(table(figs, lang)))
    return 0


# --- the readable table ------------------------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _month(code: str | None):
    return parse_month(code) if code else None


def _header(figs: dict, lang: str) -> list[str]:
    p = figs["periode"]
    head = [t("angka.title", lang)]
    if p["dari"]:
        head.append(
            t("fig.period", lang, periode=range_label(_month(p["dari"]), _month(p["sampai"]), lang), bulan=p["bulan"])
        )
    if p["laporan_di_luar_batas"]:
        head.append(t("fig.straddling", lang, n=p["laporan_di_luar_batas"]))
    if p["nilai_ditandai"]:
        head.append(
            t("angka.flagged_in", lang) if p["sertakan_ditandai"] else t("fig.flagged_out", lang, n=p["nilai_ditandai"])
        )
    codes = {k: v for k, v in figs["filter"].items() if k != "sertakan_ditandai"}
    text = "; ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in codes.items())
    lines = [" · ".join(head), t("angka.filters", lang, filter=text) if text else t("angka.no_filters", lang)]
    if figs.get("snapshot"):
        snap = figs["snapshot"]
        lines.append(
            f"{t('export.data_date', lang)}: " + t("store.per.snapshot", lang, id=snap["id"], waktu=snap["waktu"])
        )
    return lines


def _headline(figs: dict, lang: str) -> list[str]:
    k, j, s, r, h = (figs[x] for x in ("kemitraan", "jangkauan", "keberlanjutan", "pelaporan", "kesehatan"))
    rows = [
        [t("angka.col.figure", lang), t("col.nilai", lang)],
        [t("kpi.kemitraan", lang), fmt_number(k["n"], lang)],
        [
            t("an.kpi.active", lang),
            f"{fmt_number(k['aktif'], lang)} / {fmt_number(k['n'], lang)}"
            + (" " + t("fig.agg.stock_stopped", lang, n=k["tidak_melapor"]) if k.get("tidak_melapor") else ""),
        ],
        [t("an.kpi.attainment", lang), fmt_pct(j["capaian_pct"], lang)],
        [t("an.kpi.coverage", lang), fmt_pct(j["cakupan_pct"], lang)],
        [t("an.kpi.rentan", lang), fmt_pct(j["porsi_rentan_pct"], lang)],
        [
            t("fig.kpi.cost", lang),
            f"{fmt_idr(j['biaya_per_kontak_idr'], lang)} (n = {fmt_number(j['n_biaya'] or 0, lang)})",
        ],
        [t("angka.realised", lang), fmt_pct(s["realisasi_pct"], lang)],
        [t("fig.kpi.completeness", lang), fmt_pct(r["kelengkapan_pct"], lang, 0)],
        [t("angka.timeliness", lang), fmt_pct(r["ketepatan_pct"], lang, 0)],
        [t("an.kpi.respondents", lang), fmt_number(h["n_responden"], lang)],
        [t("an.kpi.health", lang), "–" if h["skor"] is None else f"{fmt_number(h['skor'], lang)} / 100"],
        [t("fig.kpi.reach_index", lang), fmt_number(j["indeks_jangkauan"], lang, 1)],
        [t("fig.kpi.sust_index", lang), fmt_number(s["indeks_keberlanjutan"], lang, 1)],
    ]
    return _columns(rows)


def _indicators(figs: dict, lang: str) -> list[str]:
    rows = [[t("angka.section.indicators", lang), t("col.nilai", lang), t("angka.col.rule", lang)]]
    for kode, v in figs["indikator"].items():
        row = {**v, "bulan_stok": _month(v.get("bulan_stok"))}
        rows.append(
            [
                contract.indicator(kode).label(lang),
                format_value(kode, v["nilai"], lang),
                aggregation_note(kode, row, lang),
            ]
        )
    return _columns(rows)


def _impact(figs: dict, lang: str) -> list[str]:
    rows = [
        [
            t("angka.col.outcome", lang),
            t("fig.impact.kpi.change", lang),
            t("angka.col.cohort", lang),
            t("col.membaik", lang),
            t("angka.col.worsened", lang),
            t("angka.col.steady", lang),
            "n",
            t("angka.col.share", lang),
        ]
    ]
    warnings = []
    for kode, d in figs["dampak"].items():
        row = {**d, "kode_indikator": kode, "n_kemitraan": d["n"]}
        share = (
            f"{fmt_pct(d['porsi_membaik_pct'], lang, 0)} ({fmt_number(d['ik_bawah_pct'], lang)}–"
            f"{fmt_number(d['ik_atas_pct'], lang)})"
            if d["n"]
            else "–"
        )
        cohort = f"{fmt_number(d['baseline'], lang, 1)} → {fmt_number(d['terakhir'], lang, 1)} {unit_label(kode, lang)}"
        rows.append(
            [
                contract.indicator(kode).label(lang),
                indices.impact_change(row, lang),
                cohort,
                str(d["membaik"]),
                str(d["memburuk"]),
                str(d["tetap"]),
                str(d["n"]),
                share,
            ]
        )
        if d["bertentangan"]:
            warnings.append(f"{contract.indicator(kode).label(lang)}: {indices.impact_warning(row, lang)}")
    lines = _columns(rows) + warnings
    p = figs["periode"]
    if "jendela_awal" in p:
        win = {
            w: range_label(_month(p[w]["dari"]), _month(p[w]["sampai"]), lang)
            for w in ("jendela_awal", "jendela_akhir")
        }
        lines.append(t("angka.windows", lang, awal=win["jendela_awal"], akhir=win["jendela_akhir"]))
    return lines


def _comparison(figs: dict, lang: str) -> list[str]:
    """The comparison areas (docs/METHODS.md §13): each outcome's mean changes, their difference with its
    interval, and n areas each side; worded as a descriptive comparison."""
    if not figs.get("pembanding"):
        return []
    rows = [
        [
            t("angka.section.pembanding", lang),
            t("angka.col.years", lang),
            t("ref.compare.kpi.kemitraan", lang),
            t("ref.compare.kpi.pembanding", lang),
            t("ref.compare.kpi.selisih", lang),
        ]
    ]
    for kode, c in figs["pembanding"].items():
        ci = "" if c["ik_bawah"] is None else f" ({fmt_change(c['ik_bawah'], lang)} – {fmt_change(c['ik_atas'], lang)})"
        rows.append(
            [
                f"{contract.indicator(kode).label(lang)} ({change_unit(kode, lang)})",
                f"{c['tahun_awal']}→{c['tahun_akhir']}",
                f"{fmt_change(c['perubahan_kemitraan'], lang)} (n = {c['n_wilayah_kemitraan']})",
                f"{fmt_change(c['perubahan_pembanding'], lang)} (n = {c['n_wilayah_pembanding']})",
                fmt_change(c["selisih"], lang) + ci,
            ]
        )
    return ["", *_columns(rows), t("ref.compare.caution", lang)]


def table(figs: dict, lang: str) -> list[str]:
    """The figures as text lines: header, overview, every indicator, impact, comparison areas."""
    lines = _header(figs, lang)
    if not figs["indikator"]:
        return [*lines, "", t("angka.no_data", lang)]
    return [
        *lines,
        "",
        *_headline(figs, lang),
        "",
        *_indicators(figs, lang),
        "",
        *_impact(figs, lang),
        *_comparison(figs, lang),
    ]
