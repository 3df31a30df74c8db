"""SPEC 7: message text never goes into logs, whichever path it takes.

Every test captures the root logger at DEBUG with ``settings.DEBUG`` on, which is when
Django's SQL logger would print query parameters (and so message text).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers
from django.db import connections

# Importing the ASGI application runs django.setup(), which re-applies LOGGING and so
# detaches pytest's capture handlers from the root logger. Import it now, before any
# capture starts, or the first websocket test would capture nothing and pass vacuously.
import server.asgi  # noqa: F401
from groups import selectors
from groups.errors import ServiceError
from groups.models import Membership, Message
from moderation.services import submission
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def _fresh_channel_layer_and_connections() -> AsyncIterator[None]:
    """A channel layer per test (each async test runs its own event loop, and a Redis layer
    keeps loop-bound state from the previous one); and afterwards, close the database
    connection the consumer's worker thread opened, or PostgreSQL cannot drop the test
    database at the end of the run."""
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    yield
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    await sync_to_async(connections.close_all)()


@pytest.fixture
def marker() -> str:
    return f"secret-{uuid.uuid4().hex}"


@pytest.fixture
def debug_logs(
    caplog: pytest.LogCaptureFixture, settings: Any
) -> Iterator[pytest.LogCaptureFixture]:
    settings.DEBUG = True
    caplog.set_level(logging.DEBUG)
    yield caplog


def leaks(caplog: pytest.LogCaptureFixture, marker: str) -> list[str]:
    """Every captured log record (message, arguments, traceback) that contains ``marker``."""
    # A probe proves the capture is still attached: an empty answer must mean "not logged".
    probe = f"probe-{uuid.uuid4().hex}"
    logging.getLogger("consumers.room").debug(probe)
    assert any(r.getMessage() == probe for r in caplog.records), "log capture is detached"
    formatter = logging.Formatter()
    found = []
    for record in caplog.records:
        parts = [record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info:
            parts.append(formatter.formatException(record.exc_info))
        if record.stack_info:
            parts.append(record.stack_info)
        parts.append(formatter.format(record))
        if any(marker in part for part in parts):
            found.append(f"{record.name}: {record.getMessage()[:200]}")
    return found


def test_the_capture_would_see_message_text_if_sql_were_logged(
    debug_logs: pytest.LogCaptureFixture, member: Membership, marker: str
) -> None:
    """Guards the other tests: unpin the SQL logger and the same send *is* caught, so an
    empty capture below means "not logged", not "not captured"."""
    debug_logs.set_level(logging.DEBUG, logger="django.db.backends")
    access = selectors.access_room(user=member.user, slug="circle")
    submission.message_send(access=access, client_id=uuid.uuid4(), text=marker)
    assert any(r.name == "django.db.backends" for r in debug_logs.records)
    assert leaks(debug_logs, marker)


def test_message_sent_through_the_service_is_not_logged(
    debug_logs: pytest.LogCaptureFixture, member: Membership, marker: str
) -> None:
    access = selectors.access_room(user=member.user, slug="circle")
    ack = submission.message_send(access=access, client_id=uuid.uuid4(), text=f"I feel {marker}")
    assert ack.status == "posted"
    selectors.sync_batch(room_id=access.room_id, start=0, limit=10, recent=10)
    assert Message.objects.filter(text__contains=marker).count() == 1
    assert leaks(debug_logs, marker) == []


async def test_message_sent_through_the_websocket_is_not_logged(
    debug_logs: pytest.LogCaptureFixture,
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    marker: str,
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    ack = await alice.post(f"today was hard {marker}")
    assert ack["status"] == "posted"
    assert marker in (await bob.recv_type("message"))["text"]
    # Read back through sync on a new connection, and resend (the idempotent path).
    later = await open_room(other_member, sync=False)
    messages, _ = await later.sync(0)
    assert any(marker in m["text"] for m in messages)
    assert (await alice.post(f"today was hard {marker}", ack["client_id"]))["seq"] == ack["seq"]
    assert leaks(debug_logs, marker) == []


async def test_refused_message_is_not_logged(
    debug_logs: pytest.LogCaptureFixture, open_room: OpenRoom, member: Membership, marker: str
) -> None:
    alice = await open_room(member)
    await alice.send({"type": "send", "client_id": str(uuid.uuid4()), "text": marker * 200})
    assert (await alice.recv_type("error"))["code"] == "too_long"
    await alice.send({"type": "send", "client_id": "not-a-uuid", "text": marker})
    assert (await alice.recv_type("error"))["code"] == "invalid"
    await alice.send(f'{{"type": "send", "text": "{marker}"')  # not JSON
    assert (await alice.recv_type("error"))["code"] == "invalid"
    assert leaks(debug_logs, marker) == []


async def test_consumer_error_log_leaves_out_the_exception_message(
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    open_room: OpenRoom,
    member: Membership,
    marker: str,
) -> None:
    """A failure's message can quote the data that caused it (a database error echoing a
    value); the consumer logs the failure without it."""

    def broken_send(*, access: Any, client_id: Any, text: str) -> Any:
        raise RuntimeError(f"could not store {text!r}")

    monkeypatch.setattr(submission, "message_send", broken_send)
    alice = await open_room(member)
    await alice.send({"type": "send", "client_id": str(uuid.uuid4()), "text": marker})
    error = await alice.recv_type("error")
    assert error["code"] == "invalid"
    assert marker not in error["detail"]
    # The failure was logged (so this test looks at a real error log)...
    failures = [r for r in debug_logs.records if r.name == "consumers.room"]
    assert failures and failures[0].levelno == logging.ERROR
    assert "RuntimeError" in failures[0].getMessage()
    # ...without what was written.
    assert leaks(debug_logs, marker) == []
    # And the connection is still usable.
    monkeypatch.undo()
    assert (await alice.post("still here"))["status"] == "posted"


async def test_service_refusal_is_not_logged(
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    open_room: OpenRoom,
    member: Membership,
    marker: str,
) -> None:
    def refusing_send(*, access: Any, client_id: Any, text: str) -> Any:
        raise ServiceError("invalid", "refused")

    monkeypatch.setattr(submission, "message_send", refusing_send)
    alice = await open_room(member)
    await alice.send({"type": "send", "client_id": str(uuid.uuid4()), "text": marker})
    assert (await alice.recv_type("error"))["detail"] == "refused"
    assert leaks(debug_logs, marker) == []


def test_broadcast_failure_log_leaves_out_the_exception_message(
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    member: Membership,
    marker: str,
) -> None:
    from channels.layers import get_channel_layer

    layer = get_channel_layer()

    async def refusing_group_send(group: str, message: dict[str, Any]) -> None:
        raise ValueError(f"cannot serialise {message!r}")

    monkeypatch.setattr(layer, "group_send", refusing_group_send)
    access = selectors.access_room(user=member.user, slug="circle")
    ack = submission.message_send(access=access, client_id=uuid.uuid4(), text=marker)
    # Nothing is lost: the message is stored even though the broadcast failed...
    assert Message.objects.get(seq=ack.seq).text == marker
    # ...and the failure was logged.
    assert any(
        r.name == "groups.events.transport" and r.levelno == logging.ERROR
        for r in debug_logs.records
    )
    assert leaks(debug_logs, marker) == []


def test_sql_logger_stays_quiet_even_when_debug_is_on(
    debug_logs: pytest.LogCaptureFixture, member: Membership, marker: str
) -> None:
    """The SQL logger prints parameters at DEBUG; settings pin it above DEBUG."""
    access = selectors.access_room(user=member.user, slug="circle")
    submission.message_send(access=access, client_id=uuid.uuid4(), text=marker)
    assert not [r for r in debug_logs.records if r.name == "django.db.backends"]
