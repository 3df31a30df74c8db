"""Find crisis concepts in one normalised view, with their modifiers applied.

Returns the set of concept names present after idioms are blanked out and negated,
past-tense, hyperbolic, fictional or generic uses are discarded. ``crisis.py`` turns the
concepts into a severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from moderation.screen.lexicons import crisis_concern as concern
from moderation.screen.lexicons import crisis_context as context
from moderation.screen.lexicons import crisis_extra as extra
from moderation.screen.lexicons import crisis_urgent as urgent
from moderation.screen.lexicons.crisis_macros import MACROS
from moderation.screen.matching import (
    Lexicon,
    compile_loose,
    compile_terms,
    expand,
    is_negated,
    possible_lexicons,
    sentence_around,
    subject_before,
)


def _terms(patterns: str | Iterable[str]) -> Lexicon:
    return compile_terms((patterns,) if isinstance(patterns, str) else patterns, MACROS)


# Concepts about the writer: negation, subject, past and hyperbole are checked per match.
FIRST_PERSON: dict[str, Lexicon] = {
    "intent": _terms(urgent.INTENT + extra.INTENT),
    "timed_act": _terms(urgent.TIMED_ACT + extra.TIMED_ACT),
    "plan": _terms(urgent.PLAN + extra.PLAN),
    "preparation": _terms(urgent.PREPARATION),
    "in_progress": _terms(urgent.IN_PROGRESS + extra.IN_PROGRESS),
    "location": _terms(urgent.LOCATION),
    "farewell": _terms(urgent.FAREWELL_STRONG),
    "farewell_weak": _terms(urgent.FAREWELL_WEAK + extra.FAREWELL_WEAK),
    "warning_signs": _terms(extra.WARNING_SIGNS),
    "harm_others": _terms(urgent.HARM_OTHERS),
    "harm_wish": _terms(urgent.HARM_WISH),
    "timed_vague": _terms(urgent.TIMED_VAGUE),
    "active_ideation": _terms(concern.ACTIVE_IDEATION + extra.ACTIVE_IDEATION),
    "passive_ideation": _terms(concern.PASSIVE_IDEATION + extra.PASSIVE_IDEATION),
    "hopelessness": _terms(concern.HOPELESSNESS + extra.HOPELESSNESS),
    "burden": _terms(concern.BURDEN + extra.BURDEN),
    "recent_self_harm": _terms(concern.RECENT_SELF_HARM),
}
# Weak signs counted one by one: two of them together are urgent.
_CUES = frozenset({"farewell_weak", "preparation", "warning_signs"})
# First-person phrasings that, said of someone else ("she says she's a burden"), are worry
# about that person.
_OWN = re.compile(r"(?<![a-z])(?:i|im|ive|ill|id|me|my|myself)(?![a-z])")
_ECHOED = frozenset({"active_ideation", "passive_ideation", "hopelessness", "burden"})
# Concepts whose phrasing can have another grammatical subject: a "he"/"she"/"they" before
# the phrase means it is about someone else.
_SUBJECT_CHECKED = frozenset(
    {
        "intent",
        "active_ideation",
        "passive_ideation",
        "hopelessness",
        "recent_self_harm",
        "in_progress",
        "location",
        "farewell",
        "farewell_weak",
        "warning_signs",
        "harm_wish",
    }
)
# A farewell quoted from someone else ("his last message was 'sorry for everything'") is not
# the writer's.
_QUOTE_CHECKED = frozenset({"farewell", "farewell_weak", "intent", "timed_act"})
# Phrases used as hyperbole ("i want to die, my crush saw my tiktoks").
_HYPERBOLE_PRONE = frozenset(
    {"active_ideation", "passive_ideation", "intent", "timed_act", "harm_others", "harm_wish"}
)
_IDEATION = frozenset({"active_ideation", "passive_ideation"})
_WISH = re.compile(r"(?:i |im |i just |i really |just |really )?(?:want|wanna|wana|need)")

THIRD_PERSON: dict[str, Lexicon] = {
    "third_strong": _terms(concern.THIRD_PERSON_STRONG + extra.THIRD_PERSON_STRONG),
    "third_weak": _terms(concern.THIRD_PERSON_WEAK + extra.THIRD_PERSON_WEAK),
    "third_now": _terms(concern.THIRD_PERSON_NOW + extra.THIRD_PERSON_NOW),
    "third_intent": _terms(extra.THIRD_INTENT),
}

_ABUSER_ACTS = _terms(urgent.ABUSER_ACTS)
_THREATS = _terms(urgent.THREATS_TO_ME)
_HIDING = _terms(urgent.HIDING)
_DANGER_STRONG = _terms(urgent.DANGER_STRONG)
_DANGER_NOW = _terms(urgent.DANGER_NOW)

_IDIOMS = _terms(context.IDIOMS)
_FAMILY_IDIOM = _terms(context.FAMILY_THREAT_IDIOM)
_PAST = _terms(context.PAST)
_STILL_NOW = re.compile(context.STILL_NOW)
_LAUGHTER = compile_loose((context.LAUGHTER,))
_TRIVIAL = compile_loose((context.TRIVIAL,))
_FICTION = compile_loose((context.FICTION,))
_HEDGES = compile_loose((context.HEDGES,))
_ROUTINE = compile_loose((context.MEDICATION_ROUTINE,))
_PSYCHOEDUCATION = compile_loose((context.PSYCHOEDUCATION,))
_TIMELINE = _terms(MACROS["TIMELINE"])
_FUTURE = _terms(MACROS["FUTURE"])
_PERSON = _terms((MACROS["PERSON"], r"he|she|hes|shes|his|him|her"))
_THIRD_RECENT = _terms(
    r"just|rn|right now|now|an hour ago|\d+ (?:mins?|minutes|hours?) ago|tonight|texted|messaged|"
    r"called me|locked|"
    r"(?:isnt|not) answering|ambulance|999|911|112|000|please help|pls help|someone help|help me|"
    r"send help|hurry|what do i do|what should i do|"
    r"wont let me in|cant get in|bleeding|blood|unconscious"
)
_THIRD_LATELY = _terms(
    r"last night|yesterday|this morning|earlier|today|this week|at the weekend|on the weekend"
)

_LETHAL = expand(MACROS["LETHAL"], MACROS)
_MEANS_NOUN = compile_loose(
    (
        rf"(?<![a-z0-9])(?:(?P<strong>rope|ropes|noose|ligature)|(?P<lethal>{_LETHAL})|"
        rf"(?P<med>{MACROS['MED']}))(?![a-z0-9])",
    )
)
_HANDY = _terms(MACROS["HANDY"])
_NEARBY = _terms(MACROS["NEARBY"])
_STOCK = _terms(MACROS["STOCK"])
_QUANTITY = _terms(MACROS["QUANTITY"])
_HOARD = _terms(context.HOARDING)
_HOBBY = _terms(context.HOBBY)
_METHOD_WORDS = re.compile(
    r"overdose|\bod\b|pills|tablets|rope|noose|engine|garage|bridge|roof|cliff|ledge|tracks|blade|knife|gun|razor|"
    r"how many|how much|unlocked|packet|bottle|exhaust|neck"
)


def blank_idioms(text: str) -> str:
    """Replace idioms with spaces of the same length so that positions are kept."""
    return _IDIOMS.sub(lambda match: " " * len(match.group()), text)


def _inside_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return (before.count("'") + before.count('"')) % 2 == 1


def _is_past(text: str, start: int, end: int) -> bool:
    sentence = sentence_around(text, start, end)
    return _PAST.search(sentence) is not None and _STILL_NOW.search(sentence) is None


def _first_person_concepts(text: str) -> tuple[set[str], int]:
    """Return the first-person concepts and the number of weak farewell cues."""
    found: set[str] = set()
    farewell_cues = 0
    for name, pattern in possible_lexicons(FIRST_PERSON, text):
        for match in pattern.finditer(text):
            start, end = match.span()
            if is_negated(text, start) or _is_past(text, start, end):
                # Crisis words the writer denies or puts in the past ("i would never kill
                # myself"): a marker, so the learned model does not flag them either.
                found.add("denied")
                continue
            if name in _SUBJECT_CHECKED:
                subject = subject_before(text, start)
                if subject == "third" and name in _ECHOED:
                    found.add("third_echo")
                if subject in ("second", "third") and not (
                    name in _CUES and _OWN.search(match.group())
                ):
                    continue
            if name in _QUOTE_CHECKED and _inside_quotes(text, start):
                continue
            found.add(name)
            if name in ("in_progress", "plan", "location") and _METHOD_WORDS.search(match.group()):
                found.add("method_detail")
            # A wish bound to a time to come ("want to die tonight"); a conditional like "if i
            # didn't wake up tomorrow" stays passive.
            wish = name == "active_ideation" or _WISH.match(match.group()) is not None
            if name in _IDEATION and wish and _FUTURE.search(sentence_around(text, start, end)):
                found.add("ideation_timed")
            if name in _CUES:
                farewell_cues += 1
                continue
            break
    return found, farewell_cues


def _means(text: str) -> set[str]:
    """Means at hand: a method named together with possession, quantity or proximity."""
    found: set[str] = set()
    routine = _ROUTINE.search(text) is not None
    for match in _MEANS_NOUN.finditer(text):
        start, end = match.span()
        if is_negated(text, start) or _is_past(text, start, end):
            continue
        sentence = sentence_around(text, start, end)
        if not match.group("med") and _HOBBY.search(sentence):
            continue
        handy = _HANDY.search(sentence) is not None
        nearby = _NEARBY.search(sentence) is not None
        stock = _STOCK.search(sentence) is not None
        quantity = _QUANTITY.search(sentence) is not None
        timed = _TIMELINE.search(sentence) is not None
        if match.group("strong"):
            strong, weak = stock or handy or nearby, False
        elif match.group("lethal"):
            strong, weak = handy, stock or nearby
        else:
            strong = (handy and not routine) or (quantity and (stock or handy or nearby or timed))
            strong = strong or (_HOARD.search(sentence) is not None and not routine)
            weak = stock or nearby or handy
        if strong:
            found.update(("means", "method_detail"))
        elif weak:
            found.add("means_weak")
    return found


def _abuse(text: str) -> set[str]:
    found: set[str] = set()
    danger_strong = _DANGER_STRONG.search(text) is not None
    danger_now = danger_strong or _DANGER_NOW.search(text) is not None
    acts = _ABUSER_ACTS.search(text)
    if acts and not is_negated(text, acts.start()) and not _is_past(text, *acts.span()):
        found.add("abuser_danger" if danger_now or _HIDING.search(text) else "abuse_ongoing")
    threat = _THREATS.search(text)
    if threat and not is_negated(text, threat.start()) and not _is_past(text, *threat.span()):
        idiom = _FAMILY_IDIOM.search(text) is not None
        if danger_strong or (danger_now and not idiom):
            found.add("abuser_danger")
        elif not idiom:
            found.add("abuse_ongoing")
    return found


def _third_person(text: str) -> set[str]:
    if _PERSON.search(text) is None or _FICTION.search(text) or _PSYCHOEDUCATION.search(text):
        return set()
    strong = weak = now = intent = 0
    recent = _THIRD_RECENT.search(text) is not None
    lately = _THIRD_LATELY.search(text) is not None
    found: set[str] = set()
    for name, pattern in THIRD_PERSON.items():
        for match in pattern.finditer(text):
            start, end = match.span()
            if is_negated(text, start) or _is_past(text, start, end):
                continue
            if name == "third_strong" and subject_before(text, start) in ("first", "second"):
                continue
            if name == "third_intent":
                intent += 1
            elif name == "third_now":
                now += 1
            elif name == "third_strong":
                strong += 1
            else:
                weak += 1
    # Someone else's attempt or danger now: urgent with a time word or another sign beside it.
    # "My brother overdosed" alone is someone's history, not an alarm.
    timed = _FUTURE.search(text) is not None
    intent_now = intent and (recent or timed or weak or now or _MEANS_NOUN.search(text))
    if (now and (recent or strong or weak)) or (recent and strong and weak) or intent_now:
        found.add("third_person_now")
    elif (now and lately) or strong or intent or weak >= 2:
        found.add("third_person")
    return found


def concepts(text: str) -> set[str]:
    """Return the crisis concepts present in one normalised view of a message."""
    blanked = blank_idioms(text)
    found, farewell_cues = _first_person_concepts(blanked)
    # Hyperbole ("i want to die, my crush saw my tiktoks") drops the phrases prone to it.
    if found & _HYPERBOLE_PRONE and _TRIVIAL.search(blanked):
        found -= _HYPERBOLE_PRONE | {"ideation_timed"}
    if farewell_cues >= 2:
        found.add("farewell_cues")
    found |= _means(blanked)
    found |= _abuse(text)
    found |= _third_person(blanked)
    if "third_echo" in found:
        found.discard("third_echo")
        if _PERSON.search(blanked) and not (
            _FICTION.search(blanked) or _PSYCHOEDUCATION.search(blanked)
        ):
            found.add("third_person")
    if "harm_others" in found and _FICTION.search(blanked):
        found.discard("harm_others")
    # Modifiers matter only beside a concept; most messages stop here.
    if found:
        if _LAUGHTER.search(blanked):
            found.add("laughter")
        if _HEDGES.search(blanked):
            found.add("hedged")
        if _TIMELINE.search(blanked):
            found.add("timeline")
    return found
