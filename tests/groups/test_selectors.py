"""Reads of the groups app (groups/selectors.py) on the database: who may enter a room
(``access_room``), the batches a client catches up with (``sync_batch``), and who is here
(``room_presence``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from groups import selectors
from groups.errors import GroupNotFound
from groups.models import Agreement, Group, Membership, Message, Room, RoomConnection, Session
from groups.selectors import RoomAccess
from groups.services import connections, memberships, sessions
from groups.services import groups as group_services
from tests.conftest import access_of, make_group, make_member, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(settings: Any) -> None:
    """Lift the rate limit for tests that need more messages than it allows."""
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 1000


# --- access_room -------------------------------------------------------------------------


def test_access_room_resolves_the_callers_identity(facilitator: Membership) -> None:
    access = access_of(facilitator)
    assert access == RoomAccess(
        group_id=facilitator.group_id,
        slug="circle",
        room_id=Room.objects.get(group=facilitator.group).pk,
        membership_id=facilitator.pk,
        pseudonym="Facilitator Fran",
        role="facilitator",
    )
    assert access.is_facilitator


def _non_member(group: Group) -> tuple[Any, str]:
    make_group("other")
    outsider = make_member(Group.objects.get(slug="other"), "dave")
    return outsider.user, "circle"


def _banned(group: Group) -> tuple[Any, str]:
    m = make_member(group, "eve")
    Membership.objects.filter(pk=m.pk).update(state=Membership.State.BANNED)
    return m.user, "circle"


def _not_accepted(group: Group) -> tuple[Any, str]:
    return make_member(group, "carol", accept=False).user, "circle"


def _agreement_bumped(group: Group) -> tuple[Any, str]:
    m = make_member(group, "carol")  # accepted version 1
    Agreement.objects.create(group=group, version=2, text="New rules.")
    return m.user, "circle"


def _unknown_group(group: Group) -> tuple[Any, str]:
    return make_member(group, "carol").user, "no-such-group"


def _anonymous(group: Group) -> tuple[Any, str]:
    return AnonymousUser(), "circle"


def _user_without_memberships(group: Group) -> tuple[Any, str]:
    return User.objects.create_user(username="zed", password="pw"), "circle"


@pytest.mark.parametrize(
    "setup",
    [
        _non_member,
        _user_without_memberships,
        _banned,
        _not_accepted,
        _agreement_bumped,
        _unknown_group,
        _anonymous,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_access_room_refusals_are_all_group_not_found(group: Group, setup: Any) -> None:
    user, slug = setup(group)
    with pytest.raises(GroupNotFound) as refused:
        selectors.access_room(user=user, slug=slug)
    assert (refused.value.code, refused.value.detail) == ("not_found", "No such group.")


def test_access_room_after_accepting_the_new_version(group: Group) -> None:
    m = make_member(group, "carol", pseudonym="Sparrow")
    Agreement.objects.create(group=group, version=2, text="New rules.")
    memberships.agreement_accept(user=m.user, slug="circle", version=2)
    assert selectors.access_room(user=m.user, slug="circle").pseudonym == "Sparrow"


def test_access_room_to_a_group_without_agreement() -> None:
    bare = group_services.group_create(acting_user=None, slug="bare", name="Bare")
    m = make_member(bare, "carol", accept=False)
    assert selectors.access_room(user=m.user, slug="bare").membership_id == m.pk


# --- removal from a session ---------------------------------------------------------------


def test_a_member_removed_from_the_open_session_is_refused_until_it_ends(
    member: Membership,
) -> None:
    session = Session.objects.get(group=member.group, state=Session.State.OPEN)
    Membership.objects.filter(pk=member.pk).update(removed_from_session=session)
    with pytest.raises(GroupNotFound):
        access_of(member)
    Session.objects.filter(pk=session.pk).update(state=Session.State.CLOSED)
    assert access_of(member).membership_id == member.pk
    # The next session is a fresh start.
    sessions.session_open(group_id=member.group.pk, acting_user=None, now=timezone.now())
    assert access_of(member).membership_id == member.pk


# --- sync_batch ----------------------------------------------------------------------------


@pytest.fixture
def five_posted(member: Membership, many: None) -> RoomAccess:
    access = access_of(member)
    for i in range(1, 6):
        send(access, f"m{i}")
    return access


def batch(access: RoomAccess, start: int | None, limit: int = 3, recent: int = 2) -> Any:
    result = selectors.sync_batch(room_id=access.room_id, start=start, limit=limit, recent=recent)
    return [m.seq for m in result.messages], result.upto_seq, result.complete


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [
        (0, 3, ([1, 2, 3], 3, False)),
        (3, 3, ([4, 5], 5, True)),
        (2, 3, ([3, 4, 5], 5, True)),  # exactly `limit` left: complete, no extra round trip
        (0, 5, ([1, 2, 3, 4, 5], 5, True)),
        (0, 4, ([1, 2, 3, 4], 4, False)),
        (5, 3, ([], 5, True)),
        (None, 3, ([4, 5], 5, True)),  # the `recent` latest
    ],
)
def test_sync_batch(
    five_posted: RoomAccess, start: int | None, limit: int, expected: tuple[Any, ...]
) -> None:
    assert batch(five_posted, start, limit=limit) == expected


def test_sync_batch_skips_messages_that_are_not_posted(five_posted: RoomAccess) -> None:
    Message.objects.filter(seq__in=[2, 5]).update(state=Message.State.HIDDEN)
    assert batch(five_posted, 0, limit=2) == ([1, 3], 3, False)
    assert batch(five_posted, 3, limit=2) == ([4], 5, True)
    # Nothing left to see, but the client is still brought to the room's end.
    assert batch(five_posted, 4, limit=2) == ([], 5, True)
    assert batch(five_posted, None, recent=2) == ([3, 4], 5, True)


def test_sync_batch_of_an_empty_room(member: Membership) -> None:
    access = access_of(member)
    assert batch(access, None) == ([], 0, True)
    assert batch(access, 0) == ([], 0, True)


def test_sync_batch_returns_messages_in_order_with_their_text(five_posted: RoomAccess) -> None:
    result = selectors.sync_batch(room_id=five_posted.room_id, start=1, limit=10, recent=2)
    assert [(m.seq, m.text) for m in result.messages] == [(i, f"m{i}") for i in range(2, 6)]


def test_sync_batch_reads_only_its_room(five_posted: RoomAccess) -> None:
    other = make_member(make_group("other"), "alice", pseudonym="Willow")
    other_access = access_of(other)
    send(other_access, "elsewhere")
    assert batch(other_access, 0, limit=10) == ([1], 1, True)
    assert batch(five_posted, 0, limit=10) == ([1, 2, 3, 4, 5], 5, True)


# --- room_presence ---------------------------------------------------------------------------


def test_room_presence_lists_each_person_once_facilitators_first(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    for membership, channel in [
        (other_member, "c-river"),
        (member, "c-willow-1"),
        (member, "c-willow-2"),  # a second tab
        (facilitator, "c-fran"),
    ]:
        connections.connection_open(access=access_of(membership), channel_name=channel)
    room_id = access_of(member).room_id
    assert selectors.room_presence(room_id=room_id) == (
        ("Facilitator Fran", "facilitator"),
        ("River", "member"),
        ("Willow", "member"),
    )


def test_room_presence_sorts_pseudonyms_case_insensitively(group: Group) -> None:
    names = ["zed", "Amber", "birch"]
    for name in names:
        m = make_member(group, name, pseudonym=name)
        connections.connection_open(access=access_of(m), channel_name=f"c-{name}")
    room_id = Room.objects.get(group=group).pk
    assert [p for p, _ in selectors.room_presence(room_id=room_id)] == ["Amber", "birch", "zed"]


def test_room_presence_forgets_closed_and_silent_connections(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = access_of(member), access_of(other_member), access_of(facilitator)
    connections.connection_open(access=alice, channel_name="c-alice")
    connections.connection_open(access=bob, channel_name="c-bob")
    connections.connection_open(access=fran, channel_name="c-fran")
    connections.connection_close(access=bob, channel_name="c-bob")
    # A connection whose process died stops sending heartbeats.
    stale = timezone.now() - selectors.presence_window() - timedelta(seconds=1)
    RoomConnection.objects.filter(channel_name="c-fran").update(last_seen=stale)
    assert selectors.room_presence(room_id=alice.room_id) == (("Willow", "member"),)
    # ...and a heartbeat keeps a connection counted.
    connections.connection_heartbeat(access=fran, channel_name="c-fran")
    assert selectors.room_presence(room_id=alice.room_id) == (
        ("Facilitator Fran", "facilitator"),
        ("Willow", "member"),
    )


def test_room_presence_is_per_room(member: Membership) -> None:
    other = make_member(make_group("other"), "bob", pseudonym="River")
    connections.connection_open(access=access_of(member), channel_name="c-alice")
    connections.connection_open(access=access_of(other), channel_name="c-bob")
    assert selectors.room_presence(room_id=access_of(member).room_id) == (("Willow", "member"),)
    assert selectors.room_presence(room_id=access_of(other).room_id) == (("River", "member"),)
