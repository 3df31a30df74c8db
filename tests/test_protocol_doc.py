"""docs/protocol.md stays true: each documented frame is one the server accepts or sends,
with the same fields, and each frame the server knows is documented."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from consumers import frames
from consumers.protocol import (
    KNOWN_COMMAND_TYPES,
    ModerateCommand,
    ProtocolError,
    parse_frame,
    parse_moderation,
)
from groups.events.notices import Muted, NoticeEvent
from groups.events.types import (
    EVENT_TYPES,
    CrisisCard,
    EscalationChanged,
    EscalationSummary,
    FlagRaised,
    HoldDecided,
    MessageHeld,
    MessageHidden,
    MessagePosted,
    NoteAdded,
    PendingDecided,
    PendingMessage,
    PresenceChanged,
    Reported,
    Typing,
)
from groups.services.connections import Welcome
from moderation.services.submission import SendAck

DOC = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def documented_frames() -> list[dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    return [json.loads(block) for block in blocks]


def server_frames() -> dict[str, dict[str, Any]]:
    """One real frame of every type the server sends, built by the server's own code."""
    now = datetime.now(UTC)
    summary = EscalationSummary(escalation_id=1, state="open", ack_deadline=now, paged_at=None)
    built = [
        frames.welcome_frame(Welcome("Willow", "member", 1, "open", now, None, 3)),
        frames.ack_frame(SendAck(client_id=str(uuid.uuid4()), status="posted", seq=3)),
        frames.synced_frame(last_seq=3, complete=True),
        frames.heartbeat_frame(last_seq=3),
        MessagePosted(3, str(uuid.uuid4()), "River", "member", "hi", now).to_frame(),
        PresenceChanged(here=(("River", "member"),)).to_frame(),
        Typing(pseudonym="River").to_frame(),
        ProtocolError("invalid", "x", str(uuid.uuid4())).to_frame(),
        FlagRaised(
            flag_id=1,
            seq=3,
            hold_id=None,
            category="crisis",
            severity="urgent",
            status="open",
            pseudonym="River",
            text="t",
            at=now,
            reported=("worried",),
            escalation=summary,
        ).to_frame(),
        MessageHeld(
            hold_id=1, flag_id=None, pseudonym="River", role="member", text="t", reason="x", at=now
        ).to_frame(),
        CrisisCard(resources=({"name": "988"},)).to_frame(),
        EscalationChanged(
            escalation_id=1,
            flag_id=1,
            seq=3,
            hold_id=None,
            pseudonym="River",
            state="open",
            opened_at=now,
            ack_deadline=now,
            paged_at=None,
        ).to_frame(),
        HoldDecided(hold_id=1, status="approved").to_frame(),
        MessageHidden(seq=3, reason="deleted").to_frame(),
        Muted(minutes=5, muted_until=now).to_frame(),
        PendingMessage(
            hold_id=1, client_id=str(uuid.uuid4()), text="t", reason="r", at=now
        ).to_frame(),
        PendingDecided(
            hold_id=1, client_id=str(uuid.uuid4()), status="posted", seq=4, reason=None
        ).to_frame(),
        NoteAdded(
            note_id=1, pseudonym="River", escalation_id=None, text="t", by="Sam", at=now
        ).to_frame(),
        Reported(seq=3, kind="worried").to_frame(),
    ]
    return {frame["type"]: frame for frame in built}


def test_the_doc_has_examples() -> None:
    assert len(documented_frames()) >= 10


def shape(value: Any) -> Any:
    """The keys of a frame, nested objects included (values are examples)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return None


@pytest.mark.parametrize("frame", documented_frames(), ids=lambda f: f["type"])
def test_each_documented_frame_is_accepted_or_produced(frame: dict[str, Any]) -> None:
    # "typing" is both a client command and a server frame, with different fields.
    command = parse_frame(json.dumps(frame), None)
    if frame["type"] in KNOWN_COMMAND_TYPES and not isinstance(command, ProtocolError):
        if isinstance(command, ModerateCommand):
            # A documented action must be one the server accepts, with those fields.
            assert not isinstance(parse_moderation(command), ProtocolError), frame
        return
    produced = server_frames()
    assert frame["type"] in produced, f"{frame['type']} is neither accepted nor sent"
    produced_shape, documented_shape = shape(produced[frame["type"]]), shape(frame)
    if frame["type"] == "welcome" and frame["session"] is None:
        documented_shape["session"] = produced_shape["session"]
    assert documented_shape == produced_shape, "fields differ from the server's"


def test_every_new_action_is_documented_with_an_example() -> None:
    documented = {f["action"] for f in documented_frames() if f["type"] == "moderate"}
    assert {"reject", "ack_flag", "send_crisis_card", "note", "readmit"} <= documented


def test_every_frame_type_is_documented() -> None:
    documented = {frame["type"] for frame in documented_frames()}
    missing = (set(server_frames()) | KNOWN_COMMAND_TYPES) - documented
    assert not missing, f"undocumented frame types: {sorted(missing)}"


@pytest.mark.parametrize(
    "notice",
    [cls for cls in EVENT_TYPES if issubclass(cls, NoticeEvent)],
    ids=lambda cls: cls.code,
)
def test_every_notice_code_is_documented(notice: type[NoticeEvent]) -> None:
    section = DOC.read_text(encoding="utf-8").split("### `notice`", 1)[1].split("\n### ", 1)[0]
    assert f"`{notice.code}`" in section, f"notice code {notice.code} is not in docs/protocol.md"
