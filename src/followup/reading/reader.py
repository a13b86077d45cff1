"""Read what an employer said: the signals in a note or a message, their dates resolved on the
employer's calendar, each with the words that gave it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from followup.casefile import read_employer
from followup.casefile.stored import SIGNAL_KINDS
from followup.core import DEFAULT_POLICY
from followup.core.model import HolidayCalendar
from followup.core.workdays import WorkCalendar
from followup.reading.dates import MONTH_FIRST, DateReader
from followup.reading.learned import Model, model
from followup.reading.limits import check_text
from followup.reading.message import own_words
from followup.reading.patterns import OUT_OF_OFFICE
from followup.reading.signals import Signal, read_signals

KINDS = SIGNAL_KINDS  # what a reading may find


@dataclass(frozen=True, slots=True)
class Where:
    """The employer whose words these are: its time zone, country and region."""

    timezone: str = "UTC"
    country: str | None = None
    subdivision: str | None = None


def read_words(
    text: str, said_at: datetime, where: Where, date_order: str | None = None, learned: Model | None = None
) -> list[Signal]:
    """The signals in text said at said_at, dates resolved on the employer's calendar.
    date_order ('mdy' or 'dmy') says how numeric dates are written; default: the country's way.
    learned: the model of what sentences say (default: the shipped one). TooLong for a text of
    more than LONGEST_TEXT characters."""
    check_text(text)
    calendar = _calendar(where.timezone, where.country, where.subdivision, said_at.year)
    said = said_at.astimezone(calendar.zone).date()
    month_first = (date_order == "mdy") if date_order else (where.country or "US") in MONTH_FIRST
    dates = DateReader(said, calendar.add_business_days, month_first, holiday_named(calendar.holidays))
    return read_signals(text, dates, learned or model())


def read_message(
    text: str, said_at: datetime, where: Where, date_order: str | None = None, learned: Model | None = None
) -> tuple[str, list[Signal]]:
    """The words a message says (without what it quotes, its signature, its disclaimer or its
    no-reply footer), and the signals in them. TooLong for a text of more than LONGEST_TEXT
    characters."""
    check_text(text)
    words = own_words(text)
    if OUT_OF_OFFICE.search(words[:400]):  # an auto-reply says nothing of the employer's plans
        return words, []
    return words, read_words(words, said_at, where, date_order, learned)


HOLIDAYS_AHEAD = 2  # years looked through for a holiday named


def holiday_named(holidays: HolidayCalendar) -> Callable[[str, date], date | None]:
    """The first public holiday after a day whose name holds the words ("labor day" in "Labor
    Day"), from the employer's calendar of holidays."""

    def named(words: str, after: date) -> date | None:
        for year in range(after.year, after.year + HOLIDAYS_AHEAD):
            for day in sorted(holidays.dates(year)):
                if day > after and words in (holidays.name(day) or "").lower():
                    return day
        return None

    return named


@lru_cache(maxsize=64)
def _calendar(timezone: str, country: str | None, subdivision: str | None, year: int) -> WorkCalendar:
    given: dict[str, Any] = {"name": "Employer", "timezone": timezone}
    if country:
        given["country"] = country
    if subdivision:
        given["subdivision"] = subdivision
    employer, _notes = read_employer(given, year)
    return WorkCalendar(employer, DEFAULT_POLICY)


def signal_json(signal: Signal) -> dict[str, Any]:
    """A signal as JSON: its kind, fields, confidence, and the words that gave it."""
    return {
        "kind": signal.kind,
        "date": _day(signal.date),
        "until": _day(signal.until),
        "channels": list(signal.channels),
        "channel": signal.channel,
        "silence_means_no": signal.silence_means_no,
        "released": signal.released,
        "confidence": signal.confidence,
        "maybe": signal.maybe,
        "evidence": signal.evidence,
        "start": signal.start,
        "end": signal.end,
        "corrected": None,  # how and when you corrected it: reading.templates
    }


def event_of(signal: dict[str, Any], said_at: datetime, words: str) -> dict[str, Any]:
    """The event a signal (as signal_json gives it) proposes, as a case file holds it, the words
    kept as its note."""
    item: dict[str, Any] = {"at": said_at.astimezone(UTC).isoformat(), "kind": signal["kind"]}
    for name in ("date", "until", "channel"):
        if signal.get(name):
            item[name] = signal[name]
    if signal.get("channels"):
        item["channels"] = list(signal["channels"])
    for name in ("silence_means_no", "released"):
        if signal.get(name):
            item[name] = True
    item["note"] = words
    return item


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
