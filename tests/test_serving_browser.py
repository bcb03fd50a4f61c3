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
from conftest import IDLE, PASSWORD, app_pages, batch_file, follow_link, partnership, serve, wait_idle, write
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


#: The pages whose subject is in their URL, opened by it: the hostile partnership's profile, a code that does not
#: exist (reflected on the page), and a comparison of the hostile partnership with a demo one.
BY_URL = [
    f"profil_kemitraan?kode={escape.url_param(CODE)}",
    f"profil_kemitraan?kode={escape.url_param(NAME)}",
    f"bandingkan?banding=kode_kemitraan&anggota_kode_kemitraan={escape.url_param(CODE)}"
    "&anggota_kode_kemitraan=DEMO-00001",
]
#: Every other page, filtered to the hostile partnership's category.
BY_LINK = [path for _, path in app_pages() if path not in ("profil_kemitraan", "bandingkan")]
#: Two walks (two tests, so that the suite's workers share them), each in one browser tab as a reader goes: the
#: first page by its URL, the next ones by the sidebar's links (the filter goes along), those of BY_URL by theirs.
#: A page opened by its URL loads the whole front end again (~2.4 s of Chromium's CPU, a link ~1 s).
WALKS = {"a": BY_LINK[0::2] + BY_URL[:1], "b": BY_LINK[1::2] + BY_URL[1:]}


def _problems(v: Visit, url: str, path: str) -> list[str]:
    """What is wrong on the page ``path`` as it is drawn now: an exception, a request or a link to another host,
    markup from the data read as markup (the subject's name, district and partner shown literally)."""
    out = []
    if v.page.locator("[data-testid='stException']").count():
        out.append("an exception")
    out += [f"request to {u}" for u in v.foreign(url)]
    own = urlsplit(url).netloc
    out += [
        f"link to {link}"
        for link in v.links()
        if "x.invalid" in link or re.match(r"(?i)\s*(https?:)?//", link) and urlsplit(link).netloc != own
    ]
    text = v.text()
    if path == BY_URL[0]:
        h2 = v.page.locator("[data-testid=stMain] h2").first.inner_text().replace(escape.WORD_JOINER, "")
        out += [] if h2 == NAME else [f"heading {h2!r}"]
        out += [f"{shown!r} not shown literally" for shown in (DISTRICT, LEAD) if shown not in text]
    elif path == BY_URL[1]:
        out += [] if f"{NAME} tidak ditemukan" in text else ["the unknown code not named literally"]
    elif path == BY_URL[2]:
        out += [] if f"{CODE} — {NAME}" in text else ["the link to the profile not shown literally"]
        out += [] if NAME in v.plotly_text() else ["the legend does not name the partnership literally"]
    elif "kategori=internasional" not in v.page.url:
        out.append(f"the filter was lost on the way: {v.page.url}")
    return [f"{path}: {p}" for p in out]


@pytest.mark.parametrize("walk", sorted(WALKS))
def test_markup_from_data_is_text_and_no_request_leaves_the_host(hostile_server, browser, walk):
    url, _ = hostile_server
    paths = WALKS[walk]
    v = Visit(browser, f"{url}/{paths[0]}?kategori=internasional")
    problems = []
    try:
        for i, path in enumerate(paths):
            if path in BY_URL:
                v.page.goto(f"{url}/{path}")
                wait_idle(v.page)
            elif i:
                follow_link(v.page, path)
                wait_idle(v.page)
            problems += _problems(v, url, path)
        assert not v.errors, v.errors
    finally:
        v.close()
    assert not problems, "\n".join(problems)


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


def test_a_damaged_batch_is_named_on_the_pages_which_keep_rendering(damaged_server, browser):
    url, _, damage, file_name = damaged_server
    v = Visit(browser, f"{url}/ringkasan")
    try:
        for path in ("ringkasan", "peta", "unggah_data"):
            if path != "ringkasan":
                follow_link(v.page, path)
                wait_idle(v.page)
            alerts = " ".join(v.page.locator("[data-testid='stAlert']").all_inner_texts())
            alerts = alerts.replace(escape.WORD_JOINER, "")
            assert damage.notice("id") in alerts, (path, alerts[:1000])  # which batch and a reference
            assert damage.detail not in alerts and file_name not in alerts and ".parquet" not in alerts, path
            assert v.page.locator("h1").count() >= 1, path
            assert v.page.locator("[data-testid='stException']").count() == 0 and not v.errors, (path, v.errors)
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
