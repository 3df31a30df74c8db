"""The escalation ladder's deadline (moderation/services/escalations.py): coordinators are
paged (in-app, webhook, e-mail) when no facilitator acknowledges an urgent flag in time,
through a worker that survives restarts. A real HTTP server on 127.0.0.1 receives the
webhook."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from groups import selectors
from groups.events.audiences import FacilitatorAudience
from groups.events.types import CrisisCard, EscalationChanged
from groups.models import Membership
from moderation.models import CoordinatorPage, Escalation
from moderation.selectors import facilitator_queue
from moderation.services import submission
from moderation.services.escalations import (
    escalation_acknowledge,
    escalations_page_due,
    pages_deliver,
)

pytestmark = pytest.mark.django_db

URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"


class Receiver:
    """A local webhook endpoint that fails its first ``failures`` requests with 503."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.bodies: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.bodies.append(body)
                status = 503 if len(receiver.bodies) <= receiver.failures else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/page"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    r = Receiver()
    settings.CIRCLES_ESCALATION_WEBHOOK_URL = r.url
    yield r
    r.close()


@pytest.fixture
def urgent(member: Membership, facilitator: Membership, settings: Any) -> Escalation:
    """An urgent message in a group with one coordinator; its escalation is open."""
    from django.contrib.auth.models import User

    settings.CIRCLES_ESCALATION_ACK_SECONDS = 60
    coordinator = User.objects.create_user("coord", email="coord@example.org", password="x")
    member.group.coordinators.add(coordinator)
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    submission.message_send(access=access, client_id=uuid.uuid4(), text=URGENT)
    return Escalation.objects.get()


def after_deadline(escalation: Escalation) -> Any:
    return escalation.ack_deadline + timedelta(seconds=1)


def test_before_the_deadline_nobody_is_paged(urgent: Escalation, receiver: Receiver) -> None:
    assert escalations_page_due(now=urgent.ack_deadline - timedelta(seconds=1)) == 0
    assert not CoordinatorPage.objects.exists()


def test_past_the_deadline_coordinators_are_paged_in_app_and_by_webhook(
    urgent: Escalation, receiver: Receiver
) -> None:
    now = after_deadline(urgent)
    assert escalations_page_due(now=now) == 1
    assert pages_deliver(now=now) == 1
    [body] = receiver.bodies
    assert body == {
        "escalation_id": urgent.pk,
        "group": "circle",
        "severity": "urgent",
        "opened_at": urgent.opened_at.isoformat(),
        "url": f"http://127.0.0.1:8000/admin/moderation/escalation/{urgent.pk}/change/",
    }
    # Never the message text, nor who wrote it.
    assert "tonight" not in json.dumps(body) and "Willow" not in json.dumps(body)
    channels = sorted(CoordinatorPage.objects.values_list("channel", "status"))
    assert channels == [("in_app", "delivered"), ("webhook", "delivered")]
    urgent.refresh_from_db()
    assert urgent.coordinators_paged_at == now and urgent.state == "open"
    # Paged once: later passes page nobody again.
    assert escalations_page_due(now=now + timedelta(minutes=5)) == 0


def test_a_failing_webhook_is_retried_with_backoff_until_it_answers(
    urgent: Escalation, receiver: Receiver
) -> None:
    receiver.failures = 2
    now = after_deadline(urgent)
    escalations_page_due(now=now)
    assert pages_deliver(now=now) == 0
    page = CoordinatorPage.objects.get(channel="webhook")
    assert page.status == "pending" and page.attempts == 1
    assert pages_deliver(now=now) == 0, "not due again before its backoff"
    assert pages_deliver(now=page.next_attempt_at) == 0
    page.refresh_from_db()
    assert page.attempts == 2 and page.next_attempt_at > now
    assert pages_deliver(now=page.next_attempt_at) == 1
    page.refresh_from_db()
    assert page.status == "delivered" and page.attempts == 3
    assert len(receiver.bodies) == 3


