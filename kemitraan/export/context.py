"""What every export prints: scope (filters), period with partial years marked, data date, batches, demo marker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kemitraan import contract
from kemitraan.generators import demo_state
from kemitraan.i18n import t
from kemitraan.labels import month_names  # noqa: E402,F401  (re-exported for the exporters)
from kemitraan.queries import periods
from kemitraan.queries.filters import Filters


def fmt_date(d: dt.date | None, lang: str) -> str:
    """``12 Mei 2026`` / ``12 May 2026``."""
    if d is None:
        return "–"
    return f"{d.day} {month_names(lang)[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Coverage:
    """The months an export covers: the filters' period clipped to the data's (None when there is no data).

    A year is *partial* when the covered months start after its January or end before its December;
    its label says which months: ``2026 (Jan–Jun)``.
    """

    first: dt.date | None
    last: dt.date | None  # first day of the last month covered

    def is_partial(self, year: int) -> bool:
        if self.first is None or self.last is None:
            return False
        return (self.first.year == year and self.first.month > 1) or (self.last.year == year and self.last.month < 12)

    def complete_years(self) -> list[int]:
        if self.first is None or self.last is None:
            return []
        return [y for y in range(self.first.year, self.last.year + 1) if not self.is_partial(y)]

    def year_label(self, year: int, lang: str) -> str:
        if not self.is_partial(year):
            return str(year)
        names = month_names(lang)
        m0 = self.first.month if self.first.year == year else 1
        m1 = self.last.month if self.last.year == year else 12
        months = names[m0 - 1] if m0 == m1 else f"{names[m0 - 1]}–{names[m1 - 1]}"
        return f"{year} ({months})"

    def label(self, lang: str) -> str:
        if self.first is None or self.last is None:
            return t("an.no_data", lang)
        if self.first.year == self.last.year:
            return self.year_label(self.first.year, lang)
        return f"{self.year_label(self.first.year, lang)} – {self.year_label(self.last.year, lang)}"


def data_months(con) -> tuple[dt.date | None, dt.date | None]:
    """First and last month any report covers (a yearly report for 2024 covers up to December 2024)."""
    rng = periods.data_months(con)  # the same months, read once per connection where it holds them
    return (None, None) if rng is None else (rng.start, rng.end)


def coverage(con, f: Filters) -> Coverage:
    lo, hi = data_months(con)
    if lo is None or hi is None:
        return Coverage(None, None)
    lo, hi = dt.date(lo.year, lo.month, 1), dt.date(hi.year, hi.month, 1)
    first = max(lo, f.period_from) if f.period_from else lo
    last = min(hi, f.period_to) if f.period_to else hi
    if first > last:
        return Coverage(None, None)
    return Coverage(first, last)


def filter_values(f: Filters, lang: str) -> list[tuple[str, str]]:
    """(label, value) for category, program area and province (``Semua`` / ``All`` when not filtered), and the
    kabupaten/kota by their canonical names when some are chosen."""
    provs = contract.provinces()
    rows = []
    for field, text in (
        ("kategori", lambda c: contract.enum_label("kategori", c, lang)),
        ("bidang", lambda c: contract.enum_label("bidang", c, lang)),
        ("provinsi", lambda c: provs[c].nama if c in provs else c),
    ):
        values = getattr(f, field)
        rows.append(
            (t(f"filters.{field}", lang), ", ".join(text(c) for c in values) if values else t("filters.all", lang))
        )
    if f.kabupaten:  # said only when chosen: most exports cover whole provinces
        areas = contract.areas()
        rows.append((t("filters.kabupaten", lang), ", ".join(areas[c].nama if c in areas else c for c in f.kabupaten)))
    return rows


@dataclass(frozen=True)
class ExportContext:
    lang: str
    filters: Filters
    coverage: Coverage
    #: which data are live: demo_state.DEMO_ONLY (only the synthetic demo), demo_state.MIXED (demo and the
    #: user's own) or None (own data only: no demo label at all)
    demo_state: str | None
    data_date: dt.date | None  # the latest live batch was stored on this day
    n_batches: int  # live batches
    generated_at: dt.datetime
    #: the store's snapshot the export is made from (the current one, or the past one of ``--per``/``?per=``)
    snapshot_id: int | None = None
    snapshot_time: dt.datetime | None = None

    @property
    def snapshot(self) -> str | None:
        """``snapshot 12 · 2026-03-03 10:15:30+07:00``."""
        if self.snapshot_id is None:
            return None
        when = self.snapshot_time.isoformat(sep=" ", timespec="seconds") if self.snapshot_time else "–"
        return t("store.per.snapshot", self.lang, id=self.snapshot_id, waktu=when)

    @property
    def period(self) -> str:
        return self.coverage.label(self.lang)

    @property
    def demo(self) -> bool:
        """Demo data are live (alone or beside the user's): every export carries :attr:`demo_marker`."""
        return self.demo_state is not None

    @property
    def demo_marker(self) -> str | None:
        """``DATA DEMO — sintetis`` while every live batch is demo, ``Campuran: data demo + data Anda`` while demo
        and own data are live, None for own data alone."""
        if self.demo_state is None:
            return None
        return t(
            "export.demo_marker" if self.demo_state == demo_state.DEMO_ONLY else "export.demo_marker.mixed", self.lang
        )

    def scope_rows(self) -> list[tuple[str, str]]:
        """Every line an export prints about where its numbers come from."""
        lg = self.lang
        rows = [
            (t("export.period", lg), self.period),
            *filter_values(self.filters, lg),
            (t("export.data_date", lg), fmt_date(self.data_date, lg)),
            (t("export.batches", lg), str(self.n_batches)),
            (t("export.generated", lg), f"{self.generated_at:%Y-%m-%d %H:%M}"),
        ]
        if self.snapshot:
            rows.insert(
                rows.index((t("export.data_date", lg), fmt_date(self.data_date, lg))) + 1,
                (t("export.snapshot", lg), self.snapshot),
            )
        if self.demo:
            rows.insert(0, (t("export.data", lg), self.demo_marker))
        return rows

    def filters_line(self) -> str:
        return " · ".join(f"{k}: {v}" for k, v in filter_values(self.filters, self.lang))

    def footer(self) -> str:
        """One line for every slide and printed page: period, filters, data date, batches (demo marker first)."""
        lg = self.lang
        parts = [
            f"{t('export.period', lg)}: {self.period}",
            self.filters_line(),
            t("export.footer_data", lg, date=fmt_date(self.data_date, lg), n=self.n_batches),
        ]
        if self.snapshot_id is not None:  # its number only: the line must fit a slide at 1024 px (time: scope rows)
            parts.append(t("store.per.snapshot_id", lg, id=self.snapshot_id))
        if self.demo:
            parts.insert(0, self.demo_marker)
        return " · ".join(parts)


def live_batches(store) -> list[dict]:
    return [m for m in store.batches() if not m.get("undone")]


def build_context(con, store, f: Filters, lang: str, now: dt.datetime | None = None) -> ExportContext:
    live = live_batches(store)
    sid, when = store.snapshot_info()
    stamps = [m["created_at"] for m in live if m.get("created_at")]
    data_date = max(dt.datetime.fromisoformat(s) for s in stamps).date() if stamps else None
    return ExportContext(
        lang=lang,
        filters=f,
        coverage=coverage(con, f),
        demo_state=demo_state.banner_state(store),  # the pages' banner decides it the same way
        data_date=data_date,
        n_batches=len(live),
        generated_at=now or dt.datetime.now(),
        snapshot_id=sid,
        snapshot_time=when,
    )
