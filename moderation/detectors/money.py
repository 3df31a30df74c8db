"""Boundary detector, ``money``: asking members for money, offering it, or selling to them.

Talking about one's own money worries ("can't afford my prescription") is not a request.
"""

from __future__ import annotations

from moderation.findings import Finding, ScreenInput
from moderation.lexicons import boundary_terms as terms
from moderation.matching import compile_terms, is_negated
from moderation.registry import detectors

_MONEY = compile_terms(terms.MONEY, terms.MACROS)
_REQUEST = compile_terms(terms.MONEY_REQUEST, terms.MACROS)
_FINANCE = compile_terms((terms.FINANCE,), terms.MACROS)


@detectors.register("boundary.money")
def detect_money(screen_input: ScreenInput) -> Finding | None:
    """Detect money being asked for, offered or charged between members."""
    message = screen_input.message
    for text in message.views:
        for pattern, reason, needs_finance in (
            (_MONEY, "boundary.money", False),
            (_REQUEST, "boundary.money.request", True),
        ):
            for match in pattern.finditer(text):
                if is_negated(text, match.start()):
                    continue
                if needs_finance and _FINANCE.search(message.base) is None:
                    continue
                return Finding(label="boundary", subtypes=("money",), reasons=(reason,))
    return None
