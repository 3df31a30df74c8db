"""A message's lifecycle: the transition table, the one ``seq`` allocator, that every
state change in the code goes through ``groups/services/messages.py``, and an author
deleting their own posted message (``message_delete``)."""

from __future__ import annotations

import itertools
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from groups import selectors
from groups.errors import ServiceError
from groups.models import AuditEntry, Membership, Message, Room
from groups.services import messages
from groups.services.messages import (
    MESSAGE_TRANSITIONS,
    message_create,
    message_move,
    message_transition_check,
)
from tests.conftest import access_of, send

ROOT = Path(__file__).resolve().parents[3]
STATES: list[str | None] = [None, *Message.State.values]
LEGAL = {
    (None, "posted"),
    (None, "held"),
    ("held", "posted"),
    ("held", "rejected"),
    ("posted", "hidden"),
    ("posted", "deleted"),
}


def test_the_table_is_exactly_the_lifecycle() -> None:
    declared = {(frm, to) for frm, tos in MESSAGE_TRANSITIONS.items() for to in tos}
    assert declared == LEGAL
    assert set(MESSAGE_TRANSITIONS) == set(STATES), "every state has a row"


@pytest.mark.parametrize(
    ("frm", "to"), list(itertools.product(STATES, Message.State.values)), ids=str
)
def test_each_transition_is_allowed_or_refused_as_the_table_says(frm: str | None, to: str) -> None:
    if (frm, to) in LEGAL:
        message_transition_check(frm, to)
    else:
        with pytest.raises(ServiceError) as refused:
            message_transition_check(frm, to)
        assert refused.value.code == "invalid"


def _store(member: Membership, state: str) -> Message:
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    room = Room.objects.select_for_update().get(pk=access.room_id)
    session = selectors.session_open_for(group_id=member.group_id)
    assert session is not None
    return message_create(
        room=room,
        session_id=session.pk,
        membership=member,
        client_id=uuid.uuid4(),
        text="hello",
        state=state,
        now=timezone.now(),
    )


@pytest.mark.django_db
def test_posts_and_approvals_take_consecutive_seqs_and_holds_take_none(
    member: Membership,
) -> None:
    first = _store(member, Message.State.POSTED)
    held = _store(member, Message.State.HELD)
    second = _store(member, Message.State.POSTED)
    assert (first.seq, held.seq, second.seq) == (1, None, 2)
    approved = message_move(held, Message.State.POSTED, now=timezone.now())
    assert approved.seq == 3 and approved.posted_at is not None
    assert Room.objects.get(group=member.group).last_seq == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "path", "refused"),
    [
        ("posted", ["hidden"], "posted"),
        ("posted", ["deleted"], "hidden"),
        ("held", ["rejected"], "posted"),
        ("held", ["posted", "hidden"], "held"),
    ],
)
def test_a_message_that_left_the_room_never_comes_back(
    member: Membership, start: str, path: list[str], refused: str
) -> None:
    message = _store(member, start)
    for state in path:
        message_move(message, state, now=timezone.now())
    seq = message.seq
    with pytest.raises(ServiceError):
        message_move(message, refused, now=timezone.now())
    stored = Message.objects.get(pk=message.pk)
    assert stored.state == path[-1] and stored.seq == seq


@pytest.mark.django_db
def test_an_illegal_create_stores_nothing(member: Membership) -> None:
    with pytest.raises(ServiceError):
        _store(member, Message.State.HIDDEN)
    assert not Message.objects.exists()


def _python_sources() -> list[Path]:
    return [
        path
        for top in ("groups", "moderation", "consumers", "server", "frontend")
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts
    ]


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("allocates a seq", re.compile(r"\.last_seq\s*(\+=|=[^=])|update\([^)]*\blast_seq\s*=")),
        (
            "stores a message",
            re.compile(r"(?<!class )\bMessage\(|Message\.objects\.(create|bulk_create)"),
        ),
        ("writes a message's state", re.compile(r"Message\.objects[^\n]*\.update\(")),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_only_the_lifecycle_module(what: str, pattern: Any) -> None:
    owner = ROOT / "groups" / "services" / "messages.py"
    elsewhere = [
        str(path.relative_to(ROOT))
        for path in _python_sources()
        if path != owner and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == [], f"only groups/services/messages.py {what}"


# --- message_delete: one's own posted message ----------------------------------------------


@pytest.mark.django_db
def test_an_author_deletes_their_own_message(member: Membership) -> None:
    access = access_of(member)
    ack = send(access, "something I regret")
    send(access, "and another")
    messages.message_delete(access=access, seq=ack.seq, now=timezone.now())
    message = Message.objects.get(seq=ack.seq)
    assert message.state == Message.State.DELETED
    # Gone from every later sync, and the seq is not reused.
    batch = selectors.sync_batch(room_id=access.room_id, start=0, limit=10, recent=10)
    assert [m.text for m in batch.messages] == ["and another"]
    assert batch.upto_seq == 2
    entry = AuditEntry.objects.get(action="message_delete")
    assert entry.actor == member.user and entry.target_id == str(message.pk)
    assert entry.detail == {"seq": ack.seq}
    assert "regret" not in repr(entry.detail)


@pytest.mark.django_db
def test_deleting_someone_elses_message_is_forbidden(
    member: Membership, other_member: Membership
) -> None:
    ack = send(access_of(member))
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access_of(other_member), seq=ack.seq, now=timezone.now())
    assert refused.value.code == "forbidden"
    assert Message.objects.get(seq=ack.seq).state == Message.State.POSTED
    assert not AuditEntry.objects.filter(action="message_delete").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["missing", "hidden", "deleted"])
def test_deleting_a_message_that_is_not_posted_is_not_found(member: Membership, state: str) -> None:
    access = access_of(member)
    ack = send(access)
    if state != "missing":
        Message.objects.filter(seq=ack.seq).update(state=state)
    seq = ack.seq if state != "missing" else 99
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access, seq=seq, now=timezone.now())
    assert refused.value.code == "not_found"


@pytest.mark.django_db
def test_a_banned_member_cannot_delete(member: Membership) -> None:
    access = access_of(member)
    ack = send(access)
    Membership.objects.filter(pk=member.pk).update(state=Membership.State.BANNED)
    with pytest.raises(ServiceError) as refused:
        messages.message_delete(access=access, seq=ack.seq, now=timezone.now())
    assert refused.value.code == "forbidden"
