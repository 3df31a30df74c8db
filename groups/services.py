"""Writes. Each runs in one transaction and sends its events only after commit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from groups import selectors
from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events import (
    MemberAudience,
    MessageHidden,
    MessagePosted,
    Notice,
    PresenceChanged,
    RoomAudience,
    Typing,
    send_event_on_commit,
)
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
from groups.selectors import RoomAccess, User
from moderation import selectors as moderation_selectors
from moderation import services as moderation_services
from moderation.models import ScreenRecord
from moderation.screen import screen

AckStatus = Literal["posted", "held", "blocked"]


@dataclass(frozen=True, slots=True)
class SendAck:
    """The answer to a ``send``: the same for every resend of one ``client_id``."""

    client_id: str
    status: AckStatus
    seq: int | None
    reason: str | None = None


def message_posted_event(message: Message) -> MessagePosted:
    """The broadcast form of a posted message."""
    assert message.seq is not None and message.posted_at is not None
    return MessagePosted(
        seq=message.seq,
        id=str(message.pk),
        pseudonym=message.author_pseudonym,
        role=message.author_role,
        text=message.text,
        at=message.posted_at,
    )


def _ack_for(record: ScreenRecord) -> SendAck:
    message = record.message
    if record.action == ScreenRecord.Action.BLOCK or message is None:
        status: AckStatus = "blocked"
    elif message.seq is not None:
        status = "posted"
    else:
        status = "held"
    return SendAck(
        client_id=str(record.client_id),
        status=status,
        seq=message.seq if message is not None else None,
        reason=moderation_services.reason_for(record.action, record.category),
    )


def _check_room_open_to(*, membership: Membership, room: Room, now: datetime) -> None:
    """Mutes, a paused room and slow mode hold members back; facilitators always speak."""
    if membership.role == Membership.Role.FACILITATOR:
        return
    if membership.muted_until is not None and membership.muted_until > now:
        until = timezone.localtime(membership.muted_until).strftime("%H:%M")
        raise ServiceError("muted", f"A facilitator has paused your messages until {until}.")
    if room.paused:
        raise ServiceError("muted", "The facilitator has paused the room for a moment.")
    if room.slow_mode_seconds:
        since = now - timedelta(seconds=room.slow_mode_seconds)
        if ScreenRecord.objects.filter(author=membership, created_at__gt=since).exists():
            raise ServiceError(
                "rate_limited",
                f"Slow mode: one message every {room.slow_mode_seconds} seconds.",
            )


def _check_rate_limit(*, membership: Membership, now: datetime) -> None:
    window = timedelta(seconds=settings.CIRCLES_RATE_LIMIT_SECONDS)
    # Every screened send counts, blocked ones included (they leave no message row).
    recent = ScreenRecord.objects.filter(author=membership, created_at__gte=now - window).count()
    if recent >= settings.CIRCLES_RATE_LIMIT_MESSAGES:
        raise ServiceError(
            "rate_limited",
            f"Please slow down: at most {settings.CIRCLES_RATE_LIMIT_MESSAGES} messages "
            f"in {settings.CIRCLES_RATE_LIMIT_SECONDS} seconds.",
        )


def check_message_text(text: str) -> None:
    """Refuse text no room should store: empty, over the limit, or not encodable."""
    if not text.strip():
        raise ServiceError("invalid", "A message needs some text.")
    if len(text) > settings.CIRCLES_MESSAGE_MAX_CHARS:
        raise ServiceError(
            "too_long", f"Messages are at most {settings.CIRCLES_MESSAGE_MAX_CHARS} characters."
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ServiceError("invalid", "The text is not valid Unicode.") from None
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; refuse it everywhere so every database agrees.
        raise ServiceError("invalid", "The text contains a NUL character.")


def message_send(*, access: RoomAccess, client_id: uuid.UUID, text: str) -> SendAck:
    """Screen a member's message, then post, hold or block it as the group's policy says.

    Screening happens before anything is stored or broadcast (SPEC 3). A posted message
    gets the room's next ``seq`` while the room row is locked, so ``seq`` order is commit
    order, and it is stored before anyone can be told about it (SPEC 7, "no silent loss").
    """
    check_message_text(text)
    # The screen is pure and fast (well under a millisecond), so it runs here, in the
    # database thread, off the event loop, and before the room lock is taken.
    decision = screen(
        text,
        policy=moderation_selectors.policy_for(group_id=access.group_id),
        author_role=access.role,
    )
    now = timezone.now()
    with transaction.atomic():
        # Lock first: it serialises senders in this room, which also makes the idempotency
        # lookup below race-free.
        room = Room.objects.select_for_update().get(pk=access.room_id)
        membership = (
            Membership.objects.select_related("group")
            .filter(pk=access.membership_id, state=Membership.State.ACTIVE)
            .first()
        )
        if membership is None:
            raise ServiceError("forbidden", "You can no longer post in this group.")
        existing = moderation_services.screen_record_find(author=membership, client_id=client_id)
        if existing is not None:
            return _ack_for(existing)
        session = selectors.session_open_for(group_id=access.group_id)
        if session is None:
            raise ServiceError("session_closed", "The room is closed until a session opens.")
        if membership.removed_from_session_id == session.pk:
            # A send already on its way when a facilitator removed them.
            raise ServiceError(
                "forbidden", "A facilitator has asked you to step out of this session."
            )
        _check_room_open_to(membership=membership, room=room, now=now)
        _check_rate_limit(membership=membership, now=now)
        message = None
        if decision.action != ScreenRecord.Action.BLOCK:
            message = _message_store(
                room=room,
                session=session,
                membership=membership,
                client_id=client_id,
                text=text,
                posted=decision.action != ScreenRecord.Action.HOLD,
                now=now,
            )
        record = moderation_services.screen_record_create(
            author=membership, client_id=client_id, message=message, decision=decision, now=now
        )
        if message is not None:
            moderation_services.review_items_open(message=message, decision=decision, now=now)
        if decision.crisis_card:
            moderation_services.crisis_card_send(author=membership)
    return _ack_for(record)


def _message_store(
    *,
    room: Room,
    session: Session,
    membership: Membership,
    client_id: uuid.UUID,
    text: str,
    posted: bool,
    now: datetime,
) -> Message:
    """Store a message: posted ones take the next ``seq`` and are broadcast on commit;
    held ones wait, with no ``seq``, for a facilitator."""
    seq = None
    if posted:
        room.last_seq += 1
        room.save(update_fields=["last_seq"])
        seq = room.last_seq
    message = Message.objects.create(
        room=room,
        session=session,
        author=membership,
        author_pseudonym=membership.pseudonym,
        author_role=membership.role,
        client_id=client_id,
        text=text,
        seq=seq,
        state=Message.State.POSTED if posted else Message.State.HELD,
        created_at=now,
        posted_at=now if posted else None,
    )
    if posted:
        send_event_on_commit(message_posted_event(message), RoomAudience(room.group_id))
    return message


def message_delete(*, access: RoomAccess, seq: int, now: datetime) -> Message:
    """The author takes back one of their own posted messages: it leaves every screen, every
    later sync and every transcript (state ``deleted``), and the deletion is audited."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_related("user")
            .filter(pk=access.membership_id, state=Membership.State.ACTIVE)
            .first()
        )
        if membership is None:
            raise ServiceError("forbidden", "You can no longer take part in this group.")
        message = (
            Message.objects.select_for_update()
            .filter(room_id=access.room_id, seq=seq, state=Message.State.POSTED)
            .first()
        )
        if message is None:
            raise ServiceError("not_found", "No posted message with that seq in this room.")
        if message.author_id != membership.pk:
            raise ServiceError("forbidden", "You can only delete your own messages.")
        message.state = Message.State.DELETED
        message.save(update_fields=["state"])
        audit_record(
            actor=membership.user,
            group_id=access.group_id,
            action="message_delete",
            target_type="message",
            target_id=message.pk,
            at=now,
            detail={"seq": seq},
        )
        send_event_on_commit(
            MessageHidden(seq=seq, reason="deleted"), RoomAudience(access.group_id)
        )
    return message


