"""The JSON API (server/api.py) over HTTP. (The health check: test_health.py.)

Requests are made as HTTPS with a same-site Origin, as a browser on the deployed site would:
outside DEBUG the settings redirect plain HTTP to HTTPS, and Django's CSRF check on a secure
request insists on a matching Origin (or Referer) before it even looks at the token.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from groups.models import Agreement, AgreementAcceptance, Group, Membership
from tests.conftest import AGREEMENT, make_group, make_member

pytestmark = pytest.mark.django_db

ORIGIN = "https://testserver"


def get(client: Client, path: str) -> Any:
    return client.get(path, secure=True)


def post(client: Client, path: str, body: Any = None, **headers: str) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        path,
        data=data,
        content_type="application/json",
        secure=True,
        headers={"origin": ORIGIN, **headers},
    )


def logged_in(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def agreement_path(slug: str) -> str:
    return f"/api/groups/{slug}/agreement"


# --- login / logout -------------------------------------------------------------------


def test_login_sets_session_and_csrf_cookies(member: Membership) -> None:
    client = Client()
    response = post(client, "/api/login", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 200
    assert response.json() == {"username": "alice"}
    assert response.cookies[settings.SESSION_COOKIE_NAME].value
    assert response.cookies[settings.CSRF_COOKIE_NAME].value
    # The session is real: the next request is authenticated.
    assert get(client, "/api/groups").status_code == 200


@pytest.fixture
def inactive_user() -> User:
    return User.objects.create_user(username="gone", password="pw-gone", is_active=False)


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("alice", "wrong password"),
        ("nobody", "pw-nobody"),
        ("gone", "pw-gone"),
    ],
    ids=["wrong-password", "unknown-user", "inactive-user"],
)
def test_login_refused_with_401_and_no_session(
    member: Membership, inactive_user: User, username: str, password: str
) -> None:
    client = Client()
    response = post(client, "/api/login", {"username": username, "password": password})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert get(client, "/api/groups").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        "{",
        "not json at all",
        b"\xff\xfe\x00",
        "",
        "null",
        "[]",
        '"alice"',
        "42",
        '{"username": "alice"}',
        '{"username": 1, "password": "pw-alice"}',
        '{"username": "alice", "password": null}',
    ],
    ids=[
        "truncated",
        "not-json",
        "bad-utf8",
        "empty",
        "null",
        "array",
        "string",
        "number",
        "missing-password",
        "username-not-string",
        "password-null",
    ],
)
def test_login_malformed_body_is_a_client_error(member: Membership, body: str | bytes) -> None:
    response = post(Client(), "/api/login", body)
    assert 400 <= response.status_code < 500
    assert settings.SESSION_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("field", ["username", "password"])
def test_login_with_a_nul_character_is_refused_not_a_crash(member: Membership, field: str) -> None:
    credentials = {"username": "alice", "password": "pw-alice"}
    credentials[field] += "\x00"
    client = Client(raise_request_exception=False)
    response = post(client, "/api/login", credentials)
    assert response.status_code == 401
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_logout_ends_the_session(member: Membership) -> None:
    client = Client()
    assert (
        post(client, "/api/login", {"username": "alice", "password": "pw-alice"}).status_code == 200
    )
    assert get(client, "/api/groups").status_code == 200
    assert post(client, "/api/logout").status_code == 204
    assert get(client, "/api/groups").status_code == 401


def test_logout_when_not_logged_in_is_harmless() -> None:
    assert post(Client(), "/api/logout").status_code == 204


# --- groups ---------------------------------------------------------------------------


def test_groups_lists_the_callers_active_groups_with_pseudonym_and_role() -> None:
    circle = make_group("circle")
    evening = make_group("evening")
    make_group("elsewhere")
    mine = make_member(circle, "alice", pseudonym="Willow")
    make_member(evening, "alice", pseudonym="Fran", role="facilitator")
    make_member(circle, "bob", pseudonym="River")

    response = get(logged_in(mine), "/api/groups")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "circle",
            "name": "Group circle",
            "topic": "anxiety",
            "pseudonym": "Willow",
            "role": "member",
        },
        {
            "slug": "evening",
            "name": "Group evening",
            "topic": "anxiety",
            "pseudonym": "Fran",
            "role": "facilitator",
        },
    ]


def test_groups_never_show_usernames(member: Membership, other_member: Membership) -> None:
    body = get(logged_in(member), "/api/groups").content.decode()
    assert "River" not in body  # another member's pseudonym is not the caller's business
    for username in ("alice", "bob"):
        assert username not in body


def test_groups_leave_out_a_banned_membership(group: Group) -> None:
    other = make_group("other")
    kept = make_member(other, "alice", pseudonym="Willow")
    banned = make_member(group, "alice", pseudonym="Ash")
    Membership.objects.filter(pk=banned.pk).update(state=Membership.State.BANNED)
    assert [g["slug"] for g in get(logged_in(kept), "/api/groups").json()] == ["other"]


def test_groups_need_a_login() -> None:
    response = get(Client(), "/api/groups")
    assert response.status_code == 401


# --- agreement ------------------------------------------------------------------------


def test_agreement_before_and_after_acceptance(group: Group) -> None:
    newcomer = make_member(group, "carol", pseudonym="Sparrow", accept=False)
    client = logged_in(newcomer)
    before = get(client, agreement_path("circle"))
    assert before.status_code == 200
    assert before.json() == {"version": 1, "text": AGREEMENT, "accepted": False}

    accepted = post(client, agreement_path("circle"), {"version": 1})
    assert accepted.status_code == 200
    assert accepted.json() == {"version": 1, "text": AGREEMENT, "accepted": True}
    assert get(client, agreement_path("circle")).json()["accepted"] is True
    assert list(newcomer.acceptances.values_list("version", flat=True)) == [1]


def test_agreement_acceptance_is_idempotent(group: Group) -> None:
    newcomer = make_member(group, "carol", pseudonym="Sparrow", accept=False)
    client = logged_in(newcomer)
    first = post(client, agreement_path("circle"), {"version": 1})
    first_at = AgreementAcceptance.objects.get(membership=newcomer).accepted_at
    second = post(client, agreement_path("circle"), {"version": 1})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert AgreementAcceptance.objects.filter(membership=newcomer).count() == 1
    assert AgreementAcceptance.objects.get(membership=newcomer).accepted_at == first_at


def test_group_without_agreement_needs_no_acceptance() -> None:
    bare = Group.objects.create(slug="bare", name="Bare")
    member = make_member(bare, "alice", accept=False)
    response = get(logged_in(member), agreement_path("bare"))
    assert response.status_code == 200
    assert response.json() == {"version": None, "text": "", "accepted": True}


@pytest.mark.parametrize(
    ("current", "posted"),
    [(2, 1), (1, 2), (1, 0), (2, 3)],
    ids=["stale", "future", "zero", "future-after-bump"],
)
def test_agreement_acceptance_of_another_version_is_refused(
    group: Group, current: int, posted: int
) -> None:
    if current == 2:
        Agreement.objects.create(group=group, version=2, text="New rules.")
    newcomer = make_member(group, "carol", pseudonym="Sparrow", accept=False)
    client = logged_in(newcomer)
    response = post(client, agreement_path("circle"), {"version": posted})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    # Clear: it tells the member which version to read.
    assert f"version {current}" in body["detail"]
    assert not AgreementAcceptance.objects.filter(membership=newcomer).exists()
    assert get(client, agreement_path("circle")).json()["accepted"] is False


def test_agreement_needs_a_login(group: Group) -> None:
    assert get(Client(), agreement_path("circle")).status_code == 401
    assert post(Client(), agreement_path("circle"), {"version": 1}).status_code == 401


# --- CSRF -----------------------------------------------------------------------------


def test_agreement_post_is_csrf_protected(group: Group) -> None:
    make_member(group, "carol", pseudonym="Sparrow", accept=False)
    client = Client(enforce_csrf_checks=True)
    login = post(client, "/api/login", {"username": "carol", "password": "pw-carol"})
    assert login.status_code == 200
    token = login.cookies[settings.CSRF_COOKIE_NAME].value

    refused = post(client, agreement_path("circle"), {"version": 1})
    assert refused.status_code == 403
    assert not AgreementAcceptance.objects.exists()

    forged = post(client, agreement_path("circle"), {"version": 1}, **{"X-CSRFToken": "x" * 32})
    assert forged.status_code == 403
    assert not AgreementAcceptance.objects.exists()

    accepted = post(client, agreement_path("circle"), {"version": 1}, **{"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert accepted.json()["accepted"] is True
    assert AgreementAcceptance.objects.count() == 1


def _state_changing_api_paths() -> list[tuple[str, str]]:
    from server.api import api

    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    )


def test_every_state_changing_api_route_refuses_a_logged_in_caller_without_the_token(
    group: Group,
) -> None:
    # Every one there is, read from the schema: a route added later is covered too. Login
    # is the one exception (a logged-out caller, and JSON only: see api_login).
    make_member(group, "carol", pseudonym="Sparrow")
    routes = [(m, p) for m, p in _state_changing_api_paths() if p != "/api/login"]
    assert ("POST", "/api/logout") in routes and ("POST", "/api/me/erase") in routes
    for method, path in routes:
        client = Client(enforce_csrf_checks=True)
        login = post(client, "/api/login", {"username": "carol", "password": "pw-carol"})
        assert login.status_code == 200
        url = path.replace("{slug}", "circle")
        response = client.generic(
            method,
            url,
            data=json.dumps({"confirm": True, "version": 1}),
            content_type="application/json",
            secure=True,
            headers={"origin": ORIGIN},
        )
        assert response.status_code == 403, (method, path, response.status_code)
        assert client.get("/api/groups", secure=True).status_code == 200  # still logged in
    from django.contrib.auth.models import User

    assert User.objects.get(username="carol").is_active  # erasure never ran


def test_no_page_opts_out_of_django_csrf_checks() -> None:
    # The JSON API checks CSRF itself (above); every other view is under the middleware.
    from django.urls import URLPattern, URLResolver, get_resolver

    def views(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = []
        for entry in patterns:
            if isinstance(entry, URLResolver):
                found += views(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                found.append((prefix + str(entry.pattern), entry.callback))
        return found

    exempt = [
        route
        for route, view in views(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False) and not route.startswith("api/")
    ]
    assert exempt == []


# --- one 404 for "missing" and "forbidden" ---------------------------------------------


@pytest.fixture
def outsider_views(group: Group) -> dict[str, Client]:
    """Clients that may not see group ``circle``, each for a different reason."""
    make_group("other")
    stranger = make_member(Group.objects.get(slug="other"), "dave", pseudonym="Oak")
    banned = make_member(group, "eve", pseudonym="Ash", accept=False)
    Membership.objects.filter(pk=banned.pk).update(state=Membership.State.BANNED)
    loner = Client()
    loner.force_login(User.objects.create_user(username="zed", password="pw-zed"))
    return {
        "unknown-slug": logged_in(stranger),
        "not-a-member": logged_in(stranger),
        "in-no-group-at-all": loner,
        "banned": logged_in(banned),
    }


SLUG_FOR = {
    "unknown-slug": "no-such-group",
    "not-a-member": "circle",
    "in-no-group-at-all": "circle",
    "banned": "circle",
}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_missing_and_forbidden_groups_answer_the_same_404(
    outsider_views: dict[str, Client], method: str
) -> None:
    answers = {}
    for case, client in outsider_views.items():
        path = agreement_path(SLUG_FOR[case])
        response = get(client, path) if method == "GET" else post(client, path, {"version": 1})
        answers[case] = (response.status_code, response.content)
    assert answers["unknown-slug"][0] == 404
    assert len(set(answers.values())) == 1, answers
    assert not AgreementAcceptance.objects.filter(membership__user__username="eve").exists()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_slug_with_a_nul_character_answers_the_same_404(member: Membership, method: str) -> None:
    client = logged_in(member)
    client.raise_request_exception = False
    answers = []
    for path in (agreement_path("no-such-group"), agreement_path("cir%00cle")):
        response = get(client, path) if method == "GET" else post(client, path, {"version": 1})
        answers.append((response.status_code, response.content))
    assert answers[0][0] == 404
    assert answers[1] == answers[0]


# --- OpenAPI --------------------------------------------------------------------------


def test_openapi_schema_lists_every_api_path() -> None:
    response = get(Client(), "/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    expected = {
        "/api/login": {"post"},
        "/api/logout": {"post"},
        "/api/groups": {"get"},
        "/api/groups/{slug}/agreement": {"get", "post"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))


def test_login_refuses_a_form_post_so_another_site_cannot_log_a_member_in(
    member: Membership,
) -> None:
    # A cross-site form can send text/plain that looks like JSON; only JSON is accepted.
    client = Client()
    response = client.post(
        "/api/login",
        data=json.dumps({"username": "alice", "password": "pw-alice"}),
        content_type="text/plain",
        secure=True,
    )
    assert response.status_code == 415
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_get_help_now_lists_the_groups_regional_lines(member: Membership) -> None:
    client = logged_in(member)
    response = client.get("/api/groups/circle/crisis-resources", secure=True)
    assert response.status_code == 200
    names = [r["name"] for r in response.json()]
    assert "988 Suicide & Crisis Lifeline" in names
    assert all(r["country"] == "US" for r in response.json())
    assert client.get("/api/groups/nope/crisis-resources", secure=True).status_code == 404
