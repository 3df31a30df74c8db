"""A member's ``send``: screened before anything is stored or broadcast (SPEC 3), then
handed to the message lifecycle (``groups.services.messages``) and the review items.

The one path a message's text takes into the room: check the text, screen it, lock the
room, refuse what the room does not allow now, store the message (posted with its ``seq``,
or held), record the screen's decision, open its review items, send the crisis card.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from groups import selectors
from groups.errors import ServiceError
from groups.models import Membership, Message, Room
from groups.selectors import RoomAccess
from groups.services.messages import check_message_text, message_create
from moderation.models import ScreenRecord
from moderation.reasons import primary_label, reason_for
from moderation.screen import screen
from moderation.screen.pipeline import CONTEXT_MESSAGES
from moderation.screen.policy import Decision
from moderation.screen.second_opinion import Screened
from moderation.selectors import policy_of
from moderation.services.crisis_cards import crisis_card_send
from moderation.services.review_items import review_items_open
from moderation.services.second_opinion import SecondLook

AckStatus = Literal["posted", "held", "blocked"]


@dataclass(frozen=True, slots=True)
class SendAck:
    """The answer to a ``send``: the same for every resend of one ``client_id``."""

    client_id: str
    status: AckStatus
    seq: int | None
    reason: str | None = None
    # The message for the second opinion to read after the ack (a new stored message only;
    # never sent to the client).
    second_look: SecondLook | None = field(default=None, compare=False, repr=False)


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
        reason=reason_for(record.action, record.category),
    )


@dataclass(frozen=True, slots=True)
class SendHistory:
    """What a member's earlier sends say about this one, read in one query."""

    existing_id: int | None  # the record of an earlier send with this ``client_id``
    in_rate_window: int  # sends within the rate-limit window
    in_slow_mode_window: int  # sends within the room's slow-mode interval (0 if off)


# Table and column names come from the model, every value is a parameter.
_SEND_HISTORY_SQL = (
    "SELECT MAX(CASE WHEN client_id = %s THEN id END),"  # noqa: S608
    " COALESCE(SUM(CASE WHEN created_at >= %s THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN created_at > %s THEN 1 ELSE 0 END), 0)"
    f" FROM {ScreenRecord._meta.db_table}"
    " WHERE author_id = %s AND (client_id = %s OR created_at >= %s)"
)


def send_history(
    *, author: Membership, client_id: uuid.UUID, room: Room, now: datetime
) -> SendHistory:
    """The idempotency lookup and both rate checks of a ``send`` (every screened send
    counts, blocked ones included: they leave no message row).

    In SQL because it runs on every send: the ORM's filtered aggregates cost 1.1 ms of CPU
    to build, this 0.4 ms (docs/performance.md). Values go through the model's fields, so
    SQLite and PostgreSQL each get their own representation of a UUID and a time.
    """
    rate_since = now - timedelta(seconds=settings.CIRCLES_RATE_LIMIT_SECONDS)
    slow_since = now - timedelta(seconds=room.slow_mode_seconds)
    as_key = ScreenRecord._meta.get_field("client_id").get_db_prep_value
    as_time = ScreenRecord._meta.get_field("created_at").get_db_prep_value
    key = as_key(client_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            _SEND_HISTORY_SQL,
            [
                key,
                as_time(rate_since, connection),
                as_time(slow_since, connection),
                author.pk,
                key,
                as_time(min(rate_since, slow_since), connection),
            ],
        )
        existing_id, in_rate, in_slow = cursor.fetchone()
    return SendHistory(
        existing_id=existing_id,
        in_rate_window=int(in_rate),
        in_slow_mode_window=int(in_slow) if room.slow_mode_seconds else 0,
    )


