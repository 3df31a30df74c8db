"""Opening a connection (groups/services/connections.py, ``connection_open``): the welcome
carries the member's mute and the room's state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from groups.models import Membership, Room
from groups.services import connections
from tests.conftest import access_of

pytestmark = pytest.mark.django_db


# --- connection_open: the welcome and the arrival notices ---------------------------------


def test_the_welcome_carries_the_mute_and_the_room_state(
    member: Membership, facilitator: Membership
) -> None:
    until = timezone.now() + timedelta(minutes=5)
    Membership.objects.filter(pk=member.pk).update(muted_until=until)
    Room.objects.filter(group=member.group).update(paused=True, slow_mode_seconds=30)
    welcome = connections.connection_open(access=access_of(member), channel_name="c.member")
    assert welcome.muted_until == until
    assert (welcome.paused, welcome.slow_mode_seconds) == (True, 30)
    assert welcome.facilitator_present is False
    fran = connections.connection_open(access=access_of(facilitator), channel_name="c.fran")
    assert fran.facilitator_present is True and fran.muted_until is None


def test_an_expired_mute_is_not_in_the_welcome(member: Membership) -> None:
    Membership.objects.filter(pk=member.pk).update(
        muted_until=timezone.now() - timedelta(seconds=1)
    )
    welcome = connections.connection_open(access=access_of(member), channel_name="c.member")
    assert welcome.muted_until is None
