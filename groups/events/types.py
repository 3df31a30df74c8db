"""The catalogue: every event the server pushes to clients.

Each event is a frozen dataclass registered with :func:`event_type`, which declares its wire
shape (a model in ``groups.events.frames``, validated on every ``to_frame``) and the
audiences it may go to. Notices are one type each, with their words here, so that what a
member reads is written in one place and no code sends free text under a made-up code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from groups.events import frames
from groups.events.audiences import Audience, FacilitatorAudience, MemberAudience, RoomAudience

# Close codes for sockets a facilitator ends (application range 4000-4999).
CLOSE_REMOVED = 4000
CLOSE_BANNED = 4403
# The account's access ended (logged out, deactivated, erased): as for a socket opened
# without a login.
CLOSE_SIGNED_OUT = 4401


class EventBase:
    """What every event declares: its frame model, its audiences, whether it closes."""

    __slots__ = ()
    frame_model: ClassVar[type[frames.Frame]]
    audiences: ClassVar[tuple[type[Audience], ...]]
    # Set on events after which the receiving connections close (removal, ban).
    close_code: ClassVar[int | None] = None

    def frame(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_frame(self) -> dict[str, Any]:
        """The wire frame, checked against the declared model (extra fields refused)."""
        built = self.frame()
        self.frame_model.model_validate(built)
        return built


E = TypeVar("E", bound=type[EventBase])

# Every event type, in the order declared: ``tests/groups/events/test_types.py`` fails for a
# type that has no example there.
EVENT_TYPES: list[type[EventBase]] = []


def event_type(frame_model: type[frames.Frame], *audiences: type[Audience]) -> Callable[[E], E]:
    """Register an event type with its frame model and audiences (duplicates refused)."""

    def register(cls: E) -> E:
        if any(known.__name__ == cls.__name__ for known in EVENT_TYPES):
            raise ValueError(f"event type {cls.__name__} is registered twice")
        cls.frame_model = frame_model
        cls.audiences = audiences
        EVENT_TYPES.append(cls)
        return cls

    return register


def check_audience(event: EventBase, audience: Audience) -> None:
    """Refuse to send an event to an audience its type does not declare."""
    if not isinstance(audience, type(event).audiences):
        raise TypeError(f"{type(event).__name__} cannot be sent to {type(audience).__name__}")


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


# --- The room's messages -----------------------------------------------------------------


@event_type(frames.MessageFrame, RoomAudience)
@dataclass(frozen=True, slots=True)
class MessagePosted(EventBase):
    """A message was stored with its ``seq``; every connection forwards it in order."""

    seq: int
    id: str
    pseudonym: str
    role: str
    text: str
    at: datetime

    def frame(self) -> dict[str, Any]:
        return {
            "type": "message",
            "seq": self.seq,
            "id": self.id,
            "author": {"pseudonym": self.pseudonym, "role": self.role},
            "text": self.text,
            "at": self.at.isoformat(),
        }


@event_type(frames.MessageHiddenFrame, RoomAudience)
@dataclass(frozen=True, slots=True)
class MessageHidden(EventBase):
    """A posted message left the room: a facilitator hid it or its author deleted it."""

    seq: int
    reason: str  # "hidden" or "deleted"

    def frame(self) -> dict[str, Any]:
        return {"type": "message_hidden", "seq": self.seq, "reason": self.reason}


@event_type(frames.PresenceFrame, RoomAudience)
@dataclass(frozen=True, slots=True)
class PresenceChanged(EventBase):
    """Who is in the room now (pseudonyms and roles only)."""

    here: tuple[tuple[str, str], ...]

    def frame(self) -> dict[str, Any]:
        return {
            "type": "presence",
            "here": [{"pseudonym": p, "role": r} for p, r in self.here],
        }


@event_type(frames.TypingFrame, RoomAudience)
@dataclass(frozen=True, slots=True)
class Typing(EventBase):
    """Someone is typing. Never stored."""

    pseudonym: str

    def frame(self) -> dict[str, Any]:
        return {"type": "typing", "pseudonym": self.pseudonym}


# --- The facilitators' queue -------------------------------------------------------------


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


@event_type(frames.FlagFrame, FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class FlagRaised(EventBase):
    """A flag as it stands now: raised, reported, acknowledged, resolved or escalated
    (facilitators only). The console keys it by ``flag_id``, so the live event and the
    replay are one frame. Built only by ``moderation.selectors.flag_event``."""

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

    def frame(self) -> dict[str, Any]:
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


@event_type(frames.HeldFrame, FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class MessageHeld(EventBase):
    """A message waits for a facilitator's decision (facilitators only)."""

    hold_id: int
    flag_id: int | None
    pseudonym: str
    role: str
    text: str
    reason: str
    at: datetime
    status: str = "pending"

    def frame(self) -> dict[str, Any]:
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


