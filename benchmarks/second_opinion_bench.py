"""The second opinion's cost per message and its flag delay under load (``make bench``).

1. Per message, on one core, in this process: p50 / p99 of the second opinion
   (``SecondOpinion.judge``: normalise, tokenise, encode, three heads, the rule) next to the
   synchronous screen on the same texts, as a ratio measured in the same run.
2. Flag delay in a live room: the server from the Procfile on a SQLite file of its own; a
   facilitator and a member in one room, and members of three other rooms sending ordinary
   messages at each of ``--rates`` messages per second in all (every one of them read by
   the second opinion too, in the same process). The member posts messages that only the
   second opinion flags, each followed by three ordinary ones (so that the screen never reads
   two of them together as context); the delay is from the member's ``ack`` (the message is
   posted) to the facilitator's ``flag`` frame.

Texts are our own written corpus (never the shared sets). Prints figures; never fails on
timing. Exits non-zero only if the encoder is not built or a flag never arrives.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import latency
from latency import LOOPBACK, RoomClient, ServerProcess, login, percentile
from moderation_bench import pin_to_one_core

from tests.e2e.servers import http_request

CORPUS = latency.PROJECT_DIR / "moderation" / "screen" / "data" / "corpus"


def corpus_texts() -> list[dict[str, object]]:
    cases = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            cases += [json.loads(line) for line in handle if line.strip()]
    return cases


def per_message(texts: list[str]) -> list[str]:
    """Part 1; returns the texts only the second opinion flags (for part 2)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings")
    from moderation.screen import screen, second_opinion
    from moderation.screen.second_opinion import Screened

    opinion = second_opinion.shared()
    if opinion is None:
        raise SystemExit(f"second opinion {second_opinion.status()}: run make install")
    print(f"per message, one core ({pin_to_one_core()}), {len(texts):,} corpus texts:")
    decisions = [screen(text) for text in texts]
    said = [Screened.of(d) for d in decisions]
    for text, s in zip(texts[:50], said[:50], strict=True):  # warm up
        opinion.judge(text, s)
    fast: list[float] = []
    slow: list[float] = []
    only_second: list[str] = []
    clock = time.perf_counter
    for text, s in zip(texts, said, strict=True):
        started = clock()
        screen(text)
        fast.append((clock() - started) * 1000)
        started = clock()
        addition = opinion.judge(text, s)
        slow.append((clock() - started) * 1000)
        if addition and not s.labels:
            only_second.append(text)
    p50, p99 = percentile(slow, 50), percentile(slow, 99)
    f50, f99 = percentile(fast, 50), percentile(fast, 99)
    print(f"  second opinion: p50 {p50:.2f} ms  p99 {p99:.2f} ms  ({1000 / p50:,.0f}/s at p50)")
    print(f"  synchronous screen, same texts: p50 {f50:.3f} ms  p99 {f99:.3f} ms")
    print(f"  ratio second opinion / screen: p50 {p50 / f50:.0f}x  p99 {p99 / f99:.0f}x")
    print(f"  {len(only_second)} texts flagged by the second opinion alone")
    return only_second


