"""Logging failures without leaking what people wrote."""

from __future__ import annotations

import logging
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
