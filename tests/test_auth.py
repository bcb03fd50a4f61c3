"""Login and roles: the users file, argon2 verification, slowed-down failures, the local-only rule."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest
from conftest import ROOT, rewrite

from kemitraan import auth

PASSWORD = "kata-sandi-rahasia"


@pytest.fixture(scope="module")
def hashed() -> str:
    return auth.hash_password(PASSWORD)


@pytest.fixture
def users(tmp_path, hashed):
    p = tmp_path / "users.toml"
    p.write_text(
        f'[users.ani]\npassword_hash = "{hashed}"\nrole = "editor"\n\n'
        f'[users.budi]\npassword_hash = "{hashed}"\nrole = "viewer"\n',
        encoding="utf-8",
    )
    return p


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_right_password_logs_in_with_the_role_from_the_file(users):
    r = auth.verify_login("ani", PASSWORD, "10.0.0.5", path=users, throttle=auth.Throttle())
    assert r.ok and r.user == auth.User("ani", "editor") and r.user.is_editor
    assert r.message("id") == "Berhasil masuk sebagai ani."
    viewer = auth.verify_login("budi", PASSWORD, path=users, throttle=auth.Throttle())
    assert viewer.ok and not viewer.user.is_editor


def test_wrong_password_and_unknown_user_get_the_same_message(users):
    th = auth.Throttle()
    wrong = auth.verify_login("ani", "salah-sekali", path=users, throttle=th)
    unknown = auth.verify_login("siapa", PASSWORD, path=users, throttle=th)
    assert not wrong.ok and not unknown.ok and wrong.user is None
    assert wrong.message("id") == unknown.message("id") == "Nama pengguna atau kata sandi salah."
    assert wrong.message("en") == "Wrong user name or password."
    assert auth.verify_login("", "", path=users, throttle=th).reason == "empty"


def test_repeated_failures_are_slowed_down_per_user_and_per_client(users):
    clock = Clock()
    th = auth.Throttle(clock=clock)
    for _ in range(3):  # three free tries
        assert auth.verify_login("ani", "salah", "10.0.0.5", path=users, throttle=th).reason == "wrong"
    r = auth.verify_login("ani", "salah", "10.0.0.5", path=users, throttle=th)
    assert r.reason == "wrong" and r.retry_after == pytest.approx(1.0)
    # During the wait even the right password is refused without being checked.
    r = auth.verify_login("ani", PASSWORD, "10.0.0.5", path=users, throttle=th)
    assert not r.ok and r.reason == "throttled" and "detik" in r.message("id")
    # The same user from another address waits too (per user name) ...
    assert auth.verify_login("ani", PASSWORD, "10.0.0.9", path=users, throttle=th).reason == "throttled"
    # ... and the same address trying another name waits too (per client).
    assert auth.verify_login("budi", PASSWORD, "10.0.0.5", path=users, throttle=th).reason == "throttled"
    clock.now += 1.01
    assert auth.verify_login("ani", "salah", "10.0.0.5", path=users, throttle=th).retry_after == pytest.approx(2.0)
    clock.now += 2.01
    r = auth.verify_login("ani", PASSWORD, "10.0.0.5", path=users, throttle=th)
    assert r.ok  # a success clears the count
    assert auth.verify_login("ani", "salah", "10.0.0.5", path=users, throttle=th).retry_after == 0


def test_the_delay_doubles_and_is_capped():
    th = auth.Throttle()
    assert [th.delay_after(n) for n in (1, 3, 4, 5, 6)] == [0, 0, 1, 2, 4]
    assert th.delay_after(40) == auth.MAX_DELAY_S


def test_throttle_memory_is_bounded():
    th = auth.Throttle(max_keys=100)
    for i in range(1000):
        th.failed([("user", f"u{i}")])
    assert len(th._state) == 100


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[users.ani\n", "auth.file.invalid_toml"),
        ('[users.ani]\npassword_hash = "plain-text"\nrole = "editor"\n', "auth.file.bad_hash"),
        ('[users.ani]\npassword_hash = "$argon2id$x"\nrole = "admin"\n', "auth.file.bad_role"),
        ('users = "ani"\n', "auth.file.no_users_table"),
    ],
)
def test_a_broken_users_file_closes_editing_with_a_located_message(tmp_path, text, key):
    p = tmp_path / "users.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(auth.UsersFileError) as exc:
        auth.load_users(p)
    assert exc.value.key == key and str(p) in exc.value.message("id")
    r = auth.verify_login("ani", PASSWORD, path=p)
    # the located message is for the log and `check`; the login form says it shortly, with the reference
    assert not r.ok and r.reason == "users_file" and str(p) not in r.message("en")
    assert r.error is not None and r.error.reference in r.message("en") and str(p) in r.error.message("en")
    local = {"host": "localhost:8501", "origin": "http://localhost:8501"}
    assert not auth.editing_allowed(auth.User("ani", "editor"), None, local, path=p)
    assert auth.login_required(p)


def test_editing_with_a_users_file_needs_an_editor_who_is_still_in_the_file(users, hashed):
    local = {"host": "localhost:8501"}
    assert not auth.editing_allowed(None, None, local, path=users)  # local is not enough once users exist
    assert not auth.editing_allowed(auth.User("budi", "viewer"), None, local, path=users)
    assert auth.editing_allowed(auth.User("ani", "editor"), "203.0.113.7", {"host": "dasbor.example.org"}, path=users)
    rewrite(users, f'[users.budi]\npassword_hash = "{hashed}"\nrole = "viewer"\n')
    assert not auth.editing_allowed(auth.User("ani", "editor"), None, local, path=users)


LOCAL = [
    (None, {"Host": "localhost:8501", "Origin": "http://localhost:8501"}),
    (None, {"host": "127.0.0.1:8501", "origin": "http://127.0.0.1:8501"}),
    ("127.0.0.1", {"host": "[::1]:8501"}),
    ("::1", {"host": "localhost"}),
]
REMOTE = [
    ("192.168.1.20", {"host": "localhost:8501"}),  # a LAN peer
    ("10.0.0.5", {"host": "10.0.0.1:8501"}),
    (None, {"host": "dasbor.example.org"}),  # DNS pointing a foreign name at this machine
    (None, {"host": "localhost:8501", "origin": "http://evil.example"}),  # a page elsewhere opening a socket here
    (None, {"host": "localhost:8501", "origin": "null"}),
    (None, {"host": "localhost:8501", "x-forwarded-for": "203.0.113.7"}),  # through a reverse proxy on this machine
    (None, {"host": "127.0.0.1:8501", "X-Real-IP": "203.0.113.7"}),
    (None, {"host": "localhost", "forwarded": "for=203.0.113.7"}),
    (None, {}),  # no browser at all
    ("not-an-address", {"host": "localhost"}),
]


@pytest.mark.parametrize(("ip", "headers"), LOCAL)
def test_without_users_file_a_browser_on_this_machine_may_edit(tmp_path, ip, headers):
    assert auth.is_local_request(ip, headers)
    assert auth.editing_allowed(None, ip, headers, path=tmp_path / "none.toml")
    assert not auth.login_required(tmp_path / "none.toml")


@pytest.mark.parametrize(("ip", "headers"), REMOTE)
def test_without_users_file_any_other_browser_may_not(tmp_path, ip, headers):
    assert not auth.is_local_request(ip, headers)
    assert not auth.editing_allowed(None, ip, headers, path=tmp_path / "none.toml")


def test_no_users_file_means_nobody_can_log_in(tmp_path):
    r = auth.verify_login("ani", PASSWORD, path=tmp_path / "none.toml")
    assert not r.ok and r.reason == "no_users"


def test_users_file_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(auth.USERS_ENV, raising=False)
    assert auth.users_file() == ROOT / ".streamlit" / "users.toml"
    monkeypatch.setenv(auth.USERS_ENV, str(tmp_path / "u.toml"))
    assert auth.users_file() == tmp_path / "u.toml"


def test_users_file_is_git_ignored():
    r = subprocess.run(["git", "check-ignore", "-q", ".streamlit/users.toml"], cwd=ROOT)
    assert r.returncode == 0


def _hash_cli(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kemitraan", "hash-password", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_hash_password_reads_piped_stdin_and_prints_a_hash_that_logs_in(tmp_path):
    r = _hash_cli(PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    hashed = r.stdout.strip()
    assert hashed.startswith("$argon2id$") and PASSWORD not in r.stdout + r.stderr
    p = tmp_path / "users.toml"
    p.write_text(f'[users.ani]\npassword_hash = "{hashed}"\nrole = "editor"\n', encoding="utf-8")
    assert auth.verify_login("ani", PASSWORD, path=p, throttle=auth.Throttle()).ok


def test_hash_password_refuses_a_short_password_and_touches_no_data_folder(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "kemitraan", "--data-dir", str(tmp_path / "data"), "hash-password", "--lang", "en"],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 1 and "at least 8 characters" in r.stderr and not r.stdout
    assert not (tmp_path / "data").exists()


def _read_until(fd: int, needle: bytes, timeout: float = 20) -> bytes:
    out, deadline = b"", time.time() + timeout
    while needle not in out and time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_hash_password_on_a_terminal_does_not_echo_and_asks_twice():
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on a pseudo-terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "kemitraan", "hash-password"])
    try:
        seen = _read_until(fd, b"Kata sandi: ")
        os.write(fd, PASSWORD.encode() + b"\n")
        seen += _read_until(fd, b"Ulangi kata sandi: ")
        os.write(fd, PASSWORD.encode() + b"\n")
        seen += _read_until(fd, b"$argon2id$")
        seen += _read_until(fd, b"\n", timeout=5)
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"$argon2id$" in seen and PASSWORD.encode() not in seen


def test_the_app_listens_on_localhost_and_shows_visitors_no_error_details():
    import tomllib

    from streamlit import config

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["address"] == "localhost"
    # "none": no exception type, message or traceback in the browser (False would still show tracebacks).
    assert cfg["client"]["showErrorDetails"] == "none"
    assert '"none"' in config._config_options_template["client.showErrorDetails"].description


def test_streamlits_own_headers_object_is_understood():
    from streamlit.runtime.context import StreamlitHeaders

    assert auth.is_local_request(
        None, StreamlitHeaders([("Host", "localhost:8501"), ("Origin", "http://localhost:8501")])
    )
    assert not auth.is_local_request(
        None, StreamlitHeaders([("Host", "localhost:8501"), ("X-Forwarded-For", "1.2.3.4")])
    )
