"""The database thread skips the health check of a connection that answered moments ago."""

from __future__ import annotations

import pytest
from django.db import connection, connections

from groups import dbthread


@pytest.fixture
def open_connection():
    wrapper = connections["default"]
    wrapper.ensure_connection()
    wrapper.health_check_done = False
    yield wrapper
    wrapper.errors_occurred = False


@pytest.mark.django_db
def test_a_connection_that_just_answered_is_not_checked_again(open_connection):
    dbthread._note_healthy()
    dbthread._skip_checks_of_recently_healthy()
    assert open_connection.health_check_done is True


@pytest.mark.django_db
def test_an_idle_connection_is_checked(open_connection, monkeypatch):
    dbthread._note_healthy()
    monkeypatch.setattr(dbthread, "RECENTLY_HEALTHY_SECONDS", 0.0)
    dbthread._skip_checks_of_recently_healthy()
    assert open_connection.health_check_done is False


@pytest.mark.django_db
def test_a_connection_that_raised_a_database_error_is_checked(open_connection):
    dbthread._healthy_at.pop(open_connection, None)
    open_connection.errors_occurred = True
    dbthread._note_healthy()
    dbthread._skip_checks_of_recently_healthy()
    assert open_connection.health_check_done is False


@pytest.mark.django_db(transaction=True)
async def test_calls_through_the_thread_run_and_return():
    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return int(cursor.fetchone()[0])

    assert await dbthread.database_sync_to_async(count)() == 1
