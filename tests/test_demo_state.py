"""Start with my own data: the demo can be hidden and shown again, the banner says when the view mixes it
with the user's data, and a hidden demo is never generated again."""

from __future__ import annotations

import shutil

import pytest
from conftest import batch_file, indicator_row, partnership, write

from kemitraan.cli import main
from kemitraan.generators import demo, demo_state
from kemitraan.storage.store import Store


@pytest.fixture
def small_demo(store) -> Store:
    demo.generate(store, partnerships_n=3, years=1)
    return store


def partnerships(store: Store) -> set[str]:
    return {r[0] for r in store.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()}


def test_the_banner_follows_what_is_live(small_demo):
    s = small_demo
    assert demo_state.banner_state(s) == demo_state.DEMO_ONLY
    assert demo_state.banner_text(demo_state.banner_state(s), "id").startswith("Data demo (sintetis)")
    assert demo_state.demo_live(s) and not demo_state.own_batches_live(s) and not demo_state.demo_hidden(s)
    write(s, "mine", kemitraan=[partnership("KM-001")])
    assert demo_state.banner_state(s) == demo_state.MIXED
    assert "mixes the synthetic demo data with your data" in demo_state.banner_text(demo_state.MIXED, "en")
    assert demo_state.own_batches_live(s)
    assert demo_state.hide_demo(s, user="ani") == ["demo"]
    assert demo_state.banner_state(s) is None and demo_state.banner_text(None, "en") is None
    assert demo_state.demo_hidden(s) and not demo_state.demo_live(s)
    assert partnerships(s) == {"KM-001"}  # only the user's data is left
    assert s.batch("demo")["undone_by"] == "ani"
    assert demo_state.show_demo(s, user="ani") == ["demo"]
    assert demo_state.banner_state(s) == demo_state.MIXED and len(partnerships(s)) == 4


def test_a_hidden_demo_is_never_generated_again(small_demo):
    demo_state.hide_demo(small_demo)
    s = Store(small_demo.root)  # the app's next start
    assert demo.ensure_demo(s) is False
    assert demo_state.banner_state(s) is None and partnerships(s) == set()
    # even if someone cleared the undone batch's files away by hand: the catalog remembers a batch existed
    for kind in ("kemitraan", "indikator", "survei"):
        shutil.rmtree(batch_file(s, "demo", kind).parent)
    assert demo.ensure_demo(Store(s.root)) is False and partnerships(s) == set()


def test_a_demo_under_another_batch_id_is_still_the_demo(store):
    demo.generate(store, partnerships_n=2, years=1, batch_id="demo-besar")
    write(store, "mine", kemitraan=[partnership("KM-001")])
    assert demo_state.banner_state(store) == demo_state.MIXED
    assert demo_state.hide_demo(store) == ["demo-besar"] and demo_state.banner_state(store) is None


def test_own_data_only_has_no_banner_and_show_demo_loads_it(store):
    write(store, "mine", kemitraan=[partnership("KM-001")])
    assert demo.ensure_demo(store) is False  # the store started with the user's data
    assert demo_state.banner_state(store) is None and not demo_state.demo_hidden(store)
    assert demo_state.hide_demo(store) == []
    assert demo_state.show_demo(store) == ["demo"]
    assert demo_state.banner_state(store) == demo_state.MIXED


def test_a_damaged_demo_counts_for_neither_side(small_demo):
    batch_file(small_demo, "demo", "survei").write_bytes(b"x")
    s = Store(small_demo.root)
    assert demo_state.banner_state(s) is None and not demo_state.demo_live(s)


def test_demo_command_hides_and_shows(small_demo, capsys):
    root = str(small_demo.root)
    assert main(["--data-dir", root, "demo", "--hide", "--lang", "en"]) == 0
    assert "Demo data hidden (batch demo undone; --show brings it back)." in capsys.readouterr().out
    assert main(["--data-dir", root, "demo", "--lang", "en"]) == 1
    assert "already exists (undone); show it again with --show" in capsys.readouterr().err
    assert main(["--data-dir", root, "demo", "--show"]) == 0
    assert "Data demo ditampilkan lagi (batch demo)." in capsys.readouterr().out
    assert demo_state.banner_state(small_demo) == demo_state.DEMO_ONLY


def test_hiding_the_demo_lists_the_users_rows_on_demo_partnerships_first(small_demo, capsys):
    s = small_demo
    code = sorted(partnerships(s))[0]
    write(s, "mine", indikator=[indicator_row(code, "2026-07", "kb_peserta_baru", 5)])
    [deps] = demo_state.demo_dependants(s)
    assert deps.batch_id == "demo" and deps.by_batch() == {"mine": {"indikator": 1}} and deps.codes == (code,)
    root = str(s.root)
    assert main(["--data-dir", root, "demo", "--hide", "--lang", "en"]) == 1  # no terminal, no --yes
    out, err = capsys.readouterr()
    assert "batch mine (mine.csv): 1 row of indicators" in out
    assert "python -m kemitraan demo --hide --yes" in err and demo_state.demo_live(s)
    assert main(["--data-dir", root, "demo", "--hide", "--yes", "--lang", "en"]) == 0
    assert not demo_state.demo_live(s) and demo_state.demo_dependants(s) == []
