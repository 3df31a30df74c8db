"""The second opinion: the sentence encoder's heads, read after a message is posted.

The synchronous screen decides post, hold or block. This reads the message again, more
slowly (about 3 ms), and may only *add* to what the screen said: a crisis flag it missed, a
concern raised to urgent, a harassment flag. It never removes or lowers anything, so its
failure or absence leaves the room exactly as the screen alone would.

Pure: the heads are three logistic regressions over the encoder's embedding
(``data/second_opinion.json``, written by ``train_second_opinion``); :func:`addition_for`
is the whole rule, used unchanged by training, ``classify`` and the server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from moderation.screen.classifier import MIN_TOKENS, token_count
from moderation.screen.detectors.crisis import (
    model_crisis_stands,
    model_may_raise,
    rule_concepts,
)
from moderation.screen.detectors.harassment import model_harassment_stands
from moderation.screen.encoder import Encoder
from moderation.screen.encoder import shared as shared_encoder
from moderation.screen.encoder import status as encoder_status
from moderation.screen.loaded import Absent, LoadedOnce
from moderation.screen.normalise import NormalisedText, normalise_message
from moderation.screen.pipeline import screen
from moderation.screen.policy import BOUNDARY_SUBTYPES, LABELS, Decision

FORMAT = "circles-second-opinion/1"
HEADS_PATH = Path(__file__).resolve().parent / "data" / "second_opinion.json"
# The boundary subtypes the rules catch least (contact details are the rules' own: they
# are exact, and the encoder confused them with other approaches).
BOUNDARY_HEADS = ("money", "romance", "medical_advice", "meeting")
HEADS = ("crisis", "urgent", "harassment", *BOUNDARY_HEADS)

REASON_CRISIS = "crisis.second_opinion"
REASON_URGENT = "crisis.second_opinion_urgent"
REASON_HARASSMENT = "harassment.second_opinion"


def boundary_reason(subtype: str) -> str:
    return f"boundary.{subtype}.second_opinion"


@dataclass(frozen=True, slots=True)
class Addition:
    """What the second opinion adds to a screened message (nothing, most of the time)."""

    labels: tuple[str, ...] = ()  # labels the screen did not give
    severity: str | None = None  # the crisis severity now, when added or raised
    boundary: tuple[str, ...] = ()  # boundary subtypes the screen did not give
    reasons: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.reasons)


NOTHING = Addition()


@dataclass(frozen=True, slots=True)
class Screened:
    """What the synchronous screen said about a message: all the rule needs to know."""

    labels: tuple[str, ...]
    severity: str | None
    reasons: tuple[str, ...]
    boundary: tuple[str, ...] = ()

    @classmethod
    def of(cls, decision: Decision) -> Screened:
        return cls(
            labels=decision.labels,
            severity=decision.severity,
            reasons=decision.reasons,
            boundary=decision.boundary,
        )


def guards(text: str, screened: Screened) -> tuple[bool, bool]:
    """Whether a learned crisis, and a learned harassment, may stand on this message: the
    same guards as the screen's own model (denied or past crisis words, "go die" said to
    someone, fewer than three words; supportive talk about insults)."""
    return _guards(normalise_message(text), screened)


def _guards(normalised: NormalisedText, screened: Screened) -> tuple[bool, bool]:
    long_enough = token_count(normalised.text) >= MIN_TOKENS
    found = rule_concepts(normalised)
    crisis = (
        long_enough
        and "denied" not in found
        and model_may_raise(found)
        and model_crisis_stands(("crisis.model",), screened.reasons)
    )
    return crisis, long_enough and model_harassment_stands(normalised.text)


def addition_for(
    probabilities: dict[str, float],
    thresholds: dict[str, float],
    screened: Screened,
    *,
    crisis_allowed: bool,
    harassment_allowed: bool,
) -> Addition:
    """The rule: add crisis (concern, or urgent when the urgent head is sure), raise a
    concern to urgent, add harassment, add a boundary subtype; never anything else. The
    boundary heads stand where the harassment head may (three words or more, not supportive
    talk about insults)."""
    labels: list[str] = []
    reasons: list[str] = []
    severity = None
    urgent = probabilities["urgent"] >= thresholds["urgent"]
    if "crisis" not in screened.labels:
        if crisis_allowed and probabilities["crisis"] >= thresholds["crisis"]:
            labels.append("crisis")
            severity = "urgent" if urgent else "concern"
            reasons.append(REASON_CRISIS)
    elif screened.severity == "concern" and urgent and crisis_allowed:
        severity = "urgent"
        reasons.append(REASON_URGENT)
    if (
        "harassment" not in screened.labels
        and harassment_allowed
        and probabilities["harassment"] >= thresholds["harassment"]
    ):
        labels.append("harassment")
        reasons.append(REASON_HARASSMENT)
    boundary = tuple(
        subtype
        for subtype in BOUNDARY_HEADS
        if harassment_allowed
        and subtype not in screened.boundary
        and probabilities.get(subtype, 0.0) >= thresholds.get(subtype, 2.0)
    )
    if boundary:
        if "boundary" not in screened.labels:
            labels.append("boundary")
        reasons.extend(boundary_reason(subtype) for subtype in boundary)
    if not reasons:
        return NOTHING
    return Addition(
        labels=tuple(labels), severity=severity, boundary=boundary, reasons=tuple(reasons)
    )


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


class Heads:
    """The three logistic heads over the embedding, with their thresholds."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"second-opinion heads: format {data.get('format')!r} is not {FORMAT}")
        self.weights = np.array([data["heads"][h]["coef"] for h in HEADS], dtype=np.float64).T
        self.intercepts = np.array([data["heads"][h]["intercept"] for h in HEADS])
        self.thresholds = {h: float(data["thresholds"][h]) for h in HEADS}
        self.encoder_sha256: str = data["encoder_sha256"]

    def probabilities(self, vectors: np.ndarray) -> list[dict[str, float]]:
        p = _sigmoid(vectors.astype(np.float64) @ self.weights + self.intercepts)
        return [dict(zip(HEADS, (float(v) for v in row), strict=True)) for row in p]


