"""Boundary detector, ``medical_advice``: telling a member to start, stop or change medication,
or diagnosing them.

Not advice: one's own medication ("i take sertraline"), one's own doctor's advice ("my GP told
me to up my dose"), and pointing someone to their GP or prescriber.
"""

from __future__ import annotations

import re

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import medical_terms as terms
from moderation.screen.matching import compile_terms, is_negated, sentence_around, subject_before
from moderation.screen.registry import detectors

_ADVICE = compile_terms(terms.ADVICE, terms.MACROS)
_DIAGNOSING = compile_terms(terms.DIAGNOSING, terms.MACROS)
_LABELLING = compile_terms(terms.LABELLING, terms.MACROS)
_ADDRESSED = re.compile(r"(?<![a-z])(?:you|your|youre|youve|u|ur|yourself)(?![a-z])")
# "ask your gp whether a lower dose would help" points to a prescriber: not advice (SPEC 3.2).
_REFERRAL = re.compile(
    r"(?<![a-z])(?:ask|asking|check with|checking with|talk to|talking to|speak to|speaking to|"
    r"see|seeing|tell|mention it to|run it by|discuss (?:it )?with|call|ring) (?:your|ur|yr|the|a) "
    r"(?:gp|doctor|doc|prescriber|psychiatrist|psych|pharmacist|consultant|nurse|care team|"
    r"crisis team|key worker|mental health team)(?![a-z])"
)
_OWN = re.compile(r"(?<![a-z])(?:my|me|myself|ive|im|i have|i had|i get|i do|i am)(?![a-z])")
# "Don't take the diazepam" is advice even though it starts with a negation.
_NEGATIVE_ADVICE = compile_terms((terms.ADVICE[-1],), terms.MACROS)


def _advises(text: str) -> bool:
    for match in _ADVICE.finditer(text):
        start = match.start()
        if subject_before(text, start) in ("first", "third"):
            continue
        if is_negated(text, start) and not _NEGATIVE_ADVICE.fullmatch(match.group()):
            continue
        if _REFERRAL.search(sentence_around(text, start, match.end())):
            continue
        return True
    return False


@detectors.register("boundary.medical_advice")
def detect_medical_advice(screen_input: ScreenInput) -> Finding | None:
    """Detect medication instructions or diagnoses aimed at another member."""
    reasons: list[str] = []
    for text in screen_input.message.views:
        if _advises(text):
            reasons.append("boundary.medical_advice.medication")
        diagnosis = _DIAGNOSING.search(text)
        if diagnosis and not is_negated(text, diagnosis.start()):
            reasons.append("boundary.medical_advice.diagnosis")
        labelling = _LABELLING.search(text)
        if (
            labelling
            and not is_negated(text, labelling.start())
            and _ADDRESSED.search(text)
            and not _OWN.search(sentence_around(text, *labelling.span()))
        ):
            reasons.append("boundary.medical_advice.diagnosis")
    if not reasons:
        return None
    return Finding(
        label="boundary", subtypes=("medical_advice",), reasons=tuple(dict.fromkeys(reasons))
    )
