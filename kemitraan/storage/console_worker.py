"""The SQL console's worker: a child process that runs accepted queries where they can be stopped.

DuckDB's ``memory_limit`` bounds its operators, not a result being materialised (a column of 5 MB strings), and
its interrupt is only looked at between steps. So the console (:mod:`kemitraan.storage.console`) checks a
statement in its own process and sends only an accepted one here:

- **time**: the parent waits for the answer until the timeout, then kills this process (SIGKILL) and starts
  another for the next query; a timer here interrupts DuckDB a few seconds later as well, should the parent be
  gone;
- **memory**: before each query this process caps its own data segment (``RLIMIT_DATA``: heap and anonymous
  maps, what DuckDB and Arrow allocate) at what it uses now + the limit + :data:`OVERHEAD_BYTES`; an allocation
  beyond fails, DuckDB reports it and the console says "stopped at the memory limit";
- **results** come back compactly: one Arrow IPC stream of at most ``max_rows + 1`` rows over a pipe.

The worker is started once (``python -I -c``, importing DuckDB, Arrow and the store takes ~0.5 s) and serves
query after query, each on a fresh locked connection (:func:`kemitraan.storage.console.console_connection`); it
is replaced only after it was killed, died, or grew by more than :data:`RETIRE_GROWTH_BYTES`.

The protocol on its stdin/stdout (its own stdout is moved to stderr first, so nothing printed can corrupt it):
frames of an 8-byte big-endian length and a payload. A request is one JSON frame; an answer is a JSON frame,
followed for a result by a frame of Arrow IPC bytes.
"""

from __future__ import annotations

import json
import os
import re
import resource
import struct
import sys
import threading

from kemitraan.storage.lake_fs import LOCAL_ENV, S3_ENV

#: Memory a query may use beyond its limit before the operating system refuses (DuckDB's buffers, Arrow's copy
#: of the result, the IPC bytes sent back).
OVERHEAD_BYTES = 256 * 2**20
#: A worker that kept this much more memory than it started with after a query is retired (fragmentation).
RETIRE_GROWTH_BYTES = 512 * 2**20
#: Stores (lake connections) a worker keeps open between queries.
KEEP_STORES = 4
#: After the timeout the parent kills the worker; this timer, a few seconds later, is for a parent that is gone.
BACKSTOP_S = 5.0
_HEADER = struct.Struct(">Q")
_UNITS = {
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}


def limit_bytes(text: str) -> int:
    """``"200MB"`` → 200,000,000 (DuckDB's units: KB = 1000 B, KiB = 1024 B)."""
    number, unit = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*", text).groups()
    return int(float(number) * _UNITS[unit.upper()])


# --------------------------------------------------------------------------- framing (both sides)


def write_frame(fd: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload) if len(payload) < 1 << 16 else None
    if data is not None:
        _write_all(fd, data)
    else:
        _write_all(fd, memoryview(_HEADER.pack(len(payload))))
        _write_all(fd, memoryview(payload))


def _write_all(fd: int, data: memoryview) -> None:
    while data:
        n = os.write(fd, data)
        data = data[n:]


def _read_exact(fd: int, n: int) -> bytes | None:
    parts, got = [], 0
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_frame(fd: int) -> bytes | None:
    """The next frame, or None at the end of the stream (blocking; the worker's side)."""
    head = _read_exact(fd, _HEADER.size)
    if head is None:
        return None
    return _read_exact(fd, _HEADER.unpack(head)[0])


# --------------------------------------------------------------------------- the child


