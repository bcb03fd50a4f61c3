"""A PostgreSQL catalog that cannot be reached is said as such (issue 22), in the user's language, naming the server
and database but never a password; the driver's words go to the log. Nothing listens on the port used here."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import free_port
from streamlit.testing.v1 import AppTest

from kemitraan import cli
from kemitraan.storage import engine
from kemitraan.storage.store import Store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def nowhere(monkeypatch, tmp_path) -> str:
    """``KEMITRAAN_CATALOG`` naming a port nothing listens on (a password in the URL, which must not be shown)."""
    port = free_port()
    monkeypatch.setenv(engine.CATALOG_ENV, f"postgresql://kemitraan:rahasia@127.0.0.1:{port}/lake")
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(tmp_path / "data"))
    return f"127.0.0.1:{port}/lake"


def test_the_store_says_the_catalog_cannot_be_reached(nowhere, tmp_path, caplog):
    # the handler on the engine's own logger: the app's logging set-up may stop records from reaching the root
    engine_log = logging.getLogger("kemitraan.storage.engine")
    engine_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.ERROR, logger="kemitraan.storage.engine"):
            with pytest.raises(engine.CatalogUnreachable) as got:
                Store(tmp_path / "data")
    finally:
        engine_log.removeHandler(caplog.handler)
    assert got.value.message("id").startswith(f"Katalog data (PostgreSQL di {nowhere}) tidak dapat dihubungi")
    assert got.value.message("en").startswith(f"The data catalog (PostgreSQL at {nowhere}) cannot be reached")
    assert "rahasia" not in got.value.message("id") + got.value.message("en")
    assert "Connection refused" in caplog.text  # the driver's words, for the administrator


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_command_line_says_it_in_the_language_asked_for(nowhere, tmp_path, capsys, lang):
    assert cli.main(["--data-dir", str(tmp_path / "data"), "batches", "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert ("tidak dapat dihubungi" if lang == "id" else "cannot be reached") in err
    assert nowhere in err and "rahasia" not in err and "Traceback" not in err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_page_says_it_instead_of_the_generic_error(nowhere, monkeypatch, lang):
    monkeypatch.setenv("KEMITRAAN_RAISE_UNEXPECTED", "0")
    at = AppTest.from_file(APP, default_timeout=90)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    shown = " ".join(e.value for e in at.error)
    assert ("tidak dapat dihubungi" if lang == "id" else "cannot be reached") in shown, shown
    assert nowhere in shown and "rahasia" not in shown
    assert "referensi" not in shown and "reference" not in shown  # not the generic error
