"""Harassment detector: abuse aimed at a person or a group, and what is not harassment."""

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
