"""Scale-out end to end: two server processes (the Procfile's web line, two ports) on one
PostgreSQL and one Redis, a client on each, a server killed with SIGKILL mid-chat, and a
server stopped with SIGTERM while a write is in flight.

Needs PostgreSQL and Redis (``services``): two processes cannot share an in-memory layer.
"""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from websockets.exceptions import ConnectionClosed

from groups.models import RoomConnection
from tests.conftest import make_group
from tests.e2e.servers import (
    RoomClient,
    ServerProcess,
    add_member,
    login,
    password_hash,
    running_server,
    running_servers,
    shared_database_env,
    wait_for_disconnects,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = f"e2e-{uuid.uuid4().hex}"
SLUG = "e2e-scale"


@pytest.fixture
def stale() -> set[str]:
    """Channel names of connections whose server was killed (their rows stay behind)."""
    return set()


@pytest.fixture
def servers(transactional_db: None, stale: set[str]) -> Iterator[list[ServerProcess]]:
    """Two web processes from the Procfile on the test database and this run's Redis."""
    with running_servers(2, shared_database_env()) as pair:
        yield pair
        # Stop them only once they have handled every close (see wait_for_disconnects).
        wait_for_disconnects(exclude=stale)


def _channel_names_of(username: str) -> set[str]:
    try:
        return set(
            RoomConnection.objects.filter(membership__user__username=username).values_list(
                "channel_name", flat=True
            )
        )
    finally:
        connection.close()  # this worker thread's connection must not outlive the test


@pytest.fixture(scope="module")
def hashed_password() -> str:
    return password_hash(PASSWORD)


@pytest.fixture
def room(transactional_db: None, hashed_password: str) -> str:
    group = make_group(SLUG)
    add_member(group, "alice", "Willow", hashed_password=hashed_password)
    add_member(group, "bob", "River", hashed_password=hashed_password)
    return SLUG


def seqs_and_texts(messages: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(m["seq"], m["text"]) for m in messages]


async def test_messages_posted_on_either_process_reach_both_in_order_once(
    servers: list[ServerProcess], room: str
) -> None:
    one, two = servers
    alice = await RoomClient.join(one, room, cookie=login(one, "alice", PASSWORD))
    bob = await RoomClient.join(two, room, cookie=login(two, "bob", PASSWORD))
    try:
        acks: dict[int, str] = {}
        # Turn about, then both at once: seq order is commit order across processes.
        for i in range(2):
            for client, who in ((alice, "alice"), (bob, "bob")):
                text = f"{who} turn {i}"
                acks[(await client.post(text))["seq"]] = text

        async def burst(client: RoomClient, who: str) -> None:
            for i in range(4):
                text = f"{who} burst {i}"
                acks[(await client.post(text))["seq"]] = text

        await asyncio.gather(burst(alice, "alice"), burst(bob, "bob"))
        expected = sorted(acks.items())
        assert [seq for seq, _ in expected] == list(range(1, 13)), "seqs have no gaps"

        for client in (alice, bob):
            assert seqs_and_texts(await client.messages(12)) == expected
        # Each once: the next message either side sees is the next one posted.
        ack = await bob.post("sentinel")
        assert ack["seq"] == 13
        for client in (alice, bob):
            assert seqs_and_texts(await client.messages(1)) == [(13, "sentinel")]
            assert client.unread() == []
    finally:
        await alice.drop()
        await bob.drop()


@pytest.mark.chaos
async def test_kill_9_after_an_ack_loses_nothing_and_resends_post_once(
    servers: list[ServerProcess], room: str, stale: set[str]
) -> None:
    one, two = servers
    alice_cookie = login(one, "alice", PASSWORD)
    alice = await RoomClient.join(one, room, cookie=alice_cookie)
    bob = await RoomClient.join(two, room, cookie=login(two, "bob", PASSWORD))
    try:
        # Alice sends five messages back to back through process one; it is killed as soon
        # as the third is acknowledged. Some of the rest may have been stored, some not.
        outbox = {str(uuid.uuid4()): f"alice before the crash {i}" for i in range(5)}
        for client_id, text in outbox.items():
            await alice.send({"type": "send", "client_id": client_id, "text": text})
        acked: dict[str, int] = {}
        while len(acked) < 3:
            ack = await alice.recv_type("ack")
            assert ack["status"] == "posted"
            acked[ack["client_id"]] = ack["seq"]
        one.kill()
        assert not one.running
        stale.update(await sync_to_async(_channel_names_of)("alice"))
        alice_seen = [f for f in alice.pending if f["type"] == "message"]
        with pytest.raises(ConnectionClosed):
            while True:  # whatever was in flight, then the dropped connection
                frame = await alice.recv(timeout=10)
                if frame["type"] == "ack":
                    acked[frame["client_id"]] = frame["seq"]
                elif frame["type"] == "message":
                    alice_seen.append(frame)

        # The room goes on in process two while process one is down.
        during = [(await bob.post(f"bob during the outage {i}"))["seq"] for i in range(2)]

        # Alice's client reconnects to the surviving process, catches up from the last seq
        # it saw, and resends everything it sent (it cannot know what the crash kept).
        last_seen = max((m["seq"] for m in alice_seen), default=0)
        alice = await RoomClient.join(two, room, cookie=alice_cookie, sync=False)
        caught_up = await alice.sync_all(last_seen)
        resent = {
            client_id: (await alice.post(text, client_id)) for client_id, text in outbox.items()
        }
        for client_id, seq in acked.items():
            assert resent[client_id]["seq"] == seq, "a resend after the crash posted again"
        assert all(ack["status"] == "posted" for ack in resent.values())

        # The whole history, read from the start: every message once, seqs without gaps,
        # every acknowledged message kept with the seq its ack promised.
        reader = await RoomClient.join(two, room, cookie=alice_cookie, sync=False)
        history = await reader.sync_all(0)
        await reader.drop()
        texts = [m["text"] for m in history]
        assert [m["seq"] for m in history] == list(range(1, 8))
        assert sorted(texts) == sorted(
            [*outbox.values(), *(f"bob during the outage {i}" for i in range(2))]
        )
        by_seq = {m["seq"]: m["text"] for m in history}
        for client_id, seq in acked.items():
            assert by_seq[seq] == outbox[client_id]
        assert [by_seq[s] for s in during] == [f"bob during the outage {i}" for i in range(2)]
        # What Alice missed came back exactly, in order, once: sync then her live resends.
        live = await alice.messages(7 - last_seen - len(caught_up))
        assert [m["seq"] for m in alice_seen + caught_up + live] == list(range(1, 8))
        # Bob, who never dropped, saw each message once, in order.
        assert [m["seq"] for m in await bob.messages(7)] == list(range(1, 8))

        # Process one comes back on its port and rejoins the room's fan-out.
        one.restart()
        back = await RoomClient.join(one, room, cookie=alice_cookie)
        ack = await back.post("alice after the restart")
        assert ack["seq"] == 8
        for client in (back, alice, bob):
            assert seqs_and_texts(await client.messages(1)) == [(8, "alice after the restart")]
            assert client.unread() == []
        await back.drop()
    finally:
        await alice.drop()
        await bob.drop()


async def test_sigterm_during_a_write_still_lets_the_server_exit(room: str) -> None:
    """A platform stops a server with SIGTERM (deploys, restarts, scaling in). A write that
    is in flight then (here: a disconnect, held up by a lock on its table) must not keep the
    process alive forever; whatever it could not broadcast, clients recover by ``sync``."""
    database_url = shared_database_env()["DATABASE_URL"]
    assert database_url is not None
    with running_server(shared_database_env(), name="web-sigterm") as server:
        alice = await RoomClient.join(server, room, cookie=login(server, "alice", PASSWORD))
        with psycopg.connect(database_url) as locker:
            locker.execute("LOCK TABLE groups_roomconnection IN ACCESS EXCLUSIVE MODE")
            await alice.drop()
            # The server's close handling is now waiting for the lock.
            blocked = False
            for _ in range(200):
                blocked = bool(
                    locker.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                        "current_database() AND wait_event_type = 'Lock' "
                        "AND pid <> pg_backend_pid()"
                    ).fetchone()[0]
                )
                if blocked:
                    break
                await asyncio.sleep(0.05)
            assert blocked, "setup: the server's close never reached the locked table"
            proc = server.proc
            assert proc is not None
            proc.terminate()
            locker.rollback()  # the write goes through now, during the shutdown
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            pytest.fail(
                "the server was still running 5s after SIGTERM (it stops within a second "
                "when nothing is in flight); a platform would have to SIGKILL it"
            )
