"""The screen: normalise, run every registered detector, decide one action by the policy.

Pure and synchronous: no database, no network, no logging of message text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from moderation.screen import detectors as _detectors  # noqa: F401  (registers the detectors)
from moderation.screen.classifier import shipped_model
from moderation.screen.detectors.crisis import (
    assess,
    detect_crisis,
    model_crisis_stands,
    rule_concepts,
)
from moderation.screen.findings import AUTHOR_ROLES, Finding, ScreenInput
from moderation.screen.normalise import NormalisedText, normalise, normalise_message
from moderation.screen.policy import (
    BOUNDARY_SUBTYPES,
    DEFAULT_POLICY,
    LABELS,
    Decision,
    ModerationPolicy,
    most_restrictive,
)
from moderation.screen.registry import detectors

logger = logging.getLogger(__name__)

# Messages are at most 2,000 characters (SPEC 2); anything far longer is not chat. It is
# screened up to this length and held for a human, so that no unscreened text reaches a room
# and no single message can stall the screen.
MAX_SCREENED_CHARS = 20_000


@lru_cache(maxsize=256)
def _word_matcher(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile a policy word list once per distinct list (policies are few, messages many)."""
    forms = sorted({normalise(word) for word in words} - {""}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, forms)) + r")(?![a-z0-9])")


def _mentions(message: NormalisedText, words: tuple[str, ...]) -> bool:
    matcher = _word_matcher(words)
    return matcher is not None and any(matcher.search(view) for view in message.views)


def _apply_exemptions(found: list[Finding], policy: ModerationPolicy) -> list[Finding]:
    """Drop profanity whose every matched word the group has exempted."""
    if not policy.exempt_words:
        return found
    exempt = {normalise(word) for word in policy.exempt_words}
    kept: list[Finding] = []
    for finding in found:
        if finding.label == "profanity" and finding.terms and set(finding.terms) <= exempt:
            continue
        kept.append(finding)
    return kept


def _run_detectors(screen_input: ScreenInput) -> tuple[list[Finding], bool]:
    found: list[Finding] = []
    failed = False
    for key, detector in detectors.items():
        try:
            result = detector(screen_input)
        except Exception:  # one broken detector must not take down the room
            # Fail closed: the message is held for a human. Only the detector key and the
            # exception type are logged, never the text.
            logger.exception("moderation detector %s failed", key)
            failed = True
            continue
        if result is not None:
            found.append(result)
    return found, failed


# Most messages: nothing found.
_CLEAN = Decision(
    labels=(),
    severity=None,
    boundary=(),
    action="post",
    reasons=(),
    crisis_card=False,
    room_crisis_signal=False,
)


def decide(
    found: list[Finding],
    policy: ModerationPolicy,
    *,
    blocked: bool = False,
    failed: bool = False,
    too_long: bool = False,
) -> Decision:
    """Turn findings into exactly one action according to ``policy``."""
    if not (found or blocked or failed or too_long):
        return _CLEAN
    by_label = {finding.label: finding for finding in found}
    subtypes = {
        subtype for finding in found if finding.label == "boundary" for subtype in finding.subtypes
    }
    actions: list[str] = []
    reasons: list[str] = []
    crisis = by_label.get("crisis")
    if crisis is not None:
        if crisis.method_detail:
            actions.append(policy.crisis_method_detail_action)
        elif crisis.severity == "urgent":
            actions.append(policy.crisis_urgent_action)
        else:
            actions.append(policy.crisis_concern_action)
    if "boundary" in by_label:
        actions.append(policy.boundary_action)
    if "harassment" in by_label:
        actions.append(policy.harassment_action)
    profanity = by_label.get("profanity")
    if profanity is not None:
        # Swearing inside abuse is directed; alone it is directed only when aimed at "you".
        if profanity.directed or "harassment" in by_label:
            actions.append(policy.directed_profanity_action)
        elif not policy.allow_undirected_profanity:
            actions.append(policy.disallowed_profanity_action)
    for finding in found:
        reasons.extend(finding.reasons)
    if blocked:
        actions.append("block")
        reasons.append("policy.blocked_word")
    if failed:
        actions.append("hold")
        reasons.append("pipeline.detector_error")
    if too_long:
        actions.append("hold")
        reasons.append("pipeline.too_long")
    action = most_restrictive(actions)
    if crisis is not None and action == "block":
        # Never silence someone in crisis without a human seeing it.
        action = "hold"
    return Decision(
        labels=tuple(label for label in LABELS if label in by_label),
        severity=crisis.severity if crisis is not None else None,
        boundary=tuple(subtype for subtype in BOUNDARY_SUBTYPES if subtype in subtypes),
        action=action,
        reasons=tuple(dict.fromkeys(reasons)),
        crisis_card=crisis is not None,
        room_crisis_signal=any(finding.room_crisis_signal for finding in found),
    )


