"""The escalation worker's pass (moderation/worker.py): what the command runs in a loop, and
the embedded worker that runs it inside the web process with the in-memory layer."""

from __future__ import annotations

import asyncio
import io
import logging
import uuid
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.utils import timezone

from groups import selectors
from groups.models import Membership
from moderation import worker
from moderation.models import CoordinatorPage, Escalation
from moderation.services import submission
from moderation.services.escalations import CARD_NOTE_AFTER_PAGE
from moderation.worker import (
    WorkerPass,
    embedded_worker_ensure,
    embedded_worker_stop,
    worker_pass,
    worker_room_pass,
)
from tests.moderation.services.test_escalations import URGENT, Receiver

pytestmark = pytest.mark.django_db


def open_urgent(member: Membership) -> Escalation:
    from django.contrib.auth.models import User

    coordinator = User.objects.create_user("coord", password="x")
    member.group.coordinators.add(coordinator)
    access = selectors.access_room(user=member.user, slug=member.group.slug)
    submission.message_send(access=access, client_id=uuid.uuid4(), text=URGENT)
    return Escalation.objects.get()


def test_a_pass_before_the_deadline_does_nothing(
    member: Membership, facilitator: Membership
) -> None:
    escalation = open_urgent(member)
    done = worker_pass(now=escalation.ack_deadline - timedelta(seconds=1))
    assert done == WorkerPass() and not done
    assert not CoordinatorPage.objects.exists()


def test_a_pass_after_the_deadline_pages_and_delivers(
    member: Membership, facilitator: Membership, settings: Any
) -> None:
    receiver = Receiver()
    settings.CIRCLES_ESCALATION_WEBHOOK_URL = receiver.url
    try:
        escalation = open_urgent(member)
        now = escalation.ack_deadline + timedelta(seconds=1)
        assert worker_pass(now=now) == WorkerPass(paged=1, delivered=1)
        assert [b["escalation_id"] for b in receiver.bodies] == [escalation.pk]
        # Paged once: the next pass finds nothing to do.
        assert not worker_pass(now=now + timedelta(seconds=1))
    finally:
        receiver.close()


def test_nothing_due_takes_no_write_transaction(
    member: Membership, facilitator: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    escalation = open_urgent(member)
    calls: list[Any] = []
    monkeypatch.setattr(worker, "escalations_page_due", lambda **kw: calls.append(kw) or 0)
    worker_room_pass(now=escalation.ack_deadline - timedelta(seconds=1))
    assert calls == [], "the cheap read found nothing due, so paging was not started"
    worker_room_pass(now=escalation.ack_deadline + timedelta(seconds=1))
    assert len(calls) == 1


def test_the_command_steps_aside_when_the_web_process_runs_the_worker(settings: Any) -> None:
    out = io.StringIO()
    settings.CIRCLES_EMBEDDED_WORKER = True
    call_command("escalation_worker", "--unless-embedded", stdout=out)
    assert "runs inside the web process" in out.getvalue()


def test_embedded_is_the_default_only_without_redis() -> None:
    import os
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.CIRCLES_EMBEDDED_WORKER)"
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    base["DJANGO_SETTINGS_MODULE"] = "server.settings"
    runs = {}
    for name, extra in {"memory": {}, "redis": {"REDIS_URL": "redis://127.0.0.1:1/0"}}.items():
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**base, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        runs[name] = result.stdout.strip()
    assert runs == {"memory": "True", "redis": "False"}


@pytest.mark.django_db(transaction=True)
async def test_embedded_worker_sends_the_second_card_to_the_authors_socket(
    member: Membership, facilitator: Membership, open_room: Any, settings: Any
) -> None:
    from django.contrib.auth.models import User

    settings.CIRCLES_WORKER_INTERVAL_SECONDS = 0.05
    coordinator = await sync_to_async(User.objects.create_user)("coord", password="x")
    await sync_to_async(member.group.coordinators.add)(coordinator)
    room = await open_room(member)
    await room.post(URGENT)
    first = await room.recv_type("crisis_resources")
    assert first["note"] is None
    # The deadline passes with nobody acknowledging.
    await sync_to_async(
        lambda: Escalation.objects.update(ack_deadline=timezone.now() - timedelta(seconds=1))
    )()
    try:
        assert embedded_worker_ensure() is True
        assert embedded_worker_ensure() is False, "already running: not started twice"
        second = await room.recv_type("crisis_resources", timeout=5)
    finally:
        await embedded_worker_stop()
    assert second["note"] == CARD_NOTE_AFTER_PAGE and second["resources"]


async def test_a_loop_that_died_is_restarted(monkeypatch: pytest.MonkeyPatch) -> None:
    async def nothing() -> None:
        return None

    monkeypatch.setattr(worker, "_room_step", nothing)
    monkeypatch.setattr(worker, "_delivery_step", nothing)
    try:
        assert embedded_worker_ensure() is True
        dead = worker._tasks["room"]
        dead.cancel()
        await asyncio.sleep(0)
        assert dead.done()
        assert embedded_worker_ensure() is True
        assert worker._tasks["room"] is not dead and not worker._tasks["room"].done()
    finally:
        await embedded_worker_stop()


async def test_a_failing_pass_is_logged_without_its_message_and_the_loop_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls = 0
    words = "someone's words " + uuid.uuid4().hex  # not in the traceback's source lines

    async def failing() -> None:
        nonlocal calls
        calls += 1
        raise ValueError(words)

    caplog.set_level(logging.ERROR, logger="moderation.worker")
    task = asyncio.get_running_loop().create_task(worker._loop("room", failing, 0.01))
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert calls >= 2, "the loop kept going after a failure"
    assert "embedded worker room pass failed with ValueError" in caplog.text
    assert words not in caplog.text