def load_heads(path: Path = HEADS_PATH) -> Heads:
    return Heads(json.loads(path.read_text()))


class SecondOpinion:
    """The encoder and its heads together."""

    def __init__(self, encoder: Encoder, heads: Heads) -> None:
        if heads.encoder_sha256 != encoder.digest:
            raise ValueError("the second opinion's heads were trained on another encoder build")
        self.encoder = encoder
        self.heads = heads

    def judge_many(self, texts: Sequence[str], screened: Sequence[Screened]) -> list[Addition]:
        normalised = [normalise_message(t) for t in texts]
        vectors = self.encoder.embed([n.text for n in normalised])
        out = []
        for message, said, probs in zip(
            normalised, screened, self.heads.probabilities(vectors), strict=True
        ):
            crisis_ok, harassment_ok = _guards(message, said)
            out.append(
                addition_for(
                    probs,
                    self.heads.thresholds,
                    said,
                    crisis_allowed=crisis_ok,
                    harassment_allowed=harassment_ok,
                )
            )
        return out

    def judge(self, text: str, screened: Screened) -> Addition:
        return self.judge_many([text], [screened])[0]


def _load() -> SecondOpinion:
    encoder = shared_encoder()
    if encoder is None:
        raise Absent(encoder_status().removeprefix("absent: "))
    try:
        return SecondOpinion(encoder, load_heads())
    except (OSError, ValueError, KeyError) as exc:
        raise Absent(f"heads: {exc}") from exc


_shared: LoadedOnce[SecondOpinion] = LoadedOnce(_load)


def shared() -> SecondOpinion | None:
    """The process's second opinion, loaded on first use; ``None`` when it cannot be."""
    return _shared.get()


def status() -> str:
    """``ready``, ``not loaded``, or ``absent: why`` (for /healthz)."""
    return _shared.status()


def reset_for_tests(opinion: SecondOpinion | None = None, error: str | None = None) -> None:
    _shared.set(opinion, error)


def with_addition(decision: Decision, addition: Addition) -> Decision:
    """The decision as the room ends up with it once the second opinion has added to it:
    the same action (the message was already posted or held), except that a posted message
    now carries a flag."""
    if not addition:
        return decision
    added = set(decision.labels) | set(addition.labels)
    return replace(
        decision,
        labels=tuple(label for label in LABELS if label in added),
        severity=addition.severity or decision.severity,
        boundary=tuple(
            s for s in BOUNDARY_SUBTYPES if s in decision.boundary or s in addition.boundary
        ),
        action="post_and_flag" if decision.action == "post" else decision.action,
        reasons=(*decision.reasons, *addition.reasons),
    )


def screen_both(text: str, opinion: SecondOpinion | None) -> Decision:
    """Both opinions on one message (``python -m moderation classify``): the synchronous
    screen's decision, then what the second opinion adds to a message that was not blocked."""
    decision = screen(text)
    if opinion is None or decision.action == "block":
        return decision
    return with_addition(decision, opinion.judge(text, Screened.of(decision)))
