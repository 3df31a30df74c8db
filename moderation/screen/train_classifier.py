"""Train the crisis second-opinion model and export it as compact JSON (never a pickle).

    python -m moderation.screen.train_classifier [--out PATH] [--folds 5] [--repeats 2] [--no-write]

Needs scikit-learn (a development dependency only: the runtime scorer in
``moderation.screen.classifier`` is pure Python). Trains on our own labelled files only:
``data/train_cases.jsonl``, ``data/own_cases.jsonl``, ``data/tuning_cases.jsonl`` and
``data/tuning_cases_2.jsonl``. The shared dev set is for measuring, and
``data/holdout_cases.jsonl`` is a blind test set: neither is ever read here.

Steps: cross-validate (repeated stratified k-fold, the vectoriser refitted inside every fold)
to pick the regularisation C of each head and the two thresholds; refit on everything; prune
the vocabulary to features seen at least twice; export; check that the pure-Python scorer
reproduces scikit-learn's probabilities on every training text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from moderation.screen.classifier import FORMAT, MODEL_PATH, analyze, load_model
from moderation.screen.detectors.crisis import assess, rule_concepts
from moderation.screen.eval import load_cases
from moderation.screen.normalise import normalise, normalise_message

DATA = Path(__file__).resolve().parent / "data"
TRAINING_FILES = (
    "train_cases.jsonl",
    "own_cases.jsonl",
    "tuning_cases.jsonl",
    "tuning_cases_2.jsonl",
)
FRESH_FILE = "train_cases.jsonl"  # written for this model; the rules were never tuned on it
C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
MIN_DF = 2
TARGET_PRECISION = 0.90
SEED = 20240611


@dataclass
class Example:
    """One labelled training message."""

    source: str
    text: str  # normalised
    crisis: bool
    urgent: bool
    rules: str | None  # the rules' severity, for measuring what the model adds


def load_examples() -> list[Example]:
    """Read the training files (and never the dev or holdout sets)."""
    examples: list[Example] = []
    for name in TRAINING_FILES:
        for case in load_cases(DATA / name):
            message = normalise_message(case["text"])
            rules, _ = assess(rule_concepts(message))
            examples.append(
                Example(
                    source=name,
                    text=message.text,
                    crisis="crisis" in case["labels"],
                    urgent=case.get("severity") == "urgent",
                    rules=rules,
                )
            )
    return examples


def vectoriser() -> Any:
    """The TF-IDF the runtime scorer reproduces: raw counts, smooth idf, L2 norm."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=analyze, binary=False, min_df=MIN_DF, use_idf=True, smooth_idf=True, norm="l2"
    )


