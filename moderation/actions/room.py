"""The room and its sessions: pause, resume, slow mode, open and end, schedules."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    Notice,
    RoomAudience,
    send_event_on_commit,
)
from groups.models import Membership, Room, Session
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for

SESSION_OPENED = Notice(code="session_opened", text="The session is open. Welcome, everyone.")
SESSION_ENDED = Notice(
    code="session_ended", text="This session has ended. Thank you for being here."
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


def _session_changed(
    session: Session, *, actor: User | None, action: str, notice: Notice, now: datetime
) -> None:
    """Audit a session opening or ending and tell the room (after commit)."""
    audit_record(
        actor=actor,
        group_id=session.group_id,
        action=action,
        target_type="session",
        target_id=session.pk,
        at=now,
    )
    send_event_on_commit(notice, RoomAudience(session.group_id))


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
        _session_changed(session, actor=actor, action="session_end", notice=SESSION_ENDED, now=now)


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
        _session_changed(
            session, actor=actor, action="session_open", notice=SESSION_OPENED, now=now
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
                _session_changed(
                    session,
                    actor=None,
                    action="session_end_scheduled",
                    notice=SESSION_ENDED,
                    now=now,
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
            _session_changed(
                session,
                actor=on_duty.user,
                action="session_open_scheduled",
                notice=SESSION_OPENED,
                now=now,
            )
    return opened, closed
