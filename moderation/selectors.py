"""Reads for moderation: a group's policy, the crisis resources for a region, and the
facilitators' queue (with the one builder of each queue frame)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from django.utils import timezone

from groups.events.types import (
    EscalationChanged,
    EscalationSummary,
    Event,
    FlagRaised,
    MessageHeld,
    NoteAdded,
    PendingMessage,
)
from groups.models import Group, Membership
from moderation.models import CrisisResource, Escalation, Flag, Hold, Note, Report
from moderation.reasons import held_reason
from moderation.screen.policy import DEFAULT_POLICY, ModerationPolicy


def policy_of(group: Group) -> ModerationPolicy:
    """The moderation policy ``group`` stores; the defaults where it stores nothing usable."""
    stored = group.moderation_policy
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
    "tel_href": None,
    "sms_href": None,
}

# "text 988", "text HOME to 741741": a directory entry's texting instruction.
_TEXT_LINE = re.compile(
    r"^\s*text\s+(?:(?P<word>[A-Za-z]+)\s+to\s+)?(?P<number>\+?\d[\d ]{1,18})\s*$", re.I
)


def crisis_line_hrefs(*, phone: str, text: str) -> tuple[str | None, str | None]:
    """Tap-to-call ``tel:`` and tap-to-text ``sms:`` links of one crisis line (None where it
    has no number or no texting instruction). Made here once, for every page and frame."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    match = _TEXT_LINE.match(text or "")
    sms = None
    if match:
        sms = "sms:" + match["number"].replace(" ", "")
        if match["word"]:
            sms += "?body=" + quote(match["word"].upper())
    return (f"tel:{digits}" if digits else None), sms


def crisis_resources_for(*, region: str) -> list[dict[str, Any]]:
    """The active crisis lines of ``region``; every active line if it has none."""
    rows = CrisisResource.objects.filter(active=True, country=region.upper())
    if not rows.exists():
        rows = CrisisResource.objects.filter(active=True)
    if not rows.exists():
        # Never an empty card: with no directory at all, point to emergency services.
        return [dict(EMPTY_DIRECTORY_FALLBACK)]
    lines = []
    for r in rows:
        tel_href, sms_href = crisis_line_hrefs(phone=r.phone, text=r.text)
        lines.append(
            {
                "country": r.country,
                "name": r.name,
                "phone": r.phone,
                "text": r.text,
                "url": r.url,
                "hours": r.hours,
                "last_verified": r.last_verified.isoformat() if r.last_verified else None,
                "tel_href": tel_href,
                "sms_href": sms_href,
            }
        )
    return lines


# How much of a flagged message the queue shows (the whole text is in the room or the hold).
EXCERPT_CHARS = 280
# Member notes replayed to a facilitator who connects: recent ones, and not too many.
NOTE_REPLAY_DAYS = 30
NOTE_REPLAY_LIMIT = 100


def excerpt(text: str) -> str:
    """At most ``EXCERPT_CHARS`` characters of ``text``, with an ellipsis when cut."""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _hold_id_of(message_id: uuid.UUID) -> int | None:
    return Hold.objects.filter(message_id=message_id).values_list("pk", flat=True).first()


# One builder per facilitator frame, used by the live events and by the replay on connect
# alike, so the two can never differ.


def flag_event(flag: Flag) -> FlagRaised:
    """The ``flag`` frame of ``flag`` as it stands now."""
    message = flag.message
    kinds = Report.objects.filter(message_id=message.pk).order_by("created_at", "pk")
    escalation = Escalation.objects.filter(flag_id=flag.pk).first()
    return FlagRaised(
        flag_id=flag.pk,
        seq=message.seq,
        hold_id=_hold_id_of(message.pk),
        category=flag.category,
        severity=flag.severity or None,
        status=flag.status,
        pseudonym=message.author_pseudonym,
        text=excerpt(message.text),
        at=flag.created_at,
        reported=tuple(dict.fromkeys(kinds.values_list("kind", flat=True))),
        escalation=EscalationSummary(
            escalation_id=escalation.pk,
            state=escalation.state,
            ack_deadline=escalation.ack_deadline,
            paged_at=escalation.coordinators_paged_at,
        )
        if escalation is not None
        else None,
    )


