"""The facilitator's console over the socket: the queue frames (live and replayed alike),
acknowledging an urgent flag, resolved flags, the crisis card by hand and private notes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from groups.models import AuditEntry, Membership
from moderation.models import CoordinatorPage, Escalation, Note
from tests.conftest import OpenRoom, Room, certify, make_group, make_member

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = "text me on 07700 900123 after the session and we can talk more"
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
BENIGN = "thank you all for being here tonight"
QUEUE_TYPES = {"held", "flag", "escalation", "note"}


async def drain(room: Room, timeout: float = 0.3) -> list[dict[str, Any]]:
    """Every frame pending or arriving until the socket goes quiet."""
    frames, room.pending = room.pending, []
    while not await room.comm.receive_nothing(timeout=timeout):
        frames.append(await room.recv())
    return frames


def latest_by_item(frames: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The last frame of each queue item, keyed by its type and id."""
    ids = {"held": "hold_id", "flag": "flag_id", "escalation": "escalation_id", "note": "note_id"}
    return {(f["type"], f[ids[f["type"]]]): f for f in frames if f["type"] in QUEUE_TYPES}


async def test_the_replay_on_connect_is_exactly_the_live_frames(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    await alice.post(CONTACT)
    await alice.post(URGENT)
    posted = await alice.post(BENIGN)
    await bob.send({"type": "report", "seq": posted["seq"], "kind": "boundary"})
    await bob.recv_type("reported")
    await fran.send(
        {"type": "moderate", "action": "note", "pseudonym": "Willow", "text": "check in later"}
    )
    live = latest_by_item(await drain(fran))
    assert {kind for kind, _ in live} == QUEUE_TYPES
    sam = await sync_to_async(make_member)(
        member.group, "sam", pseudonym="Facilitator Sam", role="facilitator"
    )
    await sync_to_async(certify)(sam)
    late = await open_room(sam, sync=False)
    replay = [f for f in await drain(late) if f["type"] in QUEUE_TYPES]
    assert latest_by_item(replay) == live
    # Holds first, then flags, escalations and notes.
    order = [f["type"] for f in replay]
    assert order == sorted(order, key=["held", "flag", "escalation", "note"].index)
    # Members never get the queue.
    assert not any(f["type"] in QUEUE_TYPES for f in await drain(bob))


async def test_the_flag_frame_carries_what_the_console_shows(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    flag = await fran.recv_type("flag")
    escalation = await sync_to_async(Escalation.objects.get)()
    assert flag["pseudonym"] == "Willow" and flag["text"] == URGENT
    assert flag["severity"] == "urgent" and flag["reported"] == []
    assert flag["escalation"] == {
        "escalation_id": escalation.pk,
        "state": "open",
        "ack_deadline": escalation.ack_deadline.isoformat(),
        "paged_at": None,
    }


async def test_a_long_message_is_cut_to_an_excerpt_in_the_flag(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    long_text = URGENT + " " + "and I keep thinking about it " * 30
    await alice.post(long_text)
    flag = await fran.recv_type("flag")
    assert flag["text"] == long_text[:280] + "…"


async def test_acknowledging_an_urgent_flag_takes_its_escalation_and_stops_the_page(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from moderation.services.escalations import escalations_page_due

    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    flag = await fran.recv_type("flag")
    await fran.send({"type": "moderate", "action": "ack_flag", "flag_id": flag["flag_id"]})
    escalation = await fran.recv_type("escalation")
    while escalation["state"] == "open":
        escalation = await fran.recv_type("escalation")
    assert escalation["state"] == "acknowledged"
    acked = await fran.recv_type("flag")
    assert acked["escalation"]["state"] == "acknowledged"
    stored = await sync_to_async(Escalation.objects.get)()
    later = stored.ack_deadline + timedelta(seconds=1)
    assert await sync_to_async(escalations_page_due)(now=later) == 0
    assert not await sync_to_async(CoordinatorPage.objects.exists)()
    actions = await sync_to_async(
        lambda: set(
            AuditEntry.objects.filter(actor=facilitator.user).values_list("action", flat=True)
        )
    )()
    assert actions == {"flag_acknowledged", "escalation_acknowledged"}


async def test_a_resolved_flag_is_final(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    flag = await fran.recv_type("flag")
    await fran.send({"type": "moderate", "action": "resolve_flag", "flag_id": flag["flag_id"]})
    resolved = await fran.recv_type("flag")
    while resolved["status"] != "resolved":
        resolved = await fran.recv_type("flag")
    await fran.send({"type": "moderate", "action": "ack_flag", "flag_id": flag["flag_id"]})
    assert (await fran.recv_type("error"))["code"] == "invalid"
    # Resolving again changes nothing and is not an error; resolved flags leave the queue.
    await fran.send({"type": "moderate", "action": "resolve_flag", "flag_id": flag["flag_id"]})
    await fran.close()
    again = await open_room(facilitator, sync=False)
    assert not any(f["type"] == "flag" for f in await drain(again))


async def test_a_facilitator_sends_a_member_the_crisis_card(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "send_crisis_card", "pseudonym": "Willow"})
    card = await alice.recv_type("crisis_resources")
    assert card["resources"] and "free and confidential" in card["note"]
    assert (await fran.recv_type("notice"))["code"] == "crisis_card_sent"
    assert not any(f["type"] == "crisis_resources" for f in await drain(bob))
    entry = await sync_to_async(AuditEntry.objects.get)(action="crisis_card_send")
    assert entry.actor_id == facilitator.user_id and entry.target_id == str(member.pk)
    await fran.send({"type": "moderate", "action": "send_crisis_card", "pseudonym": "Nobody"})
    assert (await fran.recv_type("error"))["code"] == "not_found"


async def test_a_note_on_a_member_reaches_the_facilitators_alone(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    text = "mentioned a hard anniversary coming up"
    await fran.send({"type": "moderate", "action": "note", "pseudonym": "Willow", "text": text})
    note = await fran.recv_type("note")
    stored = await sync_to_async(Note.objects.get)()
    assert note == {
        "type": "note",
        "note_id": stored.pk,
        "pseudonym": "Willow",
        "escalation_id": None,
        "text": text,
        "by": "Facilitator Fran",
        "at": stored.created_at.isoformat(),
    }
    assert not any(f["type"] == "note" for f in await drain(alice))
    entry = await sync_to_async(AuditEntry.objects.get)(action="note_add")
    assert entry.detail == {"about": "membership"} and "anniversary" not in repr(entry.detail)


async def test_a_note_on_an_escalation(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    escalation = await fran.recv_type("escalation")
    eid = escalation["escalation_id"]
    await fran.send(
        {"type": "moderate", "action": "note", "escalation_id": eid, "text": "phoned together"}
    )
    note = await fran.recv_type("note")
    assert note["escalation_id"] == eid and note["pseudonym"] is None


async def test_notes_refuse_targets_of_another_group(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    def elsewhere() -> int:
        other = make_group("elsewhere")
        olga = make_member(other, "olga", pseudonym="Olga")
        from groups.models import Message
        from moderation.models import Escalation, Flag

        message = Message.objects.create(
            room=other.room,
            author=olga,
            author_pseudonym="Olga",
            author_role="member",
            client_id="7d3c1a1e-8a5e-4d8e-9f0e-1b2c3d4e5f60",
            text="x",
            created_at=olga.joined_at,
        )
        flag = Flag.objects.create(
            message=message, group=other, category="crisis", created_at=olga.joined_at
        )
        return Escalation.objects.create(
            flag=flag, group=other, opened_at=olga.joined_at, ack_deadline=olga.joined_at
        ).pk

    eid = await sync_to_async(elsewhere)()
    fran = await open_room(facilitator)
    for about in ({"pseudonym": "Olga"}, {"escalation_id": eid}):
        await fran.send({"type": "moderate", "action": "note", "text": "t", **about})
        assert (await fran.recv_type("error"))["code"] == "not_found"
    assert not await sync_to_async(Note.objects.exists)()
