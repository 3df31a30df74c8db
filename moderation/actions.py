"""Facilitators' moderation actions. Each is authorised on every call (an active, certified
facilitator of the group), runs in one transaction with its audit row and its history, and
sends its events after commit."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    FacilitatorAudience,
    FlagRaised,
    HoldDecided,
    MemberAudience,
    MessageHidden,
    Notice,
    RoomAudience,
    send_event_on_commit,
)
from groups.models import Certification, Membership, Message, Room, Session
from groups.selectors import RoomAccess
from moderation.escalations import escalation_acknowledge, escalation_transition
from moderation.models import Escalation, Flag, Hold, Report, ReviewTransition
from moderation.services import escalation_open

# Close codes for sockets a facilitator ends (application range 4000-4999).
CLOSE_REMOVED = 4000
CLOSE_BANNED = 4403

SESSION_OPENED = Notice(code="session_opened", text="The session is open. Welcome, everyone.")
SESSION_ENDED = Notice(
    code="session_ended", text="This session has ended. Thank you for being here."
)

REJECTED_NOTICE = (
    "A facilitator decided not to share one of your messages with the group. That's not a "
    "judgement of you: the group agreement keeps some things out of the room. If you'd like "
    "to talk about it, the facilitators are here."
)


def facilitator_for(*, access: RoomAccess, now: datetime) -> Membership:
    """The acting facilitator, re-checked now: active, of this group, certified."""
    membership = (
        Membership.objects.select_related("user")
        .filter(
            pk=access.membership_id,
            state=Membership.State.ACTIVE,
            role=Membership.Role.FACILITATOR,
        )
        .first()
    )
    if membership is None:
        raise ServiceError("forbidden", "Only the group's facilitators can do that.")
    if not Certification.objects.filter(
        user_id=membership.user_id, expires_on__gte=now.date()
    ).exists():
        raise ServiceError(
            "forbidden", "Your facilitator certification has expired; a coordinator can renew it."
        )
    return membership


def _flag_in_group(flag_id: int, group_id: int) -> Flag:
    flag = Flag.objects.select_for_update().filter(pk=flag_id, group_id=group_id).first()
    if flag is None:
        raise ServiceError("not_found", "No such flag in this group.")
    return flag


def _flag_move(*, access: RoomAccess, flag_id: int, to_status: str, now: datetime) -> Flag:
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        flag = _flag_in_group(flag_id, access.group_id)
        if flag.status != to_status:
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
            send_event_on_commit(
                FlagRaised(
                    flag_id=flag.pk,
                    seq=flag.message.seq,
                    category=flag.category,
                    severity=flag.severity or None,
                    status=to_status,
                ),
                FacilitatorAudience(access.group_id),
            )
    return flag


def flag_acknowledge(*, access: RoomAccess, flag_id: int, now: datetime) -> Flag:
    """A facilitator is looking at the flag."""
    return _flag_move(access=access, flag_id=flag_id, to_status=Flag.Status.ACKNOWLEDGED, now=now)


def flag_resolve(*, access: RoomAccess, flag_id: int, now: datetime) -> Flag:
    """The flag needs nothing more."""
    return _flag_move(access=access, flag_id=flag_id, to_status=Flag.Status.RESOLVED, now=now)


def escalation_take(*, access: RoomAccess, escalation_id: int, now: datetime) -> Escalation:
    """A facilitator in the room acknowledges an escalation before its deadline."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        if not Escalation.objects.filter(pk=escalation_id, group_id=access.group_id).exists():
            raise ServiceError("not_found", "No such escalation in this group.")
        escalation = escalation_acknowledge(acting_user=actor, escalation_id=escalation_id, now=now)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="escalation_acknowledge",
            target_type="escalation",
            target_id=escalation.pk,
            at=now,
        )
    return escalation


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


