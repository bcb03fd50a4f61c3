"""A test that calls a Debian program (pdfinfo, pdftotext) skips with its reason on a machine without it, and
fails in CI, where .ci/run installs it: a fresh machine that ran only the README's commands never fails on a
program nothing installed, and CI never passes by skipping."""

from __future__ import annotations

import pytest
from _pytest.outcomes import Failed, Skipped
from conftest import require_program


def test_an_absent_program_skips_with_its_package_named(monkeypatch):
    monkeypatch.delenv("KEMITRAAN_REQUIRE_BROWSER", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(Skipped, match=r"needs pdfinfo \(apt-get install poppler-utils\)"):
        require_program("pdfinfo", "poppler-utils")


def test_an_absent_program_fails_in_ci(monkeypatch):
    monkeypatch.setenv("KEMITRAAN_REQUIRE_BROWSER", "1")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(Failed, match="pdfinfo is required in CI"):
        require_program("pdfinfo", "poppler-utils")


def test_ci_installs_every_program_the_tests_call():
    from pathlib import Path

    run = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    for program, package in (("chromium", "chromium"), ("pdfinfo", "poppler-utils")):
        assert f"command -v {program}" in run and package in run
