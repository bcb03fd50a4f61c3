"""The app's materialised database: a base file per store version, built once and shared, plus an overlay.

Materialising ten million rows (latest value per key, :mod:`analysis_table`'s columns) takes tens of
seconds; an app must not pay that at every start nor after every upload. So:

- **base**: the materialised tables of a set of batches (:mod:`kemitraan.storage.materialised` names them, orders
  them and makes the views over them, here as over a full build), written once into
  ``<cache>/analysis-<key>.duckdb`` (a temporary file renamed into place, so readers never see half of
  one) with a sidecar ``.json`` naming its batches. Any process, and any later start, attaches a base read
  only: a cold start over a built base is a file open. Each base uses DuckDB's buffer manager, so the
  app's memory stays bounded by ``memory_limit``, not by the size of the data.
- **overlay**: batches committed after the base (all with a higher sequence number) are applied in memory
  at connect time: their latest rows replace the base's rows of the same keys, and the analysis rows of
  every partnership they touch are computed again from the combined rows. A new upload is therefore
  visible after a small computation, not a full rebuild; the next base is built in the background.
- An undo (or damage) of a batch inside the base cannot be overlaid: the base of the new version is
  built then (at the next connection, synchronously).

The cache folder is ``<data folder>/cache`` (``$KEMITRAAN_CACHE_DIR`` when set): a base is local to each
server. A base is named by its batches as the catalog knows them (id and the unique id given at commit).
The store as it stood at a past snapshot (:meth:`Store.at`) keeps its bases apart, keyed by the snapshot id:
``<cache>/per-<snapshot>/`` (the last :data:`KEEP_PAST` of them are kept), so a look into the past never
evicts the current base nor reads one built for another moment.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kemitraan import contract
from kemitraan.methods import rules
from kemitraan.storage import analysis_table, lake_fs, lake_io, materialised, rollup

log = logging.getLogger(__name__)

KEEP_BASES = 3
#: The bases of past snapshots (``per-<id>`` folders) kept; older ones are removed when another is built.
KEEP_PAST = 3
#: Overlaying more batches than this makes the app build a base of the current version in the background.
OVERLAY_REBUILD_AFTER = 1
#: A store with at least this many indicator rows builds its base in a child process (its peak memory, about
#: :data:`BUILD_MEMORY` and Python's own, stays out of the app's); smaller ones build in the app (no start-up cost).
CHILD_BUILD_ROWS = 1_000_000
#: A store with at least this many indicator rows to materialise has its base prepared by the command that wrote
#: the data (:func:`prepare`), and the app's first page on a version no base serves says why it waits: below it, a
#: base builds in a second or two.
PREPARE_ROWS = 1_000_000
#: DuckDB's memory limit for a child's build (``$KEMITRAAN_DUCKDB_MEMORY`` overrides it); beyond it, it spills.
BUILD_MEMORY = "2GB"
#: DuckDB's memory limit for the app's connection (``$KEMITRAAN_DUCKDB_MEMORY`` overrides it).
APP_MEMORY = "600MB"
#: The name a base file is attached under on the app's connection.
BASE_SCHEMA = "base"
#: An overlay's flagged indicator rows (narrow, as a base stores them): the base's, the touched partnerships' anew.
_OVERLAID = "_analisis_terlapis"
_building: set[str] = set()
_lock = threading.Lock()


@dataclass(frozen=True)
class Base:
    path: Path
    batches: frozenset[str]
    max_seq: int
    max_kid: int


def cache_dir(store) -> Path:
    """``<local folder>/cache`` (the data folder itself unless the data is on S3: :func:`lake_fs.local_dir`), or
    ``$KEMITRAAN_CACHE_DIR/<digest of the data folder>`` when set."""
    env = os.environ.get("KEMITRAAN_CACHE_DIR")
    if env:
        digest = hashlib.sha1(lake_fs.resolved(store.root).encode("utf-8")).hexdigest()[:12]
        top = Path(env) / "kemitraan-cache" / digest
    else:
        top = lake_fs.local_dir(store.root) / "cache"
    per = getattr(store, "per", None)
    return top if per is None else top / f"per-{int(per)}"


def _prune_past(folder: Path) -> None:
    """Keep the :data:`KEEP_PAST` most recently built past-snapshot folders beside ``folder``."""
    if not folder.name.startswith("per-"):
        return
    past = sorted(
        (p for p in folder.parent.glob("per-*") if p.is_dir() and p != folder),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in past[KEEP_PAST - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _fingerprint() -> str:
    """Changes with the stored schema and the analysis columns: an old base is never read by new code."""
    text = json.dumps(
        [
            "batches as id@uid",
            {k: contract.stored_schema(k) for k in contract.KINDS},
            analysis_table.EXTRA_COLUMNS,
            [sql("") for sql in rollup.SQL.values()],
            [rollup.years_sql(""), rollup.range_sql("")],
            {table: [materialised.stored_name(table), order] for table, order in materialised.TABLES.items()},
            [materialised.view_select(view) for view in materialised.VIEWS],  # the layout of stored rows and views
            analysis_table.select_sql(),  # the flag rules: a base flagged by other rules is not read
            rules.OUTLIER_FACTOR,
            sorted(contract.indicators()),
            # older rows' kabupaten/kota are mapped into a base by these rules and this list
            contract.MATCH_RULES_VERSION,
            len(contract.areas()),
        ]
    )
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _ident(i) -> str:
    """A batch as a base knows it: its id and the unique id the catalog gave it at commit (one catalog query,
    no listing). A store rebuilt with the same batch ids (a data folder emptied and the demo generated again)
    never reuses the base of the old one."""
    return f"{i.batch_id}@{i.manifest.get('uid')}"


def _key(batch_ids: list[str], per: int | None = None) -> str:
    past = "" if per is None else f"|snapshot={int(per)}"
    return hashlib.sha1((_fingerprint() + past + "|" + ",".join(sorted(batch_ids))).encode("utf-8")).hexdigest()[:16]


def _bases(folder: Path) -> list[Base]:
    out = []
    for meta in folder.glob("analysis-*.json"):
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        db = meta.with_suffix(".duckdb")
        if m.get("fingerprint") == _fingerprint() and db.exists():
            out.append(Base(db, frozenset(m["batches"]), int(m["max_seq"]), int(m["max_kid"])))
    return out


def _live(store) -> list:
    """The healthy live batches (:class:`batch_check.Inspection`), oldest first."""
    return [i for i in store.inspect_batches(undone=False) if i.damage is None]


def _seq(i) -> int:
    return int(i.manifest.get("seq") or 0)


def build_base(store, live: list | None = None) -> Base:
    """Materialise the store as it is into a base file (a temporary file renamed into place)."""
    live = _live(store) if live is None else live
    folder = cache_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    key = _key([_ident(i) for i in live], store.per)
    final = folder / f"analysis-{key}.duckdb"
    # One builder per base: a process that finds another building the same base (the app while a command that
    # wrote prepares it, two servers on one cache folder) waits for it and reads its file, instead of building the
    # same rows a second time beside it (tens of seconds and 2 GB each at ten million rows).
    with _building_lock(folder, key):
        done = next((b for b in _bases(folder) if b.path == final), None)
        if done is not None:
            return done
        return _write_base(store, live, folder, final)


@contextlib.contextmanager
def _building_lock(folder: Path, key: str):
    with open(folder / f".build-{key}.lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_base(store, live: list, folder: Path, final: Path) -> Base:
    tmp = folder / f".tmp-{uuid.uuid4().hex}.duckdb"
    try:
        con = store.connect(materialize=True, database=str(tmp), healthy=live)
        try:
            max_kid = con.execute(f"SELECT coalesce(max(kid), 0) FROM {analysis_table.KIDS}").fetchone()[0]
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    meta = {
        "fingerprint": _fingerprint(),
        "snapshot": store.per,
        "batches": [_ident(i) for i in live],
        "max_seq": max((_seq(i) for i in live), default=0),
        "max_kid": int(max_kid),
    }
    tmp_meta = folder / f".tmp-{uuid.uuid4().hex}.json"
    tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp_meta, final.with_suffix(".json"))
    _prune(folder, keep=final)
    _prune_past(folder)
    log.info("built analysis base %s for %d batches", final.name, len(live))
    return Base(final, frozenset(meta["batches"]), meta["max_seq"], meta["max_kid"])


def _prune(folder: Path, keep: Path) -> None:
    current = {b.path for b in _bases(folder)}
    others = sorted(
        (p for p in folder.glob("analysis-*.duckdb") if p != keep), key=lambda p: p.stat().st_mtime, reverse=True
    )
    older_versions = [p for p in others if p not in current]  # another code version's: never read again
    for old in older_versions + [p for p in others if p in current][KEEP_BASES - 1 :]:
        for p in (old, old.with_suffix(".json")):
            try:
                p.unlink()  # a process that still has it attached keeps reading it (POSIX)
            except OSError:
                pass
    for stale in [*folder.glob(".tmp-*"), *folder.glob(".build-*.lock")]:  # left by a build that was killed, or done
        try:
            if stale.stat().st_mtime < keep.stat().st_mtime - 3600:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()  # a spill folder, or a file
        except OSError:
            pass


def _usable(bases: list[Base], live: list) -> Base | None:
    """The base with the most batches whose batches are all live and older than every batch it lacks."""
    ids = {_ident(i) for i in live}
    best = None
    for base in bases:
        if not base.batches <= ids:
            continue
        extra = [_seq(i) for i in live if _ident(i) not in base.batches]
        if extra and min(extra) <= base.max_seq:
            continue
        if best is None or len(base.batches) > len(best.batches):
            best = base
    return best


def _serving(store, live: list) -> Base | None:
    """The built base of ``store``'s cache folder that serves ``live`` (:func:`_usable`), or None."""
    return _usable(_bases(cache_dir(store)), live)


