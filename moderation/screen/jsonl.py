"""Reading a JSONL batch the way the command-line tools do (``classify``, ``redact``).

Blank lines are skipped. A line that is not valid JSON, or not the object the tool expects,
is skipped and reported on standard error by its number only, never its content (it may be
someone's message), and the batch goes on. Bytes that are not UTF-8 are replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO


class JsonLines:
    """The valid items of ``lines``, in order; ``skipped`` counts the others."""

    def __init__(
        self,
        lines: Iterable[bytes],
        err: TextIO,
        *,
        valid: Callable[[Any], bool],
        expected: str,
    ) -> None:
        self.lines = lines
        self.err = err
        self.valid = valid
        self.expected = expected
        self.skipped = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for number, raw in enumerate(self.lines, start=1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                item = json.loads(line)
            except ValueError:
                item = None
            if not self.valid(item):
                self.skipped += 1
                self.err.write(f"line {number}: skipped, expected {self.expected}\n")
                continue
            yield item


def has_id_and_text(item: Any) -> bool:
    """A JSON object with an ``id`` and a string ``text``."""
    return isinstance(item, dict) and isinstance(item.get("text"), str) and "id" in item
