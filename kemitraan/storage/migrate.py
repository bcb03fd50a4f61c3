"""Moving a data folder of the old layout into the lake, once, on open.

The old layout: ``lake/batch=<id>/{kemitraan,indikator,survei}.parquet`` + ``manifest.json`` (live batches),
``lake/_undone/batch=<id>/`` (undone ones), ``lake/_log/events.jsonl`` (the history), ``notes/notes.jsonl``
(meeting notes). Every batch keeps its id, sequence number, status, counts and provenance; the history and
the notes are copied event by event; one ``migrate`` event says what was done.

All of it is **one catalog transaction**: a migration killed before its commit leaves the catalog without any
of it and the old folders untouched, so the next open starts again. Only after the commit are the old
folders moved aside, into ``migrated-<time>/`` beside the lake (kept, not deleted); a migration killed
between the commit and the move is finished by the next open (the ``migrate`` event is there).

A batch whose files cannot be read is migrated as a row of the ``batches`` table without data, damaged
(its reason kept), so it is named on every page and can be undone; its old folder is kept with the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kemitraan import contract
from kemitraan.storage import engine, lake_fs
from kemitraan.storage.lake_io import BATCH_ID, EMPTY_BATCH, now_iso, sql_str

if TYPE_CHECKING:
    from kemitraan.storage.store import Store

log = logging.getLogger("kemitraan.storage.store")

_OLD_MARKERS = ("_log", "_undone")


def old_items(root: Path) -> list[Path]:
    """What of the old layout is still in the data folder."""
    lake = root / engine.DATA_FOLDER
    out = []
    if lake.is_dir():
        out += sorted(p for p in lake.iterdir() if p.name.startswith(("batch=", ".tmp-")) or p.name in _OLD_MARKERS)
    notes = root / "notes" / "notes.jsonl"
    if notes.exists():
        out.append(notes)
    return out


def _old_batches(lake: Path) -> list[tuple[Path, bool]]:
    out = []
    for parent, undone in ((lake, False), (lake / "_undone", True)):
        if parent.is_dir():
            out += [
                (p, undone)
                for p in sorted(parent.iterdir())
                if p.is_dir() and p.name.startswith("batch=") and p.name != f"batch={EMPTY_BATCH}"
            ]
    return out


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if isinstance(e, dict):
            out.append(e)
    return out


def _select(con, kind: str, path: Path, seq: int, batch_id: str) -> str:
    have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_str(path)})").fetchall()}
    cols = [
        f"CAST({n} AS {t}) AS {n}" if n in have else f"CAST(NULL AS {t}) AS {n}"
        for n, t in contract.stored_schema(kind)
    ]
    return (
        f"SELECT {', '.join(cols)}, CAST({int(seq)} AS INTEGER) AS _seq, "
        f"CAST({sql_str(batch_id)} AS VARCHAR) AS _batch "
        f"FROM read_parquet({sql_str(path)})"
    )


def migrate_if_needed(store: Store, con: duckdb.DuckDBPyConnection) -> dict | None:
    """Migrate the old layout (under the store's write lock); what was done, or None when there was nothing."""
    from kemitraan.storage.store import crash_point

    if lake_fs.is_remote(store.root):  # the old layout was a local folder only
        return None
    root = Path(store.root)
    items = old_items(root)
    if not items:
        return None
    migrated = con.execute(f"SELECT data FROM {engine.table(engine.EVENTS)} WHERE event = 'migrate'").fetchall()
    if migrated:  # committed, killed before the old folders moved: finish
        dest = _move_aside(root, items, root / json.loads(migrated[-1][0])["moved_to"])
        log.warning("migration finished: the old layout moved to %s", dest)
        return {"action": "migration_finished", "batch_id": "", "moved_to": str(dest)}
    lake = root / engine.DATA_FOLDER
    events = _read_jsonl(lake / "_log" / "events.jsonl")
    notes = _read_jsonl(root / "notes" / "notes.jsonl")
    logged_seq = {
        e.get("batch_id"): e.get("seq") for e in events if e.get("event") == "commit" and isinstance(e.get("seq"), int)
    }
    batches = []
    for folder, undone in _old_batches(lake):
        bid = folder.name.removeprefix("batch=")
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            if not isinstance(manifest, dict) or not isinstance(manifest.get("seq"), int):
                raise ValueError("not a manifest")
            damage = None
        except (OSError, ValueError) as exc:
            manifest = {"batch_id": bid, "seq": logged_seq.get(bid)}
            damage = (
                "manifest_missing" if not (folder / "manifest.json").exists() else "manifest_invalid",
                str(exc)[:200],
            )
        if not BATCH_ID.match(bid):
            continue
        batches.append((folder, bid, undone, manifest, damage))
    next_seq = max([m.get("seq") or 0 for *_, m, _ in batches] + [0]) + 1
    for n, (folder, bid, undone, manifest, damage) in enumerate(batches):
        if manifest.get("seq") is None:
            manifest["seq"] = next_seq
            next_seq += 1
    batches.sort(key=lambda b: (b[3]["seq"], b[1]))
    con.execute("BEGIN")
    summary = {"batches": 0, "undone": 0, "damaged": 0, "rows": 0, "events": 0, "notes": 0}
    try:
        marked = _marked(root)
        for folder, bid, undone, manifest, damage in batches:
            written: dict[str, int] = {}
            if damage is None and bid not in marked:
                try:
                    for kind in contract.KINDS:
                        path = folder / f"{kind}.parquet"
                        if not path.exists():
                            if "rows_by_kind" in manifest and manifest["rows_by_kind"].get(kind):
                                raise OSError(f"{path.name} missing")
                            continue
                        n = con.execute(f"SELECT count(*) FROM read_parquet({sql_str(path)})").fetchone()[0]
                        if n:
                            with engine.all_threads(con, n):  # the lake connection works with one thread otherwise
                                con.execute(
                                    f"INSERT INTO {engine.table(kind)} {_select(con, kind, path, manifest['seq'], bid)}"
                                )
                            written[kind] = int(n)
                except (OSError, duckdb.Error) as exc:
                    # one failed statement aborts DuckDB's transaction: begin again without this batch's rows
                    raise _Retry(bid, str(exc).splitlines()[0][:200]) from exc
            crash_point("migrate_batch")
            _insert_batch(store, con, bid, undone, manifest, written, damage, folder.relative_to(root))
            summary["batches"] += 1
            summary["undone"] += undone
            summary["damaged"] += damage is not None
            summary["rows"] += sum(written.values())
        for e in events:
            con.execute(
                f"INSERT INTO {engine.table(engine.EVENTS)} VALUES (?, ?, ?, ?, ?)",
                [
                    str(e.get("at") or e.get("created_at") or ""),
                    e.get("event"),
                    e.get("batch_id"),
                    e.get("user"),
                    json.dumps(e, ensure_ascii=False, default=str),
                ],
            )
        summary["events"] = len(events)
        for e in notes:
            if e.get("event") in ("add", "delete") and e.get("id"):
                con.execute(
                    f"INSERT INTO {engine.table(engine.NOTES)} VALUES (?, ?, ?, ?)",
                    [
                        str(e.get("created_at") or e.get("at") or ""),
                        e["event"],
                        e["id"],
                        json.dumps(e, ensure_ascii=False),
                    ],
                )
                summary["notes"] += 1
        dest = root / f"migrated-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}"
        store.log_event(con, {"event": "migrate", "batch_id": None, "user": None, **summary, "moved_to": dest.name})
        crash_point("migrate_before")
        con.execute("COMMIT")
    except _Retry as retry:
        con.execute("ROLLBACK")
        log.error("migration: batch %s unreadable (%s); migrated as damaged", retry.batch_id, retry.detail)
        _mark_damaged(root, retry.batch_id, retry.detail)
        return migrate_if_needed(store, con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    crash_point("migrate_after")
    _move_aside(root, items, dest)
    log.warning("migrated the old layout: %s; the old folders are in %s", summary, dest)
    return {"action": "migrated", "batch_id": "", **summary, "moved_to": str(dest)}


class _Retry(Exception):
    def __init__(self, batch_id: str, detail: str):
        super().__init__(batch_id)
        self.batch_id, self.detail = batch_id, detail


_DAMAGED_MARK = "migration_unreadable.json"


def _mark_damaged(root: Path, batch_id: str, detail: str) -> None:
    """Remember, beside the old folders, that a batch's files did not read (the retry migrates it as damaged)."""
    p = root / engine.DATA_FOLDER / "_log" / _DAMAGED_MARK
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        seen = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    seen[batch_id] = detail
    p.write_text(json.dumps(seen), encoding="utf-8")


def _marked(root: Path) -> dict:
    try:
        return json.loads((root / engine.DATA_FOLDER / "_log" / _DAMAGED_MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _insert_batch(store, con, bid: str, undone: bool, manifest: dict, written: dict, damage, rel: Path) -> None:
    marked = _marked(Path(store.root))
    if damage is None and bid in marked:
        damage = ("unreadable", marked[bid])
    extra = {"migrated_from": str(rel)}
    if damage is not None:
        extra.update(damage_reason=damage[0], damage_detail=damage[1])
    kinds = manifest.get("kinds") or [k for k in contract.KINDS if written.get(k)]
    file, sha = manifest.get("file"), manifest.get("sha256")
    store.insert_batch_row(
        con,
        {
            "batch_id": bid,
            "uid": uuid.uuid4().hex,
            "seq": manifest["seq"],
            "status": "undone" if undone else "live",
            "file": file,
            "sha256": sha,
            "user": manifest.get("user"),
            "created_at": manifest.get("created_at"),
            "kinds": ",".join(kinds),
            "rows_by_kind": json.dumps(manifest.get("rows_by_kind") or written),
            "rows": int(manifest.get("rows") or sum(written.values())),
            **{k: int(manifest.get(k) or 0) for k in ("rows_added", "rows_replaced", "rows_unchanged", "rows_invalid")},
            "undone_at": manifest.get("undone_at"),
            "undone_by": manifest.get("undone_by"),
            "redone_at": manifest.get("redone_at"),
            "redone_by": manifest.get("redone_by"),
            "note": manifest.get("note"),
            "sources": json.dumps([{"name": file, "sha256": sha}] if file else []),
            "extra": json.dumps(extra),
        },
    )


def _move_aside(root: Path, items: list[Path], dest: Path) -> Path:
    """Move the old layout's folders and files into ``dest`` (kept: a backup of what was migrated)."""
    for p in items:
        target = dest / p.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target = target.with_name(f"{target.name}.{uuid.uuid4().hex[:6]}")
        os.replace(p, target)
    return dest


def summary_text(done: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in done.items() if k not in ("action", "batch_id"))


__all__ = ["migrate_if_needed", "old_items", "summary_text", "now_iso"]
