"""The server-rendered pages (frontend/views.py and its templates): labels, links, the
agreement step, escaping; the home page's link to the coordinator page; and the friendly
404 page (frontend/templates/404.html, used when DEBUG is off): kind, with a way home, and
the same for a group that does not exist and a group one may not enter."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from groups.models import Membership
from tests.conftest import make_group, make_member

pytestmark = pytest.mark.django_db


def test_login_page_has_labelled_fields_and_button(client: Client) -> None:
    html = client.get("/login/").content.decode()
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert ">Log in</button>" in html


def test_logging_in_through_the_form_leads_to_the_groups(
    client: Client, member: Membership
) -> None:
    response = client.post("/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert "Group circle" in page and "/groups/circle/" in page and "Willow" in page


def test_wrong_password_says_so(client: Client, member: Membership) -> None:
    response = client.post("/login/", {"username": "alice", "password": "nope"})
    assert (
        response.status_code == 200 and "Wrong username or password." in response.content.decode()
    )


def test_pages_need_login(client: Client) -> None:
    assert client.get("/").status_code == 302
    assert client.get("/groups/circle/").status_code == 302


def test_the_room_page_has_its_controls(client: Client, member: Membership) -> None:
    client.force_login(member.user)
    html = client.get("/groups/circle/").content.decode()
    for needle in (
        '<label for="message">Message</label>',
        ">Send</button>",
        ">Get help now</button>",
        'aria-live="polite"',
        "988",
        "741741",
    ):
        assert needle in html


def test_agreement_first_then_the_room(client: Client, group: object) -> None:
    newcomer = make_member(group, "newcomer", accept=False)  # type: ignore[arg-type]
    client.force_login(newcomer.user)
    html = client.get("/groups/circle/").content.decode()
    assert ">I agree</button>" in html and "Be kind." in html
    client.post("/groups/circle/agree/", {"version": "1"})
    assert '<label for="message">Message</label>' in client.get("/groups/circle/").content.decode()


def test_stale_agreement_version_does_not_count(client: Client, group: object) -> None:
    newcomer = make_member(group, "newcomer", accept=False)  # type: ignore[arg-type]
    client.force_login(newcomer.user)
    client.post("/groups/circle/agree/", {"version": "0"})
    assert ">I agree</button>" in client.get("/groups/circle/").content.decode()


def test_unknown_and_forbidden_rooms_both_404(client: Client, member: Membership) -> None:
    from tests.conftest import make_group

    make_group("elsewhere")
    client.force_login(member.user)
    assert client.get("/groups/no-such/").status_code == 404
    assert client.get("/groups/elsewhere/").status_code == 404


def test_names_are_escaped(client: Client, group: object) -> None:
    evil = make_member(group, "evil", pseudonym="<script>x</script>")  # type: ignore[arg-type]
    client.force_login(evil.user)
    html = client.get("/").content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_static_files_are_served(client: Client) -> None:
    response = client.get("/static/frontend/room.js")
    assert response.status_code == 200


def test_get_help_shows_the_groups_region(client: Client, group: object) -> None:
    from groups.models import Group

    Group.objects.update(crisis_region="GB")
    fran = make_member(group, "gb-member")  # type: ignore[arg-type]
    client.force_login(fran.user)
    html = client.get("/groups/circle/").content.decode()
    assert "116 123" in html and "SHOUT to 85258" in html and "741741" not in html


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


@pytest.fixture
def coordinator(member: Membership) -> User:
    user = User.objects.create_user("coord", password="x")
    member.group.coordinators.add(user)
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_home_page_links_the_coordinator_page_for_coordinators_only(
    coordinator: User, member: Membership
) -> None:
    assert 'href="/coordinator/"' in client_for(coordinator).get("/").content.decode()
    home = client_for(coordinator).get("/").content.decode()
    assert "You are not in any group yet" not in home
    assert 'href="/coordinator/"' not in client_for(member.user).get("/").content.decode()
