"""The data that flows through the pipeline: what a detector sees and what it reports."""

from __future__ import annotations

from dataclasses import dataclass

from moderation.screen.normalise import NormalisedText

AUTHOR_ROLES = ("member", "facilitator")


@dataclass(frozen=True, slots=True)
class ScreenInput:
    """One message as every detector sees it: normalised views plus who wrote it."""

    message: NormalisedText
    author_role: str = "member"


@dataclass(frozen=True, slots=True)
class Finding:
    """What one detector found in one message.

    ``reasons`` are short reason codes ("crisis.intent"); they never contain message text.
    ``terms`` are the canonical lexicon entries that matched (used only to apply a group's
    exempt words); they are lexicon words, not the author's text, and are never exposed.
    """

    label: str
    reasons: tuple[str, ...]
    severity: str | None = None
    subtypes: tuple[str, ...] = ()
    directed: bool = False
    method_detail: bool = False
    room_crisis_signal: bool = False
    terms: tuple[str, ...] = ()
