"""A registry of detectors, filled by a decorator that refuses duplicate keys.

Modelled on Sentry's workflow-engine handler registries: each detector is a small pure
function in its own module, registered under a unique key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from moderation.screen.findings import Finding, ScreenInput

Detector = Callable[[ScreenInput], Finding | None]


class DuplicateDetectorError(KeyError):
    """Raised when a second detector is registered under a key already taken."""


class Registry:
    """An ordered mapping of key to detector; registration order is evaluation order."""

    def __init__(self) -> None:
        self._detectors: dict[str, Detector] = {}

    def register(self, key: str) -> Callable[[Detector], Detector]:
        """Return a decorator registering a detector under ``key``; a reused key raises."""

        def decorator(detector: Detector) -> Detector:
            if key in self._detectors:
                raise DuplicateDetectorError(f"a detector is already registered as {key!r}")
            self._detectors[key] = detector
            return detector

        return decorator

    def get(self, key: str) -> Detector:
        """Return the detector registered under ``key``."""
        return self._detectors[key]

    def keys(self) -> tuple[str, ...]:
        """Return the registered keys in registration order."""
        return tuple(self._detectors)

    def items(self) -> Iterator[tuple[str, Detector]]:
        """Iterate over ``(key, detector)`` pairs in registration order."""
        return iter(self._detectors.items())

    def __len__(self) -> int:
        return len(self._detectors)


detectors = Registry()
