"""The command line: ``python -m moderation classify`` and ``python -m moderation eval``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "moderation", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_classify_round_trip_keeps_order_and_exact_keys() -> None:
    items = [
        {"id": "a", "text": "lovely walk today"},
        {"id": "b", "text": "i'm going to kill myself tonight"},
        {"id": 3, "text": "add me on insta @someone_new"},
        {"id": "d", "text": "shit day"},
        {"id": "e", "text": "you're a pathetic loser"},
    ]
    stdin = "".join(json.dumps(item) + "\n" for item in items).encode()
    result = _run(["classify"], stdin)
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3, "d", "e"]
    for line in lines:
        assert list(line) == ["id", "labels", "severity", "boundary", "action"]
    assert lines[0] == {"id": "a", "labels": [], "severity": None, "boundary": [], "action": "post"}
    assert lines[1]["labels"] == ["crisis"] and lines[1]["severity"] == "urgent"
    assert lines[2]["boundary"] == ["contact"] and lines[2]["action"] == "hold"
    assert lines[3] == {
        "id": "d",
        "labels": ["profanity"],
        "severity": None,
        "boundary": [],
        "action": "post",
    }
    assert lines[4]["labels"] == ["harassment"]


def test_classify_skips_bad_lines_reports_them_and_goes_on() -> None:
    stdin = b'{"id": "ok1", "text": "hi"}\nnot json at all\n\n{"id": "x"}\n["list"]\n{"text": "no id"}\n\xff\xfe{"id": "bytes", "text": "bad \xff bytes"}\n{"id": "ok2", "text": "bye"}\n'
    result = _run(["classify"], stdin)
    assert result.returncode == 0
    ids = [json.loads(line)["id"] for line in result.stdout.decode().splitlines()]
    assert ids == ["ok1", "ok2"]
    err = result.stderr.decode()
    assert (
        "line 2" in err
        and "line 4" in err
        and "line 5" in err
        and "line 6" in err
        and "line 7" in err
    )
    assert "not json at all" not in err


def test_classify_keeps_lone_surrogates_from_json_escapes() -> None:
    stdin = b'{"id": "s", "text": "\\ud800 hello"}\n'
    result = _run(["classify"], stdin)
    assert result.returncode == 0
    assert json.loads(result.stdout)["action"] == "post"


def test_eval_prints_a_report_for_a_given_file(tmp_path: Path) -> None:
    data = tmp_path / "cases.jsonl"
    data.write_text(
        json.dumps(
            {
                "id": "t1",
                "text": "i want to die",
                "labels": ["crisis"],
                "severity": "concern",
                "boundary": [],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "t2", "text": "nice day", "labels": [], "severity": None, "boundary": []}
        )
        + "\n"
    )
    result = _run(["eval", "--data", str(data), "--own", str(data)])
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "precision" in out and "ordinary messages flagged: 0.000 [0.00, 0.79] (0/1)" in out
    assert "misclassified ids (0)" in out
    assert "i want to die" not in out
