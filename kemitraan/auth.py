"""Who may edit (upload, undo, notes): users from a TOML file, argon2 hashes, slowed-down failures.

Viewers are everyone who can reach the app. Editors are listed in the users file
(``$KEMITRAAN_USERS_FILE``, default ``.streamlit/users.toml`` beside ``app.py``)::

    [users.ani]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."   # python -m kemitraan hash-password
    role = "editor"

With no users file, editing is allowed only to a browser on the same machine
(:func:`is_local_request`). A users file that cannot be read refuses editing to
everyone until it is fixed: a typo must never open the store. Visitors are told so in a sentence with a
reference id; its path, account names and the parser's error go to the log and to ``python -m kemitraan check``.

Failed logins are slowed down per user name and per client address: after
``FREE_FAILURES`` failures, each further attempt must wait twice as long as the
one before (1 s, 2 s, 4 s … at most ``MAX_DELAY_S``), and attempts during the
wait are refused without checking the password. The counters live in this
process's memory: a restart clears them, and several server processes each keep
their own (the argon2 hash itself costs ~50 ms per guess in any case).

Attempts for one user name or one address are serialised (:class:`KeyLocks`: a second waits for the first, so
simultaneous guesses cannot all pass before the first failure is counted), and at most ``MAX_CONCURRENT_CHECKS``
argon2 checks run at once in the process (each takes 64 MiB).

This module does not import streamlit: the page passes ``st.context.ip_address``
and ``st.context.headers`` in, so the rules are tested without a browser.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import logging
import os
import socket
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kemitraan import APP_ROOT
from kemitraan.errors import LocalisedError
from kemitraan.i18n import t

log = logging.getLogger(__name__)

USERS_ENV = "KEMITRAAN_USERS_FILE"
EDITOR = "editor"
VIEWER = "viewer"
ROLES = (EDITOR, VIEWER)
FREE_FAILURES = 3
BASE_DELAY_S = 1.0
MAX_DELAY_S = 300.0
MIN_PASSWORD_LENGTH = 8
#: argon2 checks running at once in this process: each takes 64 MiB and a core for ~50 ms, so a burst of logins
#: must queue rather than take the machine's memory.
MAX_CONCURRENT_CHECKS = 2
#: How long an attempt waits behind the one before it for the same name or address before it is refused as too many.
KEY_WAIT_S = 30.0

# Headers a reverse proxy adds: a request carrying any of them came from another machine
# through the proxy, even though its TCP peer is this machine.
FORWARDING_HEADERS = (
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-real-ip",
    "x-forwarded-server",
    "via",
)
LOOPBACK_NAMES = ("localhost", "localhost.", "ip6-localhost")

_hasher = PasswordHasher()


def app_root() -> Path:
    return APP_ROOT


def users_file() -> Path:
    env = os.environ.get(USERS_ENV)
    return Path(env) if env else app_root() / ".streamlit" / "users.toml"


@dataclass(frozen=True)
class User:
    """A logged-in user, as kept in the session."""

    name: str
    role: str

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR


class UsersFileError(LocalisedError):
    """The users file exists but cannot be used; :meth:`message` says where and why (its path, an account name, the
    TOML error: for the log and ``check``), :meth:`notice` what a visitor is told (no path, name or error text)."""

    @property
    def reference(self) -> str:
        """A short id, the same in every process and in ``check`` for the same problem, to find it in the log."""
        return hashlib.sha256(str(self).encode("utf-8")).hexdigest()[:8].upper()

    def notice(self, lang: str = "id") -> str:
        return t("auth.file.broken", lang, ref=self.reference)


_reported: set[str] = set()


def report_users_file(exc: UsersFileError) -> str:
    """Log a users-file problem with its details, once per process and problem; return its reference."""
    with _cache_lock:
        first = exc.reference not in _reported
        _reported.add(exc.reference)
    if first:
        log.error("ref=%s users file unusable, editing closed: %s", exc.reference, exc)
    return exc.reference


@dataclass(frozen=True)
class _Account:
    password_hash: str
    role: str


_users_cache: dict[tuple, dict[str, _Account]] = {}
_cache_lock = threading.Lock()


def load_users(path: Path | str | None = None) -> dict[str, _Account] | None:
    """The accounts in the users file, or ``None`` when there is no file. Raises :class:`UsersFileError`."""
    p = Path(path) if path is not None else users_file()
    try:
        st = p.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsersFileError("auth.file.unreadable", path=p, detail=exc.strerror or exc) from exc
    key = (str(p), st.st_size, st.st_mtime_ns)
    with _cache_lock:
        if key in _users_cache:
            return _users_cache[key]
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsersFileError("auth.file.unreadable", path=p, detail=exc) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsersFileError("auth.file.invalid_toml", path=p, detail=exc) from exc
    users = data.get("users", {})
    if not isinstance(users, dict):
        raise UsersFileError("auth.file.no_users_table", path=p)
    accounts = {}
    for name, entry in users.items():
        if not isinstance(entry, dict):
            raise UsersFileError("auth.file.bad_entry", path=p, user=name)
        pw_hash = entry.get("password_hash")
        if not isinstance(pw_hash, str) or not pw_hash.startswith("$argon2"):
            raise UsersFileError("auth.file.bad_hash", path=p, user=name)
        role = entry.get("role", VIEWER)
        if role not in ROLES:
            raise UsersFileError("auth.file.bad_role", path=p, user=name, role=role, roles=", ".join(ROLES))
        accounts[str(name)] = _Account(pw_hash, role)
    with _cache_lock:
        _users_cache.clear()
        _users_cache[key] = accounts
    return accounts


def hash_password(password: str) -> str:
    """An argon2id hash (argon2-cffi's recommended parameters) for the users file."""
    return _hasher.hash(password)


class Throttle:
    """Counts failures per key and says how long the next attempt must wait."""

    def __init__(
        self,
        free: int = FREE_FAILURES,
        base: float = BASE_DELAY_S,
        cap: float = MAX_DELAY_S,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free, self.base, self.cap, self.max_keys, self.clock = free, base, cap, max_keys, clock
        self._state: OrderedDict[tuple, tuple[int, float]] = OrderedDict()  # key -> (failures, not before)
        self._lock = threading.Lock()

    def delay_after(self, failures: int) -> float:
        if failures <= self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** (failures - self.free - 1))

    def wait(self, keys: list[tuple]) -> float:
        """Seconds until an attempt for these keys is allowed (0 when it is)."""
        now = self.clock()
        with self._lock:
            return max([0.0] + [self._state[k][1] - now for k in keys if k in self._state])

    def failed(self, keys: list[tuple]) -> None:
        now = self.clock()
        with self._lock:
            for k in keys:
                n = self._state.pop(k, (0, 0.0))[0] + 1
                self._state[k] = (n, now + self.delay_after(n))
            while len(self._state) > self.max_keys:  # bounded: random user names cannot fill memory
                self._state.popitem(last=False)

    def succeeded(self, keys: list[tuple]) -> None:
        with self._lock:
            for k in keys:
                self._state.pop(k, None)


THROTTLE = Throttle()


class KeyLocks:
    """One lock per user name and per client address: an attempt waits for the one before it with the same name or
    address, so it sees that one's failure counted (without this, 40 attempts sent at once all pass the throttle's
    check before any failure is counted). Entries are dropped when nobody holds or waits for them."""

    def __init__(self):
        self._locks: dict[tuple, list] = {}  # key -> [lock, holders and waiters]
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def hold(self, keys: list[tuple], timeout: float) -> Iterator[bool]:
        """Yield True once every key is held (taken in one order, so two attempts never wait on each other), False
        when ``timeout`` passed first."""
        keys = sorted(set(keys))
        with self._lock:
            entries = [self._locks.setdefault(k, [threading.Lock(), 0]) for k in keys]
            for e in entries:
                e[1] += 1
        held = []
        deadline = time.monotonic() + timeout
        try:
            for e in entries:
                if not e[0].acquire(timeout=max(0.0, deadline - time.monotonic())):
                    break
                held.append(e)
            yield len(held) == len(entries)
        finally:
            for e in held:
                e[0].release()
            with self._lock:
                for k, e in zip(keys, entries):
                    e[1] -= 1
                    if e[1] == 0:
                        self._locks.pop(k, None)


LOGIN_LOCKS = KeyLocks()
_check_slots = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user: User | None = None
    reason: str = "ok"  # ok | wrong | throttled | no_users | users_file | empty
    retry_after: float = 0.0
    error: UsersFileError | None = None

    def message(self, lang: str = "id") -> str:
        if self.reason == "users_file" and self.error is not None:
            return self.error.notice(lang)
        if self.reason == "throttled":
            return t("auth.login.throttled", lang, seconds=max(1, round(self.retry_after + 0.49)))
        if self.reason == "ok" and self.user is not None:
            return t("auth.login.ok", lang, user=self.user.name)
        return t(f"auth.login.{self.reason}", lang)


_dummy_hash: str | None = None


def _burn_time(password: str) -> None:
    """Verify against a throwaway hash, so an unknown name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("kemitraan-placeholder")
    try:
        _hasher.verify(_dummy_hash, password)
    except VerificationError:
        pass


def verify_login(
    name: str,
    password: str,
    client: str | None = None,
    *,
    path: Path | str | None = None,
    throttle: Throttle = THROTTLE,
) -> LoginResult:
    """Check a name and password against the users file, slowing down repeated failures.

    ``client`` is the browser's address (``st.context.ip_address``; ``None`` on this
    machine). The result's :meth:`LoginResult.message` is what the page shows.
    """
    name = (name or "").strip()
    if not name or not password:
        return LoginResult(False, reason="empty")
    try:
        users = load_users(path)
    except UsersFileError as exc:
        report_users_file(exc)
        return LoginResult(False, reason="users_file", error=exc)
    if users is None:
        return LoginResult(False, reason="no_users")
    keys = [("user", name.casefold()), ("client", client or "local")]
    with LOGIN_LOCKS.hold(keys, KEY_WAIT_S) as held:
        if not held:
            log.warning("login refused: too many attempts at once for user=%r client=%r", name, client)
            return LoginResult(False, reason="throttled", retry_after=BASE_DELAY_S)
        return _attempt(name, password, client, users, keys, throttle)


def _attempt(
    name: str, password: str, client: str | None, users: dict[str, _Account], keys: list[tuple], throttle: Throttle
) -> LoginResult:
    """One login attempt, its name and address held (:class:`KeyLocks`)."""
    wait = throttle.wait(keys)
    if wait > 0:
        log.warning("login refused while slowed down: user=%r client=%r wait=%.0fs", name, client, wait)
        return LoginResult(False, reason="throttled", retry_after=wait)
    account = users.get(name)
    ok = False
    with _check_slots:  # at most MAX_CONCURRENT_CHECKS argon2 checks at once, whatever the names and addresses
        if account is None:
            _burn_time(password)
        else:
            try:
                ok = _hasher.verify(account.password_hash, password)
            except VerifyMismatchError:
                ok = False
            except (VerificationError, InvalidHashError):
                log.error("password hash of user %r cannot be read", name)
                ok = False
    if not ok:
        throttle.failed(keys)
        log.warning("failed login: user=%r client=%r", name, client)
        return LoginResult(False, reason="wrong", retry_after=throttle.wait(keys))
    throttle.succeeded(keys)
    log.info("login: user=%r role=%s client=%r", name, account.role, client)
    return LoginResult(True, user=User(name, account.role))


# --------------------------------------------------------------------------- who may edit


def _host_of(value: str) -> str:
    """``localhost`` from ``localhost:8501``, ``::1`` from ``[::1]:8501``."""
    value = value.strip()
    if "://" not in value:
        value = "//" + value
    try:
        return (urlsplit(value).hostname or "").lower()
    except ValueError:
        return ""


def _is_loopback_host(host: str) -> bool:
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_local_request(remote_ip: str | None, headers: Mapping[str, str]) -> bool:
    """Whether a request comes from a browser on this machine, directly (not through a proxy).

    ``remote_ip``: ``st.context.ip_address``, which Streamlit reports as ``None`` for a
    loopback peer; ``headers``: ``st.context.headers`` (the WebSocket handshake's).
    All must hold: the peer is loopback, the ``Host`` header names this machine (a
    remote site cannot reach here by pointing its own name at 127.0.0.1), the
    ``Origin`` (set by the browser, not by the page) is this machine too, and no
    reverse-proxy header is present (a proxy on this machine makes every visitor's
    peer address loopback). No headers at all (no browser) is not local.
    """
    h = {str(k).lower(): str(v) for k, v in dict(headers or {}).items()}
    if any(name in h for name in FORWARDING_HEADERS):
        return False
    if remote_ip is not None:
        try:
            if not ipaddress.ip_address(remote_ip.split("%")[0]).is_loopback:
                return False
        except ValueError:
            return False
    host = h.get("host")
    if not host or not _is_loopback_host(_host_of(host)):
        return False
    origin = h.get("origin")
    if origin is not None and (origin == "null" or not _is_loopback_host(_host_of(origin))):
        return False
    return True


def editing_allowed(
    user: User | None, remote_ip: str | None, headers: Mapping[str, str], *, path: Path | str | None = None
) -> bool:
    """Whether this session may upload, undo and write notes.

    With a users file: only a logged-in user whose role in the file is still
    ``editor`` (removing a user from the file takes the right away at once).
    With no users file: only a browser on this machine (:func:`is_local_request`).
    A users file that cannot be read: nobody.
    """
    try:
        users = load_users(path)
    except UsersFileError as exc:
        report_users_file(exc)
        return False
    if users is None:
        return is_local_request(remote_ip, headers)
    if user is None:
        return False
    account = users.get(user.name)
    return account is not None and account.role == EDITOR


def listens_beyond_loopback(address: str | None) -> bool:
    """Whether Streamlit's ``server.address`` lets other machines connect: unset or empty means every interface."""
    host = (address or "").strip().strip("[]").lower()
    return not host or not _is_loopback_host(host)


def warn_if_open(address: str | None, path: Path | str | None = None) -> bool:
    """Log a warning (True) when the app listens beyond this machine with no users file: then "a browser on this
    machine" (:func:`is_local_request`) cannot be told from a visitor brought in through a port forward, and every
    such visitor may edit. Called once per process when the app starts serving (app/session.py)."""
    if not listens_beyond_loopback(address) or login_required(path):
        return False
    log.warning(
        "the app listens on %r (beyond this machine) and there is no users file %s: editing is open to "
        "anyone whose request arrives from this machine, e.g. through an ssh -L or socat port forward. "
        "Create a users file (docs/DEPLOY.md) or listen on localhost.",
        address or "every interface",
        Path(path) if path is not None else users_file(),
    )
    return True


def login_required(path: Path | str | None = None) -> bool:
    """Whether the page should show the login form (a users file exists, readable or not)."""
    p = Path(path) if path is not None else users_file()
    return p.exists()


LOCAL_AUTHOR = "lokal ({host})"


def local_author() -> str:
    """Who edits from a browser on this machine without a users file: ``lokal (<hostname>)``.

    Not the server's login name: that is the account the app runs under (often ``root`` in a container), not a
    person, and naming it would pass for an identity nobody checked."""
    return LOCAL_AUTHOR.format(host=socket.gethostname() or "?")


def recorded_user(user: User | None) -> str:
    """The name stored with a batch, undo or note: the logged-in user, else :func:`local_author`."""
    return user.name if user is not None else local_author()
