"""ASGI entry point: HTTP through Django, WebSockets through Channels; and, with the
in-memory channel layer, the escalation worker inside this process."""

import logging
import os
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings")

# Django must be set up before the consumers (and the models they import) are loaded.
django_asgi_app = get_asgi_application()

from server.production import refuse_an_insecure_start  # noqa: E402

refuse_an_insecure_start()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from consumers.routing import websocket_urlpatterns  # noqa: E402
from groups.logsafe import log_failure  # noqa: E402
from moderation.worker import embedded_worker_ensure  # noqa: E402
from server.origins import SameOriginValidator  # noqa: E402

logger = logging.getLogger(__name__)

Scope = dict[str, Any]
Receive = Any
Send = Any

router = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # The Origin must be the origin the socket is opened on (scheme, host and port): a
        # page on another site or port cannot open a socket with a member's cookie
        # (cross-site WebSocket hijacking).
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)


class EmbeddedWorkerApp:
    """Starts the embedded escalation worker on the event loop of the first scope served.

    Daphne speaks no ASGI lifespan, so the first request (in practice the health check) is
    the first moment this process has a running loop. Only scopes from a real server count
    (they carry ``server``; test communicators do not), so in-process tests never get a
    background worker. Every later scope re-checks, so a loop that died is restarted, and
    nothing the worker does can fail a request.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if settings.CIRCLES_EMBEDDED_WORKER and scope.get("server") is not None:
            try:
                embedded_worker_ensure()
            except Exception as exc:
                log_failure(logger, "starting the embedded worker", exc)
        await self.app(scope, receive, send)


application = EmbeddedWorkerApp(router)
