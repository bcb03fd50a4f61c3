"""Before an undo: the rows of other batches that would lose their partnership.

Indicator and survey rows name their partnership by ``kode_kemitraan``. When the batch being
undone is the only live batch holding a partnership, the rows other batches hold for it stay
stored but no longer match any partnership: every figure joins on the partnership and leaves
them out. :func:`dependants` lists them before the undo (the upload page and ``python -m
kemitraan undo`` ask for confirmation), and after it the data-quality panel lists them as
orphans (:func:`kemitraan.queries.quality.orphan_rows`), so they never vanish silently.

Counts are of the rows the views would show after the undo (the latest value per key among
the other live batches), per batch and kind. A damaged batch is already out of the views, so
undoing it takes nothing away: its dependants are empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import fmt_number, kind_label
from kemitraan.storage.store import Store

#: The kinds whose rows name a partnership they do not define.
DEPENDENT_KINDS = ("indikator", "survei")
#: How many partnership codes a result carries (the count says how many there are in all).
MAX_CODES = 20


@dataclass(frozen=True)
class DependentRows:
    """The rows of one other batch, of one kind, that would lose their partnership."""

    batch_id: str
    file: str | None
    kind: str  # "indikator" or "survei"
    rows: int


@dataclass(frozen=True)
class Dependants:
    """What undoing ``batch_id`` would leave without a partnership."""

    batch_id: str
    partnerships_lost: int  # partnerships only this batch holds: they leave the views with it
    rows: tuple[DependentRows, ...]  # per other batch (oldest first) and kind
    codes: tuple[str, ...]  # partnership codes the dependent rows name, sorted, at most MAX_CODES
    n_codes: int  # how many such codes in all

    @property
    def total_rows(self) -> int:
        return sum(r.rows for r in self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def by_batch(self) -> dict[str, dict[str, int]]:
        """``{batch_id: {kind: rows}}``, oldest batch first."""
        out: dict[str, dict[str, int]] = {}
        for r in self.rows:
            out.setdefault(r.batch_id, {})[r.kind] = r.rows
        return out

    def lines(self, lang: str) -> list[str]:
        """The list as the command line prints it and the page shows it (plain text, one item a line)."""
        if not self.rows:
            return [t("deps.none", lang, batch=self.batch_id)]
        out = [
            t(
                "deps.header",
                lang,
                batch=self.batch_id,
                n=fmt_number(self.total_rows, lang),
                partnerships=fmt_number(self.n_codes, lang),
            )
        ]
        files = {r.batch_id: r.file for r in self.rows}
        for bid, kinds in self.by_batch().items():
            counts = ", ".join(
                t("deps.kind_rows", lang, kind=kind_label(k, lang).lower(), n=fmt_number(n, lang))
                for k, n in kinds.items()
            )
            out.append(t("deps.batch", lang, batch=bid, file=files[bid] or "—", counts=counts))
        more = self.n_codes - len(self.codes)
        codes = ", ".join(self.codes) + (t("deps.more_codes", lang, n=fmt_number(more, lang)) if more > 0 else "")
        out.append(t("deps.codes", lang, codes=codes))
        out.append(t("deps.after", lang, batch=self.batch_id))
        return out

    def to_dict(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "partnerships_lost": self.partnerships_lost,
            "total_rows": self.total_rows,
            "n_codes": self.n_codes,
            "codes": list(self.codes),
            "rows": [r.__dict__ for r in self.rows],
        }


def dependants(store: Store, batch_id: str, *, max_codes: int = MAX_CODES) -> Dependants:
    """The rows of the other live batches that depend on ``batch_id``'s partnerships.

    A partnership counts when ``batch_id`` is the only live (healthy) batch holding it; a batch that
    is undone, damaged or unknown has no dependants (undoing it changes nothing in the views).
    """
    live = [i for i in store.inspect_batches(undone=False) if i.damage is None]
    this = [i for i in live if i.batch_id == batch_id]
    others = [i for i in live if i.batch_id != batch_id]
    empty = Dependants(batch_id, 0, (), (), 0)
    if not this:
        return empty
    con = store.duckdb_connection()  # reads the lake's files (on S3 too)
    try:
        con.execute(
            f"CREATE TABLE lost AS SELECT kode_kemitraan FROM {store.rows_sql('kemitraan', this)} "
            f"WHERE _seq IS NOT NULL EXCEPT "
            f"SELECT kode_kemitraan FROM {store.rows_sql('kemitraan', others)} WHERE _seq IS NOT NULL"
        )
        n_lost = con.execute("SELECT count(*) FROM lost").fetchone()[0]
        if not n_lost or not others:
            return Dependants(batch_id, n_lost, (), (), 0)
        parts = []
        for kind in DEPENDENT_KINDS:
            keys = ", ".join(contract.KEYS[kind])
            # Where the key holds the partnership code, filtering first keeps each key's rows whole (and is cheap);
            # otherwise (survei: respon_id) the latest row per key is found first, then filtered.
            early = (
                "AND kode_kemitraan IN (SELECT kode_kemitraan FROM lost)"
                if "kode_kemitraan" in contract.KEYS[kind]
                else ""
            )
            parts.append(
                f"SELECT '{kind}' AS kind, _batch, kode_kemitraan FROM ("
                f"SELECT _batch, kode_kemitraan FROM {store.rows_sql(kind, others)} "
                f"WHERE _seq IS NOT NULL {early} "
                f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1) "
                f"WHERE kode_kemitraan IN (SELECT kode_kemitraan FROM lost)"
            )
        con.execute(f"CREATE TABLE dep AS {' UNION ALL '.join(parts)}")
        counts = con.execute("SELECT _batch, kind, count(*) FROM dep GROUP BY ALL").fetchall()
        n_codes = con.execute("SELECT count(DISTINCT kode_kemitraan) FROM dep").fetchone()[0]
        codes = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT kode_kemitraan FROM dep ORDER BY 1 LIMIT $n", {"n": max(int(max_codes), 0)}
            ).fetchall()
        ]
    finally:
        con.close()
    order = {i.batch_id: n for n, i in enumerate(others)}
    files = {i.batch_id: (i.manifest or {}).get("file") for i in others}
    rows = sorted(
        (DependentRows(b, files.get(b), kind, int(n)) for b, kind, n in counts),
        key=lambda r: (order.get(r.batch_id, len(order)), DEPENDENT_KINDS.index(r.kind)),
    )
    return Dependants(batch_id, n_lost, tuple(rows), tuple(codes), int(n_codes))
