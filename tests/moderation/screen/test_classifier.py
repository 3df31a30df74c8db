"""The screen's learned model: the pure-Python scorer matches scikit-learn, never raises, is
deterministic, and only ever adds a finding the rules missed or raises their severity."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.screen import classifier, screen
from moderation.screen.classifier import (
    HEADS,
    LEARNED_HARASSMENT,
    MIN_TOKENS,
    MODEL_PATH,
    NOTHING,
    Opinion,
    Scores,
    analyze,
    load_model,
    opinion_for,
    shipped_model,
    token_count,
)
from moderation.screen.detectors.crisis import assess, combine, rule_concepts
from moderation.screen.detectors.harassment import model_harassment_stands, rule_reasons
from moderation.screen.eval import load_cases
from moderation.screen.normalise import normalise, normalise_message

MODEL = shipped_model()

# Our own sentences (written for this file; none is in the training data or the dev set).
PARAPHRASES_THE_RULES_MISS = [
    "honestly i'm just waiting to not be here anymore",
    "everyone's lives would be easier if i just vanished for good",
]
# Put-downs with no swear word and none of the rules' phrases (written for this file).
PUT_DOWNS = [
    "honestly nobody in here wants to read your sob stories every week",
    "you bring the whole mood down every time you open your mouth",
]
HARD_NEGATIVES = [
    "this queue is killing me, been here an hour",
    "my sister would kill me if i forgot her birthday",
    "i'm not going to hurt myself, i just needed to rant",
    "my grandad passed away last month and i miss him",
    "we did a session on suicide warning signs in group tonight",
    "i nearly died laughing at the dog chasing its tail",
    "i'm giving away my winter coats to the homeless shelter",
    "my character got killed in the raid again lol",
]
RULE_FINDINGS = [
    "i keep thinking about ending things, i'm so tired",
    "i've stockpiled my meds in a shoebox under the bed",
    "nobody would care if i disappeared tomorrow",
]
ODD_STRINGS = [
    "",
    " ",
    "\t\n",
    "😂😂😂",
    "a",
    "i",
    "- - -",
    "a/b c/d",
    "ünïcödé wörds ànd ñ",
    "x" * 5000,
    "word " * 1200,
    "\u200bhidden\u200b",
    "日本語のテキスト",
]


def _own_texts() -> list[str]:
    texts = [case["text"] for case in load_cases(MODEL_PATH.parent / "train_cases.jsonl")]
    texts += PARAPHRASES_THE_RULES_MISS + HARD_NEGATIVES + RULE_FINDINGS + ODD_STRINGS
    return [normalise(text) for text in texts]


def test_the_model_ships() -> None:
    assert MODEL is not None, (
        f"{MODEL_PATH} is missing: python -m moderation.screen.train_classifier"
    )


def test_model_file_is_compact_gzipped_json() -> None:
    raw = MODEL_PATH.read_bytes()
    assert MODEL_PATH.stat().st_size < 3_000_000
    data = json.loads(gzip.decompress(raw))
    assert data["format"] == "circles-screen-tfidf-lr/2"
    assert set(data["heads"]) == set(HEADS)
    assert 0.5 <= data["thresholds"]["crisis"] < 1.0
    assert 0.5 <= data["thresholds"]["harassment"] < 1.0
    assert 0.0 < data["thresholds"]["urgent"] <= 1.0  # 1: the model never says urgent
    trained_on = set(data["metadata"]["trained_on"])
    assert {"real:rmhd", "real:davidson", "real:wnut17", "written:legacy"} <= trained_on
    assert set(data["metadata"]["never_trained_on"]) == {
        "holdout_cases.jsonl",
        "boundary_blind_a.jsonl",
        "boundary_blind_b.jsonl",
        "moderation-dev.jsonl",
    }


def test_scorer_reproduces_scikit_learn() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    assert MODEL is not None
    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
    vectoriser = TfidfVectorizer(analyzer=analyze, vocabulary=data["vocabulary"])
    vectoriser.fit(["fitted only to set up the vocabulary"])
    vectoriser.idf_ = np.array(data["idf"])
    heads = {}
    for name in HEADS:
        head = LogisticRegression()
        head.classes_ = np.array([False, True])
        head.coef_ = np.array([data["heads"][name]["coef"]])
        head.intercept_ = np.array([data["heads"][name]["intercept"]])
        heads[name] = head
    texts = _own_texts()
    assert len(texts) >= 300
    x = vectoriser.transform(texts)
    expected = {name: heads[name].predict_proba(x)[:, 1] for name in HEADS}
    for row, text in enumerate(texts):
        scores = MODEL.scores(text)
        for name in HEADS:
            assert getattr(scores, name) == pytest.approx(expected[name][row], abs=1e-12)


def _by_threshold(text: str) -> Opinion:
    assert MODEL is not None
    return opinion_for(MODEL.scores(text), MODEL.thresholds, token_count(text))


def test_short_messages_get_no_opinion() -> None:
    assert MODEL is not None
    sure = Scores(crisis=1.0, urgent=1.0, harassment=1.0)
    assert opinion_for(sure, MODEL.thresholds, MIN_TOKENS - 1) == NOTHING
    thresholds = {"crisis": 0.9, "urgent": 0.9, "harassment": 0.9}
    assert opinion_for(sure, thresholds, MIN_TOKENS) == Opinion("urgent", LEARNED_HARASSMENT)
    # An urgent threshold of 1: never urgent, even at a probability rounded to 1.0.
    assert opinion_for(sure, {**thresholds, "urgent": 1.0}, 5).severity == "concern"
    for text in ("one", "two words", "ok 👍", "yes!!"):
        assert MODEL.judge(normalise(text)) == NOTHING


def test_fast_judgement_equals_thresholded_scores() -> None:
    assert MODEL is not None
    texts = _own_texts()
    flagged = 0
    for text in texts:
        assert MODEL.judge(text) == _by_threshold(text)
        flagged += MODEL.judge(text) != NOTHING
    assert 0 < flagged < len(texts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_agrees_on_any_string(raw: str) -> None:
    assert MODEL is not None
    text = normalise(raw)
    verdict = MODEL.judge(text)
    assert verdict.severity in ("urgent", "concern", None)
    assert verdict == _by_threshold(text)
    scores = MODEL.scores(raw)  # raw text too: the scorer must cope with anything
    for name in HEADS:
        assert 0.0 <= getattr(scores, name) <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_word_tokens_never_cross_whitespace(text: str) -> None:
    # The scorer relies on it: tokens of the whole text == tokens of each word, in order.
    token = re.compile(r"\w+")
    assert token.findall(text) == [t for word in text.split() for t in token.findall(word)]


def test_deterministic_across_loads_and_cache_resets() -> None:
    assert MODEL is not None
    texts = _own_texts()[:200]
    first = [(MODEL.judge(text), MODEL.scores(text)) for text in texts]
    fresh = load_model(MODEL_PATH)
    assert [(fresh.judge(text), fresh.scores(text)) for text in texts] == first
    fresh._words.clear()
    assert [(fresh.judge(text), fresh.scores(text)) for text in reversed(texts)] == first[::-1]


@pytest.mark.parametrize("text", PARAPHRASES_THE_RULES_MISS)
def test_model_adds_crisis_the_rules_miss(text: str) -> None:
    assert assess(rule_concepts(normalise_message(text)))[0] is None
    decision = screen(text)
    assert "crisis" in decision.labels
    assert decision.reasons == ("crisis.model",)
    assert decision.severity in ("urgent", "concern")
    assert decision.crisis_card
    assert decision.action == "post_and_flag"


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_model_stays_quiet_on_hard_negatives(text: str) -> None:
    assert "crisis" not in screen(text).labels


@pytest.mark.parametrize(
    "text", RULE_FINDINGS + PARAPHRASES_THE_RULES_MISS + HARD_NEGATIVES + PUT_DOWNS
)
def test_model_never_removes_or_lowers_a_rule_finding(text: str) -> None:
    message = normalise_message(text)
    rules, reasons = assess(rule_concepts(message))
    harassment_rules, _ = rule_reasons(message)
    decision = screen(text)
    assert set(reasons) <= set(decision.reasons)
    assert set(harassment_rules) <= set(decision.reasons)
    with classifier.using(None):
        alone = screen(text)
    assert set(alone.labels) <= set(decision.labels)
    rank = {None: 0, "concern": 1, "urgent": 2}
    assert rank[decision.severity] >= rank[alone.severity]
    if rules == "urgent":
        assert decision.severity == "urgent"
        assert not {"crisis.model", "crisis.model_urgent"} & set(decision.reasons)


@pytest.mark.parametrize(
    ("rules", "model", "expected"),
    [
        (None, None, (None, False)),
        (None, "concern", ("concern", True)),
        (None, "urgent", ("urgent", True)),
        ("concern", None, ("concern", False)),
        ("concern", "concern", ("concern", False)),
        ("concern", "urgent", ("urgent", True)),
        ("urgent", None, ("urgent", False)),
        ("urgent", "concern", ("urgent", False)),
        ("urgent", "urgent", ("urgent", False)),
    ],
)
def test_combine_only_adds_or_raises(
    rules: str | None, model: str | None, expected: tuple[str | None, bool]
) -> None:
    assert combine(rules, model) == expected


@pytest.mark.parametrize("text", PUT_DOWNS)
def test_learned_harassment_is_off(text: str) -> None:
    # The head ships and is measured, but its opinion is not used (LEARNED_HARASSMENT).
    assert not LEARNED_HARASSMENT
    assert MODEL is not None
    assert MODEL.judge(normalise(text)).harassment is False
    assert "harassment.model" not in screen(text).reasons


@pytest.mark.parametrize("text", RULE_FINDINGS + PARAPHRASES_THE_RULES_MISS + PUT_DOWNS)
def test_without_the_model_the_rules_still_screen(text: str) -> None:
    # A missing or unloadable model leaves the rules working, never an error.
    with classifier.using(None):
        decision = screen(text)
    assert not {"crisis.model", "crisis.model_urgent", "harassment.model"} & set(decision.reasons)
    if text in RULE_FINDINGS:
        assert "crisis" in decision.labels


# Written for these tests: kind words the model's counts confuse with abuse, and abuse.
@pytest.mark.parametrize(
    ("text", "stands"),
    [
        ("you are not stupid for asking that", False),
        ("nobody in here thinks you're weak", False),
        ("go easy on yourself this week", False),
        ("you are such a drain on this group", True),
        ("nobody cares about your problems", True),
    ],
)
def test_learned_harassment_does_not_stand_on_a_denied_insult(text: str, stands: bool) -> None:
    assert model_harassment_stands(normalise(text)) is stands


def test_learned_crisis_does_not_stand_on_denied_crisis_words() -> None:
    text = "honestly i would never end my life, i have too much to stay for"
    assert "denied" in rule_concepts(normalise_message(text))
    assert "crisis" not in screen(text).labels
