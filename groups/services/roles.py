"""Roles in the admin: what a coordinator may manage and read (SPEC 1)."""

from __future__ import annotations

from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from groups.audit import audit_record

# What coordinators manage in the admin: groups, people, sessions, crisis resources,
# policies; and what they read: moderation history and the audit log (view only).
COORDINATOR_MANAGES = {
    "groups": ("group", "agreement", "membership", "session", "certification"),
    "moderation": ("crisisresource",),
}
COORDINATOR_READS = {
    "groups": ("auditentry", "agreementacceptance"),
    "moderation": (
        "escalation",
        "escalationtransition",
        "coordinatorpage",
        "flag",
        "hold",
        "reviewtransition",
        "screenrecord",
        "report",
    ),
}
COORDINATORS_ROLE = "Coordinators"


def coordinator_role_grant(*, acting_user: AuthUser | None, user: AuthUser) -> None:
    """Make ``user`` a coordinator in the admin: staff, in the "Coordinators" role
    (audited; ``acting_user`` is ``None`` only for the system, the demo data)."""
    with transaction.atomic():
        role, _ = Role.objects.get_or_create(name=COORDINATORS_ROLE)
        wanted = []
        for app, models in COORDINATOR_MANAGES.items():
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app, content_type__model__in=models
                )
            )
        for app, models in COORDINATOR_READS.items():
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app,
                    content_type__model__in=models,
                    codename__startswith="view_",
                )
            )
        role.permissions.set(wanted)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(role)
        audit_record(
            actor=acting_user,
            group_id=None,
            action="coordinator_role_grant",
            target_type="user",
            target_id=user.pk,
            at=timezone.now(),
        )
