"""The ``moderate`` table (consumers/moderation.py): every action the server accepts has a
service."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_accepted_action_has_a_service() -> None:
    from consumers.moderation import SERVICES
    from consumers.protocol import KNOWN_ACTIONS

    assert set(SERVICES) == KNOWN_ACTIONS
