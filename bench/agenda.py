"""The wall time of `followup today --json` on stores of 1,000, 10,000 and 100,000 applications,
against the bare start of Python (`python -c pass`).

    python bench/agenda.py [--sizes 1000,10000,100000] [--runs 9] [--keep FOLDER]

Each store holds a job search's history: a working set of 200 applications in hand (interviews
in the last three weeks, things said and done) and the rest closed (rejected, offers, withdrawn)
over the two years before. It is filled through `followup import` (20,000 applications a file),
which works out every application's advice. Then `followup today --json` runs `runs` times at
the moment of the fill (the kept advice is current: the quick path), and once at a later moment
where advice is due (the first run of a day, which works the due advice out again).

Targets: at 10,000, under 0.5 s and under 5x the bare start; from 10,000 to 100,000 the time
grows by less than 2x.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
WORKING_SET = 200
PART = 20_000  # applications of one file to import: about 14 MB
EMPLOYERS = [
    ("America/Chicago", "US", "IL"), ("America/New_York", "US", "NY"), ("Europe/London", "GB", "ENG"),
    ("Europe/Berlin", "DE", "BE"), ("Asia/Tokyo", "JP", None), ("America/Los_Angeles", "US", "CA"),
]  # fmt: skip
BIN = Path(sys.executable).parent


def export_document(size: int, seed: int) -> dict[str, Any]:
    """A store's worth of records, as `followup export` writes them."""
    chance = random.Random(seed)
    employers, applications, interviews, events = [], [], [], []
    for number in range(1, size + 1):
        active = number > size - WORKING_SET
        days_ago = chance.randint(1, 20) if active else chance.randint(30, 730)
        zone, country, region = EMPLOYERS[number % len(EMPLOYERS)]
        at = (NOW - timedelta(days=days_ago)).replace(hour=15, minute=0)
        stamp = at.isoformat()
        employers.append({"id": number, "name": f"Employer {number}", "timezone": zone, "country": country,
                          "subdivision": region, "created_at": stamp})  # fmt: skip
        interviews.append({"id": number, "application_id": number, "round": 1, "at": stamp, "minutes": 60})
        later = at + timedelta(hours=3)
        events.append({"id": len(events) + 1, "application_id": number, "at": later.isoformat(),
                       "kind": "contacted", "channel": "email", "purpose": "thank_you",
                       "recorded_at": later.isoformat()})  # fmt: skip
        status = "active"
        if active and chance.random() < 0.5:
            said = at + timedelta(hours=1)
            by = (said + timedelta(days=chance.randint(2, 15))).date().isoformat()
            events.append({"id": len(events) + 1, "application_id": number, "at": said.isoformat(),
                           "kind": "decision_by", "date": by,
                           "note": "We'll let you know.", "recorded_at": said.isoformat()})  # fmt: skip
        elif not active:
            status = chance.choice(["rejected", "rejected", "rejected", "withdrawn", "offer"])
            end = at + timedelta(days=chance.randint(3, 25))
            events.append({"id": len(events) + 1, "application_id": number, "at": end.isoformat(),
                           "kind": status, "recorded_at": end.isoformat()})  # fmt: skip
        applications.append({"id": number, "employer_id": number, "role": "Analyst", "status": status,
                             "created_at": stamp})  # fmt: skip
    return {"followup_export": 1, "employers": employers, "applications": applications,
            "interviews": interviews, "events": events}  # fmt: skip


def parts(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The document in parts of PART applications each, a file to import each (a file to import
    holds at most 50 MB: 100,000 applications are about 70 MB)."""
    for first in range(1, len(document["applications"]) + 1, PART):
        wanted = range(first, first + PART)
        yield {
            "followup_export": 1,
            "employers": [row for row in document["employers"] if row["id"] in wanted],
            "applications": [row for row in document["applications"] if row["id"] in wanted],
            "interviews": [row for row in document["interviews"] if row["application_id"] in wanted],
            "events": [row for row in document["events"] if row["application_id"] in wanted],
        }


def wall(command: list[str], runs: int, environment: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
        times.append(time.perf_counter() - started)
    return times


def spread(times: list[float]) -> str:
    """'12.3 / 13.0 / 15.9': the min, median and max, in milliseconds."""
    return f"{min(times) * 1000:.1f} / {statistics.median(times) * 1000:.1f} / {max(times) * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--keep", metavar="FOLDER", help="Keep the stores here (default: a temporary folder)."
    )
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="followup-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FOLLOWUP_")}
    bare = wall([sys.executable, "-c", "pass"], options.runs, environment)
    print(f"bare python -c pass: {spread(bare)} ms (min / median / max)")
    results = {}
    for size in (int(text) for text in options.sizes.split(",")):
        store = folder / f"agenda-{size}.sqlite3"
        url = f"sqlite:///{store}"
        if not store.exists():
            sources = []
            for number, part in enumerate(parts(export_document(size, seed=size))):
                sources.append(folder / f"agenda-{size}-{number}.json")
                sources[-1].write_text(json.dumps(part), encoding="utf-8")
            started = time.perf_counter()
            for source in sources:
                command = [BIN / "followup", "import", str(source), "--db", url, "--now", NOW.isoformat()]
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
            print(f"{size:>7} applications: filled in {time.perf_counter() - started:.1f} s")
        today = [str(BIN / "followup"), "today", "--json", "--db", url]
        kept = wall([*today, "--now", NOW.isoformat()], options.runs, environment)
        results[size] = statistics.median(kept)
        ratio = results[size] / statistics.median(bare)
        print(f"{size:>7} applications: today --json {spread(kept)} ms "
              f"(min / median / max; median {ratio:.1f}x bare)")  # fmt: skip
        later = (NOW + timedelta(days=1)).isoformat()
        copy = folder / f"agenda-{size}-due.sqlite3"
        copy.unlink(missing_ok=True)
        subprocess.run([BIN / "followup", "backup", str(copy), "--db", url], check=True,
                       stdout=subprocess.DEVNULL, env=environment)  # fmt: skip
        due = wall([str(BIN / "followup"), "today", "--json", "--db", f"sqlite:///{copy}", "--now", later], 1,
                   environment)  # fmt: skip
        print(
            f"{size:>7} applications: first run a day later (works out the due advice) {due[0] * 1000:.0f} ms"
        )
        copy.unlink(missing_ok=True)
    if 10_000 in results and 100_000 in results:
        print(f"10,000 -> 100,000: x{results[100_000] / results[10_000]:.2f}")


if __name__ == "__main__":
    main()
