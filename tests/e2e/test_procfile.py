"""End to end: the server started from the Procfile's ``web:`` line, driven over a real
socket with the ``websockets`` library, as an outside client would.

One server process for the module, on the test database (SQLite file + in-memory layer, or
PostgreSQL + Redis, whichever the run uses). Tests create their data in committed
transactions (``transaction=True``) so the server process sees it.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone
from websockets.exceptions import InvalidStatus
from websockets.frames import Frame, Opcode

from groups.models import Message, Room
from tests.conftest import make_group
from tests.e2e.servers import (
    CHATTER,
    LoginFailed,
    RoomClient,
    ServerProcess,
    StalledClient,
    add_member,
    add_user,
    http_request,
    login,
    password_hash,
    procfile_argv,
    procfile_command,
    running_server,
    shared_database_env,
    wait_for_disconnects,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = f"e2e-{uuid.uuid4().hex}"
SLUG = "e2e-circle"


@pytest.fixture(scope="module")
def server(django_db_setup: None) -> Iterator[ServerProcess]:
    """The Procfile's web process on the test database, for every test of this module."""
    with running_server(shared_database_env()) as process:
        yield process


@pytest.fixture(scope="module")
def hashed_password() -> str:
    return password_hash(PASSWORD)


@dataclass(frozen=True)
class Circle:
    slug: str


@pytest.fixture
def circle(transactional_db: None, hashed_password: str) -> Iterator[Circle]:
    """Group ``e2e-circle`` (open session): alice "Willow" and bob "River" who accepted the
    agreement, carol "Heron" who has not, and outsider who belongs to no group."""
    group = make_group(SLUG)
    add_member(group, "alice", "Willow", hashed_password=hashed_password)
    add_member(group, "bob", "River", hashed_password=hashed_password)
    add_member(group, "carol", "Heron", hashed_password=hashed_password, accept=False)
    add_user("outsider", hashed_password=hashed_password)
    yield Circle(slug=SLUG)
    # The server outlives the test: let it finish with the test's closed connections
    # before the database is flushed under it.
    wait_for_disconnects()


def secret(label: str) -> str:
    """Message text nobody could find in a log by accident."""
    return f"{label} {uuid.uuid4().hex}"


def assert_not_logged(server: ServerProcess, texts: list[str]) -> None:
    log = server.log_text()
    # The capture works (daphne logs its start and every connection) ...
    assert "Listening on TCP address" in log and "WSCONNECT" in log, log[-2000:]
    # ... and no message text is in it.
    leaked = [text for text in texts if text in log]
    assert not leaked, f"message text found in the server's output: {leaked}"


async def test_the_procfile_web_line_serves_health_and_login(
    server: ServerProcess, circle: Circle
) -> None:
    # The very command of the Procfile's web line, on the port it was given.
    assert server.argv == procfile_argv(procfile_command("web"), {"PORT": str(server.port)})
    status, body = http_request(server.base_url, "GET", "/healthz")
    assert status == 200
    health = json.loads(body)
    # The second opinion loads on the first connection (tested below), never at start-up.
    assert health.pop("second_opinion")["status"] in {"not loaded", "ready"}
    assert set(health.pop("sockets")) == {"open", "alive"}
    assert health | {"elapsed_ms": 0} == {
        "ok": True,
        "database": True,
        "channel_layer": True,
        "elapsed_ms": 0,
    }
    assert login(server, "alice", PASSWORD).startswith("sessionid=")
    with pytest.raises(LoginFailed, match="answered 401"):
        login(server, "alice", "not-the-password")


