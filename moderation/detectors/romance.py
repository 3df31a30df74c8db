"""Boundary detector, ``romance``: romantic or sexual approaches to a member.

Only phrasings aimed at the reader count: talking about one's own partner ("date night with
my husband") or a crush outside the group is ordinary life.
"""

from __future__ import annotations

from moderation.findings import Finding, ScreenInput
from moderation.lexicons import boundary_terms as terms
from moderation.matching import compile_terms, is_negated
from moderation.registry import detectors

_ROMANCE = compile_terms(terms.ROMANCE, terms.MACROS)


@detectors.register("boundary.romance")
def detect_romance(screen_input: ScreenInput) -> Finding | None:
    """Detect romantic or sexual advances."""
    for text in screen_input.message.views:
        for match in _ROMANCE.finditer(text):
            if not is_negated(text, match.start()):
                return Finding(
                    label="boundary", subtypes=("romance",), reasons=("boundary.romance",)
                )
    return None
