"""Rooms x members under load, against a bare Channels relay in the same run (issue 9).

Starts ``--processes`` web processes from the Procfile on a database and Redis prefix of
their own (migrated, seeded with ``seed_demo --rooms N``), connects ``--members`` members to
each of ``--rooms`` rooms, spread over the processes, and has every room post
``--rate`` messages a second (members taking turns) for ``--seconds``. Then it does the same
against ``benchmarks/bare_relay.py`` (the Channels tutorial's shape: no auth, no database, no
screen, no ordering) on the same channel layer. It prints, for each:

- connections and connects/s (handshake plus, for Circles, welcome and sync);
- messages/s in and deliveries/s out;
- send → last receiver p50 / p95 / p99 / max in ms;
- lost and duplicated deliveries (by ``seq`` for Circles, by message key for the relay);
- server memory per connection (RSS of the server processes, after minus before).

It prints figures and never fails on timing; it exits non-zero only when something breaks.
Only 127.0.0.1 is contacted.

    python benchmarks/load.py --rooms 40 --postgres --redis
    python benchmarks/load.py --rooms 80 --seconds 30 --json /tmp/load-80.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from contextlib import ExitStack, suppress
from dataclasses import asdict, dataclass, field
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

from tests.e2e.servers import (  # noqa: E402
    LOOPBACK,
    ServerProcess,
    free_port,
    login,
    procfile_argv,
    procfile_command,
    venv_bin,
)

CONNECT_CONCURRENCY = 40
DRAIN_SECONDS = 8.0


@dataclass
class Result:
    label: str
    connections: int = 0
    connect_seconds: float = 0.0
    sent: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: int = 0
    send_seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    # (seconds since the first send, latency ms) of each fully delivered message.
    timeline: list[tuple[float, float]] = field(default_factory=list)
    memory_kb_per_connection: float = 0.0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        body = asdict(self)
        body.pop("latencies_ms")
        body.pop("timeline")
        body["p99_ms_by_window"] = self.p99_by_window()
        body.update(
            connects_per_s=round(self.connections / self.connect_seconds, 1)
            if self.connect_seconds
            else None,
            messages_per_s=round(self.sent / self.send_seconds, 1) if self.send_seconds else None,
            deliveries_per_s=round(self.delivered / self.send_seconds, 1)
            if self.send_seconds
            else None,
            p50_ms=pct(lat, 50),
            p95_ms=pct(lat, 95),
            p99_ms=pct(lat, 99),
            max_ms=round(lat[-1], 1) if lat else None,
        )
        return body

    def p99_by_window(self, seconds: float = 5.0) -> list[float | None]:
        """p99 of the messages sent in each ``seconds`` of the run: a stall shows as one bad
        window, saturation as every window getting worse."""
        windows: dict[int, list[float]] = defaultdict(list)
        for offset, latency in self.timeline:
            windows[int(offset // seconds)].append(latency)
        last = max(windows, default=-1)
        return [pct(sorted(windows.get(i, [])), 99) for i in range(last + 1)]


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return round(values[index], 1)


def rss_kb(pids: list[int]) -> int:
    """Resident memory of the processes and their children (daphne forks nothing; a
    Procfile line run through a shell would)."""
    total = 0
    for pid in pids:
        for candidate in [pid, *children(pid)]:
            with suppress(OSError), open(f"/proc/{candidate}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    return total


def children(pid: int) -> list[int]:
    with suppress(OSError), open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(c) for c in f.read().split()]
    return []


class Tracker:
    """When each message was sent, and when and how often each receiver got it."""

    def __init__(self, receivers_per_room: int) -> None:
        self.receivers = receivers_per_room
        self.sent_at: dict[str, float] = {}
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.seen: dict[tuple[int, str], int] = defaultdict(int)

    def sent(self, key: str) -> None:
        self.sent_at[key] = time.monotonic()

    def arrived(self, client: int, key: str) -> None:
        self.seen[(client, key)] += 1
        if self.seen[(client, key)] == 1:
            self.arrivals[key].append(time.monotonic())

    def fill(self, result: Result) -> None:
        result.sent = len(self.sent_at)
        first = min(self.sent_at.values(), default=0.0)
        for key, at in self.sent_at.items():
            got = self.arrivals.get(key, [])
            result.delivered += len(got)
            result.lost += max(0, self.receivers - len(got))
            if len(got) == self.receivers:
                result.latencies_ms.append((max(got) - at) * 1000)
                result.timeline.append((at - first, (max(got) - at) * 1000))
        result.duplicated = sum(count - 1 for count in self.seen.values() if count > 1)


async def connect_all(
    count: int, opener: Callable[[int], Awaitable[Any]], progress: str
) -> tuple[list[Any], float]:
    """Open ``count`` connections, ``CONNECT_CONCURRENCY`` at a time; (clients, seconds)."""
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    done = 0

    async def one(i: int) -> Any:
        nonlocal done
        async with gate:
            client = await opener(i)
            done += 1
            if done % 200 == 0:
                print(f"  {progress}: {done}/{count} connected", flush=True)
            return client

    started = time.monotonic()
    clients = await asyncio.gather(*(one(i) for i in range(count)))
    return list(clients), time.monotonic() - started


async def drive(
    *,
    rooms: int,
    members: int,
    rate: float,
    seconds: float,
    send: Callable[[int, int, str], Awaitable[None]],
    tracker: Tracker,
    label: str,
) -> float:
    """Each room posts ``rate`` messages a second, its members taking turns."""
    started = time.monotonic()

    async def room_loop(room: int) -> None:
        interval = 1.0 / rate
        # Rooms start out of phase, as real rooms would.
        await asyncio.sleep(interval * (room / rooms))
        k = 0
        next_at = time.monotonic()
        while time.monotonic() - started < seconds:
            key = f"{room}:{k}"
            tracker.sent(key)
            await send(room, k % members, key)
            k += 1
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def progress() -> None:
        while True:
            await asyncio.sleep(5)
            delivered = sum(len(v) for v in tracker.arrivals.values())
            print(
                f"  {label}: t={time.monotonic() - started:4.0f}s sent {len(tracker.sent_at)} "
                f"delivered {delivered}",
                flush=True,
            )

    reporter = asyncio.ensure_future(progress())
    try:
        await asyncio.gather(*(room_loop(r) for r in range(rooms)))
        elapsed = time.monotonic() - started
        await asyncio.sleep(DRAIN_SECONDS)
    finally:
        reporter.cancel()
    return elapsed


# --- Circles -----------------------------------------------------------------------------


async def drive_and_collect(
    args: argparse.Namespace,
    clients: list[Any],
    readers: list[asyncio.Future[None]],
    send: Callable[[int, int, str], Awaitable[None]],
    tracker: Tracker,
    result: Result,
) -> Result:
    """Post at the load's rate, then stop reading, close every client, and count."""
    result.send_seconds = await drive(
        rooms=args.rooms,
        members=args.members,
        rate=args.rate,
        seconds=args.seconds,
        send=send,
        tracker=tracker,
        label=result.label,
    )
    for task in readers:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in clients), return_exceptions=True)
    tracker.fill(result)
    return result


