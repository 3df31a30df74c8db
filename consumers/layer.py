"""A consumer that outlives its channel layer's errors.

Channels' own dispatch loop lets an exception from ``channel_layer.receive`` end the
consumer, and daphne then closes the member's socket (1011). On Redis that happens on a
restart, a failover or a read that times out. The room does not need the layer to be
correct, only to be fast: every message is in the database and the heartbeat fills any gap.
So a failed receive is logged once per outage and retried with jittered backoff, and the
connection joins its groups again after each failure and on every heartbeat: a restarted
Redis has forgotten them, and on channels-redis only one consumer per process (the one doing
the blocking pop) sees the failure; the others just wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from typing import Any

from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.utils import await_many_dispatch

from groups.logsafe import log_failure

logger = logging.getLogger(__name__)

# The first retry comes quickly (a blip), later ones back off to at most this.
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 10.0


class LayerResilientConsumer(AsyncWebsocketConsumer):
    """An ``AsyncWebsocketConsumer`` whose channel-layer receive never ends the connection.

    Subclasses list the groups they belong to in ``layer_groups``; they are joined again
    after the layer comes back.
    """

    layer_groups: tuple[str, ...] = ()
    layer_down: bool = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Channels' ``AsyncConsumer.__call__`` with a resilient channel receive."""
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = send
        sources = [receive]
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            # Not kept as ``self.channel_receive`` (as Channels does): a bound method of
            # itself would be a reference cycle, and the closed connection would wait for
            # the garbage collector instead of being freed at once.
            sources.append(self.receive_from_layer)
        with contextlib.suppress(StopConsumer):  # the consumer asked to stop: a clean exit
            await await_many_dispatch(sources, self.dispatch)

    async def receive_from_layer(self) -> dict[str, Any]:
        """The next channel-layer message for this connection, however long the layer is
        away."""
        delay = RETRY_FIRST_SECONDS
        while True:
            try:
                message: dict[str, Any] = await self.channel_layer.receive(self.channel_name)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not self.layer_down:
                    # Once per outage, not once per retry: a long outage must not flood logs.
                    log_failure(logger, "receiving from the channel layer (retrying)", exc)
                    self.layer_down = True
                await asyncio.sleep(delay * random.uniform(0.5, 1.0))  # noqa: S311 - jitter
                delay = min(delay * 2, RETRY_MAX_SECONDS)
                await self.join_layer_groups()
                continue
            if self.layer_down:
                logger.info("channel layer reachable again")
                self.layer_down = False
            return message

    async def join_layer_groups(self) -> bool:
        """Join (again) every group in ``layer_groups``; ``False`` if the layer refused.
        Joining a group one is in already only refreshes its expiry."""
        try:
            for group in self.layer_groups:
                await self.channel_layer.group_add(group, self.channel_name)
        except Exception as exc:
            if not self.layer_down:
                log_failure(logger, "joining the channel layer", exc)
                self.layer_down = True
            return False
        if self.layer_down:
            logger.info("channel layer reachable again")
            self.layer_down = False
        return True

    async def leave_layer_groups(self) -> None:
        """Leave every group in ``layer_groups`` (a failure is logged: the layer's own
        expiry forgets the membership)."""
        for group in self.layer_groups:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception as exc:
                log_failure(logger, "leaving the channel layer", exc)
