"""Login throttling (issue 12): per account and per address, the same message whether or not
the account exists, a time-based unlock, the admin's login and the login page covered, and
a throttled login never checks the password."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from groups.models import Membership

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        "/api/login",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
        secure=True,
        REMOTE_ADDR=address,
    )


@pytest.fixture
def fast_unlock(settings: Any) -> None:
    settings.CIRCLES_LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.CIRCLES_LOGIN_FAILURES_PER_ADDRESS = 6
    settings.CIRCLES_LOGIN_LOCKOUT_SECONDS = 2


def test_the_right_password_is_refused_after_too_many_wrong_ones(
    member: Membership, fast_unlock: None
) -> None:
    client = Client()
    for _ in range(3):
        assert login(client, "alice", "wrong").status_code == 401
    refused = login(client, "alice", "pw-alice")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.json()["detail"]
    time.sleep(2.2)  # the count expires: unlocked without anyone's help
    assert login(client, "alice", "pw-alice").status_code == 200


def test_an_unknown_account_gets_the_same_answer(member: Membership, fast_unlock: None) -> None:
    client = Client()
    for name in ("alice", "nobody-here"):
        for _ in range(3):
            login(client, name, "wrong", address=f"10.1.{len(name)}.1")
    known = login(client, "alice", "x", address="10.9.9.9").json()
    unknown = login(client, "nobody-here", "x", address="10.9.9.8").json()
    assert known == unknown


def test_one_address_is_limited_across_accounts(member: Membership, fast_unlock: None) -> None:
    client = Client()
    for n in range(6):
        login(client, f"guess{n}", "wrong", address="10.2.0.1")
    assert login(client, "alice", "pw-alice", address="10.2.0.1").status_code == 429
    assert login(client, "alice", "pw-alice", address="10.2.0.2").status_code == 200


def test_a_throttled_login_does_not_check_the_password(
    member: Membership, fast_unlock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client()
    for _ in range(3):
        login(client, "alice", "wrong")
    checked: list[str] = []
    original = User.check_password

    def spy(self: User, raw: str) -> bool:
        checked.append(raw)
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", spy)
    for _ in range(20):
        assert login(client, "alice", "wrong").status_code == 429
    assert checked == []


def test_the_login_page_and_the_admin_are_throttled_too(
    member: Membership, fast_unlock: None
) -> None:
    User.objects.create_superuser("root", password="root-pw")
    page = Client()
    for _ in range(3):
        page.post("/login/", {"username": "alice", "password": "wrong"}, secure=True)
    shown = page.post("/login/", {"username": "alice", "password": "pw-alice"}, secure=True)
    assert shown.status_code == 200 and "Too many attempts" in shown.content.decode()
    admin = Client()
    for _ in range(3):
        admin.post("/admin/login/", {"username": "root", "password": "wrong"}, secure=True)
    shown = admin.post("/admin/login/", {"username": "root", "password": "root-pw"}, secure=True)
    assert shown.status_code == 200 and "Too many attempts" in shown.content.decode()


def test_behind_a_proxy_each_client_is_counted_apart(
    member: Membership, fast_unlock: None, settings: Any
) -> None:
    settings.CIRCLES_PROXY_HOPS = 1
    client = Client()

    def via_router(client_address: str, username: str, password: str) -> Any:
        return client.post(
            "/api/login",
            data=json.dumps({"username": username, "password": password}),
            content_type="application/json",
            secure=True,
            REMOTE_ADDR="10.0.0.254",  # the router, the same for everyone
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for n in range(6):
        via_router("203.0.113.7", f"guess{n}", "wrong")
    assert via_router("203.0.113.7", "alice", "pw-alice").status_code == 429
    assert via_router("198.51.100.2", "alice", "pw-alice").status_code == 200


def test_guesses_arriving_at_once_check_no_more_passwords_than_the_limit(
    fast_unlock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting after the check let every guess that arrived before the first failure was
    # counted through (8 of 40 simultaneous ones past a limit of 5, in the probe).
    from django.contrib.auth import authenticate
    from django.contrib.auth.backends import ModelBackend
    from django.test import RequestFactory

    checked: list[str] = []
    lock = threading.Lock()

    def slow_check(self: ModelBackend, request: Any, **credentials: Any) -> None:
        with lock:
            checked.append(credentials["password"])
        time.sleep(0.05)  # a password hash takes a while; the others arrive meanwhile
        return None

    monkeypatch.setattr(ModelBackend, "authenticate", slow_check)
    start = threading.Barrier(20)
    throttled: list[bool] = []

    def guess(n: int) -> None:
        # Each from its own address, so that only the account's limit is in play.
        request = RequestFactory().post("/api/login", REMOTE_ADDR=f"10.0.{n}.9")
        start.wait()
        assert authenticate(request, username="alice", password=f"guess {n}") is None
        with lock:
            throttled.append(getattr(request, "login_throttled", False))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(checked) == 3  # CIRCLES_LOGIN_FAILURES_PER_ACCOUNT
    assert sorted(throttled) == [False] * 3 + [True] * 17


def test_a_right_password_takes_back_its_count(member: Membership, fast_unlock: None) -> None:
    client = Client()
    for _ in range(2):
        assert login(client, "alice", "wrong").status_code == 401
    for _ in range(5):  # right ones never bring the account nearer its limit
        assert login(Client(), "alice", "pw-alice").status_code == 200
    assert login(client, "alice", "wrong").status_code == 401
    assert login(client, "alice", "wrong").status_code == 429
