"""The Content-Security-Policy (django-csp, server/csp.py): on every page, no inline script
or style allowed, this host's WebSocket allowed; the pages and the admin keep working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from groups.models import Membership
from groups.services import groups as group_services

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "frontend" / "templates"


def directives(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_the_policy() -> None:
    policy = directives(Client(HTTP_HOST="127.0.0.1:8000").get("/login/"))
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws://127.0.0.1:8000", "wss://127.0.0.1:8000"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_the_websocket_source_is_the_requests_own_host_only() -> None:
    policy = directives(Client(HTTP_HOST="localhost").get("/login/"))
    assert policy["connect-src"] == ["'self'", "ws://localhost", "wss://localhost"]


def test_every_page_carries_it(member: Membership) -> None:
    client = Client()
    client.force_login(member.user)
    for path in ("/", f"/groups/{member.group.slug}/", "/healthz", "/api/groups"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response["Content-Security-Policy"], path


def test_no_template_has_inline_script_or_style() -> None:
    """What the policy would block: <script> with a body, <style>, style= and on*= attributes."""
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"<style\b",
            r"\sstyle\s*=",
            r"\son[a-z]+\s*=",
            r"javascript:",
        ):
            for match in re.finditer(pattern, text, flags=re.I):
                found.append(f"{template.relative_to(TEMPLATES)}: {match.group(0)}")
    assert found == []


def test_the_admin_works_under_it() -> None:
    """Django's admin has no inline script (5.x): log in, list, open a change page."""
    group = group_services.group_create(
        acting_user=None, slug="adm", name="Admin group", topic="grief", agreement_text="x"
    )
    User.objects.create_superuser("root", password="pw-root-123")
    client = Client()
    login = client.get("/admin/login/")
    assert "script-src 'self'" in login["Content-Security-Policy"]
    assert "<script>" not in login.content.decode()
    assert (
        client.post(
            "/admin/login/?next=/admin/", {"username": "root", "password": "pw-root-123"}
        ).status_code
        == 302
    )
    for path in ("/admin/", "/admin/groups/group/", f"/admin/groups/group/{group.pk}/change/"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body)
        # Django's admin keeps its data in <script type="application/json"> (not run).
        assert all('type="application/json"' in tag for tag in inline), (path, inline)
        assert not re.search(r"\son[a-z]+\s*=\s*\"", body), path
