"""The one review transition: every declared step of a flag, a hold or an escalation
writes its history row, its audit row and the facilitators' event together; every other
step is refused and writes nothing."""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from groups import selectors
from groups.errors import ServiceError
from groups.events.audiences import FacilitatorAudience
from groups.models import AuditEntry, Membership, Message, Room
from groups.services.messages import message_create
from moderation.models import Escalation, EscalationTransition, Flag, Hold, ReviewTransition
from moderation.services.reviews import (
    ESCALATION,
    ESCALATION_TRANSITIONS,
    FLAG,
    FLAG_TRANSITIONS,
    HOLD,
    HOLD_TRANSITIONS,
    ReviewKind,
    escalation_steps_from,
    review_move,
)

ROOT = Path(__file__).resolve().parents[3]

# The lifecycles as a person would say them; the tables must say exactly this.
FLAG_STEPS = {
    ("open", "acknowledged"),
    ("open", "resolved"),
    ("acknowledged", "resolved"),
    ("resolved", "open"),
}
HOLD_STEPS = {("pending", "approved"), ("pending", "rejected")}
ESCALATION_STEPS = {
    ("open", "open"),
    ("open", "acknowledged"),
    ("acknowledged", "in_contact"),
    ("acknowledged", "closed"),
    ("in_contact", "handed_off"),
    ("in_contact", "closed"),
    ("handed_off", "closed"),
}


@pytest.mark.parametrize(
    ("table", "steps"),
    [
        (FLAG_TRANSITIONS, FLAG_STEPS),
        (HOLD_TRANSITIONS, HOLD_STEPS),
        (ESCALATION_TRANSITIONS, ESCALATION_STEPS),
    ],
    ids=["flag", "hold", "escalation"],
)
def test_the_tables_declare_exactly_the_lifecycles(table: Any, steps: set[Any]) -> None:
    assert set(table) == steps


def test_a_person_never_pages_and_a_closed_escalation_goes_nowhere() -> None:
    assert escalation_steps_from("open") == {"acknowledged"}
    assert escalation_steps_from("acknowledged") == {"in_contact", "closed"}
    assert escalation_steps_from("closed") == set()


def _items(member: Membership) -> tuple[Flag, Hold, Escalation]:
    now = timezone.now()
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    session = selectors.session_open_for(group_id=member.group_id)
    assert session is not None
    message = message_create(
        room=Room.objects.get(pk=access.room_id),
        session_id=session.pk,
        membership=member,
        client_id=uuid.uuid4(),
        text="a held message",
        state=Message.State.HELD,
        now=now,
    )
    flag = Flag.objects.create(
        message=message, group_id=member.group_id, category="crisis", created_at=now
    )
    hold = Hold.objects.create(
        message=message, group_id=member.group_id, reason="crisis", created_at=now
    )
    escalation = Escalation.objects.create(
        flag=flag,
        group_id=member.group_id,
        opened_at=now,
        ack_deadline=now + timedelta(seconds=60),
    )
    return flag, hold, escalation


KINDS: dict[str, tuple[ReviewKind[Any], list[str]]] = {
    "flag": (FLAG, Flag.Status.values),
    "hold": (HOLD, Hold.Status.values),
    "escalation": (ESCALATION, Escalation.State.values),
}
CASES = [
    (name, frm, to)
    for name, (_, statuses) in KINDS.items()
    for frm, to in itertools.product(statuses, statuses)
]


def _history(kind: ReviewKind[Any], item: Any) -> int:
    if kind is ESCALATION:
        return EscalationTransition.objects.filter(escalation=item).count()
    return ReviewTransition.objects.filter(**{kind.name: item}).count()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "frm", "to"), CASES, ids=["-".join(c) for c in CASES])
def test_each_step_is_written_once_or_refused(
    name: str,
    frm: str,
    to: str,
    member: Membership,
    facilitator: Membership,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    sent: list[tuple[Any, Any]] = []
    monkeypatch.setattr(
        "groups.events.transport._deliver",
        lambda event, audience, _m: sent.append((event, audience)),
    )
    kind, _ = KINDS[name]
    item = dict(zip(("flag", "hold", "escalation"), _items(member), strict=True))[name]
    setattr(item, kind.status_field, frm)
    item.save()
    audits = AuditEntry.objects.count()
    actor = facilitator.user
    declared = kind.transitions.get((frm, to))
    with django_capture_on_commit_callbacks(execute=True):
        if declared is None and frm != to:
            with pytest.raises(ServiceError):
                review_move(kind, item, to, actor=actor, now=timezone.now(), note="n")
        else:
            moved = review_move(kind, item, to, actor=actor, now=timezone.now(), note="n")
            assert moved is (declared is not None)
    item.refresh_from_db()
    if declared is None:
        # Refused, or a repeat of the status it has: nothing written, nobody told.
        assert kind.status_of(item) == frm
        assert (_history(kind, item), AuditEntry.objects.count(), sent) == (0, audits, [])
        return
    assert kind.status_of(item) == to
    assert _history(kind, item) == 1
    [audit] = AuditEntry.objects.order_by("-pk")[:1]
    assert AuditEntry.objects.count() == audits + 1
    assert (audit.action, audit.actor, audit.target_type, audit.target_id) == (
        declared,
        actor,
        name,
        str(item.pk),
    )
    [(_, audience)] = sent
    assert audience == FacilitatorAudience(member.group_id)


@pytest.mark.parametrize(
    "pattern",
    [
        r"ReviewTransition\.objects\.create",
        r"EscalationTransition\.objects\.create",
        r"(flag|hold)\.status\s*=[^=]",
        r"escalation\.state\s*=[^=]",
    ],
)
def test_review_history_is_written_in_one_module(pattern: str) -> None:
    owner = ROOT / "moderation" / "services" / "reviews.py"
    elsewhere = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "moderation").rglob("*.py")
        if "migrations" not in path.parts
        and "screen" not in path.parts
        and path != owner
        and re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []
