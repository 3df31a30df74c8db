"""The one way a review item (a flag, a hold) or an escalation changes status.

Each kind declares its statuses' transitions as data (Discourse's Reviewable: declared
statuses, every transition recorded with who and when, notifications after commit).
:func:`review_open` records an item's first status and :func:`review_move` every later one:
each writes the history row, the audit row and the facilitators' event together, so no call
site writes them by hand, and a transition a table does not declare is refused (a resolved
flag, a decided hold or a closed escalation cannot be reopened except as declared).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import User
from django.db import models

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import FacilitatorAudience
from groups.events.transport import send_event_on_commit
from groups.events.types import Event, HoldDecided
from moderation.models import Escalation, EscalationTransition, Flag, Hold, ReviewTransition
from moderation.selectors import escalation_event, flag_event, hold_event

Item = TypeVar("Item", Flag, Hold, Escalation)

FlagStatus, HoldStatus, EscState = Flag.Status, Hold.Status, Escalation.State

# (from, to) -> the audit action. A pair that is not here is refused.
FLAG_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (FlagStatus.OPEN, FlagStatus.ACKNOWLEDGED): "flag_acknowledged",
    (FlagStatus.OPEN, FlagStatus.RESOLVED): "flag_resolved",
    (FlagStatus.ACKNOWLEDGED, FlagStatus.RESOLVED): "flag_resolved",
    # Resolved is final for facilitators; only a new member report reopens a flag.
    (FlagStatus.RESOLVED, FlagStatus.OPEN): "flag_reopened",
}
HOLD_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (HoldStatus.PENDING, HoldStatus.APPROVED): "hold_approved",
    (HoldStatus.PENDING, HoldStatus.REJECTED): "hold_rejected",
}
# The paging of coordinators is declared as a step that keeps an open escalation open.
ESCALATION_PAGED = (EscState.OPEN, EscState.OPEN)
ESCALATION_TRANSITIONS: Mapping[tuple[str, str], str] = {
    ESCALATION_PAGED: "escalation_paged",
    (EscState.OPEN, EscState.ACKNOWLEDGED): "escalation_acknowledged",
    (EscState.ACKNOWLEDGED, EscState.IN_CONTACT): "escalation_in_contact",
    (EscState.ACKNOWLEDGED, EscState.CLOSED): "escalation_closed",
    (EscState.IN_CONTACT, EscState.HANDED_OFF): "escalation_handed_off",
    (EscState.IN_CONTACT, EscState.CLOSED): "escalation_closed",
    (EscState.HANDED_OFF, EscState.CLOSED): "escalation_closed",
}


def escalation_steps_from(state: str) -> frozenset[str]:
    """The states a person may move an escalation to from ``state`` (paging is the
    worker's, not a person's)."""
    return frozenset(
        to for (frm, to), _ in ESCALATION_TRANSITIONS.items() if frm == state and to != frm
    )


@dataclass(frozen=True)
class ReviewKind(Generic[Item]):
    """How one kind of item is reviewed: its transitions, its history row and its event."""

    name: str
    transitions: Mapping[tuple[str, str], str]
    status_field: str
    # The audit action of opening, for kinds whose opening is itself news (an escalation).
    open_action: str | None
    record: Callable[[Item, str, str, User | None, str, datetime], models.Model]
    event: Callable[[Item], Event]

    def status_of(self, item: Item) -> str:
        return str(getattr(item, self.status_field))


def _flag_history(
    flag: Flag, frm: str, to: str, actor: User | None, note: str, at: datetime
) -> models.Model:
    return ReviewTransition.objects.create(
        flag=flag, from_status=frm, to_status=to, actor=actor, note=note, at=at
    )


def _hold_history(
    hold: Hold, frm: str, to: str, actor: User | None, note: str, at: datetime
) -> models.Model:
    return ReviewTransition.objects.create(
        hold=hold, from_status=frm, to_status=to, actor=actor, note=note, at=at
    )


def _escalation_history(
    escalation: Escalation, frm: str, to: str, actor: User | None, note: str, at: datetime
) -> models.Model:
    return EscalationTransition.objects.create(
        escalation=escalation, from_state=frm, to_state=to, actor=actor, note=note, at=at
    )


def _hold_frame(hold: Hold) -> Event:
    # A pending hold is the queue item itself; a decided one only says how it ended.
    if hold.status == HoldStatus.PENDING:
        return hold_event(hold)
    return HoldDecided(hold_id=hold.pk, status=hold.status)


FLAG: ReviewKind[Flag] = ReviewKind(
    "flag", FLAG_TRANSITIONS, "status", None, _flag_history, flag_event
)
HOLD: ReviewKind[Hold] = ReviewKind(
    "hold", HOLD_TRANSITIONS, "status", None, _hold_history, _hold_frame
)
ESCALATION: ReviewKind[Escalation] = ReviewKind(
    "escalation",
    ESCALATION_TRANSITIONS,
    "state",
    "escalation_open",
    _escalation_history,
    escalation_event,
)


def _audit(
    kind: ReviewKind[Any], item: Any, action: str, actor: User | None, at: datetime, detail: Any
) -> None:
    audit_record(
        actor=actor,
        group_id=item.group_id,
        action=action,
        target_type=kind.name,
        target_id=item.pk,
        at=at,
        detail=detail,
    )


def review_open(
    kind: ReviewKind[Item], item: Item, *, now: datetime, note: str = "", announce: bool = True
) -> None:
    """Record a stored item's first status (audited if the kind says so) and, unless the
    caller announces a set of items together, tell the facilitators."""
    kind.record(item, "", kind.status_of(item), None, note, now)
    if kind.open_action is not None:
        _audit(kind, item, kind.open_action, None, now, None)
    if announce:
        review_announce(kind, item)


def review_announce(kind: ReviewKind[Item], item: Item) -> None:
    """Tell the group's facilitators how ``item`` stands now (after commit)."""
    send_event_on_commit(kind.event(item), FacilitatorAudience(item.group_id))


def review_move(
    kind: ReviewKind[Item],
    item: Item,
    to: str,
    *,
    actor: User | None,
    now: datetime,
    note: str = "",
    detail: dict[str, Any] | None = None,
) -> bool:
    """Move ``item`` (locked by the caller) to ``to`` if its kind declares that step: the
    history row, the audit row and the facilitators' event, in the caller's transaction.
    Repeating the status it already has changes nothing (``False``); any other undeclared
    step is refused."""
    frm = kind.status_of(item)
    action = kind.transitions.get((frm, to))
    if action is None:
        if frm == to:
            return False
        raise ServiceError(
            "invalid",
            f"A {kind.name} that is {frm.replace('_', ' ')} cannot become {to.replace('_', ' ')}.",
        )
    setattr(item, kind.status_field, to)
    item.save(update_fields=[kind.status_field])
    kind.record(item, frm, to, actor, note, now)
    _audit(kind, item, action, actor, now, detail)
    review_announce(kind, item)
    return True
