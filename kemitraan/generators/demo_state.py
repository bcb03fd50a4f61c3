"""The demo data beside the user's own: is it live, alone or mixed; hiding it and showing it again.

The demo is an ordinary batch (``demo``, or any batch whose manifest note is
:data:`~kemitraan.generators.demo.DEMO_NOTE`), so hiding it is an undo and showing it again a redo:
nothing is deleted, both are logged, and :func:`~kemitraan.generators.demo.ensure_demo` never
generates it again once it has existed. Damaged batches are out of the views, so they count for neither side.
"""

from __future__ import annotations

from kemitraan.generators import demo
from kemitraan.i18n import t
from kemitraan.storage.dependants import Dependants, dependants
from kemitraan.storage.store import Store, StoreError

#: :func:`banner_state` values: only demo data is live / demo and own data are live / no demo data is live.
DEMO_ONLY = "demo"
MIXED = "mixed"


def is_demo(batch_id: str | None, manifest: dict | None = None) -> bool:
    """Whether a batch is demo data: the ``demo`` batch, or one written by the demo generator under another id."""
    return batch_id == demo.DEMO_BATCH or (manifest or {}).get("note") == demo.DEMO_NOTE


def _live(store: Store) -> list:
    return [i for i in store.inspect_batches(undone=False) if i.damage is None]


def demo_live(store: Store) -> bool:
    """A demo batch is live (and not damaged)."""
    return any(is_demo(i.batch_id, i.manifest) for i in _live(store))


def own_batches_live(store: Store) -> bool:
    """A batch other than the demo is live (and not damaged): the user's own data."""
    return any(not is_demo(i.batch_id, i.manifest) for i in _live(store))


def demo_hidden(store: Store) -> bool:
    """No demo batch is live, and an undone one can be brought back (the page offers "show the demo")."""
    if demo_live(store):
        return False
    return any(i.undone and i.damage is None and is_demo(i.batch_id, i.manifest) for i in store.inspect_batches())


def banner_state(store: Store) -> str | None:
    """:data:`DEMO_ONLY`, :data:`MIXED` or None (no demo data live): which banner every page shows."""
    live = _live(store)
    has_demo = any(is_demo(i.batch_id, i.manifest) for i in live)
    if not has_demo:
        return None
    return MIXED if any(not is_demo(i.batch_id, i.manifest) for i in live) else DEMO_ONLY


def banner_text(state: str | None, lang: str) -> str | None:
    """The banner's words for a :func:`banner_state` (None: no banner)."""
    if state is None:
        return None
    return t(f"demo.banner.{state}", lang)


def demo_dependants(store: Store) -> list[Dependants]:
    """For each live demo batch that has any: the rows of other batches that would lose their partnership when
    it is hidden (e.g. the user's indicator rows reported on demo partnership codes). Show them before hiding."""
    found = [dependants(store, i.batch_id) for i in _live(store) if is_demo(i.batch_id, i.manifest)]
    return [d for d in found if d]


def hide_demo(store: Store, user: str | None = None) -> list[str]:
    """Undo every live demo batch (damaged ones too: they are out of the views already). Returns their ids."""
    ids = [i.batch_id for i in store.inspect_batches(undone=False) if is_demo(i.batch_id, i.manifest)]
    for bid in ids:
        store.undo(bid, user=user)
    return ids


def show_demo(store: Store, user: str | None = None) -> list[str]:
    """Bring the hidden demo back (redo of every undone, healthy demo batch). Returns their ids.

    A store that never held the demo (it started with the user's own data) gets it generated now.
    """
    if demo_live(store):
        return []
    undone = [
        i.batch_id for i in store.inspect_batches() if i.undone and i.damage is None and is_demo(i.batch_id, i.manifest)
    ]
    for bid in undone:
        store.redo(bid, user=user)
    if undone:
        return undone
    if any(is_demo(i.batch_id, i.manifest) for i in store.inspect_batches()):  # only damaged ones are left
        raise StoreError("the demo batch is damaged and cannot be brought back")
    return [demo.generate(store)["batch_id"]]
