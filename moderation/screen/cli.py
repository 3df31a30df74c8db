"""Command line: ``python -m moderation classify`` and ``python -m moderation eval``.

``classify`` reads JSONL ``{"id", "text"}`` from standard input and writes, in the same order,
``{"id", "labels", "severity", "boundary", "action"}``: the final labels, the synchronous
screen's and what the second opinion adds after posting (a posted message it flags is
``post_and_flag``); ``--fast`` gives the synchronous screen's alone. Without the built
encoder the labels are the screen's alone, and standard error says so.

Blank lines are skipped. A line that is not a JSON object with a string ``text`` is skipped
too: it is reported on standard error by line number (never its content, which may be
someone's message) and the run goes on; the exit status stays 0 so that one bad line never
loses the rest of a batch. Bytes that are not UTF-8 are replaced, and the line is still
classified.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from moderation.screen import second_opinion
from moderation.screen.eval import OWN_CASES, default_dev_path, run
from moderation.screen.jsonl import JsonLines, has_id_and_text
from moderation.screen.second_opinion import SecondOpinion, screen_both


def both_opinions(err: TextIO, *, fast: bool) -> SecondOpinion | None:
    """The second opinion for ``classify`` and ``eval`` (``None`` with ``--fast``); its
    absence is said on ``err``, not hidden."""
    if fast:
        return None
    opinion = second_opinion.shared()
    if opinion is None:
        err.write(
            f"second opinion {second_opinion.status()}: "
            "the labels are the synchronous screen's alone\n"
        )
    return opinion


def classify_lines(
    lines: Iterable[bytes], out: TextIO, err: TextIO, opinion: SecondOpinion | None = None
) -> int:
    """Classify each JSONL line; return the number of lines skipped as invalid."""
    items = JsonLines(
        lines, err, valid=has_id_and_text, expected='a JSON object with "id" and a string "text"'
    )
    for item in items:
        decision = screen_both(item["text"], opinion)
        result = {
            "id": item["id"],
            "labels": list(decision.labels),
            "severity": decision.severity,
            "boundary": list(decision.boundary),
            "action": decision.action,
        }
        out.write(json.dumps(result) + "\n")
    return items.skipped


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m moderation``."""
    parser = argparse.ArgumentParser(
        prog="python -m moderation",
        description="Circles moderation pipeline",
        epilog="Also: redact, redact-eval (python -m moderation redact --help).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    classify = commands.add_parser("classify", help="classify JSONL messages from stdin to stdout")
    classify.add_argument(
        "--fast",
        action="store_true",
        help="the synchronous screen's labels alone (no second opinion after posting)",
    )
    evaluate = commands.add_parser(
        "eval", help="print precision/recall on the dev set and our own cases"
    )
    evaluate.add_argument(
        "--data",
        type=Path,
        default=None,
        help="labelled dev set (default: ../shared/data/moderation-dev.jsonl)",
    )
    evaluate.add_argument("--own", type=Path, default=OWN_CASES, help="our own labelled cases")
    evaluate.add_argument("--fast", action="store_true", help="the synchronous screen alone")
    evaluate.add_argument(
        "--real",
        type=Path,
        default=None,
        help="real messages, reported by source (e.g. ../shared/data/real-dev.jsonl)",
    )
    args = parser.parse_args(argv)
    if args.command == "classify":
        opinion = both_opinions(sys.stderr, fast=args.fast)
        skipped = classify_lines(sys.stdin.buffer, sys.stdout, sys.stderr, opinion)
        if skipped:
            sys.stderr.write(f"{skipped} line(s) skipped\n")
        return 0
    opinion = both_opinions(sys.stderr, fast=args.fast)
    return run(args.data or default_dev_path(), args.own, sys.stdout, args.real, opinion=opinion)
