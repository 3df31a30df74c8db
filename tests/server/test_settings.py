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


def test_a_sqlite_database_url_gets_the_same_tuning_as_the_default() -> None:
    """WAL, immediate transactions and a busy timeout however SQLite is configured (issue 12):
    without them a send fails at once while another writer holds the lock."""
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(json.dumps([d['ENGINE'], d['OPTIONS']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": "sqlite:////tmp/circles-url-test.sqlite3",
            "DJANGO_SETTINGS_MODULE": "server.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    import json

    engine, options = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
