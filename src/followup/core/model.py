"""The values the engine reads and returns: a case, its events, the policy and the advice.

Everything here is immutable. Times of day are minutes since local midnight; instants are
time-zone-aware datetimes; days are plain dates in the employer's calendar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

Day = date  # a field named `date` below would hide the type

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VISIT = "visit"


class Purpose(StrEnum):
    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    CALL_BACK = "call_back"


class Action(StrEnum):
    FOLLOW_UP = "follow_up"
    WAIT = "wait"
    DO_NOT_CONTACT = "do_not_contact"
    MOVE_ON = "move_on"
    DONE = "done"


class Kind(StrEnum):
    """Every event kind a case may hold."""

    # What the employer said: instructions.
    NO_CONTACT = "no_contact"
    WAIT_FOR_US = "wait_for_us"
    DECISION_BY = "decision_by"
    CALL_BACK = "call_back"
    PREFER_CHANNEL = "prefer_channel"
    OK_TO_FOLLOW_UP = "ok_to_follow_up"
    # What the candidate did.
    CONTACTED = "contacted"
    INTERVIEWED = "interviewed"
    # Outcomes.
    IN_RUNNING = "in_running"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"
    OFFER = "offer"
    WITHDRAWN = "withdrawn"


ALL_CHANNELS = frozenset(Channel)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a day, in minutes since local midnight, end excluded."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Busy:
    """A slot the employer is known to be busy, on some of its working days."""

    days: frozenset[int]
    span: Span


@dataclass(frozen=True, slots=True)
class DayHours:
    """Opening hours of one kind of day."""

    open: int
    close: int
    lunch: Span | None


@dataclass(frozen=True, slots=True)
class Variant:
    """Other hours on some weekdays, optionally only between two days of the year (MM-DD)."""

    days: frozenset[int]
    hours: DayHours
    season: tuple[tuple[int, int], tuple[int, int]] | None = None

    def applies(self, day: date) -> bool:
        if day.weekday() not in self.days:
            return False
        if self.season is None:
            return True
        return _in_annual_range((day.month, day.day), self.season)


@dataclass(frozen=True, slots=True)
class Closures:
    """Days the employer is closed: single dates, date ranges and yearly ranges (MM-DD)."""

    dates: frozenset[date] = frozenset()
    ranges: tuple[tuple[date, date], ...] = ()
    yearly: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        if day in self.dates:
            return True
        if any(first <= day <= last for first, last in self.ranges):
            return True
        month_day = (day.month, day.day)
        return any(_in_annual_range(month_day, period) for period in self.yearly)


def _in_annual_range(month_day: tuple[int, int], period: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    first, last = period
    if first <= last:
        return first <= month_day <= last
    return month_day >= first or month_day <= last  # wraps the new year: 12-29 to 01-05


@dataclass(frozen=True)
class Hours:
    """When an employer works, in its own time zone."""

    days: frozenset[int]
    regular: DayHours
    busy: tuple[Busy, ...] = ()
    closed: Closures = Closures()
    best: tuple[Span, ...] = ()
    variants: tuple[Variant, ...] = ()

    def on(self, day: date) -> DayHours:
        for variant in self.variants:
            if variant.applies(day):
                return variant.hours
        return self.regular


class HolidayCalendar(Protocol):
    """Public holidays: a day is in it when it is one; `name` says which."""

    def __contains__(self, day: object) -> bool: ...

    def name(self, day: date) -> str | None: ...


class NoHolidays:
    def __contains__(self, day: object) -> bool:
        return False

    def name(self, day: date) -> str | None:
        return None


@dataclass(frozen=True)
class Employer:
    name: str
    timezone: ZoneInfo
    hours: Hours
    holidays: HolidayCalendar = field(default_factory=NoHolidays)
    country: str | None = None
    subdivision: str | None = None
    allows_visits: bool = False


@dataclass(frozen=True)
class Candidate:
    timezone: ZoneInfo | None = None
    local_to_employer: bool = False


@dataclass(frozen=True)
class Interview:
    at: datetime
    round: int = 1
    format: str | None = None
    minutes: int = 60


@dataclass(frozen=True)
class Event:
    """Something that happened: what the employer said, a contact made, an outcome."""

    at: datetime
    kind: Kind
    date: Day | None = None
    until: Day | None = None
    channel: Channel | None = None
    channels: frozenset[Channel] = frozenset()
    purpose: Purpose | None = None
    answered: bool = False
    released: bool = False
    silence_means_no: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Case:
    employer: Employer
    interview: Interview
    events: tuple[Event, ...] = ()
    candidate: Candidate = Candidate()


@dataclass(frozen=True)
class Policy:
    """Every number the engine uses; docs/rules.md gives each one's source."""

    first_check_in_business_days: int = 7
    after_decision_date_business_days: int = 2
    max_check_ins: int = 2
    check_in_spacing_business_days: int = 5
    move_on_after_business_days: int = 7
    silent_move_on_business_days: int = 15
    on_hold_check_in_business_days: int = 15
    thank_you_within_hours: int = 24
    thank_you_allowed_when_waiting: bool = True
    avoid_first_minutes: int = 30
    avoid_last_minutes: int = 60
    default_channel: Channel = Channel.EMAIL
    window_count: int = 5
    window_horizon_business_days: int = 15
    min_window_minutes: int = 15


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class Window:
    """A good time to make the contact, in the employer's time zone. Rank 1 is best."""

    start: datetime
    end: datetime
    rank: int

    @property
    def quality(self) -> str:
        return QUALITY[self.rank]


QUALITY: Mapping[int, str] = {1: "best", 2: "good", 3: "fair"}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that decided, with its stable id and a sentence a job seeker understands."""

    rule: str
    text: str


@dataclass(frozen=True)
class Advice:
    action: Action
    purpose: Purpose | None
    channel: Channel | None
    not_before: datetime | None
    windows: tuple[Window, ...]
    reasons: tuple[Reason, ...]
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    deadline: datetime | None = None
    move_on_at: datetime | None = None
