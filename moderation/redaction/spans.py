"""Find personal details in a message and replace each with a typed placeholder.

Each kind of detail has its own finder; every finder reads the same *view* of the text, one
character per character of the input (lower case, accents and look-alike letters folded,
invisible characters turned into a separator), so that every offset it finds is an offset
into the text as written. Overlapping finds are resolved by a fixed order of kinds (an
e-mail address before the handle inside it, an address before the member name that is
also its street's name), then by length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from moderation.redaction import lexicon
from moderation.screen.details import REGIONS, phone_numbers
from moderation.screen.homoglyphs import HOMOGLYPH_TABLE
from moderation.screen.lexicons.contact_terms import HELPLINE_NUMBERS

# In the order overlapping finds are settled.
TYPES = ("email", "url", "handle", "phone", "address", "member", "name")
_RANK = {kind: rank for rank, kind in enumerate(TYPES)}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A detail at ``text[start:end]`` of one of the ``TYPES``."""

    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Redacted:
    """The redacted text and the spans of the input that were replaced."""

    text: str
    spans: tuple[Span, ...]


# --- the view ----------------------------------------------------------------------------

_SEPARATOR = "\x00"  # what an invisible character becomes: a finder may skip it


@lru_cache(maxsize=8192)
def _fold(char: str) -> str:
    if char.isascii():
        return char.lower()
    category = unicodedata.category(char)
    if category in {"Mn", "Me", "Cf", "Cs", "Co", "Cn"}:
        return _SEPARATOR
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKD", char.casefold())
    first = folded[:1].translate(HOMOGLYPH_TABLE) if folded else _SEPARATOR
    return first if len(first) == 1 else _SEPARATOR


