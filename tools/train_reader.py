"""Train the reader's model (followup.reading.learned) on the labelled corpus in tests/data/reading,
and measure how the reader generalises: cross-validation grouped by writer, never a random split.

    python tools/train_reader.py            # writes src/followup/reading/kinds.model
    python tools/train_reader.py --cv       # also: grouped cross-validation of the whole reader

The model learns what a sentence says. Each sentence of a message is labelled from the corpus:
with the kind whose evidence it holds (an item's `evidence`, else the rules' own evidence where
they found the kind); as not saying a kind the message does not hold; and is left out for a kind
the message holds elsewhere or that the way signals go together would hide. Training is
deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.reading_corpus import Case, Score, load, said, score  # noqa: E402

from followup.reading import signals  # noqa: E402
from followup.reading.learned import MODEL, NO_MODEL, Model, features  # noqa: E402
from followup.reading.message import own_words  # noqa: E402
from followup.reading.reader import KINDS, read_message  # noqa: E402
from followup.reading.signals import sentences  # noqa: E402

OUT = ROOT / "src" / "followup" / "reading" / MODEL
STRENGTH = 1.0  # inverse regularisation of each kind's logistic regression
# What the way signals go together hides, so that a message's label says nothing of it: a kind
# given, the kinds that may be said beside it and not labelled.
HIDDEN_BESIDE = {
    "offer": {"wait_for_us", "decision_by", "ok_to_follow_up", "in_running", "on_hold", "rejected"},
    "rejected": {"wait_for_us", "decision_by", "prefer_channel", "in_running", "on_hold"},
    "decision_by": {"wait_for_us"},
    "on_hold": {"in_running"},
    "call_back": {"ok_to_follow_up", "wait_for_us"},
}


def labelled(case: Case) -> tuple[list[tuple[str, dict[str, int]]], set[str]]:
    """The sentences of a case, each with, per kind, 1 (says it), 0 (does not), or no entry (not
    known); and the kinds the case holds whose sentence is not known."""
    given, said_at = said(case)
    text = own_words(given)
    parts = sentences(text)
    kinds = {signal["kind"] for signal in case.expected}
    hidden = set().union(*(HIDDEN_BESIDE.get(kind, set()) for kind in kinds))
    where: dict[str, set[int]] = defaultdict(set)  # a kind: the sentences that say it
    unplaced = set()
    by_rules = None
    for signal in case.expected:
        place = _sentence_of(parts, text, signal.get("evidence"))
        if place is None:
            if by_rules is None:
                by_rules = {
                    found.kind: found.start
                    for found in read_message(text, said_at, case.where, learned=NO_MODEL)[1]
                }
            if signal["kind"] in by_rules:
                place = _sentence_at(parts, by_rules[signal["kind"]])
        if place is None:
            unplaced.add(signal["kind"])
        else:
            where[signal["kind"]].add(place)
    rows = []
    for index, (_start, sentence) in enumerate(parts):
        labels = {}
        for kind in KINDS:
            if index in where[kind]:
                labels[kind] = 1
            elif kind not in kinds and kind not in hidden:  # a kind held may be said here too: unknown
                labels[kind] = 0
        rows.append((sentence, labels))
    return rows, unplaced


def _sentence_of(parts: list[tuple[int, str]], text: str, evidence: str | None) -> int | None:
    if not evidence:
        return None
    at = _find(text, evidence)
    return None if at is None else _sentence_at(parts, at)


def _find(text: str, evidence: str) -> int | None:
    """Where the evidence starts in the text, spacing and case aside."""
    folded = " ".join(text.split()).casefold()
    wanted = " ".join(evidence.split()).casefold()
    at = folded.find(wanted)
    if at < 0:
        at = folded.find(wanted[:40])
    if at < 0:
        return None
    # back to the text's own offsets: count the non-space characters before it
    seen = len(folded[:at].replace(" ", ""))
    for offset, character in enumerate(text):
        if not character.isspace():
            if seen == 0:
                return offset
            seen -= 1
    return None


def _sentence_at(parts: list[tuple[int, str]], at: int) -> int | None:
    for index, (start, sentence) in enumerate(parts):
        if start <= at < start + len(sentence):
            return index
    return None


def train(cases: list[Case]) -> Model:
    """The model the cases teach. A kind a case holds in a sentence not known is placed, in a
    second round, in the sentence the first round's model finds most likely to say it."""
    examples = [labelled(case) for case in cases]
    first = _fit([row for rows, _unplaced in examples for row in rows])
    placed = []
    for rows, unplaced in examples:
        if unplaced and rows:
            likely = [first.likelihoods(sentence) for sentence, _labels in rows]
            for kind in unplaced:
                best = max(range(len(rows)), key=lambda index, kind=kind: likely[index][kind])
                rows[best][1][kind] = 1
        placed += rows
    return _fit(placed)


