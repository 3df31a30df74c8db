"""Actions on one member: mute, unmute, remove, readmit, ban, send the crisis card."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import FacilitatorAudience, MemberAudience
from groups.events.notices import CrisisCardSent, Muted, Readmitted, Removed, Unmuted
from groups.events.transport import send_event_on_commit
from groups.models import Membership, Session
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for
from moderation.services.crisis_cards import crisis_card_send


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
            Muted(minutes=minutes, muted_until=target.muted_until), MemberAudience(target.pk)
        )


def member_unmute(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Let a muted member post again now."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_unmute", now=now, detail={}
        )
        target.muted_until = None
        target.save(update_fields=["muted_until"])
        send_event_on_commit(Unmuted(), MemberAudience(target.pk))


def member_remove(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Take a member out of the session now: their sockets close, and they cannot come back
    in until the session ends or a facilitator readmits them."""
    with transaction.atomic():
        session = (
            Session.objects.filter(group_id=access.group_id, state=Session.State.OPEN)
            .values_list("pk", flat=True)
            .first()
        )
        _, target = _member_action(
            access=access,
            pseudonym=pseudonym,
            action="member_remove",
            now=now,
            detail={"session": session} if session is not None else {},
        )
        # Stored, so a reconnect is refused (``access_room``) for as long as it lasts.
        target.removed_from_session_id = session
        target.save(update_fields=["removed_from_session"])
        send_event_on_commit(Removed(), MemberAudience(target.pk))


def member_readmit(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Let a removed member back into the current session."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_readmit", now=now, detail={}
        )
        if target.removed_from_session_id is None:
            raise ServiceError("invalid", "That member has not been removed from the session.")
        target.removed_from_session = None
        target.save(update_fields=["removed_from_session"])
        send_event_on_commit(Readmitted(target.pseudonym), FacilitatorAudience(access.group_id))


# With the crisis card a facilitator sends by hand (SPEC 1).
CARD_NOTE_FROM_FACILITATOR = (
    "A facilitator thought these might help. They are free and confidential."
)


def member_send_crisis_card(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Send one member, privately, the crisis lines of the group's region."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        target = (
            Membership.objects.select_related("group")
            .filter(group_id=access.group_id, pseudonym=pseudonym, state=Membership.State.ACTIVE)
            .first()
        )
        if target is None:
            raise ServiceError("not_found", "Nobody in this group goes by that name.")
        audit_record(
            actor=actor,
            group_id=access.group_id,
            action="crisis_card_send",
            target_type="membership",
            target_id=target.pk,
            at=now,
        )
        crisis_card_send(member=target, note=CARD_NOTE_FROM_FACILITATOR)
        send_event_on_commit(CrisisCardSent(target.pseudonym), FacilitatorAudience(access.group_id))


def member_ban(*, access: RoomAccess, pseudonym: str, now: datetime) -> None:
    """Ban a member from the group: their sockets close and they cannot come back in."""
    with transaction.atomic():
        _, target = _member_action(
            access=access, pseudonym=pseudonym, action="member_ban", now=now, detail={}
        )
        target.state = Membership.State.BANNED
        # Saving the state sends Banned, which closes their sockets (groups/revocation.py).
        target.save(update_fields=["state"])
