"""A local S3-compatible server for the object-storage tests: moto's server mode on a free port.

One server per test process, started on first use and stopped at exit; every test gets a
bucket of its own. The app, the command line and helper scripts started by a test reach the
same server through the usual AWS variables (:func:`aws_env`).
"""

from __future__ import annotations

import atexit
import logging
import threading
import uuid

_server = None
_lock = threading.Lock()


def endpoint() -> str:
    global _server
    with _lock:
        if _server is None:
            from moto.server import ThreadedMotoServer

            logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
            _server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            _server.start()
            atexit.register(_server.stop)
    host, port = _server.get_host_and_port()
    return f"http://{host}:{port}"


def aws_env() -> dict[str, str]:
    """What a deployment sets: the endpoint (MinIO, …) and keys, as botocore reads them."""
    return {"AWS_ENDPOINT_URL": endpoint(), "AWS_ACCESS_KEY_ID": "kemitraan-test",
            "AWS_SECRET_ACCESS_KEY": "kemitraan-test-secret", "AWS_DEFAULT_REGION": "us-east-1"}


def new_bucket() -> str:
    """A fresh, empty bucket (call with :func:`aws_env` in the environment)."""
    from kemitraan.storage import objects

    name = f"kemitraan-{uuid.uuid4().hex[:12]}"
    objects.filesystem().mkdir(name)
    return name
