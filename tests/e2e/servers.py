"""Real server processes for end-to-end tests and benchmarks, and a small outside client.

A server is started exactly as a platform would start it: the ``web:`` line of the
Procfile, with ``$PORT`` substituted, run from the project directory with the virtualenv's
``bin`` first on ``PATH``. Its environment is this process's environment plus the database
settings that make it use the *same* database as the caller (the test database under
pytest), so data a test creates is what the server serves.

The client talks to the server only over loopback sockets: HTTP (``http.client``, never
an environment proxy) to log in, and the ``websockets`` library for the room.

Nothing here imports Django at module level: the benchmark uses it without settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.client import ClientProtocol
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State
from websockets.typing import Origin
from websockets.uri import parse_uri

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROCFILE = PROJECT_DIR / "Procfile"
LOOPBACK = "127.0.0.1"
SESSION_COOKIE_NAME = "sessionid"
# Frames that come and go on their own; most checks look past them.
CHATTER = frozenset({"presence", "typing", "heartbeat"})
ARRIVAL_NOTICES = frozenset({"lobby", "no_facilitator"})

# Characters that would need a shell to mean what they say in a Procfile line.
_SHELL_SYNTAX = set(";&|<>`()")


class ServerStartError(RuntimeError):
    """The server process exited, or never answered /healthz in time."""


def venv_bin() -> Path:
    """The project's virtualenv ``bin`` directory (the running interpreter's as a fallback)."""
    candidate = PROJECT_DIR / ".venv" / "bin"
    return candidate if candidate.is_dir() else Path(sys.executable).parent


# --- Procfile -------------------------------------------------------------------------


def procfile_command(process_type: str = "web", procfile: Path = PROCFILE) -> str:
    """The command of one process type (``web``, ``release``, ...) in the Procfile."""
    for raw in procfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, command = line.partition(":")
        if sep and name.strip() == process_type:
            return command.strip()
    raise LookupError(f"{procfile} has no {process_type!r} line")


def procfile_argv(command: str, env: Mapping[str, str]) -> list[str]:
    """Split a Procfile command into argv, substituting ``$VAR`` / ``${VAR}`` from ``env``.

    Only what a plain command line needs is supported; shell syntax (pipes, ``&&``,
    redirections) is refused loudly rather than run differently from a real platform.
    """
    argv = shlex.split(command)
    if not argv:
        raise ValueError("empty Procfile command")
    for arg in argv:
        if set(arg) & _SHELL_SYNTAX:
            raise ValueError(f"Procfile command needs a shell ({arg!r}): not supported here")
    try:
        return [string.Template(arg).substitute(env) for arg in argv]
    except KeyError as exc:
        raise ValueError(f"Procfile command uses ${exc.args[0]}, which is not set") from exc


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


# --- Which database the server must use --------------------------------------------------


_SERVER_SECRET_KEY = secrets.token_urlsafe(50)


def shared_database_env() -> dict[str, str | None]:
    """Environment that points a server at the database Django is using in *this* process.

    Under pytest that is the test database (call after ``django_db_setup``): for SQLite the
    test database file (``CIRCLES_SQLITE_PATH``), for PostgreSQL ``DATABASE_URL`` with the
    test database's name. ``None`` values are removed from the server's environment.
    """
    from django.db import connection

    settings_dict = connection.settings_dict
    name = str(settings_dict["NAME"])
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db() or name in {"", ":memory:"}:
            raise RuntimeError(
                "the test database is SQLite in memory, which a server process cannot share; "
                "set CIRCLES_SQLITE_TEST_PATH to a file (scripts/test.sh does)"
            )
        return {"CIRCLES_SQLITE_PATH": name, "DATABASE_URL": None}
    if connection.vendor == "postgresql":
        base = os.environ.get("DATABASE_URL", "")
        if not base:
            raise RuntimeError("PostgreSQL is in use but DATABASE_URL is not set")
        return {"DATABASE_URL": with_database_name(base, name)}
    raise RuntimeError(f"unsupported database vendor {connection.vendor!r}")


def with_database_name(url: str, name: str) -> str:
    """``url`` with its path (the database name) replaced by ``name``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(name)))


