"""Boundary detector, ``money``: asking members for money, offering it, or selling to them.

Talking about one's own money worries ("can't afford my prescription") is not a request.
"""

from __future__ import annotations

import re

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import boundary_terms as terms
from moderation.screen.matching import compile_terms, expand, is_negated
from moderation.screen.registry import detectors

_MONEY = compile_terms(terms.MONEY, terms.MACROS)
_REQUEST = compile_terms(terms.MONEY_REQUEST, terms.MACROS)
_FINANCE = compile_terms((terms.FINANCE,), terms.MACROS)
_HELP = compile_terms(terms.MONEY_HELP, terms.MACROS)
# Runs only after a request for help: a plain regex, kept out of the prefilter.
_AMOUNT = re.compile(rf"(?<![a-z0-9])(?:{expand(terms.AMOUNT, terms.MACROS)})(?![a-z0-9])")


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
        for match in _HELP.finditer(text):
            if not is_negated(text, match.start()) and _AMOUNT.search(message.base):
                return Finding(
                    label="boundary", subtypes=("money",), reasons=("boundary.money.help",)
                )
    return None
