"""The second opinion's rule and its encoder (moderation/screen/second_opinion.py).

The rule is a pure function: it may add a flag or raise a concern to urgent, never remove
or lower anything. The encoder tests need the built files (``make install`` builds them);
without them they are skipped on a laptop and fail in CI.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from moderation.screen import second_opinion
from moderation.screen.encoder import ENCODER_DIR, Encoder, EncoderUnavailable
from moderation.screen.second_opinion import (
    NOTHING,
    REASON_CRISIS,
    REASON_HARASSMENT,
    REASON_URGENT,
    Screened,
    addition_for,
    boundary_reason,
    guards,
    load_heads,
)

THRESHOLDS = {
    "crisis": 0.9,
    "urgent": 0.8,
    "harassment": 0.95,
    "money": 0.9,
    "romance": 0.9,
    "medical_advice": 0.9,
    "meeting": 0.9,
}
LOW = dict.fromkeys(THRESHOLDS, 0.1)
CLEAN = Screened(labels=(), severity=None, reasons=())
CONCERN = Screened(labels=("crisis",), severity="concern", reasons=("crisis.wish",))
URGENT = Screened(labels=("crisis",), severity="urgent", reasons=("crisis.plan",))


def add(probs: dict[str, float], screened: Screened, crisis: bool = True, harassment: bool = True):
    return addition_for(
        {**LOW, **probs},
        THRESHOLDS,
        screened,
        crisis_allowed=crisis,
        harassment_allowed=harassment,
    )


def test_nothing_below_every_threshold() -> None:
    assert add({}, CLEAN) is NOTHING
    assert not add({}, CLEAN)


def test_adds_a_concern_the_screen_missed() -> None:
    addition = add({"crisis": 0.95}, CLEAN)
    assert addition.labels == ("crisis",)
    assert addition.severity == "concern"
    assert addition.reasons == (REASON_CRISIS,)


def test_adds_an_urgent_crisis_when_the_urgent_head_is_sure() -> None:
    assert add({"crisis": 0.95, "urgent": 0.9}, CLEAN).severity == "urgent"


def test_raises_a_concern_to_urgent() -> None:
    addition = add({"urgent": 0.9}, CONCERN)
    assert addition.labels == ()
    assert addition.severity == "urgent"
    assert addition.reasons == (REASON_URGENT,)


@pytest.mark.parametrize("screened", [CONCERN, URGENT], ids=["concern", "urgent"])
def test_never_lowers_or_repeats_a_crisis(screened: Screened) -> None:
    # Every head low: nothing. The crisis head high on a crisis message: nothing to add.
    assert add({}, screened) is NOTHING
    assert add({"crisis": 0.99}, screened) is NOTHING
    # Urgent stays urgent whatever the urgent head says.
    assert add({"urgent": 0.9}, URGENT) is NOTHING


def test_adds_harassment_beside_a_crisis() -> None:
    addition = add({"harassment": 0.99}, URGENT)
    assert addition.labels == ("harassment",)
    assert addition.severity is None
    assert addition.reasons == (REASON_HARASSMENT,)


def test_adds_boundary_subtypes_the_screen_missed() -> None:
    addition = add({"money": 0.95, "romance": 0.95}, CLEAN)
    assert addition.labels == ("boundary",)
    assert addition.boundary == ("money", "romance")
    assert addition.reasons == (boundary_reason("money"), boundary_reason("romance"))
    # A boundary message the screen already tagged "meeting" gets only the new subtype.
    said = Screened(labels=("boundary",), severity=None, reasons=(), boundary=("meeting",))
    addition = add({"money": 0.95, "meeting": 0.99}, said)
    assert addition.labels == () and addition.boundary == ("money",)
    assert add({"money": 0.95}, CLEAN, harassment=False) is NOTHING


def test_guards_stop_what_they_guard() -> None:
    assert add({"crisis": 0.99, "urgent": 0.99}, CLEAN, crisis=False) is NOTHING
    assert add({"urgent": 0.99}, CONCERN, crisis=False) is NOTHING
    assert add({"harassment": 0.99}, CLEAN, harassment=False) is NOTHING


@pytest.mark.parametrize(
    ("text", "reasons", "crisis", "harassment"),
    [
        # Written for this file.
        ("i have been thinking about the weekend a lot", (), True, True),
        ("ok", (), False, False),  # under three words: neither head stands
        ("im not going to kill myself, dont worry", (), False, True),
        ("you should go die already honestly", ("harassment.self_harm_abuse",), False, True),
    ],
)
def test_guards(text: str, reasons: tuple[str, ...], crisis: bool, harassment: bool) -> None:
    said = Screened(labels=(), severity=None, reasons=reasons)
    assert guards(text, said) == (crisis, harassment)


# --- the built encoder and the shipped heads ---------------------------------------------


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    try:
        return Encoder()
    except EncoderUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the encoder is not built ({exc}); make install builds it")
        pytest.skip(f"encoder not built: {exc}")


def test_embeddings_are_unit_length_and_independent_of_each_other(encoder: Encoder) -> None:
    texts = ["a short one", "a much longer message about a long and tiring day at work " * 4]
    together = encoder.embed(texts)
    assert together.shape == (2, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    alone = np.vstack([encoder.embed([t]) for t in texts])
    # Each is computed alone: what else is being read cannot change a message's embedding
    # (int8 activations take their scale from the whole input).
    assert np.array_equal(together, alone)


def test_embeddings_carry_meaning(encoder: Encoder) -> None:
    # Written for this file: two paraphrases and an unrelated sentence.
    a, b, c = encoder.embed(
        [
            "i want to end my life tonight",
            "tonight i am going to kill myself",
            "the soup recipe needs more garlic",
        ]
    )
    assert a @ b > 0.5
    assert a @ b > a @ c + 0.25


def test_the_shipped_heads_were_trained_on_this_encoder_build(encoder: Encoder) -> None:
    heads = load_heads()
    assert heads.encoder_sha256 == encoder.digest
    opinion = second_opinion.SecondOpinion(encoder, heads)
    said = Screened(labels=(), severity=None, reasons=())
    assert not opinion.judge("what time does the group start on thursday?", said)


def test_a_missing_build_is_unavailable(tmp_path) -> None:
    with pytest.raises(EncoderUnavailable):
        Encoder(tmp_path)
    assert ENCODER_DIR.name == "encoder"


# --- both opinions together (classify and eval) ------------------------------------------


class AlwaysConcern:
    """A second opinion that adds a concern to whatever it reads, and remembers what."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def judge(self, text: str, screened: Screened) -> second_opinion.Addition:
        self.read.append(text)
        return addition_for(
            {"crisis": 1.0, "urgent": 0.0, "harassment": 0.0},
            THRESHOLDS,
            screened,
            crisis_allowed=True,
            harassment_allowed=True,
        )


