"""A message is screened with its author's previous few in the session (issue 10): a plan
spread over messages is one plan. And a member's "I'm worried" report raises the flag the
screen would raise for that message read the same way."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from groups.models import Membership, Message, Room
from moderation.actions.reports import message_report
from moderation.models import Escalation, Flag
from tests.conftest import access_of, send

pytestmark = pytest.mark.django_db

# Written for this file: each alone is a concern, or nothing; together an urgent plan.
WISH = "i dont want to be alive anymore"
PREPARATION = "gave my cat to the neighbours this afternoon"


def _flag_of(seq: int, member: Membership) -> Flag | None:
    return Flag.objects.filter(message__seq=seq, message__room__group=member.group).first()


def test_the_second_half_of_a_plan_is_urgent_in_context(member: Membership) -> None:
    alice = access_of(member)
    first = send(alice, WISH)
    second = send(alice, PREPARATION)
    assert _flag_of(first.seq, member).severity == "concern"
    flag = _flag_of(second.seq, member)
    assert flag is not None and flag.severity == "urgent"
    assert "crisis.context" in flag.reasons
    assert Escalation.objects.filter(flag=flag).exists()


def test_context_is_the_authors_own(member: Membership, other_member: Membership) -> None:
    send(access_of(other_member), WISH)
    ack = send(access_of(member), PREPARATION)
    assert _flag_of(ack.seq, member) is None


def test_a_flagged_message_does_not_flag_the_next_ones(member: Membership) -> None:
    alice = access_of(member)
    send(alice, WISH)
    ack = send(alice, "thank you all for listening, it helps to say it")
    assert _flag_of(ack.seq, member) is None


def test_a_worried_report_raises_what_the_screen_reads_in_context(
    member: Membership, other_member: Membership
) -> None:
    # Stored as if an earlier screen had let both through unflagged (the messages of a
    # session before the context was read), then a member reports the second one.
    room = Room.objects.get(group=member.group)
    now = timezone.now()
    for seq, text in ((1, WISH), (2, PREPARATION)):
        Message.objects.create(
            room=room,
            session=room.group.sessions.filter(closed_at__isnull=True).first(),
            author=member,
            author_pseudonym=member.pseudonym,
            author_role=member.role,
            client_id=uuid.uuid4(),
            text=text,
            seq=seq,
            state=Message.State.POSTED,
            created_at=now.replace(microsecond=seq),
            posted_at=now,
        )
    room.last_seq = 2
    room.save(update_fields=["last_seq"])
    message_report(access=access_of(other_member), seq=2, kind="worried", now=now)
    flag = _flag_of(2, member)
    assert flag is not None and flag.category == "crisis" and flag.severity == "urgent"
    assert flag.reasons[0] == "report.worried" and "crisis.context" in flag.reasons
    assert Escalation.objects.filter(flag=flag).exists()
