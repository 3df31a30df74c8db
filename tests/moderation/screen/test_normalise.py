"""Normaliser: obfuscations undone, legitimate text kept, idempotent, raw text untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.screen.normalise import fold, normalise, normalise_message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I'M FINE", "im fine"),
        ("\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48", "fullwidth"),
        ("zero\u200bwidth\u200dsplit", "zerowidthsplit"),
        ("bidi\u202eoverride\u202c", "bidioverride"),
        ("c\u0430f\u00e9", "cafe"),  # Cyrillic a, combining accent
        ("\u0397\u03bfm\u03bfglyph", "homoglyph"),  # Greek capital eta and omicrons
        ("h3ll0 th3r3", "hello there"),
        ("sh!t happens", "shit happens"),
        ("a$$hole", "asshole"),
        ("s.e.l.f", "self"),
        ("har.med", "harmed"),
        ("done.goodbye", "done goodbye"),
        ("h-e-l-p", "help"),
        ("s p a c e d   o u t", "spaced out"),
        ("w o r d", "word"),
        ("soooooo good", "soo good"),
        ("   lots \t of\n\nspace  ", "lots of space"),
        ("it\u2019s", "its"),
    ],
)
def test_obfuscations_are_undone(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("take 200mg at 10pm", "take 200mg at 10pm"),
        ("the 3rd of may", "the 3rd of may"),
        ("call 0161 496 0000", "call 0161 496 0000"),
        ("self-harm", "self-harm"),
        ("x-ray", "x-ray"),
        ("good book", "good book"),
        ("i a m", "iam"),
        ("plan a or b", "plan a or b"),
    ],
)
def test_legitimate_text_is_kept(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_stretched_letters_get_a_single_letter_view_too() -> None:
    message = normalise_message("nooooo waaaay")
    assert message.text == "noo waay"
    assert message.alt == "no way"
    assert message.views == ("noo waay", "no way")


def test_no_alt_view_without_stretching() -> None:
    assert normalise_message("all good").alt is None


def test_base_view_keeps_contact_details() -> None:
    assert fold("Mail ME@Example.COM or 07700 900123") == "mail me@example.com or 07700 900123"


def test_raw_text_is_never_modified() -> None:
    raw = "\uff37eird\u200b TEXT!!"
    assert normalise_message(raw).raw == raw


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(alphabet=st.sampled_from("ab .-_*1!@$ \u200b\u0430\u03bfIl0'"), max_size=40))
def test_normalisation_is_idempotent_on_obfuscation_alphabet(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
