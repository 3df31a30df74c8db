"""Harassment detector: insults or abuse aimed at a person in the room, or at a group.

Telling someone to kill themselves ("kys") is harassment and also raises
``room_crisis_signal``: the person it is aimed at may be hurt by it, and facilitators need
to check in with them.
"""

from __future__ import annotations

import re

from moderation.findings import Finding, ScreenInput
from moderation.lexicons import harassment_terms as terms
from moderation.matching import Lexicon, compile_terms, is_negated
from moderation.registry import detectors

_DIRECTED = compile_terms(terms.DIRECTED, terms.MACROS)
_SELF_HARM_ABUSE = compile_terms(terms.SELF_HARM_ABUSE, terms.MACROS)
_GROUP_ABUSE = compile_terms(terms.GROUP_ABUSE)
_GROUP_EXCLUSION = compile_terms(terms.GROUP_EXCLUSION)
_GROUPS = compile_terms((terms.GROUPS,))
_SLURS = compile_terms((terms.SLURS,))
# Reported speech ("my kid yelled 'i'm gonna kill you'") is not the writer's abuse.
_REPORTED = re.compile(
    r"(?<![a-z])(?:said|says|yelled|yells|shouted|shouts|screamed|told me|called me|calls me|"
    r"was like)\W*$"
)


def _quoted(text: str, start: int) -> bool:
    before = text[:start]
    return (before.count('"') + before.count("'")) % 2 == 1 or _REPORTED.search(
        before[-30:]
    ) is not None


def _find(pattern: Lexicon, text: str) -> bool:
    for match in pattern.finditer(text):
        if not is_negated(text, match.start()) and not _quoted(text, match.start()):
            return True
    return False


@detectors.register("harassment")
def detect_harassment(screen_input: ScreenInput) -> Finding | None:
    """Detect abuse aimed at someone in the room or at a group."""
    reasons: list[str] = []
    room_signal = False
    for text in screen_input.message.views:
        if _find(_SELF_HARM_ABUSE, text):
            reasons.append("harassment.self_harm_abuse")
            room_signal = True
        if _find(_DIRECTED, text):
            reasons.append("harassment.directed")
        if _find(_GROUP_ABUSE, text) or (_GROUPS.search(text) and _find(_GROUP_EXCLUSION, text)):
            reasons.append("harassment.group")
        if _SLURS.search(text):
            reasons.append("harassment.slur")
    if not reasons:
        return None
    return Finding(
        label="harassment",
        reasons=tuple(dict.fromkeys(reasons)),
        directed=True,
        room_crisis_signal=room_signal,
    )
