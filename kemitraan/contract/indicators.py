"""The indicator catalog (``kemitraan/catalog/indikator.csv``): dimension, unit, aggregation rules, direction, range."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kemitraan.catalog import read_csv
from kemitraan.contract.vocabulary import norm_header


@dataclass(frozen=True)
class Indicator:
    kode: str
    label_id: str
    label_en: str
    dimensi: str
    satuan: str
    agregasi_waktu: (
        str  # jumlah (flow: sum) | terakhir (stock: last) | rata_rata (rate: Σ(nilai × penyebut) / Σ penyebut)
    )
    agregasi_wilayah: str  # jumlah | rata_rata
    lebih_tinggi_lebih_baik: bool | None
    min: float | None
    max: float | None
    definisi_id: str
    definisi_en: str
    extra: dict = field(default_factory=dict, compare=False)
    # What a rate's ``penyebut`` counts (empty for flows and stocks) and its unit.
    penyebut_id: str = ""
    penyebut_en: str = ""
    penyebut_satuan: str = ""
    # Earlier labels and other spellings accepted on input (a file made with an older template keeps working).
    alias: tuple[str, ...] = ()
    #: Outcomes: the smallest change (in the indicator's unit) that counts as improving or worsening.
    perubahan_min: float | None = None
    #: What the map shows for an area (one of :data:`MAP_MEASURES`): the value itself for rates and averages, a count
    #: per 1,000 or 100,000 people of the area (2025 population), rupiah per person, or the value as % of its target.
    peta: str = "nilai"

    @property
    def is_rate(self) -> bool:
        """A rate or share: aggregated as Σ(nilai × penyebut) / Σ penyebut, never summed."""
        return self.agregasi_waktu == "rata_rata"

    def denominator(self, lang: str = "id") -> str:
        """What the rate's ``penyebut`` counts, in ``lang`` ("" when the indicator is not a rate)."""
        return self.penyebut_id if lang == "id" else self.penyebut_en

    def label(self, lang: str = "id") -> str:
        return self.label_id if lang == "id" else self.label_en

    def in_sentence(self, lang: str = "id") -> str:
        """The label inside a sentence ("Di provinsi mana orang terjangkau terbesar?"): its first letter lowered,
        unless the first word is an acronym or a name (mCPR, ASFR, KB)."""
        label = self.label(lang)
        first = label.split(" ", 1)[0]
        return label[:1].lower() + label[1:] if first[1:] == first[1:].lower() and first[:1].isupper() else label

    def definition(self, lang: str = "id") -> str:
        return self.definisi_id if lang == "id" else self.definisi_en


#: How an area's value is put on the map (catalog column ``peta``) and the number each divides by:
#: ``nilai`` the value as it is (a rate, or a mean across partnerships, is already comparable between areas);
#: ``per_1000_penduduk`` / ``per_100000_penduduk`` / ``per_penduduk`` the value ÷ the area's 2025 population ×
#: 1,000 / 100,000 / 1; ``persen_target`` the value over the reports with a target ÷ their target × 100 (family
#: planning counts: the total population is not their denominator, catalog/README).
MAP_MEASURES: dict[str, int | None] = {
    "nilai": None,
    "per_1000_penduduk": 1_000,
    "per_100000_penduduk": 100_000,
    "per_penduduk": 1,
    "persen_target": None,
}


def _opt_float(s: str) -> float | None:
    return float(s) if s not in ("", None) else None


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for r in read_csv("indikator.csv"):
        better = r["lebih_tinggi_lebih_baik"]
        out[r["kode"]] = Indicator(
            kode=r["kode"],
            label_id=r["label_id"],
            label_en=r["label_en"],
            dimensi=r["dimensi"],
            satuan=r["satuan"],
            agregasi_waktu=r["agregasi_waktu"],
            agregasi_wilayah=r["agregasi_wilayah"],
            lebih_tinggi_lebih_baik=None if better == "" else better == "1",
            min=_opt_float(r["min"]),
            max=_opt_float(r["max"]),
            definisi_id=r["definisi_id"],
            definisi_en=r["definisi_en"],
            penyebut_id=r["penyebut_id"],
            penyebut_en=r["penyebut_en"],
            penyebut_satuan=r["penyebut_satuan"],
            perubahan_min=_opt_float(r["perubahan_min"]),
            alias=tuple(a.strip() for a in r["alias"].split(";") if a.strip()),
            peta=r["peta"],
        )
        if r["peta"] not in MAP_MEASURES:
            raise ValueError(f"indikator.csv: {r['kode']}: peta {r['peta']!r} is not one of {', '.join(MAP_MEASURES)}")
    return out


def indicator(kode: str) -> Indicator:
    return indicators()[kode]


def indicators_of(dimensi: str) -> list[Indicator]:
    return [i for i in indicators().values() if i.dimensi == dimensi]


@lru_cache(maxsize=1)
def _indicator_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for k, ind in indicators().items():
        for s in (k, ind.label_id, ind.label_en, *ind.alias):
            idx.setdefault(norm_header(s), k)
    return idx


def indicator_code(value: object) -> str | None:
    """Catalog code for a code or a label (either language); None if unknown."""
    return _indicator_index().get(norm_header(value))
