"""The facilitators' queue: flags, holds and hidden messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    FacilitatorAudience,
    HoldDecided,
    MemberAudience,
    MessageHidden,
    PendingDecided,
    RoomAudience,
    send_event_on_commit,
)
from groups.models import Message, Room
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for
from moderation.escalations import escalation_transition
from moderation.models import Escalation, Flag, Hold, ReviewTransition
from moderation.selectors import flag_event

REJECTED_NOTICE = (
    "A facilitator decided not to share one of your messages with the group. That's not a "
    "judgement of you: the group agreement keeps some things out of the room. If you'd like "
    "to talk about it, the facilitators are here."
)


def flag_in_group(flag_id: int, group_id: int) -> Flag:
    flag = (
        Flag.objects.select_for_update()
        .select_related("message")
        .filter(pk=flag_id, group_id=group_id)
        .first()
    )
    if flag is None:
        raise ServiceError("not_found", "No such flag in this group.")
    return flag


def _escalation_acknowledge_with(flag: Flag, *, actor: User, now: datetime) -> None:
    """Acknowledging or resolving an urgent flag takes its escalation if it is still open,
    so the coordinators are not paged for something a facilitator is already handling."""
    escalation = (
        Escalation.objects.select_for_update()
        .filter(flag=flag, state=Escalation.State.OPEN)
        .first()
    )
    if escalation is not None:
        # The transition writes its own audit row and tells the facilitators.
        escalation_transition(escalation, Escalation.State.ACKNOWLEDGED, actor=actor, now=now)


def _flag_move(*, access: RoomAccess, flag_id: int, to_status: str, now: datetime) -> Flag:
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        flag = flag_in_group(flag_id, access.group_id)
        if flag.status == Flag.Status.RESOLVED and to_status != Flag.Status.RESOLVED:
            # Resolved is final for facilitators (only a new member report reopens it).
            raise ServiceError("invalid", "That flag is already resolved.")
        if flag.status == to_status:
            return flag
        _escalation_acknowledge_with(flag, actor=actor, now=now)
        ReviewTransition.objects.create(
            flag=flag, from_status=flag.status, to_status=to_status, actor=actor, at=now
        )
        flag.status = to_status
        flag.save(update_fields=["status"])
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action=f"flag_{to_status}",
            target_type="flag",
            target_id=flag.pk,
            at=now,
        )
        send_event_on_commit(flag_event(flag), FacilitatorAudience(access.group_id))
    return flag


def flag_acknowledge(*, access: RoomAccess, flag_id: int, now: datetime) -> Flag:
    """A facilitator is looking at the flag (and takes its escalation if still open)."""
    return _flag_move(access=access, flag_id=flag_id, to_status=Flag.Status.ACKNOWLEDGED, now=now)


def flag_resolve(*, access: RoomAccess, flag_id: int, now: datetime) -> Flag:
    """The flag needs nothing more; resolved is final."""
    return _flag_move(access=access, flag_id=flag_id, to_status=Flag.Status.RESOLVED, now=now)


def _pending_hold(hold_id: int, group_id: int) -> Hold:
    hold = (
        Hold.objects.select_for_update()
        .select_related("message")
        .filter(pk=hold_id, group_id=group_id)
        .first()
    )
    if hold is None:
        raise ServiceError("not_found", "No such held message in this group.")
    if hold.status != Hold.Status.PENDING:
        raise ServiceError("invalid", f"That message was already {hold.status}.")
    return hold


def _decide(
    hold: Hold,
    status: str,
    *,
    actor: User,
    now: datetime,
    group_id: int,
    note: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    ReviewTransition.objects.create(
        hold=hold, from_status=hold.status, to_status=status, actor=actor, note=note, at=now
    )
    hold.status = status
    hold.save(update_fields=["status"])
    audit_record(
        actor=actor,
        group_id=group_id,
        action=f"hold_{status}",
        target_type="hold",
        target_id=hold.pk,
        at=now,
        detail=detail,
    )
    send_event_on_commit(HoldDecided(hold_id=hold.pk, status=status), FacilitatorAudience(group_id))


def hold_approve(*, access: RoomAccess, hold_id: int, now: datetime) -> Message:
    """Post a held message with the room's next ``seq``."""
    from groups.services import message_posted_event

    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        room = Room.objects.select_for_update().get(pk=access.room_id)
        hold = _pending_hold(hold_id, access.group_id)
        message = hold.message
        room.last_seq += 1
        room.save(update_fields=["last_seq"])
        message.seq = room.last_seq
        message.state = Message.State.POSTED
        message.posted_at = now
        message.save(update_fields=["seq", "state", "posted_at"])
        _decide(hold, Hold.Status.APPROVED, actor=actor, now=now, group_id=access.group_id)
        send_event_on_commit(message_posted_event(message), RoomAudience(access.group_id))
        send_event_on_commit(
            PendingDecided(
                hold_id=hold.pk,
                client_id=str(message.client_id),
                status="posted",
                seq=message.seq,
                reason=None,
            ),
            MemberAudience(message.author_id),
        )
        flag = Flag.objects.filter(message=message).first()
        if flag is not None:
            # The flag of a held crisis message now points at its place in the room.
            send_event_on_commit(flag_event(flag), FacilitatorAudience(access.group_id))
    return message


def rejected_reason(reason: str) -> str:
    """What the author of a rejected message reads: the kind sentence, and the
    facilitator's own words when they gave some."""
    reason = reason.strip()
    return f"{REJECTED_NOTICE} The facilitator added: {reason}" if reason else REJECTED_NOTICE


def hold_reject(*, access: RoomAccess, hold_id: int, now: datetime, reason: str = "") -> Hold:
    """Keep a held message out of the room and tell its author, kindly and privately.

    The facilitator's optional ``reason`` goes to the author and the hold's history, never
    into the audit log.
    """
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        hold = _pending_hold(hold_id, access.group_id)
        Message.objects.filter(pk=hold.message_id).update(state=Message.State.REJECTED)
        _decide(
            hold,
            Hold.Status.REJECTED,
            actor=actor,
            now=now,
            group_id=access.group_id,
            note=reason.strip(),
            detail={"with_reason": bool(reason.strip())},
        )
        send_event_on_commit(
            PendingDecided(
                hold_id=hold.pk,
                client_id=str(hold.message.client_id),
                status="rejected",
                seq=None,
                reason=rejected_reason(reason),
            ),
            MemberAudience(hold.message.author_id),
        )
    return hold


def message_hide(*, access: RoomAccess, seq: int, reason: str, now: datetime) -> Message:
    """Take a posted message out of the room, its history and every later sync."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        message = (
            Message.objects.select_for_update()
            .filter(room_id=access.room_id, seq=seq, state=Message.State.POSTED)
            .first()
        )
        if message is None:
            raise ServiceError("not_found", "No posted message with that seq in this room.")
        message.state = Message.State.HIDDEN
        message.save(update_fields=["state"])
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="message_hide",
            target_type="message",
            target_id=message.pk,
            at=now,
            detail={"seq": seq, "reason": reason[:200]},
        )
        # The facilitator's reason stays in the audit log; the room hears only "hidden".
        send_event_on_commit(MessageHidden(seq=seq, reason="hidden"), RoomAudience(access.group_id))
    return message