def _fit(rows: list[tuple[str, dict[str, int]]]) -> Model:
    """Per kind, a logistic regression over the hashed features of the sentences labelled for it."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    hashed = [(features(sentence), labels) for sentence, labels in rows]
    seen = sorted({feature for row, _labels in hashed for feature in row})
    column = {feature: index for index, feature in enumerate(seen)}
    weights, bias = [], []
    for kind in KINDS:
        taken = [(row, labels[kind]) for row, labels in hashed if kind in labels]
        data = [1.0 for row, _label in taken for _feature in row]
        indices = [column[feature] for row, _label in taken for feature in row]
        pointers = [0]
        for row, _label in taken:
            pointers.append(pointers[-1] + len(row))
        matrix = csr_matrix((data, indices, pointers), shape=(len(taken), len(seen)))
        answers = [label for _row, label in taken]
        fitted = LogisticRegression(C=STRENGTH, solver="liblinear", max_iter=1000)
        fitted.fit(matrix, answers)
        weights.append(fitted.coef_[0])
        bias.append(float(fitted.intercept_[0]))
    largest = max(float(abs(kind_weights).max()) for kind_weights in weights)
    scale = largest / 127
    table = {}
    for index, feature in enumerate(seen):
        quantised = tuple(round(float(kind_weights[index]) / scale) for kind_weights in weights)
        if any(quantised):
            table[feature] = quantised
    return Model.of(KINDS, tuple(round(value, 6) for value in bias), table, scale)


def cross_validate(cases: list[Case], folds: int = 5, settings: list[float] | None = None) -> None:
    """The whole reader scored on each writer's items with a model trained without them; with
    settings, also scored at each of those likelihoods for the model's proposals (PROPOSED, the
    others' thresholds moved as far), to choose it on held-out writers alone."""
    writers = sorted({case.writer for case in cases})
    group = {writer: index % folds for index, writer in enumerate(writers)}
    pooled = Score()
    tried = {setting: Score() for setting in settings or []}
    for fold in range(folds):
        kept = [case for case in cases if group[case.writer] != fold]
        held = [case for case in cases if group[case.writer] == fold]
        if not held:
            continue
        model = train(kept)
        result = score(held, model)
        names = ", ".join(sorted({case.writer for case in held}))
        print(f"fold {fold} ({names}): {result.summary()}")
        pooled += result
        for setting, total in tried.items():
            with proposing_at(setting):
                total += score(held, model)
    print(f"all folds: {pooled.summary()}")
    print(f"{'kind':<16} {'precision':>9} {'recall':>7} {'F1':>6}")
    for kind in KINDS:
        print(
            f"{kind:<16} {pooled.precision(kind):>9.3f} {pooled.recall(kind):>7.3f} {pooled.f1(kind):>6.3f}"
        )
    for setting, total in tried.items():
        print(f"proposed at {setting}: {total.summary()}")


@contextmanager
def proposing_at(likelihood: float) -> Iterator[None]:
    """The reader proposing what the model finds at least this likely (the kinds that cost most
    a wrong guess as much above it as they are now)."""
    before = (signals.PROPOSED, dict(signals.PROPOSE))
    moved = likelihood - signals.PROPOSED
    signals.PROPOSED = likelihood
    signals.PROPOSE.update({kind: min(0.95, value + moved) for kind, value in before[1].items()})
    try:
        yield
    finally:
        signals.PROPOSED = before[0]
        signals.PROPOSE.clear()
        signals.PROPOSE.update(before[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="Also cross-validate, grouped by writer.")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--try",
        dest="settings",
        type=float,
        nargs="*",
        metavar="P",
        help="With --cv: also score proposing at these likelihoods.",
    )
    options = parser.parse_args()
    cases = load()
    model = train(cases)
    options.out.write_bytes(model.to_bytes())
    size = options.out.stat().st_size
    print(f"{options.out}: {len(model.packed):,} features, {size:,} bytes")
    if options.cv:
        cross_validate(cases, settings=options.settings)


if __name__ == "__main__":
    main()
