"""Moderation reads (moderation/selectors.py): the crisis lines' tap-to-call and tap-to-text
links, made once; which private notes the facilitators' queue replays
(``notes_for_replay``); and an author's own held messages (``pending_for_author``)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from groups import selectors
from groups.models import Membership, Message
from moderation.models import Escalation, Flag, Note
from moderation.selectors import (
    NOTE_REPLAY_LIMIT,
    crisis_line_hrefs,
    crisis_resources_for,
    facilitator_queue,
    notes_for_replay,
)
from moderation.services import submission
from moderation.services.notes import note_create


@pytest.mark.parametrize(
    ("phone", "text", "expected"),
    [
        ("988", "text 988", ("tel:988", "sms:988")),
        ("", "text HOME to 741741", (None, "sms:741741?body=HOME")),
        ("", "text shout to 85258", (None, "sms:85258?body=SHOUT")),
        ("116 123", "", ("tel:116123", None)),
        ("13 11 14", "", ("tel:131114", None)),
        ("+44 20 7946 0000", "", ("tel:+442079460000", None)),
        ("", "message us on the website", (None, None)),
        ("", "", (None, None)),
    ],
)
def test_crisis_line_hrefs(phone: str, text: str, expected: tuple[str | None, str | None]) -> None:
    assert crisis_line_hrefs(phone=phone, text=text) == expected


@pytest.mark.django_db
def test_every_shipped_line_carries_its_links() -> None:
    lines = crisis_resources_for(region="US")
    by_name = {line["name"]: line for line in lines}
    assert by_name["988 Suicide & Crisis Lifeline"]["tel_href"] == "tel:988"
    assert by_name["Crisis Text Line"]["sms_href"] == "sms:741741?body=HOME"
    assert by_name["Emergency services"]["sms_href"] is None


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


@pytest.mark.django_db
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


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_notes_of_another_group_are_never_replayed(
    facilitator: Membership, member: Membership
) -> None:
    from tests.conftest import make_group, make_member

    other = make_group("elsewhere")
    olga = make_member(other, "olga", pseudonym="Olga", role="facilitator")
    write(olga, membership=make_member(other, "pat", pseudonym="Pat"))
    queue = facilitator_queue(group_id=member.group_id)
    assert queue == []


# --- The console's events (issue 7): each new or changed type, its audience and its shape --

CONTACT = "text me on 07700 900123 after the session and we can talk more"


@pytest.mark.django_db
def test_pending_is_the_authors_own_hold_with_the_acks_reason(member: Membership) -> None:
    from moderation.selectors import pending_for_author

    access = selectors.access_room(user=member.user, slug=member.group.slug)
    ack = submission.message_send(access=access, client_id=uuid.uuid4(), text=CONTACT)
    [pending] = pending_for_author(membership_id=member.pk, group_id=member.group_id)
    frame = pending.to_frame()
    assert set(frame) == {"type", "hold_id", "client_id", "text", "reason", "at"}
    assert frame["client_id"] == ack.client_id and frame["reason"] == ack.reason
