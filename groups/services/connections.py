"""Connections: presence rows, the welcome, heartbeats and typing (nothing here is a
message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from groups import selectors
from groups.events.audiences import MemberAudience, RoomAudience
from groups.events.notices import FacilitatorHere, LobbyWaiting, NoFacilitator
from groups.events.transport import send_event_on_commit
from groups.events.types import PresenceChanged, Typing
from groups.models import Membership, Room, RoomConnection
from groups.selectors import RoomAccess


@dataclass(frozen=True, slots=True)
class Welcome:
    """What a new connection is told about itself and the room."""

    pseudonym: str
    role: str
    session_id: int | None
    session_state: str | None
    session_opened_at: datetime | None
    session_scheduled_end: datetime | None
    last_seq: int
    muted_until: datetime | None = None
    paused: bool = False
    slow_mode_seconds: int = 0
    facilitator_present: bool = False


def _broadcast_presence(*, access: RoomAccess) -> tuple[tuple[str, str], ...]:
    here = selectors.room_presence(room_id=access.room_id)
    send_event_on_commit(PresenceChanged(here=here), RoomAudience(access.group_id))
    return here


class NotAdmitted(Exception):
    """The room had no place for this connection by the time it was recorded."""

    def __init__(self, admission: selectors.Admission) -> None:
        super().__init__(admission)
        self.admission = admission


def connection_open(*, access: RoomAccess, channel_name: str) -> Welcome:
    """Record a new connection for presence and build its welcome.

    Raises ``NotAdmitted`` when the room's capacity or the member's socket cap is reached:
    the count and the new row are one step under the room's row lock, so a burst of opens
    cannot all see the same free place (the consumer's earlier check only saves the work
    of joining for a socket that is plainly over).
    """
    now = timezone.now()
    with transaction.atomic():
        # Opens into one room take their turn here (SQLite's immediate transactions already
        # take theirs at BEGIN).
        Room.objects.select_for_update().filter(pk=access.room_id).values_list("pk").get()
        # Connections of crashed processes stop counting once they miss their heartbeats.
        RoomConnection.objects.filter(
            room_id=access.room_id, last_seen__lt=now - selectors.presence_window()
        ).delete()
        admission = selectors.admission(access=access)
        if admission != "ok":
            raise NotAdmitted(admission)
        # Read before this connection counts: the first facilitator to arrive is news.
        before = selectors.room_presence(room_id=access.room_id)
        facilitator_was_here = any(r == Membership.Role.FACILITATOR for _, r in before)
        # A channel name is new for every connection.
        RoomConnection.objects.create(
            channel_name=channel_name,
            room_id=access.room_id,
            membership_id=access.membership_id,
            connected_at=now,
            last_seen=now,
        )
        here = selectors.presence_with(before, pseudonym=access.pseudonym, role=access.role)
        send_event_on_commit(PresenceChanged(here=here), RoomAudience(access.group_id))
        session = selectors.session_open_for(group_id=access.group_id)
        facilitator_here = facilitator_was_here or access.is_facilitator
        if session is None and access.role != Membership.Role.FACILITATOR:
            # The lobby: they are let in (live messages flow) as soon as a facilitator opens it.
            send_event_on_commit(LobbyWaiting(), MemberAudience(access.membership_id))
        elif session is not None and not facilitator_here:
            send_event_on_commit(NoFacilitator(), MemberAudience(access.membership_id))
        elif session is not None and access.is_facilitator and not facilitator_was_here:
            # Clears the members' "no facilitator" notice.
            send_event_on_commit(FacilitatorHere(), RoomAudience(access.group_id))
    room = Room.objects.get(pk=access.room_id)
    muted_until = Membership.objects.values_list("muted_until", flat=True).get(
        pk=access.membership_id
    )
    return Welcome(
        pseudonym=access.pseudonym,
        role=access.role,
        session_id=session.pk if session else None,
        session_state=session.state if session else None,
        session_opened_at=session.opened_at if session else None,
        session_scheduled_end=session.scheduled_end if session else None,
        last_seq=room.last_seq,
        muted_until=muted_until if muted_until is not None and muted_until > now else None,
        paused=room.paused,
        slow_mode_seconds=room.slow_mode_seconds,
        facilitator_present=facilitator_here,
    )


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """What a heartbeat finds: the room's last ``seq``, and why the connection may no
    longer stay (``selectors.revoked``), if it may not."""

    last_seq: int
    revoked: selectors.Revocation | None = None


def connection_heartbeat(
    *, access: RoomAccess, channel_name: str, session_key: str | None = None
) -> Heartbeat:
    """Keep a live connection counted in presence; the room's last ``seq``, and whether its
    access still holds (one trip to the database thread for all three)."""
    RoomConnection.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())
    return Heartbeat(
        last_seq=selectors.room_last_seq(room_id=access.room_id),
        revoked=selectors.revoked(access=access, session_key=session_key),
    )


def connection_close(*, access: RoomAccess, channel_name: str) -> None:
    """Forget a closed connection and tell the room who is still here."""
    with transaction.atomic():
        RoomConnection.objects.filter(channel_name=channel_name).delete()
        here = _broadcast_presence(access=access)
        last_facilitator_left = access.role == Membership.Role.FACILITATOR and not any(
            r == Membership.Role.FACILITATOR for _, r in here
        )
        if last_facilitator_left and selectors.session_open_for(group_id=access.group_id):
            # Flags keep waiting in the queue, and their escalation timers keep running.
            send_event_on_commit(NoFacilitator(left=True), RoomAudience(access.group_id))


def typing_notify(*, access: RoomAccess) -> None:
    """Tell the room that someone is typing (nothing is stored)."""
    send_event_on_commit(Typing(pseudonym=access.pseudonym), RoomAudience(access.group_id))
