"""Members' reports on posted messages."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    FacilitatorAudience,
    MemberAudience,
    Reported,
    send_event_on_commit,
)
from groups.models import Membership, Message
from groups.selectors import RoomAccess
from moderation.models import Flag, Report, ReviewTransition
from moderation.selectors import flag_event

# A report of worry is a welfare concern: it reaches facilitators as a crisis flag, not as
# abuse (issue 4), so the person written about gets attention, not moderation.
REPORT_CATEGORY = {"worried": "crisis", "abuse": "harassment", "boundary": "boundary"}


def message_report(*, access: RoomAccess, seq: int, kind: str, now: datetime) -> None:
    """A member reports a posted message; facilitators get a flag (one per message)."""
    with transaction.atomic():
        reporter = Membership.objects.filter(
            pk=access.membership_id, state=Membership.State.ACTIVE
        ).first()
        if reporter is None:
            raise ServiceError("forbidden", "You can no longer take part in this group.")
        message = Message.objects.filter(
            room_id=access.room_id, seq=seq, state=Message.State.POSTED
        ).first()
        if message is None:
            raise ServiceError("not_found", "No posted message with that seq in this room.")
        _, created = Report.objects.get_or_create(
            message=message, reporter=reporter, kind=kind, defaults={"created_at": now}
        )
        # The reporter is always told their report arrived, a repeat included.
        send_event_on_commit(Reported(seq=seq, kind=kind), MemberAudience(reporter.pk))
        if not created:
            return
        category = REPORT_CATEGORY[kind]
        severity = "concern" if category == "crisis" else ""
        flag = Flag.objects.select_for_update().filter(message=message).first()
        if flag is None:
            flag = Flag.objects.create(
                message=message,
                group_id=access.group_id,
                category=category,
                severity=severity,
                reasons=[f"report.{kind}"],
                created_at=now,
            )
            ReviewTransition.objects.create(
                flag=flag, to_status=flag.status, note="reported", at=now
            )
        elif flag.status == Flag.Status.RESOLVED:
            ReviewTransition.objects.create(
                flag=flag,
                from_status=flag.status,
                to_status=Flag.Status.OPEN,
                note=f"reported again ({kind})",
                at=now,
            )
            flag.status = Flag.Status.OPEN
            flag.save(update_fields=["status"])
        audit_record(
            actor=reporter.user,
            group_id=access.group_id,
            action=f"report_{kind}",
            target_type="message",
            target_id=message.pk,
            at=now,
        )
        send_event_on_commit(flag_event(flag), FacilitatorAudience(access.group_id))
