"""Facilitators working escalations: take, escalate by hand, move on to closed."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for
from moderation.actions.queue import flag_in_group
from moderation.models import Escalation
from moderation.services.escalations import escalation_acknowledge
from moderation.services.review_items import escalation_open
from moderation.services.reviews import ESCALATION, escalation_steps_from, review_move


def escalation_take(*, access: RoomAccess, escalation_id: int, now: datetime) -> Escalation:
    """A facilitator in the room acknowledges an escalation before its deadline."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        if not Escalation.objects.filter(pk=escalation_id, group_id=access.group_id).exists():
            raise ServiceError("not_found", "No such escalation in this group.")
        escalation = escalation_acknowledge(acting_user=actor, escalation_id=escalation_id, now=now)
    return escalation


def flag_escalate(*, access: RoomAccess, flag_id: int, now: datetime) -> Escalation:
    """A facilitator escalates a flag by hand (it opens an escalation if none is open)."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        flag = flag_in_group(flag_id, access.group_id)
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


def escalation_update(
    *, access: RoomAccess, escalation_id: int, state: str, note: str, now: datetime
) -> Escalation:
    """Move an acknowledged escalation on: in contact → handed off → closed, with a note.
    (An open one is taken with ``escalation_take``.)"""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        escalation = (
            Escalation.objects.select_for_update()
            .filter(pk=escalation_id, group_id=access.group_id)
            .first()
        )
        if escalation is None:
            raise ServiceError("not_found", "No such escalation in this group.")
        if escalation.state == Escalation.State.OPEN or state not in escalation_steps_from(
            escalation.state
        ):
            raise ServiceError(
                "invalid", f"An escalation that is {escalation.state} cannot become {state}."
            )
        review_move(ESCALATION, escalation, state, actor=actor, now=now, note=note)
    return escalation
