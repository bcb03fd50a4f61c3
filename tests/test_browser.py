"""Real browser: the app served by `streamlit run`, opened in headless Chromium by its links.

Every page in both languages is rendered by tests/test_app.py (AppTest, no server) and walked through in a real
browser once, at two sizes, by tests/test_charts_browser.py; here, what needs a server and its URLs. Skips with a
reason when Chromium is absent, except in CI (KEMITRAAN_REQUIRE_BROWSER=1), where a missing browser is a failure.
Screenshots land in tests/artifacts/ for a human look.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ARTIFACTS, app_pages, open_page, serve, wait_idle

pytestmark = pytest.mark.browser


def test_the_home_page_answers_to_its_own_name(server, browser):
    """/ringkasan, the name the docs and old links use, opens Ringkasan, not Streamlit's English "Page not found",
    in both languages (one tab: a link opened after another, as a reader pastes them)."""
    from kemitraan.i18n import t

    # The first run on a fresh server takes another road (kemitraan/app/navigation.py): open another page first.
    page, errors = open_page(browser, f"{server}/jangkauan", "home-alias-before")
    try:
        for lang in ("id", "en"):
            page.goto(f"{server}/ringkasan?lang={lang}&kategori=internasional")
            wait_idle(page)
            page.screenshot(path=str(ARTIFACTS / f"home-alias-{lang}.png"))
            assert page.locator("[role='dialog']").count() == 0, page.locator("[role='dialog']").first.inner_text()
            assert page.locator("[data-testid='stMain'] h1").first.inner_text() == t("ringkasan.title", lang)
            assert "kategori=internasional" in page.url  # the link's filters kept
            assert lang == "id" or "lang=en" in page.url
        assert not errors, errors
    finally:
        page.close()


def test_copied_url_reproduces_filters(server, browser, demo_dir):
    from kemitraan.storage.store import Store

    n = (
        Store(demo_dir)
        .connect()
        .sql("SELECT count(*) FROM kemitraan WHERE kategori = 'internasional'")
        .fetchall()[0][0]
    )
    page, _ = open_page(browser, f"{server}/ringkasan?lang=en&kategori=International", "filtered-en")
    try:
        assert "lang=en" in page.url and "kategori=internasional" in page.url  # codes: the link works in both languages
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert "Partnership category" in sidebar and "International" in sidebar, sidebar[:800]
        first_metric = page.locator("[data-testid='stMetricValue']").first.inner_text()
        assert first_metric.strip() == str(n)  # the partnership count of the filtered view
    finally:
        page.close()


def test_deep_link_on_a_freshly_started_server_gets_the_whole_app(demo_dir, tmp_path, browser):
    """The first visitor after a restart opens a shared link to a page other than the home page."""
    from kemitraan.i18n import t

    file, path = app_pages()[-1]
    shutil.copytree(demo_dir, tmp_path / "data")
    with serve(tmp_path / "data") as url:
        page, errors = open_page(browser, f"{url}/{path}?lang=en", f"deeplink-{path}")
        try:
            assert page.url.startswith(f"{url}/{path}") and "lang=en" in page.url
            sidebar = page.locator("[data-testid='stSidebar']").inner_text()
            assert t("app.language", "en") in sidebar and t("filters.header", "en") in sidebar
            assert page.locator("[data-testid='stException']").count() == 0 and not errors
        finally:
            page.close()


def test_language_switch_and_navigation_keep_the_filters(server, browser):
    from kemitraan.i18n import t

    page, _ = open_page(
        browser, f"{server}/jangkauan?kategori=internasional&periode=2023-01&periode=2025-12", "switch-before"
    )
    try:
        before = page.locator("[data-testid='stMetricValue']").first.inner_text()
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        wait_idle(page)
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert "International" in sidebar and "Internasional" not in sidebar  # the chip speaks English too
        assert page.locator("[data-testid='stMetricValue']").first.inner_text().replace(",", ".") == before
        page.locator("[data-testid='stSidebar']").get_by_text(t("page.dampak", "en"), exact=True).click()
        wait_idle(page)
        assert "/dampak" in page.url
        for part in ("lang=en", "kategori=internasional", "periode=2023-01"):
            assert part in page.url, page.url
    finally:
        page.close()
