"""Circles moderation pipeline: screen every message before it is broadcast (SPEC 3).

    from moderation import screen, ModerationPolicy, Decision
    decision = screen(text, policy=ModerationPolicy(), author_role="member")

Pure Python: no Django, no database, no network.
"""

from moderation.pipeline import screen
from moderation.policy import DEFAULT_POLICY, Decision, ModerationPolicy

__all__ = ["DEFAULT_POLICY", "Decision", "ModerationPolicy", "screen"]