async def test_two_members_chat_over_real_sockets(server: ServerProcess, circle: Circle) -> None:
    alice = await RoomClient.join(server, SLUG, cookie=login(server, "alice", PASSWORD), sync=False)
    bob = await RoomClient.join(server, SLUG, cookie=login(server, "bob", PASSWORD), sync=False)
    try:
        assert alice.welcome["you"] == {
            "pseudonym": "Willow",
            "role": "member",
            "muted_until": None,
        }
        assert bob.welcome["you"] == {"pseudonym": "River", "role": "member", "muted_until": None}
        assert alice.welcome["last_seq"] == 0
        assert alice.welcome["session"]["state"] == "open"
        for client in (alice, bob):
            messages, synced = await client.sync(None)
            assert messages == []
            assert synced == {"type": "synced", "last_seq": 0, "complete": True}

        hello = secret("hello from Willow")
        ack = await alice.post(hello)
        assert ack["status"] == "posted" and ack["seq"] == 1 and ack["reason"] is None
        reply = secret("hi Willow, River here")
        assert (await bob.post(reply))["seq"] == 2

        for client in (alice, bob):
            first, second = await client.messages(2)
            assert (first["seq"], first["text"]) == (1, hello)
            assert first["author"] == {"pseudonym": "Willow", "role": "member"}
            assert (second["seq"], second["text"]) == (2, reply)
            assert second["author"] == {"pseudonym": "River", "role": "member"}
            # Members see pseudonyms only, never usernames.
            assert "alice" not in json.dumps(first) and "bob" not in json.dumps(second)
            assert client.unread() == []
        # The server's second opinion (the built encoder, in this real process) read both.
        await _second_opinion_read(server, 2)
    finally:
        await alice.drop()
        await bob.drop()
    assert_not_logged(server, [hello, reply])


async def _second_opinion_read(server: ServerProcess, count: int) -> None:
    for _ in range(100):
        _, body = http_request(server.base_url, "GET", "/healthz")
        second = json.loads(body)["second_opinion"]
        if second["read"] >= count:
            break
        await asyncio.sleep(0.1)
    assert second["status"] == "ready", second
    assert second["read"] >= count and second["failed"] == 0, second


async def test_a_resent_client_id_gets_the_same_ack_and_no_second_broadcast(
    server: ServerProcess, circle: Circle
) -> None:
    alice_cookie = login(server, "alice", PASSWORD)
    alice = await RoomClient.join(server, SLUG, cookie=alice_cookie)
    bob = await RoomClient.join(server, SLUG, cookie=login(server, "bob", PASSWORD))
    try:
        client_id = str(uuid.uuid4())
        text = secret("only once")
        first = await alice.post(text, client_id)
        again = await alice.post(text, client_id)
        assert first["status"] == "posted" and first["client_id"] == client_id
        assert again == first
        # A resend must not post: the next message anyone sees after the first is the next
        # one sent, with the very next seq.
        after = secret("the next one")
        assert (await alice.post(after))["seq"] == first["seq"] + 1
        for client in (alice, bob):
            got = await client.messages(2)
            assert [(m["seq"], m["text"]) for m in got] == [
                (first["seq"], text),
                (first["seq"] + 1, after),
            ]
            assert client.unread() == []
        # The stored history has it once (read by a fresh connection, from the start).
        reader = await RoomClient.join(server, SLUG, cookie=alice_cookie, sync=False)
        history = await reader.sync_all(0)
        await reader.drop()
        assert [m["text"] for m in history] == [text, after]
    finally:
        await alice.drop()
        await bob.drop()
    assert_not_logged(server, [text, after])


async def test_reconnect_and_sync_from_the_last_seq_gets_exactly_the_missed_ones(
    server: ServerProcess, circle: Circle
) -> None:
    alice = await RoomClient.join(server, SLUG, cookie=login(server, "alice", PASSWORD))
    bob_cookie = login(server, "bob", PASSWORD)
    bob = await RoomClient.join(server, SLUG, cookie=bob_cookie)
    try:
        before = secret("before the drop")
        await alice.post(before)
        last_seen = (await bob.messages(1))[0]["seq"]
        await bob.drop()

        missed = [secret(f"missed {i}") for i in range(3)]
        acks = [await alice.post(text) for text in missed]
        assert [a["seq"] for a in acks] == [last_seen + 1, last_seen + 2, last_seen + 3]

        bob = await RoomClient.join(server, SLUG, cookie=bob_cookie, sync=False)
        assert bob.welcome["last_seq"] == last_seen + 3
        messages, synced = await bob.sync(last_seen)
        assert [(m["seq"], m["text"]) for m in messages] == [
            (a["seq"], text) for a, text in zip(acks, missed, strict=True)
        ]
        assert synced == {"type": "synced", "last_seq": last_seen + 3, "complete": True}
        # Caught up and live: the next message arrives once, nothing is repeated before it.
        live = secret("live again")
        await alice.post(live)
        got = await bob.messages(1)
        assert [(m["seq"], m["text"]) for m in got] == [(last_seen + 4, live)]
        assert bob.unread() == []
    finally:
        await alice.drop()
        await bob.drop()
    assert_not_logged(server, [before, *missed, live])