def hold_event(hold: Hold) -> MessageHeld:
    """The ``held`` frame of a pending hold."""
    message = hold.message
    return MessageHeld(
        hold_id=hold.pk,
        flag_id=Flag.objects.filter(message_id=message.pk).values_list("pk", flat=True).first(),
        pseudonym=message.author_pseudonym,
        role=message.author_role,
        text=message.text,
        reason=hold.reason,
        at=hold.created_at,
        status=hold.status,
    )


def escalation_event(escalation: Escalation) -> EscalationChanged:
    """The ``escalation`` frame of ``escalation`` as it stands now."""
    message = escalation.flag.message
    return EscalationChanged(
        escalation_id=escalation.pk,
        flag_id=escalation.flag_id,
        seq=message.seq,
        hold_id=_hold_id_of(message.pk),
        pseudonym=message.author_pseudonym,
        state=escalation.state,
        opened_at=escalation.opened_at,
        ack_deadline=escalation.ack_deadline,
        paged_at=escalation.coordinators_paged_at,
    )


# Who wrote a note, when the writer has no membership in the group (a coordinator).
NOTE_BY_COORDINATOR = "Coordinator"


def note_event(note: Note) -> NoteAdded:
    """The ``note`` frame of ``note``: the writer and the member by pseudonym only."""
    by = None
    if note.author_id is not None:
        by = (
            Membership.objects.filter(user_id=note.author_id, group_id=note.group_id)
            .values_list("pseudonym", flat=True)
            .first()
        )
    return NoteAdded(
        note_id=note.pk,
        pseudonym=note.membership.pseudonym if note.membership is not None else None,
        escalation_id=note.escalation_id,
        text=note.text,
        by=by or NOTE_BY_COORDINATOR,
        at=note.created_at,
    )


def pending_event(hold: Hold) -> PendingMessage:
    """The ``pending`` frame of one of the author's own held messages."""
    message = hold.message
    return PendingMessage(
        hold_id=hold.pk,
        client_id=str(message.client_id),
        text=message.text,
        reason=held_reason(hold.reason),
        at=hold.created_at,
    )


def pending_for_author(*, membership_id: int, group_id: int) -> list[PendingMessage]:
    """The author's own messages still waiting for a facilitator, oldest first."""
    holds = (
        Hold.objects.select_related("message")
        .filter(group_id=group_id, message__author_id=membership_id, status=Hold.Status.PENDING)
        .order_by("created_at", "pk")
    )
    return [pending_event(hold) for hold in holds]


def notes_for_replay(*, group_id: int, now: datetime) -> list[Note]:
    """Every note on a live escalation, and the latest member notes of the last 30 days
    (at most 100), oldest first."""
    on_escalations = list(
        Note.objects.select_related("membership")
        .filter(group_id=group_id, escalation__isnull=False)
        .exclude(escalation__state=Escalation.State.CLOSED)
    )
    on_members = list(
        Note.objects.select_related("membership")
        .filter(
            group_id=group_id,
            membership__isnull=False,
            created_at__gte=now - timedelta(days=NOTE_REPLAY_DAYS),
        )
        .order_by("-created_at", "-pk")[:NOTE_REPLAY_LIMIT]
    )
    return sorted(on_escalations + on_members, key=lambda n: (n.created_at, n.pk))


def facilitator_queue(*, group_id: int, now: datetime | None = None) -> list[Event]:
    """What a facilitator who connects must see, in the live events' own shapes: pending
    holds, flags not resolved, escalations not closed, then notes (each oldest first)."""
    queue: list[Event] = []
    for hold in (
        Hold.objects.select_related("message")
        .filter(group_id=group_id, status=Hold.Status.PENDING)
        .order_by("created_at", "pk")
    ):
        queue.append(hold_event(hold))
    for flag in (
        Flag.objects.select_related("message")
        .filter(group_id=group_id)
        .exclude(status=Flag.Status.RESOLVED)
        .order_by("created_at", "pk")
    ):
        queue.append(flag_event(flag))
    for escalation in (
        Escalation.objects.select_related("flag__message")
        .filter(group_id=group_id)
        .exclude(state=Escalation.State.CLOSED)
        .order_by("opened_at", "pk")
    ):
        queue.append(escalation_event(escalation))
    for note in notes_for_replay(group_id=group_id, now=now or timezone.now()):
        queue.append(note_event(note))
    return queue
