"""Crisis detector tables: severity, obfuscation, and the modifiers that must not fire."""

from __future__ import annotations

import pytest

from moderation.screen import screen

URGENT = [
    "i'm going to kill myself tonight",
    "im gonna end it all this weekend",
    "planning to take my own life after the exams",
    "i have a noose ready in the shed",
    "the pills are lined up on my desk and i'm done",
    "swallowed the whole box of tablets twenty minutes ago",
    "i'm cutting myself right now and can't stop",
    "this is my final message. thank you for everything, look after each other",
    "my boyfriend is hitting me right now, i'm hiding in the bathroom",
    "i'm going to stab my stepfather when he gets in tonight",
    "my sister just swallowed a bottle of pills and won't answer the door",
    "gonna ctb on sunday",
    "k i l l i n g  m y s e l f  t o n i g h t",
    "g0nna k1ll mys3lf after work",
    "going to k\u0456ll myself tomorrow",  # Cyrillic i
    "going to kill mys\u200belf at midnight",
    "i've looked up how many tablets it would take",
    "written my suicide note, it's under my pillow",
    # concept grammar: indirect plans, slang, means, third persons and abusers now
    "i've deleted all my accounts and given away my stuff. this is the last thing to delete",
    "i'm burning myself with a lighter right now",
    "i have a bottle of bleach and i'm going to drink it",
    "finally got the gun out of my dad's cabinet",
    "i'm sat on the train tracks, it's quiet",
    "my little sister just told me she's going to kill herself tonight and she has pills",
    "my flatmate is unconscious and there are empty pill packets everywhere",
    "he's outside my door banging and yelling that he'll break it down, i'm hiding in the wardrobe",
    "tying the rope now",
    "ill be dead by the time anyone reads this",
]

CONCERN = [
    "i wish i could just stop existing",
    "some nights i hope i don't wake up",
    "everyone would be happier without me around",
    "i'm such a burden to my mum",
    "nothing is ever going to get better for me",
    "whats the point anymore",
    "i cut myself again last weekend, i'm ok now",
    "been having thoughts of suicide again lately",
    "my best friend keeps saying she wants to die and i'm scared for her",
    "lowkey want to unalive but i'm not going to do anything",
    "wiiiish i was deeeead",
    "i just want to disappear forever",
    "the sui thoughts are back this week",
    "i'm only staying alive for my mum honestly",
    "my wife mentioned she has thought about ending it, i don't know what to do",
    "lately i keep wishing i wouldn't wake up in the morning",
    "death seems like the only way out",
]

NOT_CRISIS = [
    # idioms and hyperbole
    "my legs are killing me after that hike",
    "you absolutely killed it at the open mic",
    "i'm dying to tell you all my news",
    "bored to death at this training day",
    "i'd rather die than sing in public lol",
    "i could murder a bacon sandwich",
    "my phone battery died on the bus",
    "that quiz was the death of me",
    "i wanted to die of embarrassment when i tripped on stage lol",
    # negations
    "i would never kill myself, i want to see my kids grow up",
    "i'm not suicidal, just exhausted",
    "no thoughts of self harm this week",
    "i don't want to die, i want things to change",
    # recovered past
    "ten years ago i tried to end my life and now i run a charity",
    "i used to self harm as a teenager but i'm doing well now",
    "last year i wanted to die every day, this year i'm planning a wedding",
    # grief, third person past, news, fiction, games
    "my uncle died by suicide when i was little",
    "my cousin overdosed years ago and i still miss him",
    "in the book the heroine jumps off a bridge at the end",
    "my character keeps getting killed by the final boss",
    "the news about the knife attack is awful",
    # psychoeducation and everyday medication
    "if someone tells you they want to die, listen and stay with them",
    "took my sertraline with breakfast as usual",
    "cutting back on caffeine has helped my sleep",
    "my mum will kill me if i forget her birthday again",
    "i'm about to jump on a call, back later",
    "bought some rope for the climbing wall",
    "writing a goodbye letter to my old job haha, last day friday",
    "how do i support a friend who's feeling suicidal?",
    "i've been having fewer dark thoughts since starting therapy",
    "my teacher will murder me if i'm late again",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent(text: str) -> None:
    decision = screen(text)
    assert "crisis" in decision.labels
    assert decision.severity == "urgent"
    assert decision.crisis_card


@pytest.mark.parametrize("text", CONCERN)
def test_concern(text: str) -> None:
    decision = screen(text)
    assert "crisis" in decision.labels
    assert decision.severity == "concern"
    assert decision.action == "post_and_flag"
    assert decision.crisis_card


def test_a_goodnight_is_never_urgent_and_never_held() -> None:
    # The learned model (at 3% of ordinary messages, issue 10) may flag a goodnight worded
    # like a farewell as a concern: posted, with a flag a facilitator can resolve. It must
    # never open an escalation or hold the message.
    decision = screen("this is my last message tonight, going to bed, night all")
    assert decision.severity != "urgent"
    assert decision.action in ("post", "post_and_flag")


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_not_crisis(text: str) -> None:
    decision = screen(text)
    assert "crisis" not in decision.labels
    assert decision.severity is None
    assert not decision.crisis_card


@pytest.mark.parametrize(
    "text",
    [
        "i have my dad's rifle in my lap",
        "counted out fifty of my tablets on the table, tonight's the night",
    ],
)
def test_method_detail_is_held_and_still_gets_the_card(text: str) -> None:
    decision = screen(text)
    assert decision.severity == "urgent"
    assert decision.action == "hold"
    assert decision.crisis_card
    assert "crisis.means" in decision.reasons


def test_laughter_demotes_intent_to_concern_but_keeps_a_flag() -> None:
    decision = screen("if this lecture goes on any longer i'm going to kill myself lol")
    assert decision.severity == "concern"
    assert decision.action == "post_and_flag"


def test_reasons_never_contain_message_text() -> None:
    decision = screen("i'm going to kill myself tonight")
    assert all(reason.startswith("crisis.") and " " not in reason for reason in decision.reasons)
