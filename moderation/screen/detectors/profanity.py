"""Profanity detector over better-profanity's word list, curated for a support group.

The list is read once from the installed package's data file, normalised the same way as
messages, curated (``lexicons.profanity_curation``) and turned into sets, so each message
costs a few set look-ups instead of better-profanity's ~10 ms scan.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from moderation.screen.findings import Finding, ScreenInput
from moderation.screen.lexicons import profanity_curation as curation
from moderation.screen.matching import compile_terms
from moderation.screen.normalise import normalise
from moderation.screen.registry import detectors

_ENTRY = re.compile(r"[a-z]+(?: [a-z]+)*")
_WORD = re.compile(r"[a-z]+")
_MASKED = re.compile(
    r"(?<![a-z0-9])[a-z]+(?:[*#%@$_]+[a-z]*)+(?![a-z0-9*#%@$_])|(?<![a-z0-9])[a-z]+\.{2,}[a-z]*(?![a-z0-9])"
)
_INNOCENT = compile_terms(curation.INNOCENT_PHRASES)
# Intensifiers are undirected even right after "you" ("you're so fucking brave").
_INTENSIFIERS = frozenset(
    {
        "fucking",
        "fuckin",
        "bloody",
        "effing",
        "frigging",
        "friggin",
        "damn",
        "fkn",
        "feckin",
        "fecking",
        "sodding",
    }
)
_SECOND_PERSON = frozenset({"you", "u", "ur", "youre", "ya", "yall", "yourself", "urself"})
_DIRECTED_PHRASE = re.compile(
    r"(?<![a-z])(?:fuck|piss|sod|bugger|f) off(?![a-z])|"
    r"(?<![a-z])(?:fuck|screw|f) (?:you|u|yourself|urself)(?![a-z])|"
    r"(?<![a-z])(?:stfu|gtfo|foad|gfy)(?![a-z])"
)


def _load_wordlist() -> list[str]:
    data = (
        resources.files("better_profanity")
        .joinpath("profanity_wordlist.txt")
        .read_text(encoding="utf-8")
    )
    return [line.strip() for line in data.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Return the curated (single words, multi-word phrases), normalised like messages."""
    excluded = {
        normalise(word.replace("-", " ")) for words in curation.EXCLUDED.values() for word in words
    }
    entries = {normalise(entry.replace("-", " ")) for entry in (*_load_wordlist(), *curation.ADDED)}
    kept = {entry for entry in entries if _ENTRY.fullmatch(entry) and entry not in excluded}
    words = frozenset(entry for entry in kept if " " not in entry)
    phrases = frozenset(entry for entry in kept if " " in entry)
    return words, phrases


WORDS, PHRASES = vocabulary()
_LONGEST_PHRASE = max((phrase.count(" ") + 1 for phrase in PHRASES), default=1)
_PHRASE_STARTS = frozenset(phrase.split(" ", 1)[0] for phrase in PHRASES)
_BY_INITIAL: dict[str, tuple[str, ...]] = {}
for _word in sorted(WORDS):
    _BY_INITIAL[_word[0]] = (*_BY_INITIAL.get(_word[0], ()), _word)


def _unmask(token: str) -> str | None:
    """Return the listed word a masked token stands for ("f**king" -> "fucking"), if any."""
    parts = re.split(r"([*#%@$_.]+)", token)
    pattern = "".join(
        re.escape(part) if index % 2 == 0 else f"[a-z]{{1,{len(part) + 1}}}"
        for index, part in enumerate(parts)
    )
    matcher = re.compile(pattern)
    return next((word for word in _BY_INITIAL.get(token[0], ()) if matcher.fullmatch(word)), None)


def _scan(text: str) -> tuple[list[str], bool, bool]:
    """Return (matched words, any masked, directed) for one view."""
    text = _INNOCENT.sub(" ", text)
    tokens = _WORD.findall(text)
    found: list[str] = []
    directed = False
    for index, token in enumerate(tokens):
        if token in WORDS:
            found.append(token)
            before = set(tokens[max(0, index - 3) : index])
            directed = directed or (token not in _INTENSIFIERS and bool(before & _SECOND_PERSON))
        if token in _PHRASE_STARTS:
            for size in range(2, _LONGEST_PHRASE + 1):
                phrase = " ".join(tokens[index : index + size])
                if phrase in PHRASES:
                    found.append(phrase)
    masked = False
    if any(char in text for char in "*#%@$_."):
        for match in _MASKED.finditer(text):
            word = _unmask(match.group())
            if word is not None:
                found.append(word)
                masked = True
    directed = directed or (bool(found) and _DIRECTED_PHRASE.search(text) is not None)
    return found, masked, directed


@detectors.register("profanity")
def detect_profanity(screen_input: ScreenInput) -> Finding | None:
    """Detect swear words, directed or not."""
    terms: list[str] = []
    masked = directed = False
    for view in screen_input.message.views:
        found, view_masked, view_directed = _scan(view)
        terms += found
        masked, directed = masked or view_masked, directed or view_directed
    if not terms:
        return None
    reasons: tuple[str, ...] = ("profanity.masked",) if masked else ("profanity.word",)
    if directed:
        reasons += ("profanity.directed",)
    return Finding(
        label="profanity", reasons=reasons, directed=directed, terms=tuple(dict.fromkeys(terms))
    )
