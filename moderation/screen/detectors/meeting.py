"""Boundary detector, ``meeting``: arranging to meet a member offline.

A meeting phrase counts only with an invitation, a question or an addressee in its sentence,
and never when negated or about a professional ("met my new psychiatrist today").
"""

from __future__ import annotations

import re

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import boundary_terms as terms
from moderation.screen.matching import (
    clause_before,
    compile_terms,
    expand,
    is_negated,
    sentence_around,
)
from moderation.screen.registry import detectors

_INVITES = compile_terms(terms.MEETING_INVITES, terms.MACROS)
_ACTS = compile_terms(terms.MEETING_ACTS, terms.MACROS)
_LOCATORS = compile_terms(terms.MEETING_LOCATORS, terms.MACROS)
# Both run only on a message with a question mark: plain regexes, kept out of the prefilter.
_VISITING = re.compile(
    rf"(?<![a-z0-9])(?:{expand('|'.join(terms.MEETING_VISITING), terms.MACROS)})(?![a-z0-9])"
)
# Read only just before a question mark ("..., coffee?").
_QUICK_OFFER = re.compile(
    rf"(?<![a-z0-9])(?:{expand('|'.join(terms.MEETING_QUICK_OFFER), terms.MACROS)}) *$"
)
# "does anyone else go to the pub to cope?" asks about a habit, not for company.
_SHARED_HABIT = re.compile(
    r"(?<![a-z])(?:anyone|anybody|any of you|everyone|somebody|someone) else(?![a-z])"
)
_INVITE = compile_terms(
    (terms.MACROS["INVITE"], terms.MACROS["YOU"], r"just (?:us|you and me|the two of us)"),
    terms.MACROS,
)


def _invited(text: str, match: re.Match[str]) -> bool:
    sentence = sentence_around(text, *match.span())
    end = match.end()
    question = "?" in text[end : end + 60]
    return question or _INVITE.search(sentence) is not None


def _acted(text: str) -> bool:
    for match in _ACTS.finditer(text):
        start = match.start()
        if is_negated(text, start) or _SHARED_HABIT.search(clause_before(text, start)):
            continue
        if _invited(text, match):
            return True
    return False


def _quick_offer(text: str) -> bool:
    """A bare offer right before a question mark ("ill be in leeds friday, coffee?")."""
    end = text.find("?")
    while end != -1:
        if _QUICK_OFFER.search(text, max(0, end - 24), end):
            return True
        end = text.find("?", end + 1)
    return False


@detectors.register("boundary.meeting")
def detect_meeting(screen_input: ScreenInput) -> Finding | None:
    """Detect arranging an offline meeting with members."""
    reasons: list[str] = []
    for text in screen_input.message.views:
        invite = _INVITES.search(text)
        if invite and not is_negated(text, invite.start()):
            reasons.append("boundary.meeting.invite")
        if _acted(text):
            reasons.append("boundary.meeting.invite")
        locator = _LOCATORS.search(text)
        if locator and not is_negated(text, locator.start()):
            reasons.append("boundary.meeting.location")
        if "?" in text and _quick_offer(text):
            visiting = _VISITING.search(text)
            if visiting and not is_negated(text, visiting.start()):
                reasons.append("boundary.meeting.visiting")
    if not reasons:
        return None
    return Finding(label="boundary", subtypes=("meeting",), reasons=tuple(dict.fromkeys(reasons)))
