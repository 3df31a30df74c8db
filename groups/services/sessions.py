"""Sessions: the one opener and the one closer, used by the button, the schedule and the
demo data alike. Each takes the room row's lock (the lock every send takes, so a message
and an opening are ordered), writes its audit row and tells the room after commit."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from groups import selectors
from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import RoomAudience
from groups.events.notices import SessionEnded, SessionOpened
from groups.events.transport import send_event_on_commit
from groups.models import Membership, Room, Session


def session_open(
    *,
    group_id: int,
    acting_user: User | None,
    now: datetime,
    scheduled: Session | None = None,
) -> Session:
    """Open a session now: ``scheduled`` when its start has come, otherwise a new one. The
    group's open session is returned unchanged if one is already open ("one open session").

    ``acting_user`` is the facilitator who opened it (for a schedule, the facilitator on
    duty); ``None`` only for the system (the demo data)."""
    with transaction.atomic():
        Room.objects.select_for_update().filter(group_id=group_id).first()
        current = selectors.session_open_for(group_id=group_id)
        if current is not None:
            return current
        if scheduled is not None:
            session = scheduled
            session.state = Session.State.OPEN
            session.opened_at = now
            session.opened_by = acting_user
            session.save(update_fields=["state", "opened_at", "opened_by"])
        else:
            session = Session.objects.create(
                group_id=group_id, state=Session.State.OPEN, opened_at=now, opened_by=acting_user
            )
        audit_record(
            actor=acting_user,
            group_id=group_id,
            action="session_open_scheduled" if scheduled is not None else "session_open",
            target_type="session",
            target_id=session.pk,
            at=now,
        )
        send_event_on_commit(SessionOpened(), RoomAudience(group_id))
    return session


def session_end(
    *, group_id: int, acting_user: User | None, now: datetime, scheduled: bool = False
) -> Session:
    """End the group's open session (``scheduled``: its scheduled end has passed, and
    ``acting_user`` is ``None``): nobody can post until the next one opens."""
    with transaction.atomic():
        Room.objects.select_for_update().filter(group_id=group_id).first()
        session = (
            Session.objects.select_for_update()
            .filter(group_id=group_id, state=Session.State.OPEN)
            .first()
        )
        if session is None:
            raise ServiceError("session_closed", "No session is open.")
        session.state = Session.State.CLOSED
        session.closed_at = now
        session.save(update_fields=["state", "closed_at"])
        audit_record(
            actor=acting_user,
            group_id=group_id,
            action="session_end_scheduled" if scheduled else "session_end",
            target_type="session",
            target_id=session.pk,
            at=now,
        )
        send_event_on_commit(SessionEnded(), RoomAudience(group_id))
    return session


def _facilitator_on_duty(*, group_id: int, now: datetime) -> Membership | None:
    """A certified facilitator of the group connected to its room now."""
    return (
        Membership.objects.filter(
            group_id=group_id,
            role=Membership.Role.FACILITATOR,
            state=Membership.State.ACTIVE,
            connections__last_seen__gte=now - selectors.presence_window(),
            user__certification__expires_on__gte=now.date(),
        )
        .select_related("user")
        .first()
    )


def sessions_follow_schedule(*, now: datetime) -> tuple[int, int]:
    """Close open sessions whose scheduled end has passed; open scheduled sessions whose
    start has come when a certified facilitator of the group is in the room ("no
    facilitator, no session"). Run by the worker. Returns (opened, closed)."""
    opened = closed = 0
    ending = Session.objects.filter(
        state=Session.State.OPEN, scheduled_end__isnull=False, scheduled_end__lte=now
    ).values_list("group_id", flat=True)
    for group_id in list(ending):
        try:
            session_end(group_id=group_id, acting_user=None, now=now, scheduled=True)
            closed += 1
        except ServiceError:
            pass  # another worker ended it first
    due = Session.objects.filter(state=Session.State.SCHEDULED, scheduled_start__lte=now).exclude(
        scheduled_end__lte=now
    )
    for session in due:
        on_duty = _facilitator_on_duty(group_id=session.group_id, now=now)
        if on_duty is None:
            continue
        opened_now = session_open(
            group_id=session.group_id, acting_user=on_duty.user, now=now, scheduled=session
        )
        opened += opened_now.pk == session.pk
    return opened, closed
