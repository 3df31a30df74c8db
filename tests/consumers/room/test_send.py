"""Sending over the room's socket (consumers/room.py, ``send``) end to end inside one process:
acked and broadcast in seq order, once per client id, and refused with an error that
keeps the connection."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from asgiref.sync import sync_to_async

from groups.models import Membership, Message
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


async def test_send_is_acked_and_broadcast_to_everyone_in_seq_order(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    ack = await alice.post("first")
    assert ack["status"] == "posted" and ack["seq"] == 1 and ack["reason"] is None
    await alice.post("second")
    for room in (alice, bob):
        first = await room.recv_type("message")
        second = await room.recv_type("message")
        assert [first["seq"], second["seq"]] == [1, 2]
        assert first["text"] == "first"
        assert first["author"] == {"pseudonym": "Willow", "role": "member"}


async def test_resend_of_a_client_id_returns_the_same_ack_and_posts_once(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    client_id = str(uuid.uuid4())
    first = await alice.post("only once", client_id)
    again = await alice.post("only once", client_id)
    assert first == again
    assert (await bob.recv_type("message"))["seq"] == first["seq"]
    assert await bob.nothing()
    assert await sync_to_async(Message.objects.count)() == 1


async def test_rate_limit_answers_an_error_and_keeps_the_connection(
    open_room: OpenRoom, member: Membership, settings: object
) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 3  # type: ignore[attr-defined]
    room = await open_room(member)
    for i in range(3):
        assert (await room.post(f"m{i}"))["status"] == "posted"
    client_id = str(uuid.uuid4())
    await room.send({"type": "send", "client_id": client_id, "text": "one too many"})
    error = await room.recv_type("error")
    assert error["code"] == "rate_limited" and error["client_id"] == client_id
    _, synced = await room.sync(0)
    assert synced["last_seq"] == 3


async def test_sending_when_no_session_is_open_is_refused(
    open_room: OpenRoom, member: Membership
) -> None:
    from groups.models import Session

    await sync_to_async(Session.objects.update)(state=Session.State.CLOSED)
    room = await open_room(member)
    await room.send({"type": "send", "client_id": str(uuid.uuid4()), "text": "hello?"})
    assert (await room.recv_type("error"))["code"] == "session_closed"


async def test_a_member_banned_mid_session_cannot_post(
    open_room: OpenRoom, member: Membership
) -> None:
    room = await open_room(member)
    await sync_to_async(Membership.objects.filter(pk=member.pk).update)(state="banned")
    await room.send({"type": "send", "client_id": str(uuid.uuid4()), "text": "still here?"})
    assert (await room.recv_type("error"))["code"] == "forbidden"


async def test_concurrent_senders_get_distinct_gapless_seqs(
    open_room: OpenRoom, member: Membership, other_member: Membership, settings: object
) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 100  # type: ignore[attr-defined]
    alice = await open_room(member)
    bob = await open_room(other_member)

    async def burst(room: object, who: str) -> list[int]:
        acks = []
        for i in range(15):
            acks.append((await room.post(f"{who} {i}"))["seq"])  # type: ignore[attr-defined]
        return acks

    seqs_a, seqs_b = await asyncio.gather(burst(alice, "a"), burst(bob, "b"))
    assert sorted(seqs_a + seqs_b) == list(range(1, 31))
    received = [(await alice.recv_type("message"))["seq"] for _ in range(30)]
    assert received == list(range(1, 31))


@pytest.fixture
def held_sends(monkeypatch: pytest.MonkeyPatch, member: Membership) -> asyncio.Event:
    """``member``'s sends wait (as if for a busy database) until the event is set."""
    from consumers.room import RoomConsumer

    release = asyncio.Event()
    real = RoomConsumer.handle_send

    async def held(self: RoomConsumer, command: object) -> None:
        assert self.access is not None
        if self.access.membership_id == member.pk:
            await release.wait()
        await real(self, command)  # type: ignore[arg-type]

    monkeypatch.setattr(RoomConsumer, "handle_send", held)
    return release


async def test_a_send_that_waits_does_not_hold_up_what_its_connection_receives(
    open_room: OpenRoom, member: Membership, other_member: Membership, held_sends: asyncio.Event
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    client_id = str(uuid.uuid4())
    await alice.send({"type": "send", "client_id": client_id, "text": "waiting its turn"})
    meanwhile = await bob.post("meanwhile")
    assert (await alice.recv_type("message", timeout=2))["seq"] == meanwhile["seq"]
    held_sends.set()
    ack = await alice.recv_type("ack")
    assert ack["client_id"] == client_id and ack["status"] == "posted"


async def test_sends_are_acked_in_the_order_sent_and_a_full_queue_refuses_the_next(
    open_room: OpenRoom, member: Membership, held_sends: asyncio.Event, settings: object
) -> None:
    settings.CIRCLES_MAX_QUEUED_SENDS = 2  # type: ignore[attr-defined]
    alice = await open_room(member)
    ids = [str(uuid.uuid4()) for _ in range(4)]
    for i, client_id in enumerate(ids):
        await alice.send({"type": "send", "client_id": client_id, "text": f"number {i}"})
    # One is under way, two wait, the fourth finds the queue full.
    refused = await alice.recv_type("error")
    assert refused["code"] == "rate_limited" and refused["client_id"] == ids[3]
    held_sends.set()
    acks = [await alice.recv_type("ack") for _ in range(3)]
    assert [a["client_id"] for a in acks] == ids[:3]
    assert [a["seq"] for a in acks] == sorted(a["seq"] for a in acks)
