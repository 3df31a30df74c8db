"""Logging failures without leaking what people wrote."""

from __future__ import annotations

import logging
import time
import traceback


def log_failure(logger: logging.Logger, where: str, exc: BaseException) -> None:
    """Log that ``where`` failed: the exception's type and code path, never its message.

    An exception's message can quote data (a database error may echo a value, a layer
    error its payload), and message text must never reach a log.
    """
    logger.error(
        "%s failed with %s\n%s",
        where,
        type(exc).__name__,
        "".join(traceback.format_tb(exc.__traceback__)),
    )


class QuietLayerErrors(logging.Filter):
    """For channels-redis's pub/sub receive loop, which logs every failed read with a full
    traceback, once a second for as long as Redis is down.

    A record keeps its message and the exception's type, without the traceback or the
    exception's message (which could quote a payload); the same message again within
    ``interval`` seconds is dropped, so an outage is one line, not one a second.
    """

    def __init__(self, interval: float = 60.0) -> None:
        super().__init__()
        self.interval = interval
        self._last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc_type = record.exc_info[0]
            name = exc_type.__name__ if exc_type is not None else "an error"
            record.msg = f"{record.getMessage()} ({name}; repeats muted for {self.interval:g} s)"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        key = record.getMessage()
        now = time.monotonic()
        if now - self._last.get(key, float("-inf")) < self.interval:
            return False
        self._last[key] = now
        return True
