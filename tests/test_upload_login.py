"""Login and roles on the upload page (kemitraan.app.auth_ui over kemitraan.auth), under AppTest.

AppTest sends no headers, so its session is never "a browser on this machine": without a users file it may not
edit, which is the rule for any browser elsewhere; tests of the local rule patch ``auth.is_local_request``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import login as _login
from conftest import rewrite
from streamlit.testing.v1 import AppTest
from test_unggah_data import _run, _store_with_batches

from kemitraan import auth, escape
from kemitraan.i18n import t
from kemitraan.storage.store import Store


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    _store_with_batches(d, n=2)
    return d


def _can_edit(at: AppTest) -> bool:
    """What an editor sees and nobody else does: the uploader and the undo picker."""
    uploaders = at.get("file_uploader")
    undo = [s for s in at.selectbox if s.key == "upload_undo_batch"]
    assert bool(uploaders) == bool(undo), "the uploader and undo appear together"
    return bool(uploaders)


def _labels(at: AppTest) -> list[str]:
    return [w.label for w in at.text_input] + [b.label for b in at.button]


@pytest.mark.parametrize(
    ("lang", "labels"), [("id", ["Nama pengguna", "Kata sandi", "Masuk"]), ("en", ["Username", "Password", "Sign in"])]
)
def test_with_a_users_file_the_page_asks_for_a_login_before_anything_can_change(data_dir, users, lang, labels):
    at = _run(lang, login=False)
    assert not at.exception
    assert not _can_edit(at)
    assert all(label in _labels(at) for label in labels), _labels(at)
    assert at.text_input(key="login_password").proto.type == at.text_input(key="login_password").proto.PASSWORD
    assert list(at.dataframe[0].value[t("upload.history.batch_id", lang)]) == ["uji-2", "uji-1"]  # history stays open
    _login(at)
    assert not at.exception and _can_edit(at)
    assert [b.label for b in at.button if b.key == "logout"] == [t("auth.form.logout", lang)]
    at.button(key="logout").click().run()
    assert not _can_edit(at) and labels[-1] in _labels(at)


class _Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_wrong_password_gets_a_message_and_repeated_failures_must_wait(data_dir, users, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(clock=clock))
    at = _run(login=False)
    for _ in range(auth.FREE_FAILURES):
        _login(at, password="salah-sekali")
        assert [e.value for e in at.error] == [t("auth.login.wrong", "id")]
        assert not at.warning and not _can_edit(at)
    _login(at, password="salah-sekali")  # one failure too many: the next try must wait, and the page says how long
    assert [w.value for w in at.warning] == [t("auth.login.throttled", "id", seconds=1)]
    _login(at)  # even the right password is refused during the wait, without being checked
    assert [e.value for e in at.error] == [t("auth.login.throttled", "id", seconds=1)] and not _can_edit(at)
    clock.now += 1.5
    _login(at)
    assert not at.error and _can_edit(at)


def test_a_viewer_may_log_in_but_not_upload_or_undo(data_dir, users):
    at = _run(login=False)
    _login(at, "budi")
    assert not at.exception and not _can_edit(at)
    assert t("auth.form.logged_in_as", "id", user="budi", role=t("auth.role.viewer", "id")) in [
        c.value for c in at.caption
    ]
    assert t("auth.form.need_editor", "id") in [i.value for i in at.info]


def test_an_editor_taken_out_of_the_users_file_loses_the_right_at_once(data_dir, users, password_hash):
    at = _run()
    assert _can_edit(at)
    rewrite(users, f'[users.budi]\npassword_hash = "{password_hash}"\nrole = "viewer"\n')
    at.run()
    assert not at.exception and not _can_edit(at)


def test_a_broken_users_file_closes_editing_and_says_so_without_its_details(data_dir, users):
    users.write_text("[users.ani\n", encoding="utf-8")
    at = _run(login=False)
    assert not at.exception and not _can_edit(at)
    [shown] = [e.value for e in at.error]
    assert shown.startswith("Berkas pengguna tidak dapat dipakai") and str(users) not in shown  # details: the log


def test_without_a_users_file_only_a_browser_on_this_machine_may_edit(data_dir, monkeypatch):
    at = _run(login=False)
    assert not at.exception and not _can_edit(at)
    assert t("auth.form.local_only", "id") in [i.value for i in at.info]
    assert not at.text_input  # nobody to log in as
    seen = []
    monkeypatch.setattr(auth, "is_local_request", lambda ip, headers: seen.append((ip, dict(headers))) or True)
    at = _run(login=False)
    assert not at.exception and _can_edit(at) and seen
    at.checkbox(key="upload_undo_sure")  # the undo form is there too


def test_an_upload_records_the_editor_and_shows_the_file_name_as_text(data_dir, users):
    at = _run()
    name = "[klik](x.invalid) ![gbr](x.png) `c` _miring_ #1 $x$.csv"  # ingest refuses * : < > / in names
    rows = pd.DataFrame([{"kode_kemitraan": "KMT-1", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": 5}])
    at.get("file_uploader")[0].set_value((name, rows.to_csv(index=False).encode(), "text/csv"))
    at.run()
    assert not at.exception
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    stored = [m for m in Store(data_dir).batches() if m["file"] == name]
    assert len(stored) == 1 and stored[0]["user"] == "ani"
    message = at.success[0].value
    assert name in escape.shown(message) and stored[0]["batch_id"] in escape.shown(message)
    assert (
        "[klik](" not in message and "![gbr]" not in message and "`c`" not in message
    )  # markup escaped  # every markup character escaped
