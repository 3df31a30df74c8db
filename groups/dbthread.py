"""Database calls from the event loop, without a health-check round trip on every call.

Channels' ``database_sync_to_async`` closes obsolete connections before and after each call,
and that also re-arms Django's health check (``CONN_HEALTH_CHECKS``): every call from a
consumer began with a ``SELECT 1``. Under load that was a fifth of the database thread's
time (py-spy, docs/performance.md). Here the check is skipped for a connection that last
finished a call without a database error less than ``RECENTLY_HEALTHY_SECONDS`` ago, and
kept for one that has been idle longer (the usual victim of a database restart or an idle
timeout).

What that gives up: a database restart within those seconds of a connection's last use
fails that connection's next call once, as it would with health checks off. Django then
notices the error (``errors_occurred``) and replaces the connection before the call after.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from asgiref.sync import SyncToAsync
from django.db import close_old_connections, connections
from django.db.backends.base.base import BaseDatabaseWrapper

RECENTLY_HEALTHY_SECONDS = 5.0

# When each open connection (of the thread that owns it) last finished a call cleanly.
_healthy_at: weakref.WeakKeyDictionary[BaseDatabaseWrapper, float] = weakref.WeakKeyDictionary()


def _open_connections() -> list[BaseDatabaseWrapper]:
    return [c for c in connections.all(initialized_only=True) if c.connection is not None]


def _skip_checks_of_recently_healthy() -> None:
    now = time.monotonic()
    for conn in _open_connections():
        if now - _healthy_at.get(conn, float("-inf")) < RECENTLY_HEALTHY_SECONDS:
            conn.health_check_done = True  # type: ignore[attr-defined]


def _note_healthy() -> None:
    now = time.monotonic()
    for conn in _open_connections():
        if not conn.errors_occurred:
            _healthy_at[conn] = now


class DatabaseSyncToAsync(SyncToAsync):
    """``channels.db.DatabaseSyncToAsync``, with the health check only where it is due."""

    def thread_handler(self, loop: Any, *args: Any, **kwargs: Any) -> Any:
        close_old_connections()
        _skip_checks_of_recently_healthy()
        try:
            return super().thread_handler(loop, *args, **kwargs)
        finally:
            _note_healthy()
            close_old_connections()


database_sync_to_async = DatabaseSyncToAsync
