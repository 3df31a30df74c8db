"""Fixtures for the room domain's services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def coordinator() -> User:
    """A person who acts in the admin (the ``acting_user`` of privileged writes)."""
    return User.objects.create_user("coord", password="x")
