"""Reads. Permission-checked reads are ``access_*`` and fail with one error for
"missing" and "forbidden", so nobody can probe which groups exist."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.sessions.models import Session as LoginSession
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from groups.errors import GroupNotFound, ServiceError
from groups.models import (
    Agreement,
    AgreementAcceptance,
    Certification,
    Group,
    Membership,
    Message,
    Room,
    RoomConnection,
    Session,
)

SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,64}")


@dataclass(frozen=True, slots=True)
class RoomAccess:
    """What a connection may do in a room, resolved once at connect time.

    Every write re-checks the membership in its own transaction; this is only the identity.
    """

    group_id: int
    slug: str
    room_id: int
    membership_id: int
    pseudonym: str
    role: str

    @property
    def is_facilitator(self) -> bool:
        return self.role == Membership.Role.FACILITATOR


User = AbstractBaseUser | AnonymousUser


def membership_for(*, user: User, slug: str) -> Membership:
    """The caller's active membership in group ``slug``, or :class:`GroupNotFound`."""
    if not user.is_authenticated or not SLUG_RE.fullmatch(slug):
        # A malformed slug names no group: the same answer, and it never reaches a query.
        raise GroupNotFound()
    membership = (
        Membership.objects.select_related("group")
        .filter(user_id=user.pk, group__slug=slug, state=Membership.State.ACTIVE)
        .first()
    )
    if membership is None:
        raise GroupNotFound()
    return membership


def agreement_current(*, group_id: int) -> Agreement | None:
    """The latest version of a group's agreement, or None when the group has none."""
    return Agreement.objects.filter(group_id=group_id).order_by("-version").first()


def agreement_accepted(*, membership: Membership, agreement: Agreement | None) -> bool:
    """Whether ``membership`` accepted ``agreement`` (a group without one needs none)."""
    if agreement is None:
        return True
    return membership.acceptances.filter(version=agreement.version).exists()


def access_room(*, user: User, slug: str) -> RoomAccess:
    """Who ``user`` is in room ``slug``: an active member who accepted the current agreement
    and was not removed from the session that is open now."""
    membership = membership_for(user=user, slug=slug)
    agreement = agreement_current(group_id=membership.group_id)
    if not agreement_accepted(membership=membership, agreement=agreement):
        raise GroupNotFound()
    if removed_from_open_session(membership=membership):
        raise GroupNotFound()
    return RoomAccess(
        group_id=membership.group_id,
        slug=membership.group.slug,
        room_id=membership.group.room.pk,
        membership_id=membership.pk,
        pseudonym=membership.pseudonym,
        role=membership.role,
    )


def removed_from_open_session(*, membership: Membership) -> bool:
    """Whether a facilitator removed ``membership`` from the session that is still open
    (the removal ends with that session, or when a facilitator readmits them)."""
    return (
        membership.removed_from_session_id is not None
        and Session.objects.filter(
            pk=membership.removed_from_session_id, state=Session.State.OPEN
        ).exists()
    )


def _still_a_member(membership: Membership | None) -> Membership:
    """``membership`` as re-read by a write; a member banned or removed since they connected
    is refused."""
    if membership is None:
        raise ServiceError("forbidden", "You can no longer take part in this group.")
    return membership


def membership_active(*, access: RoomAccess) -> Membership:
    """The connection's membership, re-read now (with its user and group): a write refuses
    a member banned or removed from the group since they connected."""
    return _still_a_member(
        Membership.objects.select_related("user", "group")
        .filter(pk=access.membership_id, state=Membership.State.ACTIVE)
        .first()
    )


# Table names come from the models, every value is a parameter.
_MEMBERSHIP_WITH_SESSION_SQL = (
    f"SELECT m.*, (SELECT s.id FROM {Session._meta.db_table} s"  # noqa: S608
    " WHERE s.group_id = m.group_id AND s.state = %s"
    " ORDER BY s.id LIMIT 1) AS open_session_id"
    f" FROM {Membership._meta.db_table} m WHERE m.id = %s AND m.state = %s"
)
_GROUP_SQL = f"SELECT * FROM {Group._meta.db_table} WHERE id = %s"  # noqa: S608


def membership_active_with_session(*, access: RoomAccess) -> tuple[Membership, int | None]:
    """``membership_active`` (with its group; its user loads on first use), and the id of the
    group's open session (``None`` if closed).

    Every send reads these, so they are written in SQL: building the same reads with the ORM
    (``select_related`` and a subquery) cost 2.2 ms of CPU a send against 0.9 ms for these two,
    in a process whose event loop shares that CPU (docs/performance.md).
    """
    membership = _still_a_member(
        next(
            iter(
                Membership.objects.raw(
                    _MEMBERSHIP_WITH_SESSION_SQL,
                    [Session.State.OPEN, access.membership_id, Membership.State.ACTIVE],
                )
            ),
            None,
        )
    )
    membership.group = next(iter(Group.objects.raw(_GROUP_SQL, [membership.group_id])))
    open_session_id: int | None = getattr(membership, "open_session_id")  # noqa: B009
    return membership, open_session_id


