"""Coordinators working escalations (moderation/coordinators.py): authorised by the group
they coordinate, every step through the ladder audited, notes (the facilitators' Note rows)
audited without their text and sent to the facilitators; the history they read, steps and
notes merged. (The Escalation admin's actions, on the same services: test_admin.py.)"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from groups import selectors
from groups.errors import ServiceError
from groups.models import AuditEntry, Membership
from moderation.actions.notes import note_add
from moderation.coordinators import (
    coordinator_escalation_acknowledge,
    coordinator_escalation_note,
    coordinator_escalation_update,
    coordinator_escalations,
    coordinator_pages,
    escalation_histories,
    is_coordinator,
)
from moderation.models import Escalation, EscalationTransition, Note
from moderation.selectors import NOTE_BY_COORDINATOR
from moderation.services.escalations import escalations_page_due
from tests.conftest import make_member
from tests.moderation.escalation_helpers import (
    audit_actions,
    urgent_escalation,
)

pytestmark = pytest.mark.django_db


def test_the_ladder_from_open_to_closed_every_step_recorded_and_audited(
    escalation: Escalation, coordinator: User
) -> None:
    now = timezone.now()
    coordinator_escalation_acknowledge(
        acting_user=coordinator, escalation_id=escalation.pk, now=now
    )
    for state, note in [
        ("in_contact", "Called the facilitator; with the member now."),
        ("handed_off", "Handed to the crisis line."),
        ("closed", ""),
    ]:
        coordinator_escalation_update(
            acting_user=coordinator, escalation_id=escalation.pk, state=state, note=note, now=now
        )
    escalation.refresh_from_db()
    assert escalation.state == "closed"
    steps = list(
        EscalationTransition.objects.filter(escalation=escalation)
        .order_by("pk")
        .values_list("from_state", "to_state", "actor__username", "note")
    )
    assert steps[1:] == [
        ("open", "acknowledged", "coord", ""),
        ("acknowledged", "in_contact", "coord", "Called the facilitator; with the member now."),
        ("in_contact", "handed_off", "coord", "Handed to the crisis line."),
        ("handed_off", "closed", "coord", ""),
    ]
    assert audit_actions(escalation) == [
        "escalation_open",
        "escalation_acknowledged",
        "escalation_in_contact",
        "escalation_handed_off",
        "escalation_closed",
    ]
    assert set(
        AuditEntry.objects.filter(
            action__startswith="escalation_", actor__isnull=False
        ).values_list("actor__username", flat=True)
    ) == {"coord"}


def test_the_facilitators_are_told_of_every_step(
    escalation: Escalation,
    coordinator: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    sent: list[tuple[Any, Any]] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, _m: sent.append((e, a)))
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_escalation_acknowledge(
            acting_user=coordinator, escalation_id=escalation.pk, now=timezone.now()
        )
    [(event, audience)] = sent
    assert event.to_frame()["type"] == "escalation"
    assert event.to_frame()["state"] == "acknowledged"
    assert audience.channel_group == f"room.{escalation.group_id}.facilitators"


def test_a_note_is_the_facilitators_note_keeps_the_state_and_its_text_stays_out_of_the_audit_log(
    escalation: Escalation, coordinator: User
) -> None:
    text = f"Spoke to the facilitator {uuid.uuid4().hex}"
    note = coordinator_escalation_note(
        acting_user=coordinator, escalation_id=escalation.pk, text=f"  {text}\n", now=timezone.now()
    )
    escalation.refresh_from_db()
    assert escalation.state == "open"
    assert Note.objects.get() == note
    assert (note.escalation_id, note.membership_id, note.group_id, note.author, note.text) == (
        escalation.pk,
        None,
        escalation.group_id,
        coordinator,
        text,
    )
    # No step: the only transition is the opening.
    assert EscalationTransition.objects.filter(escalation=escalation).count() == 1
    [entry] = AuditEntry.objects.filter(action="note_add")
    assert entry.actor == coordinator and entry.group_id == escalation.group_id
    assert (entry.target_type, entry.target_id) == ("note", str(note.pk))
    assert entry.detail == {"about": "escalation"}
    assert audit_actions(escalation) == ["escalation_open", "note_add"]
    assert not AuditEntry.objects.filter(detail__icontains=text[-32:]).exists()
    assert text not in str(list(AuditEntry.objects.values()))


def test_a_coordinators_note_reaches_the_facilitators(
    escalation: Escalation,
    coordinator: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    sent: list[tuple[Any, Any]] = []
    monkeypatch.setattr("groups.events.transport._deliver", lambda e, a, _m: sent.append((e, a)))
    with django_capture_on_commit_callbacks(execute=True):
        note = coordinator_escalation_note(
            acting_user=coordinator,
            escalation_id=escalation.pk,
            text="Rang the member's GP.",
            now=timezone.now(),
        )
    [(event, audience)] = sent
    frame = event.to_frame()
    assert frame["type"] == "note"
    assert (frame["note_id"], frame["escalation_id"], frame["pseudonym"]) == (
        note.pk,
        escalation.pk,
        None,
    )
    assert frame["text"] == "Rang the member's GP."
    # The coordinator has no pseudonym in the group: the console names the role only.
    assert frame["by"] == NOTE_BY_COORDINATOR and "coord" not in str(frame)
    assert audience.channel_group == f"room.{escalation.group_id}.facilitators"


@pytest.mark.parametrize(
    "call",
    [
        lambda user, pk, now: coordinator_escalation_acknowledge(
            acting_user=user, escalation_id=pk, now=now
        ),
        lambda user, pk, now: coordinator_escalation_update(
            acting_user=user, escalation_id=pk, state="closed", note="", now=now
        ),
        lambda user, pk, now: coordinator_escalation_note(
            acting_user=user, escalation_id=pk, text="a note", now=now
        ),
    ],
    ids=["acknowledge", "update", "note"],
)
def test_a_coordinator_of_another_group_gets_not_found_as_for_a_missing_one(
    escalation: Escalation, other_coordinator: User, facilitator: Membership, call: Any
) -> None:
    now = timezone.now()
    refusals = []
    for user, pk in [
        (other_coordinator, escalation.pk),
        (other_coordinator, escalation.pk + 1000),
        (facilitator.user, escalation.pk),  # a facilitator is not a coordinator
    ]:
        with pytest.raises(ServiceError) as refused:
            call(user, pk, now)
        refusals.append((refused.value.code, refused.value.detail))
    assert refusals == [("not_found", "No such escalation.")] * 3
    escalation.refresh_from_db()
    assert escalation.state == "open"
    assert audit_actions(escalation) == ["escalation_open"]
    assert EscalationTransition.objects.filter(escalation=escalation).count() == 1
    assert not Note.objects.exists() and not AuditEntry.objects.filter(action="note_add").exists()


def test_a_deactivated_coordinator_cannot_act(escalation: Escalation, coordinator: User) -> None:
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    coordinator.refresh_from_db()
    with pytest.raises(ServiceError, match="not_found"):
        coordinator_escalation_acknowledge(
            acting_user=coordinator, escalation_id=escalation.pk, now=timezone.now()
        )


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("open", "in_contact"),
        ("open", "closed"),
        ("acknowledged", "handed_off"),
        ("closed", "open"),
    ],
)
def test_steps_off_the_ladder_are_refused(
    escalation: Escalation, coordinator: User, start: str, to: str
) -> None:
    Escalation.objects.filter(pk=escalation.pk).update(state=start)
    with pytest.raises(ServiceError) as refused:
        coordinator_escalation_update(
            acting_user=coordinator, escalation_id=escalation.pk, state=to, now=timezone.now()
        )
    assert refused.value.code == "invalid"
    escalation.refresh_from_db()
    assert escalation.state == start


def test_an_empty_or_too_long_note_is_refused(escalation: Escalation, coordinator: User) -> None:
    for text, code in [("   ", "invalid"), ("x" * 2001, "too_long")]:
        with pytest.raises(ServiceError) as refused:
            coordinator_escalation_note(
                acting_user=coordinator, escalation_id=escalation.pk, text=text, now=timezone.now()
            )
        assert refused.value.code == code
    assert not Note.objects.exists() and not AuditEntry.objects.filter(action="note_add").exists()


def test_reads_cover_only_the_coordinators_groups_live_first(
    escalation: Escalation, coordinator: User, other_coordinator: User, member: Membership
) -> None:
    second = urgent_escalation(make_member(member.group, "dana", pseudonym="Kestrel"))
    Escalation.objects.filter(pk=escalation.pk).update(state="closed")
    assert [e.pk for e in coordinator_escalations(user=coordinator)] == [second.pk, escalation.pk]
    assert coordinator_escalations(user=other_coordinator) == []
    assert is_coordinator(user=coordinator) and is_coordinator(user=other_coordinator)
    assert not is_coordinator(user=member.user)


def test_the_history_merges_steps_and_both_sides_notes_oldest_first_in_one_query(
    escalation: Escalation,
    coordinator: User,
    facilitator: Membership,
    member: Membership,
    django_assert_num_queries: Any,
) -> None:
    start = timezone.now()
    access = selectors.access_room(user=facilitator.user, slug=facilitator.group.slug)
    note_add(
        access=access,
        escalation_id=escalation.pk,
        text="Checked in with Willow.",
        now=start + timedelta(seconds=1),
    )
    coordinator_escalation_acknowledge(
        acting_user=coordinator,
        escalation_id=escalation.pk,
        note="Taking it.",
        now=start + timedelta(seconds=2),
    )
    coordinator_escalation_note(
        acting_user=coordinator,
        escalation_id=escalation.pk,
        text="Rang the facilitator.",
        now=start + timedelta(seconds=3),
    )
    # A note about a member is not an escalation's history.
    note_add(access=access, pseudonym=member.pseudonym, text="About Willow.", now=start)
    second = urgent_escalation(make_member(member.group, "dana", pseudonym="Kestrel"))
    coordinator_escalation_note(
        acting_user=coordinator, escalation_id=second.pk, text="Another.", now=start
    )
    escalations = coordinator_escalations(user=coordinator)
    # Everything was prefetched: one query for the writers' pseudonyms, whatever the count.
    with django_assert_num_queries(1):
        histories = escalation_histories(escalations)
    history = [
        (entry.is_note, entry.from_state, entry.to_state, entry.by, entry.text)
        for entry in histories[escalation.pk]
    ]
    assert history == [
        (False, "", "open", "the system", ""),
        (True, "", "", "Facilitator Fran", "Checked in with Willow."),
        (False, "open", "acknowledged", "coord", "Taking it."),
        (True, "", "", "coord", "Rang the facilitator."),
    ]
    assert [entry.text for entry in histories[second.pk] if entry.is_note] == ["Another."]


def test_pages_are_the_coordinators_own_in_app_pages(
    escalation: Escalation, coordinator: User, other_coordinator: User
) -> None:
    assert coordinator_pages(user=coordinator) == []
    escalations_page_due(now=escalation.ack_deadline + timedelta(seconds=1))
    [page] = coordinator_pages(user=coordinator)
    assert (page.escalation_id, page.state, page.waiting) == (escalation.pk, "open", True)
    assert coordinator_pages(user=other_coordinator) == []
    coordinator_escalation_acknowledge(
        acting_user=coordinator, escalation_id=escalation.pk, now=timezone.now()
    )
    [page] = coordinator_pages(user=coordinator)
    assert (page.state, page.waiting) == ("acknowledged", False)
