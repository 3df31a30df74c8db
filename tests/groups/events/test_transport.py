"""Sending events (groups/events/transport.py): never for a write that rolled back, and each
audience reaches exactly its connections."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from groups.events.audiences import FacilitatorAudience, MemberAudience, RoomAudience
from groups.events.notices import Readmitted
from groups.events.transport import send_event_on_commit
from groups.events.types import CrisisCard, Typing
from groups.models import Membership
from tests.conftest import OpenRoom


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(
        "groups.events.transport._deliver",
        lambda event, audience, _message: calls.append((event, audience)),
    )
    return calls


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
        Readmitted(pseudonym="to-facilitators"), FacilitatorAudience(member.group_id)
    )
    assert "to-facilitators" in (await fran.recv_type("notice"))["text"]
    await sync_to_async(send)(CrisisCard(resources=(), note="to-alice"), MemberAudience(member.pk))
    assert (await alice.recv_type("crisis_resources"))["note"] == "to-alice"
    assert await bob.nothing()
    assert await fran.nothing()
    assert await alice.nothing()
