"""No facilitator alert is lost (issue 9): every event to a room's facilitators carries a
number (``fseq``, allocated in the write's transaction); a facilitator's connection that
sees a number skipped, or a heartbeat ahead of what it has shown, replays the queue."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers

from groups.events.audiences import FacilitatorAudience
from groups.events.types import FlagRaised
from groups.models import Membership
from moderation.models import Flag
from tests.conftest import OpenRoom, Room

pytestmark = pytest.mark.django_db(transaction=True)

URGENT = [
    "i am going to do it tonight after everyone is asleep, this is goodbye",
    "i have the pills counted out and i am taking them all tonight, goodbye everyone",
    "tonight is the night i end my life, i have written my letters",
]


async def flag_ids_seen(room: Room, timeout: float = 0.5, within: float = 10) -> set[int]:
    """The flag ids among every frame pending or arriving until the socket goes quiet (or
    ``within`` seconds have passed: heartbeats never let it go quiet for long)."""
    frames, room.pending = room.pending, []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline and not await room.comm.receive_nothing(timeout=timeout):
        frames.append(await room.recv())
    return {f["flag_id"] for f in frames if f["type"] == "flag"}


async def all_flag_ids(member: Membership) -> set[int]:
    return set(
        await sync_to_async(list)(
            Flag.objects.filter(group_id=member.group_id).values_list("pk", flat=True)
        )
    )


@pytest.fixture
def drop_flags(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lose the facilitators' copy of the flags whose ordinal (1, 2, ...) is listed, on the
    way through the channel layer, as a full channel would."""
    from groups.events import transport

    dropped: list[int] = []
    seen = [0]
    real_send = transport._send

    async def lossy_send(event: Any, audience: Any, message: dict[str, Any]) -> None:
        if isinstance(event, FlagRaised) and isinstance(audience, FacilitatorAudience):
            seen[0] += 1
            if seen[0] in dropped:
                return
        await real_send(event, audience, message)

    monkeypatch.setattr(transport, "_send", lossy_send)
    return dropped


async def test_a_dropped_flag_is_replayed_when_the_next_alert_shows_the_gap(
    open_room: OpenRoom, member: Membership, facilitator: Membership, drop_flags: list[int]
) -> None:
    drop_flags.extend([1, 2])
    fran = await open_room(facilitator)
    alice = await open_room(member)
    for text in URGENT:
        await alice.post(text)
    flags = await all_flag_ids(member)
    assert len(flags) == 3
    assert await flag_ids_seen(fran) == flags


async def test_a_dropped_last_flag_comes_with_the_next_heartbeat(
    open_room: OpenRoom,
    member: Membership,
    facilitator: Membership,
    drop_flags: list[int],
    settings: Any,
) -> None:
    settings.CIRCLES_HEARTBEAT_SECONDS = 1
    drop_flags.append(1)
    fran = await open_room(facilitator)
    alice = await open_room(member)
    await alice.post(URGENT[0])
    [flag_id] = await all_flag_ids(member)
    # Nothing else happens in the room: only the heartbeat can reveal the loss.
    await fran.recv_type("heartbeat", timeout=3)
    frame = await fran.recv_type("flag", timeout=3)
    assert frame["flag_id"] == flag_id


async def test_a_facilitator_whose_channel_overflows_still_sees_every_flag(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    facilitator: Membership,
    settings: Any,
) -> None:
    # A small channel, and a member with many sockets all typing at once, fill the
    # facilitator's channel; the layer drops what does not fit (as Redis's capacity does).
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 5}}
    }
    settings.CIRCLES_HEARTBEAT_SECONDS = 1
    settings.CIRCLES_MAX_SOCKETS_PER_MEMBER = 10  # the flood needs more than the usual cap
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    fran = await open_room(facilitator)
    alice = await open_room(member)
    flooders = [await open_room(other_member, sync=False) for _ in range(8)]
    for text in URGENT:
        for bob in flooders:
            await bob.send({"type": "typing"})
        await alice.post(text)
    flags = await all_flag_ids(member)
    assert len(flags) == 3
    # Within a few heartbeats at most.
    assert await flag_ids_seen(fran, timeout=3, within=6) == flags
