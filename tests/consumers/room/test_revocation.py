"""Revoked means revoked (issue 12): logging out, and a ban or a removal from the group made
outside the room (the admin, a script), close the open sockets at once with the documented
code and a notice saying why."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from groups.models import Membership
from tests.conftest import OpenRoom, Room

pytestmark = pytest.mark.django_db(transaction=True)


async def closed_with(room: Room, code_word: str, close_code: int) -> None:
    notice = await room.recv_type("notice", timeout=3)
    assert notice["code"] == code_word
    while True:
        output = await room.comm.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            assert output["code"] == close_code
            return
        frame = json.loads(output["text"])
        assert frame["type"] in {"presence", "heartbeat", "notice"}, frame


def _logout(membership: Membership) -> int:
    client = Client()
    client.force_login(membership.user)
    return client.post("/api/logout", secure=True).status_code


async def test_logging_out_closes_every_open_socket(
    open_room: OpenRoom, member: Membership
) -> None:
    first = await open_room(member)
    second = await open_room(member)
    assert await sync_to_async(_logout)(member) == 204
    await closed_with(first, "signed_out", 4401)
    await closed_with(second, "signed_out", 4401)


async def test_a_ban_made_outside_the_room_closes_the_sockets(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)

    def ban() -> None:  # as the admin's change form saves it
        member.state = Membership.State.BANNED
        member.save()

    await sync_to_async(ban)()
    await closed_with(alice, "banned", 4403)
    assert await bob.nothing(timeout=0.3)  # only the banned member's sockets


async def test_removing_the_membership_closes_the_sockets(
    open_room: OpenRoom, member: Membership
) -> None:
    alice = await open_room(member)
    await sync_to_async(member.delete)()
    await closed_with(alice, "banned", 4403)


async def test_other_saves_of_a_membership_close_nothing(
    open_room: OpenRoom, member: Membership, settings: Any
) -> None:
    alice = await open_room(member)

    def rename() -> None:
        member.pseudonym = "Willow Two"
        member.save()

    await sync_to_async(rename)()
    assert await alice.nothing(timeout=0.5)


async def test_a_new_agreement_version_closes_every_socket_until_accepted(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from groups.models import Agreement

    alice = await open_room(member)
    fran = await open_room(facilitator)

    def publish() -> None:
        Agreement.objects.create(group_id=member.group_id, version=2, text="Be kind, v2.")

    await sync_to_async(publish)()
    await closed_with(alice, "agreement_changed", 4403)
    await closed_with(fran, "agreement_changed", 4403)


async def test_a_send_that_fails_for_a_transient_reason_says_so_and_may_come_again(
    open_room: OpenRoom, member: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: with the database locked a send used to answer an error without its
    client_id, and the page showed "Sending…" until it reconnected."""
    from django.db import OperationalError

    from moderation.services import submission

    real = submission.message_send
    calls = []

    def locked_once(**kwargs: Any) -> Any:
        calls.append(kwargs["client_id"])
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(**kwargs)

    monkeypatch.setattr(submission, "message_send", locked_once)
    alice = await open_room(member)
    client_id = "3f0c9a52-6d1e-4b8a-9c7d-2e5f1a0b4c6d"
    await alice.send({"type": "send", "client_id": client_id, "text": "hello again"})
    error = await alice.recv_type("error")
    assert error["client_id"] == client_id
    assert error["code"] == "rate_limited" and error["retry_after"] > 0
    ack = await alice.post("hello again", client_id=client_id)
    assert ack["status"] == "posted" and ack["client_id"] == client_id
    assert len(calls) == 2


async def test_a_facilitator_without_a_valid_certification_is_refused_at_connect(
    member: Membership,
) -> None:
    from tests.conftest import certify, communicator_for, make_member

    def uncertified() -> Membership:
        m = make_member(member.group, "una", pseudonym="Facilitator Una", role="facilitator")
        certify(m, days=-1)
        return m

    una = await sync_to_async(uncertified)()
    comm = await sync_to_async(communicator_for)(una.user, member.group.slug)
    connected, _ = await comm.connect(timeout=5)
    assert connected
    closed = await comm.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4403}
    await comm.disconnect()


async def test_a_revoked_certification_closes_the_facilitators_sockets(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from groups.models import Certification

    fran = await open_room(facilitator)
    alice = await open_room(member)
    await sync_to_async(Certification.objects.filter(user=facilitator.user).delete)()
    await closed_with(fran, "certification_ended", 4403)
    assert await alice.nothing(timeout=0.3)


async def test_a_certification_running_out_closes_the_facilitators_socket(
    open_room: OpenRoom, member: Membership, facilitator: Membership, settings: Any
) -> None:
    # A date passing sends no signal: the socket itself looks again. ``update`` (no signal
    # either) stands in for the day turning over.
    from groups.models import Certification

    settings.CIRCLES_CERTIFICATION_RECHECK_SECONDS = 0.2
    fran = await open_room(facilitator)
    alice = await open_room(member)
    assert await fran.nothing(timeout=0.5)  # still valid: looked at, and left open
    yesterday = timezone.now().date() - timedelta(days=1)
    await sync_to_async(Certification.objects.filter(user=facilitator.user).update)(
        expires_on=yesterday
    )
    await closed_with(fran, "certification_ended", 4403)
    assert await alice.nothing(timeout=0.3)


def test_certified_until_is_the_midnight_after_the_last_valid_day(
    facilitator: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    from groups.models import Certification
    from groups.selectors import certified_until, facilitator_certified

    Certification.objects.filter(user=facilitator.user).update(expires_on=date(2026, 3, 9))
    until = certified_until(membership_id=facilitator.pk)
    assert until == datetime(2026, 3, 10, tzinfo=UTC)
    # The same moment as the check every action makes.
    monkeypatch.setattr(timezone, "now", lambda: until - timedelta(microseconds=1))
    assert facilitator_certified(membership_id=facilitator.pk)
    monkeypatch.setattr(timezone, "now", lambda: until)
    assert not facilitator_certified(membership_id=facilitator.pk)
    monkeypatch.undo()
    Certification.objects.filter(user=facilitator.user).delete()
    assert certified_until(membership_id=facilitator.pk) is None
    assert not facilitator_certified(membership_id=facilitator.pk)


# --- The heartbeat's safety net ---------------------------------------------------------
# Each change below is made as another process would make it on the in-memory layer (a
# script, a bulk update): the database changes and no event reaches the socket.


def _ban_quietly(m: Membership) -> None:
    Membership.objects.filter(pk=m.pk).update(state=Membership.State.BANNED)


def _deactivate_quietly(m: Membership) -> None:
    User.objects.filter(pk=m.user_id).update(is_active=False)


def _log_out_elsewhere(m: Membership) -> None:
    from django.contrib.sessions.models import Session as LoginSession

    LoginSession.objects.all().delete()


def _new_agreement_quietly(m: Membership) -> None:
    from groups.models import Agreement

    Agreement.objects.bulk_create([Agreement(group_id=m.group_id, version=9, text="New.")])


async def stays_open(room: Room, seconds: float) -> bool:
    """Only chatter (heartbeats, presence) for ``seconds``, and no close."""
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        if await room.comm.receive_nothing(timeout=0.05):
            continue
        output = await room.comm.receive_output(timeout=1)
        if output["type"] != "websocket.send" or not Room.is_chatter(json.loads(output["text"])):
            return False
    return True


@pytest.mark.parametrize(
    ("change", "code_word", "close_code"),
    [
        (_ban_quietly, "banned", 4403),
        (_deactivate_quietly, "signed_out", 4401),
        (_log_out_elsewhere, "signed_out", 4401),
        (_new_agreement_quietly, "agreement_changed", 4403),
    ],
)
async def test_a_revocation_no_event_reported_ends_the_socket_at_its_next_heartbeat(
    open_room: OpenRoom,
    member: Membership,
    other_member: Membership,
    settings: Any,
    change: Any,
    code_word: str,
    close_code: int,
) -> None:
    settings.CIRCLES_HEARTBEAT_SECONDS = 0.2
    alice = await open_room(member)
    bob = await open_room(other_member)
    assert await stays_open(alice, 0.7)  # heartbeats pass, and nothing ends it
    await sync_to_async(change)(member)
    await closed_with(alice, code_word, close_code)
    if change in (_ban_quietly, _deactivate_quietly):
        assert await stays_open(bob, 0.7)  # only alice lost her access
    else:
        # Every login was deleted, or nobody has accepted the new agreement yet.
        await closed_with(bob, code_word, close_code)


async def test_a_facilitator_whose_certification_quietly_ended_is_closed_at_a_heartbeat(
    open_room: OpenRoom, facilitator: Membership, settings: Any
) -> None:
    from groups.models import Certification

    settings.CIRCLES_HEARTBEAT_SECONDS = 0.2  # the certification's own watch sleeps on
    fran = await open_room(facilitator)
    assert await stays_open(fran, 0.7)
    yesterday = timezone.now().date() - timedelta(days=1)
    await sync_to_async(Certification.objects.filter(user=facilitator.user).update)(
        expires_on=yesterday
    )
    await closed_with(fran, "certification_ended", 4403)


def test_revoked_reads_each_reason_and_none_for_a_connection_still_welcome(
    member: Membership, facilitator: Membership
) -> None:
    from datetime import timedelta as td

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as LoginSession

    from groups.models import Agreement, AgreementAcceptance, Certification, Session
    from groups.selectors import access_room, revoked

    login = SessionStore()
    login.create()
    alice = access_room(user=member.user, slug=member.group.slug)
    fran = access_room(user=facilitator.user, slug=member.group.slug)
    assert revoked(access=alice, session_key=login.session_key) is None
    assert revoked(access=fran, session_key=None) is None  # no login session to check

    LoginSession.objects.filter(pk=login.session_key).update(
        expire_date=timezone.now() - td(seconds=1)
    )
    assert revoked(access=alice, session_key=login.session_key) == "signed_out"

    Membership.objects.filter(pk=member.pk).update(
        removed_from_session=Session.objects.get(group=member.group, state="open")
    )
    assert revoked(access=alice, session_key=None) == "removed"

    version = Agreement.objects.filter(group=member.group).order_by("-version").first()
    new = (version.version if version else 0) + 1
    Agreement.objects.create(group=member.group, version=new, text="More.")
    assert revoked(access=alice, session_key=None) == "agreement_changed"
    AgreementAcceptance.objects.create(membership=facilitator, version=new)
    assert revoked(access=fran, session_key=None) is None
    Certification.objects.filter(user=facilitator.user).update(
        expires_on=timezone.now().date() - td(days=1)
    )
    assert revoked(access=fran, session_key=None) == "certification_ended"

    Membership.objects.filter(pk=member.pk).update(state=Membership.State.BANNED)
    assert revoked(access=alice, session_key=None) == "banned"
    Membership.objects.filter(pk=member.pk).delete()
    assert revoked(access=alice, session_key=None) == "banned"