def test_both_opinions_flag_a_posted_message_and_keep_a_hold() -> None:
    fake = AlwaysConcern()
    posted = second_opinion.screen_both("we had a picnic by the lake", fake)  # type: ignore[arg-type]
    assert posted.labels == ("crisis",) and posted.severity == "concern"
    assert posted.action == "post_and_flag"
    assert posted.reasons[-1] == REASON_CRISIS
    held = second_opinion.screen_both("add me on insta @someone_new", fake)  # type: ignore[arg-type]
    assert held.action == "hold"
    assert held.labels == ("crisis", "boundary")  # in the order of LABELS


def test_a_blocked_message_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from moderation.screen.policy import ModerationPolicy

    policy = ModerationPolicy.from_dict({"extra_blocked_words": ["zorblax"]})
    real_screen = second_opinion.screen
    monkeypatch.setattr(second_opinion, "screen", lambda text: real_screen(text, policy=policy))
    fake = AlwaysConcern()
    decision = second_opinion.screen_both("zorblax at the picnic", fake)  # type: ignore[arg-type]
    assert decision.action == "block"
    assert fake.read == []


def test_classify_fast_is_the_screen_alone_and_the_default_adds_the_second_opinion() -> None:
    import io
    import json

    from moderation.screen.cli import classify_lines

    line = b'{"id": 1, "text": "we had a picnic by the lake"}\n'
    fast, both, err = io.StringIO(), io.StringIO(), io.StringIO()
    classify_lines([line], fast, err)
    classify_lines([line], both, err, AlwaysConcern())  # type: ignore[arg-type]
    assert json.loads(fast.getvalue())["labels"] == []
    assert json.loads(both.getvalue())["labels"] == ["crisis"]
    assert json.loads(both.getvalue())["action"] == "post_and_flag"
