"""Harassment detector (moderation/screen/detectors/harassment.py): abuse aimed at a person
or a group, and what is not harassment. The ``_concepts`` tables are sentences written
fresh for these tests (not taken from the development set)."""

from __future__ import annotations

import pytest

from moderation.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "you're a complete idiot",
        "ur so pathetic lol",
        "shut up you muppet",
        "nobody here cares about your problems",
        "everyone's sick of you moaning",
        "stop whining, grow a spine",
        "people like you make me sick",
        "autistic people are all freaks",
        "you're f*cking useless",
        "you absolute b!tch",
        "@riverfox you're a joke",
    ],
)
def test_harassment(text: str) -> None:
    decision = screen(text)
    assert "harassment" in decision.labels
    assert decision.action == "hold"


@pytest.mark.parametrize(
    "text", ["kys", "go kill yourself", "just go die already", "do everyone a favour and kys"]
)
def test_telling_someone_to_kill_themselves_is_harassment_and_a_room_crisis_signal(
    text: str,
) -> None:
    decision = screen(text)
    assert "harassment" in decision.labels
    assert decision.room_crisis_signal
    assert "crisis" not in decision.labels


@pytest.mark.parametrize(
    "text",
    [
        "i'm such an idiot, i forgot my keys again",
        "you're not pathetic for struggling, you're human",
        "you're so brave for saying that",
        "my boss is useless but i'm coping",
        "shut up, you got the job?! amazing",
        "people like you make this group special",
        "thank you, you legend",
        "i get lost in books when i'm anxious",
        "my son yelled 'i'm going to kill you' at his sister over the xbox",
        "i know i'm a burden sometimes",
    ],
)
def test_not_harassment(text: str) -> None:
    assert "harassment" not in screen(text).labels


@pytest.mark.parametrize(
    "text",
    [
        # insults without a swear word
        "you're a sad excuse for a person",
        "what a useless bunch you lot are",
        "y'all are pathetic",
        "god you're needy",
        "you're so clingy it's exhausting",
        "you're unhinged mate",
        "what a waste of oxygen you are",
        "stop being such a drama queen",
        "you make me sick, honestly",
        "imagine being this clingy lol",
        # insults built on a swear word
        "shut it, you bellend",
        "you smug twat",
        "you lot are a bunch of wankers",
        "talking out of your arse again, idiot",
        # hate about a group
        "go back to your own country",
        "muslims are all terrorists",
        "gay people are disgusting perverts",
        "trans people shouldn't be allowed near kids",
        "you people from poland are all scroungers",
        "immigrants are ruining this town",
    ],
)
def test_harassment_concepts(text: str) -> None:
    assert "harassment" in screen(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "you're so hard on yourself, be kinder",
        "stop being so hard on yourself",
        "don't be a stranger, come back to group next week",
        "thanks, you legend",
        "you lot are amazing",
        "what a day you've had, sending love",
        "imagine being this brave, you inspire me",
        "people think depressed people are lazy and it really hurts",
        "as a trans person, trans people are not mentally ill",
        "polish people are so friendly where i live",
        "immigrants are treated so badly in this country",
        "i used to think addicts were weak, i was wrong",
        "nobody here is a failure",
        "nobody here thinks you're pathetic",
        "i felt like a waste of space for years",
        "my ex used to call me a waste of space",
        "my boss is such a drama queen",
        "the english weather is ruining my mood",
    ],
)
def test_not_harassment_concepts(text: str) -> None:
    assert "harassment" not in screen(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "honestly i wish i could just die already",
        "im so tired, i want to die already",
        "nothing helps anymore and i just want to die already",
    ],
)
def test_a_wish_to_die_already_is_the_writers_crisis_not_abuse(text: str) -> None:
    # "die already" said to someone is abuse; said of oneself it is a crisis, posted and
    # flagged, never held as harassment.
    decision = screen(text)
    assert "harassment" not in decision.labels
    assert "crisis" in decision.labels
