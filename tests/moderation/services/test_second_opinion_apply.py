"""Recording what the second opinion adds (moderation/services/second_opinion.py): a flag
the screen did not raise, a concern raised to urgent with its escalation, never anything
removed or lowered; a message no longer in the room is left alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from groups.models import Membership, Message
from groups.services.messages import message_delete
from moderation.models import Escalation, Flag, ScreenRecord
from moderation.screen.second_opinion import (
    REASON_CRISIS,
    REASON_HARASSMENT,
    REASON_URGENT,
    Addition,
)
from moderation.services.second_opinion import second_opinion_apply
from tests.conftest import access_of, send

pytestmark = pytest.mark.django_db

# Written for this file.
ORDINARY = "we went to the park with the dog this morning"
WISH = "i dont want to be alive anymore"
PROFANE_BUT_FINE = "this week has been shit honestly"

CRISIS = Addition(labels=("crisis",), severity="concern", reasons=(REASON_CRISIS,))
RAISE = Addition(labels=(), severity="urgent", reasons=(REASON_URGENT,))
HARASSMENT = Addition(labels=("harassment",), severity=None, reasons=(REASON_HARASSMENT,))


def _apply(ack: Any, addition: Addition) -> bool:
    return second_opinion_apply(look=ack.second_look, addition=addition, now=timezone.now())


def test_a_send_hands_its_message_to_the_second_opinion(member: Membership) -> None:
    ack = send(access_of(member), ORDINARY)
    look = ack.second_look
    assert look is not None
    assert look.text == ORDINARY
    assert look.screened.labels == ()
    assert Message.objects.get(pk=look.message_id).seq == ack.seq
    # A resend of the same client_id is answered from the record: nothing to read again.
    again = send(access_of(member), ORDINARY, client_id=ScreenRecord.objects.get().client_id)
    assert again == ack and again.second_look is None


def test_a_blocked_send_has_nothing_for_the_second_opinion(member: Membership) -> None:
    group = member.group
    group.moderation_policy = {"extra_blocked_words": ["zorblax"]}
    group.save()
    ack = send(access_of(member), "zorblax zorblax on pizza")
    assert ack.status == "blocked"
    assert ack.second_look is None


def test_adds_a_crisis_flag_where_the_screen_raised_none(member: Membership) -> None:
    ack = send(access_of(member), ORDINARY)
    assert not Flag.objects.exists()
    assert _apply(ack, CRISIS)
    flag = Flag.objects.get()
    assert (flag.category, flag.severity, flag.reasons) == ("crisis", "concern", [REASON_CRISIS])
    assert not Escalation.objects.exists()
    record = ScreenRecord.objects.get()
    assert record.labels == ["crisis"] and REASON_CRISIS in record.reasons
    assert record.severity == "concern"


def test_raises_a_concern_to_urgent_and_opens_its_escalation(member: Membership) -> None:
    ack = send(access_of(member), WISH)
    flag = Flag.objects.get()
    assert flag.severity == "concern"
    assert _apply(ack, RAISE)
    flag.refresh_from_db()
    assert flag.severity == "urgent"
    assert flag.reasons[-1] == REASON_URGENT
    assert Escalation.objects.filter(flag=flag).exists()


def test_harassment_never_lowers_a_crisis_flag(member: Membership) -> None:
    ack = send(access_of(member), WISH)
    assert _apply(ack, HARASSMENT)
    flag = Flag.objects.get()
    assert (flag.category, flag.severity) == ("crisis", "concern")
    assert REASON_HARASSMENT in flag.reasons


def test_a_crisis_outranks_an_earlier_flag_of_another_kind(member: Membership) -> None:
    ack = send(access_of(member), ORDINARY)
    message = Message.objects.get(pk=ack.second_look.message_id)
    flag = Flag.objects.create(
        message=message,
        group=member.group,
        category="boundary",
        reasons=["report.boundary"],
        created_at=timezone.now(),
    )
    assert _apply(ack, CRISIS)
    flag.refresh_from_db()
    assert (flag.category, flag.severity) == ("crisis", "concern")


def test_adds_a_boundary_flag_with_its_subtype(member: Membership) -> None:
    ack = send(access_of(member), ORDINARY)
    money = Addition(labels=("boundary",), boundary=("money",), reasons=("boundary.money.x",))
    assert _apply(ack, money)
    flag = Flag.objects.get()
    assert (flag.category, flag.severity) == ("boundary", "")
    record = ScreenRecord.objects.get()
    assert record.labels == ["boundary"] and record.boundary == ["money"]


def test_a_message_taken_back_is_left_alone(member: Membership) -> None:
    alice = access_of(member)
    ack = send(alice, ORDINARY)
    message_delete(access=alice, seq=ack.seq, now=timezone.now())
    assert not _apply(ack, CRISIS)
    assert not Flag.objects.exists()
