"""Safe to serve to a team, in a real browser (`streamlit run` + headless Chromium):

- with a users file, the upload page shows no uploader until **Masuk** with an editor's password;
- a partnership whose name, code, district and partners are Markdown and HTML shows them literally, and no element
  of any page loads or links to another host; every request a page makes goes to the app's own host (icon and
  fonts included);
- a damaged batch is named on the pages, which keep rendering;
- an unexpected error shows a message with a reference, no traceback, and the log has the traceback under it.
"""

from __future__ import annotations

import io
import re
import shutil
from urllib.parse import urlsplit

import pandas as pd
import pytest
from conftest import IDLE, PASSWORD, app_pages, batch_file, partnership, serve, wait_idle, write
from test_damage_notice import BATCH, truncate
from test_user_text import CODE, DISTRICT, LEAD, NAME, add_hostile

from kemitraan import escape
from kemitraan.i18n import t
from kemitraan.storage import batch_check
from kemitraan.storage.store import Store

pytestmark = pytest.mark.browser

#: Every element attribute that makes the browser fetch or link something.
LINKS_JS = """() => Array.from(document.querySelectorAll('*')).flatMap(e => ['href', 'src', 'srcset', 'action',
    'poster', 'data', 'xlink:href'].map(a => e.getAttribute(a) || e.getAttributeNS('http://www.w3.org/1999/xlink',
    a.replace('xlink:', '')) || '').filter(Boolean))"""
DROPZONE = "[data-testid='stFileUploaderDropzoneInput']"


@pytest.fixture(scope="module")
def hostile_server(demo_dir, tmp_path_factory, password_hash):
    """The app over the demo store plus the hostile partnership, with a users file (editor ani)."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(demo_dir, data)
    add_hostile(Store(data))
    users = root / "users.toml"
    users.write_text(f'[users.ani]\npassword_hash = "{password_hash}"\nrole = "editor"\n', encoding="utf-8")
    with serve(data, env={"KEMITRAAN_USERS_FILE": str(users)}) as url:
        yield url, data


class Visit:
    """A page opened in a fresh browser context, with every request and WebSocket it made."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1600})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        wait_idle(self.page)

    def foreign(self, base: str) -> list[str]:
        """Requests to anywhere but the app's own host (data: URLs are not requests to a host)."""
        own = urlsplit(base).netloc
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != own]

    def links(self) -> list[str]:
        return self.page.evaluate(LINKS_JS)

    def text(self) -> str:
        return self.page.locator("[data-testid='stMain']").inner_text().replace(escape.WORD_JOINER, "")

    def plotly_text(self) -> str:
        return " ".join(self.page.locator(".js-plotly-plot").all_text_contents())

    def close(self):
        self.context.close()


def _pages() -> list[str]:
    out = []
    for _, path in app_pages():
        if path == "profil_kemitraan":
            out.append(f"{path}?kode={escape.url_param(CODE)}")
            out.append(f"{path}?kode={escape.url_param(NAME)}")  # a code that does not exist, reflected
        elif path == "bandingkan":
            out.append(
                f"{path}?banding=kode_kemitraan&anggota_kode_kemitraan={escape.url_param(CODE)}"
                "&anggota_kode_kemitraan=DEMO-00001"
            )
        else:
            out.append(f"{path}?kategori=internasional")
    return out


@pytest.mark.parametrize("path", _pages())
def test_markup_from_data_is_text_and_no_request_leaves_the_host(hostile_server, browser, path):
    url, _ = hostile_server
    v = Visit(browser, f"{url}/{path}")
    try:
        assert v.page.locator("[data-testid='stException']").count() == 0
        assert not v.errors, v.errors
        assert not v.foreign(url), v.foreign(url)
        bad = [
            link
            for link in v.links()
            if "x.invalid" in link
            or re.match(r"(?i)\s*(https?:)?//", link)
            and urlsplit(link).netloc != urlsplit(url).netloc
        ]
        assert not bad, bad
        text = v.text()
        if path.startswith(f"profil_kemitraan?kode={escape.url_param(CODE)}"):
            assert v.page.locator("[data-testid=stMain] h2").first.inner_text().replace(escape.WORD_JOINER, "") == NAME
            for shown in (DISTRICT, LEAD):
                assert shown in text
        elif path.startswith("profil_kemitraan"):
            assert f"{NAME} tidak ditemukan" in text
        elif path.startswith("bandingkan"):
            assert f"{CODE} — {NAME}" in text  # the link to its profile
            assert NAME in v.plotly_text()  # the legend
    finally:
        v.close()


