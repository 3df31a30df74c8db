"""Normalise a copy of a message for matching; the raw text is never modified.

Two views are produced:

* ``base``: Unicode-folded (NFKC, casefold, accents, zero-width and bidi controls removed,
  homoglyphs mapped) but otherwise as typed. Digits, ``@`` and dots survive, so contact
  details (phone numbers, e-mails, handles) are detected here.
* ``text``: ``base`` plus leetspeak, letters split by dots or spaces joined back, stretched
  letters collapsed to two, and whitespace collapsed. Lexicons match here. When the message
  had a letter repeated three or more times, ``alt`` holds the same view with such runs
  collapsed to one ("dieeee" -> "die", while "soooo good" -> "soo good" stays matchable as
  "good" in ``text``), so legitimate double letters are never destroyed.

``normalise(normalise(x)) == normalise(x)`` holds (checked by a property test).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from moderation.screen.homoglyphs import HOMOGLYPH_TABLE

# Categories dropped from the matching copy: combining marks (accents, zalgo, strike-through
# overlays, variation selectors), format characters (zero-width spaces and joiners, bidi
# controls, soft hyphens), lone surrogates and private-use characters. None of them carries
# meaning a lexicon could use, and all of them are used to slip words past filters.
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cs", "Co", "Cn"})

_ASCII_CONTROLS = {code: " " for code in range(32)} | {127: " "}


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in _DROPPED_CATEGORIES:
        return ""
    if category == "Cc":
        return " "
    return char.translate(HOMOGLYPH_TABLE)


def fold(raw: str) -> str:
    """Return the ``base`` view: Unicode folded, homoglyphs mapped, nothing else changed."""
    if raw.isascii():
        # Fast path for the common case: NFKC and NFKD are the identity on ASCII.
        return raw.lower() if raw.isprintable() else raw.lower().translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", raw).casefold())
    return "".join(map(_fold_char, text))


# --- leetspeak -------------------------------------------------------------------------

_LEET_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_LEET_HINT = re.compile(r"[0-9@$!]")
_LEET_TOKEN = re.compile(r"[a-z0-9@$!]*[0-9@$!][a-z0-9@$!]*")
# Tokens that are a number with a unit or ordinal ("200mg", "10pm", "3rd", "24hrs") are
# numbers, not leetspeak: a dose or a time must stay readable.
_NUMBER_WITH_UNIT = re.compile(
    r"\$?\d+(?:st|nd|rd|th|s|am|pm|mg|mcg|ml|g|kg|k|km|mi|lb|lbs|h|hr|hrs|m|min|mins|x|yo|yrs|p|iu|mph|kph|ft|cm|mm|ish)"
)


def _deleet_token(match: re.Match[str]) -> str:
    token = match.group()
    letters = sum(char.isalpha() for char in token)
    if letters < 2 or letters * 2 < len(token) or _NUMBER_WITH_UNIT.fullmatch(token):
        return token
    chars = list(token.translate(_LEET_DIGITS))
    alnum = [char.isalnum() for char in chars]
    first, last = alnum.index(True), len(alnum) - 1 - alnum[::-1].index(True)
    for index, char in enumerate(chars):
        # A symbol counts as a letter only between letters ("sh!t", "a$$hole"), never at the
        # edge of a word ("wow!!", "@name"), except a leading "$" ("$hit").
        inside = first < index < last
        if char == "!" and inside:
            chars[index] = "i"
        elif char == "@" and inside:
            chars[index] = "a"
        elif char == "$" and (inside or index < first):
            chars[index] = "s"
    return "".join(chars)


# --- letters split apart -------------------------------------------------------------

_CONTRACTION_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")
_DOTTED = re.compile(r"(?<![a-z0-9])[a-z]+(?:\.[a-z]+)+(?![a-z0-9])")
_SEPARATED_SINGLES = re.compile(r"(?<![a-z0-9])[a-z](?:[-_*][a-z]){2,}(?![a-z0-9])")
_SPACED_SINGLES = re.compile(r"(?<![\w'])[a-z](?![\w'])(?:\s+[a-z](?![\w']))+")
_GAP = re.compile(r"\s+")


def _join_dotted(match: re.Match[str]) -> str:
    parts = match.group().split(".")
    # "s.u.i.c.i.d.e", "sel.f har.med": a short fragment means a word was split on purpose.
    # "done.goodbye" (a missing space) becomes two words again.
    if min(len(part) for part in parts) <= 3:
        return "".join(parts)
    return " ".join(parts)


def _join_separated(match: re.Match[str]) -> str:
    return re.sub(r"[-_*]", "", match.group())


def _join_spaced(match: re.Match[str]) -> str:
    run = match.group()
    letters = run[::1].split()
    if len(letters) < 3:
        return run
    gaps = [len(gap) for gap in _GAP.findall(run)]
    narrowest = min(gaps)
    # Letters spaced apart with wider gaps between words: "w i s h   i   w a s".
    words: list[str] = [letters[0]]
    for letter, gap in zip(letters[1:], gaps, strict=True):
        if gap == narrowest:
            words[-1] += letter
        else:
            words.append(letter)
    # Three or more one-letter words in a row would be joined by a second pass; join them now
    # so that normalisation is idempotent.
    merged: list[str] = []
    singles: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            singles.append(word)
            continue
        if len(singles) >= 3:
            merged.append("".join(singles))
        else:
            merged.extend(singles)
        singles = []
        if word:
            merged.append(word)
    return " ".join(merged)


_STRETCHED = re.compile(r"([a-z])\1{2,}")
_WHITESPACE = re.compile(r"\s+")


# Characters or shapes without which no obfuscation rewrite below can apply.
_OBFUSCATION_HINT = re.compile(
    r"[a-z0-9][!@$]+[a-z0-9]|\$[!@$]*[a-z]|[a-z][0-9]|[0-9][a-z]|[a-z]['.*_-][a-z]|(?<![\w'])[a-z]\s+[a-z](?![\w'])|\s\s|^\s|\s$"
)


def _rewrite(text: str) -> str:
    if "'" in text:
        text = _CONTRACTION_APOSTROPHE.sub("", text)
    if _LEET_HINT.search(text):
        text = _LEET_TOKEN.sub(_deleet_token, text)
    if "." in text:
        text = _DOTTED.sub(_join_dotted, text)
    if "-" in text or "_" in text or "*" in text:
        text = _SEPARATED_SINGLES.sub(_join_separated, text)
    text = _SPACED_SINGLES.sub(_join_spaced, text)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = _WHITESPACE.sub(" ", text).strip()
    return text


# One rewrite can expose another ("x.y1z": leetspeak first, then the dotted word), so the
# rewrites run until nothing changes. Plain messages settle in one or two passes.
_MAX_PASSES = 8


def _matching_views(base: str) -> tuple[str, str | None]:
    # Without an obfuscation hint only apostrophes and spaces change, and a second pass would
    # change nothing: the common case costs one pass.
    text = _rewrite(base)
    for _ in range(_MAX_PASSES):
        if _OBFUSCATION_HINT.search(text) is None:
            break
        rewritten = _rewrite(text)
        if rewritten == text:
            break
        text = rewritten
    if _STRETCHED.search(text) is None:
        return text, None
    return _STRETCHED.sub(r"\1\1", text), _STRETCHED.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """The views of one message used for matching. ``raw`` is exactly what was typed."""

    raw: str
    base: str
    text: str
    alt: str | None

    @property
    def views(self) -> tuple[str, ...]:
        """The matching views: ``text``, then ``alt`` when it differs."""
        return (self.text,) if self.alt is None else (self.text, self.alt)


def normalise_message(raw: str) -> NormalisedText:
    """Build every matching view of ``raw``."""
    base = fold(raw)
    text, alt = _matching_views(base)
    return NormalisedText(raw=raw, base=base, text=text, alt=alt)


def normalise(raw: str) -> str:
    """Return the main matching view of ``raw`` (idempotent)."""
    return _matching_views(fold(raw))[0]
