"""Facilitators' `moderate` actions over the socket (consumers/room.py): who may, and what
each does."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from groups.models import AuditEntry, Membership, Message, Session
from groups.models import Room as RoomRow
from moderation.models import Escalation, Flag, Hold, Note
from tests.conftest import OpenRoom, Room, certify, make_group, make_member

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = "text me on 07700 900123 after the session and we can talk more"
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
BENIGN = "thank you all for being here tonight"

ACTIONS = [
    "approve",
    "reject",
    "hide",
    "ack_flag",
    "resolve_flag",
    "ack_escalation",
    "mute",
    "unmute",
    "remove",
    "ban",
    "pause",
    "resume",
    "slow_mode",
    "end_session",
    "open_session",
    "escalate",
    "escalation_update",
    "send_crisis_card",
    "note",
    "readmit",
]
# Audit rows the acting facilitator writes: acknowledging or resolving the urgent flag also
# takes its still-open escalation (two rows); every other action writes one.
AUDIT_ROWS = {"ack_flag": 2, "resolve_flag": 2}


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
        "mute": {"pseudonym": "Willow", "minutes": 10},
        "unmute": {"pseudonym": "Willow"},
        "remove": {"pseudonym": "Willow"},
        "ban": {"pseudonym": "Willow"},
        "pause": {},
        "resume": {},
        "slow_mode": {"seconds": 30},
        "end_session": {},
        "open_session": {},
        "escalate": {"flag_id": t["flag"]},
        "escalation_update": {"escalation_id": t["escalation"], "state": "in_contact"},
        "send_crisis_card": {"pseudonym": "Willow"},
        "note": {"pseudonym": "Willow", "text": "seemed low tonight; check in next week"},
        "readmit": {"pseudonym": "Willow"},
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
    if action == "ack_escalation":
        return Escalation.objects.get(pk=t["escalation"]).state != "open"
    willow = Membership.objects.get(pseudonym="Willow")
    room = RoomRow.objects.get(group__slug="circle")
    return {
        "mute": lambda: willow.muted_until is not None,
        "unmute": lambda: willow.muted_until is None,
        "remove": lambda: AuditEntry.objects.filter(action="member_remove").exists(),
        "ban": lambda: willow.state == "banned",
        "pause": lambda: room.paused,
        "resume": lambda: not room.paused,
        "slow_mode": lambda: room.slow_mode_seconds == 30,
        "end_session": lambda: Session.objects.get(group__slug="circle").state == "closed",
        "open_session": lambda: Session.objects.filter(group__slug="circle", state="open").exists(),
        "escalate": lambda: AuditEntry.objects.filter(action="flag_escalate").exists(),
        "escalation_update": lambda: (
            Escalation.objects.get(pk=t["escalation"]).state == "in_contact"
        ),
        "send_crisis_card": lambda: AuditEntry.objects.filter(action="crisis_card_send").exists(),
        "note": lambda: Note.objects.filter(membership=willow).exists(),
        "readmit": lambda: willow.removed_from_session_id is None,
    }[action]()


def prepare(action: str) -> None:
    """Put the room in the state an action undoes (unmute needs a mute, resume a pause)."""
    from datetime import timedelta

    from django.utils import timezone

    if action == "unmute":
        Membership.objects.filter(pseudonym="Willow").update(
            muted_until=timezone.now() + timedelta(minutes=5)
        )
    if action == "resume":
        RoomRow.objects.filter(group__slug="circle").update(paused=True)
    if action == "open_session":
        Session.objects.filter(group__slug="circle").update(state="closed")
    if action == "escalation_update":
        Escalation.objects.update(state="acknowledged")
    if action == "readmit":
        Membership.objects.filter(pseudonym="Willow").update(
            removed_from_session=Session.objects.get(group__slug="circle", state="open")
        )


ROOM_ACTIONS = {"pause", "resume", "slow_mode", "end_session", "open_session"}

# Who acts, inside the room (those who cannot even enter are covered by room/test_connect.py).
ROLES = [
    "member",
    "muted_member",
    "banned_mid_session",
    "other_group_facilitator",
    "expired_facilitator",
    "facilitator",
]
EXPECTED = {
    "member": "forbidden",
    "muted_member": "forbidden",
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
        if role == "muted_member":
            from datetime import timedelta

            from django.utils import timezone

            m = make_member(group, "bob", pseudonym="River")
            Membership.objects.filter(pk=m.pk).update(
                muted_until=timezone.now() + timedelta(minutes=5)
            )
            return m
        if role == "banned_mid_session":
            m = make_member(group, "bob", pseudonym="River", role="facilitator")
            certify(m)
            return m
        if role == "other_group_facilitator":
            other = make_group("elsewhere")
            m = make_member(other, "olga", pseudonym="Olga", role="facilitator")
            certify(m)
            return m
        m = make_member(group, "fran", pseudonym="Fran", role="facilitator")
        certify(m)
        return m

    actor = await sync_to_async(actor_for)(role)
    room = await open_room(actor)
    await sync_to_async(prepare)(action)
    if role == "banned_mid_session":
        await sync_to_async(Membership.objects.filter(pk=actor.pk).update)(state="banned")
    if role == "expired_facilitator":
        # It runs out while they are connected (a date passing sends nothing): every
        # action re-checks it. (Connecting without one is refused: test_revocation.py.)
        from datetime import timedelta

        from django.utils import timezone

        from groups.models import Certification

        yesterday = timezone.now().date() - timedelta(days=1)
        await sync_to_async(Certification.objects.filter(user=actor.user).update)(
            expires_on=yesterday
        )
    await room.send(frame_for(action, t))
    expected = EXPECTED[role]
    if role == "other_group_facilitator" and action in ROOM_ACTIONS:
        # Room actions carry no target: they act on the sender's own room, never this one.
        while not await room.comm.receive_nothing(timeout=0.3):
            room.pending.append(await room.recv())
        assert not any(f["type"] == "error" for f in room.pending)
        assert not await sync_to_async(changed)(action, t)
        return
    if expected == "done":
        # No reply frame is owed: the effect is what counts (the action runs asynchronously).
        for _ in range(40):
            if await sync_to_async(changed)(action, t):
                break
            await room.comm.receive_nothing(timeout=0.05)
        assert await sync_to_async(changed)(action, t)
        while not await room.comm.receive_nothing(timeout=0.2):
            room.pending.append(await room.recv())
        assert not any(f["type"] == "error" for f in room.pending)
        audited = await sync_to_async(AuditEntry.objects.filter(actor=actor.user).count)()
        assert audited == AUDIT_ROWS.get(action, 1)
    else:
        error = await room.recv_type("error")
        assert error["code"] == expected
        assert not await sync_to_async(changed)(action, t)
        assert await sync_to_async(AuditEntry.objects.filter(actor=actor.user).count)() == 0


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
    ack = await alice.post(CONTACT)
    held = await fran.recv_type("held")
    await fran.send(
        {
            "type": "moderate",
            "action": "reject",
            "hold_id": held["hold_id"],
            "reason": "Please keep contact details out of the room.",
        }
    )
    decided = await alice.recv_type("pending_decided")
    assert decided["hold_id"] == held["hold_id"] and decided["client_id"] == ack["client_id"]
    assert decided["status"] == "rejected" and decided["seq"] is None
    assert "not a judgement" in decided["reason"]
    assert "Please keep contact details out of the room." in decided["reason"]
    assert (await fran.recv_type("hold_decided"))["status"] == "rejected"
    assert await bob.nothing()
    assert (await sync_to_async(Message.objects.get)()).state == "rejected"
    # The facilitator's words are in the hold's history, never in the audit log.
    entry = await sync_to_async(AuditEntry.objects.get)(action="hold_rejected")
    assert entry.detail == {"with_reason": True}


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
    from moderation.services.escalations import escalations_page_due

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


async def test_a_mute_survives_reconnects_and_ends_by_itself(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "mute", "pseudonym": "Willow", "minutes": 5})
    assert (await alice.recv_type("notice"))["code"] == "muted"
    await alice.close()
    alice = await open_room(member)
    await alice.send(
        {"type": "send", "client_id": "7d3c1a1e-8a5e-4d8e-9f0e-1b2c3d4e5f60", "text": BENIGN}
    )
    assert (await alice.recv_type("error"))["code"] == "muted"
    # Five minutes later (moved back in time rather than waited for).
    await sync_to_async(Membership.objects.filter(pk=member.pk).update)(
        muted_until=timezone.now() - timedelta(seconds=1)
    )
    assert (await alice.post(BENIGN))["status"] == "posted"


async def test_a_ban_closes_the_members_sockets_and_refuses_reentry(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from tests.conftest import communicator_for

    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "ban", "pseudonym": "Willow"})
    assert (await alice.recv_type("notice"))["code"] == "banned"
    closed = await alice.comm.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}
    comm = await sync_to_async(communicator_for)(member.user, "circle")
    connected, _ = await comm.connect()
    assert connected and (await comm.receive_output())["code"] == 4403


async def test_remove_closes_the_socket_but_not_the_membership(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "remove", "pseudonym": "Willow"})
    assert (await alice.recv_type("notice"))["code"] == "removed"
    assert (await alice.comm.receive_output(timeout=3))["code"] == 4000
    assert (await sync_to_async(Membership.objects.get)(pk=member.pk)).state == "active"


async def test_pause_and_slow_mode_hold_members_back_but_not_facilitators(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "pause"})
    assert (await alice.recv_type("notice"))["code"] == "room_paused"
    await alice.send(
        {"type": "send", "client_id": "0f8e2d5c-3b7a-4c1d-8e9f-a0b1c2d3e4f5", "text": BENIGN}
    )
    assert (await alice.recv_type("error"))["code"] == "muted"
    assert (await fran.post("a moment of quiet, everyone"))["status"] == "posted"
    await fran.send({"type": "moderate", "action": "slow_mode", "seconds": 60})
    assert (await alice.recv_type("notice"))["code"] == "room_slow_mode"
    assert (await alice.post(BENIGN))["status"] == "posted"
    await alice.send(
        {"type": "send", "client_id": "1a2b3c4d-5e6f-4a8b-9c0d-e1f2a3b4c5d6", "text": "again"}
    )
    assert (await alice.recv_type("error"))["code"] == "rate_limited"


async def test_ending_the_session_closes_the_room_to_posts(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "end_session"})
    assert (await alice.recv_type("notice"))["code"] == "session_ended"
    await alice.send(
        {"type": "send", "client_id": "2b3c4d5e-6f7a-4b8c-9d0e-f1a2b3c4d5e6", "text": BENIGN}
    )
    assert (await alice.recv_type("error"))["code"] == "session_closed"


@pytest.mark.parametrize(
    ("kind", "category", "severity"),
    [
        ("worried", "crisis", "concern"),
        ("abuse", "harassment", None),
        ("boundary", "boundary", None),
    ],
)
async def test_a_report_becomes_a_flag_for_the_facilitators(
    kind: str,
    category: str,
    severity: str | None,
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    facilitator: Membership,
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    ack = await alice.post(BENIGN)
    for room in (alice, bob, fran):
        await room.recv_type("message")
    await bob.send({"type": "report", "seq": ack["seq"], "kind": kind})
    flag = await fran.recv_type("flag")
    assert (flag["seq"], flag["category"], flag["severity"]) == (ack["seq"], category, severity)
    # Reporting twice changes nothing; the author is never told who reported.
    await bob.send({"type": "report", "seq": ack["seq"], "kind": kind})
    assert await fran.nothing()
    assert await alice.nothing()


async def test_reporting_a_missing_message_is_not_found(
    open_room: OpenRoom, member: Membership
) -> None:
    alice = await open_room(member)
    await alice.send({"type": "report", "seq": 99, "kind": "abuse"})
    assert (await alice.recv_type("error"))["code"] == "not_found"


async def test_an_escalation_is_worked_to_closed_with_every_step_recorded(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(BENIGN)
    await alice.send({"type": "report", "seq": 1, "kind": "worried"})
    # (a second member could report too; here the author's own post is reported by them)
    flag = await fran.recv_type("flag")
    await fran.send({"type": "moderate", "action": "escalate", "flag_id": flag["flag_id"]})
    opened = await fran.recv_type("escalation")
    eid = opened["escalation_id"]
    await fran.send({"type": "moderate", "action": "ack_escalation", "escalation_id": eid})
    states = [(await fran.recv_type("escalation"))["state"]]
    for state in ("in_contact", "handed_off", "closed"):
        await fran.send(
            {
                "type": "moderate",
                "action": "escalation_update",
                "escalation_id": eid,
                "state": state,
                "note": "n",
            }
        )
        states.append((await fran.recv_type("escalation"))["state"])
    assert states == ["acknowledged", "in_contact", "handed_off", "closed"]
    stored = await sync_to_async(Escalation.objects.get)(pk=eid)
    steps = await sync_to_async(
        lambda: list(stored.transitions.order_by("pk").values_list("to_state", "actor"))
    )()
    assert [s for s, _ in steps] == ["open", "acknowledged", "in_contact", "handed_off", "closed"]
    assert all(actor == facilitator.user_id for _, actor in steps[1:])
    audited = await sync_to_async(
        lambda: list(
            AuditEntry.objects.filter(target_type="escalation", target_id=str(eid))
            .order_by("pk")
            .values_list("action", flat=True)
        )
    )()
    assert audited == [
        "escalation_open",
        "escalation_acknowledged",
        "escalation_in_contact",
        "escalation_handed_off",
        "escalation_closed",
    ]
    # A closed escalation cannot be reopened by a later update.
    await fran.send(
        {
            "type": "moderate",
            "action": "escalation_update",
            "escalation_id": eid,
            "state": "in_contact",
        }
    )
    assert (await fran.recv_type("error"))["code"] == "invalid"


def test_the_matrix_covers_every_action_the_server_accepts() -> None:
    from consumers.protocol import KNOWN_ACTIONS

    assert set(ACTIONS) == KNOWN_ACTIONS


OUTSIDE_ROLES = {"anonymous": 4401, "outsider": 4403, "banned": 4403}


@pytest.mark.parametrize("role", sorted(OUTSIDE_ROLES))
@pytest.mark.parametrize("action", ACTIONS)
async def test_authorisation_matrix_outside_the_room(
    action: str, role: str, open_room: OpenRoom, member: Membership, group: Any
) -> None:
    """The matrix's other cells: these callers never get a socket to send the action on."""
    from django.contrib.auth.models import User

    from tests.conftest import communicator_for

    alice = await open_room(member)
    t = await targets(alice)

    def caller() -> User | None:
        if role == "anonymous":
            return None
        if role == "outsider":
            return User.objects.create_user("stranger", password="pw")
        banned = make_member(group, "exiled", pseudonym="Exiled")
        Membership.objects.filter(pk=banned.pk).update(state="banned")
        return banned.user

    user = await sync_to_async(caller)()
    await sync_to_async(prepare)(action)
    comm = await sync_to_async(communicator_for)(user, "circle")
    connected, _ = await comm.connect()
    assert connected
    assert await comm.receive_output() == {"type": "websocket.close", "code": OUTSIDE_ROLES[role]}
    assert not await sync_to_async(changed)(action, t)
