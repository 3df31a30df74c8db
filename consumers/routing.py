"""WebSocket URL routes."""

from django.urls import path

from consumers.room import RoomConsumer

websocket_urlpatterns = [
    path("ws/groups/<slug:slug>/", RoomConsumer.as_asgi()),
]
