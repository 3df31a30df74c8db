"""Memberships (groups/services/memberships.py): adding a member and granting a certification
take ``acting_user`` and write their audit row in the same transaction; accepting the
group agreement (``agreement_accept``) on the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User

from groups import selectors
from groups.errors import GroupNotFound, ServiceError
from groups.models import (
    Agreement,
    AgreementAcceptance,
    AuditEntry,
    Certification,
    Group,
    Membership,
)
from groups.services import groups as group_services
from groups.services import memberships
from tests.conftest import make_group, make_member

pytestmark = pytest.mark.django_db


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


def _non_member(group: Group) -> tuple[Any, str]:
    make_group("other")
    outsider = make_member(Group.objects.get(slug="other"), "dave")
    return outsider.user, "circle"


def _banned(group: Group) -> tuple[Any, str]:
    m = make_member(group, "eve")
    Membership.objects.filter(pk=m.pk).update(state=Membership.State.BANNED)
    return m.user, "circle"


def _unknown_group(group: Group) -> tuple[Any, str]:
    return make_member(group, "carol").user, "no-such-group"


def _anonymous(group: Group) -> tuple[Any, str]:
    return AnonymousUser(), "circle"


# --- agreement_accept ----------------------------------------------------------------------


def test_agreement_accept_records_the_current_version_once(group: Group) -> None:
    m = make_member(group, "carol", accept=False)
    memberships.agreement_accept(user=m.user, slug="circle", version=1)
    first = AgreementAcceptance.objects.get(membership=m)
    memberships.agreement_accept(user=m.user, slug="circle", version=1)
    assert list(AgreementAcceptance.objects.filter(membership=m)) == [first]
    assert AgreementAcceptance.objects.get(membership=m).accepted_at == first.accepted_at
    assert selectors.access_room(user=m.user, slug="circle").membership_id == m.pk


@pytest.mark.parametrize(
    ("current", "posted"),
    [(2, 1), (1, 2), (1, 0), (1, -1)],
    ids=["stale", "future", "zero", "negative"],
)
def test_agreement_accept_refuses_any_other_version(
    group: Group, current: int, posted: int
) -> None:
    if current == 2:
        Agreement.objects.create(group=group, version=2, text="New rules.")
    m = make_member(group, "carol", accept=False)
    with pytest.raises(ServiceError) as refused:
        memberships.agreement_accept(user=m.user, slug="circle", version=posted)
    assert refused.value.code == "invalid"
    assert f"version {current}" in refused.value.detail
    assert not AgreementAcceptance.objects.filter(membership=m).exists()


def test_agreement_accept_without_an_agreement_is_invalid() -> None:
    bare = group_services.group_create(acting_user=None, slug="bare", name="Bare")
    m = make_member(bare, "carol", accept=False)
    with pytest.raises(ServiceError) as refused:
        memberships.agreement_accept(user=m.user, slug="bare", version=1)
    assert refused.value.code == "invalid"
    assert not AgreementAcceptance.objects.exists()


@pytest.mark.parametrize("setup", [_non_member, _banned, _unknown_group, _anonymous])
def test_agreement_accept_for_a_group_the_caller_cannot_see(group: Group, setup: Any) -> None:
    user, slug = setup(group)
    before = AgreementAcceptance.objects.count()
    with pytest.raises(GroupNotFound):
        memberships.agreement_accept(user=user, slug=slug, version=1)
    assert AgreementAcceptance.objects.count() == before
