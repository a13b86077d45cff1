"""A server under load: a seeker's Today and a coach's dashboard, p95 with many clients at once,
on two app processes sharing one PostgreSQL store; and how the cost grows with the store.

    python bench/server.py [--seekers 1000] [--per-seeker 100] [--coaches 20] [--clients 50]
        [--requests 2000] [--rounds 3] [--keep-database]

The store is filled fast and for real: one job search of `--per-seeker` applications (as
bench/agenda.py makes them: 20 in hand, the rest closed history, every advice worked out) is
imported for a first seeker through the app's own import, then copied, in SQL, for every other
seeker (each their own employers, people, rounds, events and advice). Coaches have the seekers
in turn. Two app processes (`followup serve --server --workers 2`) serve the store on loopback,
at the fill's moment. Each client signs in (sessions are made in the store), then asks again and
again, as a random seeker, for Today, or as a random coach for the dashboard, half and half.
Each figure is the min, median and max of the rounds. Then EXPLAIN ANALYZE of the hot queries.

Target (issue 16): p95 under 100 ms at 50 clients on this 2-core machine, for 10,000 seekers and
1,000,000 applications.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from sqlalchemy import create_engine, text  # noqa: E402

from agenda import NOW, export_document  # noqa: E402
from followup.service import accounts, transfer  # noqa: E402
from followup.service.stores import as_account, for_everyone  # noqa: E402
from followup.store.database import connect  # noqa: E402
from followup.store.schema import metadata  # noqa: E402

POSTGRES = os.environ.get("FOLLOWUP_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery staple"
HOST = "followup.bench.example"
COPIED = ("employers", "contacts", "applications", "interviews", "events", "advice")
SHIFTED = {  # the columns that name a row of a copied table: shifted with it
    "employers": {"id": "employers"},
    "contacts": {"id": "contacts", "employer_id": "employers"},
    "applications": {"id": "applications", "employer_id": "employers"},
    "interviews": {"id": "interviews", "application_id": "applications"},
    "events": {"id": "events", "application_id": "applications", "corrects": "events"},
    "advice": {"application_id": "applications"},
}


def database(name: str) -> str:
    """A database of its own, owned by a role of its own (no superuser): its URL."""
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOBYPASSRLS'))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{name}"'))
    url = admin.url.set(username=name, database=name).render_as_string(hide_password=False)
    admin.dispose()
    return url


def drop(name: str) -> None:
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


def fill(url: str, options: argparse.Namespace) -> dict[str, Any]:
    """The accounts, one job search imported, copied for every seeker; sessions for the clients."""
    engine = connect(url)
    started = time.perf_counter()
    accounts.first_admin(engine, "admin@bench.example", "Admin", PASSWORD, NOW)
    with engine.begin() as connection:  # accounts at once: inviting each would hash a password each
        for role, many in (("seeker", options.seekers), ("coach", options.coaches)):
            connection.execute(
                text(
                    "INSERT INTO accounts (email, name, role, shares_notes, created_at, joined_at) "
                    "SELECT :role || n || '@bench.example', initcap(:role) || ' ' || n, :role, false, "
                    ":now, :now FROM generate_series(1, :many) AS n"
                ),
                {"role": role, "many": many, "now": NOW},
            )
        seekers = (
            connection.execute(text("SELECT id FROM accounts WHERE role = 'seeker' ORDER BY id"))
            .scalars()
            .all()
        )
        coaches = (
            connection.execute(text("SELECT id FROM accounts WHERE role = 'coach' ORDER BY id"))
            .scalars()
            .all()
        )
        connection.execute(
            text(
                "INSERT INTO coach_seekers (coach_id, seeker_id, assigned_at) VALUES (:coach, :seeker, :now)"
            ),
            [
                {"coach": coaches[i % len(coaches)], "seeker": seeker, "now": NOW}
                for i, seeker in enumerate(seekers)
            ],
        )
    first = accounts.Account(seekers[0], None, "Seeker 1", "seeker")
    document = export_document(options.per_seeker, seed=options.per_seeker)
    transfer.import_tables(as_account(engine, first), transfer.read_json(json.dumps(document)), NOW)
    imported = time.perf_counter() - started
    copy(engine, seekers)
    filled = time.perf_counter() - started
    sessions = {"seeker": make_sessions(engine, seekers), "coach": make_sessions(engine, coaches)}
    with for_everyone(engine).connect() as connection:
        counted = connection.execute(text("SELECT count(*) FROM applications")).scalar_one()
    engine.dispose()
    return {"sessions": sessions, "applications": counted, "imported": imported, "filled": filled}


def copy(engine: Any, seekers: list[int]) -> None:
    """The first seeker's job search, copied in SQL for each other seeker: every id shifted by
    the seeker's place times the table's largest id."""
    with engine.begin() as connection:
        connection.execute(text("SELECT set_config('followup.everyone', 'on', true)"))
        largest = {
            table: int(connection.execute(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")).scalar_one())
            for table in ("employers", "contacts", "applications", "interviews", "events")
        }
        connection.execute(text("CREATE TEMP TABLE copies (place integer, seeker integer) ON COMMIT DROP"))
        connection.execute(
            text("INSERT INTO copies VALUES (:place, :seeker)"),
            [{"place": place, "seeker": seeker} for place, seeker in enumerate(seekers[1:], 1)],
        )
        for table in COPIED:
            columns = [column.name for column in metadata.tables[table].columns]
            chosen = []
            for column in columns:
                if column == "seeker_id":
                    chosen.append("copies.seeker")
                elif column in SHIFTED[table]:
                    chosen.append(f"t.{column} + copies.place * {largest[SHIFTED[table][column]]}")
                else:
                    chosen.append(f"t.{column}")
            names = ", ".join(f'"{column}"' for column in columns)
            copied = f"SELECT {', '.join(chosen)} FROM {table} t CROSS JOIN copies"
            connection.execute(text(f"INSERT INTO {table} ({names}) {copied}"))
        for table in ("employers", "contacts", "applications", "interviews", "events"):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def make_sessions(engine: Any, account_ids: list[int]) -> list[str]:
    tokens = [secrets.token_urlsafe(32) for _ in account_ids]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sessions (digest, account_id, created_at, seen_at, expires_at) "
                "VALUES (:digest, :account, :now, :now, :expires)"
            ),
            [
                {
                    "digest": hashlib.sha256(token.encode()).hexdigest(),
                    "account": account,
                    "now": NOW,
                    "expires": NOW + timedelta(days=30),
                }
                for token, account in zip(tokens, account_ids, strict=True)
            ],
        )
    return tokens


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "FOLLOWUP_DB": url, "FOLLOWUP_HOSTS": HOST, "FOLLOWUP_NOW": NOW.isoformat()}
    command = [
        str(Path(sys.executable).parent / "followup"),
        "serve",
        "--server",
        "--workers",
        "2",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def client(
    port: int, plan: list[tuple[str, str, str]], times: dict[str, list[float]], lock: threading.Lock
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for kind, path, token in plan:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Cookie": f"__Host-followup={token}"}
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
        took = time.perf_counter() - started
        if answer.status != 200:
            raise SystemExit(f"{path}: {answer.status}")
        with lock:
            times[kind].append(took)
    connection.close()


def load(
    port: int, options: argparse.Namespace, sessions: dict[str, list[str]], seed: int
) -> dict[str, list[float]]:
    chance = random.Random(seed)
    each = options.requests // options.clients

    def pick() -> tuple[str, str, str]:
        if chance.random() < 0.5:
            return "today", "/", chance.choice(sessions["seeker"])
        return "dashboard", "/coach", chance.choice(sessions["coach"])

    times: dict[str, list[float]] = {"today": [], "dashboard": []}
    lock = threading.Lock()
    plans = [[pick() for _ in range(each)] for _ in range(options.clients)]
    threads = [threading.Thread(target=client, args=(port, plan, times, lock)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def percentile(found: list[float], share: float) -> float:
    ordered = sorted(found)
    return ordered[int(share * (len(ordered) - 1))]


def spread(values: list[float]) -> str:
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def explain(url: str, seeker: int, coach: int) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    queries = {
        "a seeker's applications with their advice (Today)": (
            "SELECT a.id, v.action, v.not_before FROM applications a LEFT JOIN advice v "
            "ON v.application_id = a.id WHERE a.status = 'active'",
            {"followup.seeker": str(seeker)},
        ),
        "a coach's seekers' standing (dashboard)": (
            "SELECT a.seeker_id, count(*) FROM applications a LEFT JOIN advice v ON v.application_id = a.id "
            "GROUP BY a.seeker_id",
            {"followup.seeker": "0", "followup.coach": str(coach)},
        ),
    }
    with engine.connect() as connection:
        for title, (query, scope) in queries.items():
            for name, value in scope.items():
                connection.execute(
                    text("SELECT set_config(:name, :value, false)"), {"name": name, "value": value}
                )
            plan = (
                connection.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {query}")).scalars().all()
            )
            print(f"\n{title}:\n" + "\n".join(f"    {line}" for line in plan))
            for name in scope:
                connection.execute(text("SELECT set_config(:name, '', false)"), {"name": name})
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=1000)
    parser.add_argument("--per-seeker", type=int, default=100)
    parser.add_argument("--coaches", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep-database", action="store_true")
    options = parser.parse_args()
    name = f"followup_bench_{uuid.uuid4().hex[:8]}"
    url = database(name)
    try:
        filled = fill(url, options)
        stored = (
            f"{options.seekers:,} seekers, {options.coaches} coaches, {filled['applications']:,} applications"
        )
        print(f"{stored}: one search imported in {filled['imported']:.1f} s, all in {filled['filled']:.1f} s")
        port = free_port()
        process = serve(url, port)
        try:
            load(port, options, filled["sessions"], seed=0)  # warm: each process opens its connections
            rounds = [load(port, options, filled["sessions"], seed=n) for n in range(1, options.rounds + 1)]
        finally:
            process.terminate()
            process.wait(timeout=30)
        for kind in ("today", "dashboard"):
            p50 = [percentile(found[kind], 0.5) * 1000 for found in rounds]
            p95 = [percentile(found[kind], 0.95) * 1000 for found in rounds]
            at = f"({options.clients} clients, 2 processes)"
            print(f"{kind:<10} p50 {spread(p50)} ms   p95 {spread(p95)} ms   {at}")
        explain(url, seeker=3, coach=options.seekers + 3)  # after the local account and the admin
    finally:
        if not options.keep_database:
            drop(name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    main()
