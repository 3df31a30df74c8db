"""The moderation screen: every message passes it before broadcast (SPEC 3).

    from moderation.screen import screen, ModerationPolicy, Decision
    decision = screen(text, policy=ModerationPolicy(), author_role="member")

Pure Python: no Django, no database, no network. An import-linter contract in
``pyproject.toml`` forbids it to import Django or the rest of the project.
"""

from moderation.screen.pipeline import screen
from moderation.screen.policy import DEFAULT_POLICY, Decision, ModerationPolicy

__all__ = ["DEFAULT_POLICY", "Decision", "ModerationPolicy", "screen"]
