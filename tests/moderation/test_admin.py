"""The Escalation admin (moderation/admin.py): its actions go through the coordinators'
services (moderation/coordinators.py), every step audited, and refuse an escalation of a
group one does not coordinate."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from groups import selectors
from groups.models import Membership
from groups.services import roles
from moderation.actions.notes import note_add
from moderation.models import Escalation, Note
from tests.moderation.escalation_helpers import (
    audit_actions,
)

pytestmark = pytest.mark.django_db


# --- The Escalation admin's actions -----------------------------------------------------------


@pytest.fixture
def admin_client_for(coordinator: User) -> Client:

    roles.coordinator_role_grant(acting_user=None, user=coordinator)
    client = Client()
    client.force_login(coordinator)
    return client


def test_admin_actions_go_through_the_services(
    escalation: Escalation, coordinator: User, facilitator: Membership, admin_client_for: Client
) -> None:
    url = "/admin/moderation/escalation/"
    page = admin_client_for.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    for name in ("escalation_acknowledged", "escalation_in_contact", "escalation_closed"):
        assert f'value="{name}"' in body
    assert 'name="note"' in body

    def act(action: str, note: str = "") -> Any:
        return admin_client_for.post(
            url,
            {"action": action, "_selected_action": [escalation.pk], "note": note, "index": 0},
            follow=True,
        )

    assert "1 escalation(s): acknowledge." in act("escalation_acknowledged").content.decode()
    act("escalation_add_note", "Checked in with the facilitator.")
    refused = act("escalation_handed_off").content.decode()
    assert "cannot become handed off" in refused
    act("escalation_in_contact", "On the phone.")
    escalation.refresh_from_db()
    assert escalation.state == "in_contact"
    assert audit_actions(escalation) == [
        "escalation_open",
        "escalation_acknowledged",
        "note_add",
        "escalation_in_contact",
    ]
    assert list(Note.objects.values_list("text", flat=True)) == ["Checked in with the facilitator."]
    # The change page shows the history inline: the steps' remarks and the notes, the
    # facilitators' included.
    access = selectors.access_room(user=facilitator.user, slug=facilitator.group.slug)
    note_add(access=access, escalation_id=escalation.pk, text="Fran's note.", now=timezone.now())
    change = admin_client_for.get(f"{url}{escalation.pk}/change/").content.decode()
    assert "Checked in with the facilitator." in change and "On the phone." in change
    assert "Fran&#x27;s note." in change


def test_admin_actions_refuse_an_escalation_of_a_group_one_does_not_coordinate(
    escalation: Escalation, other_coordinator: User
) -> None:

    roles.coordinator_role_grant(acting_user=None, user=other_coordinator)
    client = Client()
    client.force_login(other_coordinator)
    response = client.post(
        "/admin/moderation/escalation/",
        {"action": "escalation_closed", "_selected_action": [escalation.pk], "index": 0},
        follow=True,
    )
    assert "you do not coordinate its group" in response.content.decode()
    escalation.refresh_from_db()
    assert escalation.state == "open"
