"""Concept coverage for harassment and the boundary subtypes, on sentences written fresh for
these tests (not taken from the development set)."""

from __future__ import annotations

import pytest

from moderation.screen import screen


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
def test_not_harassment(text: str) -> None:
    assert "harassment" not in screen(text).labels


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("fancy a pint on friday?", "meeting"),
        ("we should hang out irl", "meeting"),
        ("come over to mine after group", "meeting"),
        ("i'll be in york on saturday, coffee?", "meeting"),
        ("let's meet up in person sometime", "meeting"),
        ("fancy grabbing a drink after work?", "meeting"),
        ("i could get the train to your town one weekend", "meeting"),
        ("i've got a massive crush on you", "romance"),
        ("you're so cute 😘", "romance"),
        ("can i take you on a date?", "romance"),
        ("you have gorgeous eyes", "romance"),
        ("hey sexy", "romance"),
        ("night night gorgeous", "romance"),
        ("want to be more than group friends?", "romance"),
        ("let's take this to whatsapp", "contact"),
        ("my handle is moth_wings", "contact"),
        ("need 150 for my gas bill, could anyone help?", "money"),
        ("you've definitely got bpd", "medical_advice"),
        ("you sound manic to me", "medical_advice"),
        ("you've got all the signs of adhd", "medical_advice"),
        ("that's textbook ocd, you should know that", "medical_advice"),
        ("take a couple of my diazepam tonight", "medical_advice"),
    ],
)
def test_boundary_concepts(text: str, subtype: str) -> None:
    decision = screen(text)
    assert "boundary" in decision.labels
    assert subtype in decision.boundary


@pytest.mark.parametrize(
    "text",
    [
        "i'm going on a date tonight with a guy from hinge, wish me luck",
        "morning beautiful people!",
        "i wish i could hold your hand through this",
        "your dog is gorgeous 😍",
        "see you all next week 😉",
        "does anyone else go to the pub to cope?",
        "i'm too scared to meet new people",
        "i'm in hospital until friday, anyone around?",
        "i went for a walk with my dog, it helped",
        "i'm on discord a lot for gaming",
        "i go on twitter too much",
        "can anyone help? i owe 2000 on my credit card and don't know where to start",
        "i need 500 for rent, can anyone help me with budgeting tips?",
        "that's classic anxiety brain, i get it too",
        "my therapist said it sounds like classic ptsd",
        "have you tried talking to your gp about your meds?",
        "my gp told me to take two of my diazepam when it gets bad",
    ],
)
def test_not_boundary(text: str) -> None:
    assert "boundary" not in screen(text).labels
