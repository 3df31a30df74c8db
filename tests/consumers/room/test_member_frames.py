"""The member's side of the console protocol over the socket: delete, the report
confirmation, pending messages across reconnects, the welcome's room state, arrival notices
and a removal that keeps someone out of the session."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from groups.models import AuditEntry, Membership, Message, Session
from tests.conftest import OpenRoom, certify, communicator_for, make_member

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = "text me on 07700 900123 after the session and we can talk more"
BENIGN = "thank you all for being here tonight"


async def test_an_author_deletes_their_message_for_everyone(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    ack = await alice.post("I should not have said that")
    await alice.post(BENIGN)
    await alice.send({"type": "delete", "seq": ack["seq"]})
    for room in (alice, bob, fran):
        hidden = await room.recv_type("message_hidden")
        assert hidden == {"type": "message_hidden", "seq": ack["seq"], "reason": "deleted"}
    stored = await sync_to_async(Message.objects.get)(seq=ack["seq"])
    assert stored.state == "deleted"
    entry = await sync_to_async(AuditEntry.objects.get)(action="message_delete")
    assert entry.actor_id == member.user_id and "said" not in repr(entry.detail)
    # A reload (a new connection syncing from the start) never sees it again.
    await alice.close()
    again = await open_room(member, sync=False)
    assert [m["text"] for m in await again.sync_all(0)] == [BENIGN]


async def test_deleting_is_only_for_ones_own_posted_messages(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    ack = await alice.post(BENIGN)
    await bob.send({"type": "delete", "seq": ack["seq"]})
    assert (await bob.recv_type("error"))["code"] == "forbidden"
    await bob.send({"type": "delete", "seq": 99})
    assert (await bob.recv_type("error"))["code"] == "not_found"
    assert (await sync_to_async(Message.objects.get)(seq=ack["seq"])).state == "posted"


async def test_a_facilitators_hide_says_hidden(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    ack = await alice.post(BENIGN)
    await fran.send({"type": "moderate", "action": "hide", "seq": ack["seq"], "reason": "x"})
    assert (await alice.recv_type("message_hidden"))["reason"] == "hidden"


async def test_the_reporter_alone_is_told_the_report_arrived_every_time(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    fran = await open_room(facilitator)
    ack = await alice.post(BENIGN)
    for _ in range(2):
        await bob.send({"type": "report", "seq": ack["seq"], "kind": "worried"})
        reported = await bob.recv_type("reported")
        assert reported == {"type": "reported", "seq": ack["seq"], "kind": "worried"}
    flag = await fran.recv_type("flag")
    assert flag["reported"] == ["worried"] and flag["pseudonym"] == "Willow"
    await alice.recv_type("message")
    assert await alice.nothing()


async def test_a_held_message_stays_pending_for_its_author_across_reconnects(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    ack = await alice.post(CONTACT)
    assert ack["status"] == "held"
    await alice.close()
    alice = await open_room(member, sync=False)
    pending = await alice.recv_type("pending")
    assert pending["client_id"] == ack["client_id"] and pending["text"] == CONTACT
    assert pending["reason"] == ack["reason"]
    # Nobody else is told of it.
    bob = await open_room(other_member)
    assert await bob.nothing()
    fran = await open_room(facilitator)
    held = await fran.recv_type("held")
    assert held["hold_id"] == pending["hold_id"]
    await fran.send({"type": "moderate", "action": "approve", "hold_id": held["hold_id"]})
    decided = await alice.recv_type("pending_decided")
    message = await bob.recv_type("message")
    assert decided == {
        "type": "pending_decided",
        "hold_id": held["hold_id"],
        "client_id": ack["client_id"],
        "status": "posted",
        "seq": message["seq"],
        "reason": None,
    }
    await alice.close()
    alice = await open_room(member, sync=False)
    assert not any(f["type"] == "pending" for f in alice.pending)
    assert await alice.nothing()


async def test_a_mute_is_in_the_notice_and_the_welcome(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "mute", "pseudonym": "Willow", "minutes": 5})
    notice = await alice.recv_type("notice")
    assert notice["code"] == "muted" and notice["until"] is not None
    stored = await sync_to_async(Membership.objects.get)(pk=member.pk)
    assert stored.muted_until is not None and notice["until"] == stored.muted_until.isoformat()
    await alice.close()
    alice = await open_room(member)
    assert alice.welcome["you"]["muted_until"] == notice["until"]
    assert alice.welcome["room"]["facilitator_present"] is True


async def test_the_first_facilitator_to_arrive_is_announced_to_the_room(
    open_room: OpenRoom, member: Membership, facilitator: Membership, group: object
) -> None:
    alice = await open_room(member)
    await open_room(facilitator)
    here = [f for f in alice.pending if f.get("code") == "facilitator_here"]
    while not here and not await alice.comm.receive_nothing(timeout=0.5):
        frame = await alice.recv()
        if frame.get("code") == "facilitator_here":
            here.append(frame)
    assert here == [
        {
            "type": "notice",
            "code": "facilitator_here",
            "text": "A facilitator is here.",
            "until": None,
        }
    ]
    # A second facilitator is not news.
    sam = await sync_to_async(make_member)(
        member.group, "sam", pseudonym="Facilitator Sam", role="facilitator"
    )
    await sync_to_async(certify)(sam)
    await open_room(sam)
    while not await alice.comm.receive_nothing(timeout=0.3):
        assert (await alice.recv()).get("code") != "facilitator_here"


async def test_no_facilitator_here_notice_outside_a_session(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    await sync_to_async(Session.objects.update)(state="closed")
    alice = await open_room(member, sync=False)
    await open_room(facilitator, sync=False)
    while not await alice.comm.receive_nothing(timeout=0.3):
        assert (await alice.recv()).get("code") != "facilitator_here"


async def refused(membership: Membership) -> bool:
    comm = await sync_to_async(communicator_for)(membership.user, "circle")
    connected, _ = await comm.connect()
    assert connected
    first = await comm.receive_output(timeout=3)
    if first.get("type") == "websocket.close":
        return bool(first["code"] == 4403)
    await comm.disconnect()
    return False


async def test_a_removed_member_stays_out_until_readmitted(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "remove", "pseudonym": "Willow"})
    assert (await alice.recv_type("notice"))["code"] == "removed"
    assert (await alice.comm.receive_output(timeout=3))["code"] == 4000
    assert await refused(member)
    entry = await sync_to_async(AuditEntry.objects.get)(action="member_remove")
    assert entry.detail["session"] is not None
    await fran.send({"type": "moderate", "action": "readmit", "pseudonym": "Willow"})
    readmitted = await fran.recv_type("notice")
    assert readmitted["code"] == "readmitted" and "Willow" in readmitted["text"]
    assert await sync_to_async(AuditEntry.objects.filter(action="member_readmit").exists)()
    assert not await refused(member)
    # Readmitting someone who is not removed is refused.
    await fran.send({"type": "moderate", "action": "readmit", "pseudonym": "Willow"})
    assert (await fran.recv_type("error"))["code"] == "invalid"


async def test_a_removal_ends_with_its_session(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "remove", "pseudonym": "Willow"})
    assert (await alice.recv_type("notice"))["code"] == "removed"
    assert await refused(member)
    await fran.send({"type": "moderate", "action": "end_session"})
    await fran.recv_type("notice")
    assert not await refused(member)
    # And the next session is open to them.
    await fran.send({"type": "moderate", "action": "open_session"})
    await fran.recv_type("notice")
    assert not await refused(member)
