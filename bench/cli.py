"""How long each main command takes to start and answer, against a bare Python start, in one run.

    python bench/cli.py [--runs 9]

Each command runs `runs` times as its own process, on a sample store (made once, with `followup
demo`, in a temporary folder) and a case file from examples/; the same Python runs `-c pass`
between them, so that a busy machine slows both alike. Bytecode is compiled first, so start
times do not depend on whether it was already written. Targets: `followup --help` under 10 times
a bare Python start, `followup advise FILE` under 20 times.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "northwind.json"
SAID = "Thanks for coming in. We will decide by Friday; please don't call."
TARGETS = {"--help": 10, "advise FILE": 20}


def commands(db: str) -> dict[str, list[str]]:
    """The main commands, by the name the figures give them."""
    return {
        "--help": ["--help"],
        "--version": ["--version"],
        "advise FILE": ["advise", str(CASE)],
        "advise FILE --json": ["advise", str(CASE), "--json"],
        "list": ["list", "--db", db],
        "today": ["today", "--db", db],
        "show 1": ["show", "1", "--db", db],
        "read TEXT": ["read", SAID, "--said-at", "2026-03-04T10:00:00-05:00", "--country", "US"],
        "add --help": ["add", "--help"],
    }


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode()[-400:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "src", quiet=1)
    python = sys.executable
    followup = [python, "-m", "followup"]
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["XDG_CONFIG_HOME"] = folder
        subprocess.run([*followup, "demo", "--db", db], capture_output=True, check=True)
        bare: list[float] = []
        taken: dict[str, list[float]] = {name: [] for name in commands(db)}
        for argv in commands(db).values():  # once each, unmeasured: the file cache warm
            timed([*followup, *argv])
        for _ in range(options.runs):
            for name, argv in commands(db).items():
                bare.append(timed([python, "-c", "pass"]))
                taken[name].append(timed([*followup, *argv]))
    base = statistics.median(bare)
    print(f"{options.runs} runs each, bytecode compiled first; times in ms (min / median / max)")
    print(f"{'python -c pass':<22} {min(bare) * 1e3:7.1f} {base * 1e3:7.1f} {max(bare) * 1e3:7.1f}")
    for name, times in taken.items():
        middle = statistics.median(times)
        ratio = middle / base
        target = ""
        if name in TARGETS:
            target = f"  (target under {TARGETS[name]}x: {'met' if ratio < TARGETS[name] else 'NOT met'})"
        print(
            f"followup {name:<13} {min(times) * 1e3:7.1f} {middle * 1e3:7.1f} {max(times) * 1e3:7.1f}"
            f"  {ratio:5.1f}x bare{target}"
        )


if __name__ == "__main__":
    main()
