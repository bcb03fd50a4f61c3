"""The four indices of the dashboard: reach, sustainability, impact, partnership health.

Pure functions, DataFrame in and DataFrame out, so the pages, the exports and the
tests compute them the same way. The inputs are already aggregated by
:mod:`kemitraan.queries` (flows summed, stocks last value, rates
weighted), one row per group and indicator; these functions only combine them.

Each index, and each rule every figure follows (periods, flows / stocks / rates, denominators,
flagged values, completeness), is documented in :data:`INDEX_DOCS`, which the Metodologi page renders
(definition, formula, unit, direction, source; texts in ``kemitraan/i18n/methodology.py``;
docs/METHODS.md says the same at length). Impact (the share of a cohort improving, with its
interval) is computed in :mod:`kemitraan.queries.impact`; only its direction rule lives here.

Survey scoring follows the Wilder Collaboration Factors Inventory (3rd ed., 2018):
a principle's score is the mean of its 1–5 agreement items, read against Wilder's
cut-offs (≥ 4.0 strength, 3.0–3.9 borderline, ≤ 2.9 concern), and shown on 0–100
as (mean − 1) / 4 × 100. PSAT's zones are kept as an alternative scheme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import change_unit, fmt_change, fmt_number
from kemitraan.methods import rules

# --- named constants (configurable in one place) ------------------------------------

#: Wilder Collaboration Factors Inventory cut-offs on the 1–5 mean (applied unrounded):
#: mean ≥ 4.0 strong, 3.0 ≤ mean < 4.0 needs attention, mean < 3.0 weak.
WILDER_STRONG_MIN = 4.0
WILDER_ATTENTION_MIN = 3.0

#: PSAT zones as commonly reported (not confirmed against the instrument's own text):
#: < 3.0 danger, 3.0–< 4.0 work, 4.0–< 4.6 headway, ≥ 4.6 target.
PSAT_ZONES: tuple[tuple[float, str], ...] = ((4.6, "target"), (4.0, "headway"), (3.0, "work"), (-math.inf, "danger"))

#: Zones in the Wilder scheme, best first; codes are i18n keys ``zona.<code>``.
HEALTH_ZONES: tuple[str, ...] = ("kuat", "perlu_perhatian", "lemah")

#: Below this many respondents a survey score is shown with a warning.
MIN_RESPONDENTS = 5
#: Below this many partnerships in an impact cohort every view warns that the figures are not yet reliable.
IMPACT_SMALL_N = MIN_RESPONDENTS * 2

#: Sustainability: this many distinct funding sources count as fully diversified.
SOURCES_FULL = 3

#: Components are ratios capped at this value (over-achievement does not hide a gap elsewhere).
RATIO_CAP = 1.0

#: Coverage's numerator when the input holds it: contacts over the periods that report a target population.
COVERAGE_REACHED = "terjangkau_bersasaran"

#: Indicators whose realisation-vs-target attainment enters the reach index.
REACH_ATTAINMENT = ("terjangkau", "kelompok_rentan_terjangkau", "peserta_kb_baru", "peserta_kb_aktif", "layanan")
#: Indicators whose realisation-vs-target attainment enters the sustainability index.
CAPACITY_ATTAINMENT = ("kader_dilatih", "pertemuan_koordinasi")


def _ratio(num: float | None, den: float | None, cap: float | None = RATIO_CAP) -> float:
    """num / den, NaN when either is missing or den ≤ 0; capped at ``cap``."""
    if num is None or den is None or pd.isna(num) or pd.isna(den) or den <= 0:
        return float("nan")
    r = float(num) / float(den)
    return min(r, cap) if cap is not None else r


def _mean(values: list[float]) -> float:
    vals = [v for v in values if not pd.isna(v)]
    return float(np.mean(vals)) if vals else float("nan")


def _per_group(
    df: pd.DataFrame, group_cols: list[str]
) -> list[tuple[dict, dict[str, float], dict[str, float], dict[str, float]]]:
    """[(group key, {indicator: nilai}, {indicator: target}, {indicator: value compared with target})] per group.

    The value compared with a target is ``nilai_bertarget`` when present (the value over
    the reports that carry a target, so both sides cover the same reports), else ``nilai``.
    """
    out = []
    if df.empty:
        return out
    grouped = df.groupby(group_cols, sort=True, dropna=False) if group_cols else [((), df)]
    for key, part in grouped:
        key = key if isinstance(key, tuple) else (key,)
        values = dict(zip(part["kode_indikator"], part["nilai"]))
        targets = dict(zip(part["kode_indikator"], part["target"])) if "target" in part else {}
        cmp_col = "nilai_bertarget" if "nilai_bertarget" in part else "nilai"
        attained = dict(zip(part["kode_indikator"], part[cmp_col]))
        out.append((dict(zip(group_cols, key)), values, targets, attained))
    return out


# --- reach ------------------------------------------------------------------------------


def reach_index(df: pd.DataFrame, group_cols: list[str]) -> pd.DataFrame:
    """Reach per group.

    ``df``: one row per group and indicator with ``kode_indikator``, ``nilai`` and
    ``target`` already aggregated over the period (see ``queries.indicators.indicator_totals``).

    Returns group columns plus:

    - ``cakupan_pct`` coverage = terjangkau ÷ sasaran × 100 (uncapped, as reported); where ``df`` holds
      ``terjangkau_bersasaran`` (the contacts of the periods that report a target population, see
      ``queries.indicators.TERJANGKAU_BERSASARAN``) that is the numerator, so contacts of partnerships without
      a target population never inflate coverage;
    - ``porsi_rentan_pct`` hard-to-reach share = kelompok_rentan_terjangkau ÷ terjangkau × 100;
    - ``capaian_pct`` target attainment = terjangkau ÷ its target × 100, over the reports that carry a
      target (a ratio of sums, uncapped: what "attainment" means to a reader);
    - ``capaian_gabungan_pct`` composite attainment = mean over reach indicators with a positive
      target of min(1, realisasi ÷ target) × 100 (a component of the index, labelled as composite);
    - ``indeks_jangkauan`` = 100 × mean of the available components
      {min(1, terjangkau ÷ sasaran), composite attainment}: a composite index.
    """
    rows = []
    for key, v, tgt, a in _per_group(df, group_cols):
        coverage = _ratio(v.get(COVERAGE_REACHED, v.get("terjangkau")), v.get("sasaran"), cap=None)
        attain = _mean([_ratio(a.get(k), tgt.get(k)) for k in REACH_ATTAINMENT])
        components = [min(coverage, RATIO_CAP) if not pd.isna(coverage) else coverage, attain]
        rows.append(
            {
                **key,
                "cakupan_pct": coverage * 100,
                "porsi_rentan_pct": _ratio(v.get("kelompok_rentan_terjangkau"), v.get("terjangkau"), cap=None) * 100,
                "capaian_pct": _ratio(a.get("terjangkau"), tgt.get("terjangkau"), cap=None) * 100,
                "capaian_gabungan_pct": attain * 100,
                "indeks_jangkauan": _mean(components) * 100,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            *group_cols,
            "cakupan_pct",
            "porsi_rentan_pct",
            "capaian_pct",
            "capaian_gabungan_pct",
            "indeks_jangkauan",
        ],
    )


# --- sustainability -----------------------------------------------------------------------


def sustainability_index(df: pd.DataFrame, group_cols: list[str]) -> pd.DataFrame:
    """Sustainability per group, from the same long input as :func:`reach_index`.

    Components (each 0–1, NaN when its data are missing):

    - ``realisasi_dana`` S1 = min(1, dana_realisasi_idr ÷ dana_komitmen_idr);
    - ``dana_lokal`` S2 = porsi_dana_lokal_pct ÷ 100;
    - ``diversifikasi`` S3 = min(1, jumlah_sumber_dana ÷ SOURCES_FULL);
    - ``kapasitas`` S4 = mean of min(1, realisasi ÷ target) over kader_dilatih and pertemuan_koordinasi.

    ``indeks_keberlanjutan`` = 100 × mean of the available components (equal weights).
    """
    cols = ["realisasi_dana", "dana_lokal", "diversifikasi", "kapasitas"]
    rows = []
    for key, v, tgt, a in _per_group(df, group_cols):
        local = v.get("porsi_dana_lokal_pct")
        comp = {
            "realisasi_dana": _ratio(v.get("dana_realisasi_idr"), v.get("dana_komitmen_idr")),
            "dana_lokal": float("nan") if local is None or pd.isna(local) else min(max(float(local), 0.0), 100.0) / 100,
            "diversifikasi": _ratio(v.get("jumlah_sumber_dana"), SOURCES_FULL),
            "kapasitas": _mean([_ratio(a.get(k), tgt.get(k)) for k in CAPACITY_ATTAINMENT]),
        }
        rows.append({**key, **comp, "indeks_keberlanjutan": _mean(list(comp.values())) * 100})
    return pd.DataFrame(rows, columns=[*group_cols, *cols, "indeks_keberlanjutan"])


# --- impact ---------------------------------------------------------------------------------


def direction(kode: str) -> int:
    """+1 when higher is better, −1 when lower is better, 0 when the catalog says neither."""
    better = contract.indicator(kode).lebih_tinggi_lebih_baik
    return 0 if better is None else (1 if better else -1)


# the impact in words: one text per figure, so the page, Ringkasan, the slide, the exports and `angka` agree


def impact_change(row, lang: str) -> str:
    """One outcome's headline, the cohort's pooled change with its interval: ``−10,0 poin persentase (IK 95 %
    −10,4 s.d. −9,6)``; every view shows this same text (the same rounding)."""
    text = f"{fmt_change(row['perubahan'], lang)} {change_unit(row['kode_indikator'], lang)}"
    interval = impact_interval(row, lang)
    return f"{text} {interval}" if interval else text


def impact_interval(row, lang: str) -> str:
    """``(IK 95 % −10,4 s.d. −9,6)``: the pooled change's interval as every view writes it ("" when none)."""
    if pd.isna(row.get("perubahan_bawah", float("nan"))):
        return ""
    return t(
        "fig.impact.interval",
        lang,
        lo=fmt_change(row["perubahan_bawah"], lang),
        hi=fmt_change(row["perubahan_atas"], lang),
    )


