"""A member's own data (SPEC 5): everything of theirs as JSON, and erasure.

Erasure removes their messages everywhere (so from every transcript), with the flags, holds,
reports and screen records that belong to them; retires their pseudonyms (their memberships
go); and deactivates the account, keeping no name, e-mail or password. Audit rows keep the
action but no longer say who did it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.models import AuditEntry, Certification, Membership, Message
from moderation.models import Report, ScreenRecord
from moderation.screen import forget_texts


def _signed_in(user: User | AnonymousUser) -> User:
    if not isinstance(user, User) or not user.is_active:
        raise ServiceError("forbidden", "Log in first.")
    return user


def own_data_export(*, user: User | AnonymousUser) -> dict[str, Any]:
    """The caller's account, memberships (with pseudonyms) and messages."""
    user = _signed_in(user)
    memberships = list(Membership.objects.filter(user=user).select_related("group"))
    messages = (
        Message.objects.filter(author__user=user)
        .select_related("room__group")
        .order_by("created_at")
    )
    return {
        "account": {"username": user.username, "joined": user.date_joined},
        "memberships": [
            {
                "group": m.group.slug,
                "group_name": m.group.name,
                "pseudonym": m.pseudonym,
                "role": m.role,
                "state": m.state,
                "joined": m.joined_at,
            }
            for m in memberships
        ],
        "messages": [
            {
                "group": m.room.group.slug,
                "session": m.session_id,
                "seq": m.seq,
                "state": m.state,
                "text": m.text,
                "created": m.created_at,
            }
            for m in messages
        ],
    }


def own_data_erase(*, user: User | AnonymousUser, now: datetime) -> dict[str, int]:
    """Erase the caller (see the module's docstring); returns what went, by kind."""
    user = _signed_in(user)
    with transaction.atomic():
        memberships = Membership.objects.filter(user=user)
        counts = {
            "messages": Message.objects.filter(author__in=memberships).count(),
            "memberships": memberships.count(),
        }
        ScreenRecord.objects.filter(author__in=memberships).delete()
        Report.objects.filter(reporter__in=memberships).delete()
        # Messages (with their flags, holds, escalations and reports), acceptances,
        # connections and notes about them go with their memberships.
        memberships.delete()
        Certification.objects.filter(user=user).delete()
        AuditEntry.objects.filter(actor=user).update(actor=None)
        user.username = f"erased-{uuid.uuid4().hex[:12]}"
        user.first_name = user.last_name = user.email = ""
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.save()
        user.coordinated_groups.clear()
        # Every other login of the account is dead from here on: Django checks each session
        # against the password's hash (now unusable) and refuses an inactive user.
        audit_record(
            actor=None,
            group_id=None,
            action="account_erased",
            target_type="account",
            target_id="",
            at=now,
            detail=counts,
        )
    # What the screen keeps in memory to run faster goes too (this process's).
    forget_texts()
    return counts
