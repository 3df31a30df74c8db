"""Coordinators and an urgent escalation, for the moderation app's tests. A test module
that defines its own ``escalation`` (a bare row, without the send) overrides this one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from groups.models import Membership
from moderation.models import Escalation
from tests.conftest import make_group
from tests.moderation.escalation_helpers import urgent_escalation


@pytest.fixture
def coordinator(member: Membership) -> User:
    user = User.objects.create_user("coord", password="x", is_staff=True)
    member.group.coordinators.add(user)
    return user


@pytest.fixture
def escalation(member: Membership, facilitator: Membership, coordinator: User) -> Escalation:
    return urgent_escalation(member)


@pytest.fixture
def other_coordinator() -> User:
    """Coordinates another group, not this one."""
    other = make_group("other")
    user = User.objects.create_user("elsewhere", password="x", is_staff=True)
    other.coordinators.add(user)
    return user
