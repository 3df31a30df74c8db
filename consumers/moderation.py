"""Which service carries out which ``moderate`` action (a table, so the consumer stays thin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consumers.protocol import (
    AckEscalationAction,
    AckFlagAction,
    ApproveAction,
    HideAction,
    ModerationAction,
    RejectAction,
    ResolveFlagAction,
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
    raise AssertionError(f"unhandled moderation action {action!r}")