def view(text: str) -> str:
    """``text`` folded character by character: the same length, offsets unchanged."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold, text))


# --- e-mail, URLs, handles ---------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9._%+\-]{1,64}@[a-z0-9\-]{1,63}(?:\.[a-z0-9\-]{1,63}){0,8}"
    r"\.[a-z]{2,24}(?![a-z0-9])"
)
# Spaces around "@" and the dots ("jen @ example . com"): only before a mail TLD.
_SPACED_EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9._%+\-]{1,64}\s?@\s?[a-z0-9\-]{1,63}(?:\s?\.\s?[a-z0-9\-]{1,63}){0,8}"
    rf"\s?\.\s?(?:{lexicon.EMAIL_TLDS})(?![a-z0-9])"
)
_AT = r"(?:\s*[\(\[\{<]\s*at\s*[\)\]\}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\(\[\{<]\s*dot\s*[\)\]\}>]\s*|\s+dot\s+|\.)"
# Spelled out: "jen dot runs at gmail dot com", "jen(at)example(dot)org". A plain " at "
# counts only before a mail provider or with a spelled "dot" ("online at example.org" is a
# link, not an address).
_BRACKET_AT = r"\s*[\(\[\{<]\s*at\s*[\)\]\}>]\s*"
_SPOKEN_DOT = r"(?:\s*[\(\[\{<]\s*dot\s*[\)\]\}>]\s*|\s+dot\s+)"
_LOCAL = r"(?<![\w.])[a-z0-9._\-]+(?:" + _DOT + r"[a-z0-9_\-]+)*"
_SPELLED_EMAIL = re.compile(
    rf"{_LOCAL}(?:{_BRACKET_AT}[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}"
    rf"|\s+at\s+(?:{lexicon.MAIL_PROVIDERS}){_DOT}(?:[a-z]{{2,3}}{_DOT})?"
    rf"|\s+at\s+[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_SPOKEN_DOT})"
    rf"(?:{lexicon.EMAIL_TLDS})(?![a-z0-9])"
)
_URL = re.compile(
    r"(?<![\w@.\-])(?:(?:https?|hxxps?|ftp)://|www\.)[^\s<>\"'\x00]+"
    rf"|(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9\-]{{0,61}}[a-z0-9])?\.)+(?:{lexicon.URL_TLDS})"
    r"(?::\d{2,5})?(?:/[^\s<>\"'\x00]*)?(?![a-z0-9\-])"
)
_URL_TRAILING = ".,;:!?)]}'\""
_HANDLE_AT = re.compile(r"(?<![\w@.])@[a-z0-9_](?:[a-z0-9_.\-]{0,29}[a-z0-9_])?")
_HANDLE_NAMED = re.compile(
    rf"(?<![a-z0-9])(?:{lexicon.PLATFORMS})(?![a-z0-9])"
    r"(?:\s*(?:handle|name|username|user|id|account|acc|tag)(?![a-z]))?"
    r"(?P<link>(?:\s*(?:is|:|-|=|@|→|->|=>|>|me at|me on|at|on|it's|its|it is|i am|im|i'm|as|under)"
    r"(?![a-z]))*)\s*@?"
    r"(?P<handle>[a-z0-9_](?:[a-z0-9_.\-]{1,29}[a-z0-9_]))(?![a-z0-9_])"
)
_REDDIT = re.compile(r"(?<![\w/])/?u/[a-z0-9_\-]{3,20}(?![\w])")
_DISCORD = re.compile(r"(?<![\w#])[a-z0-9_.]{2,32}#\d{4}(?!\d)")


def _emails(v: str) -> Iterator[tuple[int, int]]:
    for pattern in (_EMAIL, _SPACED_EMAIL, _SPELLED_EMAIL):
        for match in pattern.finditer(v):
            yield match.start(), match.end()


def _urls(v: str) -> Iterator[tuple[int, int]]:
    for match in _URL.finditer(v):
        start, end = match.start(), match.end()
        while end > start and v[end - 1] in _URL_TRAILING:
            end -= 1
        found = v[start:end]
        host = found.split("/", 1)[0]
        # "notes.txt", "e.g." and a decimal are not links; a bare domain needs a real TLD
        # (the pattern) and a name before it of two letters or more.
        if "://" not in found and not found.startswith("www.") and len(host.split(".")[0]) < 2:
            continue
        yield start, end


def _handles(v: str) -> Iterator[tuple[int, int]]:
    for match in _HANDLE_AT.finditer(v):
        if match.group()[1:] not in lexicon.NOT_HANDLES:
            yield match.start(), match.end()
    for match in _HANDLE_NAMED.finditer(v):
        handle = match.group("handle")
        # "snap is kayla" or "insta: kayla"; without a link word only a handle-shaped one.
        linked = bool(match.group("link").strip()) or "@" in match.group()
        shaped = any(c in handle for c in "_.0123456789")
        if handle in lexicon.NOT_HANDLES or not (shaped or linked):
            continue
        if not shaped and lexicon.common_word(handle):
            continue  # "whatsapp is better": a word, not a handle
        yield match.start("handle"), match.end("handle")
    for pattern in (_REDDIT, _DISCORD):
        for match in pattern.finditer(v):
            yield match.start(), match.end()


# --- phone numbers -------------------------------------------------------------------------

_SPACED_DIGITS = re.compile(r"(?<![\w+])\+?\d(?:[\s.\-\x00]{1,2}\d){8,14}(?![\w])")
_LOCAL_NUMBER = re.compile(
    rf"(?:{lexicon.PHONE_CUES})\W{{1,12}}(?P<number>\d{{3}}[\s.\-]?\d{{4}})(?![\d\w])"
    r"(?:\s*(?:ext|x|extension)\.?\s*\d{1,5})?"
)
_EXTENSION = re.compile(r"\s*(?:ext|x|extension)\.?\s*\d{1,5}(?!\d)")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _phones(v: str) -> Iterator[tuple[int, int]]:
    if sum(c.isdigit() for c in v) < 7:
        return
    seen: set[tuple[int, int]] = set()
    for start, number in phone_numbers(v, REGIONS):
        digits = _digits(number)
        if digits in HELPLINE_NUMBERS or len(digits) < 7:
            continue
        end = start + len(number)
        extension = _EXTENSION.match(v, end)
        if extension:
            end = extension.end()
        if (start, end) not in seen:
            seen.add((start, end))
            yield start, end
    for match in _SPACED_DIGITS.finditer(v):
        if _digits(match.group()) not in HELPLINE_NUMBERS:
            yield match.start(), match.end()
    for match in _LOCAL_NUMBER.finditer(v):
        yield match.start("number"), match.end()


# --- addresses ---------------------------------------------------------------------------

_UNIT = r"(?:flat|apt|apartment|unit|suite|ste|house|h\.?\s?no|plot|door|no)\.?\s*#?\d+[a-z]?"
_STREET = re.compile(
    rf"(?<![\w])(?:{_UNIT},?\s+(?:[a-z][a-z'\-]*,?\s+){{0,4}}?)?"
    r"(?:\d{1,5}[a-z]?(?:\s*[-/]\s*\d{1,5}[a-z]?)?,?\s+)?"
    r"(?:[a-z][a-z'\-]*\.?\s+){0,3}?"
    rf"(?:{lexicon.STREET_TYPES})\.?(?![a-z])"
    r"(?:\s+(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?(?![a-z]))?"
    rf"(?:,?\s+{_UNIT})?"
)
# An English street in one word after its number: "19 Westgate", "4 Kirkgate".
_STREET_ONE_WORD = re.compile(
    rf"(?<![\w])\d{{1,5}}[a-z]?\s+[a-z]{{2,}}(?:{lexicon.ENGLISH_STREET_ENDINGS})(?![a-z])"
)
# A Ghanaian digital address ("GA-183-8164").
_GH_DIGITAL = re.compile(r"(?<![\w-])[a-z]{2}-\d{3,4}-\d{3,4}(?![\w-])")
_UK_POSTCODE = re.compile(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]?\s?\d[abd-hjlnp-uw-z]{2}(?![a-z0-9])")
_CA_POSTCODE = re.compile(r"(?<![a-z0-9])[abceghj-nprstvxy]\d[a-z]\s?\d[a-z]\d(?![a-z0-9])")
_EIRCODE = re.compile(
    r"(?<![a-z0-9])[acdefhknprtvwxy]\d[\dw]\s?[0-9acdefhknprtvwxy]{4}(?![a-z0-9])"
)
_US_STATE_ZIP = re.compile(
    rf"(?<![a-z])(?:{lexicon.US_STATES}),?\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\d])"
)
_AU_STATE_POSTCODE = re.compile(
    r"(?<![a-z])(?:nsw|vic|qld|wa|sa|tas|act|nt),?\s+(?P<zip>\d{4})(?![\d])"
)
_POSTCODE_CUE = re.compile(
    r"(?<![a-z])(?:zip|zipcode|zip code|postcode|post code|postal code|eircode|pin code|pincode)"
    r"(?:\s+[a-z]+){0,4}?\W{0,4}(?:is\s+|was\s+)?"
    r"(?P<zip>\d{4,6}(?:-\d{4})?)(?![a-z0-9])"
)
# Streets written the other way round, or in one word ("rue des Lilas", "Calle Mayor 45",
# "Hauptstraße 12").
_STREET_FIRST = re.compile(
    rf"(?<![\w])(?:\d{{1,5}}[a-z]?,?\s+)?(?:{lexicon.STREET_WORDS_FIRST})\.?\s+(?:[a-z'\-]+\s){{0,3}}"
    r"(?:[a-z'\-]+)(?:\s+\d{1,5}[a-z]?)?(?![\w])"
)
_STREET_COMPOUND = re.compile(
    rf"(?<![\w])[a-zß]{{3,}}(?:{lexicon.STREET_SUFFIXES})\.?\s+\d{{1,5}}[a-z]?(?![\w])"
)
# After a street: ", Springfield, IL 62704", ", Leeds LS6 2AB", ", Wagga Wagga NSW 2650",
# ", Bengaluru 560001" or ", 28013 Madrid" joins the address.
_CITY = r"(?:[a-z][a-z'\-]+\s?){1,3}"
_ADDRESS_TAIL = re.compile(
    rf"(?:,?\s+{_CITY})?,?\s+"
    rf"(?:(?:{lexicon.US_STATES}),?\s+\d{{5}}(?:-\d{{4}})?|[a-z]{{1,2}}\d[a-z\d]?\s?\d[a-z]{{2}}"
    r"|[a-z]\d[a-z]\s?\d[a-z]\d|(?:nsw|vic|qld|wa|sa|tas|act|nt)\s+\d{4}|\d{6}|\d{1,2})(?![a-z0-9])"
    rf"(?:,?\s+[a-z]\d[\dw]\s?[0-9a-z]{{4}}(?![a-z0-9]))?"
    rf"|,?\s+(?:\d{{4,5}}|\d{{2}}-\d{{3}})\s+[a-z][a-z'\-]+(?![a-z0-9])"
)


# Capitalised towns straight after a street: "12 Church Lane, Arnold", "..., Port of Spain",
# "..., Victoria Island, Lagos" (up to three).
_PLACE = r"[A-Z][a-z'\-]+(?:\s(?:of|on|upon|de|la|le|del)\s[A-Z][a-z'\-]+|\s[A-Z][a-z'\-]+)*"
_TOWN = re.compile(rf"(?:,?\s+(?P<town>{_PLACE}))(?:,\s+{_PLACE}){{0,2}}(?![\w'])")
# After the towns: a district number ("Dublin 3") and a postcode.
_TOWN_TAIL = re.compile(
    r"(?:\s+\d{1,2}(?!\d))?(?:,?\s+(?:[a-z]\d[\dw]\s?[0-9a-z]{4}|[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}"
    r"|\d{4,6}))?(?![a-z0-9])"
)


def _addresses(text: str, v: str) -> Iterator[tuple[int, int]]:
    for match in _GH_DIGITAL.finditer(v):
        yield match.start(), match.end()
    for pattern in (_STREET, _STREET_ONE_WORD, _STREET_FIRST, _STREET_COMPOUND):
        for match in pattern.finditer(v):
            if pattern is not _STREET_COMPOUND and not any(c.isdigit() for c in match.group()):
                continue  # "avenue of trees": a street word without a number is not an address
            end = match.end()
            tail = _ADDRESS_TAIL.match(v, end)
            if tail:
                end = tail.end()
            else:
                town = _TOWN.match(text, end)
                if town and view(town.group("town")) not in lexicon.NOT_NAMES:
                    end = town.end()
                    after = _TOWN_TAIL.match(v, end)
                    if after:
                        end = after.end()
            yield match.start(), end
    for pattern in (_UK_POSTCODE, _CA_POSTCODE):
        for match in pattern.finditer(v):
            if match.group().replace(" ", "") not in lexicon.NOT_POSTCODES:
                yield match.start(), match.end()
    for match in _EIRCODE.finditer(v):
        if any(c.isdigit() for c in match.group()[3:]) and any(
            c.isalpha() for c in match.group()[3:]
        ):
            yield match.start(), match.end()
    for pattern in (_US_STATE_ZIP, _AU_STATE_POSTCODE, _POSTCODE_CUE):
        for match in pattern.finditer(v):
            yield match.start("zip"), match.end("zip")


# --- members' names ------------------------------------------------------------------------

_LEET = {
    "a": "a4@",
    "b": "b8",
    "e": "e3",
    "g": "g9",
    "i": "i1!|l",
    "l": "l1|i",
    "o": "o0",
    "s": "s5$z",
    "t": "t7+",
    "z": "z2s",
}
_GAP = r"[\s.\-_*\x00]?"


def _letter(char: str) -> str:
    options = _LEET.get(char)
    return f"[{re.escape(options)}]" if options else re.escape(char)


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A member's name as written, or obfuscated: any case, digits for letters, letters
    spaced or dotted apart. Whole words only."""
    core = view(name).strip().lstrip("@")
    if len(core) < 2:
        return None
    plain = re.escape(core)
    letters = [c for c in core if not c.isspace()]
    loose = _GAP.join(_letter(c) for c in letters)
    return re.compile(rf"(?<![a-z0-9])(?:{plain}|{loose})(?![a-z0-9])")


