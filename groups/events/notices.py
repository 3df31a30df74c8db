"""Notices: what people should know, one event type each, with its words written here.

A notice is shown until its cause ends (the client keys notices by ``code``): a mute by its
``until``, the lobby by the session opening, "no facilitator" by one arriving. The codes are
the protocol's (``docs/protocol.md``); nothing else sends a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from groups.events import frames
from groups.events.audiences import FacilitatorAudience, MemberAudience, RoomAudience
from groups.events.types import (
    CLOSE_BANNED,
    CLOSE_REMOVED,
    CLOSE_SIGNED_OUT,
    EventBase,
    event_type,
)


class NoticeEvent(EventBase):
    """A notice frame: a fixed ``code`` per type, its ``text`` and, for a mute, ``until``."""

    __slots__ = ()
    code: ClassVar[str]

    @property
    def text(self) -> str:
        raise NotImplementedError

    @property
    def until(self) -> datetime | None:
        return None

    def frame(self) -> dict[str, Any]:
        until = self.until
        return {
            "type": "notice",
            "code": self.code,
            "text": self.text,
            "until": until.isoformat() if until is not None else None,
        }


def _notice(code: str, *audiences: Any) -> Any:
    """Register a notice type under its protocol ``code``."""
    register = event_type(frames.NoticeFrame, *audiences)

    def decorate(cls: type[NoticeEvent]) -> type[NoticeEvent]:
        cls.code = code
        return register(cls)

    return decorate


# --- The session and the room ------------------------------------------------------------


@_notice("lobby", MemberAudience)
@dataclass(frozen=True, slots=True)
class LobbyWaiting(NoticeEvent):
    """A member arrived before the session opened; it clears when it opens."""

    @property
    def text(self) -> str:
        return "The session hasn't started yet. You'll be let in when a facilitator opens it."


@_notice("session_opened", RoomAudience)
@dataclass(frozen=True, slots=True)
class SessionOpened(NoticeEvent):
    """A session opened: the lobby's members are let in."""

    @property
    def text(self) -> str:
        return "The session is open. Welcome, everyone."


@_notice("session_ended", RoomAudience)
@dataclass(frozen=True, slots=True)
class SessionEnded(NoticeEvent):
    """The session ended: nobody posts until the next one opens."""

    @property
    def text(self) -> str:
        return "This session has ended. Thank you for being here."


@_notice("no_facilitator", MemberAudience, RoomAudience)
@dataclass(frozen=True, slots=True)
class NoFacilitator(NoticeEvent):
    """No facilitator is in the room (to one arriving member), or the last one left (to
    the room). Flags keep waiting in the queue and their escalation timers keep running."""

    left: bool = False

    @property
    def text(self) -> str:
        if self.left:
            return (
                'The facilitator has left the room. "Get help now" is always there if you need it.'
            )
        return (
            'No facilitator is in the room right now. "Get help now" is always there if you '
            "need it."
        )


@_notice("facilitator_here", RoomAudience)
@dataclass(frozen=True, slots=True)
class FacilitatorHere(NoticeEvent):
    """The first facilitator arrived: it clears the members' "no facilitator" notice."""

    @property
    def text(self) -> str:
        return "A facilitator is here."


@_notice("room_paused", RoomAudience)
@dataclass(frozen=True, slots=True)
class RoomPaused(NoticeEvent):
    """Only facilitators can post until the room is resumed."""

    @property
    def text(self) -> str:
        return "The facilitator has paused the room for a moment."


@_notice("room_resumed", RoomAudience)
@dataclass(frozen=True, slots=True)
class RoomResumed(NoticeEvent):
    """Everyone can post again."""

    @property
    def text(self) -> str:
        return "The room is open again."


@_notice("room_slow_mode", RoomAudience)
@dataclass(frozen=True, slots=True)
class SlowModeChanged(NoticeEvent):
    """Slow mode changed (``seconds`` 0: off)."""

    seconds: int

    @property
    def text(self) -> str:
        if self.seconds:
            return f"Slow mode: one message every {self.seconds} seconds."
        return "Slow mode is off."


# --- One member, as a facilitator acts on them -------------------------------------------


@_notice("muted", MemberAudience)
@dataclass(frozen=True, slots=True)
class Muted(NoticeEvent):
    """A facilitator paused this member's messages; it ends by itself at ``muted_until``."""

    minutes: int
    muted_until: datetime

    @property
    def text(self) -> str:
        return (
            f"A facilitator has paused your messages for {self.minutes} minutes. "
            "You can still read along, and 'Get help now' is always there."
        )

    @property
    def until(self) -> datetime | None:
        return self.muted_until


@_notice("unmuted", MemberAudience)
@dataclass(frozen=True, slots=True)
class Unmuted(NoticeEvent):
    """The member can post again."""

    @property
    def text(self) -> str:
        return "You can post again."


@_notice("removed", MemberAudience)
@dataclass(frozen=True, slots=True)
class Removed(NoticeEvent):
    """The member was taken out of the session: their sockets close after reading this."""

    close_code: ClassVar[int | None] = CLOSE_REMOVED

    @property
    def text(self) -> str:
        return "A facilitator has asked you to step out of this session."


@_notice("banned", MemberAudience)
@dataclass(frozen=True, slots=True)
class Banned(NoticeEvent):
    """The member was banned from the group: their sockets close after reading this."""

    close_code: ClassVar[int | None] = CLOSE_BANNED

    @property
    def text(self) -> str:
        return "You can no longer take part in this group."


@_notice("agreement_changed", MemberAudience)
@dataclass(frozen=True, slots=True)
class AgreementChanged(NoticeEvent):
    """The group has a new agreement version: every socket closes until it is accepted."""

    close_code: ClassVar[int | None] = CLOSE_BANNED  # 4403: may not enter until accepted

    @property
    def text(self) -> str:
        return "The group agreement has changed. Reload the page to read it and agree."


@_notice("certification_ended", MemberAudience)
@dataclass(frozen=True, slots=True)
class CertificationEnded(NoticeEvent):
    """A facilitator's certification ended or was revoked: their sockets close."""

    close_code: ClassVar[int | None] = CLOSE_BANNED  # 4403: may not enter as facilitator

    @property
    def text(self) -> str:
        return (
            "Your facilitator certification is no longer valid, so this room is closed to "
            "you for now. A coordinator can renew it."
        )


@_notice("signed_out", MemberAudience)
@dataclass(frozen=True, slots=True)
class SignedOut(NoticeEvent):
    """The account logged out (or was deactivated): every socket of it closes."""

    close_code: ClassVar[int | None] = CLOSE_SIGNED_OUT

    @property
    def text(self) -> str:
        return "You have been logged out. Log in again to come back."


# --- The facilitators, about a member ----------------------------------------------------


@_notice("readmitted", FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class Readmitted(NoticeEvent):
    """A removed member may come back into the session."""

    pseudonym: str

    @property
    def text(self) -> str:
        return f"{self.pseudonym} can come back into the session."


@_notice("crisis_card_sent", FacilitatorAudience)
@dataclass(frozen=True, slots=True)
class CrisisCardSent(NoticeEvent):
    """A facilitator sent a member the crisis card."""

    pseudonym: str

    @property
    def text(self) -> str:
        return f"The crisis card was sent to {self.pseudonym}."


# The notice that ends a connection for each reason ``selectors.revoked`` can give.
REVOCATION_NOTICES: dict[str, type[NoticeEvent]] = {
    "signed_out": SignedOut,
    "banned": Banned,
    "agreement_changed": AgreementChanged,
    "certification_ended": CertificationEnded,
    "removed": Removed,
}
