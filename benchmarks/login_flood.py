"""What a flood of bad logins does to the room (issue 12).

Starts one web process from the Procfile on a database of its own (migrated, seeded with
``seed_demo --rooms 1``); a member in the room posts a message every 50 ms and times each
``ack``. First quietly, then while ``--logins`` wrong-password logins arrive ``--at-once``
at a time: for one account from one address (the throttle's own case), then for as many
accounts as logins (each under its account limit, from one address). It prints the ack's
p50 / p99 in each phase and its ratio to the quiet phase, how many logins were answered
401 (the password was checked) and 429 (refused without checking), and how long the flood
took.

    python benchmarks/login_flood.py --logins 80 --at-once 40

It prints figures and never fails on them; it exits non-zero only when something breaks.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "benchmarks"))

from latency import BenchError, base_env, percentile, run_tool, sqlite_database  # noqa: E402
from socket_memory import open_socket, second_opinion_loaded  # noqa: E402

from tests.e2e.servers import (  # noqa: E402
    LOOPBACK,
    ServerProcess,
    login,
    procfile_argv,
    procfile_command,
)

SEND_EVERY_SECONDS = 0.05


async def acks_while(ws: Any, until: asyncio.Future[Any]) -> list[float]:
    """Post every ``SEND_EVERY_SECONDS`` until ``until`` is done; each ack's round trip, ms."""
    times: list[float] = []
    while not until.done():
        client_id = str(uuid.uuid4())
        started = time.monotonic()
        await ws.send(json.dumps({"type": "send", "client_id": client_id, "text": "thanks all"}))
        while True:
            frame = json.loads(await ws.recv())
            if frame.get("type") == "ack" and frame.get("client_id") == client_id:
                break
        times.append((time.monotonic() - started) * 1000)
        await asyncio.sleep(SEND_EVERY_SECONDS)
    return times


async def post_login(server: ServerProcess, username: str, content_type: str) -> int:
    """One wrong-password ``POST /api/login`` on its own connection; the status. Plain
    asyncio streams, no threads: the measuring loop must not compete with the flood for
    this process's GIL."""
    body = json.dumps({"username": username, "password": "not-the-password"}).encode()
    reader, writer = await asyncio.open_connection(LOOPBACK, server.port)
    try:
        writer.write(
            b"POST /api/login HTTP/1.1\r\n"
            + f"Host: {LOOPBACK}:{server.port}\r\n".encode()
            + f"Content-Type: {content_type}\r\n".encode()
            + b"X-Forwarded-Proto: https\r\n"  # as the TLS router adds
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 120)
        return int(status_line.split()[1])
    finally:
        writer.close()


async def bad_logins(
    server: ServerProcess, usernames: list[str], at_once: int, content_type: str
) -> Counter[int]:
    gate = asyncio.Semaphore(at_once)
    statuses: Counter[int] = Counter()

    async def one(username: str) -> None:
        async with gate:
            statuses[await post_login(server, username, content_type)] += 1

    await asyncio.gather(*(one(name) for name in usernames))
    return statuses


def report(label: str, times: list[float], quiet: list[float] | None) -> None:
    p50, p99 = percentile(sorted(times), 50), percentile(sorted(times), 99)
    ratio = ""
    if quiet:
        q50, q99 = percentile(sorted(quiet), 50), percentile(sorted(quiet), 99)
        ratio = f"  ({p50 / max(q50, 0.1):.1f}x / {p99 / max(q99, 0.1):.1f}x quiet)"
    print(f"{label:45} acks {len(times):4}  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms{ratio}")


async def run(server: ServerProcess, cookie: str, args: argparse.Namespace) -> None:
    ws = await open_socket(server, "load-1", cookie)
    await second_opinion_loaded(server)
    quiet_for = asyncio.ensure_future(asyncio.sleep(args.quiet))
    quiet = await acks_while(ws, quiet_for)
    report("quiet", quiet, None)
    floods = {
        # The yardstick: as many requests through the same stack that stop at once (415,
        # before the throttle is asked): what any cheap request costs the room.
        "as many requests refused at once (415)": (["loader2"] * args.logins, "text/plain"),
        "one account, one address": (["loader2"] * args.logins, "application/json"),
        "a different account each, one address": (
            [f"nobody-{n}-{secrets.token_hex(3)}" for n in range(args.logins)],
            "application/json",
        ),
    }
    for label, (names, content_type) in floods.items():
        started = time.monotonic()
        flood = asyncio.ensure_future(bad_logins(server, names, args.at_once, content_type))
        during = await acks_while(ws, flood)
        statuses = flood.result()
        report(f"during {label}", during, quiet)
        print(
            f"  {sum(statuses.values())} logins in {time.monotonic() - started:.1f} s: "
            + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        )
        # The address is locked out for a while after the first flood; the second flood
        # shows what a locked-out address costs.
    await ws.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logins", type=int, default=80)
    parser.add_argument("--at-once", type=int, default=40)
    parser.add_argument("--quiet", type=float, default=5.0, help="seconds of the quiet phase")
    args = parser.parse_args(argv)
    print(
        f"login flood: {args.logins} bad logins, {args.at_once} at once, against one web "
        "process (SQLite, in-memory layer) while a member posts every 50 ms",
        flush=True,
    )
    with ExitStack() as stack:
        db_env = stack.enter_context(sqlite_database())
        password = secrets.token_urlsafe(12)
        env_extra: dict[str, str | None] = {
            **db_env,
            "REDIS_URL": None,
            "DEMO_PASSWORD": password,
            "CIRCLES_RATE_LIMIT_MESSAGES": "100000",
        }
        env = base_env(env_extra, {})
        run_tool(procfile_argv(procfile_command("release"), env), env, "migrate")
        run_tool(["python", "manage.py", "seed_demo", "--force", "--rooms", "1"], env, "seed_demo")
        server = stack.enter_context(ServerProcess(env_extra, bind=LOOPBACK, name="flood"))
        cookie = login(server, "loader1", password)
        asyncio.run(run(server, cookie, args))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"login flood: FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
