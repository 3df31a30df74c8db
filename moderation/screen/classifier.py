"""A learned second opinion for the crisis detector: a pure-Python scorer for a shipped model.

The model (``data/crisis_model.json.gz``, written by
``python -m moderation.screen.train_classifier``) is a TF-IDF (raw counts, smooth idf, L2
norm) over character n-grams (2-5, inside word boundaries) and word 1-2 grams of the
*normalised* text, with two logistic-regression heads over the same features:

* ``crisis``: P(crisis), trained on every labelled message;
* ``urgent``: P(urgent | crisis), trained on the crisis messages only.

Scoring reproduces scikit-learn's ``TfidfVectorizer(analyzer=analyze)`` +
``LogisticRegression.predict_proba`` to floating-point rounding, with no scikit-learn and no
numpy: per feature the model keeps ``idf**2`` (for the norm) and ``coef * idf`` (for the dot
product). With raw counts the dot product is a sum over words, so each distinct word's share
is cached, and ``judge`` first checks a cheap exact bound: the norm is at least the square
root of the sum of ``idf**2`` over all n-grams (counts are >= 1, so ``count**2 >= count``).
When even that bound keeps the crisis logit under its threshold, which is almost always, the
message is cleared without building its feature counts.

No message text is logged or kept beyond the bounded per-word cache.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent / "data" / "crisis_model.json.gz"
FORMAT = "circles-crisis-tfidf-lr/1"

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


@dataclass(frozen=True, slots=True)
class Scores:
    """The two heads' probabilities for one message."""

    crisis: float
    urgent: float


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
    token, to join it to the next word. ``crisis`` and ``squared``: the sums of the crisis
    head's ``coef * idf`` and of ``idf**2`` over ``ids``.
    """

    ids: tuple[int, ...]
    first: str | None
    follow: dict[str, int] | None
    crisis: float
    squared: float


class CrisisModel:
    """The shipped model, folded for fast scoring."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown crisis model format {data.get('format')!r}")
        vocabulary: list[str] = data["vocabulary"]
        idf: list[float] = data["idf"]
        heads: dict[str, Any] = data["heads"]
        if not (len(vocabulary) == len(idf) == len(heads["crisis"]["coef"])):
            raise ValueError("crisis model arrays differ in length")
        self.index = {feature: position for position, feature in enumerate(vocabulary)}
        # Word bigrams by first token then second, so that no string is built to look one up.
        self.bigrams: dict[str, dict[str, int]] = {}
        for feature, position in self.index.items():
            if feature.startswith(_WORD_PREFIX) and " " in feature:
                first, second = feature[len(_WORD_PREFIX) :].split(" ")
                self.bigrams.setdefault(first, {})[second] = position
        self.idf_squared = [value * value for value in idf]
        self.crisis_weights = [c * v for c, v in zip(heads["crisis"]["coef"], idf, strict=True)]
        self.urgent_weights = [c * v for c, v in zip(heads["urgent"]["coef"], idf, strict=True)]
        self.crisis_intercept = float(heads["crisis"]["intercept"])
        self.urgent_intercept = float(heads["urgent"]["intercept"])
        thresholds: dict[str, float] = data["thresholds"]
        self.crisis_threshold = float(thresholds["crisis"])
        self.urgent_threshold = float(thresholds["urgent"])
        # The crisis logit must reach this above the intercept for a message to be flagged.
        self._margin = _logit(self.crisis_threshold) - self.crisis_intercept
        self.metadata: dict[str, Any] = data.get("metadata", {})
        self._words: dict[str, _Word] = {}
        # Per word, for the first check: (an upper bound of its crisis dot product, including
        # the bigram that may join it to the next word; its sum of idf**2).
        self._bounds: dict[str, tuple[float, float]] = {}

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
                crisis=sum(map(self.crisis_weights.__getitem__, ids)),
                squared=sum(map(self.idf_squared.__getitem__, ids)),
            )
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()
                self._bounds.clear()
            self._words[word] = entry
        return entry

    def _bound(self, word: str) -> tuple[float, float]:
        entry = self._word(word)
        joining = 0.0
        if entry.follow:
            joining = max(0.0, max(map(self.crisis_weights.__getitem__, entry.follow.values())))
        bound = (entry.crisis + joining, entry.squared)
        self._bounds[word] = bound
        return bound

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

    def _logits(self, counts: Counter[int]) -> tuple[float, float]:
        """Return the logit of each head for a TF row."""
        idf_squared, crisis_w, urgent_w = self.idf_squared, self.crisis_weights, self.urgent_weights
        squared = sum(idf_squared[i] * c * c for i, c in counts.items())
        if squared <= 0.0:
            return self.crisis_intercept, self.urgent_intercept
        norm = math.sqrt(squared)
        crisis = sum(crisis_w[i] * c for i, c in counts.items()) / norm
        urgent = sum(urgent_w[i] * c for i, c in counts.items()) / norm
        return self.crisis_intercept + crisis, self.urgent_intercept + urgent

    def scores(self, text: str) -> Scores:
        """Both heads' probabilities for a normalised text."""
        crisis, urgent = self._logits(self.counts(text))
        return Scores(crisis=_sigmoid(crisis), urgent=_sigmoid(urgent))

    def judge(self, text: str) -> str | None:
        """``"urgent"``, ``"concern"`` or ``None`` for a normalised text, by the thresholds.

        The same decision as thresholding ``scores``. With raw counts the crisis dot product
        is a sum over the words, bounded above by cached per-word ceilings, and the sum of
        ``idf**2`` over every n-gram occurrence is a lower bound of the squared norm (counts
        are >= 1, so ``count**2 >= count``). When even these bounds keep the crisis logit
        under its threshold, which is almost every message, it is cleared with two cached
        numbers per word and no feature counting.
        """
        bounds = self._bounds
        ceiling = squared = 0.0
        for word in text[:MAX_SCORED_CHARS].split():
            bound = bounds.get(word)
            if bound is None:
                bound = self._bound(word)
            ceiling += bound[0]
            squared += bound[1]
        # ceiling >= dot (every bigram joining two words starts at one word's last token and
        # is counted there at its largest positive weight), and norm >= sqrt(squared).
        margin = self._margin
        if ceiling <= 0.0:
            # The exact logit minus the intercept, dot / norm, is <= 0.
            if margin > _BOUND_SLACK:
                return None
        elif ceiling / math.sqrt(squared) < margin - _BOUND_SLACK:
            return None
        entries, bigram_ids = self._walk(text)
        counts: Counter[int] = Counter(bigram_ids)
        for entry in entries:
            counts.update(entry.ids)
        crisis, urgent = self._logits(counts)
        if _sigmoid(crisis) < self.crisis_threshold:
            return None
        return "urgent" if _sigmoid(urgent) >= self.urgent_threshold else "concern"


def _logit(probability: float) -> float:
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


def load_model(path: Path = MODEL_PATH) -> CrisisModel:
    """Read a model file (gzip-compressed JSON, or plain JSON)."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return CrisisModel(json.loads(raw.decode("utf-8")))


@lru_cache(maxsize=1)
def shipped_model() -> CrisisModel | None:
    """The model shipped in the repository, loaded once; ``None`` when the file is absent."""
    if not MODEL_PATH.is_file():
        return None
    return load_model(MODEL_PATH)
