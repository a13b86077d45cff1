"""Readers for the fields of a case file. Each names the field it reads when it fails."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.core.model import DAY_NAMES

E = TypeVar("E", bound=Enum)

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_DAY = re.compile(r"(?:--)?(\d{2})-(\d{2})")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
# Instants outside these years are typing mistakes, and near 1 or 9999 the date arithmetic overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class CaseError(ValueError):
    """Bad input, naming where it is: 'events[2].at: ... has no UTC offset'."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def no_typos(given: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    """Fields beyond the known ones are allowed, but one that looks like a misspelt known field
    ("chanels") is an error: read as written, it would change what the case says."""
    for key in given:
        if key in known or not isinstance(key, str):
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
        if close:
            at = f"{where}.{key}" if where else key
            raise CaseError(at, f"unknown field; did you mean {close[0]}?")


def show(value: Any) -> str:
    """A value as it is written in JSON, shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CaseError(where, f"expected an object, got {show(value)}")
    return value


def array(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise CaseError(where, f"expected a list, got {show(value)}")
    return value


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CaseError(where, f"expected some text, got {show(value)}")
    return value.strip()


def flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise CaseError(where, f"expected true or false, got {show(value)}")
    return value


def whole(value: Any, where: str, *, low: int = 0, high: int = 10_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(where, f"expected a whole number, got {show(value)}")
    if not low <= value <= high:
        raise CaseError(where, f"{value} is out of range ({low} to {high})")
    return value


def choice(enum: type[E], value: Any, where: str) -> E:
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(member.value for member in enum)
        raise CaseError(where, f"unknown value {show(value)} (expected one of: {known})") from None


def instant(value: Any, where: str) -> datetime:
    """An ISO 8601 date and time with its UTC offset."""
    if not isinstance(value, str):
        raise CaseError(where, f"expected a date and time like 2026-03-04T09:00:00-05:00, got {show(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        if "out of range" in str(error) or "must be in" in str(error):
            raise CaseError(where, f"{show(value)} is not a date and time that exists") from None
        raise CaseError(where, f"{show(value)} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise CaseError(where, f"{show(value)} has no UTC offset (write it like 2026-03-04T09:00:00-05:00)")
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise CaseError(where, f"{show(value)} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
    return parsed


def day(value: Any, where: str) -> date:
    """A calendar date, YYYY-MM-DD."""
    if not isinstance(value, str) or not DATE.fullmatch(value):
        raise CaseError(where, f"expected a date like 2026-03-06, got {show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseError(where, f"{show(value)} is not a date that exists") from None


def month_day(value: Any, where: str) -> tuple[int, int]:
    """A day of any year, MM-DD (or --MM-DD)."""
    match = MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise CaseError(where, f"expected a day of the year like 12-24, got {show(value)}")
    month, day_ = int(match[1]), int(match[2])
    try:
        date(2024, month, day_)  # a leap year, so 02-29 exists
    except ValueError:
        raise CaseError(where, f"{show(value)} is not a day of the year that exists") from None
    return month, day_


def clock(value: Any, where: str) -> int:
    """A time of day, HH:MM (24:00 allowed), as minutes since midnight."""
    match = CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise CaseError(where, f"expected a time of day like 09:30, got {show(value)}")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise CaseError(where, f"{show(value)} is not a time of day that exists")
    return hours * 60 + minutes


def weekdays(value: Any, where: str) -> frozenset[int]:
    found = set()
    for index, name in enumerate(array(value, where)):
        key = name.lower() if isinstance(name, str) else name
        if key in DAY_NAMES:
            found.add(DAY_NAMES.index(key))
        elif key in FULL_DAY_NAMES:
            found.add(FULL_DAY_NAMES.index(key))
        else:
            raise CaseError(f"{where}[{index}]", f"unknown day {show(name)} (expected mon, tue, ... sun)")
    if not found:
        raise CaseError(where, "expected at least one day")
    return frozenset(found)


def timezone(value: Any, where: str) -> ZoneInfo:
    if not isinstance(value, str) or not value:
        raise CaseError(where, f"expected an IANA time zone like America/Chicago, got {show(value)}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise CaseError(
            where, f"unknown time zone {show(value)} (expected an IANA name like Europe/Paris)"
        ) from None
