"""Sending a message (moderation/services/submission.py, ``message_send``) on the database:
sequencing and storage, idempotency, and the refusals."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db import connections as db_connections
from django.utils import timezone

from groups import selectors
from groups.errors import ServiceError
from groups.events.audiences import RoomAudience
from groups.events.types import MessagePosted
from groups.models import Group, Membership, Message, Room, Session
from moderation.models import ScreenRecord
from tests.conftest import access_of, make_group, make_member, send

pytestmark = pytest.mark.django_db


def posted_seqs(group: Group) -> list[int | None]:
    return list(
        Message.objects.filter(room__group=group).order_by("seq").values_list("seq", flat=True)
    )


def room_last_seq(group: Group) -> int:
    return Room.objects.get(group=group).last_seq


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
        ("\u200b\u200b\u200b", "invalid"),
        ("\u202e \u2066\ufeff\u00ad", "invalid"),
        ("\u0301\u0301", "invalid"),
    ],
    ids=[
        "empty",
        "space",
        "whitespace",
        "2001-chars",
        "2001-accented",
        "lone-high-surrogate",
        "lone-low-surrogate",
        "zero-width-only",
        "bidi-and-format-only",
        "combining-marks-only",
    ],
)
def test_text_refused(member: Membership, text: str, code: str) -> None:
    with pytest.raises(ServiceError) as refused:
        send(access_of(member), text)
    assert refused.value.code == code
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["x" * 2000, "😀" * 2000, "a", " leading and trailing spaces kept ", "\u202eabc\u202c"],
    ids=["2000-chars", "2000-emoji", "one-char", "padded", "bidi-kept-as-written"],
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


def test_a_send_already_on_its_way_after_removal_is_refused(member: Membership) -> None:
    access = access_of(member)
    session = Session.objects.get(group=member.group, state=Session.State.OPEN)
    Membership.objects.filter(pk=member.pk).update(removed_from_session=session)
    with pytest.raises(ServiceError) as refused:
        send(access)
    assert refused.value.code == "forbidden"