async def test_not_logged_in_is_closed_with_4401(server: ServerProcess, circle: Circle) -> None:
    for cookie in (None, "sessionid=not-a-real-session"):
        client = await RoomClient.open(server, SLUG, cookie=cookie)
        code, frames = await client.wait_closed()
        assert code == 4401, cookie
        assert frames == []


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (Frame(Opcode.TEXT, b"\xc3\x28 not UTF-8"), 1007),  # invalid payload data
        (Frame(Opcode.TEXT, b"\xed\xa0\x80 a lone surrogate"), 1007),
        (Frame(Opcode.CONT, b"{}"), 1002),  # a continuation of nothing
    ],
)
async def test_a_broken_frame_gets_a_close_frame_not_a_dropped_connection(
    server: ServerProcess, circle: Circle, frame: Frame, code: int
) -> None:
    # RFC 6455 7.1.7: the server fails the connection, and says why with a close frame
    # (autobahn's default dropped the TCP connection with no close frame at all).
    alice = await RoomClient.join(server, SLUG, cookie=login(server, "alice", PASSWORD))
    bob = await RoomClient.join(server, SLUG, cookie=login(server, "bob", PASSWORD))
    try:
        alice.ws.protocol.send_frame(frame)
        alice.ws.send_data()
        closed_with, _ = await alice.wait_closed()
        assert closed_with == code
        # The room goes on for everyone else.
        hello = secret("still here")
        assert (await bob.post(hello))["status"] == "posted"
    finally:
        await alice.drop()
        await bob.drop()


async def test_a_non_member_and_an_unknown_group_get_the_same_4403(
    server: ServerProcess, circle: Circle
) -> None:
    outsider = login(server, "outsider", PASSWORD)
    alice = login(server, "alice", PASSWORD)
    carol = login(server, "carol", PASSWORD)  # a member who has not accepted the agreement
    for cookie, slug in ((outsider, SLUG), (alice, "no-such-group"), (carol, SLUG)):
        client = await RoomClient.open(server, slug, cookie=cookie)
        code, frames = await client.wait_closed()
        assert code == 4403, slug
        assert frames == [], "nothing about the room may be sent before the close"


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "http://127.0.0.1.evil.example", None],
    ids=["other-site", "lookalike-host", "no-origin"],
)
async def test_a_wrong_origin_is_refused_at_the_handshake(
    server: ServerProcess, circle: Circle, origin: str | None
) -> None:
    cookie = login(server, "alice", PASSWORD)
    with pytest.raises(InvalidStatus) as refused:
        await RoomClient.open(server, SLUG, cookie=cookie, origin=origin)
    assert refused.value.response.status_code == 403
    # The same cookie with the site's own origin is let in: it was the origin, nothing else.
    client = await RoomClient.join(server, SLUG, cookie=cookie, sync=False)
    assert client.welcome["you"]["pseudonym"] == "Willow"
    await client.drop()


