"""Crisis detector: turns crisis concepts into a severity, ``urgent`` or ``concern``.

Urgent: intent, a plan, means at hand, a time bound to an act, an attempt or self-harm in
progress, a farewell, harm to others, danger from an abuser now, someone else's attempt now.
Concern: passive or active ideation without a plan, hopelessness, burden talk, recent
self-harm, ongoing abuse, worry about someone else. Weak signs (a preparation, means kept
nearby, one farewell cue, standing on a bridge) count only beside another sign: alone they
are ordinary life.
"""

from __future__ import annotations

from collections.abc import Iterable

from moderation.screen.classifier import opinion
from moderation.screen.detectors.crisis_signals import concepts
from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.normalise import NormalisedText
from moderation.screen.registry import detectors

URGENT_ALONE = (
    "intent",
    "timed_act",
    "plan",
    "in_progress",
    "farewell",
    "farewell_cues",
    "means",
    "abuser_danger",
    "third_person_now",
    "harm_others",
    "ideation_timed",
)
CONCERN = (
    "active_ideation",
    "passive_ideation",
    "hopelessness",
    "burden",
    "recent_self_harm",
    "third_person",
    "abuse_ongoing",
    "harm_wish",
)
# Signs that make another sign urgent but are not crisis language on their own.
WEAK = ("preparation", "means_weak", "farewell_weak", "warning_signs", "location", "timed_vague")
# Laughter turns these into a concern (a facilitator still looks), never into nothing.
_DEMOTED_BY_LAUGHTER = ("intent", "timed_act", "ideation_timed")


def assess(found: set[str]) -> tuple[str | None, tuple[str, ...]]:
    """Return the severity and the reason codes for a set of concepts."""
    urgent = [name for name in URGENT_ALONE if name in found]
    concern = [name for name in CONCERN if name in found]
    weak = [name for name in WEAK if name in found]
    if "laughter" in found:
        demoted = [name for name in urgent if name in _DEMOTED_BY_LAUGHTER]
        urgent = [
            name for name in urgent if name not in _DEMOTED_BY_LAUGHTER and name != "harm_others"
        ]
        concern += demoted
    if "hedged" in found and "ideation_timed" in urgent and len(urgent) == 1:
        urgent = []
    if weak and (
        urgent or concern or len(weak) >= 2 or ("location" in weak and "timeline" in found)
    ):
        urgent += weak
    reasons = tuple(f"crisis.{name}" for name in (*urgent, *concern))
    if urgent:
        return "urgent", reasons
    if concern:
        return "concern", reasons
    return None, ()


def model_may_raise(found: set[str]) -> bool:
    """Whether a learned opinion may raise the rules' concern to urgent: not where the rules
    demoted urgent words on purpose (a joke's laughter, a hedge), which word counts cannot
    see."""
    return not ({"laughter", "hedged"} & found)


def rule_concepts(message: NormalisedText) -> set[str]:
    """The crisis concepts the rules find in any view of a message."""
    found: set[str] = set()
    for view in message.views:
        found |= concepts(view)
    return found


def combine(rules: str | None, model: str | None) -> tuple[str | None, bool]:
    """The crisis severity from the rules' and the model's, and whether the model changed it.

    The model may add a crisis the rules missed, or raise the rules' ``concern`` to
    ``urgent``; it never removes or lowers what the rules found.
    """
    if model is None or _RANK[model] <= _RANK[rules]:
        return rules, False
    return model, True


_RANK = {None: 0, "concern": 1, "urgent": 2}


def model_crisis_stands(crisis_reasons: Iterable[str], other_reasons: Iterable[str]) -> bool:
    """Whether a crisis finding stands beside the other detectors' reasons. One that only the
    model made does not when the harassment rules found "go die" aimed at someone: the
    words are about the person it is said to (the room crisis signal covers them), not the
    writer."""
    if set(crisis_reasons) - {"crisis.model"}:
        return True
    return "harassment.self_harm_abuse" not in set(other_reasons)


@detectors.register("crisis")
def detect_crisis(screen_input: ScreenInput) -> Finding | None:
    """Detect crisis language about the writer or someone they describe.

    The rules decide first; the learned model (``moderation.screen.classifier``) can add a
    crisis finding they missed (reason ``crisis.model``) or raise their concern to urgent
    (``crisis.model_urgent``), never remove or lower one. When the rules found crisis words
    only denied or in the past ("i would never..."), the model adds nothing either.
    """
    found = rule_concepts(screen_input.message)
    rules, reasons = assess(found)
    if rules == "urgent":
        return Finding(
            label="crisis",
            reasons=reasons,
            severity=rules,
            method_detail="method_detail" in found,
        )
    model = None if rules is None and "denied" in found else opinion(screen_input.message.text)
    learned = None if model is None else model.severity
    if rules == "concern" and not model_may_raise(found):
        learned = None
    severity, raised = combine(rules, learned)
    if severity is None:
        return None
    if raised:
        reasons = (*reasons, "crisis.model" if rules is None else "crisis.model_urgent")
    return Finding(
        label="crisis",
        reasons=reasons,
        severity=severity,
        method_detail=severity == "urgent" and "method_detail" in found,
    )
