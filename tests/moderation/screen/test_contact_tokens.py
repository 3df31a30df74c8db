"""Digits inside other tokens are not phone numbers; real numbers still are."""

from __future__ import annotations

import pytest

from moderation.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "my order ref is cefd7ccb20754862a0922a4dfcab8ed7 if that matters",
        "the build id was abc4420798123def, no idea what it means",
        "tracking code QX0775532911GB says it's out for delivery",
    ],
)
def test_digits_glued_to_letters_are_not_contact_details(text: str) -> None:
    assert "boundary" not in screen(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "ring me on 07700 900456 whenever",
        "my mobile: 07700900456",
        "call me (415) 555-0134 tonight",
    ],
)
def test_phone_numbers_standing_alone_still_count(text: str) -> None:
    assert "contact" in screen(text).boundary
