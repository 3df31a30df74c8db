"""Evaluation report: precision and recall per label and boundary subtype, urgent-severity
accuracy and the benign false-positive rate, on the dev set and on our own cases.

Only ids are printed for misclassified messages, never their text.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from moderation.screen.policy import BOUNDARY_SUBTYPES, LABELS
from moderation.screen.second_opinion import SecondOpinion, screen_both

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
OWN_CASES = PACKAGE_DIR / "data" / "own_cases.jsonl"
DEV_SET_ENV = "CIRCLES_MODERATION_DEV_SET"
REAL_SET_ENV = "CIRCLES_REAL_DEV_SET"


def _shared_file(name: str, env: str) -> Path | None:
    candidates = [os.environ.get(env, "")]
    candidates += [
        str(base / "shared" / "data" / name) for base in (REPO_ROOT.parent, Path.cwd().parent)
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def default_dev_path() -> Path | None:
    """Find the shared dev set: an environment override, else ``../shared/data`` beside the repo."""
    return _shared_file("moderation-dev.jsonl", DEV_SET_ENV)


def default_real_path() -> Path | None:
    """Find the shared real messages (``real-dev.jsonl``), like ``default_dev_path``."""
    return _shared_file("real-dev.jsonl", REAL_SET_ENV)


def source_of(case: dict[str, Any]) -> str:
    """A real message's source in one word ("rmhd", "davidson", "wnut17")."""
    return str(case.get("source") or "unknown").split()[0]


def wilson(successes: int, total: int, z: float = 1.96) -> str:
    """``0.950 [0.83, 0.99] (19/20)``: a share with its Wilson 95% interval."""
    if not total:
        return "n/a"
    share = successes / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    low, high = max(0.0, centre - spread), min(1.0, centre + spread)
    return f"{share:.3f} [{low:.2f}, {high:.2f}] ({successes}/{total})"


def load_cases(path: Path) -> list[dict[str, Any]]:
    """Read a labelled JSONL file (``id``, ``text``, ``labels``, ``severity``, ``boundary``)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class Counts:
    """True positives, false positives and false negatives for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        """Count one message."""
        self.tp += expected and predicted
        self.fp += predicted and not expected
        self.fn += expected and not predicted

    @property
    def precision(self) -> float:
        """Share of predicted positives that were right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of real positives that were found (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Everything measured on one labelled set."""

    name: str
    total: int = 0
    labels: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    subtypes: dict[str, Counts] = field(
        default_factory=lambda: {name: Counts() for name in BOUNDARY_SUBTYPES}
    )
    severity: dict[str, list[int]] = field(
        default_factory=lambda: {"urgent": [0, 0, 0], "concern": [0, 0, 0]}
    )
    benign: int = 0
    benign_flagged: int = 0
    misclassified: list[str] = field(default_factory=list)


def evaluate(
    name: str, cases: Iterable[dict[str, Any]], opinion: SecondOpinion | None = None
) -> Report:
    """Screen every case (with the second opinion, when given) and compare with its labels."""
    report = Report(name)
    for case in cases:
        decision = screen_both(case["text"], opinion)
        report.total += 1
        expected = set(case.get("labels") or ())
        predicted = set(decision.labels)
        for label in LABELS:
            report.labels[label].add(label in expected, label in predicted)
        expected_subtypes = set(case.get("boundary") or ())
        for subtype in BOUNDARY_SUBTYPES:
            report.subtypes[subtype].add(subtype in expected_subtypes, subtype in decision.boundary)
        severity = case.get("severity")
        if severity in report.severity:
            counts = report.severity[severity]
            counts[0] += 1
            counts[1] += "crisis" in predicted
            counts[2] += decision.severity == severity
        if not expected:
            report.benign += 1
            report.benign_flagged += bool(predicted)
        wrong = expected != predicted or expected_subtypes != set(decision.boundary)
        wrong = wrong or ("crisis" in expected and severity != decision.severity)
        if wrong:
            report.misclassified.append(str(case.get("id")))
    return report


def render(report: Report, *, list_ids: bool, out: TextIO) -> None:
    """Print one report."""
    out.write(f"== {report.name}: {report.total} messages ==\n")
    out.write(f"{'label':<16}{'precision [95% interval]':<34}recall [95% interval]\n")
    rows: Sequence[tuple[str, Counts]] = [
        *report.labels.items(),
        *((f"  {name}", counts) for name, counts in report.subtypes.items()),
    ]
    for name, counts in rows:
        if not (counts.tp or counts.fp or counts.fn):
            continue
        precision = wilson(counts.tp, counts.tp + counts.fp)
        out.write(f"{name:<16}{precision:<34}{wilson(counts.tp, counts.tp + counts.fn)}\n")
    for severity, (total, caught, rated) in report.severity.items():
        out.write(
            f"{severity} messages: caught as crisis {wilson(caught, total)}; "
            f"rated {severity} {wilson(rated, total)}\n"
        )
    out.write(f"ordinary messages flagged: {wilson(report.benign_flagged, report.benign)}\n")
    if list_ids:
        shown = " ".join(report.misclassified) or "none"
        out.write(f"misclassified ids ({len(report.misclassified)}): {shown}\n")
    else:
        out.write(f"misclassified: {len(report.misclassified)}\n")
    out.write("\n")


def run(
    dev_path: Path | None,
    own_path: Path | None,
    out: TextIO,
    real_path: Path | None = None,
    *,
    opinion: SecondOpinion | None = None,
) -> int:
    """Evaluate the dev set, our own cases and (when given) the real messages by source;
    return a process exit code."""
    status = 0
    out.write(
        "screen + second opinion\n\n" if opinion is not None else "the synchronous screen alone\n\n"
    )
    if dev_path is None:
        out.write(f"dev set not found (set {DEV_SET_ENV} or pass --data)\n\n")
        status = 1
    else:
        render(
            evaluate(f"dev set {dev_path.name}", load_cases(dev_path), opinion),
            list_ids=True,
            out=out,
        )
    if own_path is not None and own_path.is_file():
        render(
            evaluate(f"own cases {own_path.name}", load_cases(own_path), opinion),
            list_ids=True,
            out=out,
        )
    if real_path is not None:
        out.write(
            "The shipped model is trained on the real messages: the figures below are "
            "in-sample (optimistic).\nTheir honest figures are the cross-validated ones of "
            "`python -m moderation.screen.train_classifier --no-write` (make eval prints both).\n\n"
        )
        by_source: dict[str, list[dict[str, Any]]] = {}
        for case in load_cases(real_path):
            by_source.setdefault(source_of(case), []).append(case)
        for source, cases in sorted(by_source.items()):
            render(
                evaluate(f"{real_path.name}, {source} (in-sample)", cases, opinion),
                list_ids=False,
                out=out,
            )
    return status
