"""The escalation worker's work: one pass pages overdue escalations, delivers pages and
follows session schedules. The ``escalation_worker`` command runs passes in a process of
its own (Redis deployments: its events reach every server through Redis); with the
in-memory channel layer :func:`embedded_worker_ensure` runs them inside the web process,
the only place whose events can reach the room.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone

from groups.events.transport import call_service
from groups.logsafe import log_failure
from groups.services.sessions import sessions_follow_schedule
from moderation.models import Escalation
from moderation.services.escalations import escalations_page_due, pages_deliver
from moderation.services.retention import purge_expired

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkerPass:
    """What one pass did."""

    paged: int = 0
    delivered: int = 0
    sessions_opened: int = 0
    sessions_closed: int = 0

    def __bool__(self) -> bool:
        return any((self.paged, self.delivered, self.sessions_opened, self.sessions_closed))


def worker_room_pass(*, now: datetime) -> WorkerPass:
    """The part of a pass whose events go to rooms: page overdue escalations (the author's
    second crisis card, the facilitators' "paged"), open and close scheduled sessions."""
    paged = 0
    # A cheap read first: paging takes a write transaction (on SQLite the database's one
    # write lock), which a pass every second must not take when nothing is due.
    if Escalation.objects.filter(
        state=Escalation.State.OPEN, coordinators_paged_at__isnull=True, ack_deadline__lte=now
    ).exists():
        paged = escalations_page_due(now=now)
    opened, closed = sessions_follow_schedule(now=now)
    return WorkerPass(paged=paged, sessions_opened=opened, sessions_closed=closed)


RETENTION_EVERY = timedelta(days=1)
_retention: dict[str, Any] = {"last": None}


def retention_if_due(*, now: datetime) -> dict[str, int] | None:
    """Run the retention purge once a day per worker (first on its first pass)."""
    last = _retention["last"]
    if last is not None and now - last < RETENTION_EVERY:
        return None
    _retention["last"] = now
    return purge_expired(now=now)


def worker_deliveries_pass(*, now: datetime) -> int:
    """Deliver the pages that are due (webhook, e-mail), and once a day purge what is past
    retention; no room events. Returns deliveries."""
    purged = retention_if_due(now=now)
    if purged and any(purged.values()):
        logger.info("worker: retention purge %s", purged)
    return pages_deliver(now=now)


def worker_pass(*, now: datetime) -> WorkerPass:
    """One whole pass, as the ``escalation_worker`` command runs it."""
    room = worker_room_pass(now=now)
    delivered = worker_deliveries_pass(now=now)
    return WorkerPass(
        paged=room.paged,
        delivered=delivered,
        sessions_opened=room.sessions_opened,
        sessions_closed=room.sessions_closed,
    )


# --- Inside the web process (in-memory channel layer) -------------------------------------

# Webhook and e-mail delivery can wait seconds on the network: it gets a thread of its own,
# so it never holds the database thread every consumer of the process shares.
_delivery_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="circles-pages")


def _deliveries_in_own_thread(*, now: datetime) -> int:
    close_old_connections()
    try:
        return worker_deliveries_pass(now=now)
    finally:
        close_old_connections()


async def _room_step() -> None:
    # Through call_service: the pass runs in the database thread and its committed events
    # are sent from this event loop, which is where the in-memory layer's groups live.
    done = await call_service(worker_room_pass, now=timezone.now())
    if done:
        logger.info(
            "embedded worker: paged %s, sessions opened %s, closed %s",
            done.paged,
            done.sessions_opened,
            done.sessions_closed,
        )


async def _delivery_step() -> None:
    delivered = await sync_to_async(
        _deliveries_in_own_thread, thread_sensitive=False, executor=_delivery_thread
    )(now=timezone.now())
    if delivered:
        logger.info("embedded worker: delivered %s pages", delivered)


async def _loop(name: str, step: Callable[[], Awaitable[None]], interval: float) -> None:
    while True:
        try:
            await step()
        except Exception as exc:
            # Keep running: the next pass retries whatever this one could not do. The
            # exception's type and code path only, never its message (it may quote data).
            log_failure(logger, f"embedded worker {name} pass", exc)
        await asyncio.sleep(interval)


_tasks: dict[str, asyncio.Task[None]] = {}


def embedded_worker_ensure() -> bool:
    """Start the embedded worker's loops on the running event loop, or restart one that
    ended. Idempotent and cheap: called on every scope the web process serves. Returns
    whether any loop was (re)started."""
    loop = asyncio.get_running_loop()
    interval = float(settings.CIRCLES_WORKER_INTERVAL_SECONDS)
    started = False
    for name, step in (("room", _room_step), ("delivery", _delivery_step)):
        task = _tasks.get(name)
        if task is not None and not task.done() and task.get_loop() is loop:
            continue
        if task is not None and task.done() and not task.cancelled():
            exc = task.exception()
            if exc is not None:
                log_failure(logger, f"embedded worker {name} loop", exc)
        _tasks[name] = loop.create_task(_loop(name, step, interval), name=f"worker-{name}")
        started = True
    if started:
        logger.info("embedded worker: running every %ss in this process", interval)
    return started


async def embedded_worker_stop() -> None:
    """Cancel the embedded worker's loops and close the delivery thread's database
    connection (tests: a test database cannot be dropped while it is open)."""
    tasks = list(_tasks.values())
    _tasks.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await sync_to_async(connections.close_all, thread_sensitive=False, executor=_delivery_thread)()
