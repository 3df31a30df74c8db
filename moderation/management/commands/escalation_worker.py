"""The escalation worker: pages coordinators when an acknowledgement deadline passes,
delivers pages with retries, and opens and closes scheduled sessions. Its own process
(Procfile ``worker:``); the schedule is the database, so it survives restarts and needs no
websocket."""

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
from moderation.actions import sessions_follow_schedule
from moderation.escalations import escalations_page_due, pages_deliver

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Page coordinators for unacknowledged urgent escalations; deliver pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if not options["once"]:
            self.stdout.write("escalation worker: running")
        while True:
            try:
                close_old_connections()
                now = timezone.now()
                paged = escalations_page_due(now=now)
                delivered = pages_deliver(now=now)
                opened, closed = sessions_follow_schedule(now=now)
                if paged or delivered or opened or closed:
                    self.stdout.write(
                        f"worker: paged {paged}, delivered {delivered}, "
                        f"sessions opened {opened}, closed {closed}"
                    )
            except Exception as exc:
                # Keep running: the next pass retries whatever this one could not do.
                log_failure(logger, "escalation worker pass", exc)
            if options["once"] or self.stopping:
                return
            time.sleep(settings.CIRCLES_WORKER_INTERVAL_SECONDS)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