def impact_statement(row, lang: str) -> str:
    """The impact of one outcome in words, pooled change first, then the partnerships, then what contradicts or
    is too small: the page, Ringkasan, the slide, the exports and ``angka`` say it the same way."""
    kode = row["kode_indikator"]
    n = int(row["n_kemitraan"])
    text = t(
        "fig.impact.statement",
        lang,
        indikator=contract.indicator(kode).label(lang),
        perubahan=impact_change(row, lang),
        awal=fmt_number(row["baseline"], lang, 1),
        akhir=fmt_number(row["terakhir"], lang, 1),
        k=int(row["membaik"]),
        m=int(row["memburuk"]),
        n=n,
    )
    warning = impact_warning(row, lang)
    return f"{text}. {warning}" if warning else text


def impact_warning(row, lang: str) -> str:
    """What the reader must know before reading one outcome's impact: the share and the pooled change point
    different ways, or the cohort is small ("" when neither)."""
    parts = []
    if bool(row.get("bertentangan")):
        worse = (
            float(row["perubahan"]) * (1 if contract.indicator(row["kode_indikator"]).lebih_tinggi_lebih_baik else -1)
            < 0
        )
        parts.append(
            t(
                "fig.impact.contradiction.worse" if worse else "fig.impact.contradiction.better",
                lang,
                k=int(row["membaik"]),
                m=int(row["memburuk"]),
                n=int(row["n_kemitraan"]),
            )
        )
    if 0 < int(row["n_kemitraan"]) < IMPACT_SMALL_N:
        parts.append(t("fig.impact.small_n", lang, n=int(row["n_kemitraan"])))
    return " ".join(parts)


