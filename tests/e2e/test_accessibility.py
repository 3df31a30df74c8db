"""axe-core on every page and dialog, at a desktop and a phone size: no serious or critical
violation. With ``CIRCLES_SCREENSHOTS=<dir>`` the same walk saves screenshots (docs/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    confirm,
    connected,
    message_item,
    open_page,
    queue_item,
    send,
)
from tests.e2e.servers import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
BLOCKING = {"serious", "critical"}
SCREENSHOTS = os.environ.get("CIRCLES_SCREENSHOTS")

# Our own sentences: a full queue has each kind of item.
QUEUE = [
    "text me on 555 201 7788 after the group, any time",
    "you are all pathetic and nobody here is worth listening to",
    "i have the pills in front of me and i am going to take them all tonight",
    "some days i wonder if anyone would notice if i was gone",
    "my email is willow.walks@example.com if anyone wants to chat",
]


def check(page: Page, name: str, viewport: dict[str, int], results: dict[str, Any]) -> None:
    """Run axe on what the page shows now; record the counts; fail on serious/critical."""
    response = AXE.run(page).response
    blocking = [v for v in response["violations"] if v.get("impact") in BLOCKING]
    label = f"{name} @ {viewport['width']}x{viewport['height']}"
    results[label] = len(blocking), len(response["violations"])
    print(f"axe {label}: {len(blocking)} serious/critical, {len(response['violations'])} in all")
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}-{viewport['width']}.png")
    assert not blocking, f"{label}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in blocking
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_and_dialog_has_no_serious_violation(
    browser: Browser,
    server: ServerProcess,
    contexts: list[BrowserContext],
    viewport: dict[str, int],
) -> None:
    results: dict[str, Any] = {}
    context = browser.new_context(base_url=server.base_url, viewport=viewport)
    contexts.append(context)
    anonymous = context.new_page()
    anonymous.goto("/login/")
    check(anonymous, "login", viewport, results)

    newcomer = open_page(browser, server, contexts, "newcomer", viewport=viewport)
    expect(newcomer.get_by_role("button", name="I agree")).to_be_visible()
    check(newcomer, "agreement", viewport, results)

    bob = open_page(browser, server, contexts, "bob", viewport=viewport, enter_room=False)
    check(bob, "home", viewport, results)
    bob.goto("/groups/no-such-group/")
    check(bob, "not-found", viewport, results)
    bob.goto("/")
    bob.get_by_role("link", name="Group browser-circle").click()
    connected(bob, "River")

    fran = open_page(browser, server, contexts, "fran", viewport=viewport)
    connected(fran, "Facilitator Fran")
    alice = open_page(browser, server, contexts, "alice", viewport=viewport)
    connected(alice, "Willow")

    send(alice, "thank you all for being here tonight")
    send(bob, "it helps to hear that, thank you")
    for text in QUEUE:
        send(alice, text)
        answered = (
            alice.locator("#messages li").filter(has_text=text).filter(has_not_text="Sending")
        )
        expect(answered).to_have_count(1)
        alice.wait_for_timeout(300)  # a crisis card follows the answer
        card = alice.get_by_role("dialog", name="Get help now")
        if card.is_visible():
            card.get_by_role("button", name="Close").click()
    bob.reload()
    connected(bob, "River")
    expect(message_item(bob, "it helps to hear that")).to_be_visible()
    check(bob, "member-room", viewport, results)

    message_item(bob, "thank you all").get_by_role("button", name="Report").click()
    expect(bob.get_by_role("menuitem", name="This is abusive")).to_be_visible()
    check(bob, "report-menu", viewport, results)
    bob.keyboard.press("Escape")

    bob.get_by_role("button", name="Get help now").click()
    check(bob, "help-dialog", viewport, results)
    bob.get_by_role("dialog", name="Get help now").get_by_role("button", name="Close").click()

    # The author's view: held messages pending, the crisis card.
    check(alice, "member-room-author", viewport, results)

    expect(fran.locator("#queue-items > li")).to_have_count(len(QUEUE))
    if viewport is PHONE:
        check(fran, "facilitator-chat-tab", viewport, results)
        fran.get_by_role("tab", name="Console").click()
    expect(queue_item(fran, QUEUE[2])).to_be_visible()
    check(fran, "facilitator-console", viewport, results)

    queue_item(fran, QUEUE[0]).get_by_role("button", name="Reject").click()
    check(fran, "reject-dialog", viewport, results)
    fran.get_by_role("dialog").get_by_role("button", name="Cancel").click()

    queue_item(fran, QUEUE[0]).get_by_role("button", name="Member: Willow").click()
    dialog = fran.get_by_role("dialog", name="Willow")
    expect(dialog).to_be_visible()
    check(fran, "member-dialog", viewport, results)
    dialog.get_by_role("button", name="Close").click()

    coordinator = open_page(browser, server, contexts, "coord", viewport=viewport, enter_room=False)
    coordinator.goto("/coordinator/")
    # The urgent message's escalation, as its group's coordinator sees it.
    expect(coordinator.get_by_role("heading", name="Escalations", exact=True)).to_be_visible()
    check(coordinator, "coordinator", viewport, results)

    fran.get_by_role("button", name="End session").click()
    check(fran, "confirm-dialog", viewport, results)
    confirm(fran)
    expect(fran.get_by_role("button", name="Open session")).to_be_visible()

    # Transcripts (from the room) and a member's own data (from the home page).
    bob.get_by_role("link", name="Transcripts").click()
    expect(bob.get_by_role("heading", name="Transcripts of Group browser-circle")).to_be_visible()
    check(bob, "transcripts", viewport, results)
    bob.get_by_role("link", name="Session of").first.click()
    expect(bob.get_by_role("link", name="Download as Markdown")).to_be_visible()
    check(bob, "transcript", viewport, results)
    bob.goto("/")
    bob.get_by_role("link", name="Your data").click()
    expect(bob.get_by_role("button", name="Erase my account")).to_be_visible()
    check(bob, "my-data", viewport, results)
    print("axe results:", results)
