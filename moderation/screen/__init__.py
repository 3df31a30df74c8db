"""The moderation screen: every message passes it before broadcast (SPEC 3).

    from moderation.screen import screen, ModerationPolicy, Decision
    decision = screen(text, policy=ModerationPolicy(), author_role="member")

Pure Python: no Django, no database, no network. An import-linter contract in
``pyproject.toml`` forbids it to import Django or the rest of the project.
"""

from moderation.screen import classifier
from moderation.screen.pipeline import forget_context, screen
from moderation.screen.policy import DEFAULT_POLICY, Decision, ModerationPolicy


def forget_texts() -> None:
    """Drop the messages and words the screen keeps in memory to run faster (a member's
    erasure, the retention purge): nothing of a message outlives it here."""
    forget_context()
    classifier.forget()


__all__ = ["DEFAULT_POLICY", "Decision", "ModerationPolicy", "forget_texts", "screen"]
