"""Members' reports on posted messages."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from groups import selectors
from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import MemberAudience
from groups.events.transport import send_event_on_commit
from groups.events.types import Reported
from groups.models import Message
from groups.selectors import RoomAccess
from moderation.models import Report
from moderation.screen import screen
from moderation.screen.pipeline import CONTEXT_MESSAGES
from moderation.services.review_items import flag_for_report

# A report of worry is a welfare concern: it reaches facilitators as a crisis flag, not as
# abuse (issue 4), so the person written about gets attention, not moderation.
REPORT_CATEGORY = {"worried": "crisis", "abuse": "harassment", "boundary": "boundary"}


def message_report(*, access: RoomAccess, seq: int, kind: str, now: datetime) -> None:
    """A member reports a posted message; facilitators get a flag (one per message)."""
    with transaction.atomic():
        reporter = selectors.membership_active(access=access)
        message = (
            Message.objects.select_related("room")
            .filter(room_id=access.room_id, seq=seq, state=Message.State.POSTED)
            .first()
        )
        if message is None:
            raise ServiceError("not_found", "No posted message with that seq in this room.")
        _, created = Report.objects.get_or_create(
            message=message, reporter=reporter, kind=kind, defaults={"created_at": now}
        )
        # The reporter is always told their report arrived, a repeat included.
        send_event_on_commit(Reported(seq=seq, kind=kind), MemberAudience(reporter.pk))
        if not created:
            return
        audit_record(
            actor=reporter.user,
            group_id=access.group_id,
            action=f"report_{kind}",
            target_type="message",
            target_id=message.pk,
            at=now,
        )
        severity = ""
        reasons: tuple[str, ...] = ()
        if kind == Report.Kind.WORRIED:
            # The same flag as the screen would raise: the message read again, with what its
            # author wrote just before it in the session (a plan spread over messages).
            context = selectors.author_texts_before(message=message, limit=CONTEXT_MESSAGES)
            decision = screen(message.text, context=context)
            if decision.severity is not None:
                severity, reasons = decision.severity, decision.reasons
        flag_for_report(
            message=message,
            category=REPORT_CATEGORY[kind],
            kind=kind,
            now=now,
            severity=severity,
            reasons=reasons,
        )
