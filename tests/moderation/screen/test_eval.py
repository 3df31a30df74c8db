"""Our own labelled cases (moderation/screen/eval.py's ``OWN_CASES``): well formed, and never
copied from the shared dev set."""

from __future__ import annotations

import json

import pytest

from moderation.screen.eval import OWN_CASES, default_dev_path, load_cases
from moderation.screen.policy import BOUNDARY_SUBTYPES, LABELS

CASES = load_cases(OWN_CASES)


def test_own_cases_are_well_formed() -> None:
    assert len(CASES) >= 150
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert set(case) == {"id", "text", "labels", "severity", "boundary", "note"}
        assert set(case["labels"]) <= set(LABELS)
        assert set(case["boundary"]) <= set(BOUNDARY_SUBTYPES)
        assert bool(case["boundary"]) == ("boundary" in case["labels"])
        assert (case["severity"] is not None) == ("crisis" in case["labels"])


def test_own_cases_do_not_copy_the_dev_set() -> None:
    path = default_dev_path()
    if path is None:
        pytest.skip("shared dev set not available")
    dev = [json.loads(line)["text"].lower() for line in path.open(encoding="utf-8")]
    for case in CASES:
        text = case["text"].lower()
        assert not any(len(line) > 24 and line in text for line in dev)


def test_wilson_intervals() -> None:
    from moderation.screen.eval import wilson

    assert wilson(0, 0) == "n/a"
    # Textbook values: 19/20 -> [0.764, 0.991]; 0/10 -> [0, 0.278]; 10/10 -> [0.722, 1].
    assert wilson(19, 20) == "0.950 [0.76, 0.99] (19/20)"
    assert wilson(0, 10) == "0.000 [0.00, 0.28] (0/10)"
    assert wilson(10, 10) == "1.000 [0.72, 1.00] (10/10)"
