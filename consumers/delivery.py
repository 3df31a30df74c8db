"""Per-connection ordering: each ``seq`` once, in order, gaps fetched from the database.

Pure state, so the rules are tested without a socket; the consumer does the I/O.
"""

from __future__ import annotations

from dataclasses import dataclass


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
