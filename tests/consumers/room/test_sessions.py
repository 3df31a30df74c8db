"""No facilitator, no session: the lobby, opening by a certified facilitator, and the notice
members see when no facilitator is in the room."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from groups.models import Membership, Session
from tests.conftest import OpenRoom, Room

pytestmark = pytest.mark.django_db(transaction=True)


async def arrival_notice(room: Room, code: str) -> dict[str, object]:
    """The arrival notice ``code`` (these are chatter to ``recv_type``, so looked for here)."""
    for frame in room.pending:
        if frame["type"] == "notice" and frame.get("code") == code:
            return frame
    for _ in range(10):
        frame = await room.recv()
        if frame["type"] == "notice" and frame.get("code") == code:
            return frame
    raise AssertionError(f"no {code} notice")


async def close_sessions() -> None:
    await sync_to_async(Session.objects.update)(state=Session.State.CLOSED)


async def test_members_wait_in_the_lobby_and_are_let_in_when_a_facilitator_opens(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    await close_sessions()
    alice = await open_room(member)
    assert alice.welcome["session"] is None
    await arrival_notice(alice, "lobby")
    fran = await open_room(facilitator)
    await fran.send({"type": "moderate", "action": "open_session"})
    assert (await alice.recv_type("notice"))["code"] == "session_opened"
    assert (await alice.post("hello, i'm here"))["status"] == "posted"
    assert (await fran.recv_type("message"))["text"] == "hello, i'm here"


async def test_an_expired_facilitator_cannot_open_a_session(
    open_room: OpenRoom, facilitator: Membership
) -> None:
    await close_sessions()
    fran = await open_room(facilitator)
    # It runs out while they are in the room (a date passing sends nothing; a facilitator
    # without one cannot connect at all: test_revocation.py).
    from datetime import timedelta

    from django.utils import timezone

    from groups.models import Certification

    yesterday = timezone.now().date() - timedelta(days=1)
    await sync_to_async(Certification.objects.filter(user=facilitator.user).update)(
        expires_on=yesterday
    )
    await fran.send({"type": "moderate", "action": "open_session"})
    assert (await fran.recv_type("error"))["code"] == "forbidden"
    assert await sync_to_async(Session.objects.filter(state="open").count)() == 0


async def test_members_are_told_when_no_facilitator_is_in_the_room(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    fran = await open_room(facilitator)
    alice = await open_room(member)
    await fran.close()
    notice = await arrival_notice(alice, "no_facilitator")
    assert "left the room" in str(notice["text"])
