"""Measure redaction on a labelled set (``python -m moderation redact-eval FILE``).

Per type: recall of the seeded spans (a seeded span counts as found when predicted spans
cover all of it, whatever their type: it no longer shows), type-exact recall, precision of
the predicted spans (a predicted span is right when it overlaps a seeded one), and the share
of clean sentences left untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from moderation.redaction.spans import TYPES, Span, find_spans
from moderation.screen.eval import wilson

DATA = Path(__file__).resolve().parent / "data"
# cases_a: tuned on. cases_b: measured blind once, then tuned on. cases_c: measured blind,
# never tuned on (its second figures are not fully blind, see the README). cases_d: blind,
# measured once, never looked into; when it is tuned on, write a new blind set.
SETS = tuple(DATA / f"cases_{x}.jsonl" for x in "abcd")


@dataclass
class Counts:
    seeded: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    covered: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    exact: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    clean: int = 0
    clean_untouched: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _covered(gold: dict[str, Any], spans: tuple[Span, ...]) -> bool:
    chars = set(range(gold["start"], gold["end"]))
    for span in spans:
        chars -= set(range(span.start, span.end))
    # Punctuation or a possessive left at an edge does not identify anyone.
    return (len(chars) <= 1 and (gold["end"] - gold["start"]) > 2) or not chars


def measure(cases: Iterable[dict[str, Any]]) -> Counts:
    counts = Counts()
    for case in cases:
        text = case["text"]
        spans = find_spans(text, case.get("names") or ())
        golds = case["spans"]
        if not golds:
            counts.clean += 1
            counts.clean_untouched += not spans
        for gold in golds:
            kind = gold["type"]
            counts.seeded[kind] += 1
            if _covered(gold, spans):
                counts.covered[kind] += 1
                counts.exact[kind] += any(
                    s.type == kind and s.start <= gold["start"] and s.end >= gold["end"]
                    for s in spans
                )
            else:
                counts.missed.append(f"{case['id']} {kind} {text[gold['start'] : gold['end']]!r}")
        for span in spans:
            counts.predicted[span.type] += 1
            hit = any(span.start < g["end"] and g["start"] < span.end for g in golds)
            counts.right[span.type] += hit
            if not hit:
                counts.wrong.append(f"{case['id']} {span.type} {text[span.start : span.end]!r}")
    return counts


def render(name: str, counts: Counts, out: TextIO, *, show: bool = False) -> None:
    out.write(f"== redaction: {name} ==\n")
    out.write(f"{'type':<9}{'recall (hidden) [95%]':<32}{'type right':<12}precision [95%]\n")
    for kind in TYPES:
        n = counts.seeded[kind]
        out.write(
            f"{kind:<9}{wilson(counts.covered[kind], n):<32}"
            f"{counts.exact[kind] / n if n else 0:<12.3f}"
            f"{wilson(counts.right[kind], counts.predicted[kind])}\n"
        )
    total_seeded = sum(counts.seeded.values())
    total_predicted = sum(counts.predicted.values())
    out.write(
        f"{'all':<9}{wilson(sum(counts.covered.values()), total_seeded):<32}{'':<12}"
        f"{wilson(sum(counts.right.values()), total_predicted)}\n"
    )
    out.write(f"clean sentences untouched: {wilson(counts.clean_untouched, counts.clean)}\n")
    if show:
        for line in counts.missed:
            out.write(f"  missed {line}\n")
        for line in counts.wrong:
            out.write(f"  wrong  {line}\n")
    out.write("\n")


def run(paths: Iterable[Path], out: TextIO, *, show: bool = False) -> int:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            cases = [json.loads(line) for line in handle if line.strip()]
        render(path.name, measure(cases), out, show=show)
    return 0
