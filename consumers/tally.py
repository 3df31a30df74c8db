"""This process's room sockets, and the memory they leave when they close.

``counts()`` gives ``open`` (admitted and not yet closed) and ``alive`` (consumer objects
still in memory): a closed socket whose consumer something keeps shows as ``alive``
staying above ``open``. ``/healthz`` reports both.

A burst of sockets leaves its memory with the C allocator after they close: freed, but
kept by glibc for the next burst instead of returned to the system (measured with
``benchmarks/socket_memory.py``: 300 sockets raise the process by about 20 MB, and after
they close ``malloc_trim`` hands back about half of it). So when the open sockets
fall to half of their high point since the last trim, by at least ``TRIM_AFTER_CLOSES``,
the allocator is asked to return its free memory, in a worker thread. Where there is no
glibc ``malloc_trim`` (musl, macOS) nothing is done.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import weakref
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

TRIM_AFTER_CLOSES = 50

_alive: weakref.WeakSet[Any] = weakref.WeakSet()
# Weak too: a consumer freed without its disconnect (a crash) stops counting by itself.
_open: weakref.WeakSet[Any] = weakref.WeakSet()
_high = 0


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


malloc_trim = _find_malloc_trim()


def opened(consumer: Any) -> None:
    global _high
    _alive.add(consumer)
    _open.add(consumer)
    _high = max(_high, len(_open))


def closed(consumer: Any) -> None:
    global _high
    _open.discard(consumer)
    now = len(_open)
    if _high - now >= TRIM_AFTER_CLOSES and now <= _high // 2:
        _high = now
        if malloc_trim is not None:
            asyncio.get_running_loop().run_in_executor(None, _trim)


def _trim() -> None:
    try:
        if malloc_trim is not None:
            malloc_trim(0)
    except Exception as exc:  # never worth a failed disconnect
        logger.warning("malloc_trim failed: %s", type(exc).__name__)


def counts() -> dict[str, int]:
    return {"open": len(_open), "alive": len(_alive)}