# --- The server process ------------------------------------------------------------------


class ServerProcess:
    """One server started from a Procfile line; use as a context manager.

    ``env`` entries are added to (``None``: removed from) this process's environment.
    ``bind`` replaces the Procfile's ``-b`` address (the benchmark binds loopback only);
    by default the Procfile line runs as written. Output (stdout and stderr) goes to one
    temporary file, kept across restarts, readable with :meth:`log_text`.
    """

    def __init__(
        self,
        env: Mapping[str, str | None] | None = None,
        *,
        port: int | None = None,
        process_type: str = "web",
        bind: str | None = None,
        name: str = "web",
        start_timeout: float = 30.0,
    ) -> None:
        self.port = port or free_port()
        self.process_type = process_type
        self.bind = bind
        self.name = name
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = self._build_env(env or {})
        self.argv = self._build_argv()
        fd, path = tempfile.mkstemp(prefix=f"circles-{name}-", suffix=".log")
        os.close(fd)
        self.log_path = Path(path)

    def _build_env(self, extra: Mapping[str, str | None]) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        env["PORT"] = str(self.port)
        # A production server refuses the development key (server/production.py).
        env.setdefault("SECRET_KEY", _SERVER_SECRET_KEY)
        env["PATH"] = os.pathsep.join([str(venv_bin()), env.get("PATH", os.defpath)])
        env["VIRTUAL_ENV"] = str(venv_bin().parent)
        # Line-by-line output, so the log is complete the moment something happened.
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def _build_argv(self) -> list[str]:
        argv = procfile_argv(procfile_command(self.process_type), self.env)
        if self.bind is not None:
            for flag in ("-b", "--bind"):
                if flag in argv[:-1]:
                    argv[argv.index(flag) + 1] = self.bind
        return argv

    # URLs ---------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def origin(self) -> str:
        """An Origin a browser on this site would send."""
        return self.base_url

    def ws_url(self, slug: str) -> str:
        return f"ws://{LOOPBACK}:{self.port}/ws/groups/{slug}/"

    # Life cycle ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int:
        assert self.proc is not None, "server not started"
        return self.proc.pid

    def start(self) -> ServerProcess:
        """Start the process and wait (bounded) until ``GET /healthz`` answers 200."""
        if self.running:
            raise RuntimeError(f"server {self.name} is already running")
        executable = self.argv[0]
        if os.sep not in executable:
            found = shutil.which(executable, path=self.env["PATH"])
            if found is None:
                raise ServerStartError(f"{executable!r} (Procfile) is not on PATH")
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=PROJECT_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: a Ctrl-C in the terminal reaches us, not it, so
                # shutting it down stays under our control.
                start_new_session=True,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise ServerStartError(
                    f"server {self.name} ({' '.join(self.argv)}) exited with code "
                    f"{self.proc.returncode} before answering /healthz; its output:\n"
                    f"{self.log_tail()}"
                )
            try:
                status, body = http_request(self.base_url, "GET", "/healthz", timeout=3)
                if status == 200:
                    return
                last_error = f"HTTP {status}: {body[:300]!r}"
            except OSError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            time.sleep(0.1)
        raise ServerStartError(
            f"server {self.name} ({' '.join(self.argv)}) did not answer /healthz with 200 "
            f"within {self.start_timeout:.0f}s (last: {last_error}); its output:\n"
            f"{self.log_tail()}"
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate (SIGTERM, then SIGKILL after ``timeout``) and reap the process."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)

    def kill(self) -> None:
        """``kill -9``: no shutdown, no cleanup, exactly like a crashed host."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def restart(self) -> ServerProcess:
        """Start again on the same port (after :meth:`stop` or :meth:`kill`)."""
        self.stop()
        return self.start()

    def close(self) -> None:
        """Stop the process and delete its log (kept with ``CIRCLES_E2E_KEEP_LOGS=1``)."""
        try:
            self.stop()
        finally:
            if os.environ.get("CIRCLES_E2E_KEEP_LOGS") == "1":
                print(f"server {self.name} log kept: {self.log_path}", file=sys.stderr)
            else:
                with contextlib.suppress(OSError):
                    self.log_path.unlink()

    def __enter__(self) -> ServerProcess:
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Output ---------------------------------------------------------------------------------
    def log_text(self) -> str:
        """Everything the process wrote to stdout and stderr so far (all starts)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, chars: int = 6000) -> str:
        text = self.log_text()
        return text if len(text) <= chars else "...\n" + text[-chars:]