def _decide(hold: Hold, status: str, *, actor: User, now: datetime, group_id: int) -> None:
    ReviewTransition.objects.create(
        hold=hold, from_status=hold.status, to_status=status, actor=actor, at=now
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
    return message


def hold_reject(*, access: RoomAccess, hold_id: int, now: datetime) -> Hold:
    """Keep a held message out of the room and tell its author, kindly and privately."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        hold = _pending_hold(hold_id, access.group_id)
        Message.objects.filter(pk=hold.message_id).update(state=Message.State.REJECTED)
        _decide(hold, Hold.Status.REJECTED, actor=actor, now=now, group_id=access.group_id)
        send_event_on_commit(
            Notice(code="message_rejected", text=REJECTED_NOTICE),
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
        send_event_on_commit(MessageHidden(seq=seq), RoomAudience(access.group_id))
    return message


def _target_member(access: RoomAccess, pseudonym: str) -> Membership:
    target = (
        Membership.objects.select_for_update()
        .filter(group_id=access.group_id, pseudonym=pseudonym)
        .first()
    )
    if target is None:
        raise ServiceError("not_found", "Nobody in this group goes by that name.")
    if target.role == Membership.Role.FACILITATOR:
        raise ServiceError("forbidden", "Facilitators are managed by a coordinator.")
    return target


def _member_action(
    *, access: RoomAccess, pseudonym: str, action: str, now: datetime, detail: dict[str, int]
) -> tuple[User, Membership]:
    actor = facilitator_for(access=access, now=now).user
    target = _target_member(access, pseudonym)
    audit_record(
        actor=actor,
        group_id=access.group_id,
        action=action,
        target_type="membership",
        target_id=target.pk,
        at=now,
        detail=detail,
    )
    return actor, target


def member_mute(*, access: RoomAccess, pseudonym: str, minutes: int, now: datetime) -> None:
    """Pause one member's messages for ``minutes`` (it survives reconnects, ends by itself)."""
    with transaction.atomic():
        _, target = _member_action(
            access=access,
            pseudonym=pseudonym,
            action="member_mute",
            now=now,
            detail={"minutes": minutes},
        )
        target.muted_until = now + timedelta(minutes=minutes)
        target.save(update_fields=["muted_until"])
        send_event_on_commit(
            Notice(
                code="muted",
                text=f"A facilitator has paused your messages for {minutes} minutes. "
                "You can still read along, and 'Get help now' is always there.",
            ),
            MemberAudience(target.pk),
        )


def member_unmute(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Let a muted member post again now."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_unmute", now=now, detail={}
        )
        target.muted_until = None
        target.save(update_fields=["muted_until"])
        send_event_on_commit(
            Notice(code="unmuted", text="You can post again."), MemberAudience(target.pk)
        )


def member_remove(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Take a member out of the session now: their sockets close (they may come back)."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_remove", now=now, detail={}
        )
        send_event_on_commit(
            Notice(
                code="removed",
                text="A facilitator has asked you to step out of this session.",
                close_code=CLOSE_REMOVED,
            ),
            MemberAudience(target.pk),
        )


def member_ban(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Ban a member from the group: their sockets close and they cannot come back in."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_ban", now=now, detail={}
        )
        target.state = Membership.State.BANNED
        target.save(update_fields=["state"])
        send_event_on_commit(
            Notice(
                code="banned",
                text="You can no longer take part in this group.",
                close_code=CLOSE_BANNED,
            ),
            MemberAudience(target.pk),
        )


def _room_setting(
    *, access: RoomAccess, now: datetime, action: str, paused: bool, slow: int, text: str
) -> None:
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        Room.objects.filter(pk=access.room_id).update(paused=paused, slow_mode_seconds=slow)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action=action,
            target_type="room",
            target_id=access.room_id,
            at=now,
            detail={"slow_mode_seconds": slow},
        )
        send_event_on_commit(Notice(code=action, text=text), RoomAudience(access.group_id))


def room_pause(*, access: RoomAccess, now: datetime) -> None:
    """Only facilitators can post until the room is resumed."""
    _room_setting(
        access=access,
        now=now,
        action="room_paused",
        paused=True,
        slow=0,
        text="The facilitator has paused the room for a moment.",
    )


