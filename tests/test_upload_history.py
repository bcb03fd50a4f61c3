"""The upload page's history, undo and redo, the dependants of an undo, "start with my own data" and the example
files, under AppTest as an editor (ani) or a visitor sees them; the problems of a preview by cause."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import indicator_row, login, partnership, survey_row, write
from streamlit.testing.v1 import AppTest

from kemitraan import escape
from kemitraan.app.upload_problems import CAUSE_COLUMNS, causes_frame
from kemitraan.generators import demo, demo_state
from kemitraan.i18n import t
from kemitraan.ingest import examples, review
from kemitraan.queries import quality
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "unggah_data.py")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    return d


def _run(lang: str = "id", logged_in: bool = True) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    return login(at) if logged_in else at


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The page's table that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def _history(at: AppTest, lang: str = "id") -> pd.DataFrame:
    return _table(at, t("upload.history.action", lang)).set_index(t("upload.history.batch_id", lang))


def _said(at: AppTest) -> str:
    """Every message shown, as read (bold marks and escapes taken out)."""
    return "\n".join(escape.shown(e.value.replace("**", "")) for e in [*at.success, *at.error, *at.warning, *at.info])


def _live(root: Path) -> set[str]:
    return {m["batch_id"] for m in Store(root).batches() if not m.get("undone")}


# --- history, undo, redo -------------------------------------------------------------------------------------


def test_history_says_what_can_be_done_and_an_undone_batch_can_be_brought_back(data_dir, users):
    store = Store(data_dir)
    write(store, "p1", kemitraan=[partnership("K1")])
    write(store, "p2", kemitraan=[partnership("K2")])
    at = _run()
    assert not at.exception
    h = _history(at)
    assert list(h.index) == ["p2", "p1"] and list(h["Bisa dilakukan"]) == ["Batalkan", "Batalkan"]
    assert any(i.value == t("history.redo.none", "id") for i in at.info)  # nothing to bring back yet

    at.selectbox(key="upload_undo_batch").select("p2").run()
    at.checkbox(key="upload_undo_sure").check().run()
    at.button(key="upload_undo").click().run()
    assert not at.exception
    h = _history(at)
    assert h.loc["p2", "Status"].startswith("Dibatalkan") and h.loc["p2", "Bisa dilakukan"] == "Kembalikan"
    assert _live(data_dir) == {"p1"}

    redo = at.selectbox(key="upload_redo_batch")
    assert redo.options == ["p2 — p2.csv (1 baris)"]
    assert at.button(key="upload_redo").disabled  # until a batch is chosen
    redo.select("p2").run()
    at.button(key="upload_redo").click().run()
    assert not at.exception
    assert "Batch p2 dikembalikan." in _said(at)
    assert _live(data_dir) == {"p1", "p2"}
    assert Store(data_dir).batch("p2")["redone_by"] == "ani"
    h = _history(at)
    assert h.loc["p2", "Status"].startswith("Aktif (dikembalikan") and h.loc["p2", "Status"].endswith("oleh ani)")
    assert h.loc["p2", "Bisa dilakukan"] == "Batalkan"
    assert any(i.value == t("history.redo.none", "id") for i in at.info)


def test_a_visitor_sees_the_history_but_no_undo_redo_or_demo_action(data_dir, users):
    store = Store(data_dir)
    demo.generate(store, partnerships_n=3, years=1)
    write(store, "p1", kemitraan=[partnership("K1")])
    store.undo("p1")
    at = _run(logged_in=False)
    assert not at.exception
    assert set(_history(at).index) == {"demo", "p1"}
    keys = {w.key for w in [*at.button, *at.selectbox, *at.checkbox]}
    assert not keys & {"upload_undo", "upload_redo", "upload_redo_batch", "upload_hide_demo", "upload_show_demo"}


# --- dependants ---------------------------------------------------------------------------------------------


@pytest.fixture
def dependent_store(data_dir) -> Store:
    """p1 alone holds K1; m1 reports on K1 (two indicator rows, one survey row) and on K2, which p2 holds."""
    store = Store(data_dir)
    write(store, "p1", kemitraan=[partnership("K1")])
    write(store, "p2", kemitraan=[partnership("K2")])
    write(
        store,
        "m1",
        indikator=[
            indicator_row("K1", "2024-01", "kb_peserta_baru", 10),
            indicator_row("K1", "2024-02", "kb_peserta_baru", 11),
            indicator_row("K2", "2024-01", "kb_peserta_baru", 12),
        ],
        survei=[survey_row("r1", "K1")],
    )
    return store


def test_before_an_undo_the_rows_that_depend_on_the_batch_are_listed_and_confirmed(dependent_store, users):
    at = _run("en")
    at.selectbox(key="upload_undo_batch").select("p1").run()
    assert not at.exception
    warning = "\n".join(escape.shown(w.value) for w in at.warning)
    assert "3 rows of other batches use 1 partnership that only batch p1 holds" in warning
    assert "batch m1 (m1.csv)" in warning and "Partnership codes: K1" in warning
    deps = _table(at, t("upload.col.rows", "en"))
    assert deps.to_dict("records") == [
        {"Batch": "m1", "File": "m1.csv", "Kind": "Indicators", "Data rows": 2},
        {"Batch": "m1", "File": "m1.csv", "Kind": "Survey", "Data rows": 1},
    ]

    at.checkbox(key="upload_undo_sure").check().run()
    assert at.button(key="upload_undo").disabled  # the dependants need their own confirmation
    box = at.checkbox(key="upload_undo_deps_sure")
    assert box.label == "Yes, undo even though 3 rows of other batches lose their partnership"
    box.check().run()
    assert not at.button(key="upload_undo").disabled
    at.button(key="upload_undo").click().run()
    assert not at.exception
    said = _said(at)
    assert "Batch p1 undone." in said
    assert "3 rows of other batches are now without a partnership; the Data quality panel lists them" in said
    assert _live(dependent_store.root) == {"p2", "m1"}
    orphans = quality.orphan_rows(Store(dependent_store.root).connect(), Filters())
    assert set(orphans["kode_kemitraan"]) == {"K1"}  # kept, and shown as orphans
    assert not [c for c in at.checkbox if c.key == "upload_undo_deps_sure"]  # the form starts afresh


def test_an_undo_nothing_depends_on_asks_only_the_usual_confirmation(dependent_store, users):
    at = _run("en")
    at.selectbox(key="upload_undo_batch").select("p2").run()  # p2 alone holds K2, and m1 has a K2 row
    assert [c for c in at.checkbox if c.key == "upload_undo_deps_sure"]
    at.selectbox(key="upload_undo_batch").select("m1").run()
    assert not [c for c in at.checkbox if c.key == "upload_undo_deps_sure"]
    assert not at.warning
    at.checkbox(key="upload_undo_sure").check().run()
    assert not at.button(key="upload_undo").disabled


# --- start with my own data ---------------------------------------------------------------------------------


def test_start_with_my_own_data_hides_the_demo_and_it_can_be_shown_again(data_dir, users):
    store = Store(data_dir)
    demo.generate(store, partnerships_n=3, years=1)
    write(store, "mine", kemitraan=[partnership("KM-001")])
    assert demo_state.banner_state(store) == demo_state.MIXED
    at = _run()
    assert not at.exception
    hide = at.button(key="upload_hide_demo")
    assert hide.label == "Mulai dengan data saya sendiri" and not hide.disabled
    hide.click().run()
    assert not at.exception
    assert t("demo.own.hidden", "id") in _said(at)
    assert demo_state.banner_state(Store(data_dir)) is None  # no banner on any page
    assert _live(data_dir) == {"mine"} and Store(data_dir).batch("demo")["undone_by"] == "ani"
    assert _history(at).loc["demo", "Bisa dilakukan"] == "Kembalikan"
    assert t("upload.demo.hidden_state", "id") in _said(at)
    assert not [b for b in at.button if b.key == "upload_hide_demo"]

    at.button(key="upload_show_demo").click().run()
    assert not at.exception
    assert t("demo.own.shown", "id") in _said(at)
    assert _live(data_dir) == {"demo", "mine"}
    assert demo_state.banner_state(Store(data_dir)) == demo_state.MIXED
    assert at.button(key="upload_hide_demo")


def test_hiding_the_demo_lists_the_users_rows_on_demo_partnerships_first(data_dir, users):
    store = Store(data_dir)
    demo.generate(store, partnerships_n=3, years=1)
    code = store.connect().execute("SELECT min(kode_kemitraan) FROM kemitraan").fetchall()[0][0]
    write(store, "mine", indikator=[indicator_row(code, "2030-01", "kb_peserta_baru", 5)])
    at = _run("en")
    assert "1 row of other batches uses 1 partnership that only batch demo holds" in _said(at)
    assert at.button(key="upload_hide_demo").disabled
    at.checkbox(key="upload_demo_deps_sure_demo").check().run()
    at.button(key="upload_hide_demo").click().run()
    assert not at.exception
    assert _live(data_dir) == {"mine"}


def test_no_demo_section_once_the_store_never_held_or_lost_the_demo(data_dir, users):
    store = Store(data_dir)
    demo.generate(store, partnerships_n=3, years=1)
    write(store, "mine", kemitraan=[partnership("KM-001")])
    at = _run()
    assert at.button(key="upload_hide_demo")
    store.undo("demo")
    at.run()
    assert at.button(key="upload_show_demo") and not [b for b in at.button if b.key == "upload_hide_demo"]


# --- example files ------------------------------------------------------------------------------------------

EXAMPLES = [
    "kemitraan_jawa_barat.xlsx",
    "capaian_bulanan_kb.csv",
    "survei_kobo_kumulatif.xlsx",
    "dhis2_datavalueset.csv",
    "dhis2_datavalueset.json",
]


def test_the_example_files_are_offered_to_everyone_partnerships_first(data_dir, users):
    at = _run("en", logged_in=False)
    assert not at.exception
    labels = [escape.shown(b.proto.label) for b in at.get("download_button")]
    assert t("upload.examples.zip", "en") in labels
    assert [lb for lb in labels if lb in EXAMPLES] == EXAMPLES
    captions = [c.value for c in at.caption]
    assert all(t(f"upload.examples.file.{name}", "en") in captions for name in EXAMPLES)


def test_every_example_can_be_chosen_in_the_uploader_and_the_zip_holds_them_as_they_are():
    files = examples.example_files()
    assert [e.name for e in files] == EXAMPLES
    for e in files:
        assert Path(e.name).suffix[1:] in review.ACCEPTED_TYPES, e.name  # the uploader lets the user pick it
    with zipfile.ZipFile(io.BytesIO(examples.examples_zip())) as z:
        assert sorted(z.namelist()) == sorted([*EXAMPLES, "README.md"])
        for e in files:
            assert z.read(e.name) == (examples.CONTOH / e.name).read_bytes()
    assert examples.examples_zip() == examples.examples_zip()  # same files, same bytes
    assert examples.example_files(Path("/nonexistent")) == []


# --- problems by cause ----------------------------------------------------------------------------------------


def test_the_problems_table_puts_the_root_cause_first_and_what_was_expected_beside_where(tmp_path):
    store = Store(tmp_path / "d")
    rows = [{"kode_kemitraan": "K1", "periode": "2024-Q1", "kode_indikatorr": "terjangkau", "nilai": "1"}] * 40
    partners = [{**partnership("K9"), "provinsi": "Jawa Barrat", "mitra": "PKBI", "sumber_dana": "APBD"}]
    del partners[0]["provinsi_kode"]
    report = review.prepare_upload(
        store,
        [
            ("p.csv", pd.DataFrame(partners).to_csv(index=False).encode()),
            ("i.csv", pd.DataFrame(rows).to_csv(index=False).encode()),
        ],
    )
    df = causes_frame(report, "en")
    assert list(df.columns[:4]) == ["Severity", "Where", "Rows affected", "Expected / note"]
    assert list(df.columns) == [t(f"ingest.col.{c}", "en") for c, _ in CAUSE_COLUMNS]
    first = df.iloc[0]
    assert (
        first["Where"] == "i.csv · kode_indikatorr" and first["Rows affected"] == "40"
    )  # one line, not 40 (shown as text: blank for a whole sheet)
    assert "did you mean: kode_indikator?" in first["Expected / note"]
    assert df.iloc[1]["Where"] == "p.csv · provinsi" and df.iloc[1]["Value"] == "Jawa Barrat"
    assert df.iloc[1]["Expected / note"].endswith("did you mean: West Java (Jawa Barat)?")
    assert len(df) == 2