def agreement_accept(*, user: User, slug: str, version: int) -> None:
    """Record that ``user`` accepted version ``version`` of group ``slug``'s agreement."""
    membership = selectors.membership_for(user=user, slug=slug)
    agreement = selectors.agreement_current(group_id=membership.group_id)
    if agreement is None:
        raise ServiceError("invalid", "This group has no agreement to accept.")
    if version != agreement.version:
        raise ServiceError(
            "invalid", f"The current agreement is version {agreement.version}; please read it."
        )
    agreement_record(membership=membership, version=version)


def agreement_record(*, membership: Membership, version: int) -> None:
    """Record an acceptance (idempotent: the first acceptance's time is kept)."""
    with transaction.atomic():
        AgreementAcceptance.objects.get_or_create(membership=membership, version=version)


def _broadcast_presence(*, access: RoomAccess) -> tuple[tuple[str, str], ...]:
    here = selectors.room_presence(room_id=access.room_id)
    send_event_on_commit(PresenceChanged(here=here), RoomAudience(access.group_id))
    return here


@dataclass(frozen=True, slots=True)
class Welcome:
    """What a new connection is told about itself and the room."""

    pseudonym: str
    role: str
    session_id: int | None
    session_state: str | None
    session_opened_at: datetime | None
    session_scheduled_end: datetime | None
    last_seq: int
    muted_until: datetime | None = None
    paused: bool = False
    slow_mode_seconds: int = 0
    facilitator_present: bool = False


