"""Latency of the web app's Today page and of an application's page, with 10,000 applications
stored, under 20 clients at once on loopback: p50 and p95.

    python bench/web.py [--applications 10000] [--clients 20] [--requests 2000] [--keep FOLDER]
        [--writes SHARE] [--rounds 3]

The store is filled as bench/agenda.py fills it (through `followup import`: 200 applications in
hand, the rest closed history), then served by `followup serve` at the fill moment. Each client
asks, one after another, for Today or for one of the applications in hand, half and half. A page
is kept until the store changes or the minute turns, so most of these are served as kept; with
--writes, that share of the requests logs a contact through the API instead, and the pages after
each write are worked out afresh. With --rounds, the load runs that many times on the same
server, and each figure is given as the min, median and max of the rounds. Target: p95 under
100 ms, for pages and writes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agenda import NOW, WORKING_SET, export_document

BIN = Path(sys.executable).parent


def fill(folder: Path, size: int) -> Path:
    store = folder / f"agenda-{size}.sqlite3"
    if not store.exists():
        source = folder / f"agenda-{size}.json"
        source.write_text(json.dumps(export_document(size, seed=size)), encoding="utf-8")
        command = [
            BIN / "followup",
            "import",
            str(source),
            "--db",
            f"sqlite:///{store}",
            "--now",
            NOW.isoformat(),
        ]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def client(port: int, paths: list[str], times: dict[str, list[float]], lock: threading.Lock) -> None:
    """One browser: one connection, its cookie kept."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookie = ""
    for path in paths:
        started = time.perf_counter()
        if path.endswith("/events"):  # a write: a contact logged, and every kept page is stale
            body = json.dumps({"kind": "contacted", "channel": "email", "purpose": "check_in"})
            connection.request("POST", path, body, headers={"Content-Type": "application/json"})
        else:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        cookie = (response.getheader("set-cookie") or cookie).split(";")[0]
        took = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        page = "write" if path.endswith("/events") else "today" if path == "/" else "application"
        with lock:
            times[page].append(took)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="In all, shared between the clients.")
    parser.add_argument("--keep", metavar="FOLDER", help="Keep the store here (default: a temporary folder).")
    parser.add_argument(
        "--writes",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="The share of requests that log a contact (0.05: one in twenty); each one makes every "
        "kept page stale, so the pages after it are worked out afresh.",
    )
    parser.add_argument("--rounds", type=int, default=3, help="Runs of the load, each measured.")
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="followup-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = fill(folder, options.applications)
    if options.writes:  # the writes go to a copy: the filled store stays as filled, for the next run
        written = folder / f"{store.stem}-written.sqlite3"
        written.unlink(missing_ok=True)
        with sqlite3.connect(store) as source, sqlite3.connect(written) as copy:
            source.backup(copy)  # with what the write-ahead log holds
        store = written
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FOLLOWUP_")}
    server = subprocess.Popen(
        [
            BIN / "followup",
            "serve",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{store}",
            "--now",
            NOW.isoformat(),
        ],
        env=environment,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        in_hand = range(options.applications - WORKING_SET + 1, options.applications + 1)
        warm: dict[str, list[float]] = {"today": [], "application": [], "write": []}
        client(port, ["/", f"/applications/{in_hand[0]}"] * 5, warm, threading.Lock())
        rounds = [load(port, options, in_hand, seed) for seed in range(7, 7 + options.rounds)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{options.applications:,} applications stored, {options.clients} clients, {options.rounds} rounds "
          f"of {options.requests} requests; ms (min / median / max of the rounds)")  # fmt: skip
    rates = [total / wall for _times, total, wall in rounds]
    print(
        f"{'requests a second':<18} {min(rates):6.0f} / {statistics.median(rates):6.0f} / {max(rates):6.0f}"
    )
    for page in ("today", "application", "write"):
        found = [times[page] for times, _total, _wall in rounds if times[page]]
        if not found:
            continue
        for name, share in (("p50", 0.5), ("p95", 0.95)):
            values = [percentile(each, share) * 1000 for each in found]
            print(
                f"{page:<12} {name}  {min(values):6.1f} / {statistics.median(values):6.1f} / "
                f"{max(values):6.1f}   ({sum(map(len, found))} requests)"
            )


def load(
    port: int, options: argparse.Namespace, in_hand: range, seed: int
) -> tuple[dict[str, list[float]], int, float]:
    """One round of the load: each client's requests in turn, all clients at once; the times by
    page, how many, and the wall time."""
    chance = random.Random(seed)
    each = options.requests // options.clients

    def pick() -> str:
        if chance.random() < options.writes:
            return f"/api/applications/{chance.choice(in_hand)}/events"
        return "/" if chance.random() < 0.5 else f"/applications/{chance.choice(in_hand)}"

    plans = [[pick() for _ in range(each)] for _ in range(options.clients)]
    times: dict[str, list[float]] = {"today": [], "application": [], "write": []}
    lock = threading.Lock()
    threads = [threading.Thread(target=client, args=(port, plan, times, lock)) for plan in plans]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, sum(len(found) for found in times.values()), time.perf_counter() - started


def percentile(found: list[float], share: float) -> float:
    ordered = sorted(found)
    return statistics.median(ordered) if share == 0.5 else ordered[int(share * (len(ordered) - 1))]


if __name__ == "__main__":
    main()
