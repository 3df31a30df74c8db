"""The room websocket: authenticate, parse frames, call services, relay events in order."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from consumers import frames, tally
from consumers.delivery import Reorder, SeqCursor
from consumers.layer import LayerResilientConsumer
from consumers.moderation import moderation_call
from consumers.protocol import (
    Command,
    DeleteCommand,
    ModerateCommand,
    ProtocolError,
    ReportCommand,
    SendCommand,
    SyncCommand,
    TypingCommand,
    parse_frame,
    parse_moderation,
)
from groups import selectors
from groups.dbthread import database_sync_to_async
from groups.errors import GroupNotFound, ServiceError
from groups.events.audiences import FacilitatorAudience, MemberAudience, RoomAudience
from groups.events.notices import REVOCATION_NOTICES
from groups.events.transport import call_service
from groups.logsafe import log_failure
from groups.selectors import RoomAccess
from groups.services import connections, messages
from moderation import actions as moderation_actions
from moderation import selectors as moderation_selectors
from moderation.services import second_opinion, submission

logger = logging.getLogger(__name__)

CLOSE_UNAUTHENTICATED = 4401
# A send that failed for a transient reason may be sent again after this long.
RETRY_AFTER_SECONDS = 1.0
# One code for "no such group" and "not allowed in": nobody can probe which groups exist.
CLOSE_FORBIDDEN = 4403
# The room already holds its group's capacity of people (facilitators are always let in).
CLOSE_ROOM_FULL = 4409
# This member already has CIRCLES_MAX_SOCKETS_PER_MEMBER sockets open in this room.
CLOSE_TOO_MANY_SOCKETS = 4429
ADMISSION_CLOSE = {
    "room_full": CLOSE_ROOM_FULL,
    "too_many_sockets": CLOSE_TOO_MANY_SOCKETS,
    # A facilitator without a valid certification: "may not enter" (4403).
    "uncertified": CLOSE_FORBIDDEN,
}


def _log_failure(where: str, exc: BaseException) -> None:
    log_failure(logger, where, exc)


def _admit(*, user: Any, slug: str) -> tuple[RoomAccess, selectors.Admission]:
    """Who the user is in the room, and whether the room lets this connection in."""
    access = selectors.access_room(user=user, slug=slug)
    return access, selectors.admission(access=access)


def _open(
    *, access: RoomAccess, channel_name: str
) -> tuple[connections.Welcome, list[moderation_selectors.PendingMessage]]:
    """Presence and the welcome, with the author's own held messages, which stay visible
    to them as pending across reloads."""
    welcome = connections.connection_open(access=access, channel_name=channel_name)
    pending = moderation_selectors.pending_for_author(
        membership_id=access.membership_id, group_id=access.group_id
    )
    return welcome, pending


def _sync_read(*, room_id: int, sent: int | None, after_seq: int | None) -> selectors.SyncBatch:
    """The batch a ``sync`` sends: from where the client asks, never before what this
    connection was already sent (``SeqCursor.sync_start``)."""
    last = selectors.room_last_seq(room_id=room_id)
    start = SeqCursor(sent=sent).sync_start(after_seq=after_seq, room_last_seq=last)
    return selectors.sync_batch(
        room_id=room_id,
        start=start,
        limit=settings.CIRCLES_SYNC_BATCH,
        recent=settings.CIRCLES_SYNC_DEFAULT_RECENT,
    )


class RoomConsumer(LayerResilientConsumer):
    """One member's connection to one group's room."""

    access: RoomAccess | None = None
    heartbeat_task: asyncio.Future[None] | None = None
    gap_task: asyncio.Future[None] | None = None
    send_task: asyncio.Future[None] | None = None
    certification_task: asyncio.Future[None] | None = None

    async def connect(self) -> None:
        """Authenticate and authorise, join the room's audiences, then welcome."""
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept first: a custom close code can only be sent on an open websocket.
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        slug = self.scope["url_route"]["kwargs"]["slug"]
        try:
            access, admitted = await database_sync_to_async(_admit)(user=user, slug=slug)
        except GroupNotFound:
            await self.accept()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if admitted != "ok":
            await self.accept()
            await self.close(code=ADMISSION_CLOSE[admitted])
            return
        self.access = access
        # Its login session: logging out (or its expiry) ends the connection too.
        self.session_key: str | None = getattr(self.scope.get("session"), "session_key", None)
        self.cursor = SeqCursor()
        self.reorder = Reorder()
        self.sends: asyncio.Queue[SendCommand] = asyncio.Queue(
            maxsize=settings.CIRCLES_MAX_QUEUED_SENDS
        )
        # Set whenever the cursor moves on (live, a gap fetched, a sync): the heartbeat waits
        # on it.
        self.delivered = asyncio.Event()
        self.delivery_lock = asyncio.Lock()
        self.queue_lock = asyncio.Lock()
        # The number of the last facilitators' event this connection has shown (or covered
        # by a replay of the queue).
        self.facilitator_seq = 0
        self.last_typing = 0.0
        self.layer_groups = (
            RoomAudience(access.group_id).channel_group,
            MemberAudience(access.membership_id).channel_group,
        )
        if access.is_facilitator:
            self.layer_groups += (FacilitatorAudience(access.group_id).channel_group,)
        # Without the layer the room still works, more slowly: the heartbeat fetches whatever
        # was posted from the database, and the groups are joined again when it is back.
        await self.join_layer_groups()
        await self.accept()
        try:
            welcome, pending = await call_service(
                _open, access=access, channel_name=self.channel_name
            )
        except connections.NotAdmitted as refused:
            # Another socket took the last place between the first check and this one.
            await self.leave_layer_groups()
            self.access = None
            await self.close(code=ADMISSION_CLOSE[refused.admission])
            return
        await self.send_frame(frames.welcome_frame(welcome))
        for item in pending:
            await self.send_frame(item.to_frame())
        if access.is_facilitator:
            # A facilitator who joins late sees the queue as it stands.
            await self.replay_queue()
            self.certification_task = asyncio.ensure_future(self.certification_watch())
        tally.opened(self)
        self.heartbeat_task = asyncio.ensure_future(self.heartbeat_loop())
        self.send_task = asyncio.ensure_future(self.send_loop())
        second_opinion.warm()

    async def disconnect(self, code: int) -> None:
        """Leave the room's audiences and presence."""
        if self.access is None:
            return
        tally.closed(self)
        tasks = (self.heartbeat_task, self.gap_task, self.send_task, self.certification_task)
        # Dropped before they are cancelled: a cancelled task keeps its CancelledError, whose
        # traceback holds the task's frame, which holds this consumer; kept here as well,
        # that is a cycle, and the closed connection would wait for the garbage collector.
        self.heartbeat_task = self.gap_task = self.send_task = self.certification_task = None
        for task in tasks:
            if task is not None:
                task.cancel()
        await self.leave_layer_groups()
        try:
            await call_service(
                connections.connection_close, access=self.access, channel_name=self.channel_name
            )
        except Exception as exc:
            # Presence expires by itself once the heartbeats stop; nothing else is at stake.
            _log_failure("closing a connection", exc)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Parse one client frame and act on it; a bad frame gets an error, never a close."""
        if self.access is None:
            return
        command = parse_frame(text_data, bytes_data)
        if isinstance(command, ProtocolError):
            await self.send_frame(command.to_frame())
            return
        if isinstance(command, SendCommand):
            # Sends run one after another in their own task, so that while a member's send
            # waits for the database this connection goes on delivering the room's messages.
            if self.sends.full():
                await self.send_frame(
                    ProtocolError(
                        "rate_limited",
                        "Too many messages waiting to be sent; please wait a moment.",
                        str(command.client_id),
                    ).to_frame()
                )
                return
            self.sends.put_nowait(command)
            return
        await self.run_command(command)

    async def run_command(self, command: Command) -> None:
        """Carry out one command; a failure answers an error frame, never a close."""
        try:
            await self.dispatch_command(command)
        except ServiceError as exc:
            client_id = str(command.client_id) if isinstance(command, SendCommand) else None
            await self.send_frame(ProtocolError(exc.code, exc.detail, client_id).to_frame())
        except (OperationalError, InterfaceError) as exc:
            # Transient (the database locked or restarting): nothing was stored, and the
            # same send may come again with the same client_id (the page does so).
            _log_failure(f"handling a {command.type} frame", exc)
            client_id = str(command.client_id) if isinstance(command, SendCommand) else None
            await self.send_frame(
                ProtocolError(
                    "rate_limited",
                    "The server is busy; your message will be sent again in a moment.",
                    client_id,
                    retry_after=RETRY_AFTER_SECONDS,
                ).to_frame()
            )
        except Exception as exc:
            _log_failure(f"handling a {command.type} frame", exc)
            await self.send_frame(
                ProtocolError("invalid", "Something went wrong; please try again.").to_frame()
            )

    async def send_loop(self) -> None:
        """Carry out this connection's sends in the order they came, each to its ``ack``. A
        send already under way when the connection closes is finished (shielded): it may
        be stored already, and its broadcast is due to the room."""
        while True:
            command = await self.sends.get()
            await asyncio.shield(self.run_command(command))

    async def dispatch_command(self, command: Command) -> None:
        """Route a parsed command to its handler."""
        if isinstance(command, SyncCommand):
            await self.handle_sync(command)
        elif isinstance(command, SendCommand):
            await self.handle_send(command)
        elif isinstance(command, TypingCommand):
            await self.handle_typing()
        elif isinstance(command, ReportCommand):
            await call_service(
                moderation_actions.message_report,
                access=self.access,
                seq=command.seq,
                kind=command.kind,
                now=timezone.now(),
            )
        elif isinstance(command, DeleteCommand):
            await call_service(
                messages.message_delete, access=self.access, seq=command.seq, now=timezone.now()
            )
        elif isinstance(command, ModerateCommand):
            await self.handle_moderate(command)

    async def handle_sync(self, command: SyncCommand) -> None:
        """Send stored messages after the client's ``seq``, in batches."""
        assert self.access is not None
        async with self.delivery_lock:
            batch = await database_sync_to_async(_sync_read)(
                room_id=self.access.room_id, sent=self.cursor.sent, after_seq=command.after_seq
            )
            for message in batch.messages:
                assert message.seq is not None
                if self.cursor.accept(message.seq):
                    await self.send_frame(frames.message_frame(message))
            self.cursor.caught_up_to(batch.upto_seq, complete=batch.complete)
            await self.send_released()
            assert self.cursor.sent is not None
            await self.send_frame(
                frames.synced_frame(last_seq=self.cursor.sent, complete=batch.complete)
            )

    async def handle_send(self, command: SendCommand) -> None:
        """Store the message through the service and answer with its ``ack``."""
        assert self.access is not None
        ack = await call_service(
            submission.message_send,
            access=self.access,
            client_id=command.client_id,
            text=command.text,
        )
        await self.send_frame(frames.ack_frame(ack))
        if ack.second_look is not None:
            second_opinion.schedule(ack.second_look)

    async def handle_typing(self) -> None:
        """Relay "typing" to the room, at most once per interval per connection."""
        assert self.access is not None
        now = time.monotonic()
        if now - self.last_typing < settings.CIRCLES_TYPING_INTERVAL_SECONDS:
            return
        self.last_typing = now
        await call_service(connections.typing_notify, access=self.access)

    async def handle_moderate(self, command: ModerateCommand) -> None:
        """A facilitator's action; anyone else is refused before the action is even read."""
        assert self.access is not None
        if not self.access.is_facilitator:
            raise ServiceError("forbidden", "Only the group's facilitators can moderate.")
        action = parse_moderation(command)
        if isinstance(action, ProtocolError):
            await self.send_frame(action.to_frame())
            return
        service, arguments = moderation_call(action)
        await call_service(service, access=self.access, now=timezone.now(), **arguments)

    async def replay_queue(self, *, upto: int | None = None) -> None:
        """Send the facilitators' queue as it stands (the frames are keyed, so the console
        updates what it shows). Its number is read first: whatever is sent after the replay
        was built counts as new."""
        assert self.access is not None
        async with self.queue_lock:
            if upto is None:
                upto = await database_sync_to_async(selectors.room_facilitator_seq)(
                    room_id=self.access.room_id
                )
            if upto <= self.facilitator_seq and self.facilitator_seq:
                return  # another replay already covered it
            queue = await database_sync_to_async(moderation_selectors.facilitator_queue)(
                group_id=self.access.group_id
            )
            for item in queue:
                await self.send_frame(item.to_frame())
            self.facilitator_seq = max(self.facilitator_seq, upto)

    async def room_event(self, event: dict[str, Any]) -> None:
        """Relay an event from the channel layer to this client."""
        frame = event["event"]
        fseq = event.get("fseq")
        if fseq is not None:
            await self.forward_facilitator_event(frame, int(fseq))
            return
        if event.get("close"):
            # Removed or banned: say why, then close every socket of that member.
            await self.send_frame(frame)
            await self.close(code=int(event["close"]))
            return
        if frame["type"] == "message":
            await self.forward_message(frame)
            return
        if (
            frame["type"] == "typing"
            and self.access
            and frame["pseudonym"] == self.access.pseudonym
        ):
            return
        await self.send_frame(frame)

    async def forward_facilitator_event(self, frame: dict[str, Any], fseq: int) -> None:
        """Forward a facilitators' event; one that skips a number means an earlier one was
        dropped on the way (a full channel), so the queue is replayed."""
        await self.send_frame(frame)
        if fseq > self.facilitator_seq + 1:
            await self.replay_queue(upto=fseq)
        self.facilitator_seq = max(self.facilitator_seq, fseq)

    async def forward_message(self, frame: dict[str, Any]) -> None:
        """Forward a live message in ``seq`` order. One that arrives ahead of an earlier
        ``seq`` waits (``Reorder``) for it; the gap is fetched from the database only if it
        is still open after ``CIRCLES_REORDER_WAIT_SECONDS``."""
        async with self.delivery_lock:
            if not self.cursor.live:
                return
            seq = int(frame["seq"])
            if self.cursor.gap_before(seq):
                self.reorder.hold(seq, frame)
                if self.gap_task is None or self.gap_task.done():
                    self.gap_task = asyncio.ensure_future(self.fill_gap_after_wait())
            elif self.cursor.accept(seq):
                await self.send_frame(frame)
                await self.send_released()

    async def send_released(self) -> None:
        """Send the waiting messages that now follow what was sent (caller holds the lock).
        Every path that moves the cursor on ends here, so here the heartbeat is told."""
        for frame in self.reorder.release(self.cursor):
            await self.send_frame(frame)
        self.delivered.set()

    async def fill_gap_after_wait(self) -> None:
        """Fetch a gap that the awaited broadcast did not close (it was dropped)."""
        await asyncio.sleep(settings.CIRCLES_REORDER_WAIT_SECONDS)
        try:
            async with self.delivery_lock:
                upto = self.reorder.highest()
                if upto is not None and self.cursor.sent is not None and upto > self.cursor.sent:
                    await self.fill_gap(upto_seq=upto)
        except Exception as exc:
            # The heartbeat fetches it instead; the waiting frames stay until then.
            _log_failure("filling a gap", exc)

    async def fill_gap(self, *, upto_seq: int) -> None:
        """Send stored messages between the cursor and ``upto_seq`` (caller holds the lock)."""
        assert self.access is not None and self.cursor.sent is not None
        missing = await database_sync_to_async(selectors.messages_between)(
            room_id=self.access.room_id, after_seq=self.cursor.sent, upto_seq=upto_seq
        )
        for message in missing:
            assert message.seq is not None
            if self.cursor.accept(message.seq):
                await self.send_frame(frames.message_frame(message))
        self.cursor.caught_up_to(upto_seq, complete=True)
        await self.send_released()

    async def certification_watch(self) -> None:
        """Close a facilitator's socket when their certification runs out while they are
        here, as a revocation does (``groups/revocation.py``): a date passing sends no
        signal. It looks again at least every ``CIRCLES_CERTIFICATION_RECHECK_SECONDS``, so
        a renewal, or an edit no signal reported, is seen."""
        assert self.access is not None
        while True:
            try:
                until = await database_sync_to_async(selectors.certified_until)(
                    membership_id=self.access.membership_id
                )
            except Exception as exc:
                _log_failure("reading a certification", exc)
                until = timezone.now() + timedelta(seconds=60)  # every action still checks
            left = None if until is None else (until - timezone.now()).total_seconds()
            if left is None or left <= 0:
                await self.end_revoked("certification_ended")
                return
            await asyncio.sleep(min(left, settings.CIRCLES_CERTIFICATION_RECHECK_SECONDS))

    async def end_revoked(self, why: str) -> None:
        """Say why, then close, as a revocation's own event does."""
        notice = REVOCATION_NOTICES[why]()
        await self.send_frame(notice.to_frame())
        await self.close(code=notice.close_code or CLOSE_FORBIDDEN)

    async def heartbeat_loop(self) -> None:
        """Periodically tell the client the room's last ``seq`` and send anything missed.

        This is the safety net for a broadcast that never arrived (a channel-layer outage or
        a process that died after commit): the database is the source of truth.
        """
        assert self.access is not None
        while True:
            await asyncio.sleep(settings.CIRCLES_HEARTBEAT_SECONDS)
            # After a Redis restart only one consumer per process sees an error; every
            # connection rejoins its groups here, so live delivery resumes for all of them.
            await self.join_layer_groups()
            try:
                beat = await call_service(
                    connections.connection_heartbeat,
                    access=self.access,
                    channel_name=self.channel_name,
                    session_key=self.session_key,
                )
                # The safety net for revocations, as the database is for messages: one
                # whose event never reached this process still ends the connection.
                if beat.revoked is not None:
                    await self.end_revoked(beat.revoked)
                    return
                last = beat.last_seq
                # Under load some of the room's latest messages are usually still on their
                # way live; they get a moment to arrive before the database is asked.
                await self.delivered_upto(last, within=settings.CIRCLES_REORDER_WAIT_SECONDS)
                async with self.delivery_lock:
                    if (
                        self.cursor.live
                        and self.cursor.sent is not None
                        and last > self.cursor.sent
                    ):
                        await self.fill_gap(upto_seq=last)
                await self.send_frame(frames.heartbeat_frame(last_seq=last))
                if self.access.is_facilitator:
                    # The safety net for the queue: events sent that never arrived.
                    latest = await database_sync_to_async(selectors.room_facilitator_seq)(
                        room_id=self.access.room_id
                    )
                    if latest > self.facilitator_seq:
                        await self.replay_queue(upto=latest)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                _log_failure("heartbeat", exc)

    async def delivered_upto(self, seq: int, *, within: float) -> None:
        """Wait (at most ``within`` seconds) until live delivery has sent up to ``seq``."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(within):
                while self.cursor.live and self.cursor.sent is not None and self.cursor.sent < seq:
                    self.delivered.clear()
                    await self.delivered.wait()

    async def send_frame(self, frame: dict[str, Any]) -> None:
        """Send one JSON frame; a client that is already going is not an error.

        Between a client's close frame and the end of the connection a send fails. If that
        escaped, the consumer would die without ``disconnect`` and the member would stay
        "here" for ever; the frame is dropped instead and the disconnect cleans up.
        """
        try:
            await self.send(text_data=json.dumps(frame, ensure_ascii=False))
        except Exception as exc:
            logger.info(
                "dropped a %s frame for a closing connection (%s)",
                frame.get("type"),
                type(exc).__name__,
            )
