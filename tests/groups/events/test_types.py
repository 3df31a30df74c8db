"""The catalogue: every registered event type has an example here, with its audiences and
its exact frame shape. A new event type without an example fails
``test_every_event_type_has_an_example``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from groups.events import notices, types
from groups.events.audiences import FacilitatorAudience, MemberAudience, RoomAudience
from groups.events.transport import layer_message, send_event_on_commit
from groups.events.types import EVENT_TYPES, EventBase

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ROOM, FACILITATORS, MEMBER = RoomAudience(1), FacilitatorAudience(1), MemberAudience(7)
SUMMARY = types.EscalationSummary(escalation_id=4, state="open", ack_deadline=NOW, paged_at=None)

# One example per type: the event, the audiences it may go to, and its frame's keys.
EXAMPLES: dict[type[EventBase], tuple[EventBase, set[type], set[str]]] = {
    types.MessagePosted: (
        types.MessagePosted(3, str(uuid.uuid4()), "River", "member", "hi", NOW),
        {RoomAudience},
        {"type", "seq", "id", "author", "text", "at"},
    ),
    types.MessageHidden: (
        types.MessageHidden(seq=3, reason="hidden"),
        {RoomAudience},
        {"type", "seq", "reason"},
    ),
    types.PresenceChanged: (
        types.PresenceChanged(here=(("River", "member"),)),
        {RoomAudience},
        {"type", "here"},
    ),
    types.Typing: (types.Typing(pseudonym="River"), {RoomAudience}, {"type", "pseudonym"}),
    types.FlagRaised: (
        types.FlagRaised(
            flag_id=1,
            seq=3,
            hold_id=None,
            category="crisis",
            severity="urgent",
            status="open",
            pseudonym="River",
            text="t",
            at=NOW,
            reported=("worried",),
            escalation=SUMMARY,
        ),
        {FacilitatorAudience},
        {
            "type",
            "flag_id",
            "seq",
            "hold_id",
            "category",
            "severity",
            "status",
            "pseudonym",
            "text",
            "at",
            "reported",
            "escalation",
        },
    ),
    types.MessageHeld: (
        types.MessageHeld(
            hold_id=1, flag_id=None, pseudonym="River", role="member", text="t", reason="x", at=NOW
        ),
        {FacilitatorAudience},
        {"type", "hold_id", "flag_id", "author", "text", "reason", "at", "status"},
    ),
    types.HoldDecided: (
        types.HoldDecided(hold_id=1, status="approved"),
        {FacilitatorAudience},
        {"type", "hold_id", "status"},
    ),
    types.EscalationChanged: (
        types.EscalationChanged(
            escalation_id=4,
            flag_id=1,
            seq=3,
            hold_id=None,
            pseudonym="River",
            state="open",
            opened_at=NOW,
            ack_deadline=NOW,
            paged_at=NOW,
        ),
        {FacilitatorAudience},
        {
            "type",
            "escalation_id",
            "flag_id",
            "seq",
            "hold_id",
            "pseudonym",
            "state",
            "opened_at",
            "ack_deadline",
            "paged_at",
        },
    ),
    types.NoteAdded: (
        types.NoteAdded(
            note_id=1, pseudonym="River", escalation_id=None, text="t", by="Sam", at=NOW
        ),
        {FacilitatorAudience},
        {"type", "note_id", "pseudonym", "escalation_id", "text", "by", "at"},
    ),
    types.PendingMessage: (
        types.PendingMessage(hold_id=1, client_id=str(uuid.uuid4()), text="t", reason="r", at=NOW),
        {MemberAudience},
        {"type", "hold_id", "client_id", "text", "reason", "at"},
    ),
    types.PendingDecided: (
        types.PendingDecided(
            hold_id=1, client_id=str(uuid.uuid4()), status="posted", seq=4, reason=None
        ),
        {MemberAudience},
        {"type", "hold_id", "client_id", "status", "seq", "reason"},
    ),
    types.CrisisCard: (
        types.CrisisCard(resources=({"name": "988"},), note=None),
        {MemberAudience},
        {"type", "resources", "note"},
    ),
    types.Reported: (
        types.Reported(seq=3, kind="worried"),
        {MemberAudience},
        {"type", "seq", "kind"},
    ),
}
NOTICE_KEYS = {"type", "code", "text", "until"}
# Notices: the event, its audiences, its protocol code.
NOTICES: dict[type[EventBase], tuple[EventBase, set[type], str]] = {
    notices.LobbyWaiting: (notices.LobbyWaiting(), {MemberAudience}, "lobby"),
    notices.SessionOpened: (notices.SessionOpened(), {RoomAudience}, "session_opened"),
    notices.SessionEnded: (notices.SessionEnded(), {RoomAudience}, "session_ended"),
    notices.NoFacilitator: (
        notices.NoFacilitator(left=True),
        {MemberAudience, RoomAudience},
        "no_facilitator",
    ),
    notices.FacilitatorHere: (notices.FacilitatorHere(), {RoomAudience}, "facilitator_here"),
    notices.RoomPaused: (notices.RoomPaused(), {RoomAudience}, "room_paused"),
    notices.RoomResumed: (notices.RoomResumed(), {RoomAudience}, "room_resumed"),
    notices.SlowModeChanged: (notices.SlowModeChanged(30), {RoomAudience}, "room_slow_mode"),
    notices.Muted: (notices.Muted(minutes=5, muted_until=NOW), {MemberAudience}, "muted"),
    notices.Unmuted: (notices.Unmuted(), {MemberAudience}, "unmuted"),
    notices.Removed: (notices.Removed(), {MemberAudience}, "removed"),
    notices.Banned: (notices.Banned(), {MemberAudience}, "banned"),
    notices.SignedOut: (notices.SignedOut(), {MemberAudience}, "signed_out"),
    notices.CertificationEnded: (
        notices.CertificationEnded(),
        {MemberAudience},
        "certification_ended",
    ),
    notices.AgreementChanged: (notices.AgreementChanged(), {MemberAudience}, "agreement_changed"),
    notices.Readmitted: (notices.Readmitted("River"), {FacilitatorAudience}, "readmitted"),
    notices.CrisisCardSent: (
        notices.CrisisCardSent("River"),
        {FacilitatorAudience},
        "crisis_card_sent",
    ),
}
ALL = {cls: (event, audiences) for cls, (event, audiences, _) in (EXAMPLES | NOTICES).items()}


def test_every_event_type_has_an_example() -> None:
    assert set(EVENT_TYPES) == set(ALL), "add the new event type to EXAMPLES or NOTICES"


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_shape_and_audiences(cls: type[EventBase]) -> None:
    event, audiences, keys = EXAMPLES[cls]
    assert isinstance(event, cls)
    assert set(cls.audiences) == audiences
    frame = event.to_frame()
    assert set(frame) == keys
    assert set(cls.frame_model.model_fields) == keys


@pytest.mark.parametrize("cls", list(NOTICES), ids=lambda c: c.__name__)
def test_notice_shape_code_and_audiences(cls: type[EventBase]) -> None:
    event, audiences, code = NOTICES[cls]
    assert set(cls.audiences) == audiences
    frame = event.to_frame()
    assert set(frame) == NOTICE_KEYS
    assert frame["type"] == "notice" and frame["code"] == code and frame["text"].strip()


def test_notice_codes_are_distinct() -> None:
    codes = [code for _, _, code in NOTICES.values()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("event", "close_code"),
    [
        (notices.Removed(), 4000),
        (notices.Banned(), 4403),
        (notices.SignedOut(), 4401),
        (notices.Muted(5, NOW), None),
    ],
    ids=["removed", "banned", "signed-out", "muted"],
)
def test_only_removal_ban_and_signing_out_close_the_receiving_sockets(
    event: EventBase, close_code: int | None
) -> None:
    assert layer_message(event).get("close") == close_code
    closing = {cls for cls in EVENT_TYPES if cls.close_code is not None}
    assert closing == {
        notices.Removed,
        notices.Banned,
        notices.SignedOut,
        notices.AgreementChanged,
        notices.CertificationEnded,
    }


@pytest.mark.parametrize("cls", list(ALL), ids=lambda c: c.__name__)
def test_an_undeclared_audience_is_refused(cls: type[EventBase]) -> None:
    event, audiences = ALL[cls]
    for audience in (ROOM, FACILITATORS, MEMBER):
        if type(audience) not in audiences:
            with pytest.raises(TypeError):
                send_event_on_commit(event, audience)


def test_a_frame_with_an_undeclared_field_is_refused() -> None:
    @dataclass(frozen=True)
    class Sloppy(types.Typing):
        def frame(self) -> dict[str, Any]:
            return {**types.Typing.frame(self), "username": "alice"}

    with pytest.raises(ValidationError):
        Sloppy(pseudonym="River").to_frame()


def test_a_type_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        types.event_type(types.frames.TypingFrame, RoomAudience)(
            type("Typing", (EventBase,), {"__slots__": ()})
        )
