"""Helpers shared by the detectors: building lexicon regexes and reading the context of a match.

Lexicon entries are regex fragments over the normalised view (lower case, apostrophes inside
words removed: "i'm" is "im", "don't" is "dont"). ``{MACRO}`` names expand to shared
fragments so that one concept is written once with all its pronoun and tense variants.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def expand(pattern: str, macros: Mapping[str, str]) -> str:
    """Expand ``{MACRO}`` references (recursively) in a regex fragment."""
    for _ in range(10):
        expanded = _MACRO.sub(lambda m: f"(?:{macros[m.group(1)]})", pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError("macro expansion does not terminate")


# --- exact literal prefilter -----------------------------------------------------------
#
# Python's regex engine tries every branch of a large alternation at every position, so the
# lexicons cost a few microseconds each. From each compiled lexicon we derive literal
# substrings of which any match must contain at least one ("kill", "suicid", ...), and one
# Aho-Corasick pass over a message tells which lexicons can possibly match. The others are
# skipped. The prefilter is exact: a lexicon whose anchors cannot be derived always runs.

_MIN_ANCHOR = 2
Anchors = frozenset[str]


def _required_in_sequence(items: Iterable[tuple[Any, Any]]) -> Anchors | None:
    candidates: list[Anchors] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if (
            run
            and op is sre_constants.BRANCH
            and all(all(o is sre_constants.LITERAL for o, _ in branch) for branch in arg[1])
        ):
            # The parser factors a common prefix out of an alternation ("overdose|od" is
            # "o" + (verdose|d)): join it back so that the anchors stay selective.
            prefix = "".join(run)
            candidates.append(
                frozenset(prefix + "".join(chr(a) for _, a in branch) for branch in arg[1])
            )
            run = []
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        required = _required_in_op(op, arg)
        if required is not None:
            candidates.append(required)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    # Every element of a sequence is required: keep the most selective one.
    return max(candidates, key=_selectivity)


# Anchors made only of these words occur in almost every message and filter nothing out.
_COMMON = frozenset(
    {
        "a",
        "an",
        "the",
        "i",
        "im",
        "me",
        "my",
        "you",
        "your",
        "u",
        "ur",
        "he",
        "she",
        "it",
        "its",
        "we",
        "they",
        "him",
        "her",
        "his",
        "them",
        "their",
        "our",
        "us",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "so",
        "is",
        "are",
        "was",
        "be",
        "been",
        "do",
        "dont",
        "with",
        "all",
        "up",
        "out",
        "not",
        "no",
        "this",
        "that",
        "what",
        "if",
        "just",
        "as",
        "by",
        "from",
        "have",
        "has",
        "had",
        "will",
        "ill",
        "can",
        "cant",
        "get",
        "got",
        "want",
        "like",
        "one",
        "some",
    }
)


def _selectivity(options: Anchors) -> tuple[int, int]:
    def weight(anchor: str) -> int:
        return len(anchor) if anchor.strip() not in _COMMON else len(anchor) - 4

    return min(map(weight, options)), -len(options)


def _required_in_op(op: Any, arg: Any) -> Anchors | None:
    if op is sre_constants.SUBPATTERN:
        return _required_in_sequence(arg[-1])
    if op is sre_constants.BRANCH:
        branches = [_required_in_sequence(branch) for branch in arg[1]]
        known = [branch for branch in branches if branch is not None]
        return frozenset().union(*known) if len(known) == len(branches) else None
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        minimum, _, item = arg
        return _required_in_sequence(item) if minimum >= 1 else None
    if op is sre_constants.ATOMIC_GROUP:
        return _required_in_sequence(arg)
    return None


def required_literals(source: str) -> Anchors | None:
    """Literal strings of which every match of ``source`` contains one, or None if unknown."""
    try:
        anchors = _required_in_sequence(sre_parser.parse(source))
    except (re.error, TypeError, ValueError, IndexError):
        return None
    if anchors is None or min(map(len, anchors), default=0) < _MIN_ANCHOR:
        return None
    return anchors


_LEXICONS: list[Lexicon] = []
_automaton: ahocorasick.Automaton | None = None


def _build_automaton() -> ahocorasick.Automaton:
    by_anchor: dict[str, set[int]] = {}
    for lexicon in _LEXICONS:
        for anchor in lexicon.anchors:
            by_anchor.setdefault(anchor, set()).add(lexicon.ident)
    automaton = ahocorasick.Automaton()
    for anchor, idents in by_anchor.items():
        automaton.add_word(anchor, frozenset(idents))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=64)
def _possible(text: str) -> frozenset[int]:
    """Identifiers of the lexicons whose anchors occur in ``text``."""
    global _automaton
    if _automaton is None or len(_automaton) == 0:
        _automaton = _build_automaton()
    found: set[int] = set()
    for _, idents in _automaton.iter(text):
        found |= idents
    return frozenset(found)


class Lexicon:
    """A compiled lexicon regex behind an exact literal prefilter; same calls as ``re.Pattern``."""

    __slots__ = ("always", "anchors", "ident", "regex")

    def __init__(self, source: str) -> None:
        global _automaton
        self.regex = re.compile(source)
        anchors = required_literals(source)
        self.always = anchors is None
        self.anchors: Anchors = anchors or frozenset()
        self.ident = len(_LEXICONS)
        _LEXICONS.append(self)
        # Rebuilt with the new anchors on next use; cached hit sets predate this lexicon.
        _automaton = None
        _possible.cache_clear()

    def possible(self, text: str) -> bool:
        """False only when the lexicon certainly cannot match ``text``."""
        return self.always or self.ident in _possible(text)

    # The checks below are inlined rather than calling ``possible``: they run ~40 times a message.
    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.search``."""
        if self.always or self.ident in _possible(text):
            return self.regex.search(text, pos)
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Like ``re.Pattern.finditer``."""
        if self.always or self.ident in _possible(text):
            return self.regex.finditer(text)
        return iter(())

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Like ``re.Pattern.fullmatch``."""
        if self.always or self.ident in _possible(text):
            return self.regex.fullmatch(text)
        return None

    def sub(self, replacement: Callable[[re.Match[str]], str] | str, text: str) -> str:
        """Like ``re.Pattern.sub``."""
        if self.always or self.ident in _possible(text):
            return self.regex.sub(replacement, text)
        return text


