"""Privileged writes outside moderation take ``acting_user`` and write their audit row in
the same transaction: memberships, groups, certifications and the coordinator role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from groups.errors import ServiceError
from groups.models import AuditEntry, Certification, Membership
from groups.services import groups as group_services
from groups.services import memberships, roles
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    return User.objects.create_user("coord", password="x")


def test_adding_a_member_is_audited_with_who_did_it(coordinator: User) -> None:
    group = make_group("added")
    person = User.objects.create_user("newcomer")
    membership = memberships.membership_add(
        acting_user=coordinator, user=person, group=group, pseudonym="Heron", role="member"
    )
    [audit] = AuditEntry.objects.filter(action="membership_add", target_id=str(membership.pk))
    assert (audit.actor, audit.group_id, audit.detail) == (
        coordinator,
        group.pk,
        {"role": "member"},
    )
    # The pseudonym is the member's own words: it is not copied into the audit log.
    assert "Heron" not in repr(audit.detail)


def test_a_taken_pseudonym_writes_nothing(coordinator: User, member: Membership) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError):
        memberships.membership_add(
            acting_user=coordinator,
            user=User.objects.create_user("twin"),
            group=member.group,
            pseudonym=member.pseudonym.upper(),
            role="member",
        )
    assert AuditEntry.objects.count() == before


def test_creating_a_group_is_audited(coordinator: User) -> None:
    group = group_services.group_create(acting_user=coordinator, slug="new", name="New circle")
    [audit] = AuditEntry.objects.filter(action="group_create")
    assert (audit.actor, audit.group_id) == (coordinator, group.pk)


@pytest.mark.parametrize("days", [30, 365])
def test_certification_is_audited_only_when_it_changes(coordinator: User, days: int) -> None:
    facilitator = User.objects.create_user("fran")
    memberships.certification_ensure(acting_user=coordinator, user=facilitator, days=days)
    memberships.certification_ensure(acting_user=coordinator, user=facilitator, days=days)
    memberships.certification_ensure(acting_user=coordinator, user=facilitator, days=days + 1)
    actions: list[Any] = list(
        AuditEntry.objects.filter(target_id=str(facilitator.pk)).values_list("action", flat=True)
    )
    assert actions == ["certification_grant", "certification_extend"]
    assert Certification.objects.get(user=facilitator).expires_on is not None


def test_granting_the_coordinator_role_is_audited(coordinator: User) -> None:
    person = User.objects.create_user("newcoord")
    roles.coordinator_role_grant(acting_user=coordinator, user=person)
    person.refresh_from_db()
    assert person.is_staff and person.groups.filter(name=roles.COORDINATORS_ROLE).exists()
    [audit] = AuditEntry.objects.filter(action="coordinator_role_grant")
    assert (audit.actor, audit.target_id) == (coordinator, str(person.pk))
