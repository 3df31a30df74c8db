"""Who hears each event (groups/events/audiences.py), and what it looks like: the audience
and the frame of every event the services send, from a posted message to the console's
queue items."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from groups import selectors
from groups.events.audiences import FacilitatorAudience, MemberAudience, RoomAudience
from groups.events.types import MessagePosted, PresenceChanged, Typing
from groups.models import Membership
from groups.services import connections, messages
from moderation.services import submission

FLAG_KEYS = {
    "type",
    "flag_id",
    "seq",
    "hold_id",
    "category",
    "severity",
    "status",
    "pseudonym",
    "text",
    "at",
    "reported",
    "escalation",
}


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(
        "groups.events.transport._deliver",
        lambda event, audience, _message: calls.append((event, audience)),
    )
    return calls


@pytest.mark.django_db
def test_a_posted_message_goes_to_the_room_with_its_public_fields(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        ack = submission.message_send(access=access, client_id=uuid.uuid4(), text="hello")
    [(event, audience)] = sent
    assert isinstance(event, MessagePosted) and audience == RoomAudience(member.group_id)
    frame = event.to_frame()
    assert set(frame) == {"type", "seq", "id", "author", "text", "at"}
    assert frame["seq"] == ack.seq and frame["author"] == {"pseudonym": "Willow", "role": "member"}
    # Only the pseudonym: nothing that identifies the person behind it.
    assert member.user.username not in repr(frame)


@pytest.mark.django_db
def test_presence_goes_to_the_room_with_pseudonyms_only(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        connections.connection_open(access=access, channel_name="test.chan")
    [(event, audience)] = [(e, a) for e, a in sent if isinstance(e, PresenceChanged)]
    assert isinstance(event, PresenceChanged) and audience == RoomAudience(member.group_id)
    assert event.to_frame() == {
        "type": "presence",
        "here": [{"pseudonym": "Willow", "role": "member"}],
    }


@pytest.mark.django_db
def test_typing_goes_to_the_room(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        connections.typing_notify(access=access)
    assert sent == [(Typing(pseudonym="Willow"), RoomAudience(member.group_id))]
    assert Typing(pseudonym="Willow").to_frame() == {"type": "typing", "pseudonym": "Willow"}


def test_channel_group_names_are_distinct_per_audience() -> None:
    names = {
        RoomAudience(1).channel_group,
        FacilitatorAudience(1).channel_group,
        MemberAudience(1).channel_group,
    }
    assert len(names) == 3


@pytest.mark.django_db
def test_moderation_events_go_to_facilitators_and_the_card_to_the_author_alone(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    from groups.events.types import CrisisCard, FlagRaised, MessageHeld

    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        submission.message_send(
            access=access,
            client_id=uuid.uuid4(),
            text="i have all the pills counted out on the desk and i am taking them tonight",
        )
    kinds = {type(event): audience for event, audience in sent}
    assert kinds[MessageHeld] == FacilitatorAudience(member.group_id)
    assert kinds[FlagRaised] == FacilitatorAudience(member.group_id)
    assert kinds[CrisisCard] == MemberAudience(member.pk)
    assert MessagePosted not in kinds  # held: the room hears nothing
    by_type = {type(event): event.to_frame() for event, _ in sent}
    held, flag = by_type[MessageHeld], by_type[FlagRaised]
    assert set(held) == {"type", "hold_id", "flag_id", "author", "text", "reason", "at", "status"}
    assert set(flag) == FLAG_KEYS
    # A held crisis message: its two queue items name each other.
    assert held["flag_id"] == flag["flag_id"] and flag["hold_id"] == held["hold_id"]
    assert flag["seq"] is None and held["status"] == "pending"
    assert set(by_type[CrisisCard]) == {"type", "resources", "note"}
    assert by_type[CrisisCard]["resources"], "the card is never empty"


# --- The console's events (issue 7): each new or changed type, its audience and its shape --

CONTACT = "text me on 07700 900123 after the session and we can talk more"
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"


@pytest.fixture
def fran_access(facilitator: Membership) -> Any:
    return selectors.access_room(user=facilitator.user, slug=facilitator.group.slug)


def only(sent: list[tuple[Any, Any]], kind: type) -> tuple[Any, Any]:
    [(event, audience)] = [(e, a) for e, a in sent if isinstance(e, kind)]
    return event, audience


@pytest.mark.django_db
def test_flag_and_escalation_go_to_facilitators_with_their_full_shape(
    member: Membership, sent: list[tuple[Any, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    from groups.events.types import EscalationChanged, FlagRaised

    access = selectors.access_room(user=member.user, slug=member.group.slug)
    with django_capture_on_commit_callbacks(execute=True):
        submission.message_send(access=access, client_id=uuid.uuid4(), text=URGENT)
    flag, flag_audience = only(sent, FlagRaised)
    escalation, escalation_audience = only(sent, EscalationChanged)
    assert flag_audience == escalation_audience == FacilitatorAudience(member.group_id)
    frame = flag.to_frame()
    assert set(frame) == FLAG_KEYS
    assert frame["pseudonym"] == "Willow" and frame["text"] == URGENT
    assert set(frame["escalation"]) == {"escalation_id", "state", "ack_deadline", "paged_at"}
    assert set(escalation.to_frame()) == {
        "type",
        "escalation_id",
        "flag_id",
        "seq",
        "hold_id",
        "pseudonym",
        "state",
        "opened_at",
        "ack_deadline",
        "paged_at",
    }
    assert escalation.to_frame()["flag_id"] == frame["flag_id"]
    assert member.user.username not in repr(frame) + repr(escalation.to_frame())


@pytest.mark.django_db
def test_a_decided_hold_goes_to_its_author_alone(
    member: Membership,
    fran_access: Any,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import timezone

    from groups.events.types import HoldDecided, PendingDecided
    from moderation.actions import hold_approve, hold_reject

    access = selectors.access_room(user=member.user, slug=member.group.slug)
    first = submission.message_send(access=access, client_id=uuid.uuid4(), text=CONTACT)
    second = submission.message_send(access=access, client_id=uuid.uuid4(), text=CONTACT + "!")
    from moderation.models import Hold

    one, two = Hold.objects.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        hold_approve(access=fran_access, hold_id=one.pk, now=timezone.now())
    posted, audience = only(sent, PendingDecided)
    assert audience == MemberAudience(member.pk)
    assert posted.to_frame() == {
        "type": "pending_decided",
        "hold_id": one.pk,
        "client_id": first.client_id,
        "status": "posted",
        "seq": 1,
        "reason": None,
    }
    assert only(sent, HoldDecided)[1] == FacilitatorAudience(member.group_id)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hold_reject(access=fran_access, hold_id=two.pk, now=timezone.now(), reason="Not here.")
    rejected, audience = only(sent, PendingDecided)
    assert audience == MemberAudience(member.pk)
    frame = rejected.to_frame()
    assert frame["client_id"] == second.client_id and frame["status"] == "rejected"
    assert frame["seq"] is None and frame["reason"].endswith("Not here.")


@pytest.mark.django_db
def test_a_report_is_confirmed_to_the_reporter_alone(
    member: Membership,
    other_member: Membership,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import timezone

    from groups.events.types import FlagRaised, Reported
    from moderation.actions import message_report

    ack = submission.message_send(
        access=selectors.access_room(user=member.user, slug="circle"),
        client_id=uuid.uuid4(),
        text="hello",
    )
    bob = selectors.access_room(user=other_member.user, slug="circle")
    with django_capture_on_commit_callbacks(execute=True):
        message_report(access=bob, seq=ack.seq, kind="abuse", now=timezone.now())
    event, audience = only(sent, Reported)
    assert audience == MemberAudience(other_member.pk)
    assert event.to_frame() == {"type": "reported", "seq": ack.seq, "kind": "abuse"}
    flag, audience = only(sent, FlagRaised)
    assert audience == FacilitatorAudience(member.group_id)
    assert flag.to_frame()["reported"] == ["abuse"]
    # The flag names the author, never the reporter.
    assert "River" not in repr(flag.to_frame())


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["author", "facilitator"])
def test_a_message_leaving_the_room_goes_to_the_room_with_its_reason(
    by: str,
    member: Membership,
    fran_access: Any,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import timezone

    from groups.events.types import MessageHidden
    from moderation.actions import message_hide

    access = selectors.access_room(user=member.user, slug="circle")
    ack = submission.message_send(access=access, client_id=uuid.uuid4(), text="hello")
    assert ack.seq is not None
    with django_capture_on_commit_callbacks(execute=True):
        if by == "author":
            messages.message_delete(access=access, seq=ack.seq, now=timezone.now())
        else:
            message_hide(access=fran_access, seq=ack.seq, reason="", now=timezone.now())
    event, audience = only(sent, MessageHidden)
    assert audience == RoomAudience(member.group_id)
    reason = "deleted" if by == "author" else "hidden"
    assert event.to_frame() == {"type": "message_hidden", "seq": ack.seq, "reason": reason}


@pytest.mark.django_db
def test_a_note_goes_to_the_facilitators(
    member: Membership,
    fran_access: Any,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import timezone

    from groups.events.types import NoteAdded
    from moderation.actions import note_add

    with django_capture_on_commit_callbacks(execute=True):
        note_add(access=fran_access, pseudonym="Willow", text="a note", now=timezone.now())
    event, audience = only(sent, NoteAdded)
    assert audience == FacilitatorAudience(member.group_id)
    frame = event.to_frame()
    assert set(frame) == {"type", "note_id", "pseudonym", "escalation_id", "text", "by", "at"}
    assert (frame["pseudonym"], frame["by"]) == ("Willow", "Facilitator Fran")


@pytest.mark.django_db
def test_mute_notice_and_crisis_card_by_hand_go_to_the_member(
    member: Membership,
    fran_access: Any,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import timezone

    from groups.events.notices import NoticeEvent
    from groups.events.types import CrisisCard
    from moderation.actions import member_mute, member_send_crisis_card

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        member_mute(access=fran_access, pseudonym="Willow", minutes=5, now=now)
        member_send_crisis_card(access=fran_access, pseudonym="Willow", now=now)
    notices = {e.code: (e, a) for e, a in sent if isinstance(e, NoticeEvent)}
    muted, audience = notices["muted"]
    assert audience == MemberAudience(member.pk)
    assert muted.to_frame()["until"] == (now + timedelta(minutes=5)).isoformat()
    assert set(muted.to_frame()) == {"type", "code", "text", "until"}
    assert notices["crisis_card_sent"][1] == FacilitatorAudience(member.group_id)
    card, audience = only(sent, CrisisCard)
    assert audience == MemberAudience(member.pk) and card.to_frame()["note"]


@pytest.mark.django_db
def test_the_first_facilitator_here_is_news_for_the_room(
    member: Membership,
    facilitator: Membership,
    sent: list[tuple[Any, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from groups.events.notices import FacilitatorHere

    fran = selectors.access_room(user=facilitator.user, slug="circle")
    with django_capture_on_commit_callbacks(execute=True):
        connections.connection_open(access=fran, channel_name="c.one")
        connections.connection_open(access=fran, channel_name="c.two")
    here = [(e, a) for e, a in sent if isinstance(e, FacilitatorHere)]
    assert here == [(FacilitatorHere(), RoomAudience(member.group_id))]
    assert here[0][0].to_frame() == {
        "type": "notice",
        "code": "facilitator_here",
        "text": "A facilitator is here.",
        "until": None,
    }
