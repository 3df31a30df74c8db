"""Boundary detector ``contact`` (moderation/screen/detectors/contact.py): digits inside
other tokens are not phone numbers, real numbers still are; a facilitator may post a
helpline, a member may not pass their own number off as one; obfuscated handles."""

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


def test_facilitator_posting_a_helpline_is_not_contact() -> None:
    text = "our out of hours support line is 0161 496 0123, it's pinned too"
    assert "boundary" not in screen(text, author_role="facilitator").labels


def test_member_sharing_their_own_number_next_to_helpline_words_is_contact() -> None:
    text = "forget the helpline, just text me on 0161 496 0123"
    assert screen(text).boundary == ("contact",)


def test_unknown_role_gets_no_facilitator_exemption() -> None:
    text = "call me on 0161 496 0123, the helpline never answers"
    assert screen(text, author_role="admin").boundary == ("contact",)


def test_obfuscated_handle_is_contact() -> None:
    assert screen("my snap is f o g g y l a n t e r n, add me").boundary == ("contact",)