FACILITATOR_HERE = Notice(code="facilitator_here", text="A facilitator is here.")


def connection_open(*, access: RoomAccess, channel_name: str) -> Welcome:
    """Record a new connection for presence and build its welcome."""
    now = timezone.now()
    with transaction.atomic():
        # Read before this connection counts: the first facilitator to arrive is news.
        facilitator_was_here = selectors.facilitator_present(
            room_id=access.room_id, exclude_channel=channel_name
        )
        RoomConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={
                "room_id": access.room_id,
                "membership_id": access.membership_id,
                "connected_at": now,
                "last_seen": now,
            },
        )
        # Connections of crashed processes stop counting once they miss their heartbeats.
        RoomConnection.objects.filter(
            room_id=access.room_id, last_seen__lt=now - selectors.presence_window()
        ).delete()
        here = _broadcast_presence(access=access)
        session = selectors.session_open_for(group_id=access.group_id)
        facilitator_here = any(r == Membership.Role.FACILITATOR for _, r in here)
        if session is None and access.role != Membership.Role.FACILITATOR:
            # The lobby: they are let in (live messages flow) as soon as a facilitator opens it.
            send_event_on_commit(
                Notice(
                    code="lobby",
                    text="The session hasn't started yet. You'll be let in when "
                    "a facilitator opens it.",
                ),
                MemberAudience(access.membership_id),
            )
        elif session is not None and not facilitator_here:
            send_event_on_commit(
                Notice(
                    code="no_facilitator",
                    text='No facilitator is in the room right now. "Get help now" is always '
                    "there if you need it.",
                ),
                MemberAudience(access.membership_id),
            )
        elif session is not None and access.is_facilitator and not facilitator_was_here:
            # Clears the members' "no facilitator" notice.
            send_event_on_commit(FACILITATOR_HERE, RoomAudience(access.group_id))
    room = Room.objects.get(pk=access.room_id)
    muted_until = Membership.objects.values_list("muted_until", flat=True).get(
        pk=access.membership_id
    )
    return Welcome(
        pseudonym=access.pseudonym,
        role=access.role,
        session_id=session.pk if session else None,
        session_state=session.state if session else None,
        session_opened_at=session.opened_at if session else None,
        session_scheduled_end=session.scheduled_end if session else None,
        last_seq=room.last_seq,
        muted_until=muted_until if muted_until is not None and muted_until > now else None,
        paused=room.paused,
        slow_mode_seconds=room.slow_mode_seconds,
        facilitator_present=facilitator_here,
    )


def connection_heartbeat(*, access: RoomAccess, channel_name: str) -> int:
    """Keep a live connection counted in presence; return the room's last ``seq``."""
    RoomConnection.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())
    return selectors.room_last_seq(room_id=access.room_id)


