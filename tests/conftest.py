"""Shared fixtures: tiny stores built by code, the demo store, the app's page list."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from hypothesis import settings
from pg_cluster import any_store, pg_catalog, pg_cluster  # noqa: F401  (fixtures: the PostgreSQL catalog)

from kemitraan import contract
from kemitraan.generators import demo
from kemitraan.storage import analysis_cache, batch_check
from kemitraan.storage.store import Store

# An unexpected error in a page must fail the test, not turn into the visitor's polite message.
os.environ.setdefault("KEMITRAAN_RAISE_UNEXPECTED", "1")
# No users file unless a test writes one: a developer's own .streamlit/users.toml must not change the results.
os.environ.setdefault(
    "KEMITRAAN_USERS_FILE", str(Path(tempfile.gettempdir()) / f"kemitraan-tests-{os.getpid()}" / "no-users.toml")
)

# Property tests draw the same examples on every run ("ci", the default), so a red run is reproducible and a
# green one is not luck; HYPOTHESIS_PROFILE=explore draws ten times as many new random examples (docs/DEVELOP.md).
# 50 fixed examples per property keep the suite's wall time within its budget (issue 25).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True, max_examples=50)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _scan_installed_components_once() -> None:
    """Every AppTest scans the metadata of every installed package for Streamlit components on its first run
    (0.5 s of CPU each, a quarter of an AppTest page test; the server does it once at start). What is installed
    does not change during a test session: the scan is made once per process and its list handed out again."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list = []

    def once(*args, **kwargs):
        if not found:
            found.append(scan(*args, **kwargs))
        return list(found[0])

    manifest_scanner.scan_component_manifests = once


_scan_installed_components_once()


def _wait_for_app_runs_without_spinning() -> None:
    """AppTest waits for its script thread by waking every millisecond to look through the run's events: a
    thousand wake-ups a second that take the GIL from the script it waits for. This waits as long (the same
    timeout, the same error) but wakes after 1, 2, 4 … at most 20 ms: a run ends at most 20 ms later."""
    from streamlit.testing.v1 import local_script_runner

    def require_widgets_deltas(runner, timeout: float = 3) -> None:
        t0 = time.time()
        pause = 0.001
        while time.time() - t0 < timeout:
            time.sleep(pause)
            if runner.script_stopped():
                return
            pause = min(pause * 2, 0.02)
        runner.request_stop()
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = require_widgets_deltas


_wait_for_app_runs_without_spinning()

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def app_pages() -> list[tuple[str, str]]:
    """(file, url_path) of every page in app.py's navigation, so new pages are tested automatically."""
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    found = re.findall(r'st\.Page\(\s*"(pages/[^"]+\.py)".*?url_path="([^"]*)"', src, flags=re.S)
    # The home page's url_path is "" (Streamlit serves it at "/"); its name, the file's stem, is a hidden alias
    # that opens it, so the tests reach it by that name and exercise the alias too.
    return [(file, path or Path(file).stem) for file, path in found]


def partnership(kode: str, **over) -> dict:
    row = {
        "kode_kemitraan": kode,
        "nama_kemitraan": f"Kemitraan {kode}",
        "kategori": "pemerintah_lsm",
        "fokus": "program",
        "bidang": "kb",
        "mitra_utama": "Dinas Kesehatan",
        "mitra": ["PKBI"],
        "provinsi_kode": "32",
        "provinsi": "Jawa Barat",
        "kabupaten_kota": None,
        "kabupaten_kode": None,
        "tanggal_mulai": dt.date(2022, 1, 1),
        "tanggal_selesai": None,
        "anggaran_idr": 1e9,
        "sumber_dana": ["APBD"],
    }
    row.update(over)
    return row


