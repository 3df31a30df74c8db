"""GET /healthz: 200 when the database and the channel layer answer."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, JsonResponse

from consumers import tally
from moderation.services import second_opinion

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


class _Probe:
    """A round trip through the channel layer, on one channel per process that is kept.

    On the pub/sub layer a new channel is a Redis subscription that only a cancelled
    receive ends, and a message sent before the subscription took effect is lost. So the
    channel is kept, its receive is never cancelled (a check that times out leaves it
    waiting for the next), and the ping is sent again until it comes back.
    """

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lock = asyncio.Lock()
        self.channel: str | None = None
        self.waiting: asyncio.Future[dict[str, Any]] | None = None

    async def round_trip(self, *, within: float = 2.0, resend: float = 0.25) -> None:
        layer = get_channel_layer()
        if layer is None:
            raise RuntimeError("no channel layer configured")
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # a new event loop (the test client makes one per request)
            self.loop, self.lock, self.channel, self.waiting = loop, asyncio.Lock(), None, None
        async with self.lock:
            if self.channel is None:
                self.channel = await layer.new_channel("healthz.")
            token = uuid.uuid4().hex
            deadline = loop.time() + within
            while True:
                if self.waiting is None:
                    self.waiting = asyncio.ensure_future(layer.receive(self.channel))
                await layer.send(self.channel, {"type": "healthz.ping", "token": token})
                left = deadline - loop.time()
                done, _ = await asyncio.wait({self.waiting}, timeout=max(0.0, min(resend, left)))
                if done:
                    arrived, self.waiting = self.waiting, None
                    if arrived.result().get("token") == token:  # raises if the layer failed
                        return
                elif left <= resend:
                    raise TimeoutError("the channel layer did not answer")


_probe = _Probe()


async def _check_channel_layer() -> None:
    # A round trip through the layer: what the room relies on.
    await _probe.round_trip()


async def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether this process can reach its database and channel layer."""
    checks: dict[str, bool] = {}
    started = time.monotonic()
    for name, check in (
        ("database", sync_to_async(_check_database, thread_sensitive=True)),
        ("channel_layer", _check_channel_layer),
    ):
        try:
            await asyncio.wait_for(check(), timeout=3)
            checks[name] = True
        except Exception as exc:
            logger.warning("health check %s failed: %s", name, type(exc).__name__)
            checks[name] = False
    ok = all(checks.values())
    body = {
        "ok": ok,
        **checks,
        # Optional: when it is absent the synchronous screen works alone, so it never makes
        # the process unhealthy, but it is shown (status "ready", "off", "not loaded" until
        # the first message, or "absent: why").
        "second_opinion": second_opinion.health(),
        # This process's room sockets: open, and consumer objects still in memory.
        "sockets": tally.counts(),
        "elapsed_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if ok else 503)
