"""Load: N browser sessions at once (default 20) through every page of the app on the demo store, while uploads
commit. Prints p50/p95 page times per page and overall, and writes the raw figures as JSON.

    python bench/bench_load.py                      # 20 sessions, every page once each, 4 uploads during the load
    python bench/bench_load.py --sessions 5 --rounds 2 --no-upload

One `streamlit run app.py` over a fresh demo store (bench/out/load/data), one headless Chromium
(/usr/bin/chromium) with one browser context per session (its own cookies and WebSocket: its own Streamlit
session). Each session opens the pages one after another, starting at a different page so that every page is
being loaded by someone at any moment. A page's time runs from `goto` until its title is drawn and the script
has finished (`data-test-script-state="notRunning"`); after that the page is checked: no exception element, no
unexpected-error message. While the sessions run, the example files in data/contoh are stored one after another
with `python -m kemitraan ingest` in a subprocess, so pages see the store change version under them (the app
rebuilds its in-memory tables once per version).

Server, browser and the ingest share the machine's cores: the figures are what one machine serving 20 people
looks like, not the server alone. The load average before the run is printed with the results.

``--client protocol`` measures the server instead: each session is a WebSocket speaking Streamlit's own protocol
(the ``BackMsg``/``ForwardMsg`` protobufs of the installed Streamlit, as the browser sends them), which asks for a
page (``rerun_script`` with the page's URL path) and times it until the run's ``script_finished`` (a run ended
early by ``st.rerun`` is followed to the end), with every element the page sends, charts' JSON included, but
nothing drawn. Twenty Chromium contexts drawing Plotly on the server's two cores measure Chromium (stop 31's
note: the server had a quarter of a core); this client leaves the cores to the server and the uploads. A page is
checked as in the browser: its title (an ``h1``) sent, no exception element, no unexpected-error message.

    python bench/bench_load.py --client protocol                  # 20 sessions during uploads
    python bench/bench_load.py --client protocol --sessions 1 --no-upload --rounds 3   # a lone session

``--servers N`` starts N app processes over the one store and keeps session i on process i mod N, as the reverse
proxy of docs/DEPLOY.md ("Many people at once") keeps each visitor on one; server CPU and memory are their sums.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kemitraan.generators import demo  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402

OUT = ROOT / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TITLE = "[data-testid='stMain'] h1"
UPLOADS = [
    "kemitraan_jawa_barat.xlsx",
    "capaian_bulanan_kb.csv",
    "survei_kobo_kumulatif.xlsx",
    "dhis2_datavalueset.csv",
]


def pages() -> list[str]:
    """Every page's URL path, the home page's ("", served at "/": it has none of its own) first."""
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    return ["", *re.findall(r'st\.Page\(\s*"pages/[^"]+\.py".*?url_path="([^"]+)"', src, flags=re.S)]


def memory_mb(pid: int) -> dict:
    """The server's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {k: int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to tell the server's share of the load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_demo(data: Path) -> None:
    if data.exists():
        shutil.rmtree(data)
    demo.generate(Store(data))


