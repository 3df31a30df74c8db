"""The WebSocket Origin check compares scheme, host and port (issue 12): a socket opened with
a member's cookie from another port, scheme or a file is refused at the handshake."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings

from groups.models import Membership
from server.origins import origin_allowed
from tests.conftest import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def scope(origin: str | None, host: str | None, scheme: str = "ws") -> dict:
    headers = []
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if host is not None:
        headers.append((b"host", host.encode()))
    return {"type": "websocket", "scheme": scheme, "headers": headers}


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "ws", True),
        ("https://localhost", "localhost", "wss", True),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", "ws", False),  # another port
        ("https://127.0.0.1:8000", "127.0.0.1:8000", "ws", False),  # another scheme
        ("http://127.0.0.1", "127.0.0.1", "wss", False),  # plain page, TLS socket
        ("file://", "127.0.0.1:8000", "ws", False),
        ("null", "127.0.0.1:8000", "ws", False),
        (None, "127.0.0.1:8000", "ws", False),
        ("http://evil.example:8000", "127.0.0.1:8000", "ws", False),
        ("http://evil.example", "evil.example", "ws", False),  # a Host we do not serve
    ],
)
def test_origin_rules(origin: str | None, host: str | None, scheme: str, allowed: bool) -> None:
    assert origin_allowed(scope(origin, host, scheme)) is allowed


def test_a_trusted_origin_may_differ(settings: object) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://circles.example.org"]  # type: ignore[attr-defined]
    assert origin_allowed(scope("https://circles.example.org", "127.0.0.1:8000"))
    assert not origin_allowed(scope("https://circles.example.org:444", "127.0.0.1:8000"))


@pytest.mark.parametrize(
    ("origin", "connected"),
    [("http://127.0.0.1:8000", True), ("http://127.0.0.1:9999", False), ("file://", False)],
)
async def test_a_socket_from_another_port_is_refused(
    member: Membership, origin: str, connected: bool
) -> None:
    from server.asgi import application

    cookie = await sync_to_async(session_cookie)(member.user)
    slug = await sync_to_async(lambda: member.group.slug)()
    comm = WebsocketCommunicator(
        application,
        f"/ws/groups/{slug}/",
        headers=[
            (b"origin", origin.encode()),
            (b"host", b"127.0.0.1:8000"),
            (b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={cookie}".encode()),
        ],
    )
    ok, _ = await comm.connect(timeout=5)
    assert ok is connected
    await comm.disconnect()


@pytest.mark.parametrize(
    "path",
    [
        "/ws/groups/demo",
        "/ws/groups/demo//",
        "/ws/groups/a%2Fb/",
        "/ws/groups/%00/",
        "/ws/é/",
        "/x",
    ],
)
async def test_an_unrouted_socket_path_is_refused_without_an_error(
    member: Membership, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    from server.asgi import application

    cookie = await sync_to_async(session_cookie)(member.user)
    comm = WebsocketCommunicator(
        application,
        path,
        headers=[
            (b"origin", b"http://127.0.0.1"),
            (b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={cookie}".encode()),
        ],
    )
    ok, _ = await comm.connect(timeout=5)
    assert ok is False
    await comm.disconnect()
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]
