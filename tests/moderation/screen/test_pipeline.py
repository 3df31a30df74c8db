"""The whole screen (moderation/screen/pipeline.py): it never raises and always returns one
consistent decision (properties), findings combine into one action, and it meets the
targets on our own labelled cases."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.screen import Decision, ModerationPolicy, screen
from moderation.screen.eval import OWN_CASES, evaluate, load_cases
from moderation.screen.policy import ACTIONS, BOUNDARY_SUBTYPES, LABELS
from moderation.screen.registry import detectors


def _assert_consistent(decision: Decision) -> None:
    assert decision.action in ACTIONS
    assert list(decision.labels) == [label for label in LABELS if label in decision.labels]
    assert list(decision.boundary) == [
        name for name in BOUNDARY_SUBTYPES if name in decision.boundary
    ]
    assert bool(decision.boundary) == ("boundary" in decision.labels)
    assert (decision.severity is not None) == ("crisis" in decision.labels)
    assert decision.severity in (None, "urgent", "concern")
    assert decision.crisis_card == ("crisis" in decision.labels)
    if decision.room_crisis_signal:
        assert "harassment" in decision.labels
    if decision.action == "block":
        assert "policy.blocked_word" in decision.reasons
    elif decision.labels == () and not any(
        reason.startswith("pipeline.") for reason in decision.reasons
    ):
        assert decision.action == "post"
    if "crisis" in decision.labels:
        assert decision.action in ("post_and_flag", "hold")


# Lone surrogates, controls, combining marks, emoji and the characters the normaliser rewrites.
_ANY_CODEPOINT = st.characters(codec=None, categories=None)


@given(st.text(alphabet=_ANY_CODEPOINT, max_size=300))
def test_screen_never_raises_on_any_unicode(text: str) -> None:
    _assert_consistent(screen(text))


@given(
    st.text(alphabet=st.sampled_from("kilmysefuctharp!1@$*. \u200b\u0430\u03bf\n"), max_size=120)
)
def test_screen_is_consistent_on_obfuscation_soup(text: str) -> None:
    _assert_consistent(screen(text))


@settings(max_examples=25)
@given(
    st.text(max_size=60),
    st.booleans(),
    st.lists(st.text(min_size=1, max_size=12), max_size=3),
    st.sampled_from(["member", "facilitator", "coordinator", ""]),
)
def test_screen_is_consistent_under_any_policy(
    text: str, allow: bool, words: list[str], role: str
) -> None:
    policy = ModerationPolicy(
        allow_undirected_profanity=allow,
        extra_blocked_words=tuple(words),
        exempt_words=tuple(words),
    )
    _assert_consistent(screen(text, policy=policy, author_role=role))


@pytest.mark.parametrize(
    "text",
    [
        "\ud800\udfff lone surrogates \udc00",
        "\x00\x01\x1b[31m controls",
        "k" * 100_000,
        "i want to die " * 20_000,
        "07700 900123 " * 5_000,
        "@" * 10_000 + "." * 10_000,
        "\u0301" * 5_000,
    ],
)
def test_screen_handles_hostile_and_huge_input(text: str) -> None:
    _assert_consistent(screen(text))


def test_overlong_input_is_held_for_a_human() -> None:
    decision = screen("hello " * 10_000)
    assert decision.action == "hold"
    assert "pipeline.too_long" in decision.reasons


def test_screen_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        screen(None)  # type: ignore[arg-type]


def test_a_failing_detector_holds_the_message_and_logs_no_text(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(screen_input: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(detectors._detectors, "profanity", broken)
    with caplog.at_level(logging.ERROR, logger="moderation.screen.pipeline"):
        decision = screen("a secret message about my day")
    assert decision.action == "hold"
    assert "pipeline.detector_error" in decision.reasons
    assert "secret" not in caplog.text


def test_crisis_and_boundary_together_are_held_and_get_the_card() -> None:
    decision = screen(
        "pills are here and i'm scared i'll take them, can someone give me their number"
    )
    assert decision.labels == ("crisis", "boundary")
    assert decision.action == "hold"
    assert decision.crisis_card


CASES = load_cases(OWN_CASES)


def test_own_cases_meet_the_targets() -> None:
    report = evaluate("own", CASES)
    crisis = report.labels["crisis"]
    assert crisis.recall >= 0.95 and crisis.precision >= 0.90
    total, caught, rated = report.severity["urgent"]
    assert caught / total >= 0.98 and rated / total >= 0.85
    for label in ("boundary", "harassment"):
        assert report.labels[label].precision >= 0.90 and report.labels[label].recall >= 0.90
    assert report.benign_flagged / report.benign <= 0.05


# --- context: the author's previous messages in the session (issue 10) ----------------------
# Written for these tests: each alone is a concern or nothing; together an urgent plan.
_WISH = "i dont want to be alive anymore"
_PREPARATION = "gave my cat to the neighbours this afternoon"


def test_a_plan_spread_over_messages_is_read_as_one() -> None:
    assert screen(_WISH).severity == "concern"
    assert screen(_PREPARATION).severity is None
    decision = screen(_PREPARATION, context=[_WISH])
    assert decision.severity == "urgent"
    assert "crisis.context" in decision.reasons
    _assert_consistent(decision)


def test_context_never_lowers_and_never_repeats_a_flag() -> None:
    # Already urgent alone: the context adds nothing.
    urgent = "i have the pills in my hand and i'm taking them now"
    assert screen(urgent, context=["hi all"]) == screen(urgent)
    # The earlier message said it all: the next one is not flagged for it again.
    assert screen("thanks for listening", context=[_WISH]).labels == ()
    assert screen(_PREPARATION, context=["my nan died last year, miss her"]).labels == ()


def test_only_the_last_few_messages_count() -> None:
    from moderation.screen.pipeline import CONTEXT_MESSAGES

    filler = ["ok", "yeah", "same here"]
    far = [_WISH, *filler[:CONTEXT_MESSAGES]]
    assert screen(_PREPARATION, context=far).severity is None
    near = [*filler[: CONTEXT_MESSAGES - 1], _WISH]
    assert screen(_PREPARATION, context=near).severity == "urgent"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=5), st.text(max_size=120))
def test_context_never_raises_and_only_adds(context: list[str], text: str) -> None:
    alone = screen(text)
    decision = screen(text, context=context)
    _assert_consistent(decision)
    assert set(alone.labels) <= set(decision.labels)
