"""Advice computations per second on a mix of generated cases, windows included.

    python bench/advise.py [--cases 10000] [--seed 7] [--rounds 3]

Cases are case-file documents drawn at random: six countries and more, employers in other time
zones than their candidates, daylight-saving change days, every kind of event. They are read
once (timed apart), then advised `rounds` times; the best round is reported. Target: at least
20,000 advice computations per second on one core.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from followup.casefile import read_case
from followup.core import advise

EMPLOYERS = [
    ("US", "IL", "America/Chicago"),
    ("US", "NY", "America/New_York"),
    ("US", "CA", "America/Los_Angeles"),
    ("GB", "ENG", "Europe/London"),
    ("DE", "BY", "Europe/Berlin"),
    ("FR", None, "Europe/Paris"),
    ("ES", "MD", "Europe/Madrid"),
    ("JP", None, "Asia/Tokyo"),
    ("IL", None, "Asia/Jerusalem"),
    ("AU", "NSW", "Australia/Sydney"),
]
CANDIDATE_ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "America/Chicago", "Europe/Berlin"]
CHANNELS = ["email", "phone", "visit"]
SCENARIOS = (
    "none decision_by call_back wait_for_us no_contact phone_ban on_hold in_running rejected offer prefer ok"
)
SCENARIOS = SCENARIOS.split()


def generate(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_case(rng) for _ in range(count)]


def _case(rng: random.Random) -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    country, region, zone_name = rng.choice(EMPLOYERS)
    zone = ZoneInfo(zone_name)
    # Interviews over two years, so some land on daylight-saving change days and holidays.
    day = datetime(2026, 1, 5, tzinfo=zone) + timedelta(days=rng.randrange(0, 700))
    interview = day.replace(hour=rng.choice([9, 10, 11, 14, 15, 16]), minute=rng.choice([0, 30]))
    employer: dict[str, Any] = {"name": f"Employer {rng.randrange(10**6)}", "country": country}
    if region:
        employer["subdivision"] = region
    if rng.random() < 0.8:
        employer["timezone"] = zone_name
    if rng.random() < 0.3:
        employer["hours"] = {
            "busy": [{"days": ["mon"], "from": "09:00", "to": "11:00"}],
            "closed": [(interview + timedelta(days=rng.randrange(1, 30))).date().isoformat()],
        }
    events: list[dict[str, Any]] = []
    clock = interview + timedelta(hours=1)

    def later(low_hours: float, high_hours: float) -> datetime:
        nonlocal clock
        clock = clock + timedelta(hours=rng.uniform(low_hours, high_hours))
        return clock

    def at(moment: datetime) -> str:
        return moment.isoformat()

    if rng.random() < 0.7:
        thanks = {"at": at(later(1, 20)), "kind": "contacted", "channel": "email", "purpose": "thank_you"}
        events.append(thanks)
    scenario = rng.choice(SCENARIOS)
    if scenario == "decision_by":
        date = (clock + timedelta(days=rng.randrange(2, 15))).date()
        events.append({"at": at(later(0, 2)), "kind": "decision_by", "date": date.isoformat(),
                       "silence_means_no": rng.random() < 0.2})  # fmt: skip
    elif scenario == "call_back":
        date = (clock + timedelta(days=rng.randrange(2, 10))).date()
        event = {"at": at(later(0, 2)), "kind": "call_back", "date": date.isoformat()}
        if rng.random() < 0.5:
            event["until"] = (date + timedelta(days=rng.randrange(0, 5))).isoformat()
        events.append(event)
    elif scenario in ("wait_for_us", "on_hold", "in_running", "rejected", "offer", "ok"):
        kind = {"ok": "ok_to_follow_up"}.get(scenario, scenario)
        released = scenario == "on_hold" and rng.random() < 0.3
        events.append({"at": at(later(24, 24 * 10)), "kind": kind, "released": released})
    elif scenario == "no_contact":
        events.append({"at": at(later(0, 2)), "kind": "no_contact"})
    elif scenario == "phone_ban":
        events.append({"at": at(later(0, 2)), "kind": "no_contact", "channels": ["phone"]})
    elif scenario == "prefer":
        events.append({"at": at(later(0, 2)), "kind": "prefer_channel", "channel": rng.choice(CHANNELS)})
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        events.append({"at": at(later(24 * 5, 24 * 9)), "kind": "contacted", "channel": rng.choice(CHANNELS),
                       "purpose": "check_in", "answered": rng.random() < 0.2})  # fmt: skip
    now = clock + timedelta(hours=rng.uniform(0, 24 * 40))
    return {
        "now": now.astimezone(UTC).isoformat(),
        "candidate": {"timezone": rng.choice(CANDIDATE_ZONES), "local_to_employer": rng.random() < 0.3},
        "employer": employer,
        "interview": {"at": interview.isoformat(), "round": 1, "format": "onsite"},
        "events": events,
    }


def measure(documents: list[dict[str, Any]], rounds: int) -> tuple[float, float, Counter[str], int]:
    """Seconds to read the case files; best seconds to advise on them all; actions; windows."""
    started = time.perf_counter()
    loaded = [read_case(document) for document in documents]
    read_seconds = time.perf_counter() - started
    work = [(item.case, item.now, item.policy) for item in loaded]

    actions: Counter[str] = Counter()
    windows = 0
    for case, now, policy in work:  # warm the holiday tables, as a long-running process has them
        advice = advise(case, now, policy)  # type: ignore[arg-type]
        actions[advice.action.value] += 1
        windows += len(advice.windows)

    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for case, now, policy in work:
            advise(case, now, policy)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    return read_seconds, best, actions, windows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    print(f"python {sys.version.split()[0]}, one process, one core")
    for size in sorted({1_000, options.cases}):
        documents = generate(size, options.seed)
        read_seconds, best, actions, windows = measure(documents, options.rounds)
        print(f"\n{size:,} cases (seed {options.seed}):")
        print("  actions: " + ", ".join(f"{name} {number}" for name, number in sorted(actions.items())))
        print(f"  windows per case: {windows / size:.2f}")
        print(f"  reading case files: {size / read_seconds:,.0f} per second")
        each = f"{best / size * 1e6:.1f} us each, best of {options.rounds}"
        print(f"  advice computations: {size / best:,.0f} per second ({each})")
    print("\ntarget: at least 20,000 advice computations per second on 10,000 cases")


if __name__ == "__main__":
    main()
