"""The escalation worker: pages coordinators when an acknowledgement deadline passes,
delivers pages with retries, and opens and closes scheduled sessions. Its own process
(Procfile ``worker:``) for Redis deployments; with the in-memory channel layer the web
process runs the same passes itself (``moderation/worker.py``). The schedule is the
database, so it survives restarts and needs no websocket."""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from groups.logsafe import log_failure
from moderation.worker import worker_pass

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Page coordinators for unacknowledged urgent escalations; deliver pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--unless-embedded",
            action="store_true",
            help="Exit at once when the web process runs the worker itself "
            "(CIRCLES_EMBEDDED_WORKER): `make run` never runs two workers on one database.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["unless_embedded"] and settings.CIRCLES_EMBEDDED_WORKER:
            self.stdout.write("escalation worker: runs inside the web process (in-memory layer)")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if not options["once"]:
            self.stdout.write("escalation worker: running")
        while True:
            try:
                close_old_connections()
                done = worker_pass(now=timezone.now())
                if done:
                    self.stdout.write(
                        f"worker: paged {done.paged}, delivered {done.delivered}, "
                        f"sessions opened {done.sessions_opened}, closed {done.sessions_closed}"
                    )
            except Exception as exc:
                # Keep running: the next pass retries whatever this one could not do.
                log_failure(logger, "escalation worker pass", exc)
            if options["once"] or self.stopping:
                return
            time.sleep(settings.CIRCLES_WORKER_INTERVAL_SECONDS)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
