"""What working out the due advice costs: per due application, at several numbers due, among more
applications stored than due; and the wall time of the first `followup today` of a day.

    python bench/due.py [--due 100,1000] [--closed 10000] [--runs 5]

Each store holds `due` applications in hand (interviews in the last three weeks, things said and
done) and `closed` ones closed over the two years before (rejected, offers, withdrawn), filled
through `followup import`. A month later, the advice of every application in hand has changed:
it is worked out again, in one transaction (store.agenda.refresh_due), on a fresh copy of the
store each run. Then `followup today --json` runs on a fresh copy as the first command of that
day. Targets: at most 0.3 ms per due application at 1,000 due; the first `today` with 100 due
under 0.35 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

import agenda as filled  # noqa: E402  (bench/agenda.py: the same job search)
from followup.store import connect  # noqa: E402
from followup.store.agenda import refresh_due  # noqa: E402

LATER = filled.NOW + timedelta(days=30)  # every application in hand has advice due again
BIN = Path(sys.executable).parent


def store_of(folder: Path, due: int, closed: int) -> Path:
    """A store of `due` applications in hand and `closed` closed ones, made once."""
    path = folder / f"due-{due}-{closed}.sqlite3"
    if not path.exists():
        filled.WORKING_SET = due
        source = folder / f"due-{due}-{closed}.json"
        source.write_text(json.dumps(filled.export_document(due + closed, seed=due)), encoding="utf-8")
        command = [BIN / "followup", "import", str(source), "--db", f"sqlite:///{path}", "--now"]
        subprocess.run([*command, filled.NOW.isoformat()], check=True, stdout=subprocess.DEVNULL)
    return path


def copy_of(store: Path, folder: Path) -> Path:
    copy = folder / "copy.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(store, copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due", default="100,1000")
    parser.add_argument("--closed", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followup-due-") as name:
        folder = Path(name)
        print(f"{options.closed:,} closed applications besides; ms (min / median / max of {options.runs})")
        for due in (int(text) for text in options.due.split(",")):
            store = store_of(folder, due, options.closed)
            each, counted = [], 0
            for _ in range(options.runs):
                engine = connect(f"sqlite:///{copy_of(store, folder)}")
                started = time.perf_counter()
                counted = refresh_due(engine, LATER)
                each.append((time.perf_counter() - started) / counted * 1000)
                engine.dispose()
            print(
                f"{counted:>6} due: working them out {min(each):.3f} / {statistics.median(each):.3f} / "
                f"{max(each):.3f} ms each"
            )
            walls = []
            for _ in range(options.runs):
                copy = copy_of(store, folder)
                command = [BIN / "followup", "today", "--json", "--db", f"sqlite:///{copy}", "--now"]
                started = time.perf_counter()
                subprocess.run([*command, LATER.isoformat()], check=True, stdout=subprocess.DEVNULL)
                walls.append((time.perf_counter() - started) * 1000)
            print(
                f"{counted:>6} due: first `followup today` of the day {min(walls):.0f} / "
                f"{statistics.median(walls):.0f} / {max(walls):.0f} ms"
            )


if __name__ == "__main__":
    main()
