"""Listening beyond this machine without a users file: every request a port forward brings in (ssh -L, socat)
arrives from loopback with ``Host: localhost`` and may edit, so the app says so in its log when it starts."""

from __future__ import annotations

import logging

import pytest
from conftest import APP
from streamlit import config
from streamlit.testing.v1 import AppTest

from kemitraan import auth


class _Records(logging.Handler):
    """The warnings of kemitraan.auth, whatever the app's logging set-up did to propagation (logs.setup)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def caplog():
    handler = _Records()
    logger = logging.getLogger("kemitraan.auth")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.mark.parametrize("address", [None, "", "0.0.0.0", "::", "192.168.1.10", "dasbor.example.org"])
def test_listening_beyond_this_machine_without_a_users_file_is_warned(address, tmp_path, caplog):
    assert auth.warn_if_open(address, path=tmp_path / "none.toml")
    [record] = caplog.records
    assert "users file" in record.getMessage() and "ssh -L" in record.getMessage()


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1", "::1", "[::1]", "127.0.1.1"])
def test_listening_on_this_machine_only_is_not_warned(address, tmp_path, caplog):
    assert not auth.warn_if_open(address, path=tmp_path / "none.toml")
    assert not caplog.records


def test_with_a_users_file_listening_anywhere_is_not_warned(users, caplog):
    assert not auth.warn_if_open("0.0.0.0")
    assert not caplog.records


@pytest.mark.parametrize(("address", "warned"), [("0.0.0.0", True), ("localhost", False)])
def test_the_app_warns_in_its_log_when_it_starts_beyond_this_machine_without_a_users_file(
    tmp_path, monkeypatch, address, warned
):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(tmp_path / "data"))
    before = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        AppTest.from_file(APP, default_timeout=120).run()
    finally:
        config.set_option("server.address", before)
    text = (tmp_path / "data" / "logs" / "kemitraan.log").read_text(encoding="utf-8")
    assert ("WARNING" in text and "listens on '0.0.0.0'" in text and "no users file" in text) == warned, text
