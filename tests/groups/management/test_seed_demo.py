"""`manage.py seed_demo`: the demo data of SPEC 6, idempotent, and the load rooms."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from groups import selectors
from groups.errors import GroupNotFound
from groups.models import (
    Agreement,
    AgreementAcceptance,
    Group,
    Membership,
    Room,
    Session,
)

pytestmark = pytest.mark.django_db

DEMO_USERS = ["facilitator", "member1", "member2", "member3", "member4", "coordinator", "outsider"]


@pytest.fixture
def debug(settings: Any) -> None:
    settings.DEBUG = True


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def can_enter(username: str, slug: str) -> bool:
    try:
        selectors.access_room(user=User.objects.get(username=username), slug=slug)
    except GroupNotFound:
        return False
    return True


def snapshot() -> dict[str, Any]:
    """Everything seed_demo writes, in a comparable form."""
    return {
        "users": sorted(User.objects.values_list("username", "password", "is_staff", "is_active")),
        "groups": sorted(Group.objects.values_list("slug", "name", "crisis_region", "topic")),
        "coordinators": sorted(
            Group.coordinators.through.objects.values_list("group_id", "user_id")
        ),
        "agreements": sorted(Agreement.objects.values_list("group_id", "version", "text")),
        "memberships": sorted(
            Membership.objects.values_list(
                "user__username", "group__slug", "pseudonym", "role", "state"
            )
        ),
        "acceptances": sorted(
            AgreementAcceptance.objects.values_list("membership_id", "version", "accepted_at")
        ),
        "sessions": sorted(
            Session.objects.values_list("group__slug", "state", "opened_at", "opened_by_id")
        ),
        "rooms": sorted(Room.objects.values_list("group__slug", "last_seq")),
    }


def test_seed_creates_the_demo_group_with_an_open_session(debug: None) -> None:
    seed()
    group = Group.objects.get(slug="demo")
    assert group.name == "Evening Support Circle"
    assert group.crisis_region == "US"
    session = selectors.session_open_for(group_id=group.pk)
    assert session is not None
    assert session.opened_by == User.objects.get(username="facilitator")
    assert Room.objects.filter(group=group).exists()
    assert selectors.agreement_current(group_id=group.pk) is not None


def test_seed_creates_every_demo_user_with_the_default_password(
    debug: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    seed()
    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.is_active, username
        assert user.check_password("circles-demo"), username


def test_seed_uses_demo_password_from_the_environment(
    debug: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-42")
    seed()
    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.check_password("another-secret-42"), username
        assert not user.check_password("circles-demo"), username


def test_seed_gives_demo_users_their_roles(debug: None) -> None:
    seed()
    demo = Group.objects.get(slug="demo")
    roles = dict(Membership.objects.filter(group=demo).values_list("user__username", "role"))
    assert roles == {
        "facilitator": "facilitator",
        "member1": "member",
        "member2": "member",
        "member3": "member",
        "member4": "member",
    }
    # Members see pseudonyms only: none is its user's username, and all differ.
    pseudonyms = dict(
        Membership.objects.filter(group=demo).values_list("user__username", "pseudonym")
    )
    assert all(p.casefold() != u.casefold() for u, p in pseudonyms.items())
    assert len(set(pseudonyms.values())) == len(pseudonyms)
    assert list(demo.coordinators.values_list("username", flat=True)) == ["coordinator"]
    outsider = User.objects.get(username="outsider")
    assert not Membership.objects.filter(user=outsider).exists()
    assert not outsider.coordinated_groups.exists()


@pytest.mark.parametrize(
    ("username", "enters"),
    [
        ("facilitator", True),
        ("member1", True),
        ("member2", True),
        ("member3", True),
        ("member4", False),  # has not accepted: the agreement step can be seen
        ("outsider", False),
    ],
)
def test_seed_agreements_accepted_by_all_but_member4(
    debug: None, username: str, enters: bool
) -> None:
    seed()
    assert can_enter(username, "demo") is enters


def test_seed_twice_changes_nothing(debug: None) -> None:
    seed()
    first = snapshot()
    seed()
    assert snapshot() == first


def test_seed_after_a_password_change_restores_the_demo_password(
    debug: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    seed()
    member1 = User.objects.get(username="member1")
    member1.set_password("changed-by-someone")
    member1.save()
    seed()
    member1.refresh_from_db()
    assert member1.check_password("circles-demo")
    assert Membership.objects.filter(user=member1).count() == 1


def test_seed_reopens_the_demo_session_after_it_ended(debug: None) -> None:
    seed()
    Session.objects.filter(group__slug="demo").update(state=Session.State.CLOSED)
    seed()
    demo = Group.objects.get(slug="demo")
    assert selectors.session_open_for(group_id=demo.pk) is not None
    assert Session.objects.filter(group=demo).count() == 2


def test_seed_with_rooms_creates_the_load_rooms(debug: None) -> None:
    seed("--rooms", "3")
    facilitator = User.objects.get(username="facilitator")
    load_groups = Group.objects.filter(slug__startswith="load-").order_by("slug")
    assert list(load_groups.values_list("slug", flat=True)) == ["load-1", "load-2", "load-3"]
    loaders = [f"loader{i}" for i in range(1, 13)]
    for group in load_groups:
        session = selectors.session_open_for(group_id=group.pk)
        assert session is not None, group.slug
        assert session.opened_by == facilitator
        memberships = dict(
            Membership.objects.filter(group=group).values_list("user__username", "role")
        )
        assert memberships == {"facilitator": "facilitator", **dict.fromkeys(loaders, "member")}
        for username in ["facilitator", *loaders]:
            assert can_enter(username, group.slug), (username, group.slug)
    for username in loaders:
        assert User.objects.get(username=username).check_password("circles-demo")
    # The demo group is there as well.
    assert Group.objects.filter(slug="demo").exists()


def test_seed_with_rooms_twice_changes_nothing(debug: None) -> None:
    seed("--rooms", "3")
    first = snapshot()
    seed("--rooms", "3")
    assert snapshot() == first


def test_seed_with_more_rooms_adds_only_the_new_ones(debug: None) -> None:
    seed("--rooms", "2")
    before = set(Membership.objects.values_list("pk", flat=True))
    seed("--rooms", "3")
    added = Membership.objects.exclude(pk__in=before)
    assert set(added.values_list("group__slug", flat=True)) == {"load-3"}
    assert added.count() == 13


def test_seed_with_negative_rooms_is_refused(debug: None) -> None:
    with pytest.raises(CommandError):
        seed("--rooms", "-1")
    assert not Group.objects.exists()


def test_seed_refuses_to_run_with_debug_off(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not User.objects.exists()
    assert not Group.objects.exists()


def test_seed_with_debug_off_runs_when_forced(settings: Any) -> None:
    settings.DEBUG = False
    seed("--force")
    assert Group.objects.filter(slug="demo").exists()
    assert can_enter("member1", "demo")


def test_the_coordinator_can_manage_resources_and_read_the_audit_log(settings: Any) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    settings.DEBUG = True
    call_command("seed_demo")
    coordinator = User.objects.get(username="coordinator")
    assert coordinator.has_perm("moderation.change_crisisresource")
    assert coordinator.has_perm("groups.view_auditentry")
    assert not coordinator.has_perm("groups.change_auditentry")
    client = Client()
    client.force_login(coordinator)
    assert client.get("/admin/groups/auditentry/", secure=True).status_code == 200
    assert client.get("/admin/moderation/crisisresource/", secure=True).status_code == 200