async def run_circles(
    args: argparse.Namespace, servers: list[ServerProcess], cookies: list[str]
) -> Result:
    result = Result("circles")
    tracker = Tracker(args.members)
    total = args.rooms * args.members
    before = rss_kb([s.pid for s in servers])

    async def open_client(i: int) -> Any:
        room, member = divmod(i, args.members)
        server = servers[i % len(servers)]
        ws = await websockets.connect(
            server.ws_url(f"load-{room + 1}"),
            additional_headers={"Cookie": cookies[member], "Origin": server.origin},
            open_timeout=60,
            ping_interval=None,
            max_queue=None,
            compression=None,
            proxy=None,
        )
        welcome = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "sync", "after_seq": welcome["last_seq"]}))
        while json.loads(await ws.recv())["type"] != "synced":
            pass
        return ws

    clients, result.connect_seconds = await connect_all(total, open_client, "circles")
    result.connections = total
    result.memory_kb_per_connection = round((rss_kb([s.pid for s in servers]) - before) / total, 1)

    async def reader(i: int, ws: Any) -> None:
        with suppress(websockets.ConnectionClosed):
            async for raw in ws:
                frame = json.loads(raw)
                if frame.get("type") == "message":
                    tracker.arrived(i, frame["text"].split(" ", 2)[1])
                elif frame.get("type") == "error":
                    print(f"  circles: error frame {frame.get('code')}", flush=True)

    readers = [asyncio.ensure_future(reader(i, ws)) for i, ws in enumerate(clients)]

    async def send(room: int, member: int, key: str) -> None:
        ws = clients[room * args.members + member]
        await ws.send(
            json.dumps(
                {"type": "send", "client_id": str(uuid.uuid4()), "text": f"load {key} thanks all"}
            )
        )

    return await drive_and_collect(args, clients, readers, send, tracker, result)


# --- The bare relay ----------------------------------------------------------------------


