"""What the browser tests share: Debian's Chromium driven by Playwright (never a browser
download), a server started from the Procfile on the test database, a small cast of users,
and helpers that act as a person would (log in, type, click by accessible name)."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from groups.models import Group
from tests.conftest import certify, make_group
from tests.e2e.servers import (
    LOOPBACK,
    ServerProcess,
    add_member,
    add_user,
    password_hash,
)

CHROMIUM = Path(os.environ.get("CIRCLES_CHROMIUM", "/usr/bin/chromium"))
PASSWORD = f"browser-{uuid.uuid4().hex}"
SLUG = "browser-circle"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # The machine has no network beyond loopback: keep Chromium from trying.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Browser:
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM} (scripts/ensure-chromium.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class Cast:
    """The group every browser test uses: two members, a newcomer, a facilitator."""

    group: Group
    members: dict[str, str] = field(default_factory=dict)  # username -> pseudonym


def make_cast() -> Cast:
    group = make_group(SLUG)
    hashed = password_hash(PASSWORD)
    cast = Cast(group=group)
    for username, role, accept in [
        ("alice", "member", True),
        ("bob", "member", True),
        ("newcomer", "member", False),
        ("fran", "facilitator", True),
    ]:
        pseudonym = PSEUDONYMS[username]
        membership = add_member(
            group, username, pseudonym, hashed_password=hashed, role=role, accept=accept
        )
        if role == "facilitator":
            certify(membership)
        cast.members[username] = pseudonym
    group.coordinators.add(add_user("coord", hashed_password=hashed))
    return cast


def open_page(
    browser: Browser,
    server: ServerProcess,
    contexts: list[BrowserContext],
    username: str,
    *,
    viewport: dict[str, int] | None = None,
    enter_room: bool = True,
    base_url: str | None = None,
) -> Page:
    """A fresh browser profile logged in as ``username``, in the room unless told not to.

    ``base_url`` reaches the server another way (through a :class:`CuttableProxy`)."""
    context = browser.new_context(
        base_url=base_url or server.base_url, viewport=viewport or DESKTOP
    )
    contexts.append(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()
    if enter_room:
        page.get_by_role("link", name=f"Group {SLUG}").click()
    return page


PSEUDONYMS = {"alice": "Willow", "bob": "River", "newcomer": "Heron", "fran": "Facilitator Fran"}


def enter(
    browser: Browser,
    server: ServerProcess,
    contexts: list[BrowserContext],
    *usernames: str,
    viewport: dict[str, int] | None = None,
) -> list[Page]:
    """Each of ``usernames`` logged in, in the room and connected, in that order."""
    pages = []
    for username in usernames:
        page = open_page(browser, server, contexts, username, viewport=viewport)
        connected(page, PSEUDONYMS[username])
        pages.append(page)
    return pages


def screenshot(page: Page, name: str) -> None:
    """With ``CIRCLES_SCREENSHOTS=<dir>``, save the whole page there as ``name``.png."""
    shots = os.environ.get("CIRCLES_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def connected(page: Page, pseudonym: str) -> None:
    expect(page.locator("#connection")).to_have_text(f"Connected as {pseudonym}")


def send(page: Page, text: str) -> None:
    page.get_by_label("Message", exact=True).fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def message_item(page: Page, text: str) -> Any:
    return page.locator("#messages li.message").filter(has_text=text)


def queue_item(page: Page, text: str) -> Any:
    """A live item of the facilitator's queue (decided ones move to "Done")."""
    return page.locator("#queue-items > li").filter(has_text=text)


def confirm(page: Page) -> None:
    page.get_by_role("dialog").get_by_role("button", name="Confirm").click()


class WebhookReceiver:
    """A local HTTP endpoint that records the coordinators' pages POSTed to it."""

    def __init__(self) -> None:
        received = self.received = []  # type: list[dict[str, Any]]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}/pages"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_until(predicate: Any, *, timeout: float = 10, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


class CuttableProxy:
    """A TCP relay between the browser and the server that the test can break like a
    network: ``cut`` drops every connection and refuses new ones until ``restore``;
    ``freeze`` silently stops relaying on the open connections (a dead socket that never
    closes), while new connections pass."""

    def __init__(self, target_port: int) -> None:
        import socket

        self.target = (LOOPBACK, target_port)
        self.listener = socket.create_server((LOOPBACK, 0))
        self.port = self.listener.getsockname()[1]
        self.base_url = f"http://{LOOPBACK}:{self.port}"
        self.lock = threading.Lock()
        self.pairs: list[tuple[Any, Any, dict[str, bool]]] = []
        self.refusing = False
        self.hanging: list[Any] = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket

        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing:
                with self.lock:
                    self.hanging.append(client)
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            state = {"frozen": False}
            with self.lock:
                self.pairs.append((client, upstream, state))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink, state), daemon=True).start()

    def _pipe(self, source: Any, sink: Any, state: dict[str, bool]) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if not state["frozen"]:
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            # Either side ending ends both (a frozen pair too, once the browser gives up).
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self) -> None:
        """Drop every connection; new ones are accepted and then hang, never answered (a
        connection attempt made while the network is down does not fail fast either)."""
        self.refusing = True
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for client, upstream, _ in pairs:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(2)
                    sock.close()

    def freeze(self) -> None:
        with self.lock:
            for _, _, state in self.pairs:
                state["frozen"] = True

    def restore(self) -> None:
        self.refusing = False

    def close(self) -> None:
        self.closed = True
        self.cut()
        for sock in self.hanging:
            with contextlib.suppress(OSError):
                sock.close()
        self.listener.close()
