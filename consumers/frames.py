"""Frames a connection sends to its own client (broadcast events live in groups.events)."""

from __future__ import annotations

from typing import Any

from groups.models import Message
from groups.services.connections import Welcome
from groups.services.messages import message_posted_event
from moderation.services.submission import SendAck


def welcome_frame(welcome: Welcome) -> dict[str, Any]:
    session = None
    if welcome.session_id is not None:
        session = {
            "id": welcome.session_id,
            "state": welcome.session_state,
            "opened_at": welcome.session_opened_at.isoformat()
            if welcome.session_opened_at
            else None,
            "scheduled_end": welcome.session_scheduled_end.isoformat()
            if welcome.session_scheduled_end
            else None,
        }
    return {
        "type": "welcome",
        "you": {
            "pseudonym": welcome.pseudonym,
            "role": welcome.role,
            "muted_until": welcome.muted_until.isoformat() if welcome.muted_until else None,
        },
        "session": session,
        "room": {
            "paused": welcome.paused,
            "slow_mode_seconds": welcome.slow_mode_seconds,
            "facilitator_present": welcome.facilitator_present,
        },
        "last_seq": welcome.last_seq,
    }


def ack_frame(ack: SendAck) -> dict[str, Any]:
    return {
        "type": "ack",
        "client_id": ack.client_id,
        "status": ack.status,
        "seq": ack.seq,
        "reason": ack.reason,
    }


def message_frame(message: Message) -> dict[str, Any]:
    return message_posted_event(message).to_frame()


def synced_frame(*, last_seq: int, complete: bool) -> dict[str, Any]:
    return {"type": "synced", "last_seq": last_seq, "complete": complete}


def heartbeat_frame(*, last_seq: int) -> dict[str, Any]:
    return {"type": "heartbeat", "last_seq": last_seq}
