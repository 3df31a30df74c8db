"""Every event the server pushes to clients, and the one place that sends them.

Events are frozen dataclasses that know their wire frame. Services call
:func:`send_event_on_commit` and nothing else sends events, so an event is never seen for
a write that rolled back. Audiences are explicit: a room, its facilitators, or one member.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from groups.logsafe import log_failure

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The channel-layer message type every consumer handles (``room_event``).
LAYER_EVENT_TYPE = "room.event"


@dataclass(frozen=True, slots=True)
class RoomAudience:
    """Everyone connected to a group's room."""

    group_id: int

    @property
    def channel_group(self) -> str:
        return f"room.{self.group_id}"


@dataclass(frozen=True, slots=True)
class FacilitatorAudience:
    """The facilitators connected to a group's room."""

    group_id: int

    @property
    def channel_group(self) -> str:
        return f"room.{self.group_id}.facilitators"


@dataclass(frozen=True, slots=True)
class MemberAudience:
    """Every connection of one membership (one person in one group)."""

    membership_id: int

    @property
    def channel_group(self) -> str:
        return f"member.{self.membership_id}"


Audience = RoomAudience | FacilitatorAudience | MemberAudience


@dataclass(frozen=True, slots=True)
class MessagePosted:
    """A message was stored with its ``seq``; every connection forwards it in order."""

    seq: int
    id: str
    pseudonym: str
    role: str
    text: str
    at: datetime

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "message",
            "seq": self.seq,
            "id": self.id,
            "author": {"pseudonym": self.pseudonym, "role": self.role},
            "text": self.text,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PresenceChanged:
    """Who is in the room now (pseudonyms and roles only)."""

    here: tuple[tuple[str, str], ...]

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "presence",
            "here": [{"pseudonym": p, "role": r} for p, r in self.here],
        }


@dataclass(frozen=True, slots=True)
class Typing:
    """Someone is typing. Never stored."""

    pseudonym: str

    def to_frame(self) -> dict[str, Any]:
        return {"type": "typing", "pseudonym": self.pseudonym}


@dataclass(frozen=True, slots=True)
class FlagRaised:
    """A message needs the facilitators' attention (facilitators only)."""

    flag_id: int
    seq: int | None
    category: str
    severity: str | None
    status: str = "open"

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "flag",
            "flag_id": self.flag_id,
            "seq": self.seq,
            "category": self.category,
            "severity": self.severity,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class MessageHeld:
    """A message waits for a facilitator's decision (facilitators only)."""

    hold_id: int
    pseudonym: str
    role: str
    text: str
    reason: str

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "held",
            "hold_id": self.hold_id,
            "author": {"pseudonym": self.pseudonym, "role": self.role},
            "text": self.text,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class CrisisCard:
    """Crisis lines for the author of a crisis message, sent to them alone."""

    resources: tuple[dict[str, Any], ...]
    # Set when the card is re-sent after coordinators were paged.
    note: str | None = None

    def to_frame(self) -> dict[str, Any]:
        return {"type": "crisis_resources", "resources": list(self.resources), "note": self.note}


@dataclass(frozen=True, slots=True)
class EscalationChanged:
    """An escalation opened or changed state (facilitators only)."""

    escalation_id: int
    state: str

    def to_frame(self) -> dict[str, Any]:
        return {"type": "escalation", "escalation_id": self.escalation_id, "state": self.state}


@dataclass(frozen=True, slots=True)
class MessageHidden:
    """A facilitator hid a posted message: clients remove it (the room)."""

    seq: int

    def to_frame(self) -> dict[str, Any]:
        return {"type": "message_hidden", "seq": self.seq}


@dataclass(frozen=True, slots=True)
class HoldDecided:
    """A held message was approved or rejected (facilitators, so queues stay in step)."""

    hold_id: int
    status: str

    def to_frame(self) -> dict[str, Any]:
        return {"type": "hold_decided", "hold_id": self.hold_id, "status": self.status}


@dataclass(frozen=True, slots=True)
class Notice:
    """Something people should know: a kind word to one member, or news for the room.

    With ``close_code`` the receiving connections close after showing it (removal, ban).
    """

    code: str
    text: str
    close_code: int | None = None

    def to_frame(self) -> dict[str, Any]:
        return {"type": "notice", "code": self.code, "text": self.text}


Event = (
    MessagePosted
    | PresenceChanged
    | Typing
    | FlagRaised
    | MessageHeld
    | CrisisCard
    | EscalationChanged
    | MessageHidden
    | HoldDecided
    | Notice
)


# While a service runs for a consumer (see ``call_service``), committed events are collected
# here and sent by the consumer's event loop after the service returns, instead of the
# database thread blocking on the event loop (which hangs shutdown if the loop has stopped).
_outbox: ContextVar[list[tuple[Event, Audience]] | None] = ContextVar("outbox", default=None)


async def _send(event: Event, audience: Audience) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        message: dict[str, Any] = {"type": LAYER_EVENT_TYPE, "event": event.to_frame()}
        if isinstance(event, Notice) and event.close_code is not None:
            message["close"] = event.close_code
        await layer.group_send(audience.channel_group, message)
    except Exception as exc:
        # The write is committed, so nothing is lost: clients recover it through `sync` and
        # the heartbeat. Log the kind of event and audience only, never its content.
        log_failure(logger, f"sending {type(event).__name__} to {audience.channel_group}", exc)


def _deliver(event: Event, audience: Audience) -> None:
    outbox = _outbox.get()
    if outbox is not None:
        outbox.append((event, audience))
    else:
        # Called outside a consumer (HTTP views, admin, management commands).
        async_to_sync(_send)(event, audience)


def send_event_on_commit(event: Event, audience: Audience) -> None:
    """Send ``event`` to ``audience`` once the current transaction commits (now if none)."""
    transaction.on_commit(lambda: _deliver(event, audience), robust=True)


async def call_service(service: Callable[..., T], /, **kwargs: Any) -> T:
    """Run a service in the database thread, then send the events it committed, in order."""
    outbox: list[tuple[Event, Audience]] = []

    def run() -> T:
        token = _outbox.set(outbox)
        try:
            return service(**kwargs)
        finally:
            _outbox.reset(token)

    try:
        return await database_sync_to_async(run)()
    finally:
        for event, audience in outbox:
            await _send(event, audience)
