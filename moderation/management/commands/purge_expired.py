"""``python manage.py purge_expired``: delete what is past the retention period (the worker
also runs it once a day) and print how many of each kind went."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from moderation.services.retention import purge_expired


class Command(BaseCommand):
    help = "Delete messages, screen records, flags, holds and transcripts past retention."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = purge_expired(now=timezone.now())
        days = settings.CIRCLES_RETENTION_DAYS
        self.stdout.write(
            f"retention {days} days: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
