"""The facilitator console in a real browser: every action a facilitator takes in the page,
driven by the accessible names of SPEC 6, and what the members see as a result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from groups.models import AuditEntry, Message
from moderation.models import Escalation, Note
from tests.e2e.browser import (
    PHONE,
    WebhookReceiver,
    confirm,
    connected,
    enter,
    message_item,
    open_page,
    queue_item,
    send,
    wait_until,
)
from tests.e2e.servers import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Our own sentences (never from a data set): what the screen holds and flags.
CONTACT = "text me on 555 201 7788 after the group, any time"
CONTACT_2 = "my email is willow.walks@example.com if anyone wants to chat"
URGENT = "i have the pills in front of me and i am going to take them all tonight"
URGENT_2 = "i wrote the letters and tonight is the night i end my life"


def console(page: Page) -> object:
    return page.get_by_role("region", name="Facilitator console")


def member_dialog(page: Page, pseudonym: str) -> object:
    page.locator("#here").get_by_role("button", name=pseudonym).click()
    dialog = page.get_by_role("dialog", name=pseudonym)
    expect(dialog).to_be_visible()
    return dialog


def test_approve_and_reject_held_messages(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, bob, fran = enter(browser, server, contexts, "alice", "bob", "fran")

    send(alice, CONTACT)
    pending = alice.locator("#messages li.pending").filter(has_text=CONTACT)
    expect(pending).to_contain_text("Waiting for a facilitator")
    expect(pending).to_contain_text("contact details")
    item = queue_item(fran, CONTACT)
    expect(item).to_contain_text("Held message")
    expect(item).to_contain_text("Willow")
    expect(message_item(bob, CONTACT)).to_have_count(0)

    # The held message stays visible to its author, as pending, across a reload.
    alice.reload()
    connected(alice, "Willow")
    expect(alice.locator("#messages li.pending").filter(has_text=CONTACT)).to_contain_text(
        "Waiting for a facilitator"
    )

    item.get_by_role("button", name="Approve").click()
    expect(message_item(bob, CONTACT)).to_be_visible()
    expect(message_item(alice, CONTACT)).to_contain_text("Willow (you)")
    expect(alice.locator("#messages li.pending")).to_have_count(0)
    # Decided: it leaves the queue for "Done".
    expect(queue_item(fran, CONTACT)).to_have_count(0)
    expect(
        fran.locator("#done-items li").filter(has_text="Held message from Willow")
    ).to_have_count(1)

    send(alice, CONTACT_2)
    item = queue_item(fran, CONTACT_2)
    item.get_by_role("button", name="Reject").click()
    dialog = fran.get_by_role("dialog")
    expect(dialog).to_contain_text("Reject this message?")
    dialog.get_by_label("A kind word for them").fill("Let's keep e-mail addresses out of the room.")
    confirm(fran)
    rejected = alice.locator("#messages li.pending").filter(has_text=CONTACT_2)
    expect(rejected).to_contain_text("Not posted")
    expect(rejected).to_contain_text("Let's keep e-mail addresses out of the room.")
    expect(message_item(bob, CONTACT_2)).to_have_count(0)
    expect(queue_item(fran, CONTACT_2)).to_have_count(0)


def test_hide_mute_unmute_and_crisis_card(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, bob, fran = enter(browser, server, contexts, "alice", "bob", "fran")

    send(alice, "something i would rather take back")
    expect(message_item(bob, "rather take back")).to_be_visible()
    message_item(fran, "rather take back").get_by_role("button", name="Hide").click()
    # Gone from an open member screen at once, and from every later sync.
    expect(message_item(bob, "rather take back")).to_have_count(0)
    expect(message_item(alice, "rather take back")).to_have_count(0)
    bob.reload()
    connected(bob, "River")
    expect(message_item(bob, "rather take back")).to_have_count(0)

    dialog = member_dialog(fran, "Willow")
    dialog.get_by_label("Mute duration in minutes").fill("5")
    dialog.get_by_role("button", name="Mute", exact=True).click()
    expect(alice.locator("#notices")).to_contain_text("paused your messages for 5 minutes")
    send(alice, "can anyone hear me")
    expect(alice.locator("#send-error")).to_contain_text("paused your messages until")
    expect(message_item(bob, "can anyone hear me")).to_have_count(0)

    dialog = member_dialog(fran, "Willow")
    expect(dialog.get_by_role("button", name="Mute", exact=True)).to_be_hidden()
    dialog.get_by_role("button", name="Unmute").click()
    expect(alice.locator("#notices")).to_contain_text("You can post again.")
    send(alice, "thanks, i am back")
    expect(message_item(bob, "thanks, i am back")).to_be_visible()

    dialog = member_dialog(fran, "River")
    dialog.get_by_role("button", name="Send crisis card").click()
    card = bob.get_by_role("dialog", name="Get help now")
    expect(card).to_be_visible()
    expect(card).to_contain_text("A facilitator thought these might help")
    expect(card.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(alice.get_by_role("dialog", name="Get help now")).to_be_hidden()

    dialog = member_dialog(fran, "River")
    dialog.get_by_role("button", name="Add note").click()
    note = fran.get_by_role("dialog", name="Private note on River")
    note.get_by_label("Note").fill("Quiet tonight; check in at the end.")
    note.get_by_role("button", name="Save note").click()
    dialog = member_dialog(fran, "River")
    expect(dialog.locator("#member-notes")).to_contain_text("Quiet tonight; check in at the end.")
    assert Note.objects.filter(text="Quiet tonight; check in at the end.").count() == 1
    expect(bob.locator("body")).not_to_contain_text("Quiet tonight")


def test_remove_keeps_a_member_out_until_the_session_ends(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, fran = enter(browser, server, contexts, "alice", "fran")
    send(alice, "checking in before the break")
    expect(message_item(fran, "checking in before the break")).to_be_visible()

    dialog = member_dialog(fran, "Willow")
    dialog.get_by_role("button", name="Remove").click()
    expect(fran.get_by_role("dialog")).to_contain_text("Remove Willow from this session?")
    confirm(fran)
    expect(alice.locator("#connection")).to_have_text("You have left this session.")
    expect(alice.locator("#notices")).to_contain_text("step out of this session")
    expect(fran.locator("#here")).not_to_contain_text("Willow")
    # Coming back is refused while this session lasts, however often the page reloads.
    alice.reload()
    expect(alice.locator("#connection")).to_have_text("You can't enter this room right now.")
    alice.wait_for_timeout(1500)
    expect(fran.locator("#here")).not_to_contain_text("Willow")

    # A facilitator can let them back in (from their message: they are no longer "here").
    message_item(fran, "checking in before the break").get_by_role("button", name="Willow").click()
    dialog = fran.get_by_role("dialog", name="Willow")
    expect(dialog).to_contain_text("Removed from this session.")
    dialog.get_by_role("button", name="Let back in").click()
    alice.reload()
    connected(alice, "Willow")
    dialog = member_dialog(fran, "Willow")
    dialog.get_by_role("button", name="Remove").click()
    confirm(fran)
    expect(alice.locator("#connection")).to_have_text("You have left this session.")

    # Ending the session ends the removal.
    fran.get_by_role("button", name="End session").click()
    expect(fran.get_by_role("dialog")).to_contain_text("End the session?")
    confirm(fran)
    expect(fran.get_by_role("button", name="Open session")).to_be_visible()
    expect(fran.locator("#room-state")).to_contain_text("No session open")
    alice.reload()
    connected(alice, "Willow")
    expect(alice.locator("#notices")).to_contain_text("let in when a facilitator opens it")

    fran.get_by_role("button", name="Open session").click()
    expect(alice.locator("#notices")).not_to_contain_text("let in when")
    expect(fran.get_by_role("button", name="End session")).to_be_visible()


def test_pause_resume_slow_mode_and_ban(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, bob, fran = enter(browser, server, contexts, "alice", "bob", "fran")

    fran.get_by_role("button", name="Pause room").click()
    expect(alice.locator("#notices")).to_contain_text("paused the room")
    send(alice, "is anyone there")
    expect(alice.locator("#send-error")).to_contain_text("paused the room")
    fran.get_by_role("button", name="Resume room").click()
    # The notice and the error clear when the room resumes.
    expect(alice.locator("#notices")).not_to_contain_text("paused the room")
    expect(alice.locator("#send-error")).to_have_text("")

    fran.get_by_role("button", name="Slow mode").click()
    fran.get_by_role("dialog").get_by_label("Seconds between messages").fill("60")
    confirm(fran)
    expect(alice.locator("#notices")).to_contain_text("one message every 60 seconds")
    send(alice, "first under slow mode")
    expect(message_item(bob, "first under slow mode")).to_be_visible()
    send(alice, "second under slow mode")
    expect(alice.locator("#send-error")).to_contain_text("Slow mode")

    dialog = member_dialog(fran, "River")
    dialog.get_by_role("button", name="Ban").click()
    expect(fran.get_by_role("dialog")).to_contain_text("Ban River from the group?")
    confirm(fran)
    # The page says why, in the status line as well as the notice.
    expect(bob.locator("#connection")).to_have_text("You can no longer take part in this group.")
    bob.reload()
    # Banned: the group is gone from their list and the room answers the friendly 404.
    expect(bob.get_by_text("Connected as River")).to_have_count(0)
    assert AuditEntry.objects.filter(action="member_ban").count() == 1


@pytest.mark.server_env(CIRCLES_ESCALATION_ACK_SECONDS="10")
def test_urgent_first_with_time_left_acknowledge_stops_the_page_and_silence_pages(
    browser: Browser,
    server: ServerProcess,
    contexts: list[BrowserContext],
    webhook: WebhookReceiver,
) -> None:
    alice = open_page(browser, server, contexts, "alice")
    connected(alice, "Willow")
    fran = open_page(browser, server, contexts, "fran", viewport=PHONE)
    connected(fran, "Facilitator Fran")

    send(alice, CONTACT)  # a held message first, so the urgent one must jump the queue
    expect(fran.locator("#console-badge")).to_have_text("1")
    send(alice, URGENT)
    alice.get_by_role("dialog", name="Get help now").get_by_role("button", name="Close").click()
    expect(fran.locator("#console-badge")).to_contain_text("urgent")
    fran.get_by_role("tab", name=re.compile("Console")).click()
    first = fran.locator("#queue-items > li").first
    expect(first).to_contain_text(URGENT)
    expect(first).to_contain_text("Urgent")
    expect(first).to_contain_text(re.compile(r"Time left before coordinators are paged: 0:\d\d"))
    assert fran.title().startswith("(1 urgent)")
    first = queue_item(fran, URGENT)  # by its text from here on: a newer urgent one goes first
    first.get_by_role("button", name="Acknowledge").click()
    expect(first).to_contain_text("coordinators will not be paged")
    escalation = Escalation.objects.get(flag__message__text=URGENT)
    wait_until(
        lambda: Escalation.objects.get(pk=escalation.pk).state == "acknowledged",
        what="the escalation to be acknowledged",
    )
    # The ladder, each step with a note.
    first.get_by_role("button", name="In contact").click()
    fran.get_by_role("dialog").get_by_label("Note").fill("Talking with Willow privately.")
    confirm(fran)
    expect(first).to_contain_text("in contact")
    first.get_by_role("button", name="Add note").click()
    fran.get_by_role("dialog").get_by_label("Note").fill("Willow is safe for now.")
    fran.get_by_role("dialog").get_by_role("button", name="Save note").click()
    expect(first).to_contain_text("Willow is safe for now.")
    first.get_by_role("button", name="Handed off").click()
    confirm(fran)
    expect(first).to_contain_text("handed off")

    # A second urgent message nobody acknowledges pages the coordinators.
    send(alice, URGENT_2)
    second = queue_item(fran, URGENT_2)
    expect(second).to_contain_text("Time left before coordinators are paged")
    expect(second).to_contain_text("coordinators paged", timeout=20_000)
    wait_until(lambda: len(webhook.received) >= 1, timeout=10, what="the webhook page")
    paged = Escalation.objects.get(flag__message__text=URGENT_2)
    assert [page["escalation_id"] for page in webhook.received] == [paged.pk]
    # The acknowledged one never paged anyone, well past its deadline.
    assert Escalation.objects.get(pk=escalation.pk).coordinators_paged_at is None
    # The author got the second card, saying direct lines are fastest.
    expect(alice.get_by_role("dialog", name="Get help now")).to_contain_text("fastest help")
    alice.get_by_role("dialog", name="Get help now").get_by_role("button", name="Close").click()

    first.get_by_role("button", name="Close", exact=True).click()
    confirm(fran)
    wait_until(
        lambda: Escalation.objects.get(pk=escalation.pk).state == "closed",
        what="the escalation to close",
    )
    # The escalation is closed; the flag waits until someone resolves it.
    expect(first).to_contain_text("Escalation closed")
    first.get_by_role("button", name="Resolve").click()
    expect(first).to_contain_text("Flag resolved")
    # It gave the means, so it was held: it leaves the queue once that is decided too.
    first.get_by_role("button", name="Reject").click()
    confirm(fran)
    expect(queue_item(fran, URGENT)).to_have_count(0)


def test_reports_reach_the_queue_and_own_messages_can_be_deleted(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, bob, fran = enter(browser, server, contexts, "alice", "bob", "fran")

    send(alice, "i skipped dinner again, just not hungry lately")
    item = message_item(bob, "skipped dinner again")
    expect(item.get_by_role("button", name="Delete")).to_have_count(0)
    item.get_by_role("button", name="Report").click()
    bob.get_by_role("menuitem", name="I'm worried about this person").click()
    expect(item).to_contain_text("A facilitator has been told")
    queued = queue_item(fran, "skipped dinner again")
    expect(queued).to_contain_text("Reported: I'm worried about this person")
    expect(queued).to_contain_text("Willow")
    queued.get_by_role("button", name="Show in chat").click()
    expect(message_item(fran, "skipped dinner again")).to_be_focused()
    queued.get_by_role("button", name="Acknowledge").click()
    expect(queued).to_contain_text("Flag acknowledged")
    # Escalating by hand opens an escalation with its own deadline, acknowledged on its own.
    queued.get_by_role("button", name="Escalate").click()
    expect(queued).to_contain_text("Escalation open")
    expect(queued).to_contain_text("Time left before coordinators are paged")
    queued.get_by_role("button", name="Acknowledge").click()
    expect(queued).to_contain_text("Escalation acknowledged")
    queued.get_by_role("button", name="Close", exact=True).click()
    fran.get_by_role("dialog").get_by_label("Note").fill("Checked in with Willow after the group.")
    confirm(fran)
    expect(queued).to_contain_text("Escalation closed")
    queued.get_by_role("button", name="Resolve").click()
    expect(queue_item(fran, "skipped dinner again")).to_have_count(0)

    send(alice, "oops, wrong room, sorry")
    own = message_item(alice, "wrong room")
    expect(own.get_by_role("button", name="Report")).to_have_count(0)
    own.get_by_role("button", name="Delete").click()
    for page in (alice, bob, fran):
        expect(message_item(page, "wrong room")).to_have_count(0)
    bob.reload()
    connected(bob, "River")
    expect(message_item(bob, "skipped dinner again")).to_be_visible()
    expect(message_item(bob, "wrong room")).to_have_count(0)
    assert Message.objects.get(text="oops, wrong room, sorry").state == "deleted"


def test_keyboard_only_a_facilitator_approves_and_acknowledges(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice, fran = enter(browser, server, contexts, "alice", "fran")
    send(alice, CONTACT)
    send(alice, URGENT)
    expect(queue_item(fran, URGENT)).to_be_visible()
    expect(queue_item(fran, CONTACT)).to_be_visible()
    # After a reload the server replays the queue as it stands: shown once, not twice.
    fran.reload()
    connected(fran, "Facilitator Fran")
    expect(fran.locator("#queue-items > li")).to_have_count(2)
    fran.wait_for_timeout(500)
    expect(fran.locator("#queue-items > li")).to_have_count(2)

    def tab_to(name: str, within: str) -> None:
        for _ in range(120):
            fran.keyboard.press("Tab")
            focused = fran.evaluate(
                "() => { const e = document.activeElement; const li = e && e.closest('li.item');"
                " return [e ? e.textContent : '', li ? li.textContent : ''] }"
            )
            if focused[0] == name and within in focused[1]:
                fran.keyboard.press("Enter")
                return
        raise AssertionError(f"could not reach {name!r} with the keyboard")

    tab_to("Acknowledge", URGENT)
    expect(queue_item(fran, URGENT)).to_contain_text("coordinators will not be paged")
    tab_to("Approve", CONTACT)
    expect(message_item(alice, CONTACT)).to_be_visible()


def test_notices_clear_when_their_cause_ends(
    browser: Browser, server: ServerProcess, contexts: list[BrowserContext]
) -> None:
    alice = open_page(browser, server, contexts, "alice", viewport=PHONE)
    connected(alice, "Willow")
    expect(alice.locator("#notices")).to_contain_text("No facilitator is in the room")
    fran = open_page(browser, server, contexts, "fran")
    connected(fran, "Facilitator Fran")
    expect(alice.locator("#notices")).not_to_contain_text("No facilitator is in the room")
    # On a phone, "Get help now" and the connection state stay in view while typing.
    for i in range(9):  # under the rate limit
        send(alice, f"line {i} of a long evening")
    alice.get_by_label("Message", exact=True).focus()
    alice.mouse.wheel(0, 5000)
    for locator in (alice.get_by_role("button", name="Get help now"), alice.locator("#connection")):
        box = locator.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    fran.close()
    expect(alice.locator("#notices")).to_contain_text("facilitator has left the room")
