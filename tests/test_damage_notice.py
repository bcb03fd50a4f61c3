"""A damaged batch on every page: the page still renders the other batches and names the damaged one and what to do
(kemitraan.app.damage_notice over Store.damaged())."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import APP, app_pages, batch_file, partnership, write
from streamlit.testing.v1 import AppTest

from kemitraan import escape
from kemitraan.storage.store import Store

BATCH = "rusak_1"  # an underscore: Markdown would read it as emphasis


def truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


@pytest.fixture
def damaged(demo_store, monkeypatch) -> Store:
    """The demo store plus one more batch whose Parquet file was cut in half (a disk full, a copy interrupted)."""
    write(demo_store, BATCH, kemitraan=[partnership("RUSAK-1", nama_kemitraan="Tidak boleh tampil")])
    truncate(batch_file(demo_store, BATCH))
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))
    yield demo_store


def _notices(at: AppTest) -> list[str]:
    return [escape.shown(w.value) for w in at.warning]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", [p for p, _ in app_pages()])
def test_every_page_renders_and_names_the_damaged_batch(damaged, page, lang):
    [damage] = damaged.damaged()
    at = AppTest.from_file(APP, default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} has no title"
    notice = damage.notice(lang)
    assert notice in _notices(at), _notices(at)
    assert BATCH in notice and damage.reference in notice  # which batch, and what to quote to the administrator
    # no file, folder or raw error text for visitors: those are in the log and in `check`
    assert damage.detail and not any(
        damage.detail in n or "kemitraan.parquet" in n or "lake/" in n for n in _notices(at)
    )


def test_the_other_batches_are_still_served(damaged):
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert at.metric[0].value == "60"  # the demo's partnerships; the damaged batch's one is set aside
    at.switch_page("pages/profil_kemitraan.py").run()
    assert all("RUSAK-1" not in o for o in at.selectbox(key="kode").options)


def test_no_notice_while_every_batch_is_whole(demo_store, monkeypatch):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception and not at.warning


def test_the_log_and_check_hold_the_details_under_the_reference_the_page_shows(damaged, capsys):
    from kemitraan.cli import main

    [damage] = damaged.damaged()
    at = AppTest.from_file(APP, default_timeout=120).run()
    [shown] = [n for n in _notices(at) if BATCH in n]
    assert damage.reference in shown
    log = (damaged.root / "logs" / "kemitraan.log").read_text(encoding="utf-8")
    line = next(x for x in log.splitlines() if f"ref={damage.reference}" in x)
    name = batch_file(damaged, BATCH).name  # the damaged data file: named in the log and by check, not on the page
    assert name not in shown
    assert damage.detail in line and name in line and f"undo {BATCH}" in line
    capsys.readouterr()
    assert main(["--data-dir", str(damaged.root), "check"]) == 1
    out = capsys.readouterr().out
    assert f"rujukan {damage.reference}" in out and name in out
