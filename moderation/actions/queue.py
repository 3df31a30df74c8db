"""The facilitators' queue: flags, holds and hidden messages."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import MemberAudience
from groups.events.transport import send_event_on_commit
from groups.events.types import PendingDecided
from groups.models import Message
from groups.selectors import RoomAccess
from groups.services.messages import message_move, posted_message_locked
from moderation.actions.authorise import facilitator_for
from moderation.models import Escalation, Flag, Hold
from moderation.reasons import rejected_reason
from moderation.services.reviews import ESCALATION, FLAG, HOLD, review_announce, review_move


def flag_in_group(flag_id: int, group_id: int) -> Flag:
    """The group's flag, locked; one answer for missing and another group's."""
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
        review_move(ESCALATION, escalation, Escalation.State.ACKNOWLEDGED, actor=actor, now=now)


def _flag_move(*, access: RoomAccess, flag_id: int, to_status: str, now: datetime) -> Flag:
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        flag = flag_in_group(flag_id, access.group_id)
        if flag.status == to_status:
            return flag
        if flag.status == Flag.Status.RESOLVED:
            # Final for facilitators: only a member's report reopens a flag (declared).
            raise ServiceError("invalid", "That flag is already resolved.")
        _escalation_acknowledge_with(flag, actor=actor, now=now)
        review_move(FLAG, flag, to_status, actor=actor, now=now)
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
        .select_related("message__room")
        .filter(pk=hold_id, group_id=group_id)
        .first()
    )
    if hold is None:
        raise ServiceError("not_found", "No such held message in this group.")
    if hold.status != Hold.Status.PENDING:
        raise ServiceError("invalid", f"That message was already {hold.status}.")
    return hold


def _tell_author(hold: Hold, *, status: str, reason: str | None) -> None:
    message = hold.message
    send_event_on_commit(
        PendingDecided(
            hold_id=hold.pk,
            client_id=str(message.client_id),
            status=status,
            seq=message.seq,
            reason=reason,
        ),
        MemberAudience(message.author_id),
    )


def hold_approve(*, access: RoomAccess, hold_id: int, now: datetime) -> Message:
    """Post a held message with the room's next ``seq``."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        hold = _pending_hold(hold_id, access.group_id)
        message = message_move(hold.message, Message.State.POSTED, now=now)
        review_move(HOLD, hold, Hold.Status.APPROVED, actor=actor, now=now)
        _tell_author(hold, status="posted", reason=None)
        flag = Flag.objects.filter(message=message).first()
        if flag is not None:
            # The flag of a held crisis message now points at its place in the room.
            review_announce(FLAG, flag)
    return message


def hold_reject(*, access: RoomAccess, hold_id: int, now: datetime, reason: str = "") -> Hold:
    """Keep a held message out of the room and tell its author, kindly and privately.

    The facilitator's optional ``reason`` goes to the author and the hold's history, never
    into the audit log.
    """
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        hold = _pending_hold(hold_id, access.group_id)
        message_move(hold.message, Message.State.REJECTED, now=now)
        review_move(
            HOLD,
            hold,
            Hold.Status.REJECTED,
            actor=actor,
            now=now,
            note=reason.strip(),
            detail={"with_reason": bool(reason.strip())},
        )
        _tell_author(hold, status="rejected", reason=rejected_reason(reason))
    return hold


def message_hide(*, access: RoomAccess, seq: int, reason: str, now: datetime) -> Message:
    """Take a posted message out of the room, its history and every later sync."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        message = posted_message_locked(room_id=access.room_id, seq=seq)
        # The room hears only "hidden"; the facilitator's reason stays in the audit log.
        message_move(message, Message.State.HIDDEN, now=now)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="message_hide",
            target_type="message",
            target_id=message.pk,
            at=now,
            detail={"seq": seq, "reason": reason[:200]},
        )
    return message
