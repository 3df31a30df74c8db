"""Profanity: curated list, masked swears, Scunthorpe words, and words members need to say."""

from __future__ import annotations

import pytest

from moderation.screen import screen
from moderation.screen.detectors.profanity import PHRASES, WORDS
from moderation.screen.lexicons.profanity_curation import EXCLUDED
from moderation.screen.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "shit, i missed the bus",
        "what the fuck is this weather",
        "f*ck mondays",
        "f**king printer",
        "sh!t happens",
        "this is bullsh1t",
        "bloody hell",
        "for fecks sake",
        "ffs the wifi is down",
        "fuuuuuck",
        "p i s s e d off today",
    ],
)
def test_profanity(text: str) -> None:
    decision = screen(text)
    assert "profanity" in decision.labels
    assert decision.action == "post"


@pytest.mark.parametrize(
    "text",
    [
        "i grew up near scunthorpe",
        "the assassin in that film was terrifying",
        "my therapist is great",
        "a cocktail of meds is tough",
        "we visited essex and middlesex",
        "statistical analysis exam tomorrow",
        "grapes are my favourite snack",
        "the cockpit of the plane was tiny",
        "reading dickens for book club",
        "passing the class assignment",
        "finger prick test at the clinic",
        "a blue tit nested in our garden",
        "i had a bloody nose this morning",
        "shiitake risotto tonight",
        "sob story? no, it's my life",
        "a niggle in my knee",
        "wow!! no!! really??",
    ],
)
def test_scunthorpe_words_are_clean(text: str) -> None:
    assert "profanity" not in screen(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "i was raped when i was fourteen",
        "he molested me for years",
        "i'm gay and scared to come out",
        "i'm queer and proud",
        "my brother overdosed on heroin",
        "i feel fat today",
        "i wanted to kill the pain",
        "the doctor checked my breasts and testicles for lumps",
        "erection problems are a side effect of my ssri",
        "three months clean from meth",
        "i'm a virgin and that's fine",
        "my dad is a drunk",
    ],
)
def test_curated_words_are_never_profanity(text: str) -> None:
    decision = screen(text)
    assert "profanity" not in decision.labels
    assert decision.action in ("post", "post_and_flag")


@pytest.mark.parametrize("word", sorted({word for words in EXCLUDED.values() for word in words}))
def test_every_curated_exclusion_is_out_of_the_vocabulary(word: str) -> None:
    form = normalise(word.replace("-", " "))
    assert form not in WORDS
    assert form not in PHRASES


def test_directed_swearing_is_held_and_undirected_is_posted() -> None:
    assert screen("fuck off").action == "hold"
    assert screen("fucking hell what a day").action == "post"
    assert screen("you're so fucking brave").action == "post"
