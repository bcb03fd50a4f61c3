"""The local-only rule against a real `streamlit run` and a real browser: what Streamlit reports for a
browser on this machine, behind a proxy header, and under a foreign host name pointed at this machine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

#: Chromium resolving a foreign host name to this machine, as a DNS entry pointed at it would.
ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP dasbor-palsu.test 127.0.0.1"]
pytestmark = pytest.mark.browser  # (the pw fixture skips without Chromium, and fails in CI)

ENTRY = """
import streamlit as st
from kemitraan import auth
st.text("LOKAL=" + str(auth.is_local_request(st.context.ip_address, st.context.headers)))
"""


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    entry = tmp_path_factory.mktemp("auth") / "entry.py"
    entry.write_text(ENTRY, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(  # cwd=ROOT: the project's .streamlit/config.toml applies (server.address = localhost)
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(entry),
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("streamlit did not answer on /_stcore/health")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(pw):
    b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()


def verdict(browser, url: str, headers: dict | None = None) -> str:
    page = browser.new_page()
    try:
        if headers:
            page.set_extra_http_headers(headers)
        page.goto(url)
        page.wait_for_selector("text=/LOKAL=/", timeout=60_000)
        return page.inner_text("[data-testid=stMain]").strip()
    finally:
        page.close()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_a_browser_on_this_machine_is_local(browser, port, host):
    assert verdict(browser, f"http://{host}:{port}/") == "LOKAL=True"


def test_a_request_through_a_reverse_proxy_is_not_local(browser, port):
    assert verdict(browser, f"http://localhost:{port}/", {"X-Forwarded-For": "203.0.113.7"}) == "LOKAL=False"


def test_a_foreign_host_name_pointed_at_this_machine_is_not_local(browser, port):
    assert verdict(browser, f"http://dasbor-palsu.test:{port}/") == "LOKAL=False"
