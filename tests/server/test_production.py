"""Production is production (issue 12): without DJANGO_DEBUG the server refuses to start on
the development SECRET_KEY or none, with a message that says what to do; check --deploy
passes at --fail-level WARNING with a real key; logout needs the CSRF token."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from groups.models import Membership
from server.production import insecure_secret_key

REPO = Path(__file__).resolve().parents[2]


def start(env: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_DEBUG"}}
    full.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-c", "import server.asgi"],
        env=full,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    [None, "django-insecure-circles-development-key-never-use-in-production", "short-key"],
    ids=["none", "development-key", "short"],
)
def test_the_server_refuses_to_start_without_a_real_key(key: str | None) -> None:
    result = start({"SECRET_KEY": key})
    assert result.returncode != 0
    assert "Refusing to start: SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_key_or_in_debug() -> None:
    assert start({"SECRET_KEY": secrets.token_urlsafe(50)}).returncode == 0
    assert start({"DJANGO_DEBUG": "1"}).returncode == 0


def test_check_deploy_passes_at_warning_level_with_a_real_key() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**os.environ, "SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_DEBUG": "0"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_the_interactive_api_docs_are_off_in_production() -> None:
    # The test settings are production's (DJANGO_DEBUG off): no Swagger UI from a CDN, and
    # the schema, the interface's contract, still there.
    assert Client().get("/api/docs").status_code == 404
    assert Client().get("/api/openapi.json").status_code == 200


def test_what_counts_as_insecure() -> None:
    assert insecure_secret_key("")
    assert insecure_secret_key("django-insecure-" + "x" * 40)
    assert insecure_secret_key("a" * 60)
    assert not insecure_secret_key(secrets.token_urlsafe(50))


@pytest.mark.django_db
def test_logout_needs_the_csrf_token(member: Membership) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    refused = client.post("/api/logout", secure=True, headers={"origin": "https://testserver"})
    assert refused.status_code == 403
    assert client.get("/api/groups", secure=True).status_code == 200  # still logged in
    client.get("/", secure=True)  # a page with a form hands out the token
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    done = client.post(
        "/api/logout",
        secure=True,
        headers={
            "X-CSRFToken": token,
            "origin": "https://testserver",
            "referer": "https://testserver/",
        },
    )
    assert done.status_code == 204
    assert client.get("/api/groups", secure=True).status_code == 401
