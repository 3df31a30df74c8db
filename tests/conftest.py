"""Shared fixtures: users, a demo group with an open session, and websocket clients.

Which database and channel layer a run uses comes from the environment (see
scripts/test.sh): SQLite + in-memory by default, PostgreSQL + Redis when DATABASE_URL and
REDIS_URL are set. The same tests run on both.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.utils import timezone

# Importing the ASGI application runs django.setup() again, which re-applies LOGGING and
# would detach pytest's log capture if it first happened in the middle of a test.
import server.asgi  # noqa: F401
from groups import selectors
from groups.models import Group, Membership
from groups.selectors import RoomAccess
from groups.services import groups as group_services
from groups.services import memberships, sessions
from moderation.services import submission

ORIGIN = b"http://127.0.0.1"


def access_of(membership: Membership) -> RoomAccess:
    """What a connection of ``membership`` may do in its group's room."""
    return selectors.access_room(user=membership.user, slug=membership.group.slug)


def send(access: RoomAccess, text: str = "hello", client_id: uuid.UUID | None = None) -> Any:
    """A member's ``send`` through the real service (screen, store, review items)."""
    return submission.message_send(access=access, client_id=client_id or uuid.uuid4(), text=text)


USING_REDIS = bool(os.environ.get("REDIS_URL"))
USING_POSTGRES = bool(os.environ.get("DATABASE_URL"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``services`` need PostgreSQL and Redis: skipped without them on a
    laptop, a failure in CI (``CI=true``), where a missing service must never pass quietly."""
    # The marker, not `item.keywords`: a keyword is also any folder name (tests/*/services/).
    if item.get_closest_marker("services") is None or (USING_REDIS and USING_POSTGRES):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but DATABASE_URL / REDIS_URL are not set for a services test")
    pytest.skip("needs DATABASE_URL and REDIS_URL (PostgreSQL and Redis)")


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any) -> None:
    # Password hashing is slow by design; tests need speed, not brute-force resistance.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production redirects plain HTTP to HTTPS; the in-process test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # The second opinion flags asynchronously, after the ack: off here so that a test's
    # frames and rows are the synchronous screen's alone; its own tests switch it on
    # (tests/*/*/test_second_opinion_*.py), and the browser tests' servers run with it.
    settings.CIRCLES_SECOND_OPINION = False
    # A cache namespace of its own per test: login-failure counts (groups/throttle.py) must
    # not carry from one test to the next.
    caches = {name: dict(conf) for name, conf in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = (
        f"{caches['default'].get('KEY_PREFIX', '')}t{uuid.uuid4().hex[:8]}"
    )
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _fresh_channel_layer(request: pytest.FixtureRequest) -> Iterator[None]:
    """A new channel layer per test: channels-redis binds its connections and locks to the
    event loop that created them, and every async test gets its own loop."""
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    if inspect.iscoroutinefunction(request.function):
        request.getfixturevalue("_close_worker_connections")
    yield
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)


@pytest.fixture
async def _close_worker_connections() -> AsyncIterator[None]:
    """Consumers do their database work in the sync worker thread; close its connection
    after an async test so the test database can be flushed and dropped without waiting.
    (Async only: a sync test, like the browser tests, may have another loop running.)"""
    yield
    await sync_to_async(connections.close_all)()


@pytest.fixture(scope="session", autouse=True)
def _redis_cleanup() -> Iterator[None]:
    """Remove this run's channel-layer keys from Redis when the run ends."""
    yield
    if not USING_REDIS:
        return
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    prefix = settings.CIRCLES_REDIS_PREFIX
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


AGREEMENT = "Be kind. What is shared here stays here."


def make_group(slug: str = "circle", *, open_session: bool = True) -> Group:
    group = group_services.group_create(
        acting_user=None, slug=slug, name=f"Group {slug}", topic="anxiety", agreement_text=AGREEMENT
    )
    if open_session:
        sessions.session_open(group_id=group.pk, acting_user=None, now=timezone.now())
    return group


def make_member(
    group: Group,
    username: str,
    *,
    pseudonym: str | None = None,
    role: str = Membership.Role.MEMBER,
    accept: bool = True,
) -> Membership:
    user = User.objects.filter(username=username).first() or User.objects.create_user(
        username=username, password="pw-" + username
    )
    membership = memberships.membership_add(
        acting_user=None, user=user, group=group, pseudonym=pseudonym or username.title(), role=role
    )
    if accept:
        memberships.agreement_record(membership=membership, version=1)
    return membership


@pytest.fixture(autouse=True)
def crisis_resources(request: pytest.FixtureRequest) -> None:
    """The shipped crisis lines. Transactional tests flush the tables after each test,
    data migrations' rows included, so they are put back for every test that uses the db."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("django_db_blocker")
    from django.apps import apps

    defaults = importlib.import_module("moderation.migrations.0002_default_crisis_resources")
    defaults.add_defaults(apps, None)


@pytest.fixture
def group() -> Group:
    """A group with an open session (the test must be marked django_db)."""
    return make_group()


@pytest.fixture
def member(group: Group) -> Membership:
    return make_member(group, "alice", pseudonym="Willow")


@pytest.fixture
def other_member(group: Group) -> Membership:
    return make_member(group, "bob", pseudonym="River")


def certify(membership: Membership, *, days: int = 365) -> None:
    """Give a facilitator a certification valid for ``days`` more days (negative: expired)."""
    from datetime import timedelta

    from django.utils import timezone

    from groups.models import Certification

    today = timezone.now().date()
    Certification.objects.update_or_create(
        user=membership.user,
        defaults={
            "certified_on": today - timedelta(days=400),
            "expires_on": today + timedelta(days=days),
        },
    )


@pytest.fixture
def facilitator(group: Group) -> Membership:
    membership = make_member(group, "fran", pseudonym="Facilitator Fran", role="facilitator")
    certify(membership)
    return membership


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


CHATTER = frozenset({"presence", "typing", "heartbeat"})


class Room:
    """A test client of the room websocket. Frames are read in order; a frame skipped
    while looking for another type is kept and returned by a later ``recv_type``."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.comm = communicator
        self.welcome: dict[str, Any] = {}
        self.pending: list[dict[str, Any]] = []

    async def send(self, frame: dict[str, Any] | str) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.comm.send_to(text_data=text)

    async def recv(self, timeout: float = 3) -> dict[str, Any]:
        return json.loads(await self.comm.receive_from(timeout=timeout))

    async def recv_type(self, frame_type: str, timeout: float = 3) -> dict[str, Any]:
        """The next frame of ``frame_type`` (arrival notices are not what a test waits for);
        others seen meanwhile are kept for later."""

        def wanted(frame: dict[str, Any]) -> bool:
            return frame["type"] == frame_type and (
                frame_type != "notice" or not self.is_chatter(frame)
            )

        for index, frame in enumerate(self.pending):
            if wanted(frame):
                return self.pending.pop(index)
        while True:
            frame = await self.recv(timeout)
            if wanted(frame):
                return frame
            self.pending.append(frame)

    @staticmethod
    def is_chatter(frame: dict[str, Any]) -> bool:
        """Frames that come and go by themselves: presence, heartbeats, and the notices a
        member gets on arrival (lobby, no facilitator in the room)."""
        return frame["type"] in {"presence", "heartbeat"} or (
            frame["type"] == "notice"
            and frame.get("code") in {"lobby", "no_facilitator", "facilitator_here"}
        )

    async def nothing(self, timeout: float = 0.3) -> bool:
        """True when no frame but chatter is pending or arrives in ``timeout``.

        Uses ``receive_nothing``: a plain receive that times out would kill the consumer.
        """
        if any(not self.is_chatter(f) for f in self.pending):
            return False
        while not await self.comm.receive_nothing(timeout=timeout):
            frame = await self.recv()
            if not self.is_chatter(frame):
                self.pending.append(frame)
                return False
        return True

    async def sync(self, after_seq: int | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Send one ``sync``; return its message frames and its ``synced`` frame."""
        await self.send({"type": "sync", "after_seq": after_seq})
        messages = []
        while True:
            frame = await self.recv()
            if frame["type"] == "message":
                messages.append(frame)
            elif frame["type"] == "synced":
                return messages, frame
            else:
                self.pending.append(frame)

    async def sync_all(self, after_seq: int | None) -> list[dict[str, Any]]:
        messages, synced = await self.sync(after_seq)
        while not synced["complete"]:
            more, synced = await self.sync(synced["last_seq"])
            messages += more
        return messages

    async def post(self, text: str, client_id: str | None = None) -> dict[str, Any]:
        client_id = client_id or str(uuid.uuid4())
        await self.send({"type": "send", "client_id": client_id, "text": text})
        return await self.recv_type("ack")

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.comm.disconnect()


def communicator_for(
    user: User | None, slug: str, *, origin: bytes = ORIGIN
) -> WebsocketCommunicator:
    from server.asgi import application

    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        cookie = session_cookie(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    return WebsocketCommunicator(application, f"/ws/groups/{slug}/", headers=headers)


OpenRoom = Callable[..., Any]


@pytest.fixture
async def open_room() -> AsyncIterator[OpenRoom]:
    """Connect a member to a room: ``await open_room(membership)`` → a welcomed Room."""
    opened: list[Room] = []

    async def _open(membership: Membership, *, sync: bool = True) -> Room:
        user, slug = await sync_to_async(lambda: (membership.user, membership.group.slug))()
        comm = await sync_to_async(communicator_for)(user, slug)
        connected, _ = await comm.connect(timeout=5)
        assert connected
        room = Room(comm)
        opened.append(room)
        room.welcome = await room.recv_type("welcome")
        if sync:
            await room.sync_all(room.welcome["last_seq"])
        return room

    yield _open
    for room in opened:
        with contextlib.suppress(Exception):
            await room.comm.disconnect()
