"""`manage.py check --deploy` is clean under production settings, and catches a missing key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, "ALLOWED_HOSTS": "circles.example.org", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check() -> None:
    result = run_check(SECRET_KEY="x7Gq2-" + "k9vR3mZpLw8TnB4yQeHs6JdXcVa1FuNo5Ki0Yt" * 2)
    assert result.returncode == 0, result.stderr


def test_the_development_key_fails_the_deploy_check() -> None:
    result = run_check()
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout
