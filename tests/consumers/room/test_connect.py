"""Entering a room (consumers/room.py, ``connect``): the welcome, and who may not enter and
how they are told (SPEC 6: 4401 / 4403)."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import User

from groups.models import Agreement, Membership
from tests.conftest import OpenRoom, communicator_for, make_group, make_member

pytestmark = pytest.mark.django_db(transaction=True)


async def test_welcome_names_the_member_by_pseudonym(
    open_room: OpenRoom, member: Membership
) -> None:
    room = await open_room(member, sync=False)
    assert room.welcome["you"] == {"pseudonym": "Willow", "role": "member", "muted_until": None}
    assert room.welcome["last_seq"] == 0
    assert room.welcome["session"]["state"] == "open"
    assert room.welcome["room"] == {
        "paused": False,
        "slow_mode_seconds": 0,
        "facilitator_present": False,
    }


async def close_code(
    user: User | None, slug: str, *, origin: bytes = b"http://127.0.0.1"
) -> int | None:
    comm = await sync_to_async(communicator_for)(user, slug, origin=origin)
    connected, _ = await comm.connect(timeout=5)
    if not connected:
        return None  # refused at the handshake
    message = await comm.receive_output(timeout=5)
    assert message["type"] == "websocket.close", message
    # The server closed; end the consumer as daphne would, instead of leaving it waiting on
    # the channel layer until the test's event loop is torn down.
    await comm.disconnect()
    return int(message["code"])


def setup_people() -> dict[str, User]:
    group = make_group("circle")
    make_group("elsewhere")
    people = {}
    people["member"] = make_member(group, "member").user
    people["banned"] = make_member(group, "banned").user
    Membership.objects.filter(user=people["banned"]).update(state="banned")
    people["not_accepted"] = make_member(group, "newcomer", accept=False).user
    people["outsider"] = User.objects.create_user("outsider", password="pw")
    people["stale"] = make_member(group, "stale").user
    return people


@pytest.mark.parametrize(
    ("who", "slug", "expected"),
    [
        ("anonymous", "circle", 4401),
        ("anonymous", "no-such-group", 4401),
        ("outsider", "circle", 4403),
        ("banned", "circle", 4403),
        ("not_accepted", "circle", 4403),
        ("member", "no-such-group", 4403),
        ("member", "elsewhere", 4403),
    ],
)
async def test_refusals_use_the_spec_close_codes(who: str, slug: str, expected: int) -> None:
    people = await sync_to_async(setup_people)()
    user = None if who == "anonymous" else people[who]
    assert await close_code(user, slug) == expected


async def test_a_new_agreement_version_must_be_accepted_again() -> None:
    people = await sync_to_async(setup_people)()
    await sync_to_async(Agreement.objects.create)(
        group_id=await sync_to_async(
            lambda: Membership.objects.get(user=people["stale"]).group_id
        )(),
        version=2,
        text="New rules.",
    )
    assert await close_code(people["stale"], "circle") == 4403


async def test_a_member_who_accepted_gets_in() -> None:
    people = await sync_to_async(setup_people)()
    comm = await sync_to_async(communicator_for)(people["member"], "circle")
    connected, _ = await comm.connect(timeout=5)
    assert connected
    welcome = await comm.receive_json_from(timeout=5)
    assert welcome["type"] == "welcome"
    await comm.disconnect()


@pytest.mark.parametrize("origin", [b"http://evil.example", b"null", b""])
async def test_a_foreign_or_missing_origin_is_refused_at_the_handshake(origin: bytes) -> None:
    people = await sync_to_async(setup_people)()
    assert await close_code(people["member"], "circle", origin=origin) is None


async def test_a_members_sockets_are_capped_and_the_newest_is_refused(
    open_room: OpenRoom, member: Membership, settings: object
) -> None:
    settings.CIRCLES_MAX_SOCKETS_PER_MEMBER = 3  # type: ignore[attr-defined]
    rooms = [await open_room(member, sync=False) for _ in range(3)]
    assert await close_code(member.user, member.group.slug) == 4429
    # The sockets already open are untouched, and a freed place can be taken again.
    await rooms[0].close()
    fresh = await open_room(member, sync=False)
    assert fresh.welcome["you"]["pseudonym"] == member.pseudonym


async def first_word(comm: WebsocketCommunicator) -> int | str:
    """``"welcome"`` or the close code: what a new socket hears first."""
    connected, _ = await comm.connect(timeout=10)
    assert connected
    message = await comm.receive_output(timeout=10)
    if message["type"] == "websocket.close":
        return int(message["code"])
    return str(json.loads(message["text"])["type"])


async def all_at_once(users: list[User], slug: str) -> list[int | str]:
    """Open a socket for each user at the same moment: what each heard first, sorted."""
    comms = [await sync_to_async(communicator_for)(user, slug) for user in users]
    try:
        return sorted(await asyncio.gather(*(first_word(c) for c in comms)), key=str)
    finally:
        for comm in comms:
            await comm.disconnect()


async def test_the_socket_cap_holds_when_a_member_opens_many_at_once(
    member: Membership, settings: object
) -> None:
    # Each socket's admission used to count the member's sockets before any of them was
    # recorded, so a burst of opens all saw none and all got in (300 in the probe).
    settings.CIRCLES_MAX_SOCKETS_PER_MEMBER = 3  # type: ignore[attr-defined]
    user, slug = await sync_to_async(lambda: (member.user, member.group.slug))()
    assert await all_at_once([user] * 12, slug) == [4429] * 9 + ["welcome"] * 3


async def test_a_full_room_holds_when_newcomers_arrive_at_once(member: Membership) -> None:
    group = member.group
    await sync_to_async(type(group).objects.filter(pk=group.pk).update)(capacity=2)
    newcomers = [
        (await sync_to_async(make_member)(group, f"newcomer{n}", pseudonym=f"Heron{n}")).user
        for n in range(6)
    ]
    heard = await all_at_once([member.user, *newcomers], group.slug)
    assert heard == [4409] * 5 + ["welcome"] * 2


async def test_a_full_room_refuses_a_newcomer_but_never_a_facilitator(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    group = member.group
    await sync_to_async(type(group).objects.filter(pk=group.pk).update)(capacity=2)
    await open_room(member, sync=False)
    await open_room(other_member, sync=False)
    newcomer = await sync_to_async(make_member)(group, "newcomer", pseudonym="Heron")
    assert await close_code(newcomer.user, group.slug) == 4409
    # Someone already in the room may open another tab; a facilitator always gets in.
    assert (await open_room(member, sync=False)).welcome["you"]["pseudonym"] == "Willow"
    fran = await open_room(facilitator, sync=False)
    assert fran.welcome["you"]["role"] == "facilitator"