def start_relay(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    relay_env = {**env, "PYTHONPATH": str(PROJECT_DIR)}
    relay_env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen(
        [
            str(venv_bin() / "daphne"),
            "-b",
            LOOPBACK,
            "-p",
            str(port),
            "benchmarks.bare_relay:application",
        ],
        cwd=PROJECT_DIR,
        env=relay_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=0.5):
            return proc, port
        time.sleep(0.1)
    proc.kill()
    raise BenchError("the bare relay did not start")


async def run_relay(args: argparse.Namespace, relays: list[tuple[Any, int]]) -> Result:
    result = Result("bare relay")
    tracker = Tracker(args.members)
    total = args.rooms * args.members
    before = rss_kb([proc.pid for proc, _ in relays])

    async def open_client(i: int) -> Any:
        room = i // args.members
        _, port = relays[i % len(relays)]
        return await websockets.connect(
            f"ws://{LOOPBACK}:{port}/ws/relay/{room}/",
            open_timeout=60,
            ping_interval=None,
            max_queue=None,
            compression=None,
            proxy=None,
        )

    clients, result.connect_seconds = await connect_all(total, open_client, "bare relay")
    result.connections = total
    result.memory_kb_per_connection = round(
        (rss_kb([proc.pid for proc, _ in relays]) - before) / total, 1
    )

    async def reader(i: int, ws: Any) -> None:
        with suppress(websockets.ConnectionClosed):
            async for raw in ws:
                tracker.arrived(i, json.loads(raw)["k"])

    readers = [asyncio.ensure_future(reader(i, ws)) for i, ws in enumerate(clients)]

    async def send(room: int, member: int, key: str) -> None:
        await clients[room * args.members + member].send(json.dumps({"k": key}))

    return await drive_and_collect(args, clients, readers, send, tracker, result)


# --- Running -----------------------------------------------------------------------------


def report(result: Result) -> None:
    s = result.summary()
    print(
        f"{s['label']:>10}: {s['connections']} connections at {s['connects_per_s']}/s; "
        f"{s['messages_per_s']} msg/s in, {s['deliveries_per_s']} deliveries/s out; "
        f"send → last receiver p50 {s['p50_ms']} / p95 {s['p95_ms']} / p99 {s['p99_ms']} / "
        f"max {s['max_ms']} ms; lost {s['lost']}, duplicated {s['duplicated']}; "
        f"{s['memory_kb_per_connection']} KB per connection",
        flush=True,
    )
    windows = " / ".join("-" if p is None else f"{p:g}" for p in s["p99_ms_by_window"])
    print(f"{'':>10}  p99 ms of the messages sent in each 5 s: {windows}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=40)
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--rate", type=float, default=1.25, help="messages/s per room")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/0")
    parser.add_argument("--only", choices=["circles", "relay"])
    parser.add_argument(
        "--layer",
        choices=["core", "pubsub"],
        default="pubsub",
        help="channels-redis layer for both servers (CIRCLES_CHANNEL_LAYER)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.members > 12:
        parser.error("seed_demo's load rooms have 12 members")
    if not args.redis and args.processes > 1:
        print("(no --redis: one process, the in-memory layer cannot span processes)")
        args.processes = 1
    print(
        f"load: {args.rooms} rooms x {args.members} members = {args.rooms * args.members} "
        f"connections on {args.processes} process(es), {args.rate * args.rooms:g} msg/s for "
        f"{args.seconds:g} s; {'PostgreSQL' if args.postgres else 'SQLite'} + "
        f"{f'Redis ({args.layer} layer)' if args.redis else 'in-memory layer'}; "
        f"cpus {os.cpu_count()}",
        flush=True,
    )
    results: list[Result] = []
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
        env_extra: dict[str, str | None] = {
            **db_env,
            **redis_env,
            "DEMO_PASSWORD": password,
            "CIRCLES_RATE_LIMIT_MESSAGES": "100000",
            "CIRCLES_CHANNEL_LAYER": args.layer,
        }
        env = base_env(env_extra, {})
        if args.only != "relay":
            run_tool(procfile_argv(procfile_command("release"), env), env, "migrate")
            run_tool(
                ["python", "manage.py", "seed_demo", "--force", "--rooms", str(args.rooms)],
                env,
                "seed_demo",
            )
            servers = [
                stack.enter_context(ServerProcess(env_extra, bind=LOOPBACK, name=f"load{i}"))
                for i in range(args.processes)
            ]
            cookies = [login(servers[0], f"loader{m + 1}", password) for m in range(args.members)]
            results.append(asyncio.run(run_circles(args, servers, cookies)))
            report(results[-1])
            for server in servers:
                server.close()
        if args.only != "circles":
            relays = [start_relay(env) for _ in range(args.processes)]
            try:
                results.append(asyncio.run(run_relay(args, relays)))
                report(results[-1])
            finally:
                for proc, _ in relays:
                    proc.kill()
                    proc.wait(10)
    if len(results) == 2 and results[0].latencies_ms and results[1].latencies_ms:
        ours, bare = (r.summary() for r in results)
        print(
            f"ratio circles / bare relay: p50 {ours['p50_ms'] / max(bare['p50_ms'], 0.1):.1f}x, "
            f"p99 {ours['p99_ms'] / max(bare['p99_ms'], 0.1):.1f}x, connects/s "
            f"{ours['connects_per_s'] / bare['connects_per_s']:.2f}x"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "results": [r.summary() for r in results],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"load: FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
