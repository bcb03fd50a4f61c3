"""A users file that cannot be used (issue 21, item 5): editing closes for everyone; visitors are told so in a short
translated sentence with a reference id, never the file's absolute path, an account name or the parser's error;
those go to the log and to `python -m kemitraan check`, under the same reference."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from test_unggah_data import PAGE, _store_with_batches

from kemitraan import auth
from kemitraan.cli import main
from kemitraan.i18n import t

BROKEN = {
    # the parser's own error text
    "toml": ('[users.sekretariat_rahasia\npassword_hash = "x"\n', "Expected ']'"),
    # a bad entry names the account
    "hash": ('[users.sekretariat_rahasia]\npassword_hash = "bukan-hash"\nrole = "editor"\n', "sekretariat_rahasia"),
    "role": ('[users.sekretariat_rahasia]\npassword_hash = "$argon2id$v=19$x"\nrole = "raja"\n', "raja"),
}


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(d))
    _store_with_batches(d, n=1)
    return d


@pytest.fixture(params=sorted(BROKEN))
def broken(request, tmp_path, monkeypatch):
    text, secret = BROKEN[request.param]
    p = tmp_path / "rahasia" / "users.toml"
    p.parent.mkdir()
    p.write_text(text, encoding="utf-8")
    monkeypatch.setenv(auth.USERS_ENV, str(p))
    with pytest.raises(auth.UsersFileError) as exc:
        auth.load_users(p)
    return p, secret, exc.value


@pytest.mark.parametrize("lang", ["id", "en"])
def test_visitors_see_a_short_translated_message_with_a_reference_and_no_details(data_dir, broken, lang):
    path, secret, error = broken
    at = AppTest.from_file(PAGE, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    shown = " ".join(str(e.value) for els in (at.error, at.warning, at.info, at.caption, at.markdown) for e in els)
    assert t("auth.file.broken", lang, ref=error.reference) in [e.value for e in at.error]
    for detail in (str(path), str(path.parent), secret, "TOML", "line 1", "Expected"):
        assert detail not in shown, detail
    assert not at.get("file_uploader")  # editing closed


def test_the_log_and_check_have_the_details_under_the_reference(data_dir, broken, capsys):
    path, secret, error = broken
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert error.reference in at.error[0].value
    log = (data_dir / "logs" / "kemitraan.log").read_text(encoding="utf-8")
    line = next(x for x in log.splitlines() if f"ref={error.reference}" in x)
    assert str(path) in line and secret in line
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert str(path) in out and secret in out and f"rujukan {error.reference}" in out
    assert main(["--data-dir", str(data_dir), "check", "--json", "--lang", "en"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["users_file"]["reference"] == error.reference and str(path) in report["users_file"]["message"]


def test_a_login_against_a_broken_file_gets_the_short_message(broken):
    path, secret, error = broken
    result = auth.verify_login("sekretariat_rahasia", "kata-sandi-apa-saja", "203.0.113.9")
    assert not result.ok and result.reason == "users_file"
    for lang in ("id", "en"):
        assert result.message(lang) == t("auth.file.broken", lang, ref=error.reference)
        assert str(path) not in result.message(lang) and secret not in result.message(lang)


def test_check_passes_when_the_users_file_is_fine_or_absent(data_dir, users, capsys):
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert "USERS FILE" not in capsys.readouterr().out
