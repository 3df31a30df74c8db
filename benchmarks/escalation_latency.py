"""How fast an urgent message reaches a human (``make bench``).

1. Urgent message → the facilitator's ``flag`` frame: a member sends N urgent messages one
   at a time; the time until the facilitator's socket shows the urgent flag.
2. Acknowledgement deadline → coordinators' webhook: nobody acknowledges; the worker (the
   Procfile's ``worker:`` line) pages; a local HTTP endpoint records when each page lands,
   measured from the escalation's deadline.

Server, worker and webhook endpoint all run on 127.0.0.1 with a temporary SQLite database.
It prints figures and never fails on timing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import latency
from latency import (
    LOOPBACK,
    RoomClient,
    ServerProcess,
    base_env,
    login,
    percentile,
    procfile_argv,
    procfile_command,
    run_tool,
    sqlite_database,
)

# Our own urgent sentence, with a changing tail so each message is a new one.
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
ACK_SECONDS = 2


class Pages:
    """A webhook endpoint on loopback that records when each page arrives."""

    def __init__(self) -> None:
        self.arrivals: dict[int, tuple[float, str]] = {}
        pages = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                pages.arrivals[body["escalation_id"]] = (time.time(), body["opened_at"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer((LOOPBACK, 0), Handler)
        self.url = f"http://{LOOPBACK}:{self.server.server_port}/page"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


async def flag_latencies(server: ServerProcess, password: str, count: int) -> list[float]:
    member = await RoomClient.join(server, "demo", cookie=login(server, "member1", password))
    facilitator = await RoomClient.join(
        server, "demo", cookie=login(server, "facilitator", password)
    )
    member.pending.clear()
    facilitator.pending.clear()
    times: list[float] = []
    try:
        for i in range(count):
            started = time.perf_counter()
            await member.send(
                {"type": "send", "client_id": str(uuid.uuid4()), "text": f"{URGENT} #{i}"}
            )
            while True:
                frame = await facilitator.recv(timeout=10)
                if frame["type"] == "flag" and frame["severity"] == "urgent":
                    times.append((time.perf_counter() - started) * 1000)
                    break
    finally:
        await member.drop()
        await facilitator.drop()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--messages", type=int, default=200)
    args = parser.parse_args(argv)
    pages = Pages()
    with sqlite_database() as db_env:
        password = latency.secrets.token_urlsafe(12)
        extra: dict[str, str | None] = {
            **db_env,
            "DEMO_PASSWORD": password,
            "CIRCLES_RATE_LIMIT_MESSAGES": str(args.messages * 10 + 100),
            "CIRCLES_ESCALATION_ACK_SECONDS": str(ACK_SECONDS),
            "CIRCLES_ESCALATION_WEBHOOK_URL": pages.url,
        }
        env = base_env(extra, {})
        env["PATH"] = f"{latency.venv_bin()}:{env.get('PATH', '')}"
        run_tool(procfile_argv(procfile_command("release"), env), env, "migrate")
        run_tool(["python", "manage.py", "seed_demo", "--force"], env, "seed_demo")
        worker = subprocess.Popen(
            procfile_argv(procfile_command("worker"), env),
            cwd=latency.PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        server = ServerProcess(extra, bind=LOOPBACK, name="escalation-bench")
        try:
            server.start()
            times = asyncio.run(flag_latencies(server, password, args.messages))
            deadline = time.time() + ACK_SECONDS + 30
            while len(pages.arrivals) < args.messages and time.time() < deadline:
                time.sleep(0.2)
        finally:
            server.close()
            worker.terminate()
            worker.wait(timeout=10)
    print(f"urgent message → facilitator's flag frame ({len(times)} tries, loopback):")
    print(f"  p50 {percentile(times, 50):.2f} ms   p99 {percentile(times, 99):.2f} ms")
    lags = []
    for arrived, opened_at in pages.arrivals.values():
        due = datetime.fromisoformat(opened_at) + timedelta(seconds=ACK_SECONDS)
        lags.append((arrived - due.timestamp()) * 1000)
    if lags:
        print(
            f"ack deadline passed → webhook page received ({len(lags)} pages, worker polls "
            f"every 1 s): p50 {percentile(lags, 50):.0f} ms   p99 {percentile(lags, 99):.0f} ms"
        )
    else:
        print("no webhook page arrived")
    return 0


if __name__ == "__main__":
    sys.exit(main())
