"""The audit log's one writer. Called inside the transaction of the action it records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User

from groups.models import AuditEntry


def audit_record(
    *,
    actor: User | None,
    group_id: int | None,
    action: str,
    target_type: str,
    target_id: object,
    at: datetime,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit row. ``detail`` holds ids and codes only, never message text."""
    return AuditEntry.objects.create(
        actor=actor,
        group_id=group_id,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail or {},
        at=at,
    )
