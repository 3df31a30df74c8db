"""Evaluation report: precision and recall per label and boundary subtype, urgent-severity
accuracy and the benign false-positive rate, on the dev set and on our own cases.

Only ids are printed for misclassified messages, never their text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from moderation.screen.pipeline import screen
from moderation.screen.policy import BOUNDARY_SUBTYPES, LABELS

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
OWN_CASES = PACKAGE_DIR / "data" / "own_cases.jsonl"
DEV_SET_ENV = "CIRCLES_MODERATION_DEV_SET"


def default_dev_path() -> Path | None:
    """Find the shared dev set: an environment override, else ``../shared/data`` beside the repo."""
    candidates = [os.environ.get(DEV_SET_ENV, "")]
    candidates += [
        str(base / "shared" / "data" / "moderation-dev.jsonl")
        for base in (REPO_ROOT.parent, Path.cwd().parent)
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


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


def evaluate(name: str, cases: Iterable[dict[str, Any]]) -> Report:
    """Screen every case and compare with its labels."""
    report = Report(name)
    for case in cases:
        decision = screen(case["text"])
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


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f} ({numerator}/{denominator})" if denominator else "n/a"


def render(report: Report, *, list_ids: bool, out: TextIO) -> None:
    """Print one report."""
    out.write(f"== {report.name}: {report.total} messages ==\n")
    out.write(f"{'label':<16}{'precision':>10}{'recall':>10}{'tp':>6}{'fp':>6}{'fn':>6}\n")
    rows: Sequence[tuple[str, Counts]] = [
        *report.labels.items(),
        *((f"  {name}", counts) for name, counts in report.subtypes.items()),
    ]
    for name, counts in rows:
        out.write(
            f"{name:<16}{counts.precision:>10.3f}{counts.recall:>10.3f}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}\n"
        )
    for severity, (total, caught, rated) in report.severity.items():
        out.write(
            f"{severity} messages: caught as crisis {_ratio(caught, total)}; "
            f"rated {severity} {_ratio(rated, total)}\n"
        )
    out.write(f"benign false-positive rate: {_ratio(report.benign_flagged, report.benign)}\n")
    if list_ids:
        shown = " ".join(report.misclassified) or "none"
        out.write(f"misclassified ids ({len(report.misclassified)}): {shown}\n")
    else:
        out.write(f"misclassified: {len(report.misclassified)}\n")
    out.write("\n")


def run(dev_path: Path | None, own_path: Path | None, out: TextIO) -> int:
    """Evaluate the dev set and our own cases; return a process exit code."""
    status = 0
    if dev_path is None:
        out.write(f"dev set not found (set {DEV_SET_ENV} or pass --data)\n\n")
        status = 1
    else:
        render(evaluate(f"dev set {dev_path.name}", load_cases(dev_path)), list_ids=True, out=out)
    if own_path is not None and own_path.is_file():
        render(evaluate(f"own cases {own_path.name}", load_cases(own_path)), list_ids=True, out=out)
    return status
