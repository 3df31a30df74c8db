"""The one way events leave a service: after the transaction commits, on the channel layer.

Services call :func:`send_event_on_commit` and nothing else sends events, so an event is
never seen for a write that rolled back. :func:`call_service` is how the event loop (a
consumer, the embedded worker) runs a service: in the database thread, then sending what it
committed, in order, from the loop itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import F

from groups.dbthread import database_sync_to_async
from groups.events.audiences import Audience, FacilitatorAudience
from groups.events.types import Event, check_audience
from groups.logsafe import log_failure
from groups.models import Room

logger = logging.getLogger(__name__)

T = TypeVar("T")

# An event on its way: the event, its audience, and its channel-layer message (built and
# validated at the write).
_Outgoing = tuple[Event, Audience, dict[str, Any]]

# The channel-layer message type every consumer handles (``room_event``).
LAYER_EVENT_TYPE = "room.event"

# While a service runs for the event loop (see ``call_service``), committed events are
# collected here and sent by the loop after the service returns, instead of the database
# thread blocking on the event loop (which hangs shutdown if the loop has stopped).
_outbox: ContextVar[list[_Outgoing] | None] = ContextVar("outbox", default=None)


def layer_message(event: Event) -> dict[str, Any]:
    """The channel-layer message for ``event``: its frame, and the close code of an event
    that ends the receiving connections (a removal, a ban)."""
    message: dict[str, Any] = {"type": LAYER_EVENT_TYPE, "event": event.to_frame()}
    if event.close_code is not None:
        message["close"] = event.close_code
    return message


async def _send(event: Event, audience: Audience, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        await layer.group_send(audience.channel_group, message)
    except Exception as exc:
        # The write is committed, so nothing is lost: clients recover it through `sync` and
        # the heartbeat. Log the kind of event and audience only, never its content.
        log_failure(logger, f"sending {type(event).__name__} to {audience.channel_group}", exc)


def _deliver(event: Event, audience: Audience, message: dict[str, Any]) -> None:
    outbox = _outbox.get()
    if outbox is not None:
        outbox.append((event, audience, message))
    else:
        # Called outside the event loop (HTTP views, admin, management commands).
        async_to_sync(_send)(event, audience, message)


def send_event_on_commit(event: Event, audience: Audience) -> None:
    """Send ``event`` to ``audience`` once the current transaction commits (now if none).

    An audience the event type does not declare is a programming error, refused here, at
    the write, rather than discovered as a leak.
    """
    check_audience(event, audience)
    # Built (and validated) now, inside the write, so a malformed event rolls it back.
    message = layer_message(event)
    if isinstance(audience, FacilitatorAudience):
        # Numbered in the write's transaction, like a message's seq: a facilitator's
        # connection that sees a gap, or a heartbeat ahead of what it saw, replays the
        # queue, so an alert dropped by a full channel is still shown (issue 9).
        message["fseq"] = facilitator_seq_next(group_id=audience.group_id)
    transaction.on_commit(lambda: _deliver(event, audience, message), robust=True)


def facilitator_seq_next(*, group_id: int) -> int:
    """Allocate the next number of the group's facilitator events."""
    rooms = Room.objects.filter(group_id=group_id)
    rooms.update(facilitator_seq=F("facilitator_seq") + 1)
    return int(rooms.values_list("facilitator_seq", flat=True).get())


async def call_service(service: Callable[..., T], /, **kwargs: Any) -> T:
    """Run a service in the database thread, then send the events it committed, in order."""
    outbox: list[_Outgoing] = []

    def run() -> T:
        token = _outbox.set(outbox)
        try:
            return service(**kwargs)
        finally:
            _outbox.reset(token)

    try:
        return await database_sync_to_async(run)()
    finally:
        for event, audience, message in outbox:
            await _send(event, audience, message)
