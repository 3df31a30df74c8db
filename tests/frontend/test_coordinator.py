"""The coordinator page (frontend/coordinator.py) and its live endpoint
(GET /api/coordinator/pages): listed, acted on with plain forms, and invisible to anyone
who coordinates no group (the same 404 as a page that does not exist)."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from groups import selectors
from groups.models import AuditEntry, Membership
from moderation.actions.notes import note_add
from moderation.models import Escalation, EscalationTransition, Note
from moderation.services import submission
from moderation.services.escalations import escalations_page_due
from tests.conftest import make_group

pytestmark = pytest.mark.django_db

URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
PAGE = "/coordinator/"
PAGES_API = "/api/coordinator/pages"


@pytest.fixture
def coordinator(member: Membership) -> User:
    user = User.objects.create_user("coord", password="x")
    member.group.coordinators.add(user)
    return user


@pytest.fixture
def escalation(member: Membership, facilitator: Membership, coordinator: User) -> Escalation:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    submission.message_send(access=access, client_id=uuid.uuid4(), text=URGENT)
    return Escalation.objects.get()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_escalations_with_their_steps_and_the_regions_crisis_lines(
    escalation: Escalation, coordinator: User
) -> None:
    response = client_for(coordinator).get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="escalation-{escalation.pk}"' in body
    assert "Group circle: urgent escalation" in body and "Willow" in body
    for label in ("Acknowledge", "Add note"):
        assert f">{label}</button>" in body
    assert ">In contact</button>" not in body, "an open escalation is acknowledged first"
    # The group's region (US) crisis lines, tap to call and tap to text.
    assert 'href="tel:988"' in body
    assert 'href="sms:741741?body=HOME"' in body
    assert 'href="https://988lifeline.org"' in body
    # Message text is not on the page; the live script is a static file, no inline script.
    assert URGENT not in body
    assert 'type="module" src="/static/frontend/coordinator.js"' in body
    assert "<script>" not in body and " style=" not in body
    assert "csrfmiddlewaretoken" in body


def test_buttons_move_the_escalation_along_and_notes_are_kept(
    escalation: Escalation, coordinator: User
) -> None:
    client = client_for(coordinator)
    act = f"/coordinator/escalations/{escalation.pk}/"
    response = client.post(act, {"action": "acknowledge", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#escalation-{escalation.pk}"
    client.post(act, {"action": "note", "note": "Rang the facilitator."})
    client.post(act, {"action": "in_contact", "note": "With the member."})
    escalation.refresh_from_db()
    assert escalation.state == "in_contact"
    page = client.get(PAGE).content.decode()
    assert "Rang the facilitator." in page and "With the member." in page
    assert ">Handed off</button>" in page and ">Close</button>" in page
    # A step off the ladder is refused with a kind message, and changes nothing.
    refused = client.post(act, {"action": "acknowledge"}, follow=True).content.decode()
    assert "cannot become acknowledged" in refused
    escalation.refresh_from_db()
    assert escalation.state == "in_contact"
    # The note alone is a Note (audited as one, like a facilitator's); a step's remark stays
    # on its transition.
    assert list(Note.objects.values_list("text", flat=True)) == ["Rang the facilitator."]
    assert list(
        EscalationTransition.objects.filter(escalation=escalation)
        .order_by("pk")
        .values_list("to_state", "note")
    ) == [("open", ""), ("acknowledged", ""), ("in_contact", "With the member.")]
    assert list(
        AuditEntry.objects.filter(target_type__in=["escalation", "note"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["escalation_open", "escalation_acknowledged", "note_add", "escalation_in_contact"]


def test_a_facilitators_note_on_the_escalation_is_in_its_history(
    escalation: Escalation, coordinator: User, facilitator: Membership, member: Membership
) -> None:
    access = selectors.access_room(user=facilitator.user, slug=facilitator.group.slug)
    note_add(
        access=access,
        escalation_id=escalation.pk,
        text="Willow is talking to me in a DM.",
        now=timezone.now(),
    )
    # A note about the member is not the escalation's history.
    note_add(access=access, pseudonym=member.pseudonym, text="Sleeps badly.", now=timezone.now())
    client = client_for(coordinator)
    client.post(
        f"/coordinator/escalations/{escalation.pk}/", {"action": "note", "note": "Rang Fran."}
    )
    body = client.get(PAGE).content.decode()
    history = body[body.index('class="history"') : body.index("</details>")]
    assert "History (3)" in history
    opened = history.index("· the system")
    by_fran = history.index("Willow is talking to me in a DM.")
    by_coord = history.index("Rang Fran.")
    assert opened < by_fran < by_coord, "oldest first"
    # The facilitator by their pseudonym in the group, the coordinator by username.
    assert "· Facilitator Fran" in history and "· coord" in history
    assert "Sleeps badly." not in body


def test_the_forms_need_the_csrf_token(escalation: Escalation, coordinator: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(f"/coordinator/escalations/{escalation.pk}/", {"action": "acknowledge"})
    assert response.status_code == 403
    escalation.refresh_from_db()
    assert escalation.state == "open"


def test_outsiders_get_the_same_404_as_a_missing_page(
    escalation: Escalation, member: Membership, facilitator: Membership, settings: object
) -> None:
    other = make_group("other")
    elsewhere = User.objects.create_user("elsewhere", password="x")
    other.coordinators.add(elsewhere)
    for user in (member.user, facilitator.user, User.objects.create_user("nobody")):
        client = client_for(user)
        assert client.get(PAGE).status_code == 404
        assert (
            client.post(
                f"/coordinator/escalations/{escalation.pk}/", {"action": "acknowledge"}
            ).status_code
            == 404
        )
        assert client.get(PAGES_API).status_code == 404
    # A coordinator of another group sees the page, but not this escalation, and cannot act.
    client = client_for(elsewhere)
    assert f"escalation-{escalation.pk}" not in client.get(PAGE).content.decode()
    response = client.post(f"/coordinator/escalations/{escalation.pk}/", {"action": "close"})
    assert response.status_code == 404
    escalation.refresh_from_db()
    assert escalation.state == "open"


def test_logged_out_is_sent_to_log_in() -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert Client().get(PAGES_API).status_code == 401


def test_the_pages_endpoint_counts_what_waits_for_someone(
    escalation: Escalation, coordinator: User
) -> None:
    client = client_for(coordinator)
    assert json.loads(client.get(PAGES_API).content) == {"waiting": 0, "pages": []}
    now = escalation.ack_deadline + timedelta(seconds=1)
    escalations_page_due(now=now)
    data = json.loads(client.get(PAGES_API).content)
    [page] = data["pages"]
    assert data["waiting"] == 1
    assert page["escalation_id"] == escalation.pk and page["waiting"] is True
    assert (page["group"], page["severity"], page["state"]) == ("Group circle", "urgent", "open")
    # Nothing about the message or who wrote it (the webhook's rule).
    assert URGENT not in json.dumps(data) and "Willow" not in json.dumps(data)
    # The title and badge show it on the next load too.
    body = client.get(PAGE).content.decode()
    assert "<title>(1) Escalations" in body and "coordinators paged" in body
    client.post(f"/coordinator/escalations/{escalation.pk}/", {"action": "acknowledge"})
    data = json.loads(client.get(PAGES_API).content)
    assert data["waiting"] == 0 and data["pages"][0]["state"] == "acknowledged"
