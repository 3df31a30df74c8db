"""Services and selectors of the groups app, on the database."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db import connections as db_connections
from django.utils import timezone

from groups import selectors
from groups.errors import GroupNotFound, ServiceError
from groups.events.audiences import RoomAudience
from groups.events.types import MessagePosted
from groups.models import (
    Agreement,
    AgreementAcceptance,
    AuditEntry,
    Group,
    Membership,
    Message,
    Room,
    RoomConnection,
    Session,
)
from groups.selectors import RoomAccess
from groups.services import connections, memberships, messages, sessions
from groups.services import groups as group_services
from moderation.models import ScreenRecord
from moderation.services import submission
from tests.conftest import make_group, make_member

pytestmark = pytest.mark.django_db


def access_of(membership: Membership) -> RoomAccess:
    return selectors.access_room(user=membership.user, slug=membership.group.slug)


def send(access: RoomAccess, text: str = "hello", client_id: uuid.UUID | None = None) -> Any:
    return submission.message_send(access=access, client_id=client_id or uuid.uuid4(), text=text)


def posted_seqs(group: Group) -> list[int | None]:
    return list(
        Message.objects.filter(room__group=group).order_by("seq").values_list("seq", flat=True)
    )


def room_last_seq(group: Group) -> int:
    return Room.objects.get(group=group).last_seq


@pytest.fixture
def many(settings: Any) -> None:
    """Lift the rate limit for tests that need more messages than it allows."""
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 1000


# --- message_send: sequencing and storage ------------------------------------------------


def test_seqs_are_1_2_3_with_no_gaps_across_authors(
    member: Membership, other_member: Membership
) -> None:
    alice, bob = access_of(member), access_of(other_member)
    acks = [send(alice, "one"), send(bob, "two"), send(alice, "three")]
    assert [(a.status, a.seq) for a in acks] == [("posted", 1), ("posted", 2), ("posted", 3)]
    assert posted_seqs(member.group) == [1, 2, 3]
    assert room_last_seq(member.group) == 3
    stored = Message.objects.get(seq=2)
    assert stored.text == "two"
    assert (stored.author_pseudonym, stored.author_role) == ("River", "member")
    assert stored.session == selectors.session_open_for(group_id=member.group_id)
    assert stored.state == Message.State.POSTED and stored.posted_at is not None


def test_refused_sends_leave_no_gap(member: Membership, settings: Any) -> None:
    access = access_of(member)
    send(access, "one")
    for bad in ("", "x" * 2001):
        with pytest.raises(ServiceError):
            send(access, bad)
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 1
    with pytest.raises(ServiceError):
        send(access, "too soon")
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 10
    assert send(access, "two").seq == 2
    assert posted_seqs(member.group) == [1, 2]


def test_seqs_are_per_room(member: Membership) -> None:
    elsewhere = make_member(make_group("elsewhere"), "alice", pseudonym="Willow")
    assert send(access_of(member)).seq == 1
    assert send(access_of(elsewhere)).seq == 1
    assert send(access_of(member)).seq == 2


@pytest.mark.django_db(transaction=True)
def test_message_is_committed_before_it_is_broadcast(
    monkeypatch: pytest.MonkeyPatch, member: Membership
) -> None:
    """At the moment of delivery the row must be visible to *another* connection (another
    server process would fetch it there when it fills a gap)."""
    seen: list[tuple[Any, Any, bool, bool]] = []

    def visible_elsewhere(message_id: str) -> bool:
        result: list[bool] = []

        def look() -> None:
            try:
                result.append(Message.objects.filter(pk=message_id).exists())
            finally:
                db_connections.close_all()

        thread = threading.Thread(target=look)
        thread.start()
        thread.join()
        return result == [True]

    def record(event: Any, audience: Any, message: Any) -> None:
        if isinstance(event, MessagePosted):
            stored = Message.objects.filter(pk=event.id, seq=event.seq).exists()
            seen.append((event, audience, stored, visible_elsewhere(event.id)))

    monkeypatch.setattr("groups.events.transport._deliver", record)
    ack = send(access_of(member), "stored first")

    assert len(seen) == 1
    event, audience, stored, committed = seen[0]
    assert (event.seq, event.text, event.pseudonym, event.role) == (
        ack.seq,
        "stored first",
        "Willow",
        "member",
    )
    assert audience == RoomAudience(member.group_id)
    assert stored, "the message was broadcast before it was stored"
    assert committed, "the message was broadcast before its transaction committed"
    assert not connection.in_atomic_block


def test_nothing_is_broadcast_for_a_refused_send(
    monkeypatch: pytest.MonkeyPatch,
    member: Membership,
    django_capture_on_commit_callbacks: Any,
) -> None:
    delivered: list[Any] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, m: delivered.append(e))
    Session.objects.update(state=Session.State.CLOSED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        send(access_of(member))
    assert delivered == []


# --- message_send: idempotency ---------------------------------------------------------


def test_resend_of_a_client_id_returns_the_same_ack_and_stores_one_row(
    monkeypatch: pytest.MonkeyPatch,
    member: Membership,
    django_capture_on_commit_callbacks: Any,
) -> None:
    delivered: list[Any] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, m: delivered.append(e))
    access = access_of(member)
    client_id = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = send(access, "only once", client_id)
    with django_capture_on_commit_callbacks(execute=True):
        again = send(access, "only once", client_id)
        changed = send(access, "edited before the resend", client_id)
    assert first == again == changed
    assert first.client_id == str(client_id)
    assert (first.status, first.seq) == ("posted", 1)
    assert Message.objects.count() == 1
    assert Message.objects.get().text == "only once"
    assert room_last_seq(member.group) == 1
    assert len(delivered) == 1


def test_a_client_id_is_per_author(member: Membership, other_member: Membership) -> None:
    client_id = uuid.uuid4()
    assert send(access_of(member), "mine", client_id).seq == 1
    assert send(access_of(other_member), "theirs", client_id).seq == 2
    assert Message.objects.count() == 2


def test_resend_is_answered_even_when_rate_limited(member: Membership, settings: Any) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 2
    access = access_of(member)
    client_id = uuid.uuid4()
    first = send(access, "one", client_id)
    send(access, "two")
    assert send(access, "one", client_id) == first


# --- message_send: refusals ------------------------------------------------------------


def test_rate_limit_refuses_the_message_over_the_limit(
    member: Membership, other_member: Membership, settings: Any
) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 3
    access = access_of(member)
    for _ in range(3):
        send(access)
    with pytest.raises(ServiceError) as refused:
        send(access)
    assert refused.value.code == "rate_limited"
    assert "3 messages" in refused.value.detail
    assert Message.objects.count() == 3
    assert room_last_seq(member.group) == 3
    # The limit is per member: someone else can still speak.
    assert send(access_of(other_member)).seq == 4


def test_rate_limit_counts_only_the_window(member: Membership, settings: Any) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 2
    access = access_of(member)
    send(access)
    send(access)
    window = timedelta(seconds=settings.CIRCLES_RATE_LIMIT_SECONDS)
    # Sends are counted from their screen records (blocked sends leave no message row).
    ScreenRecord.objects.update(created_at=timezone.now() - window - timedelta(seconds=1))
    assert send(access).seq == 3


@pytest.mark.parametrize("state", [Session.State.CLOSED, None], ids=["ended", "never-opened"])
def test_no_posting_without_an_open_session(member: Membership, state: str | None) -> None:
    access = access_of(member)
    if state is None:
        Session.objects.all().delete()
    else:
        Session.objects.update(state=state, closed_at=timezone.now())
    with pytest.raises(ServiceError) as refused:
        send(access)
    assert refused.value.code == "session_closed"
    assert not Message.objects.exists()
    assert room_last_seq(member.group) == 0


def test_banned_member_cannot_post_on_an_open_connection(member: Membership) -> None:
    access = access_of(member)  # resolved at connect time, before the ban
    Membership.objects.filter(pk=member.pk).update(state=Membership.State.BANNED)
    with pytest.raises(ServiceError) as refused:
        send(access)
    assert refused.value.code == "forbidden"
    assert not Message.objects.exists()
    assert room_last_seq(member.group) == 0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid"),
        (" ", "invalid"),
        ("  \n\t \u3000 ", "invalid"),
        ("x" * 2001, "too_long"),
        ("é" * 2001, "too_long"),
        ("\ud800", "invalid"),
        ("half a pair \udfff here", "invalid"),
    ],
    ids=[
        "empty",
        "space",
        "whitespace",
        "2001-chars",
        "2001-accented",
        "lone-high-surrogate",
        "lone-low-surrogate",
    ],
)
def test_text_refused(member: Membership, text: str, code: str) -> None:
    with pytest.raises(ServiceError) as refused:
        send(access_of(member), text)
    assert refused.value.code == code
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["x" * 2000, "😀" * 2000, "a", " leading and trailing spaces kept "],
    ids=["2000-chars", "2000-emoji", "one-char", "padded"],
)
def test_text_accepted_and_stored_as_written(member: Membership, text: str) -> None:
    ack = send(access_of(member), text)
    assert ack.status == "posted"
    assert Message.objects.get(seq=ack.seq).text == text


def test_text_with_a_nul_character_is_invalid(member: Membership) -> None:
    with pytest.raises(ServiceError) as refused:
        send(access_of(member), "before\x00after")
    assert refused.value.code == "invalid"
    assert not Message.objects.exists()


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


# --- agreement_accept ----------------------------------------------------------------------


def test_agreement_accept_records_the_current_version_once(group: Group) -> None:
    m = make_member(group, "carol", accept=False)
    memberships.agreement_accept(user=m.user, slug="circle", version=1)
    first = AgreementAcceptance.objects.get(membership=m)
    memberships.agreement_accept(user=m.user, slug="circle", version=1)
    assert list(AgreementAcceptance.objects.filter(membership=m)) == [first]
    assert AgreementAcceptance.objects.get(membership=m).accepted_at == first.accepted_at
    assert selectors.access_room(user=m.user, slug="circle").membership_id == m.pk


@pytest.mark.parametrize(
    ("current", "posted"),
    [(2, 1), (1, 2), (1, 0), (1, -1)],
    ids=["stale", "future", "zero", "negative"],
)
def test_agreement_accept_refuses_any_other_version(
    group: Group, current: int, posted: int
) -> None:
    if current == 2:
        Agreement.objects.create(group=group, version=2, text="New rules.")
    m = make_member(group, "carol", accept=False)
    with pytest.raises(ServiceError) as refused:
        memberships.agreement_accept(user=m.user, slug="circle", version=posted)
    assert refused.value.code == "invalid"
    assert f"version {current}" in refused.value.detail
    assert not AgreementAcceptance.objects.filter(membership=m).exists()


def test_agreement_accept_without_an_agreement_is_invalid() -> None:
    bare = group_services.group_create(acting_user=None, slug="bare", name="Bare")
    m = make_member(bare, "carol", accept=False)
    with pytest.raises(ServiceError) as refused:
        memberships.agreement_accept(user=m.user, slug="bare", version=1)
    assert refused.value.code == "invalid"
    assert not AgreementAcceptance.objects.exists()


@pytest.mark.parametrize("setup", [_non_member, _banned, _unknown_group, _anonymous])
def test_agreement_accept_for_a_group_the_caller_cannot_see(group: Group, setup: Any) -> None:
    user, slug = setup(group)
    before = AgreementAcceptance.objects.count()
    with pytest.raises(GroupNotFound):
        memberships.agreement_accept(user=user, slug=slug, version=1)
    assert AgreementAcceptance.objects.count() == before


# --- message_delete: one's own posted message ----------------------------------------------


def test_an_author_deletes_their_own_message(member: Membership) -> None:
    access = access_of(member)
    ack = send(access, "something I regret")
    send(access, "and another")
    messages.message_delete(access=access, seq=ack.seq, now=timezone.now())
    message = Message.objects.get(seq=ack.seq)
    assert message.state == Message.State.DELETED
    # Gone from every later sync, and the seq is not reused.
    batch = selectors.sync_batch(room_id=access.room_id, start=0, limit=10, recent=10)
    assert [m.text for m in batch.messages] == ["and another"]
    assert batch.upto_seq == 2
    entry = AuditEntry.objects.get(action="message_delete")
    assert entry.actor == member.user and entry.target_id == str(message.pk)
    assert entry.detail == {"seq": ack.seq}
    assert "regret" not in repr(entry.detail)


def test_deleting_someone_elses_message_is_forbidden(
    member: Membership, other_member: Membership
) -> None:
    ack = send(access_of(member))
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access_of(other_member), seq=ack.seq, now=timezone.now())
    assert refused.value.code == "forbidden"
    assert Message.objects.get(seq=ack.seq).state == Message.State.POSTED
    assert not AuditEntry.objects.filter(action="message_delete").exists()


@pytest.mark.parametrize("state", ["missing", "hidden", "deleted"])
def test_deleting_a_message_that_is_not_posted_is_not_found(member: Membership, state: str) -> None:
    access = access_of(member)
    ack = send(access)
    if state != "missing":
        Message.objects.filter(seq=ack.seq).update(state=state)
    seq = ack.seq if state != "missing" else 99
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access, seq=seq, now=timezone.now())
    assert refused.value.code == "not_found"


def test_a_banned_member_cannot_delete(member: Membership) -> None:
    access = access_of(member)
    ack = send(access)
    Membership.objects.filter(pk=member.pk).update(state=Membership.State.BANNED)
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access, seq=ack.seq, now=timezone.now())
    assert refused.value.code == "forbidden"


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


def test_a_send_already_on_its_way_after_removal_is_refused(member: Membership) -> None:
    access = access_of(member)
    session = Session.objects.get(group=member.group, state=Session.State.OPEN)
    Membership.objects.filter(pk=member.pk).update(removed_from_session=session)
    with pytest.raises(ServiceError) as refused:
        send(access)
    assert refused.value.code == "forbidden"


# --- connection_open: the welcome and the arrival notices ---------------------------------


def test_the_welcome_carries_the_mute_and_the_room_state(
    member: Membership, facilitator: Membership
) -> None:
    until = timezone.now() + timedelta(minutes=5)
    Membership.objects.filter(pk=member.pk).update(muted_until=until)
    Room.objects.filter(group=member.group).update(paused=True, slow_mode_seconds=30)
    welcome = connections.connection_open(access=access_of(member), channel_name="c.member")
    assert welcome.muted_until == until
    assert (welcome.paused, welcome.slow_mode_seconds) == (True, 30)
    assert welcome.facilitator_present is False
    fran = connections.connection_open(access=access_of(facilitator), channel_name="c.fran")
    assert fran.facilitator_present is True and fran.muted_until is None


def test_an_expired_mute_is_not_in_the_welcome(member: Membership) -> None:
    Membership.objects.filter(pk=member.pk).update(
        muted_until=timezone.now() - timedelta(seconds=1)
    )
    welcome = connections.connection_open(access=access_of(member), channel_name="c.member")
    assert welcome.muted_until is None
