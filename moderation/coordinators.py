"""Coordinators working escalations of the groups they coordinate: acknowledge, move along
the ladder, note; and what their coordinator page and its live badge read.

Every write is authorised here (the acting user coordinates the escalation's group, else
the same not-found as a missing escalation), runs in one transaction, and goes through
``moderation.escalations.escalation_transition``, which records the transition, its audit
row and the facilitators' event. A note is a transition that keeps the state; its text is
stored on the transition and never copied into the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from groups.audit import audit_record
from groups.errors import ServiceError
from groups.models import Group
from moderation.actions.escalations import ESCALATION_NEXT
from moderation.escalations import escalation_transition
from moderation.models import CoordinatorPage, Escalation, EscalationTransition

NOTE_MAX_CHARS = 2000
NOT_FOUND = "No such escalation."

# The ladder a coordinator may move an escalation along. A paged escalation is still open:
# a coordinator acknowledges it first, like a facilitator would.
COORDINATOR_NEXT: dict[str, set[str]] = {"open": {"acknowledged"}, **ESCALATION_NEXT}

# Open (and so possibly paged) first, closed last.
_STATE_ORDER = Case(
    *(
        When(state=state, then=Value(rank))
        for rank, state in enumerate(
            [
                Escalation.State.OPEN,
                Escalation.State.ACKNOWLEDGED,
                Escalation.State.IN_CONTACT,
                Escalation.State.HANDED_OFF,
                Escalation.State.CLOSED,
            ]
        )
    ),
    output_field=IntegerField(),
)


# --- Reads -----------------------------------------------------------------------------------


def coordinated_groups(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Group]:
    """The groups ``user`` coordinates (none for anyone else)."""
    if not user.is_authenticated or not user.is_active:
        return Group.objects.none()
    return Group.objects.filter(coordinators__pk=user.pk).order_by("name")


def is_coordinator(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` coordinates at least one group."""
    return coordinated_groups(user=user).exists()


def coordinator_escalations(
    *, user: AbstractBaseUser | AnonymousUser, closed_limit: int = 50
) -> list[Escalation]:
    """Escalations of the groups ``user`` coordinates: live ones first (open, then along
    the ladder), each with its transitions (oldest first); the most recent closed ones."""
    base = (
        Escalation.objects.filter(group__in=coordinated_groups(user=user))
        .select_related("group", "flag__message")
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=EscalationTransition.objects.select_related("actor").order_by("at", "pk"),
            )
        )
    )
    live = list(
        base.exclude(state=Escalation.State.CLOSED).order_by(_STATE_ORDER.asc(), "-opened_at")
    )
    closed = list(base.filter(state=Escalation.State.CLOSED).order_by("-opened_at")[:closed_limit])
    return live + closed


@dataclass(frozen=True, slots=True)
class PageSummary:
    """One in-app page to a coordinator, as the live badge shows it: no message text, no
    pseudonym (the same rule as the webhook)."""

    page_id: int
    escalation_id: int
    group: str
    severity: str
    state: str
    paged_at: datetime

    @property
    def waiting(self) -> bool:
        """Nobody has acknowledged it yet."""
        return self.state == Escalation.State.OPEN


def coordinator_pages(
    *, user: AbstractBaseUser | AnonymousUser, limit: int = 50
) -> list[PageSummary]:
    """The in-app pages sent to ``user`` for the groups they coordinate, newest first."""
    if not user.is_authenticated:
        return []
    rows = (
        CoordinatorPage.objects.filter(
            recipient_id=user.pk,
            channel=CoordinatorPage.Channel.IN_APP,
            escalation__group__in=coordinated_groups(user=user),
        )
        .select_related("escalation__group")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        PageSummary(
            page_id=page.pk,
            escalation_id=page.escalation_id,
            group=page.escalation.group.name,
            severity=page.escalation.severity,
            state=page.escalation.state,
            paged_at=page.created_at,
        )
        for page in rows
    ]


# --- Writes ----------------------------------------------------------------------------------


def _escalation_for_coordinator(*, acting_user: User, escalation_id: int) -> Escalation:
    """The escalation, locked, if ``acting_user`` coordinates its group; one answer for
    missing and not theirs."""
    escalation = (
        Escalation.objects.select_for_update()
        .filter(pk=escalation_id, group__coordinators=acting_user)
        .first()
        if acting_user.is_active
        else None
    )
    if escalation is None:
        raise ServiceError("not_found", NOT_FOUND)
    return escalation


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ServiceError("too_long", f"A note is at most {NOTE_MAX_CHARS} characters.")
    return note


def coordinator_escalation_update(
    *, acting_user: User, escalation_id: int, state: str, note: str = "", now: datetime
) -> Escalation:
    """Move an escalation one step along the ladder (acknowledged, in contact, handed off,
    closed), with an optional note on the transition."""
    note = _clean_note(note)
    with transaction.atomic():
        escalation = _escalation_for_coordinator(
            acting_user=acting_user, escalation_id=escalation_id
        )
        if state not in COORDINATOR_NEXT.get(escalation.state, set()):
            raise ServiceError(
                "invalid",
                f"An escalation that is {escalation.get_state_display().lower()} cannot "
                f"become {state.replace('_', ' ')}.",
            )
        # Records the transition, its audit row and the facilitators' event.
        escalation_transition(escalation, state, actor=acting_user, now=now, note=note)
    return escalation


def coordinator_escalation_acknowledge(
    *, acting_user: User, escalation_id: int, note: str = "", now: datetime
) -> Escalation:
    """Take an open (possibly paged) escalation."""
    return coordinator_escalation_update(
        acting_user=acting_user,
        escalation_id=escalation_id,
        state=Escalation.State.ACKNOWLEDGED,
        note=note,
        now=now,
    )


def coordinator_escalation_note(
    *, acting_user: User, escalation_id: int, text: str, now: datetime
) -> EscalationTransition:
    """Add a note to an escalation without changing its state (audited, never the text)."""
    text = _clean_note(text)
    if not text:
        raise ServiceError("invalid", "A note needs some text.")
    with transaction.atomic():
        escalation = _escalation_for_coordinator(
            acting_user=acting_user, escalation_id=escalation_id
        )
        transition = EscalationTransition.objects.create(
            escalation=escalation,
            from_state=escalation.state,
            to_state=escalation.state,
            actor=acting_user,
            note=text,
            at=now,
        )
        audit_record(
            actor=acting_user,
            group_id=escalation.group_id,
            action="escalation_note",
            target_type="escalation",
            target_id=escalation.pk,
            at=now,
            detail={"transition_id": transition.pk},
        )
    return transition
