"""Per-group moderation policy and the decision it produces: one action per message.

Defaults follow SPEC 3.3: crisis language is posted and flagged (the person needs to be
heard) and the author gets the crisis card; crisis messages describing methods or means in
detail are held (safe-messaging guidance) and still get the card; boundary issues,
harassment and directed profanity are held for a facilitator; undirected swearing is posted.

``block`` is used only for words a coordinator added to ``extra_blocked_words``: a block
silences a message with no human looking at it, so nothing the detectors infer on their own
(which can be wrong) blocks by default. A crisis message is never blocked: it is held
instead, so that a facilitator always sees it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

LABELS = ("crisis", "boundary", "harassment", "profanity")
SEVERITIES = ("urgent", "concern")
BOUNDARY_SUBTYPES = ("contact", "meeting", "romance", "money", "medical_advice")
ACTIONS = ("post", "post_and_flag", "hold", "block")
# Crisis language must always reach a facilitator: it may be flagged or held, never posted
# silently or blocked.
CRISIS_ACTIONS = ("post_and_flag", "hold")
_RANK = {action: rank for rank, action in enumerate(ACTIONS)}


def most_restrictive(actions: Iterable[str]) -> str:
    """Return the most restrictive of ``actions`` (``post`` when there are none)."""
    return max(actions, key=_RANK.__getitem__, default="post")


def _words(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("word lists must be lists of strings, not one string")
    words: list[str] = []
    for word in value:
        if not isinstance(word, str):
            raise TypeError("word lists must contain strings")
        cleaned = " ".join(word.casefold().split())
        if cleaned and cleaned not in words:
            words.append(cleaned)
    return tuple(words)


@dataclass(frozen=True, slots=True)
class ModerationPolicy:
    """A group's moderation choices; stored as JSON per group (``to_dict`` / ``from_dict``)."""

    allow_undirected_profanity: bool = True
    crisis_urgent_action: str = "post_and_flag"
    crisis_concern_action: str = "post_and_flag"
    crisis_method_detail_action: str = "hold"
    boundary_action: str = "hold"
    harassment_action: str = "hold"
    directed_profanity_action: str = "hold"
    disallowed_profanity_action: str = "hold"
    extra_blocked_words: tuple[str, ...] = ()
    exempt_words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in (
            "crisis_urgent_action",
            "crisis_concern_action",
            "crisis_method_detail_action",
        ):
            if getattr(self, name) not in CRISIS_ACTIONS:
                raise ValueError(f"{name} must be one of {CRISIS_ACTIONS}")
        for name in (
            "boundary_action",
            "harassment_action",
            "directed_profanity_action",
            "disallowed_profanity_action",
        ):
            if getattr(self, name) not in ACTIONS:
                raise ValueError(f"{name} must be one of {ACTIONS}")
        if not isinstance(self.allow_undirected_profanity, bool):
            raise TypeError("allow_undirected_profanity must be a bool")
        object.__setattr__(self, "extra_blocked_words", _words(self.extra_blocked_words))
        object.__setattr__(self, "exempt_words", _words(self.exempt_words))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ModerationPolicy:
        """Build a policy from stored JSON; unknown keys are ignored so old rows still load."""
        known = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (word lists as lists)."""
        data = asdict(self)
        data["extra_blocked_words"] = list(self.extra_blocked_words)
        data["exempt_words"] = list(self.exempt_words)
        return data


DEFAULT_POLICY = ModerationPolicy()


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of screening one message.

    ``severity == "urgent"`` always means an escalation must be opened, whatever the action
    (a held crisis message still reaches the facilitators). ``reasons`` are reason codes,
    never message text, so they are safe to store and log.
    """

    labels: tuple[str, ...]
    severity: str | None
    boundary: tuple[str, ...]
    action: str
    reasons: tuple[str, ...]
    crisis_card: bool
    room_crisis_signal: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as a JSON-ready dict."""
        return {
            "labels": list(self.labels),
            "severity": self.severity,
            "boundary": list(self.boundary),
            "action": self.action,
            "reasons": list(self.reasons),
            "crisis_card": self.crisis_card,
            "room_crisis_signal": self.room_crisis_signal,
        }
