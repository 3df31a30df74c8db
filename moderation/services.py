"""Writes for moderation: record what the screen decided, raise flags, hold messages.

Called inside the transaction of ``groups.services.message_send``; events go out after it
commits, to the facilitators (flags, holds) and to the author alone (the crisis card).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    CrisisCard,
    FacilitatorAudience,
    MemberAudience,
    send_event_on_commit,
)
from groups.models import Membership, Message
from moderation.models import (
    Escalation,
    EscalationTransition,
    Flag,
    Hold,
    Note,
    ReviewTransition,
    ScreenRecord,
)
from moderation.screen.policy import Decision
from moderation.selectors import (
    crisis_resources_for,
    escalation_event,
    flag_event,
    hold_event,
    note_event,
)

# What the author is told, kindly, when a message waits or cannot be posted.
HELD_REASONS = {
    "crisis": "Thank you for sharing this. A facilitator will read it before it goes to the "
    "group, and support is available right now: see the help resources.",
    "boundary": "A facilitator will look at this before it goes to the group: it may share "
    "contact details, plans to meet, money or medical advice, which the group agreement keeps "
    "out of the room.",
    "harassment": "A facilitator will look at this before it goes to the group: it may come "
    "across as hurtful to someone.",
    "profanity": "A facilitator will look at this before it goes to the group because of its "
    "language.",
}
BLOCKED_REASON = (
    "This message can't be posted here: it uses words this group has chosen not to allow."
)
CHECK_REASON = "A facilitator will look at this message before it goes to the group."


def primary_label(decision: Decision) -> str:
    """The label that explains the decision best (crisis first)."""
    if "crisis" in decision.labels or decision.room_crisis_signal:
        return "crisis"
    return decision.labels[0] if decision.labels else ""


def reason_for(action: str, category: str) -> str | None:
    """The kind sentence the author sees for a held or blocked message."""
    if action == ScreenRecord.Action.BLOCK:
        return BLOCKED_REASON
    if action == ScreenRecord.Action.HOLD:
        return HELD_REASONS.get(category, CHECK_REASON)
    return None


def screen_record_find(*, author: Membership, client_id: uuid.UUID) -> ScreenRecord | None:
    """The record of an earlier ``send`` with this idempotency key, if any."""
    return (
        ScreenRecord.objects.select_related("message")
        .filter(author=author, client_id=client_id)
        .first()
    )


def screen_record_create(
    *,
    author: Membership,
    client_id: uuid.UUID,
    message: Message | None,
    decision: Decision,
    now: datetime,
) -> ScreenRecord:
    """Store what the screen decided (labels and reason codes; never the text)."""
    return ScreenRecord.objects.create(
        author=author,
        client_id=client_id,
        message=message,
        action=decision.action,
        category=primary_label(decision),
        labels=list(decision.labels),
        severity=decision.severity or "",
        boundary=list(decision.boundary),
        reasons=list(decision.reasons),
        created_at=now,
    )


def needs_flag(decision: Decision) -> bool:
    """Whether facilitators get a flag: flagged posts, and any crisis sign even when held."""
    return (
        decision.action == ScreenRecord.Action.POST_AND_FLAG
        or "crisis" in decision.labels
        or decision.room_crisis_signal
    )


def review_items_open(*, message: Message, decision: Decision, now: datetime) -> None:
    """Hold ``message`` and/or raise its flag as the decision says, then tell the
    facilitators on duty. Both rows exist before either frame is built, so a held crisis
    message's ``held`` and ``flag`` frames name each other, live exactly as in the replay."""
    hold = (
        hold_create(message=message, decision=decision, now=now)
        if decision.action == ScreenRecord.Action.HOLD
        else None
    )
    flag = flag_raise(message=message, decision=decision, now=now) if needs_flag(decision) else None
    audience = FacilitatorAudience(message.room.group_id)
    if hold is not None:
        send_event_on_commit(hold_event(hold), audience)
    if flag is not None:
        send_event_on_commit(flag_event(flag), audience)