# --- partnership health ---------------------------------------------------------------------


def health_score(mean: float) -> float:
    """0–100 from a 1–5 mean: (mean − 1) / 4 × 100."""
    return (float(mean) - 1.0) / 4.0 * 100.0


#: The same cut-offs on the 0–100 score every page shows (one scale everywhere): 75 and 50.
STRONG_SCORE = (WILDER_STRONG_MIN - 1.0) / 4.0 * 100.0
ATTENTION_SCORE = (WILDER_ATTENTION_MIN - 1.0) / 4.0 * 100.0


def health_zone(mean: float | None, scheme: str = "wilder") -> str | None:
    """Zone code of a 1–5 mean: Wilder ``kuat`` / ``perlu_perhatian`` / ``lemah``, or PSAT zones."""
    if mean is None or pd.isna(mean):
        return None
    if scheme == "psat":
        for cut, code in PSAT_ZONES:
            if mean >= cut:
                return code
    if mean >= WILDER_STRONG_MIN:
        return "kuat"
    if mean >= WILDER_ATTENTION_MIN:
        return "perlu_perhatian"
    return "lemah"


def health_scores(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``skor`` (0–100), ``zona`` and ``n_kecil`` (n < MIN_RESPONDENTS) to per-principle means.

    ``df`` holds ``rata_rata`` (the 1–5 mean of the principle's answers) and ``n``
    (respondents who answered), plus any group columns.
    """
    out = df.copy()
    out["skor"] = [health_score(m) if not pd.isna(m) else float("nan") for m in out["rata_rata"]]
    out["zona"] = [health_zone(m) for m in out["rata_rata"]]
    out["n_kecil"] = out["n"] < MIN_RESPONDENTS
    return out


def health_overall(df: pd.DataFrame, group_cols: list[str]) -> pd.DataFrame:
    """Overall health per group: mean over principles of the principle means (each principle equal).

    Returns group columns, ``rata_rata``, ``skor``, ``zona``, ``n`` (the largest n over the
    principles: respondents who answered at least one), ``n_kecil``.
    """
    cols = [*group_cols, "rata_rata", "skor", "zona", "n", "n_kecil"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    if group_cols:
        g = (
            df.groupby(group_cols, sort=True, dropna=False)
            .agg(rata_rata=("rata_rata", "mean"), n=("n", "max"))
            .reset_index()
        )
    else:
        g = pd.DataFrame({"rata_rata": [df["rata_rata"].mean()], "n": [df["n"].max()]})
    return health_scores(g)[cols]


# --- documentation for the Metodologi page ---------------------------------------------------


@dataclass(frozen=True)
class IndexDoc:
    """One index as the Metodologi page shows it; texts are i18n keys in ``methodology``."""

    key: str
    name_key: str
    definition_key: str
    formula_key: str
    unit_key: str
    direction_key: str
    source_key: str


INDEX_DOCS: tuple[IndexDoc, ...] = tuple(
    IndexDoc(
        k,
        f"metode.{k}.nama",
        f"metode.{k}.definisi",
        f"metode.{k}.rumus",
        f"metode.{k}.satuan",
        f"metode.{k}.arah",
        f"metode.{k}.sumber",
    )
    for k in (
        # which reports count and how they add up: the rules under every figure
        "periode",
        "agregasi",
        "penyebut",
        "stok",
        "ditandai",
        "kelengkapan",
        "peta_penduduk",
        # reach, sustainability, impact, partnership health
        "capaian",
        "cakupan",
        "porsi_rentan",
        "biaya_per_kontak",
        "indeks_jangkauan",
        "indeks_keberlanjutan",
        "dampak_membaik",
        "dampak_kohort",
        "skor_kesehatan",
        "zona_kesehatan",
    )
)


def _minimum_changes(lang: str) -> str:
    """``mCPR 1 poin persen; …``: the catalog's minimum change of every outcome, in its change unit."""
    parts = []
    for ind in contract.indicators_of("dampak"):
        if ind.perubahan_min is not None:
            m = ind.perubahan_min
            parts.append(
                f"{ind.label(lang)} {fmt_number(m, lang, 0 if float(m).is_integer() else 1)} "
                f"{change_unit(ind.kode, lang)}"
            )
    return "; ".join(parts)


def _doc_fields(lang: str) -> dict[str, object]:
    """Constants quoted by the method texts, so the page always shows the values in force."""
    return {
        "outlier": f"{rules.OUTLIER_FACTOR:g}",
        "rate_jump": f"{rules.RATE_JUMP:g}",
        "history": rules.HISTORY,
        "hari": contract.REPORT_ON_TIME_DAYS,
        "window": rules.WINDOW_MONTHS,
        "impact_small": IMPACT_SMALL_N,  # every view warns below this cohort size
        "minimum": _minimum_changes(lang),
        "strong": f"{STRONG_SCORE:.0f}",
        "attention": f"{ATTENTION_SCORE:.0f}",
        "strong_mean": WILDER_STRONG_MIN,
        "attention_mean": WILDER_ATTENTION_MIN,
        "min_n": MIN_RESPONDENTS,
        "sources_full": SOURCES_FULL,
        "psat": ", ".join(f"{code} ≥ {cut}" for cut, code in PSAT_ZONES if cut > -math.inf),
    }


def index_docs(lang: str) -> pd.DataFrame:
    """The indices documented for the Metodologi page, in ``lang``."""
    f = _doc_fields(lang)
    rows = [
        {
            "kode": d.key,
            "nama": t(d.name_key, lang),
            "definisi": t(d.definition_key, lang, **f),
            "rumus": t(d.formula_key, lang, **f),
            "satuan": t(d.unit_key, lang),
            "arah": t(d.direction_key, lang),
            "sumber": t(d.source_key, lang),
        }
        for d in INDEX_DOCS
    ]
    return pd.DataFrame(rows)