@contextlib.contextmanager
def running_server(
    env: Mapping[str, str | None] | None = None, **kwargs: Any
) -> Iterator[ServerProcess]:
    """Start a server from the Procfile; always stop it on the way out."""
    server = ServerProcess(env, **kwargs)
    try:
        server.start()
        yield server
    finally:
        server.close()


@contextlib.contextmanager
def running_servers(
    count: int, env: Mapping[str, str | None] | None = None
) -> Iterator[list[ServerProcess]]:
    """Start ``count`` servers at once (in parallel, so start-up is paid once)."""
    servers = [ServerProcess(env, name=f"web{i + 1}") for i in range(count)]
    try:
        errors: list[BaseException] = []

        def _start(server: ServerProcess) -> None:
            try:
                server.start()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=_start, args=(s,)) for s in servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        yield servers
    finally:
        for server in servers:
            server.close()


# --- HTTP -------------------------------------------------------------------------------


def http_request(
    base_url: str,
    method: str,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 10,
) -> tuple[int, str]:
    """One plain HTTP request to a loopback server; returns (status, body text)."""
    status, text, _ = _http(base_url, method, path, body=body, headers=headers, timeout=timeout)
    return status, text


def _http(
    base_url: str,
    method: str,
    path: str,
    *,
    body: dict[str, Any] | None,
    headers: Mapping[str, str] | None,
    timeout: float,
) -> tuple[int, str, http.client.HTTPResponse]:
    parts = urlsplit(base_url)
    if parts.hostname != LOOPBACK:
        raise ValueError(f"refusing to talk to {parts.hostname!r}: loopback only")
    conn = http.client.HTTPConnection(LOOPBACK, parts.port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body).encode()
        all_headers = {"Accept": "application/json", **(headers or {})}
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        conn.request(method, path, body=payload, headers=all_headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return response.status, text, response
    finally:
        conn.close()


class LoginFailed(AssertionError):
    pass


def login(server: ServerProcess | str, username: str, password: str) -> str:
    """``POST /api/login``; returns the ``Cookie`` header value carrying the session.

    With ``DJANGO_DEBUG`` off the server redirects plain HTTP to HTTPS, as it should behind
    a TLS-terminating router, so the request carries the ``X-Forwarded-Proto: https`` that
    such a router adds (``SECURE_PROXY_SSL_HEADER``).
    """
    base_url = server.base_url if isinstance(server, ServerProcess) else server
    status, text, response = _http(
        base_url,
        "POST",
        "/api/login",
        body={"username": username, "password": password},
        headers={"X-Forwarded-Proto": "https"},
        timeout=15,
    )
    if status != 200:
        raise LoginFailed(f"login as {username!r} answered {status}: {text[:300]}")
    cookies: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if SESSION_COOKIE_NAME not in cookies:
        raise LoginFailed(f"login as {username!r} set no {SESSION_COOKIE_NAME} cookie")
    return f"{SESSION_COOKIE_NAME}={cookies[SESSION_COOKIE_NAME].value}"


# --- WebSocket room client -------------------------------------------------------------------


class RoomClient:
    """An outside client of ``/ws/groups/<slug>/`` over a real socket.

    Frames are read in order; a frame skipped while looking for another type is kept and
    returned by a later :meth:`recv_type`, so nothing is silently dropped.
    """

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.pending: list[dict[str, Any]] = []
        self.welcome: dict[str, Any] = {}

    @classmethod
    async def open(
        cls,
        server: ServerProcess,
        slug: str,
        *,
        cookie: str | None,
        origin: str | None = "",
        timeout: float = 10,
    ) -> RoomClient:
        """Open the websocket (handshake only). ``origin=""`` means the server's own origin,
        ``None`` sends no Origin header at all."""
        headers: dict[str, str] = {}
        if cookie:
            headers["Cookie"] = cookie
        if origin == "":
            origin = server.origin
        if origin is not None:
            headers["Origin"] = origin
        ws = await websockets.connect(
            server.ws_url(slug),
            additional_headers=headers,
            open_timeout=timeout,
            proxy=None,  # loopback only, whatever the environment says
            ping_interval=None,
            max_queue=None,
            compression=None,
        )
        return cls(ws)

    @classmethod
    async def join(
        cls,
        server: ServerProcess,
        slug: str,
        *,
        cookie: str,
        sync: bool = True,
        timeout: float = 10,
    ) -> RoomClient:
        """Open, read the ``welcome``, and (``sync``) catch up from it so live messages flow."""
        client = await cls.open(server, slug, cookie=cookie, timeout=timeout)
        client.welcome = await client.recv_type("welcome", timeout=timeout)
        if sync:
            await client.sync_all(client.welcome["last_seq"])
        return client

    async def send(self, frame: dict[str, Any] | str) -> None:
        await self.ws.send(frame if isinstance(frame, str) else json.dumps(frame))

    async def recv(self, timeout: float = 10) -> dict[str, Any]:
        """The next frame off the socket (cancelling ``recv`` is safe in ``websockets``)."""
        raw = await asyncio.wait_for(self.ws.recv(), timeout)
        frame = json.loads(raw)
        assert isinstance(frame, dict) and "type" in frame, frame
        return frame

    async def recv_type(self, frame_type: str, timeout: float = 10) -> dict[str, Any]:
        """The next frame of ``frame_type``; other frames seen meanwhile are kept."""
        for index, frame in enumerate(self.pending):
            if frame["type"] == frame_type:
                return self.pending.pop(index)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise TimeoutError(f"no {frame_type!r} frame within {timeout}s")
            frame = await self.recv(left)
            if frame["type"] == frame_type:
                return frame
            self.pending.append(frame)

    async def messages(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        """The next ``count`` ``message`` frames, in the order they arrived."""
        return [await self.recv_type("message", timeout) for _ in range(count)]

    async def sync(self, after_seq: int | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """One ``sync``: its ``message`` frames and its ``synced`` frame."""
        await self.send({"type": "sync", "after_seq": after_seq})
        messages: list[dict[str, Any]] = []
        while True:
            frame = await self.recv()
            if frame["type"] == "message":
                messages.append(frame)
            elif frame["type"] == "synced":
                return messages, frame
            else:
                self.pending.append(frame)

    async def sync_all(self, after_seq: int | None) -> list[dict[str, Any]]:
        """Sync until ``complete``; every message frame received on the way."""
        messages, synced = await self.sync(after_seq)
        while not synced["complete"]:
            more, synced = await self.sync(synced["last_seq"])
            messages += more
        return messages

    async def post(
        self, text: str, client_id: str | None = None, timeout: float = 10
    ) -> dict[str, Any]:
        """Send a message and return its ``ack``."""
        client_id = client_id or str(uuid.uuid4())
        await self.send({"type": "send", "client_id": client_id, "text": text})
        return await self.recv_type("ack", timeout)

    def unread(self, *, ignore: frozenset[str] = CHATTER) -> list[dict[str, Any]]:
        """Frames received but not yet taken, except chatter (and the notices a member gets
        on arrival: lobby, no facilitator in the room)."""
        return [
            f
            for f in self.pending
            if f["type"] not in ignore
            and not (f["type"] == "notice" and f.get("code") in ARRIVAL_NOTICES)
        ]

    async def wait_closed(self, timeout: float = 10) -> tuple[int | None, list[dict[str, Any]]]:
        """Read until the server closes; (close code, frames received before the close)."""
        frames: list[dict[str, Any]] = list(self.pending)
        self.pending.clear()
        deadline = asyncio.get_running_loop().time() + timeout
        try:
            while True:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    raise TimeoutError(f"the server did not close within {timeout}s")
                frames.append(await self.recv(left))
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd is not None else None
            return code, frames

    async def presence_until(
        self, predicate: Callable[[list[str]], bool], timeout: float = 10
    ) -> list[str]:
        """Pseudonyms of the first ``presence`` frame (in order) that satisfies ``predicate``."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            frame = await self.recv_type("presence", timeout=max(left, 0.001))
            here = [p["pseudonym"] for p in frame["here"]]
            if predicate(here):
                return here

    async def close(self) -> None:
        """Close cleanly: close frame, the server's answer, then the TCP connection."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(), 5)

    async def drop(self) -> None:
        """Drop the TCP connection without a closing handshake (a lost network)."""
        with contextlib.suppress(Exception):
            self.ws.transport.abort()
            await asyncio.wait_for(self.ws.wait_closed(), 5)


class StalledClient:
    """A websocket client that never reads after the handshake, like a phone on a network
    that stopped delivering: what the server sends piles up in the socket buffers and then
    in the server's own write buffer. Blocking socket, ``websockets``' sans-I/O protocol."""

    def __init__(self, server: ServerProcess, slug: str, *, cookie: str) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # A small receive window, so the server's writes back up sooner.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.settimeout(10)
        self.sock.connect((LOOPBACK, server.port))
        self.protocol = ClientProtocol(parse_uri(server.ws_url(slug)), origin=Origin(server.origin))
        request = self.protocol.connect()
        request.headers["Cookie"] = cookie
        self.protocol.send_request(request)
        self._flush()
        while self.protocol.state is State.CONNECTING:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the connection during the handshake")
            self.protocol.receive_data(data)
        if self.protocol.handshake_exc is not None:
            raise self.protocol.handshake_exc

    def _flush(self) -> None:
        self.sock.sendall(b"".join(self.protocol.data_to_send()))

    def send(self, frame: dict[str, Any]) -> None:
        self.protocol.send_text(json.dumps(frame).encode())
        self._flush()

    def send_close(self) -> None:
        """Start the closing handshake (whose answer this client will never read)."""
        self.protocol.send_close(1000)
        self._flush()

    def close(self) -> None:
        self.sock.close()


# --- Test data a server can log in with ------------------------------------------------------


def password_hash(password: str) -> str:
    """``password`` hashed with the server's preferred hasher (PBKDF2, full iterations).

    The test process hashes with MD5 for speed (tests/conftest.py), which the server, with
    its production hashers, does not accept; hashing once and reusing the hash keeps the
    cost to one hash per run.
    """
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt())


def add_member(
    group: Any,
    username: str,
    pseudonym: str,
    *,
    hashed_password: str,
    role: str = "member",
    accept: bool = True,
) -> Any:
    """A user who can log in to the server (``hashed_password``) and a membership of ``group``."""
    from django.contrib.auth.models import User

    from tests.conftest import make_member

    if not User.objects.filter(username=username).exists():
        User.objects.create(username=username, password=hashed_password)
    return make_member(group, username, pseudonym=pseudonym, role=role, accept=accept)


def add_user(username: str, *, hashed_password: str) -> Any:
    """A user who can log in and belongs to no group."""
    from django.contrib.auth.models import User

    return User.objects.create(username=username, password=hashed_password)


def wait_for_disconnects(
    *, exclude: set[str] | frozenset[str] = frozenset(), timeout: float = 15
) -> None:
    """Wait until the servers have finished handling every closed connection.

    A server handles a close after the client has gone (it deletes the connection's
    presence row), so a test that ends right after closing its clients would race the
    database flush that follows it. Rows of connections whose process was killed never
    go away by themselves: pass their channel names in ``exclude``.
    """
    from groups.models import RoomConnection

    deadline = time.monotonic() + timeout
    while True:
        left = list(
            RoomConnection.objects.exclude(channel_name__in=exclude).values(
                "channel_name", "membership__pseudonym", "connected_at", "last_seen"
            )
        )
        if not left:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{len(left)} closed connection(s) still present after {timeout}s, "
                f"the server never handled their close: {left}"
            )
        time.sleep(0.05)
