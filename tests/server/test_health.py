"""The health check (server/health.py): /healthz over plain HTTP, 200 when the database and
the channel layer answer, 503 naming the one that does not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


# --- /healthz -------------------------------------------------------------------------


def test_healthz_reports_database_and_channel_layer() -> None:
    response = Client().get("/healthz")  # plain HTTP: load balancers probe without TLS
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["database"] is True
    assert body["channel_layer"] is True


class BrokenLayer:
    """A channel layer that refuses every call."""

    async def new_channel(self, prefix: str = "specific.") -> str:
        raise ConnectionError("layer down")

    async def send(self, channel: str, message: dict[str, Any]) -> None:
        raise ConnectionError("layer down")

    async def receive(self, channel: str) -> dict[str, Any]:
        raise ConnectionError("layer down")


@pytest.mark.parametrize("layer", [BrokenLayer(), None], ids=["layer-refuses", "no-layer"])
def test_healthz_is_503_when_the_channel_layer_fails(
    monkeypatch: pytest.MonkeyPatch, layer: object
) -> None:
    monkeypatch.setattr("server.health.get_channel_layer", lambda *a, **k: layer)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["channel_layer"] is False
    assert body["database"] is True


def test_healthz_is_503_when_the_database_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ConnectionError("database down")

    monkeypatch.setattr("server.health._check_database", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["database"] is False
    assert body["channel_layer"] is True
