"""What the author of a held, blocked or rejected message reads, and the label that
explains a screen decision. Words only: read by the services and the selectors alike."""

from __future__ import annotations

from moderation.models import ScreenRecord
from moderation.screen.policy import Decision

# What the author is told, kindly, when a message waits or cannot be posted.
HELD_REASONS = {
    "crisis": "Thank you for sharing this. A facilitator will read it before it goes to the "
    "group, and support is available right now: see the help resources.",
    "boundary": "A facilitator will look at this before it goes to the group: it may share "
    "contact details, plans to meet, money or medical advice, which the group agreement keeps "
    "out of the room.",
    "harassment": "A facilitator will look at this before it goes to the group: it may come "
    "across as hurtful to someone.",
    "profanity": "A facilitator will look at this before it goes to the group because of its "
    "language.",
}
BLOCKED_REASON = (
    "This message can't be posted here: it uses words this group has chosen not to allow."
)
CHECK_REASON = "A facilitator will look at this message before it goes to the group."
REJECTED_NOTICE = (
    "A facilitator decided not to share one of your messages with the group. That's not a "
    "judgement of you: the group agreement keeps some things out of the room. If you'd like "
    "to talk about it, the facilitators are here."
)


def primary_label(decision: Decision) -> str:
    """The label that explains the decision best (crisis first)."""
    if "crisis" in decision.labels or decision.room_crisis_signal:
        return "crisis"
    return decision.labels[0] if decision.labels else ""


def held_reason(category: str) -> str:
    """The kind sentence for a message held for ``category``."""
    return HELD_REASONS.get(category, CHECK_REASON)


def reason_for(action: str, category: str) -> str | None:
    """The kind sentence the author sees for a held or blocked message."""
    if action == ScreenRecord.Action.BLOCK:
        return BLOCKED_REASON
    if action == ScreenRecord.Action.HOLD:
        return held_reason(category)
    return None


def rejected_reason(reason: str) -> str:
    """What the author of a rejected message reads: the kind sentence, and the
    facilitator's own words when they gave some."""
    reason = reason.strip()
    return f"{REJECTED_NOTICE} The facilitator added: {reason}" if reason else REJECTED_NOTICE
