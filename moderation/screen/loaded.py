"""Something a process loads once, on first use, and may have to do without (the second
opinion's encoder and heads): the load is tried once, and an absence is remembered with its
reason, for ``/healthz``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Absent(Exception):
    """Raised by a loader that cannot load; its message says why, for people."""


class LoadedOnce(Generic[T]):
    def __init__(self, load: Callable[[], T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._value: T | None = None
        self._error: str | None = None
        self._tried = False

    def get(self) -> T | None:
        """The loaded thing, or ``None`` when it could not be loaded."""
        with self._lock:
            if not self._tried:
                self._tried = True
                try:
                    self._value = self._load()
                except Absent as exc:
                    self._error = str(exc)
            return self._value

    def status(self) -> str:
        """``ready``, ``not loaded`` (not asked for yet), or ``absent: why``."""
        with self._lock:
            if self._value is not None:
                return "ready"
            if not self._tried:
                return "not loaded"
            return f"absent: {self._error}"

    def set(self, value: T | None = None, error: str | None = None) -> None:
        """Set it (or its absence) directly; neither: not loaded yet (tests)."""
        with self._lock:
            self._value, self._error = value, error
            self._tried = value is not None or error is not None
