"""Members, their agreements and facilitators' certifications."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from groups import selectors
from groups.audit import audit_record
from groups.errors import ServiceError
from groups.models import AgreementAcceptance, Certification, Group, Membership
from groups.selectors import User


def membership_add(
    *, acting_user: AuthUser | None, user: AuthUser, group: Group, pseudonym: str, role: str
) -> Membership:
    """Add ``user`` to ``group`` under ``pseudonym`` (unique within the group), audited.
    ``acting_user`` is the coordinator who did it; ``None`` only for the system (the demo
    data, a migration)."""
    with transaction.atomic():
        if Membership.objects.filter(group=group, pseudonym__iexact=pseudonym).exists():
            raise ServiceError("invalid", "That pseudonym is taken in this group.")
        membership = Membership.objects.create(
            user=user, group=group, pseudonym=pseudonym, role=role
        )
        audit_record(
            actor=acting_user,
            group_id=group.pk,
            action="membership_add",
            target_type="membership",
            target_id=membership.pk,
            at=timezone.now(),
            detail={"role": role},
        )
    return membership


def agreement_accept(*, user: User, slug: str, version: int) -> None:
    """Record that ``user`` accepted version ``version`` of group ``slug``'s agreement."""
    membership = selectors.membership_for(user=user, slug=slug)
    agreement = selectors.agreement_current(group_id=membership.group_id)
    if agreement is None:
        raise ServiceError("invalid", "This group has no agreement to accept.")
    if version != agreement.version:
        raise ServiceError(
            "invalid", f"The current agreement is version {agreement.version}; please read it."
        )
    agreement_record(membership=membership, version=version)


def agreement_record(*, membership: Membership, version: int) -> None:
    """Record an acceptance (idempotent: the first acceptance's time is kept)."""
    with transaction.atomic():
        AgreementAcceptance.objects.get_or_create(membership=membership, version=version)


def certification_ensure(
    *, acting_user: AuthUser | None, user: AuthUser, days: int
) -> Certification:
    """Make sure ``user`` holds a facilitator certification valid for at least ``days``
    more days (audited when it changes)."""
    now = timezone.now()
    today = now.date()
    wanted = today + timedelta(days=days)
    with transaction.atomic():
        certification, created = Certification.objects.get_or_create(
            user=user, defaults={"certified_on": today, "expires_on": wanted}
        )
        if not created and certification.expires_on >= wanted:
            return certification
        if not created:
            certification.expires_on = wanted
            certification.save(update_fields=["expires_on"])
        audit_record(
            actor=acting_user,
            group_id=None,
            action="certification_grant" if created else "certification_extend",
            target_type="user",
            target_id=user.pk,
            at=now,
            detail={"expires_on": wanted.isoformat()},
        )
    return certification
