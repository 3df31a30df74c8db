"""The coordinator role (groups/services/roles.py): granting it takes ``acting_user`` and is
audited with who did it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from groups.models import AuditEntry
from groups.services import roles

pytestmark = pytest.mark.django_db


def test_granting_the_coordinator_role_is_audited(coordinator: User) -> None:
    person = User.objects.create_user("newcoord")
    roles.coordinator_role_grant(acting_user=coordinator, user=person)
    person.refresh_from_db()
    assert person.is_staff and person.groups.filter(name=roles.COORDINATORS_ROLE).exists()
    [audit] = AuditEntry.objects.filter(action="coordinator_role_grant")
    assert (audit.actor, audit.target_id) == (coordinator, str(person.pk))
