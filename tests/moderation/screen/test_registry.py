"""Registry: detectors are registered once under unique keys."""

from __future__ import annotations

import pytest

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.registry import DuplicateDetectorError, Registry, detectors


def _nothing(screen_input: ScreenInput) -> Finding | None:
    return None


def test_duplicate_key_is_refused() -> None:
    registry = Registry()
    registry.register("example")(_nothing)
    with pytest.raises(DuplicateDetectorError):
        registry.register("example")(_nothing)
    assert registry.keys() == ("example",)
    assert registry.get("example") is _nothing


def test_a_registered_key_cannot_be_taken_again() -> None:
    with pytest.raises(DuplicateDetectorError):
        detectors.register("crisis")(_nothing)


def test_all_detectors_are_registered() -> None:
    assert set(detectors.keys()) == {
        "crisis",
        "boundary.contact",
        "boundary.meeting",
        "boundary.romance",
        "boundary.money",
        "boundary.medical_advice",
        "harassment",
        "profanity",
    }
    assert len(detectors) == 8
