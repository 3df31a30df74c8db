"""Boundary detector, ``medical_advice``: telling a member to start, stop or change medication,
or diagnosing them.

Not advice: one's own medication ("i take sertraline"), one's own doctor's advice ("my GP told
me to up my dose"), and pointing someone to their GP or prescriber.
"""

from __future__ import annotations

from moderation.findings import Finding, ScreenInput
from moderation.lexicons import medical_terms as terms
from moderation.matching import compile_terms, is_negated, subject_before
from moderation.registry import detectors

_ADVICE = compile_terms(terms.ADVICE, terms.MACROS)
_DIAGNOSING = compile_terms(terms.DIAGNOSING, terms.MACROS)
# "Don't take the diazepam" is advice even though it starts with a negation.
_NEGATIVE_ADVICE = compile_terms((terms.ADVICE[-1],), terms.MACROS)


def _advises(text: str) -> bool:
    for match in _ADVICE.finditer(text):
        start = match.start()
        if subject_before(text, start) in ("first", "third"):
            continue
        if is_negated(text, start) and not _NEGATIVE_ADVICE.fullmatch(match.group()):
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
    if not reasons:
        return None
    return Finding(
        label="boundary", subtypes=("medical_advice",), reasons=tuple(dict.fromkeys(reasons))
    )