def memberships_for_user(*, user: User) -> list[Membership]:
    """The caller's active memberships, with their groups, ordered by group name."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.select_related("group")
        .filter(user_id=user.pk, state=Membership.State.ACTIVE)
        .order_by("group__name")
    )


def session_open_for(*, group_id: int) -> Session | None:
    """The group's open session, if any."""
    return Session.objects.filter(group_id=group_id, state=Session.State.OPEN).first()


def room_facilitator_seq(*, room_id: int) -> int:
    """How many events the room's facilitators have been sent (``Room.facilitator_seq``)."""
    return int(Room.objects.values_list("facilitator_seq", flat=True).get(pk=room_id))


def room_last_seq(*, room_id: int) -> int:
    """The room's highest allocated ``seq`` (0 for an empty room)."""
    return Room.objects.values_list("last_seq", flat=True).get(pk=room_id)


def messages_after(*, room_id: int, after_seq: int, limit: int) -> list[Message]:
    """Posted messages with ``seq > after_seq``, oldest first, at most ``limit``."""
    return list(
        Message.objects.filter(
            room_id=room_id, state=Message.State.POSTED, seq__gt=after_seq
        ).order_by("seq")[:limit]
    )


def _author_texts(
    *, author_id: int, session_id: int, limit: int, before: datetime | None = None
) -> list[str]:
    """An author's last ``limit`` message texts in a session (before ``before``, if given),
    oldest first, whatever became of the messages. One indexed query."""
    rows = Message.objects.filter(author_id=author_id, session_id=session_id)
    if before is not None:
        rows = rows.filter(created_at__lt=before)
    texts = list(rows.order_by("-created_at").values_list("text", flat=True)[:limit])
    return texts[::-1]


def author_recent_texts(*, membership: Membership, session_id: int, limit: int) -> list[str]:
    """What the screen reads a new message with: the author's last messages in the session."""
    return _author_texts(author_id=membership.pk, session_id=session_id, limit=limit)


def author_texts_before(*, message: Message, limit: int) -> list[str]:
    """What the author of ``message`` wrote just before it in its session, oldest first."""
    if message.session_id is None:
        return []
    return _author_texts(
        author_id=message.author_id,
        session_id=message.session_id,
        limit=limit,
        before=message.created_at,
    )


def messages_recent(*, room_id: int, limit: int) -> list[Message]:
    """The latest ``limit`` posted messages, oldest first."""
    latest = list(
        Message.objects.filter(
            room_id=room_id, state=Message.State.POSTED, seq__isnull=False
        ).order_by("-seq")[:limit]
    )
    latest.reverse()
    return latest


def presence_window() -> timedelta:
    """How long a connection counts as present without a heartbeat (a crashed process's
    connections drop out of presence after this)."""
    return timedelta(seconds=3 * settings.CIRCLES_HEARTBEAT_SECONDS)


def room_presence(*, room_id: int) -> tuple[tuple[str, str], ...]:
    """Distinct (pseudonym, role) pairs connected to the room, facilitators first."""
    since = timezone.now() - presence_window()
    rows = (
        RoomConnection.objects.filter(room_id=room_id, last_seen__gte=since)
        .values_list("membership__pseudonym", "membership__role")
        .distinct()
    )
    return _presence_order(set(rows))


def presence_with(
    here: tuple[tuple[str, str], ...], *, pseudonym: str, role: str
) -> tuple[tuple[str, str], ...]:
    """``here`` (as ``room_presence`` orders it) with one more connection's person."""
    return _presence_order({*here, (pseudonym, role)})


