"""A closed socket's memory is returned at once (issue 12): its consumer is freed by
reference counting when the connection ends, not whenever the garbage collector next runs
a full pass (on a large heap, that can be a long while and many closed sockets later)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from consumers import tally
from groups.models import Membership
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_collector() -> Iterator[None]:
    """Only reference counting frees anything while the test runs."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_closed_sockets_are_freed_without_the_garbage_collector(
    no_collector: None, open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    # Relative to what earlier tests of this process left (their own business).
    before = tally.counts()
    fran = await open_room(facilitator)
    alice = await open_room(member)
    willow = await open_room(member)  # a second tab
    assert tally.counts() == {"open": before["open"] + 3, "alive": before["alive"] + 3}
    # Every task a socket runs gets going: sends, live delivery, the facilitator's queue.
    await alice.post("hello everyone, good to be here")
    await fran.recv_type("message")
    await willow.recv_type("message")
    await alice.post("my number is 07700 900123, text me")
    await fran.recv_type("held")  # contact details wait for a facilitator
    for room in (alice, willow, fran):
        await room.close()
    for _ in range(50):
        if tally.counts() == before:
            break
        await asyncio.sleep(0.05)
    assert tally.counts() == before
