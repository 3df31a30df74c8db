"""Contact details as text: the one phone-number finder the screen's contact detector and
the transcripts' redaction (``moderation.redaction``) share.

Pure: ``phonenumbers`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

# The regions Circles serves (the crisis lines of SPEC 4 are theirs).
REGIONS = ("GB", "US", "AU", "IE", "NZ", "CA")

# How phone numbers are written, as opposed to other long numbers: a leading + or 0, digits
# separated by spaces, dots or dashes, or an area code in brackets.
_PHONE_SHAPE = re.compile(r"^\+|^0\d|\d[\s.\-]\d|\(\d+\)")


def phone_numbers(text: str, regions: tuple[str, ...] = REGIONS) -> Iterator[tuple[int, str]]:
    """Yield ``(start, number)`` for possible phone numbers written the way phone numbers are.

    "Possible" rather than "valid": members type fictional-looking and partial numbers, and a
    number shared to move a chat off the platform is a boundary issue whether or not it is
    allocated. A generator, so that a caller may stop at the first one. Offsets are into
    ``text``.
    """
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            # Digits inside a longer token (a hex id, a tracking code) are not a phone number.
            glued = (match.start > 0 and text[match.start - 1].isalpha()) or (
                match.end < len(text) and text[match.end].isalpha()
            )
            if _PHONE_SHAPE.search(match.raw_string) and not glued:
                yield match.start, match.raw_string
