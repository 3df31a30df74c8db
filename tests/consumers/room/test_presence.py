"""Typing and presence over the room's socket (consumers/room.py): pseudonyms only, to the
others in the room."""

from __future__ import annotations

import pytest

from groups.models import Membership
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


async def test_typing_reaches_others_not_the_typist_and_is_throttled(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    await alice.send({"type": "typing"})
    await alice.send({"type": "typing"})
    frame = await bob.recv_type("typing")
    assert frame == {"type": "typing", "pseudonym": "Willow"}
    assert await bob.nothing()
    assert await alice.nothing()


async def test_presence_lists_pseudonyms_of_who_is_here(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    await open_room(other_member)
    frame = await alice.recv_type("presence")
    while len(frame["here"]) < 2:
        frame = await alice.recv_type("presence")
    assert frame["here"] == [
        {"pseudonym": "River", "role": "member"},
        {"pseudonym": "Willow", "role": "member"},
    ]