def start_server(data: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KEMITRAAN_DATA_DIR": str(data),
        "PYTHONPATH": str(ROOT),
        # no users file: every session is a viewer (the upload page draws no uploader for them)
        "KEMITRAAN_USERS_FILE": str(Path(tempfile.gettempdir()) / "kemitraan-bench-no-users.toml"),
    }
    env.pop("KEMITRAAN_RAISE_UNEXPECTED", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
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
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start")


async def load_page(page, url: str, timeout_ms: int) -> dict:
    t0 = time.perf_counter()
    await page.goto(url, timeout=timeout_ms)
    await page.wait_for_selector(TITLE, timeout=timeout_ms)
    await page.wait_for_selector(IDLE, timeout=timeout_ms)
    seconds = time.perf_counter() - t0
    await page.wait_for_timeout(500)  # a URL-bound widget may start one more run
    await page.wait_for_selector(IDLE, timeout=timeout_ms)
    exceptions = await page.locator("[data-testid='stException']").count()
    unexpected = await page.get_by_text(re.compile(r"referensi [0-9A-F]{8}|reference [0-9A-F]{8}")).count()
    return {"seconds": seconds, "exceptions": exceptions, "unexpected": unexpected}


async def pause(rng: random.Random, think: float) -> None:
    """A reader's pause before the next page: exponential with mean ``think`` seconds (0: none, the worst case)."""
    if think > 0:
        await asyncio.sleep(rng.expovariate(1 / think))


async def visit_pages(i: int, paths: list[str], rounds: int, think: float, results: list, load, extra) -> None:
    """Session ``i``'s visits, either client: every page ``rounds`` times, starting at a different page per session
    (so every page is being loaded by someone at any moment); each row of ``load(path)``, with what ``extra()``
    adds after it, appended to ``results``."""
    order = paths[i % len(paths) :] + paths[: i % len(paths)]
    rng = random.Random(i)
    for r in range(rounds):
        for path in order:
            await pause(rng, think)
            started = time.time()
            try:
                row = await load(path)
            except Exception as exc:  # a timeout is a failed page, reported with the rest
                row = {"seconds": None, "exceptions": 0, "unexpected": 0, "error": f"{type(exc).__name__}: {exc}"}
            row.update(session=i, round=r, page=path, started=started, ended=time.time(), **extra())
            results.append(row)


async def session(
    browser, base: str, i: int, paths: list[str], rounds: int, timeout_ms: int, results: list, think: float = 0.0
) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def js_errors() -> dict:  # the page's JavaScript errors since the last load
        n = len(errors)
        errors.clear()
        return {"js_errors": n}

    try:
        await visit_pages(
            i, paths, rounds, think, results, lambda path: load_page(page, f"{base}/{path}", timeout_ms), js_errors
        )
    finally:
        await context.close()


async def uploads(data: Path, delay: float, log: list) -> None:
    await asyncio.sleep(delay)
    for name in UPLOADS:
        started, t0 = time.time(), time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "kemitraan",
            "--data-dir",
            str(data),
            "ingest",
            str(ROOT / "data" / "contoh" / name),
            "--user",
            "bench",
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await proc.communicate()
        log.append(
            {
                "file": name,
                "exit": proc.returncode,
                "seconds": time.perf_counter() - t0,
                "started": started,
                "at": time.time(),
                "stderr": err.decode(errors="replace")[-500:] if proc.returncode else "",
            }
        )


async def during_uploads(sessions: list, data: Path, upload: bool, delay: float) -> dict:
    """The sessions at once, the example files ingested meanwhile when ``upload``: the start (``t0``), the wall
    time and each upload's outcome (``commits``)."""
    commits: list[dict] = []
    t0 = time.time()
    await asyncio.gather(*sessions, *([uploads(data, delay, commits)] if upload else []))
    return {"t0": t0, "wall_seconds": time.time() - t0, "commits": commits}


async def run(
    bases: list[str], data: Path, n: int, rounds: int, upload: bool, delay: float, timeout_ms: int, think: float = 0.0
) -> dict:
    from playwright.async_api import async_playwright

    paths = pages()
    results: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # warm-up: the first visitor after a start materialises the store (reported apart), on every server
        for base in bases:
            warm = await browser.new_context()
            wp = await warm.new_page()
            warm_up = await load_page(wp, f"{base}/{paths[0]}", timeout_ms)
            await warm.close()
        out = await during_uploads(
            [session(browser, bases[i % len(bases)], i, paths, rounds, timeout_ms, results, think) for i in range(n)],
            data,
            upload,
            delay,
        )
        await browser.close()
    return {"warm_up": warm_up, "loads": results, **out}


async def protocol_load(ws, path: str, timeout_s: float) -> dict:
    """One page over Streamlit's WebSocket protocol: ask for ``path``, read until its run has finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ask = BackMsg()
    ask.rerun_script.query_string = ""
    ask.rerun_script.page_name = path
    t0 = time.perf_counter()
    await ws.send(ask.SerializeToString())
    title, exceptions, unexpected, elements = "", 0, 0, 0
    bytes_in = 0
    async with asyncio.timeout(timeout_s):
        while True:
            raw = await ws.recv()
            bytes_in += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                elements += 1
                which = element.WhichOneof("type")
                main = list(msg.metadata.delta_path[:1]) == [0]  # the page's column (1: the sidebar)
                if main and not title and which == "heading" and element.heading.tag == "h1":
                    title = element.heading.body
                elif main and not title and which in ("html", "markdown"):  # the slide's title (Presentasi)
                    found = re.search(r"<h1[^>]*>(.*?)</h1>", getattr(element, which).body, flags=re.S)
                    title = found.group(1) if found else ""
                exceptions += which == "exception"
                body = element.alert.body if which == "alert" else ""
                unexpected += bool(re.search(r"referensi [0-9A-F]{8}|reference [0-9A-F]{8}", body))
            # FINISHED_EARLY_FOR_RERUN (2): the page asked for another run (st.rerun), which follows at once
            if kind == "script_finished" and msg.script_finished != 2:
                break
    return {
        "seconds": time.perf_counter() - t0,
        "exceptions": exceptions,
        "unexpected": unexpected,
        "untitled": int(not title),
        "title": title,
        "elements": elements,
        "bytes": bytes_in,
    }


async def protocol_session(
    base: str, i: int, paths: list[str], rounds: int, timeout_s: float, results: list, think: float = 0.0
) -> None:
    import websockets

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        # nothing runs JavaScript: no errors of it to count
        await visit_pages(
            i, paths, rounds, think, results, lambda path: protocol_load(ws, path, timeout_s), lambda: {"js_errors": 0}
        )


async def run_protocol(
    bases: list[str], data: Path, n: int, rounds: int, upload: bool, delay: float, timeout_s: float, think: float = 0.0
) -> dict:
    import websockets

    paths = pages()
    results: list[dict] = []
    for base in bases:  # every server's first page
        async with websockets.connect(
            base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None
        ) as ws:
            warm_up = await protocol_load(ws, paths[0], timeout_s)
    out = await during_uploads(
        [protocol_session(bases[i % len(bases)], i, paths, rounds, timeout_s, results, think) for i in range(n)],
        data,
        upload,
        delay,
    )
    return {"warm_up": warm_up, "loads": results, **out}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summarise(out: dict) -> dict:
    loads = out["loads"]
    ok = [r["seconds"] for r in loads if r["seconds"] is not None]
    by_page = {}
    for path in dict.fromkeys(r["page"] for r in loads):
        s = [r["seconds"] for r in loads if r["page"] == path and r["seconds"] is not None]
        by_page[path] = {"n": len(s), "p50": pct(s, 50), "p95": pct(s, 95), "max": max(s) if s else None}
    first = min((c["started"] for c in out["commits"]), default=None)
    last = max((c["at"] for c in out["commits"]), default=None)
    # loads that overlapped the uploads (from the first one's start to the last one's end)
    during = [
        r["seconds"]
        for r in loads
        if r["seconds"] is not None and first and r["started"] <= last and r["ended"] >= first
    ]
    return {
        "loads": len(loads),
        "failed": sum(1 for r in loads if r["seconds"] is None),
        "with_exception": sum(1 for r in loads if r["exceptions"]),
        "with_unexpected_error": sum(1 for r in loads if r["unexpected"]),
        "with_js_errors": sum(1 for r in loads if r["js_errors"]),
        "untitled": sum(1 for r in loads if r.get("untitled")),
        "p50": pct(ok, 50),
        "p95": pct(ok, 95),
        "max": max(ok) if ok else None,
        "p50_while_uploading": pct(during, 50),
        "p95_while_uploading": pct(during, 95),
        "n_while_uploading": len(during),
        "by_page": by_page,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=1, help="times each session goes through every page")
    ap.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a session reads a page before the next (exponential; 0: none, every session at once)",
    )
    ap.add_argument("--no-upload", action="store_true", help="no uploads during the load")
    ap.add_argument("--upload-delay", type=float, default=5.0, help="seconds after the start before the first upload")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a page counts as failed")
    ap.add_argument("--data", type=Path, default=OUT / "load" / "data")
    ap.add_argument("--json", type=Path, default=OUT / "load.json")
    ap.add_argument(
        "--store", type=Path, help="an existing data folder, only read (with --no-upload), instead of a fresh demo"
    )
    ap.add_argument(
        "--servers",
        type=int,
        default=1,
        help="app processes over the one store, session i on server i mod N: what a proxy keeping each visitor on "
        "one process does (docs/DEPLOY.md)",
    )
    ap.add_argument(
        "--client",
        choices=("chromium", "protocol"),
        default="chromium",
        help="chromium: a browser context per session; protocol: Streamlit's WebSocket protocol, nothing drawn",
    )
    args = ap.parse_args()
    if args.client == "chromium" and not Path(CHROMIUM).exists():
        print(f"needs Chromium at {CHROMIUM}", file=sys.stderr)
        return 2

    if args.store is not None:
        if not args.no_upload:
            print("--store DIR is only read: add --no-upload", file=sys.stderr)
            return 2
        args.data = args.store
    else:
        fresh_demo(args.data)
    load_before = os.getloadavg()
    ports, servers = [], []
    for _ in range(args.servers):  # one after the other: a port is taken before the next is chosen
        ports.append(free_port())
        servers.append(start_server(args.data, ports[-1]))
    cpu_before = sum(cpu_seconds(s.pid) for s in servers)
    try:
        out = asyncio.run(
            (run if args.client == "chromium" else run_protocol)(
                [f"http://127.0.0.1:{port}" for port in ports],
                args.data,
                args.sessions,
                args.rounds,
                not args.no_upload,
                args.upload_delay,
                int(args.timeout * 1000) if args.client == "chromium" else args.timeout,
                args.think,
            )
        )
        out["server_cpu_seconds"] = sum(cpu_seconds(s.pid) for s in servers) - cpu_before
        each = [memory_mb(s.pid) for s in servers]  # summed over the servers: the machine's memory they take
        out["server_memory_mb"] = {k: sum(m[k] for m in each) for k in ("VmRSS", "VmHWM")}
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    summary = summarise(out)
    meta = {
        "client": args.client,
        "sessions": args.sessions,
        "servers": args.servers,
        "think_seconds": args.think,
        "rounds": args.rounds,
        "uploads": not args.no_upload,
        "cpus": os.cpu_count(),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"meta": meta, "summary": summary, **out}, indent=1, default=str), encoding="utf-8")

    print(
        f"{args.sessions} sessions x {args.rounds} round(s) x {len(summary['by_page'])} pages on {os.cpu_count()} "
        f"cores, {args.servers} server process(es); "
        f"load average before {load_before[0]:.1f}, after {meta['loadavg_after'][0]:.1f}"
    )
    print(
        f"warm-up (first page after the start): {out['warm_up']['seconds']:.1f} s; "
        f"wall time {out['wall_seconds']:.0f} s; "
        f"server CPU {out['server_cpu_seconds']:.0f} s ({out['server_cpu_seconds'] / max(1, summary['loads']):.1f} s "
        f"per page load, {out['server_cpu_seconds'] / out['wall_seconds']:.2f} cores on average); "
        f"server memory {out['server_memory_mb']['VmRSS']:.0f} MB at the end, "
        f"peak {out['server_memory_mb']['VmHWM']:.0f} MB"
    )
    for c in out["commits"]:
        print(
            f"  upload {c['file']}: exit {c['exit']}, {c['seconds']:.1f} s at +{c['at'] - out['t0']:.0f} s"
            + (f"  {c['stderr']}" if c["stderr"] else "")
        )
    print("\n| page | loads | p50 s | p95 s | max s |\n|---|---:|---:|---:|---:|")
    for path, s in summary["by_page"].items():
        print(f"| {path or '/'} | {s['n']} | {s['p50']:.2f} | {s['p95']:.2f} | {s['max']:.2f} |")
    print(
        f"| **all** | {summary['loads'] - summary['failed']} | {summary['p50']:.2f} | {summary['p95']:.2f} | "
        f"{summary['max']:.1f} |"
    )
    print(
        f"\nwhile uploads were committing ({summary['n_while_uploading']} loads): p50 "
        f"{summary['p50_while_uploading']:.2f} s, p95 {summary['p95_while_uploading']:.2f} s"
    )
    print(
        f"failed (timeout) {summary['failed']}, exception element {summary['with_exception']}, unexpected-error "
        f"message {summary['with_unexpected_error']}, JavaScript errors {summary['with_js_errors']}, "
        f"no title {summary['untitled']}; "
        f"uploads failed {sum(1 for c in out['commits'] if c['exit'])}"
    )
    print(f"raw figures: {args.json}")
    bad = (
        summary["failed"]
        or summary["with_exception"]
        or summary["with_unexpected_error"]
        or summary["untitled"]
        or any(c["exit"] for c in out["commits"])
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