def room_resume(*, access: RoomAccess, now: datetime) -> None:
    """Everyone can post again (and slow mode is off)."""
    _room_setting(
        access=access,
        now=now,
        action="room_resumed",
        paused=False,
        slow=0,
        text="The room is open again.",
    )


def room_slow_mode(*, access: RoomAccess, seconds: int, now: datetime) -> None:
    """Each member may post once every ``seconds`` (0 turns slow mode off)."""
    _room_setting(
        access=access,
        now=now,
        action="room_slow_mode",
        paused=False,
        slow=seconds,
        text=f"Slow mode: one message every {seconds} seconds." if seconds else "Slow mode is off.",
    )


def session_end(*, access: RoomAccess, now: datetime) -> None:
    """End the open session: nobody can post until a facilitator opens the next one."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        session = (
            Session.objects.select_for_update()
            .filter(group_id=access.group_id, state=Session.State.OPEN)
            .first()
        )
        if session is None:
            raise ServiceError("session_closed", "No session is open.")
        session.state = Session.State.CLOSED
        session.closed_at = now
        session.save(update_fields=["state", "closed_at"])
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="session_end",
            target_type="session",
            target_id=session.pk,
            at=now,
        )
        send_event_on_commit(
            SESSION_ENDED,
            RoomAudience(access.group_id),
        )


# A report of worry is a welfare concern: it reaches facilitators as a crisis flag, not as
# abuse (issue 4), so the person written about gets attention, not moderation.
REPORT_CATEGORY = {"worried": "crisis", "abuse": "harassment", "boundary": "boundary"}


def message_report(*, access: RoomAccess, seq: int, kind: str, now: datetime) -> None:
    """A member reports a posted message; facilitators get a flag (one per message)."""
    with transaction.atomic():
        reporter = Membership.objects.filter(
            pk=access.membership_id, state=Membership.State.ACTIVE
        ).first()
        if reporter is None:
            raise ServiceError("forbidden", "You can no longer take part in this group.")
        message = Message.objects.filter(
            room_id=access.room_id, seq=seq, state=Message.State.POSTED
        ).first()
        if message is None:
            raise ServiceError("not_found", "No posted message with that seq in this room.")
        _, created = Report.objects.get_or_create(
            message=message, reporter=reporter, kind=kind, defaults={"created_at": now}
        )
        if not created:
            return
        category = REPORT_CATEGORY[kind]
        severity = "concern" if category == "crisis" else ""
        flag = Flag.objects.select_for_update().filter(message=message).first()
        if flag is None:
            flag = Flag.objects.create(
                message=message,
                group_id=access.group_id,
                category=category,
                severity=severity,
                reasons=[f"report.{kind}"],
                created_at=now,
            )
            ReviewTransition.objects.create(
                flag=flag, to_status=flag.status, note="reported", at=now
            )
        elif flag.status == Flag.Status.RESOLVED:
            ReviewTransition.objects.create(
                flag=flag,
                from_status=flag.status,
                to_status=Flag.Status.OPEN,
                note=f"reported again ({kind})",
                at=now,
            )
            flag.status = Flag.Status.OPEN
            flag.save(update_fields=["status"])
        audit_record(
            actor=reporter.user,
            group_id=access.group_id,
            action=f"report_{kind}",
            target_type="message",
            target_id=message.pk,
            at=now,
        )
        send_event_on_commit(
            FlagRaised(
                flag_id=flag.pk,
                seq=seq,
                category=flag.category,
                severity=flag.severity or None,
                status=flag.status,
            ),
            FacilitatorAudience(access.group_id),
        )


def flag_escalate(*, access: RoomAccess, flag_id: int, now: datetime) -> Escalation:
    """A facilitator escalates a flag by hand (it opens an escalation if none is open)."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        flag = _flag_in_group(flag_id, access.group_id)
        existing = Escalation.objects.filter(flag=flag).first()
        escalation = existing or escalation_open(flag=flag, now=now)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="flag_escalate",
            target_type="flag",
            target_id=flag.pk,
            at=now,
        )
    return escalation


