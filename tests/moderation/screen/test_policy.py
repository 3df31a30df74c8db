"""Policy: one action per message, per-group settings, JSON round trip, word lists."""

from __future__ import annotations

import json

import pytest

from moderation.screen import DEFAULT_POLICY, ModerationPolicy, screen
from moderation.screen.policy import ACTIONS, most_restrictive


def test_defaults() -> None:
    assert screen("lovely sunset tonight").action == "post"
    assert screen("shit, burnt the toast").action == "post"
    assert screen("i wish i wasn't alive").action == "post_and_flag"
    assert screen("what's your number? i'll text you").action == "hold"
    assert screen("you're a pathetic loser").action == "hold"


def test_group_can_disallow_undirected_swearing() -> None:
    strict = ModerationPolicy(allow_undirected_profanity=False)
    decision = screen("shit, burnt the toast", policy=strict)
    assert decision.labels == ("profanity",)
    assert decision.action == "hold"


def test_extra_blocked_words_block() -> None:
    policy = ModerationPolicy(extra_blocked_words=("spamcoin", "buy followers"))
    assert screen("get rich with SPAMCOIN now", policy=policy).action == "block"
    assert screen("buy   followers cheap", policy=policy).action == "block"
    assert "policy.blocked_word" in screen("spamcoin", policy=policy).reasons
    assert screen("a normal message", policy=policy).action == "post"


def test_a_crisis_message_is_never_blocked() -> None:
    policy = ModerationPolicy(extra_blocked_words=("spamcoin",))
    decision = screen("spamcoin ruined me, i'm going to kill myself tonight", policy=policy)
    assert decision.action == "hold"
    assert decision.crisis_card
    assert decision.severity == "urgent"


def test_exempt_words_allow_a_swear_word_for_the_group() -> None:
    policy = ModerationPolicy(allow_undirected_profanity=False, exempt_words=("bloody",))
    assert screen("bloody buses", policy=policy).action == "post"
    assert screen("bloody buses", policy=policy).labels == ()
    assert screen("bloody shit buses", policy=policy).action == "hold"


def test_crisis_actions_cannot_be_weakened_to_post_or_block() -> None:
    with pytest.raises(ValueError):
        ModerationPolicy(crisis_concern_action="post")
    with pytest.raises(ValueError):
        ModerationPolicy(crisis_urgent_action="block")


def test_invalid_action_is_refused() -> None:
    with pytest.raises(ValueError):
        ModerationPolicy(boundary_action="delete")


def test_word_lists_must_be_lists() -> None:
    with pytest.raises(TypeError):
        ModerationPolicy(extra_blocked_words="spam")  # type: ignore[arg-type]


def test_json_round_trip() -> None:
    policy = ModerationPolicy(
        allow_undirected_profanity=False,
        extra_blocked_words=["Spam", "spam "],
        exempt_words=["feck"],
    )  # type: ignore[arg-type]
    stored = json.loads(json.dumps(policy.to_dict()))
    assert ModerationPolicy.from_dict(stored) == policy
    assert policy.extra_blocked_words == ("spam",)


def test_from_dict_ignores_unknown_keys_and_fills_defaults() -> None:
    assert ModerationPolicy.from_dict({"retired_setting": 1}) == DEFAULT_POLICY


def test_most_restrictive_order() -> None:
    assert most_restrictive([]) == "post"
    assert most_restrictive(["post_and_flag", "hold", "post"]) == "hold"
    assert most_restrictive(list(ACTIONS)) == "block"


def test_method_detail_action_is_configurable() -> None:
    policy = ModerationPolicy(crisis_method_detail_action="post_and_flag")
    decision = screen("i'm holding the blade in my hand right now", policy=policy)
    assert decision.severity == "urgent"
    assert decision.action == "post_and_flag"