def flag_raise(*, message: Message, decision: Decision, now: datetime) -> Flag:
    """Raise the one flag of ``message`` (its escalation too when urgent); the caller
    (:func:`review_items_open`) tells the facilitators."""
    group_id = message.room.group_id
    severity = decision.severity or ("concern" if decision.room_crisis_signal else "")
    flag = Flag.objects.create(
        message=message,
        group_id=group_id,
        category=primary_label(decision),
        severity=severity,
        reasons=list(decision.reasons),
        created_at=now,
    )
    ReviewTransition.objects.create(flag=flag, to_status=flag.status, at=now)
    if severity == "urgent":
        # Stored in the flag's transaction, before anyone is alerted: it cannot be lost.
        escalation_open(flag=flag, now=now)
    return flag


def escalation_open(*, flag: Flag, now: datetime) -> Escalation:
    """Open the escalation of an urgent flag and alert every facilitator on duty at once.

    If nobody acknowledges it by ``ack_deadline`` the group's coordinators are paged; the
    deadline is stored here so that it survives a restart.
    """
    deadline = now + timedelta(seconds=settings.CIRCLES_ESCALATION_ACK_SECONDS)
    escalation = Escalation.objects.create(
        flag=flag, group_id=flag.group_id, severity="urgent", opened_at=now, ack_deadline=deadline
    )
    EscalationTransition.objects.create(escalation=escalation, to_state=escalation.state, at=now)
    audit_record(
        actor=None,
        group_id=flag.group_id,
        action="escalation_open",
        target_type="escalation",
        target_id=escalation.pk,
        at=now,
    )
    send_event_on_commit(escalation_event(escalation), FacilitatorAudience(flag.group_id))
    return escalation


def hold_create(*, message: Message, decision: Decision, now: datetime) -> Hold:
    """Keep ``message`` out of the room until a facilitator decides; the caller
    (:func:`review_items_open`) puts it in the facilitators' queue."""
    hold = Hold.objects.create(
        message=message,
        group_id=message.room.group_id,
        reason=primary_label(decision) or "check",
        reasons=list(decision.reasons),
        created_at=now,
    )
    ReviewTransition.objects.create(hold=hold, to_status=hold.status, at=now)
    return hold


def crisis_card_send(*, author: Membership, note: str | None = None) -> None:
    """Send the author, privately, the crisis lines of their group's region."""
    resources = crisis_resources_for(region=author.group.crisis_region)
    send_event_on_commit(
        CrisisCard(resources=tuple(resources), note=note), MemberAudience(author.pk)
    )


NOTE_MAX_CHARS = 2000


def note_create(
    *,
    acting_user: User,
    group_id: int,
    membership: Membership | None,
    escalation: Escalation | None,
    text: str,
    now: datetime,
) -> Note:
    """Store a private note on one member or one escalation, audit it (its id, never its
    text) and show it to the group's facilitators. The caller has authorised the writer
    (a facilitator of the group, or a coordinator)."""
    if (membership is None) == (escalation is None):
        raise ServiceError("invalid", "A note is about one member or one escalation.")
    if not text.strip():
        raise ServiceError("invalid", "A note needs some text.")
    if len(text) > NOTE_MAX_CHARS:
        raise ServiceError("too_long", f"Notes are at most {NOTE_MAX_CHARS} characters.")
    if "\x00" in text:
        raise ServiceError("invalid", "The text contains a NUL character.")
    with transaction.atomic():
        note = Note.objects.create(
            group_id=group_id,
            membership=membership,
            escalation=escalation,
            author=acting_user,
            text=text,
            created_at=now,
        )
        audit_record(
            actor=acting_user,
            group_id=group_id,
            action="note_add",
            target_type="note",
            target_id=note.pk,
            at=now,
            detail={"about": "membership" if membership is not None else "escalation"},
        )
        send_event_on_commit(note_event(note), FacilitatorAudience(group_id))
    return note
