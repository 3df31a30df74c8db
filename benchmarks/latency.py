"""Send → receive latency of the room on loopback (``make bench``).

Starts the server from the Procfile's ``web:`` line (bound to 127.0.0.1) on a database of
its own, migrated with the Procfile's ``release:`` line and seeded with ``seed_demo``;
connects a sender (member1) and a receiver (member2) to the demo room; sends messages one
at a time, each only after the receiver got the previous one; prints p50 / p99 / max of
send → receive (and send → ack) in milliseconds. It prints figures and never fails on
timing; it exits non-zero only when something breaks (a message that never arrives).

    python benchmarks/latency.py                 SQLite file + in-memory channel layer
    python benchmarks/latency.py --postgres --redis
    python benchmarks/latency.py --postgres postgres://postgres@127.0.0.1:5432 --redis redis://127.0.0.1:6379/0

``--postgres``/``--redis`` without a URL, or DATABASE_URL/REDIS_URL in the environment,
name the servers to use; the benchmark creates its own database and Redis key prefix on
them and removes both afterwards. Only 127.0.0.1 is ever contacted.

With Redis it measures each channels-redis layer the settings can select with
``CIRCLES_CHANNEL_LAYER`` (``--layers core,pubsub``): ``RedisChannelLayer`` and
``RedisPubSubChannelLayer``, each on a fresh database and prefix; a layer the settings do
not select is reported as skipped, never measured under the wrong name.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from tests.e2e.servers import (  # noqa: E402
    LOOPBACK,
    RoomClient,
    ServerProcess,
    login,
    procfile_argv,
    procfile_command,
    venv_bin,
    with_database_name,
)

LAYERS = {
    "core": "channels_redis.core.RedisChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
}
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
LOOPBACK_NAMES = {"127.0.0.1", "localhost"}
PER_MESSAGE_TIMEOUT = 10.0
RUN_DEADLINE = 600.0


class BenchError(RuntimeError):
    pass


# --- Set-up and clean-up -------------------------------------------------------------------


def loopback_only(url: str, what: str) -> str:
    """``url`` with its host pinned to 127.0.0.1; anything but loopback is refused."""
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK_NAMES:
        raise BenchError(f"{what} must be on 127.0.0.1 (got host {parts.hostname!r})")
    if parts.hostname == "localhost":
        netloc = parts.netloc.replace("localhost", LOOPBACK)
        return parts._replace(netloc=netloc).geturl()
    return url


def run_tool(argv: list[str], env: dict[str, str], what: str) -> None:
    """Run a set-up command from the project directory with the virtualenv first on PATH."""
    full_env = dict(env)
    full_env["PATH"] = os.pathsep.join([str(venv_bin()), full_env.get("PATH", os.defpath)])
    result = subprocess.run(
        argv,
        cwd=PROJECT_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


def base_env(db_env: dict[str, str | None], redis_env: dict[str, str | None]) -> dict[str, str]:
    env = dict(os.environ)
    # A production server refuses the development key (server/production.py).
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    for key, value in {**db_env, **redis_env}.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@contextmanager
def sqlite_database() -> Iterator[dict[str, str | None]]:
    tmp = Path(tempfile.mkdtemp(prefix="circles-bench-"))
    try:
        yield {"CIRCLES_SQLITE_PATH": str(tmp / "bench.sqlite3"), "DATABASE_URL": None}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def postgres_database(server_url: str) -> Iterator[dict[str, str | None]]:
    """A fresh database on the PostgreSQL server of ``server_url``, dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"circles_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin_url = with_database_name(server_url, "postgres")
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {"DATABASE_URL": with_database_name(server_url, name)}
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextmanager
def redis_prefix(url: str | None) -> Iterator[dict[str, str | None]]:
    """This run's own key prefix on Redis (``None``: the in-memory layer); keys removed after."""
    if url is None:
        yield {"REDIS_URL": None}
        return
    import redis

    prefix = f"circles-bench-{os.getpid()}-{secrets.token_hex(3)}"
    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    client.ping()
    try:
        yield {"REDIS_URL": url, "CIRCLES_REDIS_PREFIX": prefix}
    finally:
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        client.close()


