"""``python -m moderation redact``: JSONL in, JSONL out, in the same order (SPEC 5).

Input lines ``{"id", "text", "names": [...]}`` (``names`` optional: the group's member
names); output lines ``{"id", "text", "spans": [{"start", "end", "type"}]}`` with offsets
into the input text. Blank lines are skipped; a line that is not a JSON object with an
``id`` and a string ``text`` (or whose ``names`` is not a list of strings) is skipped and
reported on standard error by line number only, never its content, and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from moderation.redaction.eval import SETS, run
from moderation.redaction.spans import redact
from moderation.screen.jsonl import JsonLines, has_id_and_text


def _valid(item: Any) -> bool:
    if not has_id_and_text(item):
        return False
    names = item.get("names", [])
    return names is None or (isinstance(names, list) and all(isinstance(n, str) for n in names))


def redact_lines(lines: Iterable[bytes], out: TextIO, err: TextIO) -> int:
    """Redact each JSONL line; return the number of lines skipped as invalid."""
    items = JsonLines(
        lines,
        err,
        valid=_valid,
        expected='a JSON object with "id", a string "text" and optionally "names", a list of '
        "strings",
    )
    for item in items:
        result = redact(item["text"], item.get("names") or ())
        out.write(
            json.dumps(
                {
                    "id": item["id"],
                    "text": result.text,
                    "spans": [
                        {"start": s.start, "end": s.end, "type": s.type} for s in result.spans
                    ],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    return items.skipped


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m moderation redact`` and ``python -m moderation redact-eval``."""
    parser = argparse.ArgumentParser(prog="python -m moderation", description="Redaction")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "redact",
        help='redact JSONL {"id", "text", "names"} from stdin to {"id", "text", "spans"}',
    )
    measure = commands.add_parser(
        "redact-eval", help="recall and precision per type on labelled sets"
    )
    measure.add_argument("paths", type=Path, nargs="*", help="default: our own sets")
    measure.add_argument("--show", action="store_true", help="list every miss and false find")
    args = parser.parse_args(argv)
    if args.command == "redact-eval":
        return run(args.paths or SETS, sys.stdout, show=args.show)
    skipped = redact_lines(sys.stdin.buffer, sys.stdout, sys.stderr)
    if skipped:
        sys.stderr.write(f"{skipped} line(s) skipped\n")
    return 0
