"""The room page in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by scripts/ensure-chromium.sh; never a browser download) against a server
started from the Procfile. Chat, reconnecting, the agreement, "Get help now" and the
crisis card."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from groups import selectors
from groups.models import Membership, Message, RoomConnection
from moderation.services import submission
from tests.e2e.browser import (
    PHONE,
    SLUG,
    CuttableProxy,
    connected,
    enter,
    message_item,
    open_page,
    queue_item,
    screenshot,
    send,
)
from tests.e2e.servers import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_members_talk_live_and_text_is_never_html(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, bob = enter(browser, server, contexts, "alice", "bob")

    send(alice, "hello from the browser")
    for page in (alice, bob):
        expect(page.locator("#messages li").last).to_contain_text("Willow")
        expect(page.locator("#messages li").last).to_contain_text("hello from the browser")
    # One's own messages are marked; everyone's carry a time.
    expect(message_item(alice, "hello from the browser")).to_contain_text("Willow (you)")
    expect(message_item(bob, "hello from the browser")).not_to_contain_text("(you)")
    stamp = message_item(bob, "hello from the browser").locator("time")
    expect(stamp).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))

    attack = '<img src=x onerror="window.__pwned=1">'
    send(bob, attack)
    expect(message_item(alice, attack)).to_contain_text(attack)
    assert alice.evaluate("window.__pwned") is None
    expect(alice.locator("#here")).to_contain_text("River")

    # A right-to-left override is kept as written, but isolated: it reorders only the
    # message it is in, never the name, the time or the messages around it.
    flipped = "\u202eflipped on purpose"
    send(bob, flipped)
    text = message_item(alice, "flipped on purpose").locator(".text")
    expect(text).to_have_text(flipped)
    bidi = "el => getComputedStyle(el).unicodeBidi"
    assert text.evaluate(bidi) == "plaintext"
    assert message_item(alice, "flipped on purpose").locator(".who").evaluate(bidi) == "isolate"
    assert alice.locator("#here li").first.evaluate(bidi) == "isolate"


def test_the_page_reconnects_and_catches_up(
    browser: Browser,
    server: ServerProcess,
    contexts: list[BrowserContext],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice = open_page(browser, server, contexts, "alice")
    connected(alice, "Willow")
    server.killed_channels.update(  # type: ignore[attr-defined]
        RoomConnection.objects.values_list("channel_name", flat=True)
    )
    server.kill()
    expect(alice.locator("#connection")).to_have_text("Reconnecting…")
    # Posted while alice's page was cut off. (Its broadcast would go to this test process's
    # own channel layer, which no server shares, so it is skipped.)
    monkeypatch.setattr("groups.events.transport._deliver", lambda event, audience, message: None)
    bob = Membership.objects.get(pseudonym="River")
    access = selectors.access_room(user=bob.user, slug=SLUG)
    submission.message_send(access=access, client_id=uuid.uuid4(), text="you missed this")
    server.start()
    expect(alice.locator("#connection")).to_have_text("Connected as Willow", timeout=20_000)
    expect(alice.locator("#messages li").last).to_contain_text("you missed this")


def test_agreement_first_and_help_is_always_there(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    page = open_page(browser, server, contexts, "newcomer")
    expect(page.get_by_role("button", name="Get help now")).to_have_count(0)
    page.get_by_role("button", name="I agree").click()
    connected(page, "Heron")
    page.get_by_role("button", name="Get help now").click()
    dialog = page.get_by_role("dialog", name="Get help now")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("988")
    expect(dialog.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")


@pytest.mark.server_env(CIRCLES_HEARTBEAT_SECONDS="1")
def test_a_new_agreement_closes_the_room_and_the_page_says_why(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    from groups.models import Agreement, Group

    (alice,) = enter(browser, server, contexts, "alice", viewport=PHONE)
    # Written from this process, as a script would: no event reaches the server's sockets
    # on the in-memory layer, so the socket's own heartbeat finds it.
    group = Group.objects.get(slug=SLUG)
    Agreement.objects.create(group=group, version=2, text="We now also agree to this.")
    expect(alice.locator("#connection")).to_have_text(
        "The group agreement has changed. Reload the page to read it and agree.", timeout=15000
    )
    expect(alice.get_by_label("Message", exact=True)).to_be_disabled()
    screenshot(alice, "room-agreement-changed-phone")
    alice.get_by_role("button", name="Read the new agreement").click()
    expect(alice.get_by_text("We now also agree to this.")).to_be_visible()
    alice.get_by_role("button", name="I agree").click()
    connected(alice, "Willow")


def test_crisis_card_has_working_links_and_help_keeps_them(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, fran, bob = enter(browser, server, contexts, "alice", "fran", "bob")

    send(alice, "lately i keep thinking everyone would be better off if i was not around")
    card = alice.get_by_role("dialog", name="Get help now")
    expect(card).to_be_visible()
    expect(card).to_contain_text("You don't have to go through this alone")
    expect(card.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(card.get_by_role("link", name="Text HOME to 741741")).to_have_attribute(
        "href", "sms:741741?body=HOME"
    )
    expect(card.get_by_role("link", name="Website").first).to_have_attribute(
        "href", "https://988lifeline.org"
    )
    card.get_by_role("button", name="Close").click()
    expect(card).to_be_hidden()
    # "Get help now" after a card still has every link.
    alice.get_by_role("button", name="Get help now").click()
    expect(card.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    expect(card.get_by_role("link", name="Text 988")).to_have_attribute("href", "sms:988")
    card.get_by_role("button", name="Close").click()

    # The facilitator's queue has it; the other member sees the message, not the card.
    expect(queue_item(fran, "better off")).to_contain_text("Crisis")
    expect(message_item(bob, "better off")).to_be_visible()
    expect(bob.get_by_role("dialog", name="Get help now")).to_be_hidden()
    expect(bob.get_by_role("region", name="Facilitator console")).to_have_count(0)


def test_back_from_offline_catches_up_at_once_and_posts_the_queued_message_once(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    proxy = CuttableProxy(server.port)
    try:
        alice = open_page(browser, server, contexts, "alice", base_url=proxy.base_url)
        context = alice.context
        connected(alice, "Willow")
        bob = open_page(browser, server, contexts, "bob")
        connected(bob, "River")

        # The network goes: the socket is really cut and nothing gets through.
        context.set_offline(True)
        proxy.cut()
        expect(alice.locator("#connection")).to_have_text("Reconnecting…")
        send(bob, "posted while you were offline")
        send(alice, "typed while offline")
        expect(message_item(bob, "posted while you were offline")).to_be_visible()
        # Long enough for the backoff to grow well past the 2 s that is allowed below.
        alice.wait_for_timeout(6000)

        proxy.restore()
        context.set_offline(False)
        started = alice.evaluate("performance.now()")
        expect(message_item(alice, "posted while you were offline")).to_be_visible(timeout=2000)
        expect(message_item(bob, "typed while offline")).to_be_visible(timeout=2000)
        caught_up_ms = alice.evaluate("performance.now()") - started
        print(f"caught up {caught_up_ms:.0f} ms after the network returned")
        alice.wait_for_timeout(500)
        for page in (alice, bob):
            expect(message_item(page, "posted while you were offline")).to_have_count(1)
            expect(message_item(page, "typed while offline")).to_have_count(1)
        assert Message.objects.filter(text="typed while offline").count() == 1
    finally:
        proxy.close()


@pytest.mark.server_env(CIRCLES_HEARTBEAT_SECONDS="1")
def test_a_silently_dead_socket_is_noticed_and_replaced(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    proxy = CuttableProxy(server.port)
    try:
        alice = open_page(browser, server, contexts, "alice", base_url=proxy.base_url)
        connected(alice, "Willow")
        bob = open_page(browser, server, contexts, "bob")
        connected(bob, "River")
        # The socket stays open but nothing arrives any more (no close, no error).
        proxy.freeze()
        send(bob, "sent into the silence")
        # Two missed heartbeats (1 s each here) later the page gives up on it and reconnects.
        expect(message_item(alice, "sent into the silence")).to_be_visible(timeout=10_000)
    finally:
        proxy.close()
