"""Server memory across cycles of many sockets opening and closing (issue 12).

Starts one web process from the Procfile on a database of its own (migrated, seeded with
``seed_demo --rooms N``), opens one socket for each of the 12 members of each of ``--rooms``
rooms, has every socket exchange a message's worth of frames, closes them all, waits until
the server has handled every close, and repeats ``--cycles`` times. It prints the server's
resident memory (RSS) before the first cycle (after one warm-up socket, which loads what a
first socket loads: the screen, the second opinion), with the sockets open, and after they
closed, per cycle.

Memory that a closed socket leaves held shows as "after close" rising from cycle to cycle;
memory the allocator keeps for the next burst shows as a level that the next cycles reuse.

    python benchmarks/socket_memory.py --rooms 25 --cycles 4
    python benchmarks/socket_memory.py --rooms 25 --postgres --redis

It prints figures and never fails on them; it exits non-zero only when something breaks.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import websockets

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "benchmarks"))

from latency import (  # noqa: E402
    BenchError,
    base_env,
    loopback_only,
    postgres_database,
    redis_prefix,
    run_tool,
    sqlite_database,
)
from load import connect_all, rss_kb  # noqa: E402

from tests.e2e.servers import (  # noqa: E402
    LOOPBACK,
    ServerProcess,
    http_request,
    login,
    procfile_argv,
    procfile_command,
)

MEMBERS = 12  # seed_demo's load rooms


async def open_socket(server: ServerProcess, slug: str, cookie: str) -> Any:
    """A welcomed, synced socket."""
    ws = await websockets.connect(
        server.ws_url(slug),
        additional_headers={"Cookie": cookie, "Origin": server.origin},
        open_timeout=60,
        ping_interval=None,
        compression=None,
        proxy=None,
    )
    welcome = json.loads(await ws.recv())
    if welcome.get("type") != "welcome":
        raise BenchError(f"{slug}: expected a welcome, got {welcome.get('type')!r}")
    await ws.send(json.dumps({"type": "sync", "after_seq": welcome["last_seq"]}))
    while json.loads(await ws.recv())["type"] != "synced":
        pass
    return ws


def health(server: ServerProcess) -> dict[str, Any]:
    status, body = http_request(server.base_url, "GET", "/healthz")
    if status != 200:
        raise BenchError(f"/healthz answered {status}")
    return dict(json.loads(body))


async def second_opinion_loaded(server: ServerProcess) -> None:
    """Wait while the second opinion loads in its thread (the first socket starts it): its
    memory and CPU are not what is being measured."""
    for _ in range(600):
        if health(server)["second_opinion"]["status"] != "not loaded":
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)


def socket_counts(server: ServerProcess) -> dict[str, int]:
    """The server's count of its sockets (``/healthz``): open, and consumers in memory."""
    return dict(health(server)["sockets"])


async def health_times(server: ServerProcess, until: asyncio.Future[Any]) -> list[float]:
    """``GET /healthz`` round trips (ms), one after another until ``until`` is done."""
    times: list[float] = []
    while not until.done():
        started = time.monotonic()
        await asyncio.to_thread(health, server)
        times.append((time.monotonic() - started) * 1000)
        await asyncio.sleep(0.2)
    return times


async def one_cycle(
    server: ServerProcess, cookies: list[str], rooms: int
) -> tuple[int, float, float, list[float]]:
    """Open every socket, post once per room, close them all: (RSS open, seconds to open,
    seconds until the server had handled every close, /healthz round trips while the
    sockets opened)."""

    async def opener(i: int) -> Any:
        room, member = divmod(i, MEMBERS)
        return await open_socket(server, f"load-{room + 1}", cookies[member])

    opening = asyncio.ensure_future(connect_all(rooms * MEMBERS, opener, "sockets"))
    health_ms = await health_times(server, opening)
    sockets, opened_in = opening.result()
    for room in range(rooms):
        await sockets[room * MEMBERS].send(
            json.dumps(
                {"type": "send", "client_id": str(uuid.uuid4()), "text": "hello all, thanks"}
            )
        )
    await asyncio.sleep(1.0)  # the message reaches everyone
    held = rss_kb([server.pid])
    started = time.monotonic()
    await asyncio.gather(*(ws.close() for ws in sockets))
    while socket_counts(server)["open"] > 0:
        if time.monotonic() - started > 60:
            raise BenchError("the server still counts open sockets 60 s after they closed")
        await asyncio.sleep(0.1)
    return held, opened_in, time.monotonic() - started, health_ms


async def run(server: ServerProcess, cookies: list[str], args: argparse.Namespace) -> None:
    warm = await open_socket(server, "load-1", cookies[0])
    await warm.close()
    await second_opinion_loaded(server)
    baseline = rss_kb([server.pid])
    total = args.rooms * MEMBERS
    print(f"baseline (after one warm-up socket): {baseline / 1024:.1f} MB", flush=True)
    print(
        "cycle | open MB | after close MB | after close - baseline | consumers in memory "
        "| opened in | closed in | /healthz while opening, p50 / max"
    )
    for cycle in range(1, args.cycles + 1):
        held, opened_in, closed_in, health_ms = await one_cycle(server, cookies, args.rooms)
        await asyncio.sleep(args.settle)
        after = rss_kb([server.pid])
        alive = socket_counts(server)["alive"]
        print(
            f"{cycle:5} | {held / 1024:7.1f} | {after / 1024:14.1f} | "
            f"{(after - baseline) / 1024:+21.1f} | {alive:19} | {opened_in:8.1f}s | "
            f"{closed_in:8.1f}s | {statistics.median(health_ms):.0f} / {max(health_ms):.0f} ms",
            flush=True,
        )
    print(f"({total} sockets per cycle; open memory per socket is (open - baseline) / {total})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=25)
    parser.add_argument("--cycles", type=int, default=4)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after each close")
    parser.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/0")
    args = parser.parse_args(argv)
    print(
        f"socket memory: {args.rooms} rooms x {MEMBERS} members = {args.rooms * MEMBERS} "
        f"sockets, {args.cycles} cycles; {'PostgreSQL' if args.postgres else 'SQLite'} + "
        f"{'Redis' if args.redis else 'in-memory layer'}",
        flush=True,
    )
    with ExitStack() as stack:
        db_env = stack.enter_context(
            postgres_database(loopback_only(args.postgres, "--postgres"))
            if args.postgres
            else sqlite_database()
        )
        redis_env = stack.enter_context(
            redis_prefix(loopback_only(args.redis, "--redis") if args.redis else None)
        )
        password = secrets.token_urlsafe(12)
        env_extra: dict[str, str | None] = {**db_env, **redis_env, "DEMO_PASSWORD": password}
        env = base_env(env_extra, {})
        run_tool(procfile_argv(procfile_command("release"), env), env, "migrate")
        run_tool(
            ["python", "manage.py", "seed_demo", "--force", "--rooms", str(args.rooms)],
            env,
            "seed_demo",
        )
        server = stack.enter_context(ServerProcess(env_extra, bind=LOOPBACK, name="memory"))
        cookies = [login(server, f"loader{m + 1}", password) for m in range(MEMBERS)]
        asyncio.run(run(server, cookies, args))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"socket memory: FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
