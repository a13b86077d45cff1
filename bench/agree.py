"""How far two people agree on what a set's words mean, and how the reader compares: the
ceiling any reader's score on a single writer's labels is measured against.

    python bench/agree.py SET LABELS [--misses] [--record FILE]

SET is a set of the corpus (tests/data/reading/SET.jsonl); LABELS is a .jsonl file of a second
person's labels for the same items ({"id": ..., "expected": [...]} a line), written from the
texts and GUIDE.md alone, without seeing the set's labels. Printed, each with the figures of
bench/read.py (exactly right, macro F1, date accuracy, false bans and outcomes, missed
rejections):

- the second labels scored against the set's own: how far two careful people agree;
- the reader scored against each, and against the items on which the two people agree exactly.

The reader here is the one in this checkout: once a set has joined the corpus, the model has
been trained on it, so score it with the checkout that took the set's first score to see the
reader as it was before. --record FILE appends the figures, with the checkout's commit, to FILE
(bench/agreement.jsonl keeps them).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.reading_corpus import CORPUS, Case, Score, load, read, score  # noqa: E402

# A signal's fields as the reader fills them when nothing says them. Written out here, not imported:
# this script runs in the checkouts that took earlier sets' first scores.
UNSAID: dict[str, Any] = {
    "date": None, "until": None, "channels": [], "channel": None,
    "silence_means_no": False, "released": False,
}  # fmt: skip


def labels_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A second person's labels by item id, every field filled as the reader fills it."""
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            labels[item["id"]] = [{**UNSAID, **signal} for signal in item["expected"]]
        except (KeyError, TypeError) as error:
            raise SystemExit(f"{path}:{number}: not a label line ({error})") from None
    return labels


def relabelled(cases: list[Case], labels: dict[str, list[dict[str, Any]]]) -> list[Case]:
    """The same cases with the second person's labels as what is expected."""
    return [replace(case, expected=labels[case.id]) for case in cases]


def line(title: str, result: Score) -> str:
    figures = result.summary()
    return (
        f"{title:<44} {figures['items']:>5} {figures['exact']:>6.3f} {figures['macro_f1']:>6.3f} "
        f"{figures['date_accuracy']:>6.3f} {result.false_bans:>5} {result.false_outcomes:>5} "
        f"{result.missed_rejections:>3} of {figures['rejections']:<3}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="a set of the corpus, e.g. e23")
    parser.add_argument("labels", type=Path, help="a second person's labels of its items (.jsonl)")
    parser.add_argument("--misses", action="store_true", help="List where the two people differ.")
    parser.add_argument("--record", type=Path, metavar="FILE", help="Append the figures to FILE.")
    options = parser.parse_args()
    cases = [case for case in load(CORPUS) if case.writer == options.set]
    if not cases:
        raise SystemExit(f"{options.set}: no such set in {CORPUS}")
    labels = labels_of(options.labels)
    missing = [case.id for case in cases if case.id not in labels]
    if missing:
        raise SystemExit(f"{options.labels}: no labels for {len(missing)} items, first {missing[0]}")
    second = relabelled(cases, labels)
    people = score(cases, reading=lambda case: labels[case.id])
    readings = {case.id: read(case) for case in cases}
    agreed = [case for case in cases if score([case], reading=lambda case: labels[case.id]).exact]
    figures = {
        "second person against the set's labels": people,
        "reader against the set's labels": score(cases, reading=lambda case: readings[case.id]),
        "reader against the second person's": score(second, reading=lambda case: readings[case.id]),
        "reader where the two people agree exactly": score(agreed, reading=lambda case: readings[case.id]),
    }
    print(f"{'':<44} {'items':>5} {'exact':>6} {'F1':>6} {'dates':>6} {'bans':>5} {'outc.':>5} missed rej.")
    for title, result in figures.items():
        print(line(title, result))
    if options.record:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        kept = {"set": options.set, "date": date.today().isoformat(), "reader_at": commit}
        kept |= {title: result.summary() for title, result in figures.items()}
        with options.record.open("a", encoding="utf-8") as record:
            record.write(json.dumps(kept) + "\n")
    if options.misses:
        print("\n".join(people.misses))


if __name__ == "__main__":
    main()
