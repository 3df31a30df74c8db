"""Train and measure the second opinion: logistic heads over the sentence encoder.

    python -m moderation.screen.train_second_opinion [--real real-dev.jsonl] [--no-write]

The same messages, the same grouped folds (a writer's lines, or one real post, never on both
sides) and the same guards as the screen's own model (``train_classifier``). In each fold
the screen's model and the encoder's heads are both trained on the other folds, so the
figures are those of the whole screen, rules + model + second opinion, on messages neither
learned from. Operating points, chosen out of fold:

* crisis: the second opinion may add crisis flags to at most ``CRISIS_ADD_BUDGET`` of
  ordinary messages (on top of the screen's);
* urgent: a concern becomes urgent (and pages coordinators if nobody acknowledges it) only
  where the urgent head is right ``URGENT_PRECISION`` of the time;
* harassment: added only where right ``HARASSMENT_PRECISION`` of the time, and on at most
  ``HARASSMENT_ADD_BUDGET`` of ordinary messages.

Then the heads are refit on everything and written to ``data/second_opinion.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from moderation.screen.classifier import MODEL_PATH, load_model
from moderation.screen.encoder import Encoder
from moderation.screen.eval import default_real_path, wilson
from moderation.screen.policy import BOUNDARY_SUBTYPES
from moderation.screen.second_opinion import (
    BOUNDARY_HEADS,
    FORMAT,
    HEADS,
    HEADS_PATH,
    Screened,
    addition_for,
    guards,
)
from moderation.screen.train_classifier import (
    Example,
    Tally,
    _predict,
    fit_head,
    grouped_folds,
    load_examples,
    out_of_fold,
    predicted_labels,
    print_pairs,
    threshold_for_precision,
)

C_GRID = (0.3, 1.0, 3.0)
CRISIS_ADD_BUDGET = 0.01
HARASSMENT_ADD_BUDGET = 0.005
BOUNDARY_ADD_BUDGET = 0.003  # per boundary head
BOUNDARY_PRECISION = 0.85
URGENT_PRECISION = 0.85
URGENT_PRECISION_REAL = 0.5
HARASSMENT_PRECISION = 0.85
MIN_SUPPORT = 10  # a precision is trusted only over at least this many decisions


def encoder_out_of_fold(
    examples: Sequence[Example], x: np.ndarray, splits: Sequence[tuple[list[int], list[int]]]
) -> dict[str, dict[float, np.ndarray]]:
    result = {h: {c: np.zeros(len(examples)) for c in C_GRID} for h in HEADS}
    for train, test in splits:
        chosen = [examples[i] for i in train]
        for head in HEADS:
            for c in C_GRID:
                model = fit_head(chosen, x[train], head, c)
                result[head][c][test] = model.predict_proba(x[test])[:, 1]
    return result


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(labels, scores)) if labels.any() else 0.0


class Case:
    """One example as the second opinion sees it: the screen's out-of-fold verdict and the
    guards."""

    def __init__(self, example: Example, labels: frozenset[str], severity: str | None) -> None:
        self.example = example
        self.screened = Screened(
            labels=tuple(sorted(labels)),
            severity=severity,
            reasons=example.rules_reasons,
            boundary=example.rules_boundary,
        )
        self.crisis_ok, self.harassment_ok = guards(example.text, self.screened)


def final(
    case: Case, probs: dict[str, float], thresholds: dict[str, float]
) -> tuple[frozenset[str], str | None, frozenset[str]]:
    """Labels, severity and boundary subtypes once the second opinion has added to them."""
    addition = addition_for(
        probs,
        thresholds,
        case.screened,
        crisis_allowed=case.crisis_ok,
        harassment_allowed=case.harassment_ok,
    )
    labels = frozenset(case.screened.labels) | set(addition.labels)
    severity = addition.severity or case.screened.severity
    return labels, severity, frozenset(case.screened.boundary) | set(addition.boundary)


def subtype_lines(
    name: str, cases: Sequence[Case], probs: dict[str, np.ndarray], thresholds: dict[str, float]
) -> list[str]:
    """Per boundary subtype: precision and recall, the screen alone and with the opinion."""
    lines = [f"  {name}, boundary subtypes (screen alone -> with the second opinion)"]
    for subtype in BOUNDARY_SUBTYPES:
        counts = {"alone": [0, 0, 0], "both": [0, 0, 0]}
        for i, case in enumerate(cases):
            expected = subtype in case.example.boundary
            both = final(case, {h: float(probs[h][i]) for h in HEADS}, thresholds)[2]
            for key, got in (
                ("alone", subtype in case.screened.boundary),
                ("both", subtype in both),
            ):
                counts[key][0] += expected and got
                counts[key][1] += got and not expected
                counts[key][2] += expected and not got
        if not any(counts["both"]):
            continue
        (a_tp, a_fp, a_fn), (b_tp, b_fp, b_fn) = counts["alone"], counts["both"]
        lines.append(
            f"    {subtype:<15} recall {wilson(a_tp, a_tp + a_fn)} -> {wilson(b_tp, b_tp + b_fn)}"
            f"  precision {wilson(a_tp, a_tp + a_fp)} -> {wilson(b_tp, b_tp + b_fp)}"
        )
    return lines


def _added_within(scores: Sequence[float], allowed: int) -> float:
    """The lowest threshold at which at most ``allowed`` of ``scores`` are at or above it
    (0.5 when fewer than that many scores exist at all)."""
    ranked = sorted(scores, reverse=True)
    return float(ranked[allowed]) + 1e-9 if allowed < len(ranked) else 0.5


def choose_thresholds(cases: Sequence[Case], probs: dict[str, np.ndarray]) -> dict[str, float]:
    """The three operating points, each on out-of-fold scores."""
    ordinary = [i for i, c in enumerate(cases) if not c.example.labels]

    def open_to(head: str, i: int) -> bool:
        """Whether the second opinion could add ``head`` to message ``i``."""
        case = cases[i]
        allowed = case.crisis_ok if head == "crisis" else case.harassment_ok
        said = case.screened.boundary if head in BOUNDARY_HEADS else case.screened.labels
        return allowed and head not in said

    thresholds: dict[str, float] = {}
    # crisis: the highest-scoring ordinary messages the screen left alone and the guards
    # allow decide the threshold.
    thresholds["crisis"] = _added_within(
        [probs["crisis"][i] for i in ordinary if open_to("crisis", i)],
        int(CRISIS_ADD_BUDGET * len(ordinary)),
    )
    # urgent: among messages the screen (or the added crisis) rates concern, the lowest
    # threshold whose raised messages are urgent often enough. A false urgent pages
    # coordinators, a missed one leaves a crisis without an escalation: right
    # URGENT_PRECISION of the time over all, and at least URGENT_PRECISION_REAL of the time
    # on real messages (the stricter of the two).
    concern_rows = [
        i
        for i, c in enumerate(cases)
        if c.crisis_ok
        and (
            c.screened.severity == "concern"
            or (open_to("crisis", i) and probs["crisis"][i] >= thresholds["crisis"])
        )
    ]
    real_rows = [i for i in concern_rows if cases[i].example.real]
    thresholds["urgent"] = max(
        threshold_for_precision(
            [(probs["urgent"][i], cases[i].example.urgent) for i in rows],
            precision,
            MIN_SUPPORT,
        )
        for rows, precision in (
            (concern_rows, URGENT_PRECISION),
            (real_rows, URGENT_PRECISION_REAL),
        )
    )
    # harassment: right HARASSMENT_PRECISION of the time, and within its budget.
    by_precision = threshold_for_precision(
        [
            (probs["harassment"][i], cases[i].example.harassment)
            for i in range(len(cases))
            if open_to("harassment", i)
        ],
        HARASSMENT_PRECISION,
        MIN_SUPPORT,
    )
    by_budget = _added_within(
        [probs["harassment"][i] for i in ordinary if open_to("harassment", i)],
        int(HARASSMENT_ADD_BUDGET * len(ordinary)),
    )
    thresholds["harassment"] = max(by_precision, by_budget)
    # boundary subtypes: right BOUNDARY_PRECISION of the time, each within its budget.
    for head in BOUNDARY_HEADS:
        by_precision = threshold_for_precision(
            [
                (probs[head][i], cases[i].example.target(head))
                for i in range(len(cases))
                if open_to(head, i)
            ],
            BOUNDARY_PRECISION,
            MIN_SUPPORT,
        )
        by_budget = _added_within(
            [probs[head][i] for i in ordinary if open_to(head, i)],
            int(BOUNDARY_ADD_BUDGET * len(ordinary)),
        )
        thresholds[head] = max(by_precision, by_budget)
    return thresholds


def report(
    cases: Sequence[Case], probs: dict[str, np.ndarray], thresholds: dict[str, float]
) -> None:
    """The screen alone and with the second opinion, per source and over all."""
    by_source: dict[str, tuple[Tally, Tally]] = {}
    overall = (Tally(), Tally())
    for i, case in enumerate(cases):
        pair = by_source.setdefault(case.example.source, (Tally(), Tally()))
        labels, severity, _ = final(case, {h: float(probs[h][i]) for h in HEADS}, thresholds)
        for tallies in (pair, overall):
            tallies[0].add(case.example, frozenset(case.screened.labels), case.screened.severity)
            tallies[1].add(case.example, labels, severity)
    for pairs in (by_source, {"all": overall}):
        print_pairs(pairs, "screen alone (--fast)", "screen + second opinion")
    written = [i for i, c in enumerate(cases) if not c.example.real]
    for line in subtype_lines(
        "written corpus",
        [cases[i] for i in written],
        {h: probs[h][written] for h in HEADS},
        thresholds,
    ):
        print(line)


def cross_source(
    examples: Sequence[Example],
    x: np.ndarray,
    screen_c: dict[str, float],
    screen_thresholds: dict[str, float],
    chosen_c: dict[str, float],
    thresholds: dict[str, float],
) -> None:
    """Each source left out in turn: the screen's model and the heads trained on the others,
    both measured on it (operating points as chosen in cross-validation)."""
    print("across sources: trained on all the others, measured on the one left out")
    for source in sorted({e.source for e in examples}):
        train = [i for i, e in enumerate(examples) if e.source != source]
        test = [i for i, e in enumerate(examples) if e.source == source]
        predicted = _predict(
            [examples[i] for i in train],
            [examples[i] for i in test],
            {h: (c,) for h, c in screen_c.items()},
        )
        cases = []
        for row, i in enumerate(test):
            scores = {h: predicted[h][screen_c[h]][row] for h in screen_c}
            labels, severity = predicted_labels(examples[i], scores, screen_thresholds)
            cases.append(Case(examples[i], labels, severity))
        chosen = [examples[i] for i in train]
        probs = {
            h: fit_head(chosen, x[train], h, chosen_c[h]).predict_proba(x[test])[:, 1]
            for h in HEADS
        }
        fast, both = Tally(), Tally()
        for row, case in enumerate(cases):
            fast.add(case.example, frozenset(case.screened.labels), case.screened.severity)
            labels, severity, _ = final(case, {h: float(probs[h][row]) for h in HEADS}, thresholds)
            both.add(case.example, labels, severity)
        print_pairs({f"left out {source}": (fast, both)}, "screen alone", "screen + second opinion")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--real", type=Path, default=None, help="real-dev.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HEADS_PATH)
    parser.add_argument("--no-write", action="store_true", help="measure only")
    parser.add_argument(
        "--cross-source", action="store_true", help="then leave each source out in turn"
    )
    args = parser.parse_args(argv)
    examples = load_examples(args.real or default_real_path())
    encoder = Encoder()
    started = time.perf_counter()
    x = encoder.embed([e.text for e in examples])
    print(f"{len(examples):,} messages embedded in {time.perf_counter() - started:.0f} s")
    splits = grouped_folds(examples, args.folds)
    shipped = load_model(MODEL_PATH)
    screen_c = json.loads(_metadata(MODEL_PATH))["C"]
    print("the screen's model out of fold (as train_classifier, at the shipped settings)")
    oof = out_of_fold(examples, args.folds, {h: (screen_c[h],) for h in screen_c})
    cases = []
    for i, example in enumerate(examples):
        scores = {h: oof[h][screen_c[h]][i] for h in screen_c}
        labels, severity = predicted_labels(example, scores, shipped.thresholds)
        cases.append(Case(example, labels, severity))
    print("the encoder's heads out of fold", flush=True)
    grid = encoder_out_of_fold(examples, x, splits)
    chosen_c = {}
    for head in HEADS:
        rows = np.array([e.crisis or head != "urgent" for e in examples])
        targets = np.array([e.target(head) for e in examples])
        aps = {c: average_precision(grid[head][c][rows], targets[rows]) for c in C_GRID}
        chosen_c[head] = max(aps, key=aps.__getitem__)
        print(
            f"  {head}: average precision by C "
            + ", ".join(f"{c:g}: {ap:.3f}" for c, ap in aps.items())
            + f" -> C={chosen_c[head]:g}"
        )
    probs = {h: grid[h][chosen_c[h]] for h in HEADS}
    thresholds = choose_thresholds(cases, probs)
    print("thresholds: " + ", ".join(f"{h} {t:.4f}" for h, t in thresholds.items()))
    report(cases, probs, thresholds)
    if args.cross_source:
        cross_source(examples, x, screen_c, shipped.thresholds, chosen_c, thresholds)
    if args.no_write:
        return 0
    models = {h: fit_head(examples, x, h, chosen_c[h]) for h in HEADS}
    sources: dict[str, int] = {}
    for example in examples:
        sources[example.source] = sources.get(example.source, 0) + 1
    data = {
        "format": FORMAT,
        "encoder_sha256": encoder.digest,
        "heads": {
            h: {
                "coef": [round(float(v), 8) for v in models[h].coef_[0]],
                "intercept": float(models[h].intercept_[0]),
            }
            for h in HEADS
        },
        "thresholds": thresholds,
        "metadata": {
            "trained_on": sources,
            "messages": len(examples),
            "C": chosen_c,
            "budgets": {
                "crisis_added_on_ordinary": CRISIS_ADD_BUDGET,
                "harassment_added_on_ordinary": HARASSMENT_ADD_BUDGET,
                "urgent_precision": URGENT_PRECISION,
                "urgent_precision_real": URGENT_PRECISION_REAL,
                "harassment_precision": HARASSMENT_PRECISION,
                "boundary_added_on_ordinary_per_subtype": BOUNDARY_ADD_BUDGET,
                "boundary_precision": BOUNDARY_PRECISION,
            },
        },
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


def _metadata(path: Path) -> str:
    import gzip

    return json.dumps(json.loads(gzip.decompress(path.read_bytes()))["metadata"])


if __name__ == "__main__":
    sys.exit(main())
