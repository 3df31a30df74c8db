"""The second opinion in a live room: after the ack, off the event loop, its flag reaches
the facilitators on duty; absent or failing, the room goes on with the screen's decision
and /healthz says so."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from groups.models import Membership
from moderation.models import Flag
from moderation.screen import second_opinion
from moderation.screen.second_opinion import REASON_CRISIS, Addition, Screened
from moderation.services import second_opinion as service
from tests.conftest import OpenRoom

pytestmark = pytest.mark.django_db(transaction=True)

# Written for this file: nothing the synchronous screen flags.
ORDINARY = "we went to the park with the dog this morning"


class FakeOpinion:
    """Adds a concern to every message it reads (or raises, to stand for a failure)."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.read: list[Screened] = []

    def judge(self, text: str, screened: Screened) -> Addition:
        if self.fail:
            raise RuntimeError("out of memory, say")
        self.read.append(screened)
        return Addition(labels=("crisis",), severity="concern", reasons=(REASON_CRISIS,))


@pytest.fixture
def enabled(settings: Any) -> Iterator[None]:
    settings.CIRCLES_SECOND_OPINION = True
    yield
    second_opinion.reset_for_tests()


async def _flags() -> list[Flag]:
    return await sync_to_async(list)(Flag.objects.all())


async def test_its_flag_reaches_the_facilitator_after_the_ack(
    open_room: OpenRoom, member: Membership, facilitator: Membership, enabled: None
) -> None:
    fake = FakeOpinion()
    second_opinion.reset_for_tests(fake)  # type: ignore[arg-type]
    fran = await open_room(facilitator)
    alice = await open_room(member)
    ack = await alice.post(ORDINARY)
    assert ack["status"] == "posted"
    frame = await fran.recv_type("flag", timeout=3)
    assert frame["category"] == "crisis" and frame["severity"] == "concern"
    [flag] = await _flags()
    assert flag.pk == frame["flag_id"] and REASON_CRISIS in flag.reasons
    assert fake.read == [Screened(labels=(), severity=None, reasons=())]
    assert service.health()["status"] == "ready"


async def test_absent_it_leaves_the_room_as_the_screen_decided(
    open_room: OpenRoom, member: Membership, facilitator: Membership, enabled: None
) -> None:
    second_opinion.reset_for_tests(error="model not installed")
    fran = await open_room(facilitator)
    alice = await open_room(member)
    ack = await alice.post(ORDINARY)
    assert ack["status"] == "posted"
    await fran.recv_type("message")
    assert await fran.nothing(timeout=0.5)
    assert await _flags() == []
    body = await sync_to_async(lambda: Client().get("/healthz").json())()
    assert body["ok"] is True
    assert body["second_opinion"]["status"].startswith("absent")


async def test_a_failure_is_counted_and_the_room_goes_on(
    open_room: OpenRoom, member: Membership, facilitator: Membership, enabled: None
) -> None:
    second_opinion.reset_for_tests(FakeOpinion(fail=True))  # type: ignore[arg-type]
    failed_before = service.health()["failed"]
    fran = await open_room(facilitator)
    alice = await open_room(member)
    await alice.post(ORDINARY)
    second = await alice.post("and then we had lunch by the river")
    assert second["status"] == "posted"
    for _ in range(50):
        if service.health()["failed"] == failed_before + 2:
            break
        await asyncio.sleep(0.02)
    assert service.health()["failed"] == failed_before + 2
    assert await _flags() == []
    await fran.recv_type("message")


async def test_off_it_reads_nothing(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    fake = FakeOpinion()
    second_opinion.reset_for_tests(fake)  # type: ignore[arg-type]
    try:
        alice = await open_room(member)
        await alice.post(ORDINARY)
        await asyncio.sleep(0.2)
        assert fake.read == []
        assert service.health()["status"] == "off"
    finally:
        second_opinion.reset_for_tests()


async def test_a_flood_beyond_the_bound_is_skipped_and_counted(
    open_room: OpenRoom, member: Membership, enabled: None, settings: Any
) -> None:
    settings.CIRCLES_SECOND_OPINION_MAX_PENDING = 0
    fake = FakeOpinion()
    second_opinion.reset_for_tests(fake)  # type: ignore[arg-type]
    skipped_before = service.health()["skipped"]
    alice = await open_room(member)
    await alice.post(ORDINARY)
    await asyncio.sleep(0.2)
    assert fake.read == []
    assert service.health()["skipped"] == skipped_before + 1