def _status(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _cap(extra: int | None) -> None:
    """Cap this process's data segment at what it uses now + ``extra`` bytes (None: lift the cap)."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if extra is None:
        resource.setrlimit(resource.RLIMIT_DATA, (hard, hard))
        return
    used = _status("VmData")
    if used is None:  # no /proc: no cap beyond DuckDB's own limit
        return
    soft = used + extra
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _serve(inp: int, out: int) -> None:
    import pyarrow as pa

    from kemitraan.storage import console, engine, lake_fs
    from kemitraan.storage.store import Store

    stores: dict[tuple[str, str], Store] = {}
    console.warm_up()
    if len(sys.argv) > 1:  # a store to open now, while the parent does the same (the command line)
        try:
            stores[(sys.argv[1], _env_key(store_env()))] = Store(sys.argv[1])
        except Exception:  # noqa: BLE001 - opened again, and said, at the first query
            pass
    started_rss = _status("VmRSS") or 0
    write_frame(out, json.dumps({"ready": True, "pid": os.getpid(), "rss": started_rss}).encode())
    while True:
        frame = read_frame(inp)
        if frame is None:
            return
        req = json.loads(frame)
        env = req.get("env") or {}
        for name in _STORE_ENV:  # the parent's: the catalog, the local folder, the S3 endpoint and credentials
            if env.get(name):
                os.environ[name] = env[name]
            else:
                os.environ.pop(name, None)
        payload = b""
        try:
            os.chdir(req.get("cwd") or "/")  # where the parent is: a relative path means the same in both
        except OSError:
            os.chdir("/")
        try:
            key = (req["root"], _env_key(env))
            if key not in stores:
                while len(stores) >= KEEP_STORES:  # each holds a DuckDB attached to its lake: keep a few
                    old_root, _ = next(iter(stores))
                    del stores[(old_root, _)]
                    engine.forget(lake_fs.root_of(old_root))
                stores[key] = Store(req["root"])
            else:
                stores[key] = stores.pop(key)  # most recently used last
            _cap(limit_bytes(req["memory_limit"]) + OVERHEAD_BYTES)
            try:
                per = req.get("per")
                table = console.execute_arrow(
                    stores[key] if per is None else stores[key].at(int(per)),
                    req["query"],
                    memory_limit=req["memory_limit"],
                    max_rows=req["max_rows"],
                    timeout=req["timeout"],
                    interrupt_after=req["timeout"] + BACKSTOP_S if req["timeout"] else None,
                )
                sink = pa.BufferOutputStream()
                with pa.ipc.new_stream(sink, table.schema) as writer:
                    writer.write_table(table)
                payload = sink.getvalue().to_pybytes()
                del table, sink
                answer: dict = {"ok": True}
            finally:
                _cap(None)
        except console.ConsoleError as exc:
            answer = {
                "ok": False,
                "error": type(exc).__name__,
                "key": exc.key,
                "fields": {k: str(v) if v is not None else None for k, v in exc.fields.items()},
            }
        except MemoryError:
            answer = {
                "ok": False,
                "error": "QueryMemoryExceeded",
                "key": "console.memory",
                "fields": {"limit": req["memory_limit"]},
            }
        except Exception as exc:  # noqa: BLE001 - the store could not be opened, …: said, and the worker goes on
            answer = {
                "ok": False,
                "error": "QueryFailed",
                "key": "console.sql_error",
                "fields": {"detail": console.first_line(exc)},
            }
        rss = _status("VmRSS") or 0
        answer["retire"] = rss > started_rss + RETIRE_GROWTH_BYTES
        answer["nbytes"] = len(payload)
        write_frame(out, json.dumps(answer).encode())
        if payload:
            write_frame(out, payload)
        del payload
        if answer["retire"]:
            return


def main() -> None:
    # The protocol keeps the original stdin/stdout; fd 1 becomes stderr, so a stray print cannot corrupt it.
    inp, out = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    try:
        _serve(inp, out)
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    sys.stdout.flush()


#: The variables that say where a store is (catalog, local folder, S3 endpoint and credentials): sent with every
#: request, since a worker outlives the environment it was started in (a test, a server re-configured).
_STORE_ENV = ("KEMITRAAN_CATALOG", LOCAL_ENV, *S3_ENV)  # KEMITRAAN_CATALOG: engine.CATALOG_ENV


def store_env() -> dict[str, str]:
    """This process's values of :data:`_STORE_ENV` (the ones set)."""
    return {name: os.environ[name] for name in _STORE_ENV if os.environ.get(name)}


def _env_key(env: dict[str, str]) -> str:
    return json.dumps(env, sort_keys=True)


def command(root: str, store_root: str | None = None) -> list[str]:
    """The worker's command line: isolated mode (no PYTHON* variables, no user site, no current folder on the
    path), with the project's folder put on the path explicitly; ``store_root``: a store to open at once."""
    code = f"import sys; sys.path.insert(0, {root!r}); from kemitraan.storage.console_worker import main; main()"
    return [sys.executable, "-I", "-c", code, *([store_root] if store_root else [])]


if __name__ == "__main__":
    threading.current_thread().name = "console-worker"
    main()
