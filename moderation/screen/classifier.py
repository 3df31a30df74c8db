"""The learned part of the screen: a pure-Python scorer for a shipped model.

The model (``data/screen_model.json.gz``, written by
``python -m moderation.screen.train_classifier``) is a TF-IDF (raw counts, smooth idf, L2
norm) over character n-grams (2-5, inside word boundaries) and word 1-2 grams of the
*normalised* text, with three logistic-regression heads over the same features:

* ``crisis``: P(crisis), trained on every labelled message;
* ``urgent``: P(urgent | crisis), trained on the crisis messages only;
* ``harassment``: P(harassment), trained on every labelled message.

Scoring reproduces scikit-learn's ``TfidfVectorizer(analyzer=analyze)`` +
``LogisticRegression.predict_proba`` to floating-point rounding, with no scikit-learn and no
numpy: per feature the model keeps ``idf**2`` (for the norm) and ``coef * idf`` per head (for
the dot products). With raw counts a dot product is a sum over words, so each distinct word's
share is cached and the dot products are exact sums of cached numbers; ``judge`` first bounds
the norm from below by the square root of the sum of ``idf**2`` over all n-gram occurrences
(counts are >= 1, so ``count**2 >= count``). When that keeps both flagging heads under their
thresholds, which is most messages, the message is cleared without counting its features.

No message text is logged or kept beyond the bounded per-word cache.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent / "data" / "screen_model.json.gz"
FORMAT = "circles-screen-tfidf-lr/2"

CHAR_MIN, CHAR_MAX = 2, 5
# Only the start of a message is scored: chat messages are at most 2,000 characters (SPEC 2),
# and the cost must stay bounded on anything longer.
MAX_SCORED_CHARS = 4000
_TOKEN = re.compile(r"\w+")
# Word features carry a tab prefix: a character n-gram never contains whitespace other than
# its padding spaces, so the two kinds of feature can never collide.
_WORD_PREFIX = "\t"
_WORD_CACHE_LIMIT = 50_000
# The cheap bound clears a message only when it is below the threshold by more than this, so
# floating-point rounding can never clear a message the exact score would flag.
_BOUND_SLACK = 1e-9


def char_ngrams(word: str) -> list[str]:
    """Character n-grams of one word padded with a space on each side (like ``char_wb``)."""
    padded = f" {word} "
    size = len(padded)
    return [
        padded[start : start + n]
        for n in range(CHAR_MIN, min(CHAR_MAX, size) + 1)
        for start in range(size - n + 1)
    ]


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams (tokens are runs of word characters, one letter included)."""
    tokens = _TOKEN.findall(text)
    grams = [_WORD_PREFIX + token for token in tokens]
    grams += [f"{_WORD_PREFIX}{a} {b}" for a, b in itertools.pairwise(tokens)]
    return grams


def analyze(text: str) -> list[str]:
    """Every feature string of a normalised text: the analyzer used to train the model."""
    text = text[:MAX_SCORED_CHARS]
    grams: list[str] = []
    for word in text.split():
        grams += char_ngrams(word)
    grams += word_ngrams(text)
    return grams


HEADS = ("crisis", "urgent", "harassment")
# The model gives no opinion on shorter messages (see ``opinion_for``).
MIN_TOKENS = 3
# The harassment head is trained, measured and shipped, but its opinion is not used: at the
# operating point its cross-validated additions were right 85% of the time, yet it still
# rated kind messages about identity and belonging as abuse ("trans people are not mentally
# ill", "people like you make this group special"), and a harassment finding holds the
# message. The rules alone decide harassment until a model reads them right
# (moderation/README.md).
LEARNED_HARASSMENT = False
# The heads a message can be flagged by; ``urgent`` only grades a crisis.
FLAGGING_HEADS = ("crisis", "harassment")


@dataclass(frozen=True, slots=True)
class Scores:
    """The heads' probabilities for one message."""

    crisis: float
    urgent: float
    harassment: float


@dataclass(frozen=True, slots=True)
class Opinion:
    """What the model says about one message, by its thresholds.

    ``severity``: ``None`` (not crisis), ``"concern"`` or ``"urgent"``; ``harassment``: abuse
    aimed at someone.
    """

    severity: str | None
    harassment: bool


NOTHING = Opinion(severity=None, harassment=False)


