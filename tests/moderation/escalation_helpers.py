"""Helpers for the tests of ``moderation.coordinators`` and of the escalation admin: an
urgent escalation raised through the real send, and an escalation's audit trail."""

from __future__ import annotations

import uuid

from django.db.models import Q

from groups import selectors
from groups.models import AuditEntry, Membership
from moderation.models import Escalation, Note
from moderation.services import submission

URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"


def urgent_escalation(member: Membership) -> Escalation:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    submission.message_send(access=access, client_id=uuid.uuid4(), text=URGENT)
    return Escalation.objects.get(flag__message__author=member)


def audit_actions(escalation: Escalation) -> list[str]:
    """The audit trail of the escalation and of the notes on it, oldest first."""
    notes = [
        str(pk) for pk in Note.objects.filter(escalation=escalation).values_list("pk", flat=True)
    ]
    return list(
        AuditEntry.objects.filter(
            Q(target_type="escalation", target_id=str(escalation.pk))
            | Q(target_type="note", target_id__in=notes)
        )
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
