"""Readers for the fields of a case file, and of every other way in (followup.casefile.stored):
each names the field it reads when it fails. Text is read as the store can keep it (UTF-8, no
NUL, within the limits of followup.casefile.limits), one line unless it is a note, JSON with its
nesting bounded, numbers and ids in ASCII digits, time zones by their IANA names."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from followup.casefile.limits import LARGEST_ID, LONGEST, MANY_LINES, MOST_NESTED, OTHER_TEXT
from followup.core.model import DAY_NAMES

E = TypeVar("E", bound=Enum)

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DIGITS = re.compile(r"[0-9]+")  # ASCII only: int() takes " 1", "1_0" and Arabic-Indic digits too
SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LINE_SPACE = frozenset("\n\r\t\u2028\u2029")  # what a text of many lines may hold
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
MONTH_DAY = re.compile(r"(?:--)?(\d{2})-(\d{2})")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
# Instants outside these years are typing mistakes, and near 1 or 9999 the date arithmetic overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class CaseError(ValueError):
    """Bad input, naming where it is: 'events[2].at: ... has no UTC offset'."""

    def __init__(self, where: str, problem: str) -> None:
        where, problem = escaped(where), escaped(problem)  # said as they were given, even if not text
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def escaped(message: str) -> str:
    """A message that UTF-8 can carry: a lone surrogate in a value it quotes written as \\udce9."""
    if SURROGATE.search(message) is None:
        return message
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


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
    """Some text, the spaces around it dropped, as plain_text checks it."""
    if not isinstance(value, str) or not value.strip():
        raise CaseError(where, f"expected some text, got {show(value)}")
    return plain_text(value.strip(), where)


def plain_text(value: Any, where: str, longest: int | None = None, *, lines: bool | None = None) -> str:
    """A text the store can keep: UTF-8, no NUL character, and no longer than the limit of its
    field (`longest`, else the limit of the field `where` names: events[2].note -> note). It holds
    no control character, and is one line unless it may hold many (`lines`, else when its field
    is one of MANY_LINES): a line break in a role would cut an email's Subject."""
    if not isinstance(value, str):
        raise CaseError(where, f"expected text, got {show(value)}")
    utf8(value, where)
    if "\x00" in value:  # PostgreSQL's text cannot hold it: refused on SQLite too
        raise CaseError(where, "holds a NUL character")
    most = longest or LONGEST.get(field_of(where), OTHER_TEXT)
    if len(value) > most:
        raise CaseError(where, f"too long: {len(value):,} characters (at most {most:,})")
    return no_control(value, where, field_of(where) in MANY_LINES if lines is None else lines)


def no_control(value: str, where: str, lines: bool) -> str:
    """The text, unless it holds a control character: a line break or a tab in a text of one
    line, anything else (a bell, an escape) in any text."""
    for found in CONTROL.finditer(value):
        char = found[0]
        if lines and char in LINE_SPACE:
            continue
        shown = repr(char)[1:-1]
        if not lines and (char == "\t" or char in LINE_BREAKS):
            what = "a tab" if char == "\t" else "a line break"
            raise CaseError(where, f"holds {what} ({shown}): it is one line of text")
        raise CaseError(where, f"holds a control character ({shown})")
    return value


def field_of(where: str) -> str:
    """The name of the field a place names: 'events[2].note' -> 'note', 'line 7.email' -> 'email'."""
    return where.rsplit(".", 1)[-1].split("[", 1)[0]


def utf8(value: str, where: str) -> str:
    """Text that UTF-8 can hold. A lone surrogate cannot: the JSON escape \\ud800 alone, or a
    byte of another encoding given on the command line (Python reads Caf\\xe9 as Caf\\udce9)."""
    if SURROGATE.search(value):
        raise CaseError(where, f"{show(value)} is not UTF-8 text (it holds a lone surrogate)")
    return value


def as_given(text: str) -> str:
    """A text that is not UTF-8 as the bytes it came as (b'Caf\\xe9'), shortened: a byte of
    another encoding is read as a lone surrogate (Python's surrogateescape)."""
    try:
        given = repr(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate no byte gives: passed as text, not as bytes
        given = repr(text)
    return given if len(given) <= 60 else given[:57] + "..."


def plain_json(value: Any, where: str = "") -> Any:
    """A JSON value whose every key and text is plain (UTF-8, no NUL character), nested at most
    MOST_NESTED deep; else a CaseError naming the place. Walked with a list, not by recursion,
    so that no nesting can overflow the stack."""
    waiting: list[tuple[Any, str, int]] = [(value, where, 0)]
    while waiting:
        item, at, depth = waiting.pop()
        if isinstance(item, str):
            utf8(item, at)
            if "\x00" in item:
                raise CaseError(at, "holds a NUL character")
        elif isinstance(item, float) and not math.isfinite(item):
            raise CaseError(at, f"{item} is not a number JSON can hold")
        elif isinstance(item, Mapping | list):
            if depth >= MOST_NESTED:
                raise CaseError(at, f"nested more than {MOST_NESTED} deep")
            inner: list[tuple[Any, str, int]] = []
            for key, inside in item.items() if isinstance(item, Mapping) else enumerate(item):
                place = f"{at}[{key}]" if isinstance(item, list) else f"{at}.{key}" if at else str(key)
                if isinstance(key, str):
                    inner.append((key, place, depth))  # a key is checked as a text
                inner.append((inside, place, depth + 1))
            waiting.extend(reversed(inner))  # the first in the document is named first
    return value


def parse_json(source: str | bytes, where: str = "") -> Any:
    """JSON text read whole and checked by plain_json; a CaseError says what is wrong, and where.
    Too deep to read, or a number too long to read, is said as such."""
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        raise CaseError(
            where, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except UnicodeDecodeError:
        raise CaseError(where, "the file is not UTF-8 text") from None
    except RecursionError:
        raise CaseError(where, f"invalid JSON: nested too deeply (at most {MOST_NESTED} levels)") from None
    except ValueError:  # the only other: a number with more digits than Python will read
        raise CaseError(where, "invalid JSON: a number has too many digits") from None
    return plain_json(data, where)


def whole_text(value: str, where: str, *, low: int = 0, high: int = 10_000) -> int:
    """A whole number written in ASCII digits (a minus sign allowed), within its range."""
    digits = value.removeprefix("-")
    if not DIGITS.fullmatch(digits) or len(digits) > 18:
        raise CaseError(where, f"expected a whole number, got {show(value)}")
    return whole(int(value), where, low=low, high=high)


def record_id(value: str, where: str) -> int:
    """An id as the store shows it: ASCII digits only, from 1."""
    if not DIGITS.fullmatch(value) or len(value) > 19 or not 0 < int(value) < LARGEST_ID:
        raise CaseError(where, f"{show(value)} is not an id (a whole number from 1, in ASCII digits, like 3)")
    return int(value)


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
    """A time zone by its IANA name, one of the list the system has: a name is looked up in that
    list before a zone file is opened for it, so that a path or a name too long for a file name
    is only an unknown zone."""
    if not isinstance(value, str) or not value:
        raise CaseError(where, f"expected an IANA time zone like America/Chicago, got {show(value)}")
    unknown = CaseError(where, f"unknown time zone {show(value)} (expected an IANA name like Europe/Paris)")
    if value not in iana_names():
        raise unknown
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise unknown from None


@cache
def iana_names() -> frozenset[str]:
    """The IANA names of the time zones the system has (read once: a few dozen milliseconds),
    less the system's own links (localtime: this computer's zone, whatever it is)."""
    return frozenset(available_timezones()) - {"localtime", "posixrules"}
