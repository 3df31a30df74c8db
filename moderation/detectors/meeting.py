"""Boundary detector, ``meeting``: arranging to meet a member offline.

A meeting phrase counts only with an invitation, a question or an addressee in its sentence,
and never when negated or about a professional ("met my new psychiatrist today").
"""

from __future__ import annotations

import re

from moderation.findings import Finding, ScreenInput
from moderation.lexicons import boundary_terms as terms
from moderation.matching import compile_terms, is_negated, sentence_around
from moderation.registry import detectors

_INVITES = compile_terms(terms.MEETING_INVITES, terms.MACROS)
_ACTS = compile_terms(terms.MEETING_ACTS, terms.MACROS)
_LOCATORS = compile_terms(terms.MEETING_LOCATORS, terms.MACROS)
_INVITE = compile_terms(
    (terms.MACROS["INVITE"], terms.MACROS["YOU"], r"just (?:us|you and me|the two of us)"),
    terms.MACROS,
)


def _invited(text: str, match: re.Match[str]) -> bool:
    sentence = sentence_around(text, *match.span())
    end = match.end()
    question = "?" in text[end : end + 60]
    return question or _INVITE.search(sentence) is not None


@detectors.register("boundary.meeting")
def detect_meeting(screen_input: ScreenInput) -> Finding | None:
    """Detect arranging an offline meeting with members."""
    reasons: list[str] = []
    for text in screen_input.message.views:
        invite = _INVITES.search(text)
        if invite and not is_negated(text, invite.start()):
            reasons.append("boundary.meeting.invite")
        for match in _ACTS.finditer(text):
            if not is_negated(text, match.start()) and _invited(text, match):
                reasons.append("boundary.meeting.invite")
                break
        locator = _LOCATORS.search(text)
        if locator and not is_negated(text, locator.start()):
            reasons.append("boundary.meeting.location")
    if not reasons:
        return None
    return Finding(label="boundary", subtypes=("meeting",), reasons=tuple(dict.fromkeys(reasons)))