async def test_message_text_never_reaches_the_server_output(
    server: ServerProcess, circle: Circle
) -> None:
    alice = await RoomClient.join(server, SLUG, cookie=login(server, "alice", PASSWORD))
    bob = await RoomClient.join(server, SLUG, cookie=login(server, "bob", PASSWORD))
    texts: list[str] = []
    try:
        posted = secret("I have been struggling this week")
        texts.append(posted)
        ack = await alice.post(posted)
        await alice.post(posted, ack["client_id"])  # a resend
        assert (await bob.messages(1))[0]["text"] == posted

        # Every refused frame carrying text: bad client_id, too long, over 16 KiB, not JSON,
        # binary, unknown field. Each gets an error frame; none may echo or log the text.
        bad_id = secret("bad client id")
        too_long = secret("too long") + "x" * 2100
        oversized = secret("oversized frame") + "y" * 17000
        not_json = secret("not json")
        binary = secret("binary frame")
        extra = secret("unknown field")
        texts += [bad_id, too_long, oversized, not_json, binary, extra]
        bad_frames: list[str | bytes] = [
            json.dumps({"type": "send", "client_id": "nope", "text": bad_id}),
            json.dumps({"type": "send", "client_id": str(uuid.uuid4()), "text": too_long}),
            json.dumps({"type": "send", "client_id": str(uuid.uuid4()), "text": oversized}),
            '{"type": "send", "text": "' + not_json,
            binary.encode(),
            json.dumps({"type": "send", "client_id": str(uuid.uuid4()), "text": extra, "x": 1}),
        ]
        for frame in bad_frames:
            await alice.ws.send(frame)
            error = await alice.recv_type("error")
            assert error["code"] in {"invalid", "too_long"}
            for text in texts:
                assert text not in json.dumps(error)
        # Still connected after all of them.
        last = secret("still here")
        texts.append(last)
        assert (await alice.post(last))["status"] == "posted"
        assert (await bob.messages(1))[0]["text"] == last
        assert [f for f in bob.unread() if f["type"] not in CHATTER] == []
    finally:
        await alice.drop()
        await bob.drop()
    assert_not_logged(server, texts)


@pytest.fixture
def busy_circle(transactional_db: None, hashed_password: str) -> str:
    """Like ``circle`` (alice, bob), with 1,000 long stored messages: syncing them all is
    about 8 MB, twice what the kernel buffers a socket at most."""
    group = make_group(SLUG)
    add_member(group, "alice", "Willow", hashed_password=hashed_password)
    add_member(group, "bob", "River", hashed_password=hashed_password)
    author = add_member(group, "dana", "Kestrel", hashed_password=hashed_password)
    room = Room.objects.get(group=group)
    now = timezone.now()
    Message.objects.bulk_create(
        Message(
            room=room,
            author=author,
            author_pseudonym="Kestrel",
            author_role="member",
            client_id=uuid.uuid4(),
            text="\U0001f600" * 2000,  # 4 bytes each in UTF-8
            seq=seq,
            state=Message.State.POSTED,
            created_at=now,
            posted_at=now,
        )
        for seq in range(1, 1001)
    )
    Room.objects.filter(pk=room.pk).update(last_seq=1000)
    return SLUG


@pytest.mark.chaos
async def test_a_member_who_leaves_while_frames_are_queued_for_them_leaves_the_room(
    busy_circle: str,
) -> None:
    # Its own server: the bug leaves a consumer behind that would outlive this test.
    with running_server(shared_database_env(), name="web-leaving") as own:
        bob = await RoomClient.join(own, SLUG, cookie=login(own, "bob", PASSWORD))
        alice = StalledClient(own, SLUG, cookie=login(own, "alice", PASSWORD))
        try:
            await bob.presence_until(lambda here: "Willow" in here)
            # Alice asks for the whole history and stops reading (a network gone quiet) ...
            for after_seq in range(0, 1000, 200):
                alice.send({"type": "sync", "after_seq": after_seq})
            marker = secret("marker")
            alice.send({"type": "send", "client_id": str(uuid.uuid4()), "text": marker})
            # ... her connection has handled all of it (her marker reached Bob) ...
            assert (await bob.recv_type("message"))["text"] == marker
            # ... then she leaves: close frame, while the room goes on, then the TCP goes.
            alice.send_close()
            for i in range(2):
                assert (await bob.post(secret(f"bob goes on {i}")))["status"] == "posted"
            alice.close()
            try:
                here = await bob.presence_until(lambda here: "Willow" not in here, timeout=5)
            except TimeoutError:
                pytest.fail("Alice left, but the room still lists her as here")
            assert here == ["River"]
        finally:
            alice.close()
            await bob.drop()
            own.kill()
