"""The room page in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by scripts/ensure-chromium.sh; never a browser download) against a server
started from the Procfile."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from groups import selectors, services
from groups.models import Membership, RoomConnection
from tests.conftest import make_group
from tests.e2e.servers import (
    ServerProcess,
    add_member,
    password_hash,
    running_server,
    shared_database_env,
    wait_for_disconnects,
)

pytestmark = pytest.mark.django_db(transaction=True)

CHROMIUM = Path(os.environ.get("CIRCLES_CHROMIUM", "/usr/bin/chromium"))
PASSWORD = f"browser-{uuid.uuid4().hex}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM} (scripts/ensure-chromium.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop running in this thread, which Django takes
    # for async code and refuses database calls from; these tests' ORM calls are plain sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            # The machine has no network beyond loopback: keep Chromium from trying.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def server(transactional_db: None) -> Iterator[ServerProcess]:
    # Plain HTTP on loopback: no HTTPS redirect and no Secure-only cookies for this server.
    env = {**shared_database_env(), "CIRCLES_SSL_REDIRECT": "0", "CIRCLES_SECURE_COOKIES": "0"}
    group = make_group("browser-circle")
    hashed = password_hash(PASSWORD)
    add_member(group, "alice", "Willow", hashed_password=hashed)
    add_member(group, "bob", "River", hashed_password=hashed)
    add_member(group, "newcomer", "Heron", hashed_password=hashed, accept=False)
    add_member(group, "fran", "Facilitator Fran", hashed_password=hashed, role="facilitator")
    with running_server(env) as process:
        process.killed_channels = set()  # type: ignore[attr-defined]
        yield process
        # Connections of a killed process never close; they only age out of presence.
        wait_for_disconnects(exclude=process.killed_channels)  # type: ignore[attr-defined]


@pytest.fixture
def pages(browser: Browser, server: ServerProcess) -> Iterator[list[Page]]:
    """Pages opened by a test; closed before the server checks every connection ended."""
    opened: list[Page] = []
    yield opened
    for page in opened:
        page.close()


def log_in(browser: Browser, server: ServerProcess, pages: list[Page], username: str) -> Page:
    page = browser.new_page(base_url=server.base_url)
    pages.append(page)
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Group browser-circle").click()
    return page


def send(page: Page, text: str) -> None:
    page.get_by_label("Message", exact=True).fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_members_talk_live_and_text_is_never_html(
    browser: Browser, server: ServerProcess, pages: list[Page]
) -> None:
    alice = log_in(browser, server, pages, "alice")
    expect(alice.get_by_role("status").first).to_have_text("Connected as Willow")
    bob = log_in(browser, server, pages, "bob")
    expect(bob.get_by_role("status").first).to_have_text("Connected as River")

    send(alice, "hello from the browser")
    for page in (alice, bob):
        expect(page.locator("#messages li").last).to_contain_text("Willow")
        expect(page.locator("#messages li").last).to_contain_text("hello from the browser")

    attack = '<img src=x onerror="window.__pwned=1">'
    send(bob, attack)
    expect(alice.locator("#messages li").last).to_contain_text(attack)
    assert alice.evaluate("window.__pwned") is None
    expect(alice.locator("#here")).to_contain_text("River")


def test_the_page_reconnects_and_catches_up(
    browser: Browser, server: ServerProcess, pages: list[Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = log_in(browser, server, pages, "alice")
    expect(alice.get_by_role("status").first).to_have_text("Connected as Willow")
    server.killed_channels.update(  # type: ignore[attr-defined]
        RoomConnection.objects.values_list("channel_name", flat=True)
    )
    server.kill()
    expect(alice.get_by_role("status").first).to_have_text("Reconnecting…")
    # Posted while alice's page was cut off. (Its broadcast would go to this test process's
    # own channel layer, which no server shares, so it is skipped.)
    monkeypatch.setattr("groups.events._deliver", lambda event, audience: None)
    bob = Membership.objects.get(pseudonym="River")
    access = selectors.access_room(user=bob.user, slug="browser-circle")
    services.message_send(access=access, client_id=uuid.uuid4(), text="you missed this")
    server.start()
    expect(alice.get_by_role("status").first).to_have_text("Connected as Willow", timeout=20_000)
    expect(alice.locator("#messages li").last).to_contain_text("you missed this")


def test_agreement_first_and_help_is_always_there(
    browser: Browser, server: ServerProcess, pages: list[Page]
) -> None:
    page = log_in(browser, server, pages, "newcomer")
    expect(page.get_by_role("button", name="Get help now")).to_have_count(0)
    page.get_by_role("button", name="I agree").click()
    expect(page.get_by_role("status").first).to_have_text("Connected as Heron")
    page.get_by_role("button", name="Get help now").click()
    dialog = page.get_by_role("dialog", name="Get help now")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("988")
    if os.environ.get("CIRCLES_SCREENSHOTS"):
        page.screenshot(path=os.environ["CIRCLES_SCREENSHOTS"] + "/room-help.png", full_page=True)


def test_crisis_language_opens_the_card_for_the_author_and_the_queue_for_facilitators(
    browser: Browser, server: ServerProcess, pages: list[Page]
) -> None:
    alice = log_in(browser, server, pages, "alice")
    expect(alice.get_by_role("status").first).to_have_text("Connected as Willow")
    fran = log_in(browser, server, pages, "fran")
    expect(fran.get_by_role("status").first).to_have_text("Connected as Facilitator Fran")
    bob = log_in(browser, server, pages, "bob")
    expect(bob.get_by_role("status").first).to_have_text("Connected as River")

    send(alice, "lately i keep thinking everyone would be better off if i was not around")
    card = alice.get_by_role("dialog", name="Get help now")
    expect(card).to_be_visible()
    expect(card).to_contain_text("988")
    expect(card).to_contain_text("You don't have to go through this alone")
    expect(fran.locator("#queue")).to_contain_text("Flag: crisis (concern)")
    # The other member sees the message but neither the card nor any queue.
    expect(bob.locator("#messages li").last).to_contain_text("better off")
    expect(bob.get_by_role("dialog", name="Get help now")).to_be_hidden()
    expect(bob.locator("#queue")).to_have_count(0)
