"""The Content-Security-Policy header (django-csp), plus this host's WebSocket origins.

CSP Level 3 lets ``connect-src 'self'`` match ``ws:``/``wss:`` on the page's own host, and
current Chromium and Firefox do so; older Safari releases did not. Naming the request's own
host explicitly costs nothing and keeps the room's socket working there too. The host has
already been checked against ALLOWED_HOSTS, so nothing a client sends can widen the policy.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class SameHostWebSocketCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with ``ws://<host>`` and ``wss://<host>`` in connect-src."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        try:
            host = request.get_host()
        except DisallowedHost:
            return parts
        update = dict(parts.update or {})
        update["connect-src"] = [*update.get("connect-src", ()), f"ws://{host}", f"wss://{host}"]
        parts.update = update
        return parts