async def _drain(client: RoomClient, flags: dict[int, float] | None, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            frame = await client.recv(timeout=0.5)
        except TimeoutError:
            continue
        if flags is not None and frame["type"] == "flag" and frame.get("seq") is not None:
            flags.setdefault(frame["seq"], time.perf_counter())


async def _background(client: RoomClient, texts: list[str], rate: float, stop: asyncio.Event):
    loop = asyncio.get_running_loop()
    start = loop.time()
    n = 0
    while not stop.is_set():
        n += 1
        text = f"{random.choice(texts)} ({n})"
        await client.send({"type": "send", "client_id": str(uuid.uuid4()), "text": text})
        await asyncio.sleep(max(0.0, start + n / rate - loop.time()))


async def flag_delays(
    server: ServerProcess, password: str, targets: list[str], ordinary: list[str], rate: float
) -> tuple[list[float], int, float]:
    facilitator = await RoomClient.join(
        server, "load-1", cookie=login(server, "facilitator", password)
    )
    member = await RoomClient.join(server, "load-1", cookie=login(server, "loader1", password))
    others = [
        await RoomClient.join(server, f"load-{n}", cookie=login(server, f"loader{n}", password))
        for n in (2, 3, 4)
    ]
    stop = asyncio.Event()
    flags: dict[int, float] = {}
    tasks = [asyncio.create_task(_drain(facilitator, flags, stop))]
    tasks += [asyncio.create_task(_drain(o, None, stop)) for o in others]
    if rate > 0:
        tasks += [
            asyncio.create_task(_background(o, ordinary, rate / len(others), stop)) for o in others
        ]
    await asyncio.sleep(1.0)  # the encoder loads on the first connection
    acks: dict[int, float] = {}
    started = time.perf_counter()
    for i, text in enumerate(targets):
        ack = await member.post(text)
        if ack["status"] == "posted":
            acks[ack["seq"]] = time.perf_counter()
        # Three ordinary messages between two targets: the screen reads an author's last
        # three as context, so no target is read beside another.
        for j in range(3):
            await member.post(ordinary[(3 * i + j) % len(ordinary)])
        await asyncio.sleep(0.05)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and any(seq not in flags for seq in acks):  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    for client in (facilitator, member, *others):
        await client.drop()
    _, body = http_request(server.base_url, "GET", "/healthz")
    print(f"    /healthz second_opinion after the run: {json.loads(body)['second_opinion']}")
    delays = [(flags[seq] - at) * 1000 for seq, at in acks.items() if seq in flags]
    return delays, len(acks) - len(delays), elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=5000, help="corpus texts for part 1")
    parser.add_argument("--targets", type=int, default=100, help="flagged messages in part 2")
    parser.add_argument("--rates", default="0,50,100", help="background messages per second")
    args = parser.parse_args(argv)
    random.seed(20261201)
    cases = corpus_texts()
    random.shuffle(cases)
    texts = [str(c["text"]) for c in cases[: args.texts]]
    only_second = per_message(texts)
    targets = only_second[: args.targets]
    flagged = set(only_second)
    ordinary = [str(c["text"]) for c in cases if not c.get("labels") and c["text"] not in flagged]
    os.sched_setaffinity(0, os.sched_getaffinity(0) | set(range(os.cpu_count() or 1)))
    with latency.sqlite_database() as db_env:
        password = latency.secrets.token_urlsafe(12)
        extra: dict[str, str | None] = {
            **db_env,
            "DEMO_PASSWORD": password,
            "CIRCLES_RATE_LIMIT_MESSAGES": "100000",
            "CIRCLES_SECOND_OPINION": "1",
        }
        env = latency.base_env(extra, {})
        env["PATH"] = f"{latency.venv_bin()}:{env.get('PATH', '')}"
        latency.run_tool(
            latency.procfile_argv(latency.procfile_command("release"), env), env, "migrate"
        )
        latency.run_tool(
            ["python", "manage.py", "seed_demo", "--force", "--rooms", "4"], env, "seed_demo"
        )
        server = ServerProcess(extra, bind=LOOPBACK, name="second-opinion-bench")
        failed = 0
        try:
            server.start()
            print("flag delay, member's ack → facilitator's flag frame (one web process):")
            for rate in (float(r) for r in args.rates.split(",")):
                delays, missing, elapsed = asyncio.run(
                    flag_delays(server, password, targets, ordinary, rate)
                )
                failed += missing
                print(
                    f"  background {rate:>4.0f} msg/s: {len(delays)} flags, "
                    f"p50 {percentile(delays, 50):.0f} ms  p99 {percentile(delays, 99):.0f} ms  "
                    f"max {max(delays):.0f} ms  ({missing} never arrived, {elapsed:.0f} s)"
                )
        finally:
            server.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