# How many of the author's previous messages in the session are read with a message.
CONTEXT_MESSAGES = 3
_RANK = {None: 0, "concern": 1, "urgent": 2}


def forget_context() -> None:
    """Forget the messages cached for reading as context."""
    _crisis_alone.cache_clear()


@lru_cache(maxsize=4096)
def _crisis_alone(text: str, model: int) -> str | None:
    """The crisis severity of one message on its own (cached, per model: each message is
    read again as context for the author's next few)."""
    finding = detect_crisis(ScreenInput(message=normalise_message(text[:MAX_SCREENED_CHARS])))
    return None if finding is None else finding.severity


def _crisis_in_context(text: str, context: Sequence[str], found: list[Finding]) -> list[Finding]:
    """Read the message with the author's previous few: a plan spread over three messages is
    one plan. The rules read the messages together (each its own sentence); a crisis finding
    is added or raised only when together they say more than any one alone (rules and
    model), so a flagged message does not flag the next ones again. The learned model does
    not read the joined text: its word counts would pair a wish in one message with an
    unrelated "next week" in another."""
    recent = [piece for piece in context[-CONTEXT_MESSAGES:] if piece.strip()]
    if not recent:
        return found
    own = next((finding for finding in found if finding.label == "crisis"), None)
    strongest = max(
        [_RANK[own.severity if own is not None else None]]
        + [_RANK[_crisis_alone(piece, id(shipped_model()))] for piece in recent]
    )
    if strongest == _RANK["urgent"]:
        return found
    # Each message is its own sentence: the rules read sentences.
    joined = ".\n".join([*recent, text])[-MAX_SCREENED_CHARS:]
    severity, reasons = assess(rule_concepts(normalise_message(joined)))
    if _RANK[severity] <= strongest:
        return found
    merged = (*(own.reasons if own is not None else ()), *reasons, "crisis.context")
    raised = Finding(label="crisis", reasons=tuple(dict.fromkeys(merged)), severity=severity)
    return [finding for finding in found if finding.label != "crisis"] + [raised]


def _without_unfounded_crisis(found: list[Finding]) -> list[Finding]:
    crisis = next((finding for finding in found if finding.label == "crisis"), None)
    if crisis is None:
        return found
    others = [reason for finding in found if finding is not crisis for reason in finding.reasons]
    if model_crisis_stands(crisis.reasons, others):
        return found
    return [finding for finding in found if finding is not crisis]


def screen(
    text: str,
    *,
    policy: ModerationPolicy = DEFAULT_POLICY,
    author_role: str = "member",
    context: Sequence[str] = (),
) -> Decision:
    """Screen one message before it is broadcast and return the decision.

    ``context``: the author's previous messages in the session, oldest first (the last
    ``CONTEXT_MESSAGES`` are read with this one for crisis language).
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    # An unknown role gets the least privilege: no facilitator exemptions.
    role = author_role if author_role in AUTHOR_ROLES else "member"
    too_long = len(text) > MAX_SCREENED_CHARS
    message = normalise_message(text[:MAX_SCREENED_CHARS] if too_long else text)
    found, failed = _run_detectors(ScreenInput(message=message, author_role=role))
    found = _without_unfounded_crisis(found)
    if context:
        try:
            found = _crisis_in_context(text, context, found)
        except Exception:  # as for a detector: fail closed, never take down the room
            logger.exception("moderation context reading failed")
            failed = True
    found = _apply_exemptions(found, policy)
    blocked = bool(policy.extra_blocked_words) and _mentions(message, policy.extra_blocked_words)
    return decide(found, policy, blocked=blocked, failed=failed, too_long=too_long)
