"""GET /healthz: 200 when the database and the channel layer answer."""

from __future__ import annotations

import asyncio
import logging
import time

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


async def _check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    # A round trip through the layer: what the room relies on.
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    await asyncio.wait_for(layer.receive(channel), timeout=2)


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
    body = {"ok": ok, **checks, "elapsed_ms": round((time.monotonic() - started) * 1000, 1)}
    return JsonResponse(body, status=200 if ok else 503)