def _name_forms(names: Iterable[str]) -> list[str]:
    """Each name, and the parts of a username or a full name ("willow_k" -> "willow")."""
    forms: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        forms.append(name)
        parts = [p for p in re.split(r"[\s_.\-]+|\d+", name.lstrip("@")) if len(p) >= 3]
        if len(parts) > 1 or (parts and parts[0].lower() != name.lower().lstrip("@")):
            forms.extend(parts)
    return sorted(set(forms), key=len, reverse=True)


_VOCATIVE_BEFORE = re.compile(rf"(?:^|[^a-z])(?:{lexicon.VOCATIVES})[\s,!]*$")
_NEXT_WORD = re.compile(r"[\s,]*([a-z']+|\d)")


def _ordinary_here(text: str, v: str, start: int, end: int, others: list[tuple[int, int]]) -> bool:
    """Whether a member's name that is also an ordinary word ("Hope", "will", "May") is used
    as the word here rather than for the member."""
    word = view(text[start:end])
    before = v[:start].rstrip()
    nxt = _NEXT_WORD.match(v, end)
    following = nxt.group(1) if nxt else ""
    reads_on = following in lexicon.word_followers(word)
    if _VOCATIVE_BEFORE.search(v[:start]):
        return False  # "thanks hope", "hi may"
    # Beside another member's name ("luca, dawn and ife"): a list of people.
    for other_start, other_end in others:
        if (other_end <= start and re.fullmatch(r"[\s,&]*(?:and\s*)?", v[other_end:start])) or (
            other_start >= end and re.fullmatch(r"[\s,&]*(?:and\s*)?", v[end:other_start])
        ):
            return False
    if word in lexicon.MONTHS and (
        following.isdigit() or re.search(rf"(?:{lexicon.MONTH_CUES})\s*$", before)
    ):
        return True
    sentence_start = not before or before[-1] in '.!?\n:;"“'
    written = text[start:end]
    capital = written[:1].isupper() and not (len(written) > 1 and written.isupper())
    if v[end : end + 1] == "," and (sentence_start or capital):
        return False  # "Frank, I take your point"
    if capital and not sentence_start:
        return False
    if not sentence_start:
        return True
    # At the start of a sentence: capitalised, the word if it reads on as the word does
    # ("May I ask", "Hope is all I have"; "May you're right" is the exception this cannot
    # tell); in lower case, the member only when the writer is plainly talking to them.
    if capital:
        return reads_on
    return following not in lexicon.ADDRESSING


