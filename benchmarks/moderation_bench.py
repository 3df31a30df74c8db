"""Benchmark the moderation screen on one core, next to better-profanity's contains_profanity.

    python benchmarks/moderation_bench.py [--repeat N] [--baseline-messages N]

Prints messages per second and p50 / p99 per message for the whole ``screen`` and for
better-profanity on the same texts (the dev set and our own cases). It reports against the
targets (>= 10,000 messages/s, p99 <= 1 ms) but never fails on timing: machines vary.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from moderation.screen import screen  # noqa: E402
from moderation.screen.eval import OWN_CASES, default_dev_path  # noqa: E402


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it; return a description."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"


def load_texts() -> list[str]:
    """The dev-set texts (when the shared set is present) and our own cases."""
    paths = [
        path for path in (default_dev_path(), OWN_CASES) if path is not None and path.is_file()
    ]
    texts: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def measure(function: Callable[[str], object], texts: Sequence[str]) -> tuple[float, float, float]:
    """Return (messages per second, p50 ms, p99 ms) for ``function`` over ``texts``."""
    durations: list[int] = []
    clock = time.perf_counter_ns
    for text in texts:
        start = clock()
        function(text)
        durations.append(clock() - start)
    total_seconds = sum(durations) / 1e9
    quantiles = statistics.quantiles(durations, n=100, method="inclusive")
    return len(texts) / total_seconds, quantiles[49] / 1e6, quantiles[98] / 1e6


def main() -> int:
    """Run both measurements and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=40, help="passes over the texts for the screen"
    )
    parser.add_argument(
        "--baseline-messages", type=int, default=400, help="messages timed for better-profanity"
    )
    args = parser.parse_args()

    pinning = pin_to_one_core()
    texts = load_texts()
    if not texts:
        print("no texts found to benchmark")
        return 0
    for text in texts:  # warm up caches and lazily built tables
        screen(text)
    corpus = texts * max(1, args.repeat)
    rate, p50, p99 = measure(screen, corpus)

    print(f"moderation benchmark: {len(texts)} distinct texts, {pinning}")
    print(f"{'':<34}{'messages/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'messages':>10}")
    print(
        f"{'moderation.screen (whole screen)':<34}"
        f"{rate:>12,.0f}{p50:>10.3f}{p99:>10.3f}{len(corpus):>10}"
    )
    try:
        from better_profanity import profanity
    except ImportError:
        print("better-profanity is not installed; baseline skipped")
    else:
        profanity.load_censor_words()
        sample = (texts * (args.baseline_messages // len(texts) + 1))[: args.baseline_messages]
        base_rate, base_p50, base_p99 = measure(profanity.contains_profanity, sample)
        label = "better_profanity.contains_profanity"
        print(f"{label:<34}{base_rate:>12,.0f}{base_p50:>10.3f}{base_p99:>10.3f}{len(sample):>10}")
    met = rate >= 10_000 and p99 <= 1.0
    print(
        "targets (>= 10,000 messages/s, p99 <= 1 ms): "
        f"{'met' if met else 'NOT met on this machine'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
