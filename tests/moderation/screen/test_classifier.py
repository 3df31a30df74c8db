"""The crisis second opinion: the pure-Python scorer matches scikit-learn, never raises, is
deterministic, and only ever adds a crisis finding the rules missed."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.screen import screen
from moderation.screen.classifier import MODEL_PATH, analyze, load_model, shipped_model
from moderation.screen.detectors.crisis import assess, rule_concepts
from moderation.screen.eval import load_cases
from moderation.screen.normalise import normalise, normalise_message

MODEL = shipped_model()
pytestmark = pytest.mark.skipif(MODEL is None, reason="no crisis model shipped")

# Our own sentences (written for this file; none is in the training data or the dev set).
PARAPHRASES_THE_RULES_MISS = [
    "i've sorted out who gets my records and my bike, i won't be needing them",
    "honestly i'm just waiting to not be here anymore",
    "everyone's lives would be easier if i just vanished for good",
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


def test_model_file_is_compact_gzipped_json() -> None:
    raw = MODEL_PATH.read_bytes()
    assert MODEL_PATH.stat().st_size < 3_000_000
    data = json.loads(gzip.decompress(raw))
    assert data["format"] == "circles-crisis-tfidf-lr/1"
    assert 0.5 < data["thresholds"]["crisis"] < 1.0
    assert 0.0 < data["thresholds"]["urgent"] < 1.0
    assert not set(data["metadata"]["trained_on"]) & {"holdout_cases.jsonl", "moderation-dev.jsonl"}


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
    for name in ("crisis", "urgent"):
        head = LogisticRegression()
        head.classes_ = np.array([False, True])
        head.coef_ = np.array([data["heads"][name]["coef"]])
        head.intercept_ = np.array([data["heads"][name]["intercept"]])
        heads[name] = head
    texts = _own_texts()
    assert len(texts) >= 300
    x = vectoriser.transform(texts)
    expected_crisis = heads["crisis"].predict_proba(x)[:, 1]
    expected_urgent = heads["urgent"].predict_proba(x)[:, 1]
    for text, crisis, urgent in zip(texts, expected_crisis, expected_urgent, strict=True):
        scores = MODEL.scores(text)
        assert scores.crisis == pytest.approx(crisis, abs=1e-12)
        assert scores.urgent == pytest.approx(urgent, abs=1e-12)


def _by_threshold(text: str) -> str | None:
    assert MODEL is not None
    scores = MODEL.scores(text)
    if scores.crisis < MODEL.crisis_threshold:
        return None
    return "urgent" if scores.urgent >= MODEL.urgent_threshold else "concern"


def test_fast_judgement_equals_thresholded_scores() -> None:
    assert MODEL is not None
    texts = _own_texts()
    flagged = 0
    for text in texts:
        assert MODEL.judge(text) == _by_threshold(text)
        flagged += MODEL.judge(text) is not None
    assert 0 < flagged < len(texts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_agrees_on_any_string(raw: str) -> None:
    assert MODEL is not None
    text = normalise(raw)
    verdict = MODEL.judge(text)
    assert verdict in ("urgent", "concern", None)
    assert verdict == _by_threshold(text)
    scores = MODEL.scores(raw)  # raw text too: the scorer must cope with anything
    assert 0.0 <= scores.crisis <= 1.0
    assert 0.0 <= scores.urgent <= 1.0


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


@pytest.mark.parametrize("text", RULE_FINDINGS + PARAPHRASES_THE_RULES_MISS + HARD_NEGATIVES)
def test_model_never_removes_or_changes_a_rule_finding(text: str) -> None:
    rules, reasons = assess(rule_concepts(normalise_message(text)))
    decision = screen(text)
    if rules is not None:
        assert decision.severity == rules
        assert "crisis.model" not in decision.reasons
        assert set(reasons) <= set(decision.reasons)
