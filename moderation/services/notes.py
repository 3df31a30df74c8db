"""Private notes on a member or an escalation (never logged, never in a transcript)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import FacilitatorAudience
from groups.events.transport import send_event_on_commit
from groups.models import Membership
from moderation.models import Escalation, Note
from moderation.selectors import note_event

NOTE_MAX_CHARS = 2000


def note_create(
    *,
    acting_user: User,
    group_id: int,
    membership: Membership | None,
    escalation: Escalation | None,
    text: str,
    now: datetime,
) -> Note:
    """Store a private note on one member or one escalation, audit it (its id, never its
    text) and show it to the group's facilitators. The caller has authorised the writer
    (a facilitator of the group, or a coordinator)."""
    if (membership is None) == (escalation is None):
        raise ServiceError("invalid", "A note is about one member or one escalation.")
    if not text.strip():
        raise ServiceError("invalid", "A note needs some text.")
    if len(text) > NOTE_MAX_CHARS:
        raise ServiceError("too_long", f"Notes are at most {NOTE_MAX_CHARS} characters.")
    if "\x00" in text:
        raise ServiceError("invalid", "The text contains a NUL character.")
    with transaction.atomic():
        note = Note.objects.create(
            group_id=group_id,
            membership=membership,
            escalation=escalation,
            author=acting_user,
            text=text,
            created_at=now,
        )
        audit_record(
            actor=acting_user,
            group_id=group_id,
            action="note_add",
            target_type="note",
            target_id=note.pk,
            at=now,
            detail={"about": "membership" if membership is not None else "escalation"},
        )
        send_event_on_commit(note_event(note), FacilitatorAudience(group_id))
    return note