def _presence_order(pairs: set[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(pairs, key=lambda pr: (pr[1] != "facilitator", pr[0].casefold())))


Admission = Literal["ok", "room_full", "too_many_sockets", "uncertified"]


def admission(*, access: RoomAccess) -> Admission:
    """Whether a new connection may join the room now: at most the group's ``capacity``
    people at once (facilitators are always let in, and someone already here may open
    another tab), and at most ``CIRCLES_MAX_SOCKETS_PER_MEMBER`` sockets per member."""
    present = Q(connections__last_seen__gte=timezone.now() - presence_window())
    room = (
        Room.objects.filter(pk=access.room_id)
        .annotate(
            mine=Count(
                "connections",
                filter=present & Q(connections__membership_id=access.membership_id),
            ),
            people=Count("connections__membership_id", filter=present, distinct=True),
        )
        .values("mine", "people", "group__capacity")
        .get()
    )
    if room["mine"] >= settings.CIRCLES_MAX_SOCKETS_PER_MEMBER:
        return "too_many_sockets"
    if access.is_facilitator and not facilitator_certified(membership_id=access.membership_id):
        # A facilitator's socket carries the queue (flags, held messages, notes): not
        # without a valid certification.
        return "uncertified"
    if access.is_facilitator or room["mine"]:
        return "ok"
    return "room_full" if room["people"] >= room["group__capacity"] else "ok"


def facilitator_certified(*, membership_id: int) -> bool:
    """Whether the membership's person holds a certification valid today."""
    return Certification.objects.filter(
        user__memberships=membership_id, expires_on__gte=timezone.now().date()
    ).exists()


Revocation = Literal["signed_out", "banned", "agreement_changed", "certification_ended", "removed"]

# One statement, written once: it runs at every heartbeat of every socket, where the ORM's
# version of it cost 3.2 ms a call on SQLite, mostly in building the query (table names come
# from the models; every value is a parameter).
_CURRENT_VERSION_SQL = (
    f"(SELECT a.version FROM {Agreement._meta.db_table} a"  # noqa: S608
    " WHERE a.group_id = m.group_id ORDER BY a.version DESC LIMIT 1)"
)
_REVOKED_SQL = (
    f"SELECT m.state, u.is_active, {_CURRENT_VERSION_SQL} AS current_version,"  # noqa: S608
    f" EXISTS (SELECT 1 FROM {AgreementAcceptance._meta.db_table} x"
    f"  WHERE x.membership_id = m.id AND x.version = {_CURRENT_VERSION_SQL}),"
    f" EXISTS (SELECT 1 FROM {Certification._meta.db_table} c"
    "  WHERE c.user_id = m.user_id AND c.expires_on >= %s),"
    f" EXISTS (SELECT 1 FROM {Session._meta.db_table} s"
    "  WHERE s.id = m.removed_from_session_id AND s.state = %s),"
    f" EXISTS (SELECT 1 FROM {LoginSession._meta.db_table} d"
    "  WHERE d.session_key = %s AND d.expire_date > %s)"
    f" FROM {Membership._meta.db_table} m"
    f" JOIN {Membership._meta.get_field('user').related_model._meta.db_table} u"
    " ON u.id = m.user_id WHERE m.id = %s"
)


def revoked(*, access: RoomAccess, session_key: str | None) -> Revocation | None:
    """Why an open connection may no longer stay, as the database says now (one query), or
    ``None``. The heartbeat's safety net for a revocation whose event could not reach this
    process: a script's ban or new agreement on the in-memory layer, a bulk update that
    sent no signal, a login session deleted or expired."""
    now = timezone.now()
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            _REVOKED_SQL,
            [
                ops.adapt_datefield_value(now.date()),
                Session.State.OPEN,
                session_key or "",
                ops.adapt_datetimefield_value(now),
                access.membership_id,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return "banned"
    state, active, current_version, accepted, certified, removed, signed_in = row
    if state != Membership.State.ACTIVE:
        return "banned"
    if not active or (session_key is not None and not signed_in):
        return "signed_out"
    if current_version is not None and not accepted:
        return "agreement_changed"
    if access.is_facilitator and not certified:
        return "certification_ended"
    if removed:
        return "removed"
    return None


def certified_until(*, membership_id: int) -> datetime | None:
    """The moment the membership's person stops holding a valid certification: the
    midnight after its ``expires_on`` (the day ``facilitator_certified`` compares with is
    ``timezone.now().date()``); ``None`` when they hold none."""
    expires_on = (
        Certification.objects.filter(user__memberships=membership_id)
        .values_list("expires_on", flat=True)
        .first()
    )
    if expires_on is None:
        return None
    return datetime.combine(expires_on + timedelta(days=1), time.min, tzinfo=UTC)


def messages_between(*, room_id: int, after_seq: int, upto_seq: int) -> list[Message]:
    """Posted messages with ``after_seq < seq <= upto_seq``, oldest first (gap filling)."""
    return list(
        Message.objects.filter(
            room_id=room_id, state=Message.State.POSTED, seq__gt=after_seq, seq__lte=upto_seq
        ).order_by("seq")
    )


@dataclass(frozen=True, slots=True)
class SyncBatch:
    """One answer to a ``sync``: messages in order, and how far they bring the client."""

    messages: list[Message]
    upto_seq: int
    complete: bool


def sync_batch(*, room_id: int, start: int | None, limit: int, recent: int) -> SyncBatch:
    """Messages after ``start`` (or the ``recent`` latest when ``start`` is None).

    ``upto_seq`` is read *before* the messages, so every posted message up to it is in this
    batch or an earlier one; a complete batch therefore brings the client to ``upto_seq``
    even when the last few seqs are not visible (hidden later, say).
    """
    last = room_last_seq(room_id=room_id)
    if start is None:
        rows = messages_recent(room_id=room_id, limit=recent)
        complete = True
    else:
        rows = messages_after(room_id=room_id, after_seq=start, limit=limit + 1)
        complete = len(rows) <= limit
        rows = rows[:limit]
    newest = rows[-1].seq if rows else 0
    assert newest is not None
    upto = max(newest, last, start or 0) if complete else newest
    return SyncBatch(messages=rows, upto_seq=upto, complete=complete)
