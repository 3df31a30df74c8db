"""The written training corpus (moderation/screen/data/corpus/): well formed, labelled in the
scheme, every line tagged with its writer, no line twice, and no sentence of the shared sets
copied into it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderation.screen.eval import default_dev_path, default_real_path, load_cases
from moderation.screen.policy import BOUNDARY_SUBTYPES, LABELS
from moderation.screen.train_classifier import CORPUS

FILES = sorted(CORPUS.glob("*.jsonl"))
KEYS = {"id", "text", "labels", "severity", "boundary", "writer", "note"}


def _all() -> list[tuple[Path, dict[str, object]]]:
    return [(path, case) for path in FILES for case in load_cases(path)]


def test_the_corpus_has_many_voices_and_writers() -> None:
    cases = _all()
    assert len(FILES) >= 7
    assert len(cases) >= 3000
    writers = {str(case["writer"]) for _, case in cases}
    assert len(writers) >= 30
    for path in FILES:
        # Each voice's file names its own writers only, so writer-disjoint splits hold.
        assert all(str(case["writer"]).startswith(path.stem + "-") for case in load_cases(path))


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_each_line_is_labelled_in_the_scheme(path: Path) -> None:
    for case in load_cases(path):
        assert set(case) == KEYS, case["id"]
        assert set(case["labels"]) <= set(LABELS), case["id"]
        assert set(case["boundary"]) <= set(BOUNDARY_SUBTYPES), case["id"]
        assert bool(case["boundary"]) == ("boundary" in case["labels"]), case["id"]
        assert (case["severity"] is not None) == ("crisis" in case["labels"]), case["id"]
        assert case["severity"] in (None, "concern", "urgent"), case["id"]
        assert isinstance(case["text"], str) and case["text"].strip(), case["id"]


def test_no_line_twice_and_ids_unique() -> None:
    cases = _all()
    ids = [str(case["id"]) for _, case in cases]
    texts = [str(case["text"]).strip().lower() for _, case in cases]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)


def test_no_sentence_of_the_shared_sets_is_copied() -> None:
    shared: list[str] = []
    for path in (default_dev_path(), default_real_path()):
        if path is not None:
            shared += [json.loads(line)["text"].lower() for line in path.open(encoding="utf-8")]
    if not shared:
        pytest.skip("the shared data sets are not beside the repository")
    for _, case in _all():
        text = str(case["text"]).lower()
        assert not any(len(line) > 24 and line in text for line in shared), case["id"]


BLIND = sorted(CORPUS.parent.glob("boundary_blind_*.jsonl"))


@pytest.mark.parametrize("path", BLIND, ids=[path.stem for path in BLIND])
def test_the_blind_boundary_sets_are_well_formed_and_apart_from_training(path: Path) -> None:
    """Written by writers who saw no detector and no other set; never trained on."""
    training = {str(case["text"]).strip().lower() for _, case in _all()}
    assert len(load_cases(path)) >= 200
    for case in load_cases(path):
        assert set(case) == KEYS, case["id"]
        assert set(case["boundary"]) <= set(BOUNDARY_SUBTYPES), case["id"]
        assert bool(case["boundary"]) == ("boundary" in case["labels"]), case["id"]
        assert str(case["text"]).strip().lower() not in training, case["id"]
