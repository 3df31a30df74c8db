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


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


@dataclass(frozen=True, slots=True)
class EscalationSummary:
    """The escalation of a flag, as the flag frame carries it."""

    escalation_id: int
    state: str
    ack_deadline: datetime
    paged_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "escalation_id": self.escalation_id,
            "state": self.state,
            "ack_deadline": self.ack_deadline.isoformat(),
            "paged_at": _iso(self.paged_at),
        }


@dataclass(frozen=True, slots=True)
class FlagRaised:
    """A message needs the facilitators' attention, or its flag changed (facilitators only).

    Built only by ``moderation.selectors.flag_event``, for live events and the replay alike.
    """

    flag_id: int
    seq: int | None
    hold_id: int | None
    category: str
    severity: str | None
    status: str
    pseudonym: str
    # An excerpt (at most 280 characters and an ellipsis): enough to act on in the queue.
    text: str
    at: datetime
    reported: tuple[str, ...] = ()
    escalation: EscalationSummary | None = None

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "flag",
            "flag_id": self.flag_id,
            "seq": self.seq,
            "hold_id": self.hold_id,
            "category": self.category,
            "severity": self.severity,
            "status": self.status,
            "pseudonym": self.pseudonym,
            "text": self.text,
            "at": self.at.isoformat(),
            "reported": list(self.reported),
            "escalation": self.escalation.to_dict() if self.escalation else None,
        }


@dataclass(frozen=True, slots=True)
class MessageHeld:
    """A message waits for a facilitator's decision (facilitators only)."""

    hold_id: int
    flag_id: int | None
    pseudonym: str
    role: str
    text: str
    reason: str
    at: datetime
    status: str = "pending"

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "held",
            "hold_id": self.hold_id,
            "flag_id": self.flag_id,
            "author": {"pseudonym": self.pseudonym, "role": self.role},
            "text": self.text,
            "reason": self.reason,
            "at": self.at.isoformat(),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class PendingMessage:
    """One of the author's own messages still waiting for a facilitator (the author alone,
    on connect), so a held message survives a reload."""

    hold_id: int
    client_id: str
    text: str
    # The kind sentence the author's ``ack`` gave when it was held.
    reason: str
    at: datetime

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "pending",
            "hold_id": self.hold_id,
            "client_id": self.client_id,
            "text": self.text,
            "reason": self.reason,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PendingDecided:
    """A facilitator decided one of the author's held messages (the author alone)."""

    hold_id: int
    client_id: str
    status: str
    seq: int | None
    reason: str | None

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "pending_decided",
            "hold_id": self.hold_id,
            "client_id": self.client_id,
            "status": self.status,
            "seq": self.seq,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class CrisisCard:
    """Crisis lines for the author of a crisis message, sent to them alone."""

    resources: tuple[dict[str, Any], ...]
    # Set when the card is re-sent after coordinators were paged, or sent by a facilitator.
    note: str | None = None

    def to_frame(self) -> dict[str, Any]:
        return {"type": "crisis_resources", "resources": list(self.resources), "note": self.note}


@dataclass(frozen=True, slots=True)
class EscalationChanged:
    """An escalation opened, changed state or paged coordinators (facilitators only).

    Built only by ``moderation.selectors.escalation_event``.
    """

    escalation_id: int
    flag_id: int
    seq: int | None
    hold_id: int | None
    pseudonym: str
    state: str
    opened_at: datetime
    ack_deadline: datetime
    paged_at: datetime | None

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "escalation",
            "escalation_id": self.escalation_id,
            "flag_id": self.flag_id,
            "seq": self.seq,
            "hold_id": self.hold_id,
            "pseudonym": self.pseudonym,
            "state": self.state,
            "opened_at": self.opened_at.isoformat(),
            "ack_deadline": self.ack_deadline.isoformat(),
            "paged_at": _iso(self.paged_at),
        }


@dataclass(frozen=True, slots=True)
class NoteAdded:
    """A private note on a member or an escalation (facilitators only; never logged, never
    in a transcript). Built only by ``moderation.selectors.note_event``."""

    note_id: int
    pseudonym: str | None
    escalation_id: int | None
    text: str
    by: str
    at: datetime

    def to_frame(self) -> dict[str, Any]:
        return {
            "type": "note",
            "note_id": self.note_id,
            "pseudonym": self.pseudonym,
            "escalation_id": self.escalation_id,
            "text": self.text,
            "by": self.by,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class MessageHidden:
    """A posted message left the room: a facilitator hid it or its author deleted it."""

    seq: int
    reason: str  # "hidden" or "deleted"

    def to_frame(self) -> dict[str, Any]:
        return {"type": "message_hidden", "seq": self.seq, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Reported:
    """The reporter's confirmation that their report reached the facilitators (them alone)."""

    seq: int
    kind: str

    def to_frame(self) -> dict[str, Any]:
        return {"type": "reported", "seq": self.seq, "kind": self.kind}


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

    ``until`` says when its cause ends by itself (a mute). With ``close_code`` the receiving
    connections close after showing it (removal, ban).
    """

    code: str
    text: str
    close_code: int | None = None
    until: datetime | None = None

    def to_frame(self) -> dict[str, Any]:
        return {"type": "notice", "code": self.code, "text": self.text, "until": _iso(self.until)}


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
    | PendingMessage
    | PendingDecided
    | NoteAdded
    | Reported
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