def _build_in_background(store) -> None:
    key = str(cache_dir(store))
    with _lock:
        if key in _building:
            return
        _building.add(key)

    def work():
        try:
            _build(store, _live(store))
        except Exception:  # the overlay keeps serving; the next connection tries again
            log.exception("building the analysis base in the background failed")
        finally:
            with _lock:
                _building.discard(key)

    threading.Thread(target=work, name="kemitraan-analysis-base", daemon=True).start()


def _indicator_rows(live: list) -> int:
    return sum(int((i.manifest.get("rows_by_kind") or {}).get("indikator") or 0) for i in live)


def exact_base(store) -> Path | None:
    """A built base holding exactly the live batches (nothing to overlay), or None; never builds one.
    The SQL console reads it instead of the lake's files when there is one."""
    try:
        ids = frozenset(_ident(i) for i in _live(store))
        return next((b.path for b in _bases(cache_dir(store)) if b.batches == ids), None)
    except OSError:
        return None


def _build_elsewhere(store, live: list) -> Base:
    """Build the base in a child process (a large store): its peak memory is the child's, not the app's."""
    env = {
        **os.environ,
        lake_io.MEMORY_ENV: os.environ.get(lake_io.MEMORY_ENV) or BUILD_MEMORY,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")])
        ),
    }
    code = (
        "import sys; from kemitraan.storage import analysis_cache as a; from kemitraan.storage.store import Store; "
        "s = Store(sys.argv[1]); a.build_base(s if sys.argv[2] == '-' else s.at(int(sys.argv[2])))"
    )
    per = "-" if store.per is None else str(int(store.per))
    done = subprocess.run([sys.executable, "-c", code, str(store.root), per], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise OSError(f"building the analysis base failed: {done.stderr.strip()[-500:]}")
    base = _serving(store, live)
    if base is None:  # another upload landed meanwhile: build here, as for a small store
        return build_base(store, live)
    return base


def _build(store, live: list) -> Base:
    """A base of ``live``: in a child process for a large store (:data:`CHILD_BUILD_ROWS`), here otherwise."""
    if _indicator_rows(live) >= CHILD_BUILD_ROWS:
        return _build_elsewhere(store, live)
    return build_base(store, live)


def _limit_memory(con: duckdb.DuckDBPyConnection, store) -> None:
    """The app's DuckDB memory (:data:`APP_MEMORY`, or ``$KEMITRAAN_DUCKDB_MEMORY``), spilling into the cache folder."""
    spill = cache_dir(store) / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    con.execute(f"SET memory_limit = {lake_io.sql_str(os.environ.get(lake_io.MEMORY_ENV) or APP_MEMORY)}")
    con.execute(f"SET temp_directory = {lake_io.sql_str(str(spill))}")


def _holds(batches: list, kind: str) -> bool:
    return any((i.manifest.get("rows_by_kind") or {}).get(kind) for i in batches)


def _overlay(store, base: Base, live: list) -> duckdb.DuckDBPyConnection:
    """The base attached read only, with the rows of the batches it lacks laid over it.

    Plain tables, not TEMP ones: the pages query through ``con.cursor()``, and a cursor does not see
    the temporary tables of the connection it came from."""
    extra = [i for i in live if _ident(i) not in base.batches]
    con = store.duckdb_connection()
    try:
        _limit_memory(con, store)
        con.execute(f"ATTACH {lake_io.sql_str(str(base.path))} AS {BASE_SCHEMA} (READ_ONLY)")
        delta = {}
        for kind in contract.KINDS:
            if extra and _holds(extra, kind):
                con.execute(f"CREATE TABLE _delta_{kind} AS {store.view_sql(kind, healthy=extra)}")
                delta[kind] = f"_delta_{kind}"
        for kind in materialised.PLAIN_KINDS:
            if kind in delta:
                keys = ", ".join(contract.KEYS[kind])
                stored = materialised.stored_name(kind, BASE_SCHEMA)
                rows = (
                    f"SELECT * FROM {stored} ANTI JOIN {delta[kind]} USING ({keys}) "
                    f"UNION ALL BY NAME SELECT * FROM {delta[kind]}"
                )
                # The partnerships are few and joined by every page: a table; other kinds stay views.
                what = "TABLE" if kind == "kemitraan" else "VIEW"
                con.execute(f"CREATE {what} {kind} AS {rows}")
            else:
                materialised.add_views(con, [kind], schema=BASE_SCHEMA)
        analysis_table.add_months(con, _overlay_indicators(con, base, delta))
        store.add_batch_views(con, live)
    except BaseException:
        con.close()
        raise
    return con


def _overlay_indicators(con, base: Base, delta: dict[str, str]) -> str:
    """The analysis rows and rollups over the base, the partnerships ``delta`` touches computed again; returns the
    relation of the flagged rows alone (without the attributes' join)."""
    name = analysis_table.NAME
    cols = ", ".join(contract.stored_columns("indikator"))
    if "indikator" not in delta and "kemitraan" not in delta:
        con.execute(f"CREATE VIEW {analysis_table.KIDS} AS SELECT * FROM {BASE_SCHEMA}.{analysis_table.KIDS}")
        materialised.add_views(con, (*materialised.ANALYSIS, materialised.INDICATORS), schema=BASE_SCHEMA)
        return materialised.stored_name(name, BASE_SCHEMA)
    con.execute(
        f"CREATE TABLE {analysis_table.KIDS} AS "
        f"{analysis_table.kids_sql('kemitraan', base.max_kid, existing=f'{BASE_SCHEMA}.{analysis_table.KIDS}')}"
    )
    # Every partnership a new row touches (or whose attributes changed) is computed again from its
    # combined rows: flags compare a value with its partnership's median, targets pair with the period.
    parts = [f"SELECT kode_kemitraan FROM {delta[k]}" for k in ("indikator", "kemitraan") if k in delta]
    con.execute(f"CREATE TABLE _touched AS SELECT DISTINCT kode_kemitraan FROM ({' UNION ALL '.join(parts)})")
    keys = ", ".join(contract.KEYS["indikator"])
    stored = materialised.stored_name(name, BASE_SCHEMA)
    source = f"SELECT {cols} FROM {stored} SEMI JOIN _touched USING (kode_kemitraan)"
    if "indikator" in delta:
        source = (
            f"SELECT * FROM ({source}) ANTI JOIN {delta['indikator']} USING ({keys}) "
            f"UNION ALL BY NAME SELECT {cols} FROM {delta['indikator']}"
        )
    con.execute(
        f"CREATE TABLE _touched_rows AS {analysis_table.flags_sql(f'({source})', 'kemitraan', analysis_table.KIDS)}"
    )
    # the flagged rows as the base stores them (narrow), the touched partnerships' computed again; the view joins
    # the attributes from this connection's kemitraan, so a partnership whose attributes changed shows the new ones
    con.execute(
        f"CREATE VIEW {_OVERLAID} AS SELECT * FROM {stored} ANTI JOIN _touched USING (kode_kemitraan) "
        "UNION ALL BY NAME SELECT * FROM _touched_rows"
    )
    con.execute(f"CREATE VIEW {name} AS {analysis_table.attributes_sql(_OVERLAID)}")
    con.execute(f"CREATE VIEW indikator AS SELECT {cols} FROM {_OVERLAID}")
    for table, sql in rollup.SQL.items():
        con.execute(f"CREATE TABLE _touched_{table} AS {sql('_touched_rows')}")
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM {materialised.stored_name(table, BASE_SCHEMA)} ANTI JOIN _touched "
            f"USING (kode_kemitraan) UNION ALL BY NAME SELECT * FROM _touched_{table}"
        )
    # the default range's years stay the base's: a partnership computed again is summed over the same years
    materialised.add_views(con, [rollup.RANGE_YEARS], schema=BASE_SCHEMA)
    con.execute(f"CREATE TABLE _touched_{rollup.RANGE} AS {rollup.range_sql(f'_touched_{rollup.NAME}')}")
    con.execute(
        f"CREATE VIEW {rollup.RANGE} AS SELECT * FROM {materialised.stored_name(rollup.RANGE, BASE_SCHEMA)} "
        f"ANTI JOIN _touched USING (kode_kemitraan) UNION ALL BY NAME SELECT * FROM _touched_{rollup.RANGE}"
    )
    return _OVERLAID


