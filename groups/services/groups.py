"""Groups and their rooms."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from groups.audit import audit_record
from groups.models import Agreement, Group, Room


def group_create(
    *,
    acting_user: AuthUser | None,
    slug: str,
    name: str,
    topic: str = "",
    description: str = "",
    crisis_region: str = "US",
    agreement_text: str = "",
) -> Group:
    """Create a group with its room and, when given, version 1 of its agreement (audited;
    ``acting_user`` is ``None`` only for the system, the demo data)."""
    with transaction.atomic():
        group = Group.objects.create(
            slug=slug,
            name=name,
            topic=topic,
            description=description,
            crisis_region=crisis_region.upper(),
        )
        room_ensure(group=group)
        if agreement_text:
            Agreement.objects.create(group=group, version=1, text=agreement_text)
        audit_record(
            actor=acting_user,
            group_id=group.pk,
            action="group_create",
            target_type="group",
            target_id=group.pk,
            at=timezone.now(),
        )
    return group


def room_ensure(*, group: Group) -> Room:
    """The group's room, created if missing (a room is part of its group, not a write of
    its own: no audit row)."""
    room, _ = Room.objects.get_or_create(group=group)
    return room
