"""WebSocket URL routes. A path no route matches is refused at the handshake (HTTP 403), not
answered with a 500 and a traceback."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import path, re_path

from consumers.room import RoomConsumer


class NoRoute(AsyncWebsocketConsumer):
    """Refuses every socket: its path names nothing."""

    async def connect(self) -> None:
        await self.close()


websocket_urlpatterns = [
    path("ws/groups/<slug:slug>/", RoomConsumer.as_asgi()),
    re_path(r"", NoRoute.as_asgi()),
]