def configured_layer(env: dict[str, str]) -> str:
    """The channel layer backend the settings pick under ``env``."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CHANNEL_LAYERS['default']['BACKEND'])"
    )
    full_env = {**env, "DJANGO_SETTINGS_MODULE": "server.settings"}
    result = subprocess.run(
        [str(venv_bin() / "python"), "-c", code],
        cwd=PROJECT_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(
            result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no output"
        )
    return result.stdout.strip().splitlines()[-1]


# --- Measuring -------------------------------------------------------------------------------


@dataclass
class Figures:
    receive_ms: list[float]
    ack_ms: list[float]


async def _receiver_side(client: RoomClient, text: str) -> float:
    """When the receiver got the message (other frames are skipped)."""
    while True:
        frame = await client.recv(timeout=PER_MESSAGE_TIMEOUT + 5)
        if frame["type"] == "message" and frame["text"] == text:
            return time.perf_counter()


async def _sender_side(client: RoomClient, client_id: str, text: str) -> float:
    """When the sender got its ack; also reads the sender's own copy of the message, so
    each round ends with both sockets drained. One reader per socket."""
    acked: float | None = None
    echoed = False
    while acked is None or not echoed:
        frame = await client.recv(timeout=PER_MESSAGE_TIMEOUT + 5)
        if frame["type"] == "ack" and frame["client_id"] == client_id:
            if frame["status"] != "posted":
                raise BenchError(f"message not posted: {frame}")
            acked = time.perf_counter()
        elif frame["type"] == "message" and frame["text"] == text:
            echoed = True
        elif frame["type"] == "error":
            raise BenchError(f"the server answered an error: {frame}")
    return acked


async def measure(server: ServerProcess, password: str, count: int, warmup: int) -> Figures:
    sender = await RoomClient.join(server, "demo", cookie=login(server, "member1", password))
    receiver = await RoomClient.join(server, "demo", cookie=login(server, "member2", password))
    sender.pending.clear()
    receiver.pending.clear()
    figures = Figures([], [])
    run_id = secrets.token_hex(4)
    try:
        for i in range(warmup + count):
            text = f"bench {run_id} {i}"
            client_id = str(uuid.uuid4())
            started = time.perf_counter()
            await sender.send({"type": "send", "client_id": client_id, "text": text})
            try:
                received, acked = await asyncio.wait_for(
                    asyncio.gather(
                        _receiver_side(receiver, text), _sender_side(sender, client_id, text)
                    ),
                    PER_MESSAGE_TIMEOUT,
                )
            except TimeoutError as exc:
                raise BenchError(
                    f"message {i} was not received within {PER_MESSAGE_TIMEOUT}s"
                ) from exc
            if i >= warmup:
                figures.receive_ms.append((received - started) * 1000)
                figures.ack_ms.append((acked - started) * 1000)
    finally:
        await sender.drop()
        await receiver.drop()
    return figures


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def report(label: str, figures: Figures) -> None:
    def line(name: str, values: list[float]) -> str:
        return (
            f"  {name:<16} p50 {percentile(values, 50):7.2f} ms   p99 "
            f"{percentile(values, 99):7.2f} ms   max {max(values):7.2f} ms   "
            f"mean {statistics.fmean(values):7.2f} ms"
        )

    print(f"{label}: {len(figures.receive_ms)} messages, one at a time, loopback")
    print(line("send → receive", figures.receive_ms))
    print(line("send → ack", figures.ack_ms))
    sys.stdout.flush()


# --- One run -----------------------------------------------------------------------------------


def bench_one(
    label: str,
    db_env: dict[str, str | None],
    redis_env: dict[str, str | None],
    layer: str | None,
    count: int,
    warmup: int,
) -> bool:
    password = secrets.token_urlsafe(12)
    env_extra: dict[str, str | None] = {
        **db_env,
        **redis_env,
        "DEMO_PASSWORD": password,
        "CIRCLES_RATE_LIMIT_MESSAGES": str(10 * (count + warmup) + 100),
    }
    if layer is not None:
        env_extra["CIRCLES_CHANNEL_LAYER"] = layer
    env = base_env(env_extra, {})
    if layer is not None:
        # Measure only what the settings really select.
        try:
            actual = configured_layer(env)
        except BenchError as exc:
            print(f"{label}: skipped, the settings refuse CIRCLES_CHANNEL_LAYER={layer}: {exc}")
            return True
        if actual != LAYERS[layer]:
            print(f"{label}: skipped, CIRCLES_CHANNEL_LAYER={layer} gives {actual}")
            return True
    release = procfile_argv(procfile_command("release"), env)
    run_tool(release, env, "migrate (Procfile release line)")
    run_tool(["python", "manage.py", "seed_demo", "--force"], env, "seed_demo")
    server = ServerProcess(env_extra, bind=LOOPBACK, name="bench")
    try:
        server.start()
        figures = asyncio.run(
            asyncio.wait_for(measure(server, password, count, warmup), RUN_DEADLINE)
        )
    except (BenchError, TimeoutError, OSError) as exc:
        print(f"{label}: FAILED: {exc}")
        tail = server.log_tail(3000)
        if tail:
            print(f"server output (tail):\n{tail}")
        return False
    finally:
        server.close()
    report(label, figures)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--messages", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20, help="messages sent first, not counted")
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES,
        default=os.environ.get("DATABASE_URL") or None,
        help="PostgreSQL server URL (a database of the benchmark's own is created on it)",
    )
    parser.add_argument(
        "--redis",
        nargs="?",
        const=os.environ.get("REDIS_URL") or DEFAULT_REDIS,
        default=os.environ.get("REDIS_URL") or None,
        help="Redis URL (the benchmark uses a key prefix of its own)",
    )
    parser.add_argument(
        "--layers",
        default="core,pubsub",
        help="with Redis: channels-redis layers to measure (core, pubsub)",
    )
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")

    try:
        postgres = loopback_only(args.postgres, "PostgreSQL") if args.postgres else None
        redis_url = loopback_only(args.redis, "Redis") if args.redis else None
        layers: list[str | None] = [None]
        if redis_url:
            layers = [name.strip() for name in args.layers.split(",") if name.strip()]
            unknown = [name for name in layers if name not in LAYERS]
            if unknown:
                parser.error(f"unknown layer(s) {unknown}; choose from {sorted(LAYERS)}")
        database = "PostgreSQL" if postgres else "SQLite"
        ok = True
        for layer in layers:
            label = f"{database} + " + (f"Redis ({LAYERS[layer]})" if layer else "in-memory layer")
            db_cm = postgres_database(postgres) if postgres else sqlite_database()
            with db_cm as db_env, redis_prefix(redis_url) as redis_env:
                ok = bench_one(label, db_env, redis_env, layer, args.messages, args.warmup) and ok
    except BenchError as exc:
        print(f"benchmark could not run: {exc}", file=sys.stderr)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    with suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