def possible_lexicons(
    lexicons: Mapping[str, Lexicon], text: str
) -> list[tuple[str, re.Pattern[str]]]:
    """The ``(name, regex)`` pairs of ``lexicons`` that can match ``text``, in order."""
    hits = _possible(text)
    return [
        (name, lexicon.regex)
        for name, lexicon in lexicons.items()
        if lexicon.always or lexicon.ident in hits
    ]


def compile_terms(patterns: Iterable[str], macros: Mapping[str, str] | None = None) -> Lexicon:
    """Compile fragments into one alternation anchored on word boundaries."""
    macros = macros or {}
    body = "|".join(f"(?:{expand(pattern, macros)})" for pattern in patterns)
    return Lexicon(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def compile_loose(patterns: Iterable[str], macros: Mapping[str, str] | None = None) -> Lexicon:
    """Compile fragments into one alternation without boundary anchors (for emoji and the like)."""
    macros = macros or {}
    return Lexicon("|".join(f"(?:{expand(pattern, macros)})" for pattern in patterns))


# A clause ends at punctuation or at a conjunction that starts a new thought; negation and
# grammatical subject are read only inside the clause of a match ("i'd never do anything but
# i wouldn't mind ..." must not negate the second half).
_CLAUSE_BREAK = re.compile(
    r"[.,;:!?\n()\"]|(?<![a-z])(?:but|and|so|because|cos|cuz|though|although|however|yet|or|then|except|"
    r"just|tbh|ngl|honestly|lol)(?![a-z])"
)
_SENTENCE_BREAK = re.compile(r"[.;!?\n]+|(?<![a-z])(?:but|now|these days|nowadays)(?![a-z])")

_NEGATORS = re.compile(
    r"(?<![a-z])(?:not|never|no|dont|do not|doesnt|didnt|wont|wouldnt|isnt|arent|aint|cant|cannot|"
    r"without|nor|neither|zero|none|nothing like|no longer|free of|free from|stopped|quit)(?![a-z])"
)
# Negator-looking phrases that negate nothing.
_FALSE_NEGATORS = re.compile(
    r"(?<![a-z])(?:not (?:gonna|going to) lie|no lie|not to lie|cant lie|no joke|not joking|"
    r"not kidding|"
    r"no word of a lie|no cap|cant even|not even kidding|no idea why|dont know why|dont even know|"
    r"not sure why|cant stop|cant help|cant wait to|can not stop|dont care anymore)(?![a-z])"
)

_LOOKBACK = 48


def clause_before(text: str, start: int) -> str:
    """Return the part of the clause that precedes position ``start`` (bounded in length)."""
    window = text[max(0, start - _LOOKBACK) : start]
    cut = 0
    for match in _CLAUSE_BREAK.finditer(window):
        cut = match.end()
    return window[cut:]


def is_negated(text: str, start: int) -> bool:
    """True when a negator precedes ``start`` inside its clause ("i would never hurt myself")."""
    before = _FALSE_NEGATORS.sub(" ", clause_before(text, start))
    return _NEGATORS.search(before) is not None


def sentence_around(text: str, start: int, end: int) -> str:
    """Return the sentence that contains the span ``start:end``."""
    left = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


_SUBJECT = re.compile(
    r"(?<![a-z])(?P<first>i|im|ive|id|ill|me|myself)(?![a-z])"
    r"|(?<![a-z])(?P<second>you|youre|youve|youd|youll|u|ur|yourself|ya)(?![a-z])"
    r"|(?<![a-z])(?P<third>he|hes|hed|she|shes|shed|they|theyre|theyd|theyve|him|her|them|"
    r"someone|somebody|anyone|anybody|people|person|member|members|everyone|everybody|"
    r"themselves|himself|herself|his|we|who|whos|whod|wholl|"
    r"(?:my|our|his|her|their) (?:best |little |big |older |younger |ex )?"
    r"(?:son|daughter|kid|child|brother|sister|mum|mom|mam|mother|dad|father|wife|husband|partner|friend|mate|"
    r"flatmate|roommate|boyfriend|girlfriend|bf|gf|cousin|uncle|aunt|auntie|nan|gran|grandad|grandma|niece|"
    r"nephew|neighbour|colleague|boss|teacher|sponsor|ex)s?)(?![a-z])"
)


def subject_before(text: str, start: int) -> str | None:
    """Return "first", "second" or "third": the nearest pronoun before ``start`` in its clause."""
    last: str | None = None
    for match in _SUBJECT.finditer(clause_before(text, start)):
        last = match.lastgroup
    return last
