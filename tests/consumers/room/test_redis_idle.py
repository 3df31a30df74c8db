"""On Redis, a quiet room must not cost anyone their socket (issue 9).

redis-py 8's default 5 s socket timeout equals channels-redis's 5 s blocking pop, so an idle
consumer's read timed out and the consumer died (daphne then closed the member's socket with
1011). The socket timeout is now longer than the pop (``CIRCLES_REDIS_SOCKET_TIMEOUT``), and a
failed receive no longer ends the consumer (``consumers/layer.py``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from groups.models import Membership

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


async def test_an_idle_member_keeps_their_socket(member: Membership, open_room: Any) -> None:
    room = await open_room(member)
    # Longer than the blocking pop: nothing arrives on this member's channels meanwhile.
    await asyncio.sleep(7)
    messages, synced = await room.sync(room.welcome["last_seq"])
    assert synced["complete"] is True and messages == []
    ack = await room.post("still here after a quiet spell")
    assert ack["status"] == "posted"
