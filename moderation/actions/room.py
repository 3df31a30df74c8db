"""The room and its sessions: pause, resume, slow mode, open and end."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from groups.audit import audit_record
from groups.events.audiences import RoomAudience
from groups.events.notices import NoticeEvent, RoomPaused, RoomResumed, SlowModeChanged
from groups.events.transport import send_event_on_commit
from groups.models import Room, Session
from groups.selectors import RoomAccess
from groups.services import sessions
from moderation.actions.authorise import facilitator_for


def _room_setting(
    *, access: RoomAccess, now: datetime, paused: bool, slow: int, notice: NoticeEvent
) -> None:
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        Room.objects.filter(pk=access.room_id).update(paused=paused, slow_mode_seconds=slow)
        audit_record(
            actor=actor,
            group_id=access.group_id,
            # The audit action is the notice's code (room_paused, room_resumed, ...).
            action=notice.code,
            target_type="room",
            target_id=access.room_id,
            at=now,
            detail={"slow_mode_seconds": slow},
        )
        send_event_on_commit(notice, RoomAudience(access.group_id))


def room_pause(*, access: RoomAccess, now: datetime) -> None:
    """Only facilitators can post until the room is resumed."""
    _room_setting(access=access, now=now, paused=True, slow=0, notice=RoomPaused())


def room_resume(*, access: RoomAccess, now: datetime) -> None:
    """Everyone can post again (and slow mode is off)."""
    _room_setting(access=access, now=now, paused=False, slow=0, notice=RoomResumed())


def room_slow_mode(*, access: RoomAccess, seconds: int, now: datetime) -> None:
    """Each member may post once every ``seconds`` (0 turns slow mode off)."""
    _room_setting(
        access=access, now=now, paused=False, slow=seconds, notice=SlowModeChanged(seconds)
    )


def session_end(*, access: RoomAccess, now: datetime) -> None:
    """End the open session: nobody can post until a facilitator opens the next one."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        sessions.session_end(group_id=access.group_id, acting_user=actor, now=now)


def session_open_now(*, access: RoomAccess, now: datetime) -> Session:
    """A certified facilitator opens the room ("no facilitator, no session")."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        return sessions.session_open(group_id=access.group_id, acting_user=actor, now=now)
