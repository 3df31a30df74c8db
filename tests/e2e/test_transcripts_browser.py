"""Transcripts in a real browser (issue 11): a member goes from the room to the session's
transcript, reads it with everyone numbered and details hidden, and downloads the Markdown;
on a phone the same page fits the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.e2e.browser import PHONE, enter, message_item, open_page, screenshot, send
from tests.e2e.servers import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_opens_a_transcript_from_the_room_and_downloads_it(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext], tmp_path: Path
) -> None:
    alice, bob = enter(browser, server, contexts, "alice", "bob")
    send(alice, "evening all, it has been a long week")
    send(bob, "thanks Willow, same here")
    expect(message_item(alice, "same here")).to_be_visible()

    screenshot(alice, "room-desktop")
    alice.get_by_role("link", name="Transcripts").click()
    expect(alice.get_by_role("heading", name="Transcripts of Group browser-circle")).to_be_visible()
    screenshot(alice, "transcripts-desktop")
    alice.get_by_role("link", name="Session of").first.click()
    items = alice.locator("ol.transcript li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Member 1")
    expect(items.nth(1)).to_contain_text("Member 2")
    expect(items.nth(1)).to_contain_text("thanks [member], same here")
    expect(alice.locator("main")).not_to_contain_text("Willow")
    expect(alice.locator("main")).not_to_contain_text("River")
    screenshot(alice, "transcript-desktop")

    with alice.expect_download() as info:
        alice.get_by_role("link", name="Download as Markdown").click()
    saved = tmp_path / "transcript.md"
    info.value.save_as(saved)
    text = saved.read_text()
    assert "**Member 1**" in text and "**Member 2**" in text
    assert "Willow" not in text and "River" not in text
    assert alice.errors == []  # type: ignore[attr-defined]


def test_the_transcript_pages_fit_a_phone(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    (alice,) = enter(browser, server, contexts, "alice")
    send(alice, "a message long enough to wrap on a narrow phone screen, about the week")
    in_room = open_page(browser, server, contexts, "alice", viewport=PHONE)
    expect(in_room.get_by_role("link", name="Transcripts")).to_be_visible()
    screenshot(in_room, "room-phone")
    phone = open_page(browser, server, contexts, "alice", viewport=PHONE, enter_room=False)
    phone.get_by_role("listitem").filter(has_text="Group browser-circle").get_by_role(
        "link", name="Transcripts"
    ).click()
    screenshot(phone, "transcripts-phone")
    phone.get_by_role("link", name="Session of").first.click()
    expect(phone.locator("ol.transcript li")).to_have_count(1)
    screenshot(phone, "transcript-phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    download = phone.get_by_role("link", name="Download as Markdown")
    assert download.bounding_box()["height"] >= 44  # type: ignore[index]


def test_a_member_downloads_their_data_then_erases_their_account(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext], tmp_path: Path
) -> None:
    (bob,) = enter(browser, server, contexts, "bob")
    send(bob, "a few words of mine for the export")
    expect(message_item(bob, "a few words of mine")).to_be_visible()
    page = open_page(browser, server, contexts, "bob", viewport=PHONE, enter_room=False)
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    expect(page.locator("main")).to_contain_text("cannot be undone")
    screenshot(page, "my-data-phone")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download my data").click()
    saved = tmp_path / "mine.json"
    info.value.save_as(saved)
    assert "a few words of mine for the export" in saved.read_text()

    # Not ticked: the browser itself refuses the form; ticked: erased and logged out.
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    page.get_by_label("I understand: erase everything of mine").check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", name="Your account has been erased")).to_be_visible()
    screenshot(page, "erased-phone")
    page.goto("/")
    expect(page.get_by_label("Username")).to_be_visible()  # back at the login page


def test_the_data_page_works_from_the_keyboard_alone(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    page = open_page(browser, server, contexts, "alice", enter_room=False)
    page.goto("/me/")
    reached: list[str] = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "document.activeElement.textContent.trim() || document.activeElement.name"
            )
        )
    for wanted in ("Back to your groups", "Download my data", "confirm", "Erase my account"):
        assert wanted in reached, reached
    # Tick the box and erase, with keys only; the focus ring shows on each stop.
    page.get_by_label("I understand: erase everything of mine").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your account has been erased")).to_be_visible()
