"""Private notes (moderation.models.Note, services.note_create) and which of them the
facilitators' queue replays (selectors.notes_for_replay), on the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups.errors import ServiceError
from groups.models import AuditEntry, Membership, Message
from moderation.models import Escalation, Flag, Note
from moderation.selectors import NOTE_REPLAY_LIMIT, facilitator_queue, notes_for_replay
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


def test_the_replay_has_live_escalation_notes_and_recent_member_notes_oldest_first(
    facilitator: Membership, member: Membership, escalation: Escalation
) -> None:
    now = timezone.now()
    old = write(facilitator, membership=member, now=now - timedelta(days=31))
    recent = write(facilitator, membership=member, now=now - timedelta(days=1))
    on_live = write(facilitator, escalation=escalation, now=now - timedelta(days=40))
    assert notes_for_replay(group_id=member.group_id, now=now) == [on_live, recent]
    assert old not in notes_for_replay(group_id=member.group_id, now=now)
    Escalation.objects.filter(pk=escalation.pk).update(state=Escalation.State.CLOSED)
    assert notes_for_replay(group_id=member.group_id, now=now) == [recent]


def test_the_replay_keeps_the_latest_member_notes_only(
    facilitator: Membership, member: Membership
) -> None:
    now = timezone.now()
    notes = [
        write(facilitator, membership=member, now=now - timedelta(minutes=200 - i))
        for i in range(NOTE_REPLAY_LIMIT + 5)
    ]
    replayed = notes_for_replay(group_id=member.group_id, now=now)
    assert replayed == notes[5:]


def test_notes_of_another_group_are_never_replayed(
    facilitator: Membership, member: Membership
) -> None:
    from tests.conftest import make_group, make_member

    other = make_group("elsewhere")
    olga = make_member(other, "olga", pseudonym="Olga", role="facilitator")
    write(olga, membership=make_member(other, "pat", pseudonym="Pat"))
    queue = facilitator_queue(group_id=member.group_id)
    assert queue == []
