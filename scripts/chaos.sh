#!/usr/bin/env bash
# make chaos: the failure-injection tests (marker `chaos`) on PostgreSQL + Redis, with a
# database name and Redis key prefix of this run's own. Real server processes from the
# Procfile: kill -9 of one of two processes mid-chat (its client moves to the other and
# resends), a private redis-server restarted under members and a facilitator, an idle
# minute on Redis, a client that stops reading, and members and a facilitator dropping and
# coming back for a minute (tests/e2e/test_churn.py; CI runs it for 20 s). CI runs the same
# tests in pass 2.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
RUN_ID="chaos_$(date +%s)_$$"
PG_BASE="${CIRCLES_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
REDIS="${CIRCLES_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}"

if ! "$PY" scripts/check_services.py "$PG_BASE/postgres" "$REDIS"; then
    echo "FAILED: make chaos needs PostgreSQL and Redis on 127.0.0.1." >&2
    exit 1
fi
DATABASE_URL="$PG_BASE/circles_$RUN_ID" REDIS_URL="$REDIS" \
    CIRCLES_REDIS_PREFIX="circles-test-$RUN_ID" CIRCLES_CHURN_SECONDS="${CIRCLES_CHURN_SECONDS:-60}" \
    CIRCLES_IDLE_SECONDS="${CIRCLES_IDLE_SECONDS:-65}" \
    "$PY" -m pytest --create-db -m chaos -p no:cacheprovider "$@" tests/e2e
status=$?
"$PY" scripts/check_services.py --drop "test_circles_$RUN_ID" "$PG_BASE/postgres" "$REDIS" || true
exit $status
