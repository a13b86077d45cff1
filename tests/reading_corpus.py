"""The labelled reading corpus (tests/data/reading/*.jsonl) and how the reader scores on it:
per-kind precision and recall, macro F1, date accuracy. Used by the tests and bench/read.py."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from followup.reading.learned import Model
from followup.reading.limits import LONGEST_TEXT
from followup.reading.message import read_email
from followup.reading.reader import KINDS, Where, read_message, signal_json

CORPUS = Path(__file__).parent / "data" / "reading"
REAL_LABELS = CORPUS / "real" / "labels.jsonl"  # labels of real emails kept elsewhere: load_real


@dataclass(frozen=True)
class Case:
    id: str
    said_at: datetime
    where: Where
    text: str | None
    eml: str | None
    expected: list[dict[str, Any]]
    tags: tuple[str, ...]
    writer: str  # who wrote it (or the set it came in): cross-validation keeps a writer's items together


def load(folder: Path = CORPUS) -> list[Case]:
    """The cases of every .jsonl file in the folder (not below it: heldout/ is kept apart)."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            employer = item["employer"]
            cases.append(
                Case(
                    id=item["id"],
                    said_at=datetime.fromisoformat(item["said_at"]),
                    where=Where(employer["timezone"], employer.get("country"), employer.get("subdivision")),
                    text=item.get("text"),
                    eml=item.get("eml"),
                    expected=item["expected"],
                    tags=tuple(item.get("tags", ())),
                    writer=item.get("writer") or path.stem,
                )
            )
    return cases


def load_real(table: Path, labels: Path = REAL_LABELS) -> list[Case]:
    """Real emails, read in place from a CSV file (the public set of anonymised ATS emails: a row
    id in its first column, the body in `email_body`), with the labels kept here by row id. A
    row whose body is not the one labelled (its SHA-1 differs) is refused."""
    csv.field_size_limit(LONGEST_TEXT)
    with table.open(encoding="utf-8", newline="") as rows:
        bodies = {
            row[""] if "" in row else row["Unnamed: 0"]: row["email_body"] for row in csv.DictReader(rows)
        }
    cases = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        body = bodies.get(str(item["row"]))
        if body is None or hashlib.sha1(body.encode()).hexdigest() != item["sha1"]:
            raise ValueError(f"{table}: row {item['row']} is not the email labelled in {labels}")
        employer = item["employer"]
        cases.append(
            Case(
                id=f"real-{item['row']}",
                said_at=datetime.fromisoformat(item["said_at"]),
                where=Where(employer["timezone"], employer.get("country"), employer.get("subdivision")),
                text=body,
                eml=None,
                expected=item["expected"],
                tags=tuple(item.get("tags", ())),
                writer="real",
            )
        )
    return cases


def said(case: Case) -> tuple[str, datetime]:
    """The words of a case as given to the reader (an email's body, a note's text), and when."""
    if case.eml is not None:
        message = read_email(case.eml)
        return message.text, message.said_at or case.said_at
    return case.text or "", case.said_at


def read(case: Case, learned: Model | None = None) -> list[dict[str, Any]]:
    """What the reader finds in a case, as JSON signals (with the model given, else the shipped one)."""
    text, said_at = said(case)
    return [signal_json(signal) for signal in read_message(text, said_at, case.where, learned=learned)[1]]


@dataclass
class Score:
    true: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    dated: int = 0
    dates_right: int = 0
    channels_checked: int = 0
    channels_right: int = 0
    misses: list[str] = field(default_factory=list)
    messages: int = 0
    exact: int = 0  # messages read exactly right: every kind, date and field, nothing more
    false_bans: int = 0  # a no_contact found where none was said
    false_outcomes: int = 0  # a rejection or an offer found where none was said
    missed_rejections: int = 0

    def precision(self, kind: str) -> float:
        found = self.true[kind] + self.false_positive[kind]
        return self.true[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        expected = self.true[kind] + self.false_negative[kind]
        return self.true[kind] / expected if expected else 1.0

    def f1(self, kind: str) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    def macro_f1(self) -> float:
        kinds = [
            kind for kind in KINDS if self.true[kind] + self.false_negative[kind] + self.false_positive[kind]
        ]
        return sum(self.f1(kind) for kind in kinds) / len(kinds) if kinds else 1.0

    def date_accuracy(self) -> float:
        return self.dates_right / self.dated if self.dated else 1.0

    def __iadd__(self, other: Score) -> Score:
        """Another score's counts added: the folds of a cross-validation pooled."""
        for each in fields(self):
            setattr(self, each.name, getattr(self, each.name) + getattr(other, each.name))
        return self

    def exact_share(self) -> float:
        return self.exact / self.messages if self.messages else 1.0

    def summary(self) -> dict[str, Any]:
        """The figures a held-out set's first score keeps."""
        return {
            "items": self.messages,
            "exact": round(self.exact_share(), 3),
            "macro_f1": round(self.macro_f1(), 3),
            "date_accuracy": round(self.date_accuracy(), 3),
            "false_bans": self.false_bans,
            "false_outcomes": self.false_outcomes,
            "missed_rejections": self.missed_rejections,
            "rejections": self.true["rejected"] + self.false_negative["rejected"],
        }


def score(
    cases: list[Case],
    learned: Model | None = None,
    reading: Callable[[Case], list[dict[str, Any]]] | None = None,
) -> Score:
    """How the reader (with the model given, else the shipped one) reads the cases; or, with
    `reading`, how another reading of them (a second person's labels) agrees with their labels."""
    result = Score()
    for case in cases:
        found = {signal["kind"]: signal for signal in (reading(case) if reading else read(case, learned))}
        expected = {signal["kind"]: signal for signal in case.expected}
        right = set(found) == set(expected)
        for kind in set(found) | set(expected):
            if kind in found and kind in expected:
                result.true[kind] += 1
            elif kind in found:
                result.false_positive[kind] += 1
                result.false_bans += kind == "no_contact"
                result.false_outcomes += kind in ("rejected", "offer")
                result.misses.append(f"{case.id}: found {kind} not expected ({found[kind]['evidence']!r})")
            else:
                result.false_negative[kind] += 1
                result.missed_rejections += kind == "rejected"
                result.misses.append(f"{case.id}: missed {kind}")
        for kind, want in expected.items():
            got = found.get(kind)
            if want.get("date") or want.get("until"):
                result.dated += 1
                if got is not None and (got["date"], got["until"]) == (want.get("date"), want.get("until")):
                    result.dates_right += 1
                else:
                    right = False
                    shown = (got["date"], got["until"]) if got else None
                    want_shown = (want.get("date"), want.get("until"))
                    result.misses.append(f"{case.id}: {kind} date {shown}, expected {want_shown}")
            elif got is not None and (got["date"] or got["until"]):
                right = False
                result.misses.append(f"{case.id}: {kind} dated {got['date']}, expected no date")
            if got is not None and kind in (
                "no_contact",
                "ok_to_follow_up",
                "call_back",
                "prefer_channel",
                "on_hold",
                "decision_by",
            ):
                result.channels_checked += 1
                same = (
                    sorted(got["channels"]) == sorted(want.get("channels") or [])
                    and got["channel"] == want.get("channel")
                    and got["silence_means_no"] == bool(want.get("silence_means_no"))
                    and got["released"] == bool(want.get("released"))
                )
                result.channels_right += same
                right = right and same
                if not same:
                    result.misses.append(f"{case.id}: {kind} fields {got}, expected {want}")
        result.messages += 1
        result.exact += right
    return result