@event_type(frames.HoldDecidedFrame, FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class HoldDecided(EventBase):
    """A held message was approved or rejected (facilitators, so queues stay in step)."""

    hold_id: int
    status: str

    def frame(self) -> dict[str, Any]:
        return {"type": "hold_decided", "hold_id": self.hold_id, "status": self.status}


@event_type(frames.EscalationFrame, FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class EscalationChanged(EventBase):
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

    def frame(self) -> dict[str, Any]:
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


@event_type(frames.NoteFrame, FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class NoteAdded(EventBase):
    """A private note on a member or an escalation (facilitators only; never logged, never
    in a transcript). Built only by ``moderation.selectors.note_event``."""

    note_id: int
    pseudonym: str | None
    escalation_id: int | None
    text: str
    by: str
    at: datetime

    def frame(self) -> dict[str, Any]:
        return {
            "type": "note",
            "note_id": self.note_id,
            "pseudonym": self.pseudonym,
            "escalation_id": self.escalation_id,
            "text": self.text,
            "by": self.by,
            "at": self.at.isoformat(),
        }


# --- One member --------------------------------------------------------------------------


@event_type(frames.PendingFrame, MemberAudience)
@dataclass(frozen=True, slots=True)
class PendingMessage(EventBase):
    """One of the author's own messages still waiting for a facilitator (the author alone,
    on connect), so a held message survives a reload."""

    hold_id: int
    client_id: str
    text: str
    # The kind sentence the author's ``ack`` gave when it was held.
    reason: str
    at: datetime

    def frame(self) -> dict[str, Any]:
        return {
            "type": "pending",
            "hold_id": self.hold_id,
            "client_id": self.client_id,
            "text": self.text,
            "reason": self.reason,
            "at": self.at.isoformat(),
        }


@event_type(frames.PendingDecidedFrame, MemberAudience)
@dataclass(frozen=True, slots=True)
class PendingDecided(EventBase):
    """A facilitator decided one of the author's held messages (the author alone)."""

    hold_id: int
    client_id: str
    status: str
    seq: int | None
    reason: str | None

    def frame(self) -> dict[str, Any]:
        return {
            "type": "pending_decided",
            "hold_id": self.hold_id,
            "client_id": self.client_id,
            "status": self.status,
            "seq": self.seq,
            "reason": self.reason,
        }


@event_type(frames.CrisisResourcesFrame, MemberAudience)
@dataclass(frozen=True, slots=True)
class CrisisCard(EventBase):
    """Crisis lines for the author of a crisis message, sent to them alone."""

    resources: tuple[dict[str, Any], ...]
    # Set when the card is re-sent after coordinators were paged, or sent by a facilitator.
    note: str | None = None

    def frame(self) -> dict[str, Any]:
        return {"type": "crisis_resources", "resources": list(self.resources), "note": self.note}


@event_type(frames.ReportedFrame, MemberAudience)
@dataclass(frozen=True, slots=True)
class Reported(EventBase):
    """The reporter's confirmation that their report reached the facilitators (them alone)."""

    seq: int
    kind: str

    def frame(self) -> dict[str, Any]:
        return {"type": "reported", "seq": self.seq, "kind": self.kind}


# Every event is an ``EventBase``; the registry above lists the concrete types.
Event = EventBase
