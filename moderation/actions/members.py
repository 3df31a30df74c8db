"""Actions on one member: mute, unmute, remove, ban."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    MemberAudience,
    Notice,
    send_event_on_commit,
)
from groups.models import Membership
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for

# Close codes for sockets a facilitator ends (application range 4000-4999).
CLOSE_REMOVED = 4000
CLOSE_BANNED = 4403


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
