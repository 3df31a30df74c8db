"""Every event type: who hears it (its audience) and what it looks like (its frame)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from groups import selectors, services
from groups.events import (
    FacilitatorAudience,
    MemberAudience,
    MessagePosted,
    PresenceChanged,
    RoomAudience,
    Typing,
    send_event_on_commit,
)
from groups.models import Membership
from tests.conftest import OpenRoom


FLAG_KEYS = {
    "type",
    "flag_id",
    "seq",
    "hold_id",
    "category",
    "severity",
    "status",
    "pseudonym",
    "text",
    "at",
    "reported",
    "escalation",
}


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(
        "groups.events._deliver", lambda event, audience: calls.append((event, audience))
    )
    return calls


@pytest.mark.django_db
def test_a_posted_message_goes_to_the_room_with_its_public_fields(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        ack = services.message_send(access=access, client_id=uuid.uuid4(), text="hello")
    [(event, audience)] = sent
    assert isinstance(event, MessagePosted) and audience == RoomAudience(member.group_id)
    frame = event.to_frame()
    assert set(frame) == {"type", "seq", "id", "author", "text", "at"}
    assert frame["seq"] == ack.seq and frame["author"] == {"pseudonym": "Willow", "role": "member"}
    # Only the pseudonym: nothing that identifies the person behind it.
    assert member.user.username not in repr(frame)


@pytest.mark.django_db
def test_presence_goes_to_the_room_with_pseudonyms_only(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        services.connection_open(access=access, channel_name="test.chan")
    [(event, audience)] = [(e, a) for e, a in sent if isinstance(e, PresenceChanged)]
    assert isinstance(event, PresenceChanged) and audience == RoomAudience(member.group_id)
    assert event.to_frame() == {
        "type": "presence",
        "here": [{"pseudonym": "Willow", "role": "member"}],
    }


@pytest.mark.django_db
def test_typing_goes_to_the_room(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        services.typing_notify(access=access)
    assert sent == [(Typing(pseudonym="Willow"), RoomAudience(member.group_id))]
    assert Typing(pseudonym="Willow").to_frame() == {"type": "typing", "pseudonym": "Willow"}


@pytest.mark.django_db(transaction=True)
def test_events_of_a_rolled_back_write_are_never_sent(sent: list[tuple[Any, Any]]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        send_event_on_commit(Typing(pseudonym="x"), RoomAudience(1))
        raise RuntimeError("roll back")
    assert sent == []


@pytest.mark.django_db(transaction=True)
async def test_audiences_reach_exactly_their_connections(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)

    def send(event: Any, audience: Any) -> None:
        send_event_on_commit(event, audience)

    await sync_to_async(send)(
        Typing(pseudonym="to-facilitators"), FacilitatorAudience(member.group_id)
    )
    assert (await fran.recv_type("typing"))["pseudonym"] == "to-facilitators"
    await sync_to_async(send)(Typing(pseudonym="to-alice"), MemberAudience(member.pk))
    assert (await alice.recv_type("typing"))["pseudonym"] == "to-alice"
    assert await bob.nothing()
    assert await fran.nothing()
    assert await alice.nothing()


def test_channel_group_names_are_distinct_per_audience() -> None:
    names = {
        RoomAudience(1).channel_group,
        FacilitatorAudience(1).channel_group,
        MemberAudience(1).channel_group,
    }
    assert len(names) == 3


@pytest.mark.django_db
def test_moderation_events_go_to_facilitators_and_the_card_to_the_author_alone(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    from groups.events import CrisisCard, FlagRaised, MessageHeld

    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            access=access,
            client_id=uuid.uuid4(),
            text="i have all the pills counted out on the desk and i am taking them tonight",
        )
    kinds = {type(event): audience for event, audience in sent}
    assert kinds[MessageHeld] == FacilitatorAudience(member.group_id)
    assert kinds[FlagRaised] == FacilitatorAudience(member.group_id)
    assert kinds[CrisisCard] == MemberAudience(member.pk)
    assert MessagePosted not in kinds  # held: the room hears nothing
    by_type = {type(event): event.to_frame() for event, _ in sent}
    held, flag = by_type[MessageHeld], by_type[FlagRaised]
    assert set(held) == {"type", "hold_id", "flag_id", "author", "text", "reason", "at", "status"}
    assert set(flag) == FLAG_KEYS
    # A held crisis message: its two queue items name each other.
    assert held["flag_id"] == flag["flag_id"] and flag["hold_id"] == held["hold_id"]
    assert flag["seq"] is None and held["status"] == "pending"
    assert set(by_type[CrisisCard]) == {"type", "resources", "note"}
    assert by_type[CrisisCard]["resources"], "the card is never empty"
