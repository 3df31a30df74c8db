"""Which service carries out which ``moderate`` action (a table, so the consumer stays thin).

Each action's fields are named as its service's keyword arguments, so the arguments are
the parsed action itself, less its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consumers.protocol import ModerationAction
from moderation import actions

SERVICES: dict[str, Callable[..., Any]] = {
    "approve": actions.hold_approve,
    "reject": actions.hold_reject,
    "hide": actions.message_hide,
    "ack_flag": actions.flag_acknowledge,
    "resolve_flag": actions.flag_resolve,
    "ack_escalation": actions.escalation_take,
    "escalate": actions.flag_escalate,
    "escalation_update": actions.escalation_update,
    "mute": actions.member_mute,
    "unmute": actions.member_unmute,
    "remove": actions.member_remove,
    "ban": actions.member_ban,
    "pause": actions.room_pause,
    "resume": actions.room_resume,
    "slow_mode": actions.room_slow_mode,
    "open_session": actions.session_open_now,
    "end_session": actions.session_end,
    "send_crisis_card": actions.member_send_crisis_card,
    "readmit": actions.member_readmit,
    "note": actions.note_add,
}


def moderation_call(action: ModerationAction) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The service for ``action`` and its keyword arguments (besides access and now)."""
    return SERVICES[action.action], action.model_dump(exclude={"action"})
