"""Clients that drop and come back for a while, across two processes (issue 9, ``make chaos``).

Two web processes from the Procfile on PostgreSQL and Redis. A member posts steadily (now and
then an urgent message that raises a flag) while two members and the facilitator keep
dropping their sockets (a clean close or a torn TCP connection) and coming back, each time on
the other process, catching up with ``sync`` from the last ``seq`` they hold. At the end every
one of them holds every posted message exactly once and in order, and the facilitator has
seen every flag (live, or in the queue replayed when she came back).

``CIRCLES_CHURN_SECONDS`` sets how long the churn lasts (20 s in CI; ``make chaos`` runs 60).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from tests.conftest import certify, make_group
from tests.e2e.servers import (
    RoomClient,
    ServerProcess,
    add_member,
    login,
    password_hash,
    running_servers,
    shared_database_env,
    wait_for_disconnects,
)
from tests.e2e.test_redis_outage import URGENT

pytestmark = [pytest.mark.services, pytest.mark.chaos, pytest.mark.django_db(transaction=True)]

PASSWORD = f"e2e-{uuid.uuid4().hex}"
SLUG = "e2e-churn"
CHURN_SECONDS = float(os.environ.get("CIRCLES_CHURN_SECONDS", "20"))
URGENT_EVERY = 7  # every seventh post is urgent


@pytest.fixture
def room(transactional_db: None) -> str:
    group = make_group(SLUG)
    hashed = password_hash(PASSWORD)
    for username, pseudonym in (("poster", "River"), ("alice", "Willow"), ("carol", "Fern")):
        add_member(group, username, pseudonym, hashed_password=hashed)
    fran = add_member(group, "fran", "Facilitator Fran", hashed_password=hashed, role="facilitator")
    certify(fran)
    return SLUG


@pytest.fixture
def servers(room: str) -> Iterator[list[ServerProcess]]:
    env = {
        **shared_database_env(),
        "CIRCLES_HEARTBEAT_SECONDS": "2",
        "CIRCLES_RATE_LIMIT_MESSAGES": "1000",
    }
    with running_servers(2, env) as pair:
        yield pair
        wait_for_disconnects()


@dataclass
class Churner:
    """One person who keeps leaving and coming back, and what they were shown."""

    username: str
    cookies: list[str]
    seqs: list[int] = field(default_factory=list)
    flag_ids: set[int] = field(default_factory=set)
    reconnects: int = 0

    def take(self, frame: dict[str, Any]) -> None:
        if frame["type"] == "message":
            self.seqs.append(frame["seq"])
        elif frame["type"] == "flag":
            self.flag_ids.add(frame["flag_id"])

    async def run(self, servers: list[ServerProcess], stop: asyncio.Event) -> None:
        rng = random.Random(self.username)
        while not stop.is_set():
            index = self.reconnects % len(servers)
            client = await RoomClient.join(
                servers[index], SLUG, cookie=self.cookies[index], sync=False
            )
            self.reconnects += 1
            for frame in client.pending:
                self.take(frame)
            client.pending.clear()
            # The room starts empty: from the start, then from the last seq held.
            after = self.seqs[-1] if self.seqs else 0
            for message in await client.sync_all(after):
                self.take(message)
            for frame in client.pending:
                self.take(frame)
            client.pending.clear()
            online_until = asyncio.get_running_loop().time() + rng.uniform(0.3, 2.5)
            with contextlib.suppress(TimeoutError, ConnectionClosed):
                while asyncio.get_running_loop().time() < online_until and not stop.is_set():
                    left = online_until - asyncio.get_running_loop().time()
                    self.take(await client.recv(timeout=max(left, 0.01)))
            if rng.random() < 0.5:
                client.ws.transport.abort()  # the TCP connection torn, no close frame
            else:
                await client.ws.close()
            await asyncio.sleep(rng.uniform(0.1, 1.5))

    async def final_catch_up(self, server: ServerProcess, cookie: str) -> None:
        """Come back once more and take everything up to the end."""
        client = await RoomClient.join(server, SLUG, cookie=cookie, sync=False)
        try:
            after = self.seqs[-1] if self.seqs else 0
            for message in await client.sync_all(after):
                self.take(message)
            for frame in client.pending:
                self.take(frame)
        finally:
            await client.close()


async def test_clients_dropping_and_returning_miss_nothing_and_see_nothing_twice(
    servers: list[ServerProcess],
) -> None:
    poster_cookie = login(servers[0], "poster", PASSWORD)
    poster = await RoomClient.join(servers[0], SLUG, cookie=poster_cookie)
    churners = [
        Churner(name, [login(server, name, PASSWORD) for server in servers])
        for name in ("alice", "carol", "fran")
    ]
    stop = asyncio.Event()
    tasks = [asyncio.ensure_future(c.run(servers, stop)) for c in churners]
    posted: list[int] = []
    urgent_messages = 0
    try:
        loop = asyncio.get_running_loop()
        end = loop.time() + CHURN_SECONDS
        number = 0
        while loop.time() < end:
            number += 1
            urgent = number % URGENT_EVERY == 0
            ack = await poster.post(URGENT if urgent else f"message {number} of the churn")
            urgent_messages += urgent
            if ack["status"] == "posted":
                posted.append(ack["seq"])
            await asyncio.sleep(0.25)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await poster.close()
    for churner in churners:
        await churner.final_catch_up(servers[1], churner.cookies[1])

    assert urgent_messages >= 2 and len(posted) >= 20
    flag_ids = await _flag_ids()
    assert len(flag_ids) == urgent_messages, "each urgent message raised one flag"
    for churner in churners:
        assert churner.reconnects >= 3, f"{churner.username} churned"
        assert churner.seqs == sorted(set(churner.seqs)), f"{churner.username}: once, in order"
        assert set(posted) <= set(churner.seqs), f"{churner.username} missed a message"
    fran = next(c for c in churners if c.username == "fran")
    assert fran.flag_ids == flag_ids, "the facilitator saw every flag"


async def _flag_ids() -> set[int]:
    from asgiref.sync import sync_to_async
    from django.db import connection

    from moderation.models import Flag

    def read() -> set[int]:
        try:
            return set(Flag.objects.filter(group__slug=SLUG).values_list("pk", flat=True))
        finally:
            connection.close()

    return await sync_to_async(read)()