def indicator_row(
    kode: str,
    periode: str,
    ind: str,
    nilai: float,
    target: float | None = None,
    *,
    penyebut: float | None = None,
    tanggal_lapor: dt.date | None = None,
) -> dict:
    if "-Q" in periode:
        y, q = periode.split("-Q")
        start, jenis = dt.date(int(y), 3 * int(q) - 2, 1), "triwulan"
    elif "-" in periode:
        y, m = periode.split("-")
        start, jenis = dt.date(int(y), int(m), 1), "bulan"
    else:
        start, jenis = dt.date(int(periode), 1, 1), "tahun"
    return {
        "kode_kemitraan": kode,
        "periode": periode,
        "periode_mulai": start,
        "jenis_periode": jenis,
        "kode_indikator": ind,
        "nilai": nilai,
        "target": target,
        "penyebut": penyebut,
        "tanggal_lapor": tanggal_lapor,
    }


def survey_row(rid: str, kode: str, score: int = 4, **over) -> dict:
    row = {
        "respon_id": rid,
        "kode_kemitraan": kode,
        "tanggal_survei": dt.date(2024, 5, 1),
        "peran_responden": "lsm",
        **{p: score for p in contract.PRINCIPLES},
        "kepuasan": score,
        "tantangan": ["pendanaan"],
        "saran": None,
    }
    row.update(over)
    return row


def write(store: Store, batch_id: str | None = None, **frames: list[dict]) -> str:
    """Commit a batch of ``frames`` (kind → rows); its id (its manifest: ``store.batch(id)``, a catalog read the
    many tests that only need the rows stored do not pay)."""
    with store.new_batch(batch_id, file=f"{batch_id or 'test'}.csv") as b:
        for kind, rows in frames.items():
            b.write_df(kind, pd.DataFrame(rows, columns=contract.stored_columns(kind)))
    return b.batch_id


@dataclasses.dataclass(frozen=True)
class CliRun:
    """What ``python -m kemitraan …`` returned and printed (the fields of ``subprocess.CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


def cli(data_dir: Path | str, *argv: str) -> CliRun:
    """``python -m kemitraan --data-dir DIR …`` run in this process: the command's own code, parsing and output, without
    a new interpreter importing the whole package (1–2 s of CPU a call). What only a real process shows (the module
    entry point, exit codes seen by a shell) has its own tests (test_angka_cli.py, test_ingest_cli.py, test_demo.py)."""
    import io

    from kemitraan.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = list(logging.getLogger("kemitraan").handlers)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--data-dir", str(data_dir), *argv])
    finally:  # the log handlers the command attached (its data folder's file) end with it, as the process would
        drop_log_handlers(keep=before)
    return CliRun(code, out.getvalue(), err.getvalue())


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` and move its mtime a second past the old one: a cache keyed on the file's
    (size, mtime) reads it again, without sleeping until the clock ticks (os.utime instead of time.sleep)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts and ends with empty batch-check caches. They are keyed on a file's (path, size, mtime):
    a test that damages, undoes or rewrites a batch within the clock tick of an earlier test's check, in a
    folder of the same name, would otherwise be given that earlier answer."""
    batch_check.clear_caches()
    yield
    batch_check.clear_caches()


def batch_file(store: Store, batch_id: str, kind: str = "kemitraan") -> Path:
    """The one data file of ``kind`` a batch wrote (``lake/main/<kind>/_batch=<id>/ducklake-….parquet``)."""
    [rel] = [r for r in store.batch(batch_id)["files"] if f"/{kind}/" in r]
    return Path(store.lake) / rel


_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def _an_app_run_ends_with_the_test():
    """What an app run leaves in the process ends with the test that ran it:

    - the log handlers it attaches (kemitraan.logs.setup: the stream stderr was then, that test's data folder), so a
      later test's captured output hears neither another test's app nor a closed stream;
    - ``sys.modules["__main__"]``, which AppTest points at the page it ran: a process started later with "spawn"
      runs the main module again, and would run that page, on the default data folder (the checkout's data/)."""
    yield
    drop_log_handlers()
    sys.modules["__main__"] = _MAIN


def drop_log_handlers(keep: list | tuple = ()) -> None:
    """Detach and close the handlers kemitraan.logs.setup attached (a data folder's log file, stderr), but ``keep``."""
    log = logging.getLogger("kemitraan")
    for h in [h for h in log.handlers if getattr(h, "_kemitraan", None) and h not in keep]:
        log.removeHandler(h)
        h.close()


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """A data folder holding the default demo batch, generated once per test session."""
    d = tmp_path_factory.mktemp("demo") / "data"
    demo.generate(Store(d))
    # Its analysis base too (data/cache/): every copy of the folder (demo_store, the servers) finds it usable, as a
    # restarted server finds its own, instead of building it again (~2 s each, in a child process).
    analysis_cache.connect(Store(d), background=False).close()
    return d


