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
from consumers.protocol import KNOWN_COMMAND_TYPES, ProtocolError, parse_frame
from groups.events import (
    CrisisCard,
    EscalationChanged,
    FlagRaised,
    HoldDecided,
    MessageHeld,
    MessageHidden,
    MessagePosted,
    Notice,
    PresenceChanged,
    Typing,
)
from groups.services import SendAck, Welcome

DOC = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def documented_frames() -> list[dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    return [json.loads(block) for block in blocks]


def server_frames() -> dict[str, dict[str, Any]]:
    """One real frame of every type the server sends, built by the server's own code."""
    now = datetime.now(UTC)
    built = [
        frames.welcome_frame(Welcome("Willow", "member", 1, "open", now, None, 3)),
        frames.ack_frame(SendAck(client_id=str(uuid.uuid4()), status="posted", seq=3)),
        frames.synced_frame(last_seq=3, complete=True),
        frames.heartbeat_frame(last_seq=3),
        MessagePosted(3, str(uuid.uuid4()), "River", "member", "hi", now).to_frame(),
        PresenceChanged(here=(("River", "member"),)).to_frame(),
        Typing(pseudonym="River").to_frame(),
        ProtocolError("invalid", "x", str(uuid.uuid4())).to_frame(),
        FlagRaised(flag_id=1, seq=3, category="crisis", severity="urgent").to_frame(),
        MessageHeld(hold_id=1, pseudonym="River", role="member", text="t", reason="x").to_frame(),
        CrisisCard(resources=({"name": "988"},)).to_frame(),
        EscalationChanged(escalation_id=1, state="open").to_frame(),
        HoldDecided(hold_id=1, status="approved").to_frame(),
        MessageHidden(seq=3).to_frame(),
        Notice(code="message_rejected", text="t").to_frame(),
    ]
    return {frame["type"]: frame for frame in built}


def test_the_doc_has_examples() -> None:
    assert len(documented_frames()) >= 10


@pytest.mark.parametrize("frame", documented_frames(), ids=lambda f: f["type"])
def test_each_documented_frame_is_accepted_or_produced(frame: dict[str, Any]) -> None:
    # "typing" is both a client command and a server frame, with different fields.
    if frame["type"] in KNOWN_COMMAND_TYPES and not isinstance(
        parse_frame(json.dumps(frame), None), ProtocolError
    ):
        return
    produced = server_frames()
    assert frame["type"] in produced, f"{frame['type']} is neither accepted nor sent"
    assert set(frame) == set(produced[frame["type"]]), "fields differ from the server's"


def test_every_frame_type_is_documented() -> None:
    documented = {frame["type"] for frame in documented_frames()}
    missing = (set(server_frames()) | KNOWN_COMMAND_TYPES) - documented
    assert not missing, f"undocumented frame types: {sorted(missing)}"
