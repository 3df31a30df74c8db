"""Boundary detector, ``contact``: sharing or asking for phone numbers, e-mails, addresses,
social handles, or moving a conversation off the platform.

Phone numbers are found with ``phonenumbers`` across the regions Circles serves, but only
after a cheap pre-check finds seven or more digits close together: the matcher costs ~50 us
per region and most messages have no number at all.
"""

from __future__ import annotations

import re

from moderation.screen.details import REGIONS, phone_numbers
from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import contact_terms as terms
from moderation.screen.matching import compile_loose, compile_terms, is_negated
from moderation.screen.registry import detectors

_SHARE = compile_terms(terms.SHARE, terms.MACROS)
_ADDRESS = compile_terms(terms.ADDRESS, terms.MACROS)
_ASK = compile_terms(terms.ASK, terms.MACROS)
_HELPLINE_WORDS = compile_terms((terms.HELPLINE_WORDS,))
_PERSONAL = re.compile(terms.PERSONAL)
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().\-/]{5,}\d")
_EMAIL = re.compile(
    r"(?<![\w.+-])([a-z0-9._%+-]{1,64})@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(?![a-z0-9])"
)
_ROLE_MAILBOX = re.compile(rf"(?:{terms.ROLE_MAILBOXES})")
_SPELLED_EMAIL = compile_loose(
    (
        r"(?<![a-z0-9._])[a-z0-9._]{2,64} ?(?:\(at\)|\[at\]| at ) ?"
        r"(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|proton|protonmail|live|aol|btinternet|sky|me)"
        r" ?(?:\.|dot|\(dot\)) ?(?:com|co ?uk|ie|net|org|me|co nz|com au)(?![a-z])",
    )
)
_HANDLE = re.compile(r"(?<![\w@])@[a-z0-9_][a-z0-9_.]{1,29}")
_NUMBER_WORD_RUN = re.compile(rf"(?<![a-z])(?:(?:{terms.NUMBER_WORDS}|\d)(?:[\s,.\-]+|$)){{7,}}")
_UK_POSTCODE = re.compile(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![a-z0-9])")
_POSTCODE_CONTEXT = re.compile(r"(?<![a-z])(?:postcode|post code|address|live|flat|house)(?![a-z])")


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _is_helpline(number: str, sentence: str, role: str) -> bool:
    """A known crisis line, or a number presented as a helpline rather than as one's own."""
    if _digits(number) in terms.HELPLINE_NUMBERS:
        return True
    if _HELPLINE_WORDS.search(sentence) is None:
        return False
    return role == "facilitator" or _PERSONAL.search(sentence) is None


def _phone_reasons(screen_input: ScreenInput) -> list[str]:
    base = screen_input.message.base
    reasons: list[str] = []
    if any(len(_digits(run)) >= 7 for run in _DIGIT_RUN.findall(base)):
        # One region reads nearly every national format as possible (~20 us); the others run
        # only where the writer says a number is theirs ("text me", "my number").
        regions = REGIONS if _PERSONAL.search(base) else REGIONS[:1]
        for start, number in phone_numbers(base, regions):
            context = base[max(0, start - 80) : start + len(number) + 40]
            if not _is_helpline(number, context, screen_input.author_role):
                reasons.append("boundary.contact.phone")
                break
    spelled = _NUMBER_WORD_RUN.search(screen_input.message.text)
    if (
        spelled
        and sum(
            2 if word == "double" else 1 for word in spelled.group().split() if word != "triple"
        )
        >= 7
    ):
        reasons.append("boundary.contact.phone")
    return reasons


def _email_reasons(screen_input: ScreenInput) -> list[str]:
    base = screen_input.message.base
    for match in _EMAIL.finditer(base):
        if not _ROLE_MAILBOX.fullmatch(match.group(1)):
            return ["boundary.contact.email"]
    if _SPELLED_EMAIL.search(base):
        return ["boundary.contact.email"]
    return []


@detectors.register("boundary.contact")
def detect_contact(screen_input: ScreenInput) -> Finding | None:
    """Detect contact details being shared or asked for."""
    message = screen_input.message
    has_digit = _ANY_DIGIT.search(message.base) is not None
    reasons = _phone_reasons(screen_input) if has_digit else []
    if "@" in message.base or " at " in message.base:
        reasons += _email_reasons(screen_input)
    text = message.text
    for pattern, reason in (
        (_SHARE, "boundary.contact.share"),
        (_ADDRESS, "boundary.contact.address"),
        (_ASK, "boundary.contact.ask"),
    ):
        match = pattern.search(text)
        if match and not is_negated(text, match.start()):
            reasons.append(reason)
    if reasons and _HANDLE.search(message.base):
        reasons.append("boundary.contact.handle")
    # A postcode has digits: most messages have none, and skip both scans.
    if has_digit and _UK_POSTCODE.search(message.base) and _POSTCODE_CONTEXT.search(message.base):
        reasons.append("boundary.contact.address")
    if not reasons:
        return None
    return Finding(label="boundary", subtypes=("contact",), reasons=tuple(dict.fromkeys(reasons)))
