"""Helpers for scripts/test.sh: check PostgreSQL and Redis, drop a test database, and
print one closing line for both passes.

    check_services.py POSTGRES_URL REDIS_URL          exit 0 when both answer
    check_services.py --drop DBNAME POSTGRES_URL REDIS_URL
    check_services.py --summary REPORT.xml ...        "tests: N passed, N failed, N skipped"
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def check(pg_url: str, redis_url: str) -> bool:
    import psycopg
    import redis

    ok = True
    try:
        with psycopg.connect(pg_url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:
        print(
            f"PostgreSQL at {pg_url} is unreachable: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        ok = False
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:
        print(f"Redis at {redis_url} is unreachable: {type(exc).__name__}: {exc}", file=sys.stderr)
        ok = False
    return ok


def drop(dbname: str, pg_url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(pg_url, autocommit=True, connect_timeout=3) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )


def summary(paths: list[str]) -> None:
    passed = failed = skipped = 0
    for path in paths:
        root = ET.parse(path).getroot()  # noqa: S314
        for suite in root.iter("testsuite"):
            tests = int(suite.get("tests", 0))
            fails = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skips = int(suite.get("skipped", 0))
            passed += tests - fails - skips
            failed += fails
            skipped += skips
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--summary":
        summary(argv[1:])
        return 0
    if argv and argv[0] == "--drop":
        drop(argv[1], argv[2])
        return 0
    return 0 if check(argv[0], argv[1]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
