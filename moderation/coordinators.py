"""Coordinators working escalations of the groups they coordinate: acknowledge, move along
the ladder, note; and what their coordinator page and its live badge read.

Every write is authorised here (the acting user coordinates the escalation's group, else
the same not-found as a missing escalation) and runs in one transaction. A step goes through
``moderation.services.reviews.review_move``, which records the transition (with the
step's own remark, if any), its audit row and the facilitators' event. A note on its own is
the same ``Note`` a facilitator writes from the room (``moderation.services.notes``:
the row, its audit row without the text, the facilitators' ``note`` event), so both sides
see every note: the facilitators on the escalation's item, the coordinators in its history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from groups.errors import ServiceError
from groups.models import Group, Membership
from moderation.models import CoordinatorPage, Escalation, EscalationTransition, Note
from moderation.services.notes import note_create
from moderation.services.reviews import ESCALATION, escalation_steps_from, review_move

NOTE_MAX_CHARS = 2000
NOT_FOUND = "No such escalation."


def coordinator_steps(state: str) -> frozenset[str]:
    """Where a coordinator may move an escalation from ``state``: the whole ladder. A paged
    escalation is still open, and a coordinator acknowledges it first, like a facilitator."""
    return escalation_steps_from(state)


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
    the ladder), each with its transitions and its notes (oldest first); the most recent
    closed ones."""
    base = (
        Escalation.objects.filter(group__in=coordinated_groups(user=user))
        .select_related("group", "flag__message")
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=EscalationTransition.objects.select_related("actor").order_by("at", "pk"),
            ),
            Prefetch(
                "notes",
                queryset=Note.objects.select_related("author").order_by("created_at", "pk"),
            ),
        )
    )
    live = list(
        base.exclude(state=Escalation.State.CLOSED).order_by(_STATE_ORDER.asc(), "-opened_at")
    )
    closed = list(base.filter(state=Escalation.State.CLOSED).order_by("-opened_at")[:closed_limit])
    return live + closed


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of an escalation's history on the coordinator page: a step of the ladder
    (``from_state`` empty for the opening) or a note, with who and when."""

    at: datetime
    is_note: bool
    from_state: str
    to_state: str
    by: str
    text: str


def _note_writer(note: Note, pseudonyms: dict[tuple[int, int], str]) -> str:
    if note.author is None:
        return "a deleted account"
    return pseudonyms.get((note.author.pk, note.group_id)) or note.author.get_username()


def escalation_histories(escalations: list[Escalation]) -> dict[int, list[HistoryEntry]]:
    """Each escalation's transitions and notes merged, oldest first, from what
    ``coordinator_escalations`` prefetched. A step names its actor by username (the page is
    staff-only); a note names its writer by their pseudonym in the group if they have a
    membership there (a facilitator), else by username (a coordinator). One query for all
    the pseudonyms."""
    notes = {e.pk: list(e.notes.all()) for e in escalations}
    authors = {n.author_id for ns in notes.values() for n in ns if n.author_id is not None}
    pseudonyms = {
        (user_id, group_id): pseudonym
        for user_id, group_id, pseudonym in Membership.objects.filter(
            user_id__in=authors, group_id__in={e.group_id for e in escalations}
        ).values_list("user_id", "group_id", "pseudonym")
    }
    histories: dict[int, list[HistoryEntry]] = {}
    for escalation in escalations:
        entries = [
            HistoryEntry(
                at=t.at,
                # A step that kept the state: a note from before notes were Note rows.
                is_note=t.from_state == t.to_state,
                from_state=t.from_state,
                to_state=t.to_state,
                by=t.actor.get_username() if t.actor is not None else "the system",
                text=t.note,
            )
            for t in escalation.transitions.all()
        ]
        entries += [
            HistoryEntry(
                at=n.created_at,
                is_note=True,
                from_state="",
                to_state="",
                by=_note_writer(n, pseudonyms),
                text=n.text,
            )
            for n in notes[escalation.pk]
        ]
        # Stable: at the same instant, a step comes before a note.
        histories[escalation.pk] = sorted(entries, key=lambda entry: entry.at)
    return histories


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
        if state not in coordinator_steps(escalation.state):
            raise ServiceError(
                "invalid",
                f"An escalation that is {escalation.get_state_display().lower()} cannot "
                f"become {state.replace('_', ' ')}.",
            )
        # Records the transition, its audit row and the facilitators' event.
        review_move(ESCALATION, escalation, state, actor=acting_user, now=now, note=note)
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
) -> Note:
    """Add a note to an escalation without changing its state: the same Note, audit row
    (never the text) and facilitators' ``note`` event as a facilitator's note."""
    text = _clean_note(text)
    if not text:
        raise ServiceError("invalid", "A note needs some text.")
    with transaction.atomic():
        escalation = _escalation_for_coordinator(
            acting_user=acting_user, escalation_id=escalation_id
        )
        return note_create(
            acting_user=acting_user,
            group_id=escalation.group_id,
            membership=None,
            escalation=escalation,
            text=text,
            now=now,
        )