ESCALATION_NEXT: dict[str, set[str]] = {
    "acknowledged": {"in_contact", "closed"},
    "in_contact": {"handed_off", "closed"},
    "handed_off": {"closed"},
}


def escalation_update(
    *, access: RoomAccess, escalation_id: int, state: str, note: str, now: datetime
) -> Escalation:
    """Move an acknowledged escalation on: in contact → handed off → closed, with a note."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        escalation = (
            Escalation.objects.select_for_update()
            .filter(pk=escalation_id, group_id=access.group_id)
            .first()
        )
        if escalation is None:
            raise ServiceError("not_found", "No such escalation in this group.")
        if state not in ESCALATION_NEXT.get(escalation.state, set()):
            raise ServiceError(
                "invalid", f"An escalation that is {escalation.state} cannot become {state}."
            )
        escalation_transition(escalation, state, actor=actor, now=now, note=note)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action=f"escalation_{state}",
            target_type="escalation",
            target_id=escalation.pk,
            at=now,
        )
    return escalation


def session_open_now(*, access: RoomAccess, now: datetime) -> Session:
    """A certified facilitator opens the room ("no facilitator, no session")."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        Room.objects.select_for_update().get(pk=access.room_id)
        session = Session.objects.filter(group_id=access.group_id, state=Session.State.OPEN).first()
        if session is not None:
            return session
        session = Session.objects.create(
            group_id=access.group_id, state=Session.State.OPEN, opened_at=now, opened_by=actor
        )
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="session_open",
            target_type="session",
            target_id=session.pk,
            at=now,
        )
        send_event_on_commit(
            SESSION_OPENED,
            RoomAudience(access.group_id),
        )
    return session


def sessions_follow_schedule(*, now: datetime) -> tuple[int, int]:
    """Open scheduled sessions whose start has come, when a certified facilitator of the
    group is in the room ("no facilitator, no session"); close open sessions whose scheduled
    end has passed. Run by the worker. Returns (opened, closed)."""
    from groups.selectors import presence_window

    opened = closed = 0
    for session in Session.objects.filter(
        state=Session.State.OPEN, scheduled_end__isnull=False, scheduled_end__lte=now
    ):
        with transaction.atomic():
            updated = Session.objects.filter(pk=session.pk, state=Session.State.OPEN).update(
                state=Session.State.CLOSED, closed_at=now
            )
            if updated:
                closed += 1
                audit_record(
                    actor=None,
                    group_id=session.group_id,
                    action="session_end_scheduled",
                    target_type="session",
                    target_id=session.pk,
                    at=now,
                )
                send_event_on_commit(
                    SESSION_ENDED,
                    RoomAudience(session.group_id),
                )
    due = Session.objects.filter(state=Session.State.SCHEDULED, scheduled_start__lte=now).exclude(
        scheduled_end__lte=now
    )
    for session in due:
        on_duty = (
            Membership.objects.filter(
                group_id=session.group_id,
                role=Membership.Role.FACILITATOR,
                state=Membership.State.ACTIVE,
                connections__last_seen__gte=now - presence_window(),
                user__certification__expires_on__gte=now.date(),
            )
            .select_related("user")
            .first()
        )
        if on_duty is None:
            continue
        with transaction.atomic():
            if Session.objects.filter(group_id=session.group_id, state=Session.State.OPEN).exists():
                continue
            session.state = Session.State.OPEN
            session.opened_at = now
            session.opened_by = on_duty.user
            session.save(update_fields=["state", "opened_at", "opened_by"])
            opened += 1
            audit_record(
                actor=on_duty.user,
                group_id=session.group_id,
                action="session_open_scheduled",
                target_type="session",
                target_id=session.pk,
                at=now,
            )
            send_event_on_commit(
                SESSION_OPENED,
                RoomAudience(session.group_id),
            )
    return opened, closed
