"""A translation table from look-alike characters to plain lower-case ASCII letters.

Built once at import from the Unicode confusables data shipped inside the
``confusable-homoglyphs`` package, so matching never calls a library per message.
"""

from __future__ import annotations

import json
import string
import unicodedata
from importlib import resources

# Typographic punctuation that NFKC leaves alone but that people type on phones: the lexicons
# are written with ASCII apostrophes, quotes and hyphens.
_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}


def _load_confusables() -> dict[str, list[dict[str, str]]]:
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    loaded: dict[str, list[dict[str, str]]] = json.loads(data)
    return loaded


def build_table() -> dict[int, str]:
    """Return a ``str.translate`` table mapping homoglyphs of a-z to their ASCII letter."""
    confusables = _load_confusables()
    table: dict[int, str] = {}
    # Lower-case keys first so that a character confusable with both "l" and "I" becomes "l".
    for key in string.ascii_lowercase + string.ascii_uppercase:
        target = key.lower()
        for entry in confusables.get(key, ()):
            for char in (entry["c"], entry["c"].casefold()):
                if len(char) != 1 or char.isascii():
                    continue
                # Digits of other scripts stay digits: phone numbers must survive for contact
                # detection, and mapping a Devanagari zero to "o" would only add noise.
                if unicodedata.category(char) == "Nd":
                    continue
                table.setdefault(ord(char), target)
    for char, replacement in _PUNCTUATION.items():
        table[ord(char)] = replacement
    return table


HOMOGLYPH_TABLE: dict[int, str] = build_table()
