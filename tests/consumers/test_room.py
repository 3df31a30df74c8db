"""The room websocket end to end inside one process (WebsocketCommunicator)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from asgiref.sync import sync_to_async

from groups.models import Membership, Message
from moderation.services import submission
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


async def test_welcome_names_the_member_by_pseudonym(
    open_room: OpenRoom, member: Membership
) -> None:
    room = await open_room(member, sync=False)
    assert room.welcome["you"] == {"pseudonym": "Willow", "role": "member", "muted_until": None}
    assert room.welcome["last_seq"] == 0
    assert room.welcome["session"]["state"] == "open"
    assert room.welcome["room"] == {
        "paused": False,
        "slow_mode_seconds": 0,
        "facilitator_present": False,
    }


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


async def test_reconnect_and_sync_gets_exactly_the_missed_messages_in_order(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    await alice.post("before")
    last_seen = (await alice.recv_type("message"))["seq"]
    await alice.close()

    bob = await open_room(other_member)
    for i in range(5):
        await bob.post(f"missed {i}")

    alice = await open_room(member, sync=False)
    messages = await alice.sync_all(last_seen)
    assert [m["text"] for m in messages] == [f"missed {i}" for i in range(5)]
    assert [m["seq"] for m in messages] == list(range(last_seen + 1, last_seen + 6))
    # Live from here: the next one arrives once, and nothing is repeated.
    await bob.post("live")
    live = await alice.recv_type("message")
    assert live["text"] == "live" and live["seq"] == last_seen + 6
    assert await alice.nothing()


async def test_sync_answers_in_batches_of_200(
    open_room: OpenRoom, member: Membership, settings: object
) -> None:
    room = await open_room(member, sync=False)
    await sync_to_async(_bulk_post)(member, 450)
    messages, synced = await room.sync(0)
    assert len(messages) == 200 and synced == {"type": "synced", "last_seq": 200, "complete": False}
    messages, synced = await room.sync(200)
    assert [m["seq"] for m in messages] == list(range(201, 401)) and not synced["complete"]
    messages, synced = await room.sync(400)
    assert len(messages) == 50 and synced["complete"] and synced["last_seq"] == 450


async def test_sync_null_sends_the_most_recent_50(open_room: OpenRoom, member: Membership) -> None:
    room = await open_room(member, sync=False)
    await sync_to_async(_bulk_post)(member, 80)
    messages, synced = await room.sync(None)
    assert [m["seq"] for m in messages] == list(range(31, 81))
    assert synced["complete"] and synced["last_seq"] == 80


async def test_sync_never_sends_a_seq_twice_on_one_connection(
    open_room: OpenRoom, member: Membership
) -> None:
    room = await open_room(member, sync=False)
    await sync_to_async(_bulk_post)(member, 10)
    first, _ = await room.sync(0)
    again, synced = await room.sync(0)
    assert len(first) == 10 and again == [] and synced["last_seq"] == 10


async def test_sync_past_the_end_brings_the_client_back_to_the_room(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member, sync=False)
    _, synced = await alice.sync(999)
    assert synced["last_seq"] == 0 and synced["complete"]
    bob = await open_room(other_member)
    await bob.post("after a reset")
    assert (await alice.recv_type("message"))["seq"] == 1


async def test_a_lost_broadcast_is_recovered_by_the_heartbeat(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.CIRCLES_HEARTBEAT_SECONDS = 0.2  # type: ignore[attr-defined]
    alice = await open_room(member)
    bob = await open_room(other_member)
    # The channel layer "drops" every event: the message is stored but never broadcast.
    monkeypatch.setattr("groups.events.transport._deliver", lambda event, audience, message: None)
    ack = await bob.post("nobody heard the broadcast")
    got = await alice.recv_type("message", timeout=3)
    assert got["seq"] == ack["seq"] and got["text"] == "nobody heard the broadcast"
    heartbeat = await alice.recv_type("heartbeat")
    assert heartbeat["last_seq"] == ack["seq"]


async def test_a_gap_in_live_messages_is_filled_from_the_database(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    from groups.events import transport

    real_deliver = transport._deliver
    monkeypatch.setattr("groups.events.transport._deliver", lambda event, audience, message: None)
    await bob.post("lost one")
    monkeypatch.setattr("groups.events.transport._deliver", real_deliver)
    await bob.post("arrives")
    first = await alice.recv_type("message")
    second = await alice.recv_type("message")
    assert [first["text"], second["text"]] == ["lost one", "arrives"]
    assert [first["seq"], second["seq"]] == [1, 2]


async def test_typing_reaches_others_not_the_typist_and_is_throttled(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    await alice.send({"type": "typing"})
    await alice.send({"type": "typing"})
    frame = await bob.recv_type("typing")
    assert frame == {"type": "typing", "pseudonym": "Willow"}
    assert await bob.nothing()
    assert await alice.nothing()


async def test_presence_lists_pseudonyms_of_who_is_here(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    await open_room(other_member)
    frame = await alice.recv_type("presence")
    while len(frame["here"]) < 2:
        frame = await alice.recv_type("presence")
    assert frame["here"] == [
        {"pseudonym": "River", "role": "member"},
        {"pseudonym": "Willow", "role": "member"},
    ]


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


def _bulk_post(membership: Membership, count: int) -> None:
    """Post ``count`` messages through the service (rate limit lifted for setup)."""
    from django.test import override_settings

    from groups import selectors

    access = selectors.access_room(user=membership.user, slug=membership.group.slug)
    with override_settings(CIRCLES_RATE_LIMIT_MESSAGES=10_000):
        for i in range(count):
            submission.message_send(access=access, client_id=uuid.uuid4(), text=f"bulk {i}")


async def test_a_channel_layer_outage_loses_nothing(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Redis down after commit: the send still succeeds, and the heartbeat delivers it."""
    from channels.layers import get_channel_layer

    settings.CIRCLES_HEARTBEAT_SECONDS = 0.2  # type: ignore[attr-defined]
    alice = await open_room(member)
    bob = await open_room(other_member)
    layer = get_channel_layer()

    async def layer_down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("redis is restarting")

    monkeypatch.setattr(layer, "group_send", layer_down)
    ack = await bob.post("sent while the layer was down")
    assert ack["status"] == "posted"
    got = await alice.recv_type("message", timeout=3)
    assert got["seq"] == ack["seq"] and got["text"] == "sent while the layer was down"
