"""The baseline for ``benchmarks/load.py``: the Channels tutorial's chat room and nothing
else (no auth, no database, no screening, no ordering, no recovery). A consumer joins the
group of its room and ``group_send``s every frame it receives to it.

    daphne -b 127.0.0.1 -p 9000 benchmarks.bare_relay:application

``REDIS_URL`` set: channels-redis's core layer (with ``CIRCLES_REDIS_PREFIX`` and the same
capacity and socket timeout as Circles), or its pub/sub layer with
``CIRCLES_CHANNEL_LAYER=pubsub``; otherwise the in-memory layer.
"""

from __future__ import annotations

import os
from typing import Any

import django
from django.conf import settings

if not settings.configured:
    redis_url = os.environ.get("REDIS_URL")
    layer: dict[str, Any] = {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    if redis_url and os.environ.get("CIRCLES_CHANNEL_LAYER") == "pubsub":
        layer = {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [redis_url],
                "prefix": os.environ.get("CIRCLES_REDIS_PREFIX", "bare") + "-bare",
            },
        }
    elif redis_url:
        layer = {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": redis_url, "socket_timeout": 15}],
                "prefix": os.environ.get("CIRCLES_REDIS_PREFIX", "bare") + "-bare",
                "capacity": 1000,
                "expiry": 30,
            },
        }
    settings.configure(CHANNEL_LAYERS={"default": layer}, INSTALLED_APPS=["channels"])
    django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path


class RelayConsumer(AsyncWebsocketConsumer):
    """Join the room's group; relay what arrives to everyone in it."""

    async def connect(self) -> None:
        self.group = "relay." + self.scope["url_route"]["kwargs"]["room"]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.channel_layer.group_send(self.group, {"type": "relay", "text": text_data})

    async def relay(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["text"])


application = ProtocolTypeRouter(
    {"websocket": URLRouter([path("ws/relay/<str:room>/", RelayConsumer.as_asgi())])}
)
