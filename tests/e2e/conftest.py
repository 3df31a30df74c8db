"""Fixtures of the browser tests (Playwright on Debian's Chromium against a real server)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.e2e.browser import Cast, WebhookReceiver, launch, make_cast
from tests.e2e.servers import (
    ServerProcess,
    running_server,
    shared_database_env,
    wait_for_disconnects,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop running in this thread, which Django takes
    # for async code and refuses database calls from; these tests' ORM calls are plain sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def cast(transactional_db: None) -> Cast:
    return make_cast()


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def server(request: pytest.FixtureRequest, cast: Cast) -> Iterator[ServerProcess]:
    """The Procfile's web process on the test database.

    ``@pytest.mark.server_env(NAME="value")`` adds to its environment; a test that asks for
    ``webhook`` has the coordinators' pages POSTed to it.
    """
    # Plain HTTP on loopback: no HTTPS redirect and no Secure-only cookies for this server.
    env: dict[str, Any] = {
        **shared_database_env(),
        "CIRCLES_SSL_REDIRECT": "0",
        "CIRCLES_SECURE_COOKIES": "0",
        # One web process with the in-memory layer (and so its embedded worker), on this
        # pass's database. Browser tests idle for seconds, and on Redis an idle consumer
        # still dies (issue 9), leaving a presence row behind; the Redis deployment is
        # covered by test_two_processes.py and the consumer tests.
        "REDIS_URL": None,
    }
    if "webhook" in request.fixturenames:
        # Coordinators' pages go to this test's receiver.
        env["CIRCLES_ESCALATION_WEBHOOK_URL"] = request.getfixturevalue("webhook").url
    marker = request.node.get_closest_marker("server_env")
    if marker is not None:
        env.update(marker.kwargs)
    with running_server(env) as process:
        process.killed_channels = set()  # type: ignore[attr-defined]
        yield process
        # Connections of a killed process never close; they only age out of presence.
        wait_for_disconnects(exclude=process.killed_channels)  # type: ignore[attr-defined]


@pytest.fixture
def contexts(browser: Browser, server: ServerProcess) -> Iterator[list[BrowserContext]]:
    """Browser profiles opened by a test; closed before the server checks every connection
    ended."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()
