"""A message's lifecycle: the states, the transitions between them, and the one function
that allocates a room's ``seq``.

Every change of ``Message.state`` goes through :func:`message_create` or
:func:`message_move` (a post, a hold, an approval, a rejection, a hide, a deletion), so the
order of ``seq`` is the order of commits, a message is stored before anyone is told about
it (SPEC 7, "no silent loss"), and a transition the table does not declare is refused.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction

from groups import selectors
from groups.audit import audit_record
from groups.errors import ServiceError
from groups.events.audiences import RoomAudience
from groups.events.transport import send_event_on_commit
from groups.events.types import MessageHidden, MessagePosted
from groups.models import Membership, Message, Room
from groups.selectors import RoomAccess

State = Message.State

# Where a message may go from each state (``None``: not stored yet). Hidden, deleted and
# rejected are final: a message that left the room never comes back into it.
MESSAGE_TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({State.POSTED, State.HELD}),
    State.HELD: frozenset({State.POSTED, State.REJECTED}),
    State.POSTED: frozenset({State.HIDDEN, State.DELETED}),
    State.REJECTED: frozenset(),
    State.HIDDEN: frozenset(),
    State.DELETED: frozenset(),
}


def message_transition_check(from_state: str | None, to_state: str) -> None:
    """Refuse a transition the table does not declare."""
    if to_state not in MESSAGE_TRANSITIONS.get(from_state, frozenset()):
        raise ServiceError("invalid", f"A message that is {from_state} cannot become {to_state}.")


# What shows nothing on a screen: spaces, controls, format characters (zero-width spaces and
# joiners, bidi controls, soft hyphens) and combining marks with nothing to combine with.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})


def _visible(text: str) -> bool:
    return any(not char.isspace() and unicodedata.category(char) not in _INVISIBLE for char in text)


def check_message_text(text: str) -> None:
    """Refuse text no room should store: empty (or only invisible characters), over the
    limit, or not encodable."""
    if not text.strip() or not _visible(text):
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


def message_posted_event(message: Message) -> MessagePosted:
    """The broadcast form of a posted message (live and in ``sync`` alike)."""
    assert message.seq is not None and message.posted_at is not None
    return MessagePosted(
        seq=message.seq,
        id=str(message.pk),
        pseudonym=message.author_pseudonym,
        role=message.author_role,
        text=message.text,
        at=message.posted_at,
    )


def _seq_next(room: Room) -> int:
    """The room's next ``seq``: the only place one is allocated. The caller holds the room
    row's lock (``select_for_update``), so ``seq`` order is commit order."""
    room.last_seq += 1
    room.save(update_fields=["last_seq"])
    return room.last_seq


def _post(message: Message, room: Room, now: datetime) -> None:
    message.seq = _seq_next(room)
    message.posted_at = now
    send_event_on_commit(message_posted_event(message), RoomAudience(room.group_id))


def message_create(
    *,
    room: Room,
    session_id: int,
    membership: Membership,
    client_id: uuid.UUID,
    text: str,
    state: str,
    now: datetime,
) -> Message:
    """Store a screened message as posted (the next ``seq``, broadcast on commit) or held
    (no ``seq``; it waits for a facilitator). ``room`` is locked by the caller."""
    message_transition_check(None, state)
    message = Message(
        room=room,
        session_id=session_id,
        author=membership,
        author_pseudonym=membership.pseudonym,
        author_role=membership.role,
        client_id=client_id,
        text=text,
        state=state,
        created_at=now,
    )
    if state == State.POSTED:
        _post(message, room, now)
    message.save(force_insert=True)
    return message


def message_move(message: Message, to_state: str, *, now: datetime) -> Message:
    """Move a stored message along its lifecycle and tell the room: an approved message is
    posted with the next ``seq``; a hidden or deleted one leaves every screen."""
    with transaction.atomic():
        message_transition_check(message.state, to_state)
        fields = ["state"]
        if to_state == State.POSTED:
            room = Room.objects.select_for_update().get(pk=message.room_id)
            _post(message, room, now)
            fields += ["seq", "posted_at"]
        message.state = to_state
        message.save(update_fields=fields)
        if to_state in (State.HIDDEN, State.DELETED):
            assert message.seq is not None
            send_event_on_commit(
                MessageHidden(seq=message.seq, reason=to_state),
                RoomAudience(message.room.group_id),
            )
    return message


def posted_message_locked(*, room_id: int, seq: int) -> Message:
    """The posted message with ``seq`` in the room, locked; ``not_found`` otherwise."""
    message = (
        Message.objects.select_for_update()
        .select_related("room")
        .filter(room_id=room_id, seq=seq, state=State.POSTED)
        .first()
    )
    if message is None:
        raise ServiceError("not_found", "No posted message with that seq in this room.")
    return message


def message_delete(*, access: RoomAccess, seq: int, now: datetime) -> Message:
    """The author takes back one of their own posted messages: it leaves every screen, every
    later sync and every transcript (state ``deleted``), and the deletion is audited."""
    with transaction.atomic():
        membership = selectors.membership_active(access=access)
        message = posted_message_locked(room_id=access.room_id, seq=seq)
        if message.author_id != membership.pk:
            raise ServiceError("forbidden", "You can only delete your own messages.")
        message_move(message, State.DELETED, now=now)
        audit_record(
            actor=membership.user,
            group_id=access.group_id,
            action="message_delete",
            target_type="message",
            target_id=message.pk,
            at=now,
            detail={"seq": seq},
        )
    return message
