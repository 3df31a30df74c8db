"""Facilitators' `moderate` actions over the socket: who may, and what each does."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from groups.models import AuditEntry, Membership, Message
from moderation.models import Escalation, Flag, Hold
from tests.conftest import OpenRoom, Room, certify, make_group, make_member

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = "text me on 07700 900123 after the session and we can talk more"
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
BENIGN = "thank you all for being here tonight"

ACTIONS = ["approve", "reject", "hide", "ack_flag", "resolve_flag", "ack_escalation"]


async def targets(alice: Room) -> dict[str, Any]:
    """A held message, a posted message, a flag and an escalation to act on."""
    await alice.post(CONTACT)
    posted = await alice.post(BENIGN)
    await alice.post(URGENT)
    hold = await sync_to_async(Hold.objects.get)()
    flag = await sync_to_async(Flag.objects.get)()
    escalation = await sync_to_async(Escalation.objects.get)()
    return {"hold": hold.pk, "seq": posted["seq"], "flag": flag.pk, "escalation": escalation.pk}


def frame_for(action: str, t: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "approve": {"hold_id": t["hold"]},
        "reject": {"hold_id": t["hold"]},
        "hide": {"seq": t["seq"], "reason": "off topic"},
        "ack_flag": {"flag_id": t["flag"]},
        "resolve_flag": {"flag_id": t["flag"]},
        "ack_escalation": {"escalation_id": t["escalation"]},
    }[action]
    return {"type": "moderate", "action": action, **fields}


def changed(action: str, t: dict[str, Any]) -> bool:
    """Whether ``action`` took effect on its target."""
    if action in ("approve", "reject"):
        return Hold.objects.get(pk=t["hold"]).status != "pending"
    if action == "hide":
        return Message.objects.get(seq=t["seq"]).state == "hidden"
    if action in ("ack_flag", "resolve_flag"):
        return Flag.objects.get(pk=t["flag"]).status != "open"
    return Escalation.objects.get(pk=t["escalation"]).state != "open"


# Who acts, inside the room (those who cannot even enter are covered by test_refusals).
ROLES = [
    "member",
    "banned_mid_session",
    "other_group_facilitator",
    "expired_facilitator",
    "facilitator",
]
EXPECTED = {
    "member": "forbidden",
    "banned_mid_session": "forbidden",
    "other_group_facilitator": "not_found",
    "expired_facilitator": "forbidden",
    "facilitator": "done",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
async def test_authorisation_matrix(
    action: str, role: str, open_room: OpenRoom, member: Membership, group: Any
) -> None:
    alice = await open_room(member)
    t = await targets(alice)

    def actor_for(role: str) -> Membership:
        if role == "member":
            return make_member(group, "bob", pseudonym="River")
        if role == "banned_mid_session":
            return make_member(group, "bob", pseudonym="River", role="facilitator")
        if role == "other_group_facilitator":
            other = make_group("elsewhere")
            m = make_member(other, "olga", pseudonym="Olga", role="facilitator")
            certify(m)
            return m
        m = make_member(group, "fran", pseudonym="Fran", role="facilitator")
        certify(m, days=-1 if role == "expired_facilitator" else 365)
        return m

    actor = await sync_to_async(actor_for)(role)
    room = await open_room(actor)
    if role == "banned_mid_session":
        await sync_to_async(Membership.objects.filter(pk=actor.pk).update)(state="banned")
    await room.send(frame_for(action, t))
    if EXPECTED[role] == "done":
        # No reply frame is owed: the effect is what counts (the action runs asynchronously).
        for _ in range(40):
            if await sync_to_async(changed)(action, t):
                break
            await room.comm.receive_nothing(timeout=0.05)
        assert await sync_to_async(changed)(action, t)
        while not await room.comm.receive_nothing(timeout=0.2):
            room.pending.append(await room.recv())
        assert not any(f["type"] == "error" for f in room.pending)
        assert await sync_to_async(AuditEntry.objects.filter(actor=actor.user).count)() == 1
    else:
        error = await room.recv_type("error")
        assert error["code"] == EXPECTED[role]
        assert not await sync_to_async(changed)(action, t)
        assert await sync_to_async(AuditEntry.objects.count)() == 0


async def test_approve_posts_the_held_message_with_the_next_seq(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    await alice.post(CONTACT)
    held = await fran.recv_type("held")
    first = await alice.post(BENIGN)
    await fran.send({"type": "moderate", "action": "approve", "hold_id": held["hold_id"]})
    assert (await fran.recv_type("hold_decided"))["status"] == "approved"
    for room in (alice, bob, fran):
        assert (await room.recv_type("message"))["seq"] == first["seq"]
        approved = await room.recv_type("message")
        assert approved["text"] == CONTACT and approved["seq"] == first["seq"] + 1


async def test_reject_tells_the_author_privately_and_no_one_else(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    await alice.post(CONTACT)
    held = await fran.recv_type("held")
    await fran.send({"type": "moderate", "action": "reject", "hold_id": held["hold_id"]})
    notice = await alice.recv_type("notice")
    assert notice["code"] == "message_rejected" and "not a judgement" in notice["text"]
    assert await bob.nothing()
    assert (await sync_to_async(Message.objects.get)()).state == "rejected"


async def test_hidden_messages_leave_the_room_and_every_later_sync(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    ack = await alice.post(BENIGN)
    await alice.post("second")
    await fran.send({"type": "moderate", "action": "hide", "seq": ack["seq"], "reason": "x"})
    for room in (alice, bob, fran):
        assert (await room.recv_type("message_hidden"))["seq"] == ack["seq"]
    late = await open_room(
        await sync_to_async(make_member)(member.group, "carl", pseudonym="Heron"), sync=False
    )
    messages = await late.sync_all(0)
    assert [m["text"] for m in messages] == ["second"]


async def test_a_late_facilitator_sees_the_queue_as_it_stands(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    await alice.post(CONTACT)
    await alice.post(URGENT)
    fran = await open_room(facilitator, sync=False)
    held = await fran.recv_type("held")
    flag = await fran.recv_type("flag")
    escalation = await fran.recv_type("escalation")
    assert (
        held["text"] == CONTACT and flag["severity"] == "urgent" and escalation["state"] == "open"
    )


async def test_members_never_get_the_queue(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    await alice.post(CONTACT)
    bob = await open_room(other_member, sync=False)
    assert await bob.nothing()


async def test_acknowledging_an_escalation_in_the_room_stops_the_page(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from moderation.escalations import escalations_page_due

    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    escalation = await fran.recv_type("escalation")
    await fran.send(
        {
            "type": "moderate",
            "action": "ack_escalation",
            "escalation_id": escalation["escalation_id"],
        }
    )
    assert (await fran.recv_type("escalation"))["state"] == "acknowledged"
    stored = await sync_to_async(Escalation.objects.get)()
    from datetime import timedelta

    assert (
        await sync_to_async(escalations_page_due)(now=stored.ack_deadline + timedelta(seconds=1))
        == 0
    )


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "moderate", "action": "explode"},
        {"type": "moderate", "action": "approve"},
        {"type": "moderate", "action": "approve", "hold_id": "1"},
        {"type": "moderate", "action": "hide", "seq": 1, "reason": "x" * 501},
        {"type": "moderate"},
    ],
)
async def test_malformed_moderation_is_invalid_for_facilitators_forbidden_for_members(
    frame: dict[str, Any], open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    fran = await open_room(facilitator)
    alice = await open_room(member)
    await fran.send(frame)
    assert (await fran.recv_type("error"))["code"] == "invalid"
    await alice.send(frame)
    expected = "invalid" if "action" not in frame else "forbidden"
    assert (await alice.recv_type("error"))["code"] == expected
