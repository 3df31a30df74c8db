"""Reads for moderation: a group's policy and the crisis resources for a region."""

from __future__ import annotations

from typing import Any

from groups.events import EscalationChanged, Event, FlagRaised, MessageHeld
from groups.models import Group
from moderation.models import CrisisResource, Escalation, Flag, Hold
from moderation.policy import DEFAULT_POLICY, ModerationPolicy


def policy_for(*, group_id: int) -> ModerationPolicy:
    """The group's moderation policy; the defaults where it stores nothing usable."""
    stored = Group.objects.values_list("moderation_policy", flat=True).get(pk=group_id)
    if not stored:
        return DEFAULT_POLICY
    try:
        return ModerationPolicy.from_dict(stored)
    except (TypeError, ValueError):
        # A broken policy must not stop screening: fall back to the safe defaults.
        return DEFAULT_POLICY


EMPTY_DIRECTORY_FALLBACK: dict[str, Any] = {
    "country": "",
    "name": "Your local emergency number",
    "phone": "",
    "text": "",
    "url": "",
    "hours": "24/7",
    "last_verified": None,
}


def crisis_resources_for(*, region: str) -> list[dict[str, Any]]:
    """The active crisis lines of ``region``; every active line if it has none."""
    rows = CrisisResource.objects.filter(active=True, country=region.upper())
    if not rows.exists():
        rows = CrisisResource.objects.filter(active=True)
    if not rows.exists():
        # Never an empty card: with no directory at all, point to emergency services.
        return [dict(EMPTY_DIRECTORY_FALLBACK)]
    return [
        {
            "country": r.country,
            "name": r.name,
            "phone": r.phone,
            "text": r.text,
            "url": r.url,
            "hours": r.hours,
            "last_verified": r.last_verified.isoformat() if r.last_verified else None,
        }
        for r in rows
    ]


def facilitator_queue(*, group_id: int) -> list[Event]:
    """What a facilitator joining late must see: pending holds, open flags, live escalations."""
    queue: list[Event] = []
    for hold in (
        Hold.objects.select_related("message")
        .filter(group_id=group_id, status=Hold.Status.PENDING)
        .order_by("created_at")
    ):
        queue.append(
            MessageHeld(
                hold_id=hold.pk,
                pseudonym=hold.message.author_pseudonym,
                role=hold.message.author_role,
                text=hold.message.text,
                reason=hold.reason,
            )
        )
    for flag in (
        Flag.objects.select_related("message")
        .filter(group_id=group_id, status__in=[Flag.Status.OPEN, Flag.Status.ACKNOWLEDGED])
        .order_by("created_at")
    ):
        queue.append(
            FlagRaised(
                flag_id=flag.pk,
                seq=flag.message.seq,
                category=flag.category,
                severity=flag.severity or None,
                status=flag.status,
            )
        )
    for escalation in Escalation.objects.filter(group_id=group_id).exclude(
        state=Escalation.State.CLOSED
    ):
        queue.append(EscalationChanged(escalation_id=escalation.pk, state=escalation.state))
    return queue
