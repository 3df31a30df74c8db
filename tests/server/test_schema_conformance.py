"""The API answers as its OpenAPI schema says (issue 12): schemathesis generates requests for
every operation, anonymous and as a logged-in member, and checks each response: no 5xx, no
status code, content type or body the schema does not declare."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from groups.models import Membership

# Examples per operation and identity (CI: the default; more with CIRCLES_SCHEMA_EXAMPLES).
EXAMPLES = int(os.environ.get("CIRCLES_SCHEMA_EXAMPLES", "25"))

# The WSGI handler closes the database connection after each request, as a server does: the
# test must not hold it in a transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _failures(headers: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers)

        try:
            run()
        except Exception as exc:
            failures.append(f"{operation.label}: {str(exc)[:800]}")
    return failures


def test_anonymous_requests_conform() -> None:
    assert _failures({}) == []


def test_a_members_requests_conform(member: Membership) -> None:
    client = Client()
    client.force_login(member.user)
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert _failures({"Cookie": cookie}) == []