def test_upload_page_shows_no_uploader_until_an_editor_signs_in(hostile_server, browser):
    url, data = hostile_server
    v = Visit(browser, f"{url}/unggah_data")
    pg = v.page
    try:
        assert pg.locator(DROPZONE).count() == 0
        assert pg.get_by_role("button", name=t("upload.undo.button", "id")).count() == 0
        pg.get_by_label("Nama pengguna").fill("ani")
        pg.get_by_label("Kata sandi").fill("bukan-kata-sandinya")
        pg.get_by_role("button", name="Masuk").click()
        pg.get_by_text(t("auth.login.wrong", "id")).wait_for(timeout=60_000)
        assert pg.locator(DROPZONE).count() == 0

        pg.get_by_label("Nama pengguna").fill("ani")
        pg.get_by_label("Kata sandi").fill(PASSWORD)
        pg.get_by_role("button", name="Masuk").click()
        pg.locator(DROPZONE).wait_for(state="attached", timeout=60_000)
        pg.wait_for_selector(IDLE, timeout=60_000)
        assert t("auth.form.logged_in_as", "id", user="ani", role="editor") in v.text()

        # an upload whose file name and content are markup: the preview and the message show them as text
        name = "[klik](x.invalid) ![gbr](x.png) `c`.csv"
        row = {
            "kode_kemitraan": "EVIL-2",
            "nama_kemitraan": NAME,
            "kategori": "internasional",
            "bidang": "kb",
            "mitra_utama": LEAD,
            "provinsi": "Jawa Barat",
            # a kabupaten/kota is matched against the reference list (a hostile one is refused, by design)
            "kabupaten_kota": "Kabupaten Bogor",
            "tanggal_mulai": "2024-01-01",
        }
        buf = io.StringIO()
        pd.DataFrame([row]).to_csv(buf, index=False)
        pg.set_input_files(DROPZONE, files=[{"name": name, "mimeType": "text/csv", "buffer": buf.getvalue().encode()}])
        confirm = pg.get_by_role("button", name=t("upload.confirm", "id"))
        confirm.wait_for(timeout=60_000)
        pg.wait_for_selector(IDLE, timeout=60_000)
        confirm.click()
        pg.get_by_text("Tersimpan sebagai batch").wait_for(timeout=60_000)
        pg.wait_for_selector(IDLE, timeout=60_000)
        assert f"({name})" in v.text()
        [stored] = [m for m in Store(data).batches() if m.get("file") == name]
        assert stored["user"] == "ani"  # the batch records who uploaded it
        assert not v.foreign(url) and not [link for link in v.links() if "x.invalid" in link]

        pg.get_by_role("button", name="Keluar").click()
        pg.get_by_role("button", name="Masuk").wait_for(timeout=60_000)
        wait_idle(pg)  # until the run ends: Streamlit clears the last run's elements then
        assert pg.locator(DROPZONE).count() == 0
        assert pg.locator("[data-testid='stException']").count() == 0 and not v.errors
    finally:
        v.close()


# --- a damaged batch, and an unexpected error -----------------------------------------------------------------

FAILING = "dampak"


@pytest.fixture(scope="module")
def damaged_server(demo_dir, tmp_path_factory):
    """The demo store plus a batch whose Parquet file is cut in half; the Dampak page forced to fail."""
    data = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(demo_dir, data)
    store = Store(data)
    write(store, BATCH, kemitraan=[partnership("RUSAK-1")])
    damaged_file = batch_file(store, BATCH)
    truncate(damaged_file)
    batch_check.clear_caches()
    [damage] = Store(data).damaged()
    env = {"KEMITRAAN_TEST_FAIL_PAGE": FAILING, "KEMITRAAN_RAISE_UNEXPECTED": "0"}
    with serve(data, env=env) as url:
        yield url, data, damage, damaged_file.name


@pytest.mark.parametrize("path", ["ringkasan", "peta", "unggah_data"])
def test_a_damaged_batch_is_named_on_the_pages_which_keep_rendering(damaged_server, browser, path):
    url, _, damage, file_name = damaged_server
    v = Visit(browser, f"{url}/{path}")
    try:
        alerts = " ".join(v.page.locator("[data-testid='stAlert']").all_inner_texts()).replace(escape.WORD_JOINER, "")
        assert damage.notice("id") in alerts, alerts[:1000]  # which batch and a reference; no file or error text
        assert damage.detail not in alerts and file_name not in alerts and ".parquet" not in alerts
        assert v.page.locator("h1").count() >= 1
        assert v.page.locator("[data-testid='stException']").count() == 0 and not v.errors
        if path == "ringkasan":
            assert v.page.locator(".js-plotly-plot").count() >= 3
            assert v.page.locator("[data-testid='stMetricValue']").first.inner_text().strip() == "60"
    finally:
        v.close()


def test_an_unexpected_error_shows_a_reference_and_the_log_has_the_traceback(damaged_server, browser):
    url, data, _, _ = damaged_server
    v = Visit(browser, f"{url}/{FAILING}")
    try:
        text = v.text()
        m = re.search(r"referensi ([0-9A-F]{8})", text)
        assert m, text[:1000]
        for leak in ("Traceback", "ForcedFailure", "KEMITRAAN_TEST_FAIL_PAGE", 'File "'):
            assert leak not in v.page.content(), leak  # nothing of the error reaches the visitor
        assert v.page.locator("[data-testid='stException']").count() == 0
        log = (data / "logs" / "kemitraan.log").read_text(encoding="utf-8")
        entry = log[log.index(f"ref={m.group(1)}") :]
        assert "Traceback" in entry and "ForcedFailure" in entry
    finally:
        v.close()
