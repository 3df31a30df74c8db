"""Facilitators' private notes on a member or an escalation."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from groups.errors import ServiceError
from groups.models import Membership
from groups.selectors import RoomAccess
from moderation.actions.authorise import facilitator_for
from moderation.models import Escalation, Note
from moderation.services.notes import note_create


def note_add(
    *,
    access: RoomAccess,
    text: str,
    now: datetime,
    pseudonym: str | None = None,
    escalation_id: int | None = None,
) -> Note:
    """Write a private note about one member (by pseudonym) or one escalation of the group."""
    with transaction.atomic():
        actor = facilitator_for(access=access, now=now).user
        membership = escalation = None
        if pseudonym is not None:
            membership = Membership.objects.filter(
                group_id=access.group_id, pseudonym=pseudonym
            ).first()
            if membership is None:
                raise ServiceError("not_found", "Nobody in this group goes by that name.")
        if escalation_id is not None:
            escalation = Escalation.objects.filter(
                pk=escalation_id, group_id=access.group_id
            ).first()
            if escalation is None:
                raise ServiceError("not_found", "No such escalation in this group.")
        return note_create(
            acting_user=actor,
            group_id=access.group_id,
            membership=membership,
            escalation=escalation,
            text=text,
            now=now,
        )
