"""Redaction (moderation/redaction): a table per type, the guards for name-like words, the
command line, and properties every result keeps. Sentences written for this file."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.redaction import TYPES, find_spans, redact
from moderation.redaction.eval import SETS

REPO = Path(__file__).resolve().parents[3]


def found(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.type) for s in find_spans(text, names)]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("write to me at robin.hale@example.org any time", "robin.hale@example.org"),
        ("its robin dot hale at gmail dot com", "robin dot hale at gmail dot com"),
        ("mail: r.hale(at)example(dot)net", "r.hale(at)example(dot)net"),
    ],
)
def test_email(text: str, detail: str) -> None:
    assert (detail, "email") in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("ring me on 07700 900321 after six", "07700 900321"),
        ("my cell is (555) 013-4477", "(555) 013-4477"),
        ("whatsapp +44 7700 900 654 pls", "+44 7700 900 654"),
        ("number is 0 7 7 0 0 9 0 0 4 4 4", "0 7 7 0 0 9 0 0 4 4 4"),
        ("call me 555 0199 ext 4", "555 0199 ext 4"),
    ],
)
def test_phone(text: str, detail: str) -> None:
    assert (detail, "phone") in found(text)


def test_crisis_lines_are_not_personal_numbers() -> None:
    assert found("you can call 988 or Samaritans on 116 123 any time") == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("the notes are on https://example.org/notes?id=4 ok", "https://example.org/notes?id=4"),
        ("my blog is quietdays.co.uk now", "quietdays.co.uk"),
        ("see bit.ly/3kQ9xZ for it", "bit.ly/3kQ9xZ"),
        ("www.example.net/path.", "www.example.net/path"),
    ],
)
def test_url(text: str, detail: str) -> None:
    assert (detail, "url") in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("follow me @quiet_fern", "@quiet_fern"),
        ("my insta is fern.draws", "fern.draws"),
        ("snap: fernie22", "fernie22"),
        ("im u/fern_throwaway on there", "u/fern_throwaway"),
    ],
)
def test_handle(text: str, detail: str) -> None:
    assert (detail, "handle") in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("we moved to 42 Larch Avenue last year", "42 Larch Avenue"),
        ("it's 7 Mill Lane, Otley LS21 1AB if you post it", "7 Mill Lane, Otley LS21 1AB"),
        ("send it to 1200 Oak St, Boise, ID 83702", "1200 Oak St, Boise, ID 83702"),
        ("my postcode is M14 5TQ", "M14 5TQ"),
    ],
)
def test_address(text: str, detail: str) -> None:
    assert (detail, "address") in found(text)


def test_members_in_any_form() -> None:
    names = ("fern_k", "Fern", "Tobias")
    text = "thanks Fern and tobias! F3rn's idea was good, f e r n you're kind"
    got = found(text, names)
    assert ("Fern", "member") in got and ("tobias", "member") in got
    assert ("F3rn", "member") in got and ("f e r n", "member") in got


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I have hope again this week", ("Hope",)),
        ("I will try the breathing thing", ("Will",)),
        ("May I ask how you all cope?", ("May",)),
        ("it was sunny so we walked", ("Sunny",)),
        ("to be frank, I was scared", ("Frank",)),
        ("the bill came and I panicked", ("Bill",)),
        ("by the grace of god I got through", ("Grace",)),
    ],
)
def test_name_words_used_as_words_stay(text: str, names: tuple[str, ...]) -> None:
    assert found(text, names) == []


def test_name_words_used_for_people_go() -> None:
    assert ("Hope", "member") in found("thanks Hope, that helped", ("Hope",))
    assert ("Frank", "name") in found("my uncle Frank drove me", ())


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("my sister Jane came over", "Jane"),
        ("Dr Patel changed my dose", "Patel"),
        ("Tom from work keeps asking", "Tom"),
        ("my ex, Rick Alvarez, called", "Rick Alvarez"),
        ("Joanne's mum drove us", "Joanne"),
    ],
)
def test_other_peoples_names(text: str, detail: str) -> None:
    assert (detail, "name") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I grew up in London and moved at 10:30 on 12/05",
        "my dose went up to 50mg and it costs $40",
        "day 45 sober, 2 out of 10 today",
        "I saved it in notes.txt @ home",
        "Monday was hard but Christmas was worse",
    ],
)
def test_clean_sentences_are_untouched(text: str) -> None:
    assert found(text) == []


def test_redact_replaces_each_span_with_its_type() -> None:
    result = redact("hi Fern, mail me at a.b@example.com", ("Fern",))
    assert result.text == "hi [member], mail me at [email]"
    assert [s.type for s in result.spans] == ["member", "email"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=12), max_size=3))
def test_spans_are_ordered_disjoint_and_inside_the_text(text: str, names: list[str]) -> None:
    spans = find_spans(text, names)
    assert all(0 <= s.start < s.end <= len(text) and s.type in TYPES for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    rebuilt = redact(text, names).text
    assert all(f"[{s.type}]" in rebuilt for s in spans)


def test_the_command_line_keeps_order_offsets_and_skips_bad_lines() -> None:
    lines = [
        {"id": "a", "text": "call me on 07700 900321", "names": []},
        "not json",
        {"id": 2, "text": "thanks Fern", "names": ["Fern"]},
        {"id": "c", "text": "no names given here"},
        {"id": "d", "text": "x", "names": "Fern"},
    ]
    stdin = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines).encode()
    result = subprocess.run(
        [sys.executable, "-m", "moderation", "redact"],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    assert out[0] == {
        "id": "a",
        "text": "call me on [phone]",
        "spans": [{"start": 11, "end": 23, "type": "phone"}],
    }
    assert out[1]["text"] == "thanks [member]"
    err = result.stderr.decode()
    assert "line 2" in err and "line 5" in err and "not json" not in err


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_the_measurement_sets_are_well_formed(path: Path) -> None:
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert len(cases) >= 250
    assert sum(not c["spans"] for c in cases) >= 80
    for case in cases:
        for span in case["spans"]:
            assert span["type"] in TYPES
            assert case["text"][span["start"] : span["end"]].strip()


def test_redaction_is_pure() -> None:
    """A fresh interpreter that redacts loads no Django and no app of ours beyond it."""
    probe = (
        "import json, sys; from moderation.redaction import redact; "
        "redact('mail me at a@example.com, Fern', ['Fern']); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'channels', 'groups', 'consumers', 'server', 'frontend'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, cwd=REPO, timeout=120, check=True
    )
    assert json.loads(result.stdout) == []
