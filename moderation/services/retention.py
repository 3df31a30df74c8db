"""Retention (SPEC 5): messages, their screen records, flags, holds, reports, escalations and
the sessions (and so the transcripts) older than ``CIRCLES_RETENTION_DAYS`` are deleted.
Audit rows stay: they hold who did what and when, never text."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from groups.audit import audit_record
from groups.models import Message, Session
from moderation.models import Escalation, Flag, Hold, Report, ScreenRecord
from moderation.screen import forget_texts


def purge_expired(*, now: datetime) -> dict[str, int]:
    """Delete what is past the retention period; return how many of each kind went."""
    cutoff = now - timedelta(days=settings.CIRCLES_RETENTION_DAYS)
    with transaction.atomic():
        old = Message.objects.filter(created_at__lt=cutoff)
        counts = {
            "messages": old.count(),
            "flags": Flag.objects.filter(message__in=old).count(),
            "holds": Hold.objects.filter(message__in=old).count(),
            "escalations": Escalation.objects.filter(flag__message__in=old).count(),
            "reports": Report.objects.filter(message__in=old).count(),
            "screen_records": ScreenRecord.objects.filter(created_at__lt=cutoff).count(),
        }
        ScreenRecord.objects.filter(created_at__lt=cutoff).delete()
        old.delete()  # flags, holds, escalations and reports go with their messages
        ended = Session.objects.filter(state=Session.State.CLOSED, closed_at__lt=cutoff)
        counts["transcripts"] = ended.count()
        ended.delete()
        if any(counts.values()):
            audit_record(
                actor=None,
                group_id=None,
                action="retention_purge",
                target_type="retention",
                target_id=cutoff.date().isoformat(),
                at=now,
                detail=counts,
            )
    forget_texts()
    return counts
