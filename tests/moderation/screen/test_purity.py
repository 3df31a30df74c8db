"""The screen stays pure: importing it, or running ``python -m moderation``, loads no Django.

import-linter (``make lint``) checks the import graph; these tests check what a fresh
interpreter actually loads, which also catches an import made at run time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

# Imports the screen and the CLI, then runs ``python -m moderation classify`` through runpy
# (the same path as ``-m``) on one line of input, and reports what was loaded.
PROBE = """
import io, json, runpy, sys

import moderation.screen
import moderation.screen.cli

sys.argv = ["moderation", "classify"]
sys.stdin = io.TextIOWrapper(io.BytesIO(b'{"id": 1, "text": "lovely walk today"}\\n'))
sys.stdout = io.StringIO()
try:
    runpy.run_module("moderation", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    status = exit.code
output = sys.stdout.getvalue()
sys.stdout = sys.__stdout__
print(json.dumps({
    "screen_file": moderation.screen.__file__,
    "status": status,
    "output": output,
    "modules": sorted(sys.modules),
}))
"""

OUR_DJANGO_SIDE = ("groups", "consumers", "server", "frontend", "channels")


def _fresh_interpreter(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    # The environment (and so PYTHONPATH) is the test process's; cwd is the repository.
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_importing_the_screen_and_running_the_cli_loads_no_django() -> None:
    result = _fresh_interpreter("-c", PROBE)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    # The probe must have exercised this checkout's screen, and the CLI must have run.
    assert Path(report["screen_file"]).resolve().is_relative_to(REPO)
    assert report["status"] == 0
    assert json.loads(report["output"])["id"] == 1
    modules: list[str] = report["modules"]
    assert not any(m == "django" or m.startswith("django.") for m in modules)
    assert not [m for m in modules if m.split(".")[0] in OUR_DJANGO_SIDE]
    assert not [
        m
        for m in modules
        if m.startswith("moderation.") and not m.startswith(("moderation.screen", "moderation.__"))
    ]


def test_python_m_moderation_classify_answers_a_line() -> None:
    line = json.dumps({"id": "m1", "text": "i'm going to kill myself tonight"}) + "\n"
    result = _fresh_interpreter("-m", "moderation", "classify", stdin=line.encode())
    assert result.returncode == 0, result.stderr.decode()
    answers = [json.loads(row) for row in result.stdout.decode().splitlines()]
    assert len(answers) == 1
    (answer,) = answers
    assert set(answer) == {"id", "labels", "severity", "boundary", "action"}
    assert answer["id"] == "m1"
    assert "crisis" in answer["labels"]
    assert answer["severity"] == "urgent"