def _sigmoid(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp = math.exp(logit)
    return exp / (1.0 + exp)


@dataclass(frozen=True, slots=True)
class _Word:
    """One distinct whitespace-separated word's share of a message, cached.

    ``ids``: its character n-grams, word unigrams and the word bigrams inside it ("a/b") that
    are in the vocabulary, repeats kept. ``first``: its first word token (``None`` when it
    has none, e.g. an emoji); ``follow``: the bigrams starting with its last token, by second
    token, to join it to the next word. ``dots``: per flagging head, the sum of that head's
    ``coef * idf`` over ``ids``; ``squared``: the sum of ``idf**2`` over ``ids``.
    """

    ids: tuple[int, ...]
    first: str | None
    follow: dict[str, int] | None
    dots: tuple[float, ...]
    squared: float


class ScreenModel:
    """The shipped model, folded for fast scoring."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown screen model format {data.get('format')!r}")
        vocabulary: list[str] = data["vocabulary"]
        idf: list[float] = data["idf"]
        heads: dict[str, Any] = data["heads"]
        if set(heads) != set(HEADS):
            raise ValueError(f"screen model heads {sorted(heads)} are not {sorted(HEADS)}")
        if any(len(heads[name]["coef"]) != len(vocabulary) for name in HEADS) or len(idf) != len(
            vocabulary
        ):
            raise ValueError("screen model arrays differ in length")
        self.index = {feature: position for position, feature in enumerate(vocabulary)}
        # Word bigrams by first token then second, so that no string is built to look one up.
        self.bigrams: dict[str, dict[str, int]] = {}
        for feature, position in self.index.items():
            if feature.startswith(_WORD_PREFIX) and " " in feature:
                first, second = feature[len(_WORD_PREFIX) :].split(" ")
                self.bigrams.setdefault(first, {})[second] = position
        self.idf_squared = [value * value for value in idf]
        self.weights = {
            name: [c * v for c, v in zip(heads[name]["coef"], idf, strict=True)] for name in HEADS
        }
        self.intercepts = {name: float(heads[name]["intercept"]) for name in HEADS}
        thresholds: dict[str, float] = data["thresholds"]
        self.thresholds = {name: float(thresholds[name]) for name in HEADS}
        # A flagging head's logit must reach this above its intercept to flag a message.
        self._margins = tuple(
            _logit(self.thresholds[name]) - self.intercepts[name] for name in FLAGGING_HEADS
        )
        self._all = tuple(self.weights[name] for name in HEADS)
        self._flagging = tuple(HEADS.index(name) for name in FLAGGING_HEADS)
        self.metadata: dict[str, Any] = data.get("metadata", {})
        self._words: dict[str, _Word] = {}

    def _word(self, word: str) -> _Word:
        entry = self._words.get(word)
        if entry is None:
            index = self.index
            tokens = _TOKEN.findall(word)
            grams = char_ngrams(word) + [_WORD_PREFIX + token for token in tokens]
            grams += [f"{_WORD_PREFIX}{a} {b}" for a, b in itertools.pairwise(tokens)]
            ids = tuple(index[g] for g in grams if g in index)
            entry = _Word(
                ids=ids,
                first=tokens[0] if tokens else None,
                follow=self.bigrams.get(tokens[-1]) if tokens else None,
                dots=tuple(sum(map(weights.__getitem__, ids)) for weights in self._all),
                squared=sum(map(self.idf_squared.__getitem__, ids)),
            )
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()
            self._words[word] = entry
        return entry

    def _walk(self, text: str) -> tuple[list[_Word], list[int]]:
        """The cached words of a normalised text and the ids of the bigrams joining them."""
        # Word tokens never contain whitespace, so the token sequence of the whole text is
        # the tokens of its whitespace-separated words, in order: a bigram is either inside
        # one word or joins the last token of one word to the first of the next word that
        # has any token.
        entries = [self._word(word) for word in text[:MAX_SCORED_CHARS].split()]
        joins: list[int] = []
        follow: dict[str, int] | None = None
        for entry in entries:
            if entry.first is None:
                continue
            if follow is not None and (position := follow.get(entry.first)) is not None:
                joins.append(position)
            follow = entry.follow
        return entries, joins

    def counts(self, text: str) -> Counter[int]:
        """The model's feature counts in a normalised text (its TF row)."""
        entries, bigram_ids = self._walk(text)
        counts: Counter[int] = Counter(bigram_ids)
        for entry in entries:
            counts.update(entry.ids)
        return counts

    def scores(self, text: str) -> Scores:
        """Every head's probability for a normalised text.

        With raw counts each dot product is linear in the counts, so it is the sum of the
        cached per-word dots plus the bigrams joining words; only the norm needs the counts.
        """
        entries, joins = self._walk(text)
        return self._scores(entries, joins)

    def _scores(self, entries: list[_Word], joins: list[int]) -> Scores:
        counts: Counter[int] = Counter(joins)
        for entry in entries:
            counts.update(entry.ids)
        idf_squared = self.idf_squared
        squared = sum(idf_squared[i] * c * c for i, c in counts.items())
        logits = []
        for head, name in enumerate(HEADS):
            intercept = self.intercepts[name]
            if squared <= 0.0:
                logits.append(intercept)
                continue
            weights = self._all[head]
            dot = sum(entry.dots[head] for entry in entries) + sum(map(weights.__getitem__, joins))
            logits.append(intercept + dot / math.sqrt(squared))
        crisis, urgent, harassment = (_sigmoid(logit) for logit in logits)
        return Scores(crisis=crisis, urgent=urgent, harassment=harassment)

    def _cleared(self, entries: list[_Word], joins: list[int]) -> bool:
        """Whether a cheap bound already keeps every flagging head under its threshold.

        The dot products are exact (the cached per-word dots plus the joining bigrams); the
        norm is bounded below by the square root of the sum of ``idf**2`` over every n-gram
        occurrence (counts are >= 1, so ``count**2 >= count``), which needs no counting.
        """
        idf_squared = self.idf_squared
        lower = sum(entry.squared for entry in entries) + sum(map(idf_squared.__getitem__, joins))
        for head, margin in zip(self._flagging, self._margins, strict=True):
            weights = self._all[head]
            dot = sum(entry.dots[head] for entry in entries) + sum(map(weights.__getitem__, joins))
            if dot <= 0.0:
                # The exact logit minus the intercept, dot / norm, is <= 0.
                if margin <= _BOUND_SLACK:
                    return False
            elif dot / math.sqrt(lower) >= margin - _BOUND_SLACK:
                return False
        return True

    def judge(self, text: str) -> Opinion:
        """The model's opinion on a normalised text, by its thresholds.

        The same decision as ``opinion_for(scores(text), ...)``; almost every message is
        cleared by ``_cleared`` with two cached numbers per word and no feature counting.
        """
        tokens = token_count(text)
        if tokens < MIN_TOKENS:
            return NOTHING
        entries, joins = self._walk(text)
        if self._cleared(entries, joins):
            return NOTHING
        return opinion_for(self._scores(entries, joins), self.thresholds, tokens)


def opinion_for(scores: Scores, thresholds: dict[str, float], tokens: int) -> Opinion:
    """Threshold a message's scores into an opinion. A message of fewer than ``MIN_TOKENS``
    words gets none: a word or two gives a handful of n-grams whose weights were learned in
    longer messages ("one" from "no one cares"), and the rules cover the short forms."""
    if tokens < MIN_TOKENS:
        return NOTHING
    severity = None
    if scores.crisis >= thresholds["crisis"]:
        # A threshold of 1 means no operating point was right often enough: the model then
        # never says it (a rounded probability can reach 1.0).
        urgent = thresholds["urgent"] < 1.0 and scores.urgent >= thresholds["urgent"]
        severity = "urgent" if urgent else "concern"
    harassment = (
        LEARNED_HARASSMENT
        and thresholds["harassment"] < 1.0
        and scores.harassment >= thresholds["harassment"]
    )
    return Opinion(severity=severity, harassment=harassment)


def token_count(text: str) -> int:
    """Word tokens the model counts in a normalised text."""
    return len(_TOKEN.findall(text[:MAX_SCORED_CHARS]))


def _logit(probability: float) -> float:
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


def load_model(path: Path = MODEL_PATH) -> ScreenModel:
    """Read a model file (gzip-compressed JSON, or plain JSON)."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return ScreenModel(json.loads(raw.decode("utf-8")))


@lru_cache(maxsize=1)
def _shipped() -> ScreenModel | None:
    if not MODEL_PATH.is_file():
        return None
    return load_model(MODEL_PATH)


# Set by ``using``: a model to score with instead of the shipped one, or None for no model.
_override: list[ScreenModel | None] = []


def shipped_model() -> ScreenModel | None:
    """The model shipped in the repository, loaded once; ``None`` when the file is absent
    (or while ``using(None)`` is in force)."""
    return _override[-1] if _override else _shipped()


@contextmanager
def using(model: ScreenModel | None) -> Iterator[None]:
    """Screen with ``model`` (``None``: the rules alone) inside the block: for training,
    measuring and tests, never for serving."""
    global _last_opinion
    _override.append(model)
    _last_opinion = ("", NOTHING)
    try:
        yield
    finally:
        _override.pop()
        _last_opinion = ("", NOTHING)


# The crisis and harassment detectors both ask about the same message, one after the other:
# the last answer is kept (a tuple, replaced whole, so threads never see half of one).
_last_opinion: tuple[str, Opinion] = ("", NOTHING)


def forget() -> None:
    """Drop every text and word this process has kept to score faster (erasure, retention)."""
    global _last_opinion
    _last_opinion = ("", NOTHING)
    model = _shipped()
    if model is not None:
        model._words.clear()


def opinion(text: str) -> Opinion:
    """The shipped model's opinion on a normalised text; nothing when no model is shipped."""
    global _last_opinion
    last_text, last = _last_opinion
    if text == last_text:
        return last
    model = shipped_model()
    result = NOTHING if model is None else model.judge(text)
    _last_opinion = (text, result)
    return result
