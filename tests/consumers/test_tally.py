"""The socket tally (consumers/tally.py): counts, and when the allocator is asked to hand
back what a burst of closed sockets left."""

from __future__ import annotations

import asyncio
import weakref

import pytest

from consumers import tally


class Socket:
    """Stands in for a consumer (the tally only counts and weakly refers to it)."""


@pytest.fixture
def trims(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def fake_trim(pad: int) -> int:
        calls.append(pad)
        return 1

    monkeypatch.setattr(tally, "malloc_trim", fake_trim)
    monkeypatch.setattr(tally, "_open", weakref.WeakSet())
    monkeypatch.setattr(tally, "_alive", weakref.WeakSet())
    monkeypatch.setattr(tally, "_high", 0)
    return calls


async def settle() -> None:
    await asyncio.sleep(0.05)  # the trim runs in a worker thread


async def test_a_burst_of_closes_asks_the_allocator_back_and_a_trickle_does_not(
    trims: list[int],
) -> None:
    sockets = [Socket() for _ in range(200)]
    for s in sockets:
        tally.opened(s)
    assert tally.counts() == {"open": 200, "alive": 200}
    for s in sockets[:99]:  # not yet half gone
        tally.closed(s)
    await settle()
    assert trims == []
    tally.closed(sockets[99])
    await settle()
    assert trims == [0]
    # A few sockets coming and going never trim, however long it goes on.
    for _ in range(300):
        extra = Socket()
        tally.opened(extra)
        tally.closed(extra)
    await settle()
    assert trims == [0]
    for s in sockets[100:]:
        tally.closed(s)
    await settle()
    assert tally.counts()["open"] == 0
    assert 2 <= len(trims) <= 4  # each halving by 50 or more, not each close


async def test_a_small_room_closing_never_trims(trims: list[int]) -> None:
    sockets = [Socket() for _ in range(tally.TRIM_AFTER_CLOSES - 1)]
    for s in sockets:
        tally.opened(s)
    for s in sockets:
        tally.closed(s)
    await settle()
    assert trims == []


async def test_without_malloc_trim_closing_still_counts(
    trims: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tally, "malloc_trim", None)
    sockets = [Socket() for _ in range(100)]
    for s in sockets:
        tally.opened(s)
    for s in sockets:
        tally.closed(s)
    assert tally.counts()["open"] == 0


def test_malloc_trim_is_found_on_this_machine() -> None:
    # Linux with glibc, as deployed; elsewhere it is None and nothing is trimmed.
    assert tally.malloc_trim is not None
