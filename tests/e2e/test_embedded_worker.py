"""End to end: the embedded default carries the escalation worker's events.

The Procfile's web process alone, on the in-memory channel layer (REDIS_URL removed, as
`make run` has it) and no `worker:` process: an urgent message nobody acknowledges pages the
coordinators from inside the web process, so the author's socket gets the second crisis
card and the facilitator's socket the "paged" escalation frame.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from groups.events.types import EscalationChanged
from moderation.services.escalations import CARD_NOTE_AFTER_PAGE
from tests.conftest import certify, make_group
from tests.e2e.servers import (
    RoomClient,
    ServerProcess,
    add_member,
    add_user,
    login,
    password_hash,
    running_server,
    shared_database_env,
    wait_for_disconnects,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = f"e2e-{uuid.uuid4().hex}"
SLUG = "e2e-embedded"
ACK_SECONDS = 2
# The facilitators' "paged" frame is the protocol side's part of issue 7 (the contract: an
# `escalation` frame with `paged_at` set when the worker pages). Until their change is in
# (the event has no `paged_at`), this test checks the author's card and then xfails, saying
# so; once it is in, the facilitator's assertion is enforced with no edit here.
PAGED_FRAME_LANDED = "paged_at" in {f.name for f in dataclasses.fields(EscalationChanged)}
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"


@pytest.fixture
def server(transactional_db: None) -> Iterator[ServerProcess]:
    """A group with a certified facilitator and a coordinator; the web process alone."""
    hashed = password_hash(PASSWORD)
    group = make_group(SLUG)
    add_member(group, "alice", "Willow", hashed_password=hashed)
    fran = add_member(group, "fran", "Fran", hashed_password=hashed, role="facilitator")
    certify(fran)
    group.coordinators.add(add_user("coord", hashed_password=hashed))
    env: dict[str, str | None] = {
        **shared_database_env(),
        # The embedded default: the in-memory layer, whatever this run uses, and the
        # setting left to its default.
        "REDIS_URL": None,
        "CIRCLES_EMBEDDED_WORKER": None,
        "CIRCLES_ESCALATION_ACK_SECONDS": str(ACK_SECONDS),
        "CIRCLES_ESCALATION_WEBHOOK_URL": None,
    }
    with running_server(env, name="web-embedded-worker") as process:
        yield process
        wait_for_disconnects()


async def recv_until(
    client: RoomClient, frame_type: str, predicate: Any, timeout: float
) -> dict[str, Any]:
    """The first ``frame_type`` frame that satisfies ``predicate``; others are skipped."""
    while True:
        frame = await client.recv_type(frame_type, timeout=timeout)
        if predicate(frame):
            return frame


async def test_an_unacknowledged_urgent_message_pages_from_inside_the_web_process(
    server: ServerProcess,
) -> None:
    fran = await RoomClient.join(server, SLUG, cookie=login(server, "fran", PASSWORD))
    alice = await RoomClient.join(server, SLUG, cookie=login(server, "alice", PASSWORD))
    try:
        ack = await alice.post(URGENT)
        assert ack["status"] == "posted"
        first = await alice.recv_type("crisis_resources")
        assert first["note"] is None
        opened = await recv_until(fran, "escalation", lambda f: f["state"] == "open", 5)
        escalation_id = opened["escalation_id"]

        # Nobody acknowledges. Within the deadline plus a few worker passes ...
        second = await alice.recv_type("crisis_resources", timeout=ACK_SECONDS + 8)
        # ... the author hears that direct crisis lines are the fastest help ...
        assert second["note"] == CARD_NOTE_AFTER_PAGE
        assert second["resources"] and all("name" in r for r in second["resources"])
        # No worker process runs: the web process paged.
        log = server.log_text()
        assert "embedded worker: running" in log and "embedded worker: paged 1" in log
        assert URGENT not in log, "message text must never reach the server's output"

        # ... and the facilitator's page learns that the coordinators were paged.
        if not PAGED_FRAME_LANDED:
            pytest.xfail("the protocol side's `escalation` frame with `paged_at` is not in yet")
        paged = await recv_until(
            fran,
            "escalation",
            lambda f: f["escalation_id"] == escalation_id and f.get("paged_at") is not None,
            5,
        )
        assert paged["state"] == "open"
    finally:
        await alice.close()
        await fran.close()