def classifier(c: float) -> Any:
    """Logistic regression, classes balanced."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=0
    )


def out_of_fold(
    examples: Sequence[Example], folds: int, repeats: int
) -> dict[float, list[tuple[int, float, float]]]:
    """Out-of-fold (index, P(crisis), P(urgent | crisis)) per C, pooled over the repeats."""
    from sklearn.model_selection import RepeatedStratifiedKFold

    strata = [2 if e.urgent else 1 if e.crisis else 0 for e in examples]
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=SEED)
    texts = [e.text for e in examples]
    results: dict[float, list[tuple[int, float, float]]] = {c: [] for c in C_GRID}
    for train, test in splitter.split(texts, strata):
        vec = vectoriser()
        x_train = vec.fit_transform([texts[i] for i in train])
        x_test = vec.transform([texts[i] for i in test])
        y_crisis = [examples[i].crisis for i in train]
        crisis_rows = [row for row, i in enumerate(train) if examples[i].crisis]
        y_urgent = [examples[train[row]].urgent for row in crisis_rows]
        for c in C_GRID:
            p_crisis = classifier(c).fit(x_train, y_crisis).predict_proba(x_test)[:, 1]
            urgent_model = classifier(c).fit(x_train[crisis_rows], y_urgent)
            p_urgent = urgent_model.predict_proba(x_test)[:, 1]
            results[c] += [
                (int(i), float(a), float(b))
                for i, a, b in zip(test, p_crisis, p_urgent, strict=True)
            ]
    return results


def average_precision(scored: list[tuple[float, bool]]) -> float:
    """Area under the precision-recall curve (step-wise, as scikit-learn computes it)."""
    positives = sum(label for _, label in scored)
    if not positives:
        return 0.0
    tp = 0
    ap = 0.0
    for total, (_, label) in enumerate(sorted(scored, key=lambda pair: -pair[0]), start=1):
        if label:
            tp += 1
            ap += tp / total
    return ap / positives


def pick_threshold(scored: list[tuple[float, bool]], precision: float) -> float:
    """The lowest threshold whose predicted positives keep ``precision`` (max recall)."""
    best = 1.0
    ranked = sorted(scored, key=lambda pair: -pair[0])
    tp = fp = 0
    for position, (score, label) in enumerate(ranked):
        tp += label
        fp += not label
        nxt = ranked[position + 1][0] if position + 1 < len(ranked) else -1.0
        if nxt == score:
            continue  # a threshold cannot split equal scores
        if tp / (tp + fp) >= precision:
            best = score
    return best


def ratio(numerator: int, denominator: int) -> str:
    """``0.950 (19/20)``."""
    return f"{numerator / denominator:.3f} ({numerator}/{denominator})" if denominator else "n/a"


def combined_report(
    examples: Sequence[Example],
    predictions: list[tuple[int, float, float]],
    crisis_threshold: float,
    urgent_threshold: float,
    only: str | None,
) -> list[str]:
    """Rules alone vs rules + model (out-of-fold) on the examples from ``only`` (or all)."""
    lines: list[str] = []
    for label, use_model in (("rules alone", False), ("rules + model", True)):
        tp = fp = fn = benign = benign_flagged = 0
        urgent = urgent_caught = urgent_rated = concern = concern_caught = 0
        added = added_right = 0
        for index, p_crisis, p_urgent in predictions:
            example = examples[index]
            if only is not None and example.source != only:
                continue
            severity = example.rules
            if severity is None and use_model and p_crisis >= crisis_threshold:
                severity = "urgent" if p_urgent >= urgent_threshold else "concern"
                added += 1
                added_right += example.crisis
            tp += example.crisis and severity is not None
            fp += (not example.crisis) and severity is not None
            fn += example.crisis and severity is None
            benign += not example.crisis
            benign_flagged += (not example.crisis) and severity is not None
            if example.urgent:
                urgent += 1
                urgent_caught += severity is not None
                urgent_rated += severity == "urgent"
            elif example.crisis:
                concern += 1
                concern_caught += severity is not None
        lines.append(
            f"  {label:<14} crisis precision {ratio(tp, tp + fp)}, recall {ratio(tp, tp + fn)}; "
            f"urgent caught {ratio(urgent_caught, urgent)}, rated urgent "
            f"{ratio(urgent_rated, urgent)}; concern caught {ratio(concern_caught, concern)}; "
            f"non-crisis flagged {ratio(benign_flagged, benign)}"
            + (f"; model additions right {ratio(added_right, added)}" if use_model else "")
        )
    return lines


def cross_validate(examples: Sequence[Example], folds: int, repeats: int) -> dict[str, Any]:
    """Pick C per head and both thresholds from out-of-fold predictions; print the figures."""
    oof = out_of_fold(examples, folds, repeats)
    print(f"cross-validation: {folds}-fold x {repeats}, {len(examples)} messages")
    best_crisis = best_urgent = (-1.0, C_GRID[0])
    for c, predictions in oof.items():
        ap_crisis = average_precision([(p, examples[i].crisis) for i, p, _ in predictions])
        ap_urgent = average_precision(
            [(u, examples[i].urgent) for i, _, u in predictions if examples[i].crisis]
        )
        # What matters is what the model adds: messages the rules found nothing in.
        ap_added = average_precision(
            [(p, examples[i].crisis) for i, p, _ in predictions if examples[i].rules is None]
        )
        print(
            f"  C={c:<6g} AP crisis {ap_crisis:.3f}  AP crisis where rules found none "
            f"{ap_added:.3f}  AP urgent|crisis {ap_urgent:.3f}"
        )
        # Ties go to the smaller C (the simpler model): the grid is in increasing order.
        if ap_added > best_crisis[0]:
            best_crisis = (ap_added, c)
        if ap_urgent > best_urgent[0]:
            best_urgent = (ap_urgent, c)
    c_crisis, c_urgent = best_crisis[1], best_urgent[1]
    # Every C saw the same folds in the same order, so the lists line up position by position.
    predictions = [
        (i, p, u) for (i, p, _), (_, _, u) in zip(oof[c_crisis], oof[c_urgent], strict=True)
    ]
    # The crisis threshold keeps the model's own additions (messages where the rules found
    # nothing) at precision >= TARGET_PRECISION: every addition is a facilitator alert.
    crisis_threshold = pick_threshold(
        [(p, examples[i].crisis) for i, p, _ in predictions if examples[i].rules is None],
        TARGET_PRECISION,
    )
    # Urgent opens an escalation: the urgent head must be right among crisis messages.
    urgent_threshold = pick_threshold(
        [(u, examples[i].urgent) for i, _, u in predictions if examples[i].crisis],
        TARGET_PRECISION,
    )
    print(
        f"chosen: C crisis {c_crisis:g}, C urgent {c_urgent:g}, "
        f"threshold crisis {crisis_threshold:.4f}, urgent {urgent_threshold:.4f}"
    )
    for only in (None, FRESH_FILE):
        print(f"out-of-fold on {'all training files' if only is None else only}:")
        for line in combined_report(
            examples, predictions, crisis_threshold, urgent_threshold, only
        ):
            print(line)
    return {
        "c_crisis": c_crisis,
        "c_urgent": c_urgent,
        "crisis_threshold": crisis_threshold,
        "urgent_threshold": urgent_threshold,
    }


def fit_and_export(examples: Sequence[Example], chosen: dict[str, Any], out: Path) -> None:
    """Refit on everything with the chosen settings and write the model file."""
    import sklearn

    texts = [e.text for e in examples]
    vec = vectoriser()
    x = vec.fit_transform(texts)
    crisis_model = classifier(chosen["c_crisis"]).fit(x, [e.crisis for e in examples])
    crisis_rows = [i for i, e in enumerate(examples) if e.crisis]
    urgent_model = classifier(chosen["c_urgent"]).fit(
        x[crisis_rows], [examples[i].urgent for i in crisis_rows]
    )
    vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    data = {
        "format": FORMAT,
        "vocabulary": vocabulary,
        "idf": [float(v) for v in vec.idf_],
        "heads": {
            "crisis": {
                "coef": [float(v) for v in crisis_model.coef_[0]],
                "intercept": float(crisis_model.intercept_[0]),
            },
            "urgent": {
                "coef": [float(v) for v in urgent_model.coef_[0]],
                "intercept": float(urgent_model.intercept_[0]),
            },
        },
        "thresholds": {
            "crisis": chosen["crisis_threshold"],
            "urgent": chosen["urgent_threshold"],
        },
        "metadata": {
            "trained_on": list(TRAINING_FILES),
            "messages": len(examples),
            "crisis_messages": len(crisis_rows),
            "C": {"crisis": chosen["c_crisis"], "urgent": chosen["c_urgent"]},
            "min_df": MIN_DF,
            "sklearn": sklearn.__version__,
        },
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(vocabulary):,} features)")

    # The runtime scorer must reproduce scikit-learn on every training text.
    model = load_model(out)
    sk_crisis = crisis_model.predict_proba(x)[:, 1]
    sk_urgent = urgent_model.predict_proba(x)[:, 1]
    worst = 0.0
    for text, a, b in zip(texts, sk_crisis, sk_urgent, strict=True):
        scores = model.scores(text)
        worst = max(worst, abs(scores.crisis - a), abs(scores.urgent - b))
    print(
        f"pure-Python scorer vs scikit-learn, max |difference| on the training texts: {worst:.1e}"
    )
    if worst > 1e-9:
        raise SystemExit("the exported model does not reproduce scikit-learn")


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, refit, export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = parser.parse_args(argv)
    examples = load_examples()
    if any(normalise(e.text) != e.text for e in examples):
        raise SystemExit("normalisation is not idempotent on the training texts")
    chosen = cross_validate(examples, args.folds, args.repeats)
    if not args.no_write:
        fit_and_export(examples, chosen, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
