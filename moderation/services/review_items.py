"""Opening review items: the flag and the hold of a screened message (and the escalation of
an urgent flag), and the flag a member's report raises. Every item is opened through
``moderation.services.reviews``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from groups.models import Message
from moderation.models import Escalation, Flag, Hold, ScreenRecord
from moderation.reasons import primary_label
from moderation.screen.policy import Decision
from moderation.services.reviews import (
    ESCALATION,
    FLAG,
    HOLD,
    review_announce,
    review_move,
    review_open,
)


def needs_flag(decision: Decision) -> bool:
    """Whether facilitators get a flag: flagged posts, and any crisis sign even when held."""
    return (
        decision.action == ScreenRecord.Action.POST_AND_FLAG
        or "crisis" in decision.labels
        or decision.room_crisis_signal
    )


def review_items_open(*, message: Message, decision: Decision, now: datetime) -> None:
    """Hold ``message`` and/or raise its flag (and the escalation of an urgent flag) as the
    decision says, then tell the facilitators on duty. Every row exists before any frame
    is built, so a held crisis message's ``held``, ``flag`` and ``escalation`` frames name
    each other, live exactly as in the replay."""
    group_id = message.room.group_id
    hold = None
    if decision.action == ScreenRecord.Action.HOLD:
        hold = Hold.objects.create(
            message=message,
            group_id=group_id,
            reason=primary_label(decision) or "check",
            reasons=list(decision.reasons),
            created_at=now,
        )
    flag = escalation = None
    if needs_flag(decision):
        severity = decision.severity or ("concern" if decision.room_crisis_signal else "")
        flag = Flag.objects.create(
            message=message,
            group_id=group_id,
            category=primary_label(decision),
            severity=severity,
            reasons=list(decision.reasons),
            created_at=now,
        )
        if severity == "urgent":
            # Stored in the message's transaction, before anyone is alerted: it cannot be lost.
            escalation = _escalation_create(flag=flag, now=now)
    if escalation is not None:
        review_open(ESCALATION, escalation, now=now)
    if hold is not None:
        review_open(HOLD, hold, now=now)
    if flag is not None:
        review_open(FLAG, flag, now=now)


def _escalation_create(*, flag: Flag, now: datetime) -> Escalation:
    # If nobody acknowledges it by ``ack_deadline`` the group's coordinators are paged; the
    # deadline is stored here so that it survives a restart.
    deadline = now + timedelta(seconds=settings.CIRCLES_ESCALATION_ACK_SECONDS)
    return Escalation.objects.create(
        flag=flag, group_id=flag.group_id, severity="urgent", opened_at=now, ack_deadline=deadline
    )


def escalation_for_urgent(*, flag: Flag, now: datetime) -> Escalation:
    """The escalation an urgent flag opens, stored and announced (the flag's own frame
    follows from the caller)."""
    escalation = _escalation_create(flag=flag, now=now)
    review_open(ESCALATION, escalation, now=now)
    return escalation


def escalation_open(*, flag: Flag, now: datetime) -> Escalation:
    """Open the escalation of ``flag`` (by hand, or for an urgent flag): audited, and every
    facilitator on duty is alerted at once; the flag's queue item now carries it."""
    escalation = _escalation_create(flag=flag, now=now)
    review_open(ESCALATION, escalation, now=now)
    review_announce(FLAG, flag)
    return escalation


def flag_for_report(
    *,
    message: Message,
    category: str,
    kind: str,
    now: datetime,
    severity: str = "",
    reasons: tuple[str, ...] = (),
) -> Flag:
    """The flag a member's report raises: a new one, or the message's own flag, reopened
    if it was resolved; the facilitators see it with the report's kind either way.

    A new crisis flag takes ``severity`` (``concern`` when none is given) and ``reasons``
    after the report's own; an urgent one opens its escalation, as the screen's would."""
    flag = Flag.objects.select_for_update().filter(message=message).first()
    if flag is None:
        if category == "crisis":
            severity = severity or "concern"
        flag = Flag.objects.create(
            message=message,
            group_id=message.room.group_id,
            category=category,
            severity=severity if category == "crisis" else "",
            reasons=[f"report.{kind}", *reasons],
            created_at=now,
        )
        escalation = _escalation_create(flag=flag, now=now) if flag.severity == "urgent" else None
        if escalation is not None:
            review_open(ESCALATION, escalation, now=now)
        review_open(FLAG, flag, now=now, note="reported")
    elif flag.status == Flag.Status.RESOLVED:
        review_move(
            FLAG, flag, Flag.Status.OPEN, actor=None, now=now, note=f"reported again ({kind})"
        )
    else:
        # Open or acknowledged: it stays as it is, and now lists this report.
        review_announce(FLAG, flag)
    return flag
