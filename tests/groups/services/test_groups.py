"""Groups (groups/services/groups.py): creating a group takes ``acting_user`` and is audited
with who did it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from groups.models import AuditEntry
from groups.services import groups as group_services

pytestmark = pytest.mark.django_db


def test_creating_a_group_is_audited(coordinator: User) -> None:
    group = group_services.group_create(acting_user=coordinator, slug="new", name="New circle")
    [audit] = AuditEntry.objects.filter(action="group_create")
    assert (audit.actor, audit.group_id) == (coordinator, group.pk)
