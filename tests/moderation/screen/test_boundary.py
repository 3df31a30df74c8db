"""Boundary detectors: contact, meeting, romance, money, medical advice, and their exclusions."""

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


def test_facilitator_posting_a_helpline_is_not_contact() -> None:
    text = "our out of hours support line is 0161 496 0123, it's pinned too"
    assert "boundary" not in screen(text, author_role="facilitator").labels


def test_member_sharing_their_own_number_next_to_helpline_words_is_contact() -> None:
    text = "forget the helpline, just text me on 0161 496 0123"
    assert screen(text).boundary == ("contact",)


def test_unknown_role_gets_no_facilitator_exemption() -> None:
    text = "call me on 0161 496 0123, the helpline never answers"
    assert screen(text, author_role="admin").boundary == ("contact",)


def test_obfuscated_handle_is_contact() -> None:
    assert screen("my snap is f o g g y l a n t e r n, add me").boundary == ("contact",)


def test_crisis_and_boundary_together_are_held_and_get_the_card() -> None:
    decision = screen(
        "pills are here and i'm scared i'll take them, can someone give me their number"
    )
    assert decision.labels == ("crisis", "boundary")
    assert decision.action == "hold"
    assert decision.crisis_card
