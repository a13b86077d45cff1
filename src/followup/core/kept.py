"""Advice as it is kept and shown: the core's Advice with what showing it needs of its case (the
moment it is for, the employer's name and time zone, your time zone and waking hours, the notes
on reading the case). The store keeps its JSON; the pages, the API and the command line show it;
both depend on this record, not on each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.model import (
    Action,
    Advice,
    Case,
    Channel,
    Purpose,
    Reason,
    Rule,
    RuledOut,
    Span,
    Window,
)


@dataclass(frozen=True)
class KeptAdvice:
    """An advice with its context, as the store keeps it (as_json) and reads it back (from_json)."""

    advice: Advice
    now: datetime  # the moment it is for, in the employer's time zone
    employer: str
    employer_zone: ZoneInfo
    your_zone: ZoneInfo
    waking_hours: Span
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, advice: Advice, case: Case, now: datetime, notes: tuple[str, ...] = ()) -> KeptAdvice:
        """The advice on a case at `now`, with what showing it needs of the case."""
        theirs = case.employer.timezone
        return cls(
            advice,
            now.astimezone(theirs),
            case.employer.name,
            theirs,
            case.candidate.timezone or theirs,
            case.candidate.waking_hours,
            tuple(notes),
        )

    def as_json(self) -> dict[str, Any]:
        """The record as JSON holds it: what the store keeps, and what the API and `--json` show."""
        advice, mine = self.advice, self.your_zone
        return {
            "action": advice.action.value,
            "purpose": advice.purpose.value if advice.purpose else None,
            "channel": advice.channel.value if advice.channel else None,
            "not_before": _iso(advice.not_before),
            "windows": [_window_json(window, mine) for window in advice.windows],
            "reasons": [{"rule": str(reason.rule), "text": reason.text} for reason in advice.reasons],
            "pros": list(advice.pros),
            "cons": list(advice.cons),
            "deadline": _iso(advice.deadline),
            "move_on_at": _iso(advice.move_on_at),
            "deliver_at": _iso(advice.deliver_at),
            "ruled_out": [
                {
                    "channel": ruled.channel.value,
                    "rule": str(ruled.rule),
                    "text": ruled.text,
                    "said_at": _iso(ruled.said_at),
                }
                for ruled in advice.ruled_out
            ],
            "now": self.now.isoformat(),
            "employer": {"name": self.employer, "timezone": self.employer_zone.key},
            "candidate": {
                "timezone": mine.key,
                "waking_hours": words.span(self.waking_hours.start, self.waking_hours.end),
            },
            "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, body: dict[str, Any], changes_at: datetime | None = None) -> KeptAdvice:
        """The record of its JSON, as as_json wrote it (`changes_at` is kept beside it)."""
        advice = Advice(
            action=Action(body["action"]),
            purpose=Purpose(body["purpose"]) if body["purpose"] else None,
            channel=Channel(body["channel"]) if body["channel"] else None,
            not_before=_moment(body["not_before"]),
            windows=tuple(
                Window(
                    datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"]), item["rank"]
                )
                for item in body["windows"]
            ),
            reasons=tuple(Reason(Rule(item["rule"]), item["text"]) for item in body["reasons"]),
            pros=tuple(body["pros"]),
            cons=tuple(body["cons"]),
            deadline=_moment(body["deadline"]),
            move_on_at=_moment(body["move_on_at"]),
            deliver_at=_moment(body["deliver_at"]),
            ruled_out=tuple(
                RuledOut(Channel(item["channel"]), Rule(item["rule"]), item["text"], _moment(item["said_at"]))
                for item in body["ruled_out"]
            ),
            changes_at=changes_at,
        )
        start, _, end = body["candidate"]["waking_hours"].partition("-")
        return cls(
            advice,
            datetime.fromisoformat(body["now"]),
            body["employer"]["name"],
            ZoneInfo(body["employer"]["timezone"]),
            ZoneInfo(body["candidate"]["timezone"]),
            Span(_minutes(start), _minutes(end)),
            tuple(body.get("notes") or ()),
        )


def _window_json(window: Window, mine: ZoneInfo) -> dict[str, Any]:
    return {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "rank": window.rank,
        "quality": window.quality,
        "candidate_start": window.start.astimezone(mine).isoformat(),
        "candidate_end": window.end.astimezone(mine).isoformat(),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _minutes(clock: str) -> int:
    """'08:30' as minutes since midnight."""
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes)
