"""The app in a real browser: `streamlit run` over a store, headless Chromium, render times read in the page.

A render is over when Streamlit says so (``stApp`` at ``data-test-script-state='notRunning'``) *and* the
Plotly charts have been drawn. A MutationObserver injected before the page's own scripts records, with
the page's clock (``performance.now()``, 0 = navigation start), the last change of the script state and
the last change inside any ``.js-plotly-plot``; the page is done once it is idle, has run at least once
since the action, and nothing has moved for a quiet second. The time reported is the last of those
changes, so the quiet second is waited for but never counted.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

OBSERVER = """
(() => {
  const B = window.__bench = {state: null, runs: 0, lastState: 0, lastPlot: 0, cost: 0};
  const plotOf = (n) => {
    const e = n && (n.nodeType === 1 ? n : n.parentElement);
    return e && e.closest ? e.closest('.js-plotly-plot') : null;
  };
  const look = (muts) => {
    const now = performance.now();
    const app = document.querySelector("[data-testid='stApp']");
    const st = app ? app.getAttribute('data-test-script-state') : null;
    if (st !== B.state) {
      B.state = st; B.lastState = now;
      if (st === 'running') B.runs += 1;
    }
    for (const m of muts) {
      let p = plotOf(m.target);
      if (!p) for (const a of m.addedNodes) {
        if (a.nodeType === 1) p = a.matches('.js-plotly-plot') ? a : a.querySelector('.js-plotly-plot');
        if (p) break;
      }
      if (p) { p.__benchLast = now; B.lastPlot = now; }
    }
    B.cost += performance.now() - now;  // what watching costs the page, reported with every render
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true,
                                                characterData: true});
})();
"""

#: Charts the reader can see: Streamlit marks every chart's container ``stPrintGraphic`` (the app draws only
#: Plotly charts), minus those in collapsed expanders and hidden tabs.
_CHARTS = ".stPrintGraphic:not([data-st-inactive] *):not(details:not([open]) *)"

_STATUS = (
    """(since) => { const B = window.__bench || {};
  const charts = [...document.querySelectorAll("%s")].map((c) => c.querySelector('.js-plotly-plot'));
  const drawn = charts.filter((p) => p && p.querySelector('.main-svg'));
  return {state: B.state, runs: B.runs || 0, cost: B.cost || 0, lastState: B.lastState || 0, lastPlot: B.lastPlot || 0,
    now: performance.now(), origin: performance.timeOrigin, charts: charts.length, drawn: drawn.length,
    fresh: drawn.filter((p) => (p.__benchLast || 0) >= since).length,
    titled: document.querySelectorAll("[data-testid='stMain'] h1").length > 0,
    exceptions: document.querySelectorAll("[data-testid='stException']").length,
    dialogs: [...document.querySelectorAll("[role='dialog']")].map((d) => d.innerText.slice(0, 200))}; }"""
    % _CHARTS
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(data: Path):
    """`streamlit run app.py` over ``data`` (flags as tests/conftest.py:serve); yields (url, process, spawn time)."""
    port = free_port()
    env = {**os.environ, "KEMITRAAN_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    spawned = time.time()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("streamlit did not start")
            time.sleep(0.05)
    try:
        yield url, proc, spawned
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def memory_mb(pid: int) -> dict:
    """Peak (VmHWM) and current (VmRSS) resident memory of a process, from /proc."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out["peak_mb" if key == "VmHWM" else "rss_mb"] = int(rest.split()[0]) / 1024
    return out


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process so far, in ms (Linux /proc; utime and stime are fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return 1000 * (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_tab(context):
    page = context.new_page()
    page.add_init_script(OBSERVER)
    page.set_default_timeout(300_000)
    return page


def mark(page) -> dict:
    """The page's clock and run count just before an action (a click): what :func:`wait_done` waits after."""
    return page.evaluate("() => ({t: performance.now(), runs: (window.__bench || {}).runs || 0})")


def wait_done(
    page,
    expect: int | None,
    since: dict | None = None,
    quiet_ms: float = 1000,
    timeout_s: float = 600,
    undrawn_s: float = 60,
) -> dict:
    """Wait until the page is idle, titled, with ``expect`` charts drawn since ``since``, and quiet for ``quiet_ms``.

    ``notRunning`` alone is not enough: on a loaded machine the browser mounts the (lazily loaded) Plotly
    charts seconds after the script has ended, so the number of charts to wait for comes from the same
    page in AppTest (``None``: whatever the page holds). ``since``: the :func:`mark` taken before the action
    (None for a navigation); the script must have run, and each chart been drawn, after it. A chart still missing
    ``undrawn_s`` after the script ended is given up on and counted in ``undrawn``.
    Returns the page's status with ``done`` = page-clock time (ms) of the last change.
    """
    t0, runs0 = (since["t"], since["runs"]) if since else (0.0, 0)
    deadline = time.time() + timeout_s
    while True:
        s = page.evaluate(_STATUS, t0)
        want = s["charts"] if expect is None else expect
        last = max(s["lastState"], s["lastPlot"])
        idle = s["state"] == "notRunning" and s["runs"] > runs0 and s["lastState"] >= t0 and s["titled"]
        if idle and s["now"] - last >= quiet_ms:
            if s["fresh"] >= want or s["now"] - s["lastState"] >= 1000 * undrawn_s:
                s["done"], s["undrawn"] = last, max(0, want - s["fresh"])
                return s
        if time.time() > deadline:
            raise TimeoutError(f"page not idle after {timeout_s} s: {s}")
        page.wait_for_timeout(100)


def visit(context, url: str, expect: int | None) -> dict:
    """Open ``url`` in a new tab: ms from navigation to idle with the charts drawn, and what went wrong."""
    page = new_tab(context)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="commit")
        return outcome(wait_done(page, expect), errors)
    finally:
        page.close()


def outcome(s: dict, errors: list[str], since: float = 0.0) -> dict:
    return {
        "ms": s["done"] - since,
        "observer_ms": s["cost"],
        "charts": s["charts"],
        "undrawn": s["undrawn"],
        "exceptions": s["exceptions"],
        "dialogs": s["dialogs"],
        "js_errors": errors,
        "done_epoch_ms": s["origin"] + s["done"],
    }


def first_metric(page) -> str:
    return page.locator("[data-testid='stMetricValue']").first.inner_text().strip()


def pick_category(page, label: str) -> None:
    """Add ``label`` to the sidebar's category filter, as a reader does (open the list, click the option)."""
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.get_by_role("combobox").click()
    page.keyboard.press("ArrowDown")  # a click focuses the box; the list opens on a key (Streamlit 1.6x)
    page.get_by_role("option", name=label, exact=True).click()
