"""The friendly 404 page (frontend/templates/404.html, used when DEBUG is off): kind, with
a way home, and the same for a group that does not exist and a group one may not enter."""

from __future__ import annotations

import pytest
from django.test import Client

from groups.models import Membership
from tests.conftest import make_group, make_member

pytestmark = pytest.mark.django_db


def test_a_missing_group_and_someone_elses_group_give_the_same_404(
    member: Membership, settings: object
) -> None:
    secret = make_group("private-circle")
    make_member(secret, "owner", pseudonym="Owner")
    client = Client()
    client.force_login(member.user)
    missing = client.get("/groups/no-such-group/")
    not_mine = client.get("/groups/private-circle/")
    assert missing.status_code == not_mine.status_code == 404
    assert missing.content == not_mine.content
    body = missing.content.decode()
    assert "We couldn't find that page" in body and 'href="/"' in body
    assert "private-circle" not in body and "no-such-group" not in body
    # Served under the same Content-Security-Policy, with nothing inline.
    assert "script-src 'self'" in missing["Content-Security-Policy"]
    assert "<script" not in body and " style=" not in body


def test_any_unknown_path_gets_the_friendly_page() -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
