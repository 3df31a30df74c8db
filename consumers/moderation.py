"""Which service carries out which ``moderate`` action (a table, so the consumer stays thin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consumers.protocol import (
    AckEscalationAction,
    AckFlagAction,
    ApproveAction,
    BanAction,
    EndSessionAction,
    EscalateAction,
    EscalationUpdateAction,
    HideAction,
    ModerationAction,
    MuteAction,
    OpenSessionAction,
    PauseAction,
    RejectAction,
    RemoveAction,
    ResolveFlagAction,
    ResumeAction,
    SlowModeAction,
    UnmuteAction,
)
from moderation import actions


def moderation_call(action: ModerationAction) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The service for ``action`` and its keyword arguments (besides access and now)."""
    if isinstance(action, ApproveAction):
        return actions.hold_approve, {"hold_id": action.hold_id}
    if isinstance(action, RejectAction):
        return actions.hold_reject, {"hold_id": action.hold_id}
    if isinstance(action, HideAction):
        return actions.message_hide, {"seq": action.seq, "reason": action.reason}
    if isinstance(action, AckFlagAction):
        return actions.flag_acknowledge, {"flag_id": action.flag_id}
    if isinstance(action, ResolveFlagAction):
        return actions.flag_resolve, {"flag_id": action.flag_id}
    if isinstance(action, AckEscalationAction):
        return actions.escalation_take, {"escalation_id": action.escalation_id}
    if isinstance(action, MuteAction):
        return actions.member_mute, {"pseudonym": action.pseudonym, "minutes": action.minutes}
    if isinstance(action, UnmuteAction):
        return actions.member_unmute, {"pseudonym": action.pseudonym}
    if isinstance(action, RemoveAction):
        return actions.member_remove, {"pseudonym": action.pseudonym}
    if isinstance(action, BanAction):
        return actions.member_ban, {"pseudonym": action.pseudonym}
    if isinstance(action, PauseAction):
        return actions.room_pause, {}
    if isinstance(action, ResumeAction):
        return actions.room_resume, {}
    if isinstance(action, SlowModeAction):
        return actions.room_slow_mode, {"seconds": action.seconds}
    if isinstance(action, EndSessionAction):
        return actions.session_end, {}
    if isinstance(action, OpenSessionAction):
        return actions.session_open_now, {}
    if isinstance(action, EscalateAction):
        return actions.flag_escalate, {"flag_id": action.flag_id}
    if isinstance(action, EscalationUpdateAction):
        return actions.escalation_update, {
            "escalation_id": action.escalation_id,
            "state": action.state,
            "note": action.note,
        }
    raise AssertionError(f"unhandled moderation action {action!r}")