@pytest.fixture
def demo_store(demo_dir, tmp_path) -> Store:
    """A private copy of the demo store, safe to write to."""
    d = tmp_path / "data"
    shutil.copytree(demo_dir, d)
    return Store(d)


# --- login: a users file with an editor (ani) and a viewer (budi) -------------------------------------------

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="session")
def password_hash() -> str:
    from kemitraan import auth

    return auth.hash_password(PASSWORD)


@pytest.fixture
def users(tmp_path, monkeypatch, password_hash) -> Path:
    """``$KEMITRAAN_USERS_FILE`` with an editor (ani) and a viewer (budi), one password; failures counted afresh."""
    from kemitraan import auth

    p = tmp_path / "users.toml"
    p.write_text(
        f'[users.ani]\npassword_hash = "{password_hash}"\nrole = "editor"\n'
        f'[users.budi]\npassword_hash = "{password_hash}"\nrole = "viewer"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(auth.USERS_ENV, str(p))
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle())
    return p


def login(at, name: str = "ani", password: str = PASSWORD):
    """Fill the login form of an AppTest page (kemitraan.app.auth_ui) and press Masuk."""
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


# --- the small hand-built store of the analysis tests (documented in tests/test_analysis_queries.py) -------


def analysis_partner(kode, kategori, bidang, prov, start, end=None):
    return {
        "kode_kemitraan": kode,
        "nama_kemitraan": f"Kemitraan {kode}",
        "kategori": kategori,
        "fokus": "program",
        "bidang": bidang,
        "mitra_utama": "Mitra",
        "mitra": ["A", "B"],
        "provinsi_kode": prov,
        "provinsi": contract.province_name(prov),
        "kabupaten_kota": None,
        "tanggal_mulai": start,
        "tanggal_selesai": end,
        "anggaran_idr": 1e9,
        "sumber_dana": ["APBD"],
    }


def analysis_row(kode, periode, mulai, jenis, ind, nilai, target=None, penyebut=None):
    return {
        "kode_kemitraan": kode,
        "periode": periode,
        "periode_mulai": mulai,
        "jenis_periode": jenis,
        "kode_indikator": ind,
        "nilai": float(nilai),
        "target": None if target is None else float(target),
        "penyebut": None if penyebut is None else float(penyebut),
    }


def analysis_survey(rid, kode, base, kepercayaan, kepuasan, tantangan):
    r = {
        "respon_id": rid,
        "kode_kemitraan": kode,
        "tanggal_survei": dt.date(2024, 5, 10),
        "peran_responden": "lsm",
        **{p: base for p in contract.PRINCIPLES},
        "kepuasan": kepuasan,
        "tantangan": tantangan,
        "saran": None,
    }
    r["kepercayaan"] = kepercayaan
    return r


