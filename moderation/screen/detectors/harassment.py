"""Harassment detector: insults or abuse aimed at a person in the room, or at a group.

Telling someone to kill themselves ("kys") is harassment and also raises
``room_crisis_signal``: the person it is aimed at may be hurt by it, and facilitators need
to check in with them.
"""

from __future__ import annotations

import re

from moderation.screen.classifier import opinion
from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import harassment_terms as terms
from moderation.screen.matching import (
    Lexicon,
    clause_before,
    compile_terms,
    is_negated,
    possible_lexicons,
)
from moderation.screen.normalise import NormalisedText
from moderation.screen.registry import detectors


def _compile_each(patterns: tuple[str, ...], macros: dict[str, str]) -> dict[str, Lexicon]:
    """One lexicon per entry: each gets its own literal anchors, so that the prefilter skips
    most of them on a message (one large alternation would run whenever any entry could)."""
    return {str(index): compile_terms((pattern,), macros) for index, pattern in enumerate(patterns)}


_DIRECTED = _compile_each(terms.DIRECTED, terms.MACROS)
_SELF_HARM_ABUSE = compile_terms(terms.SELF_HARM_ABUSE, terms.MACROS)
_SELF_HARM_ABUSE_BARE = compile_terms(terms.SELF_HARM_ABUSE_BARE)
# The clause before a bare "die already" that makes it the writer's own wish.
_OWN_WISH = re.compile(
    r"(?<![a-z])(?:i|im|ive|id|me|myself|we)(?![a-z])|"
    r"(?:want|wanna|wish|ready|gonna|going|need|could|would|just want) to\W*(?:just\W*)?$"
)
_GROUP_ABUSE = compile_terms(terms.GROUP_ABUSE)
_GROUP_EXCLUSION = compile_terms(terms.GROUP_EXCLUSION)
_GROUPS = compile_terms((terms.GROUPS,))
_SLURS = compile_terms((terms.SLURS,))
_GROUP_HATE = compile_terms(terms.GROUP_HATE, terms.GROUP_MACROS)
_VOCATIVE = compile_terms(terms.VOCATIVE, terms.MACROS)
# Reported speech ("my kid yelled 'i'm gonna kill you'") is not the writer's abuse.
_REPORTED = re.compile(
    r"(?<![a-z])(?:said|says|yelled|yells|shouted|shouts|screamed|told me|called me|calls me|"
    r"call me|calling me|called him|called her|called them|called us|was like)\W*$"
)
# "nobody here thinks you're a failure": the insult is denied, not made.
_DENIED = re.compile(
    r"(?<![a-z])(?:nobody|no one|noone|no1|never said|not saying|not calling|who said|"
    r"doesnt mean|doesnt make|dont make|does not make|dont think|doesnt think|do not think|"
    r"wouldnt call|not that)(?![a-z])"
)
_ATTRIBUTED = re.compile(rf"(?<![a-z])(?:{terms.GROUP_ATTRIBUTION})(?![a-z])")
_SECOND_PERSON = re.compile(r"(?<![a-z])(?:you|your|ur|youre|u|yall|yourself|urself)(?![a-z])")


def _quoted(text: str, start: int) -> bool:
    before = text[:start]
    return (before.count('"') + before.count("'")) % 2 == 1 or _REPORTED.search(
        before[-30:]
    ) is not None


def _find(
    pattern: Lexicon | re.Pattern[str], text: str, guard: re.Pattern[str] | None = None
) -> bool:
    for match in pattern.finditer(text):
        start = match.start()
        if is_negated(text, start) or _quoted(text, start):
            continue
        if guard is not None and guard.search(clause_before(text, start)):
            continue
        return True
    return False


def _find_any(
    patterns: dict[str, Lexicon], text: str, guard: re.Pattern[str] | None = None
) -> bool:
    return any(_find(regex, text, guard) for _, regex in possible_lexicons(patterns, text))


def rule_reasons(message: NormalisedText) -> tuple[tuple[str, ...], bool]:
    """The harassment rules' reason codes for a message, and whether it tells someone to
    hurt themselves (a room crisis signal)."""
    reasons: list[str] = []
    room_signal = False
    for text in message.views:
        if _find(_SELF_HARM_ABUSE, text) or _find(_SELF_HARM_ABUSE_BARE, text, _OWN_WISH):
            reasons.append("harassment.self_harm_abuse")
            room_signal = True
        if _find_any(_DIRECTED, text, _DENIED) or (
            _VOCATIVE.possible(text) and _SECOND_PERSON.search(text) and _find(_VOCATIVE, text)
        ):
            reasons.append("harassment.directed")
        if (
            _find(_GROUP_ABUSE, text, _ATTRIBUTED)
            or (_GROUPS.search(text) and _find(_GROUP_EXCLUSION, text))
            or _find(_GROUP_HATE, text, _ATTRIBUTED)
        ):
            reasons.append("harassment.group")
        if _SLURS.search(text):
            reasons.append("harassment.slur")
    return tuple(dict.fromkeys(reasons)), room_signal


# Where the learned model's harassment does not stand (its word counts cannot read these):
# an insult denied ("youre not pathetic", "nobody here thinks youre a failure") or a member
# told to go easy on themselves ("be kinder to yourself"). The rules still read every one of
# these messages, so abuse they know is caught whatever this says.
_SUPPORTIVE = re.compile(
    r"(?<![a-z])(?:you|youre|ur|u|your|you are|u r|ure)\W+(?:\w+\W+){0,2}?"
    r"(?:not|never|no|isnt|arent|aint|wasnt|werent)(?![a-z])|"
    r"(?<![a-z])(?:nobody|no one|noone|no1|none of us|not one of us)\W+(?:here\W+|in here\W+)?"
    r"(?:thinks|think|says|said|is saying|believes|sees|see|would say|would call|would think|"
    r"calls|is judging|judges|blames|minds|expects|wants you to)(?![a-z])|"
    r"(?<![a-z])(?:yourself|urself|ourselves|yourselves)(?![a-z])"
)


def model_harassment_stands(text: str) -> bool:
    """Whether the learned model's harassment finding stands for a normalised text."""
    return _SUPPORTIVE.search(text) is None


@detectors.register("harassment")
def detect_harassment(screen_input: ScreenInput) -> Finding | None:
    """Detect abuse aimed at someone in the room or at a group: the rules first, then the
    learned model (reason ``harassment.model``) when they find nothing."""
    reasons, room_signal = rule_reasons(screen_input.message)
    if not reasons:
        text = screen_input.message.text
        if not (opinion(text).harassment and model_harassment_stands(text)):
            return None
        reasons = ("harassment.model",)
    return Finding(
        label="harassment",
        reasons=reasons,
        directed=True,
        room_crisis_signal=room_signal,
    )