def test_an_unreachable_webhook_keeps_its_page_pending(urgent: Escalation, settings: Any) -> None:
    settings.CIRCLES_ESCALATION_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    now = after_deadline(urgent)
    escalations_page_due(now=now)
    assert pages_deliver(now=now) == 0
    page = CoordinatorPage.objects.get(channel="webhook")
    assert page.status == "pending" and page.last_error


def test_acknowledging_in_time_pages_no_one(
    urgent: Escalation, receiver: Receiver, facilitator: Membership
) -> None:
    escalation_acknowledge(
        acting_user=facilitator.user, escalation_id=urgent.pk, now=timezone.now()
    )
    urgent.refresh_from_db()
    assert urgent.state == "acknowledged"
    assert list(urgent.transitions.values_list("from_state", "to_state", "actor")) == [
        ("", "open", None),
        ("open", "acknowledged", facilitator.user_id),
    ]
    now = after_deadline(urgent)
    assert escalations_page_due(now=now) == 0
    assert pages_deliver(now=now) == 0
    assert receiver.bodies == []


def test_only_a_facilitator_of_the_group_can_acknowledge(
    urgent: Escalation, member: Membership
) -> None:
    from groups.errors import ServiceError

    with pytest.raises(ServiceError):
        escalation_acknowledge(acting_user=member.user, escalation_id=urgent.pk, now=timezone.now())
    urgent.refresh_from_db()
    assert urgent.state == "open"


# Transactional: the worker closes stale connections each pass, as a long-lived process must.
@pytest.mark.django_db(transaction=True)
def test_a_deadline_set_before_a_restart_still_fires_after_it(
    urgent: Escalation, receiver: Receiver
) -> None:
    # The server that opened it is gone; its deadline passed while nothing was running.
    Escalation.objects.filter(pk=urgent.pk).update(
        ack_deadline=timezone.now() - timedelta(minutes=10)
    )
    call_command("escalation_worker", "--once")
    urgent.refresh_from_db()
    assert urgent.coordinators_paged_at is not None
    assert [b["escalation_id"] for b in receiver.bodies] == [urgent.pk]


def test_coordinators_are_emailed_when_mail_is_configured(
    urgent: Escalation, settings: Any
) -> None:
    settings.CIRCLES_ESCALATION_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = after_deadline(urgent)
    escalations_page_due(now=now)
    pages_deliver(now=now)
    [email] = mail.outbox
    assert email.to == ["coord@example.org"]
    assert "tonight" not in email.body and "Willow" not in email.body
    assert f"/escalation/{urgent.pk}/" in email.body


def test_the_author_is_told_again_that_crisis_lines_are_fastest(
    urgent: Escalation, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[tuple[Any, Any]] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, _m: sent.append((e, a)))
    with django_capture_on_commit_callbacks(execute=True):
        escalations_page_due(now=after_deadline(urgent))
    [(card, audience)] = [(e, a) for e, a in sent if isinstance(e, CrisisCard)]
    assert card.note and "crisis line" in card.note
    assert audience.membership_id == urgent.flag.message.author_id


def test_the_facilitators_are_told_when_coordinators_are_paged(
    urgent: Escalation, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[tuple[Any, Any]] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, _m: sent.append((e, a)))
    when = after_deadline(urgent)
    with django_capture_on_commit_callbacks(execute=True):
        escalations_page_due(now=when)
    [(event, audience)] = [(e, a) for e, a in sent if isinstance(e, EscalationChanged)]
    assert audience == FacilitatorAudience(urgent.group_id)
    frame = event.to_frame()
    assert frame["escalation_id"] == urgent.pk and frame["state"] == "open"
    assert frame["paged_at"] == when.isoformat()
    # The same frame the queue replays to a facilitator who connects now.
    assert event in facilitator_queue(group_id=urgent.group_id)