def rows_to_build(store) -> int | None:
    """The indicator rows a first connection to ``store`` would materialise into a new base (about twenty seconds at ten
    million), or None when a built base serves it (with the batches since laid over it)."""
    live = _live(store)
    if _serving(store, live) is not None:
        return None
    return _indicator_rows(live)


def prepare(store, building=None) -> bool:
    """Build the base of ``store`` as it now is when it has at least :data:`PREPARE_ROWS` indicator rows that no built
    base holds (none serves it, or the batches to lay over one are that large); True when one was built.

    A command that has just written a large store calls this before it ends: the reader that comes next (the first
    ``angka``, ``sql`` or page) then attaches a built base, where it would have waited about twenty seconds at ten
    million rows. ``building(rows)`` is called first, so the command can say why it takes longer. A base that cannot
    be built here (a read-only or full cache folder) is left to the first reader, as before: the data is stored."""
    try:
        return _prepare(store, building)
    except Exception:  # the data is stored whatever happens here: the first reader builds the base, as before
        log.warning("preparing the analysis base after a write failed; the first reader builds it", exc_info=True)
        return False


def _prepare(store, building) -> bool:
    live = _live(store)
    base = _serving(store, live)
    # laid over a built base, a small write costs every reader a moment; a large one (millions of rows, computed
    # again in every command's connection) is as slow to overlay as to build once
    over = live if base is None else [i for i in live if _ident(i) not in base.batches]
    if _indicator_rows(over) < PREPARE_ROWS:
        return False
    rows = _indicator_rows(live)
    if building is not None:
        building(rows)
    _build(store, live)
    return True


def connect(store, *, background: bool = True, building=None) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the views ``kemitraan``, ``indikator``, ``survei``, ``batches`` and
    :data:`analysis_table.NAME`, over a base file and an overlay of the batches committed after it.

    ``building(rows)``, when given, is called before a base has to be built first (``rows``: the indicator rows it
    materialises), so a command can say why it takes a while (at ten million rows, about twenty seconds)."""
    live = _live(store)
    try:
        base = _serving(store, live)
        if base is None:
            if building is not None:
                building(_indicator_rows(live))
            base = _build(store, live)
        con = _overlay(store, base, live)
    except (OSError, duckdb.Error) as exc:
        # A read-only or full disk, or a file whose data does not decode: the store materialises in
        # memory, setting aside what it cannot read, as it always could.
        log.warning("analysis cache unavailable (%s); materialising in memory", exc)
        return store.connect(materialize=True)
    extra = len(live) - len(base.batches)
    if extra >= OVERLAY_REBUILD_AFTER and background:
        _build_in_background(store)
    return con
