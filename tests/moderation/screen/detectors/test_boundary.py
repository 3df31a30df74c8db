"""The boundary detectors together (detectors/contact.py, meeting.py, romance.py, money.py
and medical_advice.py: label ``boundary``, one subtype each), in tables that mix the
subtypes and are kept whole. The ``_concepts`` tables are sentences written fresh for
these tests (not taken from the development set). Tests of one detector alone are in
its own file (test_contact.py)."""

from __future__ import annotations

import pytest

from moderation.screen import screen


@pytest.mark.parametrize(
    ("text", "subtypes"),
    [
        ("ring me on 07700 900982 after six", ("contact",)),
        ("my mobile is +61 412 555 019", ("contact",)),
        ("text me: 555-0199", ("contact",)),
        ("here's my email, robin.hale@example.net", ("contact",)),
        ("write to robin dot hale at gmail dot com", ("contact",)),
        ("follow me on tiktok, @foggy.lantern", ("contact",)),
        ("can you send me your insta?", ("contact",)),
        ("what's ur whatsapp", ("contact",)),
        ("dm me and we can talk privately", ("contact",)),
        ("my number is seven seven double oh nine one two three four", ("contact",)),
        ("which road do you live on?", ("contact",)),
        ("want to grab a coffee after group on thursday?", ("meeting",)),
        ("come round to mine tomorrow, i'll make tea", ("meeting",)),
        ("whereabouts are you based? maybe we could meet up", ("meeting",)),
        ("anyone in bristol fancy a walk this weekend?", ("meeting",)),
        ("you're gorgeous, are you single?", ("romance",)),
        ("i can't stop thinking about you", ("romance",)),
        ("send me a selfie of what you're wearing", ("romance",)),
        ("can anyone lend me \u00a340 for the gas bill?", ("money",)),
        ("my paypal link is in my bio if anyone can help", ("money",)),
        ("i'll send you some money for the train, what are your bank details", ("money",)),
        ("selling tickets to my gig, \u00a310 each", ("money",)),
        ("you should come off the venlafaxine, it's rubbish", ("medical_advice",)),
        ("double your lithium and you'll feel better", ("medical_advice",)),
        ("don't take the zopiclone they gave you, it's addictive", ("medical_advice",)),
        ("you're obviously adhd", ("medical_advice",)),
        ("sounds like you've got ptsd", ("medical_advice",)),
    ],
)
def test_boundary_subtypes(text: str, subtypes: tuple[str, ...]) -> None:
    decision = screen(text)
    assert "boundary" in decision.labels
    assert decision.boundary == subtypes
    assert decision.action == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "my gp told me to up my dose of citalopram",
        "my psychiatrist switched me from quetiapine to olanzapine",
        "i take my lithium every night",
        "have a chat with your gp before changing any meds",
        "please talk to your prescriber about the side effects",
        "i'm not sharing my number, i keep things in the group",
        "my number one tip is to drink water",
        "my phone died in the middle of the call",
        "met my new counsellor today, she seems kind",
        "we met for coffee years ago at uni",
        "i'd love to meet my younger self and give her a hug",
        "date night with my wife tomorrow",
        "i can't afford my bus fare this week and it's stressing me out",
        "got paid today, treated myself to a book",
        "you're a beautiful soul, thank you for sharing",
        "welcome @maple_leaf, lovely to have you here",
        "our group's feedback address is feedback@example.org",
        "samaritans are on 116 123 any time",
        "in the us you can call or text 988",
    ],
)
def test_not_boundary(text: str) -> None:
    assert "boundary" not in screen(text).labels


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
def test_not_boundary_concepts(text: str) -> None:
    assert "boundary" not in screen(text).labels
