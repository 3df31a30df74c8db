"""A Redis deployment keeps every socket through a Redis restart and an idle spell (issue 9).

A private ``redis-server`` on a free port (never the machine's shared one), a web process
from the Procfile on it, two members: Redis is restarted under them, and their sockets stay
open and the room goes on, first through the database (the heartbeat), then live again.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import make_group
from tests.e2e.servers import (
    RoomClient,
    ServerProcess,
    add_member,
    free_port,
    login,
    password_hash,
    running_server,
    shared_database_env,
    wait_for_disconnects,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = f"e2e-{uuid.uuid4().hex}"
SLUG = "e2e-redis"


class PrivateRedis:
    """A throwaway Redis (no persistence) that can be stopped and started on one port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (Debian package redis-server)")
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, check=False
            )
            if ping.stdout.strip() == b"PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def room_members(self) -> list[bytes]:
        """The channels in the room groups' sorted sets (``<prefix>:group:room.<id>``)."""
        keys = subprocess.run(
            ["redis-cli", "-p", str(self.port), "--scan", "--pattern", "*:group:room.*"],
            capture_output=True,
            check=True,
        ).stdout.split()
        members: list[bytes] = []
        for key in keys:
            if key.endswith(b".facilitators"):
                continue
            members += subprocess.run(
                ["redis-cli", "-p", str(self.port), "zrange", key, "0", "-1"],
                capture_output=True,
                check=True,
            ).stdout.split()
        return members

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None


@pytest.fixture
def redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def room(transactional_db: None) -> str:
    group = make_group(SLUG)
    hashed = password_hash(PASSWORD)
    add_member(group, "alice", "Willow", hashed_password=hashed)
    add_member(group, "bob", "River", hashed_password=hashed)
    return SLUG


@pytest.fixture
def server(redis: PrivateRedis, room: str) -> Iterator[ServerProcess]:
    """A web process on the private Redis, with a short heartbeat."""
    env = {
        **shared_database_env(),
        "REDIS_URL": redis.url,
        "CIRCLES_REDIS_PREFIX": f"outage-{uuid.uuid4().hex[:8]}",
        "CIRCLES_HEARTBEAT_SECONDS": "2",
    }
    with running_server(env) as process:
        yield process
        wait_for_disconnects()


async def test_a_redis_restart_and_an_idle_spell_close_no_socket(
    redis: PrivateRedis, server: ServerProcess, room: str
) -> None:
    alice = await RoomClient.join(server, room, cookie=login(server, "alice", PASSWORD))
    bob = await RoomClient.join(server, room, cookie=login(server, "bob", PASSWORD))
    try:
        # Idle for longer than the blocking pop (5 s) and redis-py's default timeout.
        await asyncio.sleep(7)
        first = await bob.post("after a quiet spell")
        assert [m["seq"] for m in await alice.messages(1)] == [first["seq"]]

        redis.stop()
        await asyncio.sleep(1)
        # With Redis gone the send is stored and acknowledged (the database is the truth);
        # alice's connection gets it from the database at its next heartbeat.
        during = await bob.post("while redis is down")
        assert during["status"] == "posted"
        assert [m["text"] for m in await alice.messages(1, timeout=15)] == ["while redis is down"]
        redis.start()
        # Back: the consumers join their groups again and live delivery resumes.
        await asyncio.sleep(12)
        after = await bob.post("after redis came back")
        started = time.monotonic()
        assert [m["seq"] for m in await alice.messages(1, timeout=15)] == [after["seq"]]
        live_after = time.monotonic() - started
        assert alice.unread() == [] or all(f["type"] != "message" for f in alice.unread())
        for client in (alice, bob):
            assert client.ws.close_code is None, "the socket stayed open"
        # Within a heartbeat or two at worst; normally live, at once.
        assert live_after < 5
    finally:
        await alice.close()
        await bob.close()
    log = server.log_text()
    assert "1011" not in log and "Traceback" not in log, server.log_tail()
