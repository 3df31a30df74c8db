"""Catching up over the room's socket (consumers/room.py: ``sync``, the heartbeat and gap
filling): every missed message exactly once, in order, even when a broadcast is lost."""

from __future__ import annotations

import uuid

import pytest
from asgiref.sync import sync_to_async

from groups.models import Membership
from moderation.services import submission
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


def _bulk_post(membership: Membership, count: int) -> None:
    """Post ``count`` messages through the service (rate limit lifted for setup)."""
    from django.test import override_settings

    from groups import selectors

    access = selectors.access_room(user=membership.user, slug=membership.group.slug)
    with override_settings(CIRCLES_RATE_LIMIT_MESSAGES=10_000):
        for i in range(count):
            submission.message_send(access=access, client_id=uuid.uuid4(), text=f"bulk {i}")


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


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every gap fetched from the database (``selectors.messages_between``), as
    ``(after_seq, upto_seq)``."""
    from groups import selectors

    seen: list[tuple[int, int]] = []
    real_between = selectors.messages_between

    def counting_between(*, room_id: int, after_seq: int, upto_seq: int):  # type: ignore[no-untyped-def]
        seen.append((after_seq, upto_seq))
        return real_between(room_id=room_id, after_seq=after_seq, upto_seq=upto_seq)

    monkeypatch.setattr(selectors, "messages_between", counting_between)
    return seen


async def test_a_broadcast_overtaken_by_a_later_one_is_waited_for_not_fetched(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    monkeypatch: pytest.MonkeyPatch,
    fetches: list[tuple[int, int]],
) -> None:
    """Two processes' broadcasts can arrive out of order: the later one waits for the
    earlier instead of every receiver querying the database."""
    alice = await open_room(member)
    bob = await open_room(other_member)
    from groups.events import transport

    held_back: list[tuple[object, object, object]] = []
    real_send = transport._send

    async def overtaking_send(event, audience, message):  # type: ignore[no-untyped-def]
        if message["event"].get("type") == "message" and message["event"]["seq"] == 1:
            held_back.append((event, audience, message))
            return
        await real_send(event, audience, message)
        if held_back:
            await real_send(*held_back.pop())

    monkeypatch.setattr(transport, "_send", overtaking_send)
    await bob.post("first")
    await bob.post("second")
    first = await alice.recv_type("message")
    second = await alice.recv_type("message")
    assert [first["seq"], second["seq"]] == [1, 2]
    assert [first["text"], second["text"]] == ["first", "second"]
    assert fetches == []


async def test_a_heartbeat_lets_messages_on_their_way_arrive_instead_of_fetching_them(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
    fetches: list[tuple[int, int]],
) -> None:
    """Under load the room's latest seq is often ahead of what has arrived live; the
    heartbeat waits a moment for it rather than querying the database for every receiver."""
    import asyncio
    import uuid

    from groups.events import transport
    from moderation.services import submission
    from tests.conftest import access_of

    settings.CIRCLES_HEARTBEAT_SECONDS = 0.1  # type: ignore[attr-defined]
    alice = await open_room(member)
    bob = await sync_to_async(access_of)(other_member)
    real_send = transport._send

    async def slow_send(event, audience, message):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.12)  # committed, and still on its way
        await real_send(event, audience, message)

    monkeypatch.setattr(transport, "_send", slow_send)
    sent = []
    for i in range(4):
        ack = await transport.call_service(
            submission.message_send, access=bob, client_id=uuid.uuid4(), text=f"on its way {i}"
        )
        sent.append(ack.seq)
    got = [(await alice.recv_type("message", timeout=3))["seq"] for _ in sent]
    assert got == sent
    assert fetches == []


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