def build_analysis_store(root) -> Store:
    store = Store(root)
    partners = pd.DataFrame(
        [
            analysis_partner("P1", "pemerintah_lsm", "kb", "32", dt.date(2024, 1, 1)),
            analysis_partner("P2", "pemerintah_lsm", "kia", "33", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
            analysis_partner("P3", "publik_swasta", "gizi", "32", dt.date(2020, 1, 1), dt.date(2024, 6, 30)),
            analysis_partner("P4", "nirlaba", "promkes", "51", dt.date(2024, 1, 1)),
        ]
    )
    rows = []
    for m in range(1, 7):
        per, mulai = f"2024-{m:02d}", dt.date(2024, m, 1)
        rows += [
            analysis_row("P1", per, mulai, "bulan", "terjangkau", 10 * m, 20),
            analysis_row("P1", per, mulai, "bulan", "sasaran", 1500 if m == 6 else 1200),
            analysis_row("P1", per, mulai, "bulan", "mcpr_pct", 50 if m <= 3 else 60, penyebut=1000),
            analysis_row("P1", per, mulai, "bulan", "peserta_kb_aktif", 100 * m),
        ]
    for qn, mulai, mcpr, lokal, src in ((1, dt.date(2024, 1, 1), 40, 20, 2), (2, dt.date(2024, 4, 1), 44, 40, 3)):
        per = f"2024-Q{qn}"
        rows += [
            analysis_row("P2", per, mulai, "triwulan", "terjangkau", 300, 400),
            analysis_row("P2", per, mulai, "triwulan", "sasaran", 2400),
            analysis_row("P2", per, mulai, "triwulan", "mcpr_pct", mcpr, penyebut=2000),
            analysis_row("P2", per, mulai, "triwulan", "dana_komitmen_idr", 100),
            analysis_row("P2", per, mulai, "triwulan", "dana_realisasi_idr", 80),
            analysis_row("P2", per, mulai, "triwulan", "porsi_dana_lokal_pct", lokal),
            analysis_row("P2", per, mulai, "triwulan", "jumlah_sumber_dana", src),
        ]
    rows += [
        analysis_row("P3", "2023", dt.date(2023, 1, 1), "tahun", "terjangkau", 1000),
        analysis_row("P3", "2024", dt.date(2024, 1, 1), "tahun", "terjangkau", 1400),
        analysis_row("P3", "2023", dt.date(2023, 1, 1), "tahun", "stunting_pct", 30),
        analysis_row("P3", "2024", dt.date(2024, 1, 1), "tahun", "stunting_pct", 27),
        analysis_row("P4", "2024-01", dt.date(2024, 1, 1), "bulan", "layanan", 100),
        analysis_row("P4", "2024-02", dt.date(2024, 2, 1), "bulan", "layanan", 100),
        analysis_row("P4", "2024-04", dt.date(2024, 4, 1), "bulan", "layanan", 1000),
        analysis_row("P4", "2024-01", dt.date(2024, 1, 1), "bulan", "mcpr_pct", 120),
    ]
    surveys = pd.DataFrame(
        [
            analysis_survey("r1", "P1", 5, 5, 5, ["koordinasi", "pendanaan"]),
            analysis_survey("r2", "P1", 3, 1, 2, ["pendanaan"]),
            analysis_survey("r3", "P3", 4, 4, 4, []),
        ]
    )
    with store.new_batch("awal", file="awal.xlsx") as b:
        b.write_df("kemitraan", partners)
        b.write_df("indikator", pd.DataFrame(rows))
        b.write_df("survei", surveys)
    with store.new_batch("koreksi", file="koreksi.csv") as b:
        b.write_df(
            "indikator", pd.DataFrame([analysis_row("P3", "2024", dt.date(2024, 1, 1), "tahun", "terjangkau", 1500)])
        )
    return store


# --- real browser: the app served by `streamlit run`, Chromium driven by Playwright -------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def require_browser() -> None:
    """Skip a browser test when Chromium is absent, except in CI (KEMITRAAN_REQUIRE_BROWSER=1), where it fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("KEMITRAAN_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is required for the browser tests in CI")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")


def require_program(name: str, package: str) -> None:
    """Skip a test that calls the program ``name`` when it is absent, except in CI (KEMITRAAN_REQUIRE_BROWSER=1,
    where .ci/run installs it), where it fails: a missing tool must never pass for a passing test."""
    if shutil.which(name) is None:
        if os.environ.get("KEMITRAAN_REQUIRE_BROWSER"):
            pytest.fail(f"{name} is required in CI (apt-get install {package})")
        pytest.skip(f"this test needs {name} (apt-get install {package})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(data: Path, entry: Path | None = None, env: dict | None = None):
    """`streamlit run` (app.py by default) on a free port over the data folder ``data``; yields the base URL."""
    port = free_port()
    env = {**os.environ, "KEMITRAAN_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), **(env or {})}
    log = tempfile.TemporaryFile()  # the server's output, printed when the test ends (pytest shows it on a failure)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(entry or ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        log.seek(0)
        raise RuntimeError("streamlit did not start: " + log.read().decode(errors="replace")[-2000:])
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.seek(0)
        print(f"--- streamlit on {url} ---\n" + log.read().decode(errors="replace")[-6000:])
        log.close()


@pytest.fixture(scope="session")
def server(demo_dir, tmp_path_factory):
    """The whole app over a copy of the demo store, shared by the browser tests of one worker (a start and a first
    page cost seconds each: once per worker, not once per module). Tests that change the store (an upload, a
    damaged file) start their own server; a meeting note written through it is the only change they share."""
    require_browser()
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(demo_dir, data)
    with serve(data) as url:
        yield url


@pytest.fixture(scope="session")
def pw():
    """Playwright, started once per worker: its synchronous API runs once per thread, so a test module that needs a
    Chromium launched with other flags (test_auth_browser.py) launches it from this one."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(pw):
    """Headless Chromium, one per worker (a launch costs ~1 s of CPU); each test opens its pages in contexts of its
    own (``browser.new_page`` / ``new_context``: no cookie, storage or cache shared between tests)."""
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


# True once Streamlit's script has finished, something is drawn in the main area, every Plotly chart has drawn its
# SVG, and all have held for QUIET_MS: a URL-bound widget may start one more run just after the first one ends, so
# "finished" alone is not enough; and before a fresh server's first run has even started (its first session imports
# the whole app: seconds under load) the app reads "notRunning" over an empty page.
_SETTLED = """quiet => {
    const app = document.querySelector("[data-testid='stApp']");
    const idle = app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector("[data-testid='stMain'] [data-testid='stElementContainer']") !== null;
    // An element whose code is still loading shows Streamlit's Suspense fallback (stSkeleton), not its testid:
    // under load a page can be idle with a chart not yet in the DOM (a CI failure: the legend read empty).
    const drawn = document.querySelector("[data-testid='stSkeleton']") === null
        && [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
            .every(c => c.querySelector('.main-svg') !== null);
    const now = performance.now();
    if (!(idle && drawn)) { window.__settledSince = null; return false; }
    if (window.__settledSince == null) window.__settledSince = now;
    return now - window.__settledSince >= quiet;
}"""
QUIET_MS = 500


def follow_link(page, path: str) -> None:
    """To the page ``path`` by the sidebar's link, as a reader goes (a click event: the sidebar folds its last links
    under "View more"), until the browser is there (then ``wait_idle`` for its run)."""
    page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").dispatch_event("click")
    page.wait_for_url(lambda u: urlsplit(u).path.endswith(f"/{path}"))


def wait_idle(page) -> None:
    """Until Streamlit has finished running the script and drawn its charts, and stays so (no fixed sleep)."""
    page.wait_for_selector(IDLE, timeout=90_000)
    page.evaluate("() => { window.__settledSince = null; }")
    page.wait_for_function(_SETTLED, arg=QUIET_MS, polling=100, timeout=90_000)


def open_page(browser, url: str, name: str, viewport: dict | None = None):
    """A new page at ``url``, idle, screenshotted to tests/artifacts/<name>.png; (page, JavaScript errors)."""
    page = browser.new_page(viewport=viewport or {"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return page, errors


def a_new_batch_shows_on_both(browser, seed: Store, url_a: str, url_b: str, name: str) -> None:
    """Two servers over one store holding K1 and K2 (``seed``): both home pages count 2; a batch with K3 committed
    through ``seed`` is on both at their next page run (no staleness: each run asks the catalog for its snapshot).
    How long a reload takes is speed (bench/bench_catalog.py): printed, not asserted."""
    pages = [open_page(browser, f"{url}/?lang=en", f"{name}-{i}")[0] for i, url in enumerate((url_a, url_b))]
    try:
        for page in pages:
            assert page.locator("[data-testid='stMetricValue']").first.inner_text().strip() == "2"
        write(seed, "b2", kemitraan=[partnership("K3")], indikator=[indicator_row("K3", "2024", "terjangkau", 5)])
        committed = time.monotonic()
        for page in pages:
            page.reload()
            wait_idle(page)
            seen = page.locator("[data-testid='stMetricValue']").first.inner_text().strip()
            print(f"{page.url}: the new batch shown {time.monotonic() - committed:.1f} s after its commit")
            assert seen == "3", seen
    finally:
        for page in pages:
            page.close()
