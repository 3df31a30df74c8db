"""Facilitators' moderation actions. Each is authorised on every call (an active, certified
facilitator of the group), runs in one transaction with its audit row and its history, and
sends its events after commit. One module per kind of target."""

from moderation.actions.authorise import facilitator_for
from moderation.actions.escalations import escalation_take, escalation_update, flag_escalate
from moderation.actions.members import (
    member_ban,
    member_mute,
    member_readmit,
    member_remove,
    member_send_crisis_card,
    member_unmute,
)
from moderation.actions.notes import note_add
from moderation.actions.queue import (
    flag_acknowledge,
    flag_resolve,
    hold_approve,
    hold_reject,
    message_hide,
)
from moderation.actions.reports import message_report
from moderation.actions.room import (
    room_pause,
    room_resume,
    room_slow_mode,
    session_end,
    session_open_now,
)

__all__ = [
    "escalation_take",
    "escalation_update",
    "facilitator_for",
    "flag_acknowledge",
    "flag_escalate",
    "flag_resolve",
    "hold_approve",
    "hold_reject",
    "member_ban",
    "member_mute",
    "member_readmit",
    "member_remove",
    "member_send_crisis_card",
    "member_unmute",
    "message_hide",
    "message_report",
    "note_add",
    "room_pause",
    "room_resume",
    "room_slow_mode",
    "session_end",
    "session_open_now",
]