def _members(text: str, v: str, names: Sequence[str]) -> list[tuple[int, int]]:
    plain: list[tuple[int, int]] = []
    wordlike: list[tuple[int, int]] = []
    for form in _name_forms(names):
        pattern = _name_pattern(form)
        if pattern is None:
            continue
        into = wordlike if view(form) in lexicon.NAME_WORDS else plain
        into += [(match.start(), match.end()) for match in pattern.finditer(v)]
    kept = list(plain)
    for start, end in wordlike:
        if not _ordinary_here(text, v, start, end, plain):
            kept.append((start, end))
    return kept


# --- other people's names ------------------------------------------------------------------

_APOSTROPHES = "'\u2019"
_TOKEN = re.compile(
    rf"[^\W\d_][^\W\d_{_APOSTROPHES}\-]*(?:[{_APOSTROPHES}\-](?![sS](?![^\W\d_]))[^\W\d_]+)*"
)
_TITLE = re.compile(rf"(?<![a-z])(?:{lexicon.TITLES})\.?\s+$")
_RELATION = re.compile(rf"(?<![a-z])(?:my|our|his|her|their|the)\s+(?:{lexicon.RELATIONS}),?\s+$")
_FROM = re.compile(rf"^\s+(?:from|at)\s+(?:{lexicon.PLACES_OF_PEOPLE})(?![a-z])")
_NAMED = re.compile(r"(?<![a-z])(?:named|called|name is|name's|names)\s+$")


