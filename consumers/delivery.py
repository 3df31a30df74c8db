"""Per-connection ordering: each ``seq`` once, in order, gaps fetched from the database.

Pure state, so the rules are tested without a socket; the consumer does the I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SeqCursor:
    """How far one connection has been sent the room's messages.

    ``sent`` is the highest ``seq`` this connection has been sent (or has been told it is
    caught up to). Live messages are forwarded only once a ``sync`` has caught the client
    up (``live``); before that they wait in the database, so order is never broken by a
    live message overtaking the history the client is still fetching.
    """

    sent: int | None = None
    live: bool = False

    def sync_start(self, *, after_seq: int | None, room_last_seq: int) -> int | None:
        """Where a ``sync`` should start reading; ``None`` means "the most recent ones".

        Never before what this connection was already sent (each ``seq`` once), and never
        past the room's end (a client that claims more than exists is brought back).
        """
        if after_seq is None:
            return self.sent
        start = after_seq if self.sent is None else max(after_seq, self.sent)
        return min(start, room_last_seq)

    def accept(self, seq: int) -> bool:
        """Whether ``seq`` may be sent now (it is past the cursor); records it if so."""
        if self.sent is not None and seq <= self.sent:
            return False
        self.sent = seq
        return True

    def caught_up_to(self, seq: int, *, complete: bool) -> None:
        """A sync ended: everything up to ``seq`` is sent; go live when ``complete``."""
        self.sent = seq if self.sent is None else max(self.sent, seq)
        if complete:
            self.live = True

    def gap_before(self, seq: int) -> bool:
        """Whether messages between the cursor and ``seq`` were never sent here."""
        return self.sent is not None and seq > self.sent + 1


@dataclass(slots=True)
class Reorder:
    """Live messages that arrived ahead of an earlier ``seq`` still on its way.

    Two senders' broadcasts can overtake each other between processes; fetching the gap
    from the database at once costs a query per receiver, in the one database thread, for
    a message that usually arrives a few milliseconds later. So the later ones wait here,
    briefly; the consumer fetches the gap only if it is still open after the wait (an event
    the channel dropped), and the heartbeat remains the last safety net.
    """

    waiting: dict[int, dict[str, Any]] = field(default_factory=dict)

    def hold(self, seq: int, frame: dict[str, Any]) -> None:
        """Keep ``frame`` until the messages before it have been sent."""
        self.waiting[seq] = frame

    def release(self, cursor: SeqCursor) -> list[dict[str, Any]]:
        """The waiting frames that now follow the cursor without a gap, in order (accepted
        by the cursor); frames the cursor has already passed are dropped."""
        ready = []
        while cursor.sent is not None and cursor.sent + 1 in self.waiting:
            seq = cursor.sent + 1
            ready.append(self.waiting.pop(seq))
            cursor.accept(seq)
        for seq in [s for s in self.waiting if cursor.sent is not None and s <= cursor.sent]:
            del self.waiting[seq]
        return ready

    def highest(self) -> int | None:
        """The highest waiting ``seq`` (what a gap fetch must reach), if any wait."""
        return max(self.waiting, default=None)
