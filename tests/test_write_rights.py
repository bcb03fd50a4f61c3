"""Every write asks for the right at the moment it writes (kemitraan.app.auth_ui.writer), against the users file as
it is then, and records who wrote: the logged-in editor, or "lokal (<hostname>)" without a users file — never the
server's own account. Under AppTest, with an editor (ani) and a viewer (budi) in a users file (conftest.users)."""

from __future__ import annotations

import getpass
import socket

import pandas as pd
import pytest
from conftest import APP, rewrite
from streamlit.testing.v1 import AppTest
from test_unggah_data import _run, _store_with_batches

from kemitraan import auth
from kemitraan.app import auth_ui, upload_history
from kemitraan.i18n import t
from kemitraan.ingest import review
from kemitraan.storage import history
from kemitraan.storage.notes import Notes
from kemitraan.storage.store import Store

NOTE_FIELD = "mnote_text_slide_dana"
NOTE_SUBMIT = "FormSubmitter:mnote_form_slide_dana-Simpan catatan"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    monkeypatch.setenv("KEMITRAAN_USER", "akun-server")  # the server's account: never recorded for a visitor
    _store_with_batches(d, n=2)
    return d


def _revoke(users, password_hash) -> None:
    """Ani stays in the file, as a viewer now."""
    rewrite(users, f'[users.ani]\npassword_hash = "{password_hash}"\nrole = "viewer"\n')


def _presentasi_logged_in() -> AppTest:
    """Presentasi on one slide in a session where ani is logged in (what the login form keeps in the session:
    the form itself is tested in test_upload_login.py)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["slides"] = "dana"
    at.session_state[auth_ui.USER_KEY] = auth.User("ani", auth.EDITOR)
    at.switch_page("pages/presentasi.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_note_saved_after_the_editor_role_was_taken_away_is_refused_and_nothing_is_stored(
    data_dir, users, password_hash
):
    at = _presentasi_logged_in()
    at.text_area(key=NOTE_FIELD).input("Kesimpulan rapat")  # the form is open: ani was an editor when it was drawn
    _revoke(users, password_hash)
    at.button(key=NOTE_SUBMIT).click().run()
    assert not at.exception
    assert Notes(data_dir).list() == []
    assert [e.value for e in at.error] == [t("auth.write.refused", "id")]
    assert not at.success


def test_a_note_records_the_logged_in_editor(data_dir, users):
    at = _presentasi_logged_in()
    at.text_area(key=NOTE_FIELD).input("Kesimpulan rapat")
    at.button(key=NOTE_SUBMIT).click().run()
    assert [(n.text, n.author) for n in Notes(data_dir).list()] == [("Kesimpulan rapat", "ani")]


def test_without_a_users_file_a_local_note_and_undo_are_by_lokal_and_the_machine(data_dir, monkeypatch):
    monkeypatch.setattr(auth, "is_local_request", lambda ip, headers: True)
    expected = f"lokal ({socket.gethostname()})"
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["slides"] = "dana"
    at.switch_page("pages/presentasi.py").run()
    at.text_area(key=NOTE_FIELD).input("Catatan lokal")
    at.button(key=NOTE_SUBMIT).click().run()
    [note] = Notes(data_dir).list()
    assert note.author == expected and note.author not in ("akun-server", getpass.getuser())
    at = _run(login=False)
    at.selectbox(key="upload_undo_batch").select("uji-2").run()
    at.checkbox(key="upload_undo_sure").check().run()
    at.button(key="upload_undo").click().run()
    assert next(m for m in Store(data_dir).batches() if m["batch_id"] == "uji-2")["undone_by"] == expected


def _revoke_while_running(monkeypatch, module, name, users, password_hash):
    """The role is taken away while the page is running, after it drew the editor's forms (as during a long
    upload): ``module.name`` revokes the first time it is called once armed."""
    original = getattr(module, name)
    armed = {"on": False}

    def wrapped(*args, **kwargs):
        if armed["on"]:
            armed["on"] = False
            _revoke(users, password_hash)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return armed


def test_an_undo_after_the_role_was_taken_away_mid_run_changes_nothing(data_dir, users, password_hash, monkeypatch):
    at = _run()
    at.selectbox(key="upload_undo_batch").select("uji-2").run()
    at.checkbox(key="upload_undo_sure").check().run()
    armed = _revoke_while_running(monkeypatch, upload_history, "show_dependants", users, password_hash)
    armed["on"] = True
    at.button(key="upload_undo").click().run()
    assert not at.exception
    assert not any(m.get("undone") for m in Store(data_dir).batches())
    assert t("auth.write.refused", "id") in [e.value for e in at.error]


def test_a_redo_after_the_role_was_taken_away_mid_run_changes_nothing(data_dir, users, password_hash, monkeypatch):
    Store(data_dir).undo("uji-2")
    at = _run()
    at.selectbox(key="upload_redo_batch").select("uji-2").run()
    armed = _revoke_while_running(monkeypatch, history, "redoable", users, password_hash)
    armed["on"] = True
    at.button(key="upload_redo").click().run()
    assert not at.exception
    assert [m["batch_id"] for m in Store(data_dir).batches() if m.get("undone")] == ["uji-2"]
    assert t("auth.write.refused", "id") in [e.value for e in at.error]


def test_an_upload_confirmed_after_the_role_was_taken_away_mid_run_stores_nothing(
    data_dir, users, password_hash, monkeypatch
):
    at = _run()
    rows = pd.DataFrame([{"kode_kemitraan": "KMT-1", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": 5}])
    at.get("file_uploader")[0].set_value(("baru.csv", rows.to_csv(index=False).encode(), "text/csv"))
    at.run()
    before = [m["batch_id"] for m in Store(data_dir).batches()]
    armed = _revoke_while_running(monkeypatch, review, "can_commit", users, password_hash)
    armed["on"] = True
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert [m["batch_id"] for m in Store(data_dir).batches()] == before
    assert t("auth.write.refused", "id") in [e.value for e in at.error]