_LIST_GAP = re.compile(r",\s*|\s+and\s+|,\s*and\s+|\s*&\s*")


def _first_name(word: str) -> bool:
    return word in lexicon.first_names()


def _names(text: str, v: str, members: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    tokens = list(_TOKEN.finditer(text))
    taken = [False] * len(tokens)
    previous_name_end: int | None = None
    for index, token in enumerate(tokens):
        if taken[index]:
            continue
        word = token.group()
        low = view(word)
        capital = word[:1].isupper()
        before = v[: token.start()].replace("-", " ")
        if low in lexicon.TITLE_WORDS:
            continue
        if low in lexicon.MONTHS and re.search(rf"(?:{lexicon.MONTH_CUES})\s*$", before):
            continue
        cued = bool(
            _TITLE.search(before[-24:])
            or _RELATION.search(before[-40:])
            or _NAMED.search(before[-16:])
            or _FROM.match(v, token.end())
        )
        known = _first_name(low) and low not in lexicon.NOT_NAMES
        # In a list with a name just before it: "Pauline, Edna and June".
        if (
            low in lexicon.NAME_WORDS
            and capital
            and previous_name_end is not None
            and _LIST_GAP.fullmatch(text[previous_name_end : token.start()])
        ):
            cued = True
        if low in lexicon.NOT_NAMES or (low in lexicon.NAME_WORDS and not cued):
            # An ordinary word, or a name-word ("Hope") with nothing saying it is a person,
            # unless a capitalised surname follows ("Hope Mitchell").
            nxt = tokens[index + 1] if index + 1 < len(tokens) else None
            if not (
                low in lexicon.NAME_WORDS
                and capital
                and nxt is not None
                and text[token.end() : nxt.start()] == " "
                and nxt.group()[:1].isupper()
                and view(nxt.group()) not in lexicon.NOT_NAMES
                and not _sentence_start(text, token.start())
            ):
                continue
        elif not cued:
            if not (known and (capital or (len(low) >= 4 and low in lexicon.distinctive_names()))):
                continue
            if capital and _sentence_start(text, token.start()) and low in lexicon.STARTERS:
                continue
        elif not (capital or known):
            continue
        start, end = token.start(), token.end()
        # A capitalised surname (or two) after the first name belongs to the same span.
        j = index + 1
        while j < len(tokens) and j <= index + 2:
            nxt = tokens[j]
            gap = text[end : nxt.start()]
            nword = nxt.group()
            if (
                gap != " "
                or len(nword) < 2
                or not nword[:1].isupper()
                or view(nword) in lexicon.NOT_NAMES
            ):
                break
            if not capital and not _first_name(view(nword)):
                break
            end = nxt.end()
            taken[j] = True
            j += 1
        if end - start >= 2:
            previous_name_end = end
            yield start, end


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.!?\n:;"“'


# --- all together ----------------------------------------------------------------------------


def _settle(found: Iterable[Span]) -> tuple[Span, ...]:
    """Keep the finds that do not overlap a better one (by kind, then longer)."""
    kept: list[Span] = []
    for span in sorted(found, key=lambda s: (_RANK[s.type], -(s.end - s.start), s.start)):
        if span.end > span.start and all(
            span.end <= other.start or span.start >= other.end for other in kept
        ):
            kept.append(span)
    return tuple(sorted(kept))


def find_spans(text: str, names: Sequence[str] = ()) -> tuple[Span, ...]:
    """Every personal detail in ``text``, as non-overlapping spans in order."""
    v = view(text)
    found: list[Span] = []
    for kind, finder in (
        ("email", _emails),
        ("url", _urls),
        ("handle", _handles),
        ("phone", _phones),
    ):
        found += [Span(start, end, kind) for start, end in finder(v)]
    found += [Span(start, end, "address") for start, end in _addresses(text, v)]
    members = _members(text, v, names)
    found += [Span(start, end, "member") for start, end in members]
    found += [Span(start, end, "name") for start, end in _names(text, v, members)]
    return _settle(found)


def redact(text: str, names: Sequence[str] = ()) -> Redacted:
    """``text`` with each detail replaced by its placeholder ("[email]", "[member]", ...)."""
    spans = find_spans(text, names)
    parts: list[str] = []
    at = 0
    for span in spans:
        parts.append(text[at : span.start])
        parts.append(f"[{span.type}]")
        at = span.end
    parts.append(text[at:])
    return Redacted(text="".join(parts), spans=spans)
