"""How well, and how fast, followup reads what employers say: per-kind precision and recall,
macro F1, date accuracy and messages per second on the labelled corpus in tests/data/reading.

    python bench/read.py [--misses] [--rounds 5] [--heldout FOLDER [--record SET]] [--real CSV]

--heldout FOLDER scores the .jsonl files of another folder instead: a held-out set, written
after the rules by someone who had not seen them, and never used to tune them. --record SET
appends that score, the set's first, to bench/reading_history.jsonl before the set joins the
corpus: each round of work on the reader starts with one. --real CSV scores the real emails of
a public set of anonymised ATS mail (data/job_app_confirmation_emails_anonymized.csv of
CoderClarkPfohl/nlp-email-classifier, read where it is: its text is not kept here) on the labels
in tests/data/reading/real/labels.jsonl.

Targets: macro F1 at least 0.95, date accuracy at least 0.95, at least 500 messages per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "bench" / "reading_history.jsonl"
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.reading_corpus import load, load_real, read, score  # noqa: E402

from followup.reading.reader import KINDS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="List every miss.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--heldout", metavar="FOLDER", help="Score the .jsonl files of FOLDER instead.")
    parser.add_argument("--record", metavar="SET", help="Append its first score to the history.")
    parser.add_argument("--real", metavar="CSV", help="Score the labelled real emails of CSV instead.")
    options = parser.parse_args()
    if options.record and not options.heldout:
        parser.error("--record scores a held-out set: give its --heldout FOLDER")
    if options.real:
        cases = load_real(Path(options.real))
    else:
        cases = load(Path(options.heldout)) if options.heldout else load()
    kinds = Counter(signal["kind"] for case in cases for signal in case.expected)
    silent = sum(not case.expected for case in cases)
    print(f"{len(cases)} messages and notes, {sum(kinds.values())} signals, {silent} with none")
    result = score(cases)
    print(f"{'kind':<16} {'support':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    for kind in KINDS:
        p, r, f1 = result.precision(kind), result.recall(kind), result.f1(kind)
        print(f"{kind:<16} {kinds[kind]:>7} {p:>9.3f} {r:>7.3f} {f1:>6.3f}")
    print(f"macro F1: {result.macro_f1():.3f}")
    print(f"date accuracy: {result.date_accuracy():.3f} ({result.dates_right} of {result.dated})")
    print(f"fields (channels, silence, release) right: {result.channels_right} of {result.channels_checked}")
    figures = result.summary()
    print(
        f"exactly right: {result.exact} of {result.messages} ({figures['exact']:.3f}); "
        f"false bans {result.false_bans}, false outcomes {result.false_outcomes}, "
        f"missed rejections {result.missed_rejections} of {figures['rejections']}"
    )
    if options.record:
        line = {"set": options.record, "date": date.today().isoformat(), **figures}
        with HISTORY.open("a", encoding="utf-8") as history:
            history.write(json.dumps(line) + "\n")
        print(f"recorded in {HISTORY.relative_to(ROOT)}")
    best = float("inf")
    for _ in range(options.rounds):
        started = time.perf_counter()
        for case in cases:
            read(case)
        best = min(best, time.perf_counter() - started)
    print(f"speed: {len(cases) / best:,.0f} messages per second (best of {options.rounds})")
    if options.misses:
        print("\n".join(result.misses))


if __name__ == "__main__":
    main()
