"""Logins sent at once (kemitraan.auth.verify_login from many threads, as Streamlit runs one thread per session):
attempts for one name or one address queue behind each other so the throttle counts every failure, and the number
of argon2 checks running at the same time is bounded. Real argon2 hashes (conftest.users)."""

from __future__ import annotations

import threading

from kemitraan import auth

N = 40


class _CountingHasher:
    """The real hasher, counting checks and how many ran at the same moment."""

    def __init__(self, real):
        self.real, self.checks, self.running, self.most = real, 0, 0, 0
        self._lock = threading.Lock()

    def verify(self, pw_hash, password):
        with self._lock:
            self.checks += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return self.real.verify(pw_hash, password)
        finally:
            with self._lock:
                self.running -= 1

    def hash(self, password):
        return self.real.hash(password)


def _at_once(attempts) -> list[auth.LoginResult]:
    """Run every (name, password, client) attempt in its own thread, released together."""
    start = threading.Barrier(len(attempts))
    results: list = [None] * len(attempts)

    def one(i, name, password, client):
        start.wait()
        results[i] = auth.verify_login(name, password, client)

    threads = [threading.Thread(target=one, args=(i, *a)) for i, a in enumerate(attempts)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert not any(th.is_alive() for th in threads)
    return results


def test_forty_wrong_passwords_at_once_for_one_user_are_slowed_like_forty_in_a_row(users, monkeypatch):
    hasher = _CountingHasher(auth._hasher)
    monkeypatch.setattr(auth, "_hasher", hasher)
    results = _at_once([("ani", f"salah-{i}", "203.0.113.7") for i in range(N)])
    reasons = [r.reason for r in results]
    # one after another: the free failures and the one that starts the wait are checked, the rest refused unchecked
    assert reasons.count("wrong") == auth.FREE_FAILURES + 1, reasons
    assert reasons.count("throttled") == N - auth.FREE_FAILURES - 1, reasons
    assert hasher.checks == auth.FREE_FAILURES + 1
    assert hasher.most == 1  # one name: never two of its checks at once


def test_one_address_trying_many_names_at_once_is_slowed_too(users, monkeypatch):
    hasher = _CountingHasher(auth._hasher)
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_dummy_hash", auth._hasher.hash("x"))  # made before, not counted among the checks
    results = _at_once([(f"tamu{i}", "salah-sekali", "203.0.113.8") for i in range(N)])
    assert [r.reason for r in results].count("throttled") == N - auth.FREE_FAILURES - 1
    assert hasher.checks == auth.FREE_FAILURES + 1


def test_distinct_names_and_addresses_never_run_more_checks_at_once_than_the_bound(users, monkeypatch):
    hasher = _CountingHasher(auth._hasher)
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_dummy_hash", auth._hasher.hash("x"))
    results = _at_once([(f"orang{i}", "kata-sandi-salah", f"192.0.2.{i}") for i in range(N)])
    assert [r.reason for r in results] == ["wrong"] * N  # every one checked: nothing ties them together
    assert hasher.checks == N
    assert 1 <= hasher.most <= auth.MAX_CONCURRENT_CHECKS
