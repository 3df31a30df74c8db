"""The WebSocket Origin check: scheme, host and port (issue 12).

Channels' ``AllowedHostsOriginValidator`` compares the Origin's host name with
``ALLOWED_HOSTS`` only, so ``http://127.0.0.1:9999``, ``https://...`` on a plain-HTTP server
or ``file://`` passed with a member's cookie. Here the Origin must be the very origin the
socket was opened on (the scheme of the connection, ``Host`` as sent, which Django's
``ALLOWED_HOSTS`` must allow), or one listed in ``CSRF_TRUSTED_ORIGINS``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _origin_tuple(origin: str) -> tuple[str, str, int] | None:
    parts = urlsplit(origin)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    return parts.scheme, parts.hostname.lower(), port


def _connection_scheme(scope: dict[str, Any]) -> str:
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, value = proxy
        name = header.removeprefix("HTTP_").replace("_", "-").lower().encode()
        if _header(scope, name) == value:
            return "https"
    return "https" if scope.get("scheme") in {"wss", "https"} else "http"


def origin_allowed(scope: dict[str, Any]) -> bool:
    """Whether the socket's Origin is the origin it was opened on, or a trusted one."""
    origin = _header(scope, b"origin")
    if not origin:
        return False
    wanted = _origin_tuple(origin)
    if wanted is None:
        return False
    trusted = {_origin_tuple(o) for o in settings.CSRF_TRUSTED_ORIGINS}
    if wanted in trusted:
        return True
    host_header = _header(scope, b"host")
    scheme = _connection_scheme(scope)
    if host_header is None:
        # No Host (an in-process test client): the Origin's host must be allowed and its
        # port the scheme's default.
        return validate_host(wanted[1], settings.ALLOWED_HOSTS) and wanted == (
            wanted[0],
            wanted[1],
            _DEFAULT_PORTS[wanted[0]],
        )
    domain, port = split_domain_port(host_header)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    here = (scheme, domain.lower().strip("[]"), int(port) if port else _DEFAULT_PORTS[scheme])
    return (wanted[0], wanted[1].strip("[]"), wanted[2]) == here


class SameOriginValidator:
    """ASGI middleware: a WebSocket whose Origin is not allowed is refused at the handshake
    (HTTP 403), before anything reads its cookie."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] == "websocket" and not origin_allowed(scope):
            denier = WebsocketDenier()
            return await denier(scope, receive, send)
        return await self.app(scope, receive, send)
