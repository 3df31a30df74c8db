"""Private notes (moderation/services/notes.py, ``note_create``, and the Note row's own
constraint) on the database: about exactly one thing, their text checked, audited
without it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups.errors import ServiceError
from groups.models import AuditEntry, Membership, Message
from moderation.models import Escalation, Flag, Note
from moderation.services.notes import note_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def escalation(member: Membership) -> Escalation:
    now = timezone.now()
    message = Message.objects.create(
        room=member.group.room,
        author=member,
        author_pseudonym=member.pseudonym,
        author_role=member.role,
        client_id="7d3c1a1e-8a5e-4d8e-9f0e-1b2c3d4e5f60",
        text="x",
        seq=None,
        state=Message.State.HELD,
        created_at=now,
    )
    flag = Flag.objects.create(
        message=message, group=member.group, category="crisis", severity="urgent", created_at=now
    )
    return Escalation.objects.create(
        flag=flag, group=member.group, opened_at=now, ack_deadline=now + timedelta(minutes=1)
    )


def write(facilitator: Membership, **about: Any) -> Note:
    about.setdefault("membership", None)
    about.setdefault("escalation", None)
    return note_create(
        acting_user=facilitator.user,
        group_id=facilitator.group_id,
        text=about.pop("text", "a note"),
        now=about.pop("now", timezone.now()),
        **about,
    )


@pytest.mark.parametrize("about", ["both", "neither"])
def test_a_note_is_about_exactly_one_thing_in_the_database(
    member: Membership, escalation: Escalation, about: str
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.create(
            group=member.group,
            membership=member if about == "both" else None,
            escalation=escalation if about == "both" else None,
            text="t",
            created_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("text", "code"), [("", "invalid"), ("   ", "invalid"), ("x" * 2001, "too_long")]
)
def test_note_text_is_checked(
    facilitator: Membership, member: Membership, text: str, code: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        write(facilitator, membership=member, text=text)
    assert refused.value.code == code
    assert not Note.objects.exists()
    assert not AuditEntry.objects.filter(action="note_add").exists()


def test_a_note_is_audited_without_its_text(facilitator: Membership, member: Membership) -> None:
    note = write(facilitator, membership=member, text="struggling with sleep")
    entry = AuditEntry.objects.get(action="note_add")
    assert entry.actor == facilitator.user and entry.target_id == str(note.pk)
    assert "sleep" not in repr(entry.detail) and "sleep" not in str(note)