def connection_close(*, access: RoomAccess, channel_name: str) -> None:
    """Forget a closed connection and tell the room who is still here."""
    with transaction.atomic():
        RoomConnection.objects.filter(channel_name=channel_name).delete()
        here = _broadcast_presence(access=access)
        last_facilitator_left = access.role == Membership.Role.FACILITATOR and not any(
            r == "facilitator" for _, r in here
        )
        if last_facilitator_left and selectors.session_open_for(group_id=access.group_id):
            # Flags keep waiting in the queue, and their escalation timers keep running.
            send_event_on_commit(
                Notice(
                    code="no_facilitator",
                    text='The facilitator has left the room. "Get help now" is always there '
                    "if you need it.",
                ),
                RoomAudience(access.group_id),
            )


def typing_notify(*, access: RoomAccess) -> None:
    """Tell the room that someone is typing (nothing is stored)."""
    send_event_on_commit(Typing(pseudonym=access.pseudonym), RoomAudience(access.group_id))


def group_create(
    *,
    slug: str,
    name: str,
    topic: str = "",
    description: str = "",
    crisis_region: str = "US",
    agreement_text: str = "",
) -> Group:
    """Create a group with its room and, when given, version 1 of its agreement."""
    with transaction.atomic():
        group = Group.objects.create(
            slug=slug,
            name=name,
            topic=topic,
            description=description,
            crisis_region=crisis_region.upper(),
        )
        room_ensure(group=group)
        if agreement_text:
            Agreement.objects.create(group=group, version=1, text=agreement_text)
    return group


def membership_add(*, user: AuthUser, group: Group, pseudonym: str, role: str) -> Membership:
    """Add ``user`` to ``group`` under ``pseudonym`` (unique within the group)."""
    if Membership.objects.filter(group=group, pseudonym__iexact=pseudonym).exists():
        raise ServiceError("invalid", "That pseudonym is taken in this group.")
    with transaction.atomic():
        return Membership.objects.create(user=user, group=group, pseudonym=pseudonym, role=role)


def session_open(*, group: Group, opened_by: AuthUser | None) -> Session:
    """Open a session now (the group's open session if one is already open)."""
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        current = selectors.session_open_for(group_id=group.pk)
        if current is not None:
            return current
        now = timezone.now()
        return Session.objects.create(
            group=group, state=Session.State.OPEN, opened_at=now, opened_by=opened_by
        )


def room_ensure(*, group: Group) -> Room:
    """The group's room, created if missing."""
    room, _ = Room.objects.get_or_create(group=group)
    return room


def certification_ensure(*, user: AuthUser, days: int) -> Certification:
    """Make sure ``user`` holds a certification valid for at least ``days`` more days."""
    today = timezone.now().date()
    certification, _ = Certification.objects.get_or_create(
        user=user, defaults={"certified_on": today, "expires_on": today + timedelta(days=days)}
    )
    if certification.expires_on < today + timedelta(days=days):
        certification.expires_on = today + timedelta(days=days)
        certification.save(update_fields=["expires_on"])
    return certification


# What coordinators manage in the admin (SPEC 1): groups, people, sessions, crisis resources,
# policies; and what they read: moderation history and the audit log (view only).
COORDINATOR_MANAGES = {
    "groups": ("group", "agreement", "membership", "session", "certification"),
    "moderation": ("crisisresource",),
}
COORDINATOR_READS = {
    "groups": ("auditentry", "agreementacceptance"),
    "moderation": (
        "escalation",
        "escalationtransition",
        "coordinatorpage",
        "flag",
        "hold",
        "reviewtransition",
        "screenrecord",
        "report",
    ),
}


def coordinator_role_grant(*, user: AuthUser) -> None:
    """Make ``user`` a coordinator in the admin: staff, in the "Coordinators" role."""
    from django.contrib.auth.models import Group as Role
    from django.contrib.auth.models import Permission

    with transaction.atomic():
        role, _ = Role.objects.get_or_create(name="Coordinators")
        wanted = []
        for app, models in COORDINATOR_MANAGES.items():
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app, content_type__model__in=models
                )
            )
        for app, models in COORDINATOR_READS.items():
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app,
                    content_type__model__in=models,
                    codename__startswith="view_",
                )
            )
        role.permissions.set(wanted)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(role)