def screen_record_create(
    *,
    author: Membership,
    client_id: uuid.UUID,
    message: Message | None,
    decision: Decision,
    now: datetime,
) -> ScreenRecord:
    """Store what the screen decided (labels and reason codes; never the text)."""
    return ScreenRecord.objects.create(
        author=author,
        client_id=client_id,
        message=message,
        action=decision.action,
        category=primary_label(decision),
        labels=list(decision.labels),
        severity=decision.severity or "",
        boundary=list(decision.boundary),
        reasons=list(decision.reasons),
        created_at=now,
    )


def _check_room_open_to(
    *, membership: Membership, room: Room, history: SendHistory, now: datetime
) -> None:
    """Mutes, a paused room, slow mode and the rate limit hold members back; facilitators
    are only rate-limited."""
    if membership.role != Membership.Role.FACILITATOR:
        if membership.muted_until is not None and membership.muted_until > now:
            until = timezone.localtime(membership.muted_until).strftime("%H:%M")
            raise ServiceError("muted", f"A facilitator has paused your messages until {until}.")
        if room.paused:
            raise ServiceError("muted", "The facilitator has paused the room for a moment.")
        if history.in_slow_mode_window:
            raise ServiceError(
                "rate_limited",
                f"Slow mode: one message every {room.slow_mode_seconds} seconds.",
            )
    if history.in_rate_window >= settings.CIRCLES_RATE_LIMIT_MESSAGES:
        raise ServiceError(
            "rate_limited",
            f"Please slow down: at most {settings.CIRCLES_RATE_LIMIT_MESSAGES} messages "
            f"in {settings.CIRCLES_RATE_LIMIT_SECONDS} seconds.",
        )


def message_send(*, access: RoomAccess, client_id: uuid.UUID, text: str) -> SendAck:
    """Screen a member's message, then post, hold or block it as the group's policy says.

    A posted message gets the room's next ``seq`` while the room row is locked, so ``seq``
    order is commit order, and it is stored before anyone can be told about it (SPEC 7,
    "no silent loss"). A block leaves only its screen record.
    """
    check_message_text(text)
    now = timezone.now()
    with transaction.atomic():
        # Lock first: it serialises senders in this room, which also makes the idempotency
        # lookup below race-free.
        room = Room.objects.select_for_update().get(pk=access.room_id)
        membership, session_id = selectors.membership_active_with_session(access=access)
        history = send_history(author=membership, client_id=client_id, room=room, now=now)
        if history.existing_id is not None:
            existing = ScreenRecord.objects.select_related("message").get(pk=history.existing_id)
            return _ack_for(existing)
        if session_id is None:
            raise ServiceError("session_closed", "The room is closed until a session opens.")
        if membership.removed_from_session_id == session_id:
            # A send already on its way when a facilitator removed them.
            raise ServiceError(
                "forbidden", "A facilitator has asked you to step out of this session."
            )
        _check_room_open_to(membership=membership, room=room, history=history, now=now)
        # The screen is pure and fast (about 0.1 ms), so it runs here, with the group's
        # policy as this transaction reads it, in the database thread, off the event loop.
        context = selectors.author_recent_texts(
            membership=membership, session_id=session_id, limit=CONTEXT_MESSAGES
        )
        decision = screen(
            text, policy=policy_of(membership.group), author_role=access.role, context=context
        )
        message = None
        if decision.action != ScreenRecord.Action.BLOCK:
            message = message_create(
                room=room,
                session_id=session_id,
                membership=membership,
                client_id=client_id,
                text=text,
                state=Message.State.HELD
                if decision.action == ScreenRecord.Action.HOLD
                else Message.State.POSTED,
                now=now,
            )
        record = screen_record_create(
            author=membership, client_id=client_id, message=message, decision=decision, now=now
        )
        if message is not None:
            review_items_open(message=message, decision=decision, now=now)
        if decision.crisis_card:
            crisis_card_send(member=membership)
    ack = _ack_for(record)
    if message is None:
        return ack
    said = Screened.of(decision)
    return replace(
        ack,
        second_look=SecondLook(
            message_id=message.pk, record_id=record.pk, text=text, screened=said
        ),
    )
