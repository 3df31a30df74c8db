"""Boundary detector, ``romance``: romantic or sexual approaches to a member.

Only phrasings aimed at the reader count: talking about one's own partner ("date night with
my husband") or a crush outside the group is ordinary life.
"""

from __future__ import annotations

import re

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import boundary_terms as terms
from moderation.screen.matching import compile_terms, expand, is_negated
from moderation.screen.registry import detectors

_ROMANCE = compile_terms(terms.ROMANCE, terms.MACROS)
_FLIRT_EMOJI = re.compile(f"[{terms.FLIRT_EMOJI}]")
# Runs only when a flirting emoji occurs: a plain regex, kept out of the shared prefilter.
_FLIRT_CONTEXT = re.compile(
    rf"(?<![a-z0-9])(?:{expand('|'.join(terms.FLIRT_CONTEXT), terms.MACROS)})(?![a-z0-9])"
)


def _flirting(text: str) -> bool:
    """A flirting emoji with looks, a pet name or an invitation aimed at the reader."""
    return any(not is_negated(text, match.start()) for match in _FLIRT_CONTEXT.finditer(text))


@detectors.register("boundary.romance")
def detect_romance(screen_input: ScreenInput) -> Finding | None:
    """Detect romantic or sexual advances."""
    for text in screen_input.message.views:
        for match in _ROMANCE.finditer(text):
            if not is_negated(text, match.start()):
                return Finding(
                    label="boundary", subtypes=("romance",), reasons=("boundary.romance",)
                )
    message = screen_input.message
    if not message.base.isascii() and _FLIRT_EMOJI.search(message.base) and _flirting(message.text):
        return Finding(label="boundary", subtypes=("romance",), reasons=("boundary.romance.emoji",))
    return None
