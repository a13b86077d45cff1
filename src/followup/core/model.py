"""The values the engine reads and returns: a case, its events, the policy and the advice.

Everything here is immutable. Times of day are minutes since local midnight; instants are
time-zone-aware datetimes; days are plain dates in the employer's calendar.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple, Protocol
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
    """Days the employer is closed: single dates, date ranges and yearly ranges (MM-DD), the
    yearly ones with a name when they have one (`names`, in the order of `yearly`: Golden Week)."""

    dates: frozenset[date] = frozenset()
    ranges: tuple[tuple[date, date], ...] = ()
    yearly: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    names: tuple[str, ...] = ()

    def name(self, day: date) -> str | None:
        """The name of the yearly closure a day is in, if it has one."""
        month_day = (day.month, day.day)
        for period, name in zip(self.yearly, self.names, strict=False):
            if name and _in_annual_range(month_day, period):
                return name
        return None

    def __bool__(self) -> bool:
        return bool(self.dates or self.ranges or self.yearly)

    def in_year(self, year: int) -> set[date]:
        """Every closed day of one year."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        found = {day for day in self.dates if day.year == year}
        spans = [(max(start, first), min(end, last)) for start, end in self.ranges]
        for (from_month, from_day), (to_month, to_day) in self.yearly:
            start = _day_of(year, from_month, from_day)
            end = _day_of(year, to_month, to_day)
            if start <= end:
                spans.append((start, end))
            else:  # wraps the new year: the end of this year and its start
                spans += [(first, end), (start, last)]
        for start, end in spans:
            while start <= end:
                found.add(start)
                start += timedelta(days=1)
        return found

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        if day in self.dates:
            return True
        if not (self.ranges or self.yearly):
            return False
        if any(first <= day <= last for first, last in self.ranges):
            return True
        month_day = (day.month, day.day)
        return any(_in_annual_range(month_day, period) for period in self.yearly)


def _day_of(year: int, month: int, day: int) -> date:
    """A day of the year; 29 February is 28 February in other years."""
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, month, day)


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

    @cached_property
    def busy_by_weekday(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        return tuple(
            tuple((slot.span.start, slot.span.end) for slot in self.busy if weekday in slot.days)
            for weekday in range(7)
        )

    @cached_property
    def day_plans(self) -> dict[Any, Any]:
        """A memo of each kind of day's free time, kept with the hours it was worked out from."""
        return {}

    @cached_property
    def best_spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((span.start, span.end) for span in self.best)


class HolidayCalendar(Protocol):
    """Public holidays: the days of a year that are one, and the name of each."""

    def dates(self, year: int) -> Collection[date]: ...

    def name(self, day: date) -> str | None: ...


class NoHolidays:
    def dates(self, year: int) -> Collection[date]:
        return ()

    def name(self, day: date) -> str | None:
        return None


NO_HOLIDAYS = NoHolidays()


@dataclass(frozen=True)
class Employer:
    name: str
    timezone: ZoneInfo
    hours: Hours
    holidays: HolidayCalendar = NO_HOLIDAYS
    country: str | None = None
    subdivision: str | None = None
    allows_visits: bool = False


AWAKE = Span(8 * 60, 21 * 60)  # 08:00-21:00: when a job seeker takes and makes calls


@dataclass(frozen=True)
class Candidate:
    """You: your time zone (None: the employer's), whether you live near the employer, and your
    waking hours in your own time (a span that ends before it starts runs past midnight)."""

    timezone: ZoneInfo | None = None
    local_to_employer: bool = False
    waking_hours: Span = AWAKE


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
    minutes: int | None = None  # an interviewed event: how long that round lasted


@dataclass(frozen=True)
class Case:
    """One interview: the employer, the interview, and the events in time order."""

    employer: Employer
    interview: Interview
    events: tuple[Event, ...] = ()
    candidate: Candidate = Candidate()
    next_round: datetime | None = None  # the next interview round, when one is booked

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.events, key=_at))  # stable: same-time events keep their order
        if ordered != self.events:
            object.__setattr__(self, "events", ordered)


def _at(event: Event) -> datetime:
    return event.at


MOST = 250  # the largest number a setting takes, unless it says otherwise


def setting(default: Any, does: str, *, low: int = 0, high: int = MOST) -> Any:
    """A field of Policy: its default, what it does (the settings page says it), and, for a
    number, the lowest and highest it may be (a case file or the settings refuse others)."""
    return field(default=default, metadata={"does": does, "limits": (low, high)})


@dataclass(frozen=True)
class Policy:
    """Every number the engine uses, each with what it does and its limits; docs/rules.md gives
    each one's source. In the order the settings page lists them."""

    default_channel: Channel = setting(
        Channel.EMAIL, "How to follow up when they named no channel: most employers prefer email."
    )
    thank_you_within_hours: int = setting(
        24, "Send your thank-you note within this many hours of the interview.", low=1, high=24 * 14
    )
    thank_you_allowed_when_waiting: bool = setting(
        True, "A thank-you after the interview is fine, even when they will call."
    )
    first_check_in_business_days: int = setting(
        7, "With no timeline from them, check in this many business days after."
    )
    after_decision_date_business_days: int = setting(
        2, "When they gave a date, wait this many business days after it."
    )
    max_check_ins: int = setting(2, "Follow up at most this many times without an answer; then move on.")
    check_in_spacing_business_days: int = setting(5, "Leave this many business days between two follow-ups.")
    move_on_after_business_days: int = setting(
        7, "Move on this many business days after an unanswered last follow-up."
    )
    silent_move_on_business_days: int = setting(
        15, "When they asked for no contact, move on after this much silence."
    )
    on_hold_check_in_business_days: int = setting(
        15, "When the position is on hold, check in after this many business days."
    )
    avoid_first_minutes: int = setting(
        30, "No contact in the first minutes of their working day: they are settling in.", high=600
    )
    avoid_last_minutes: int = setting(
        60, "No contact in the last minutes of their working day: they are wrapping up.", high=600
    )
    window_count: int = setting(3, "How many good time windows to list.", low=1, high=50)
    window_horizon_business_days: int = setting(
        15, "How many business days ahead to look for good times.", low=1, high=120
    )
    min_window_minutes: int = setting(
        15, "Shorter free stretches are not listed as good times.", low=1, high=600
    )


DEFAULT_POLICY = Policy()


class Window(NamedTuple):
    """A good time to make the contact, in the employer's time zone. Rank 1 is best."""

    start: datetime
    end: datetime
    rank: int

    @property
    def quality(self) -> str:
        return QUALITY[self.rank]


QUALITY: Mapping[int, str] = {1: "best", 2: "good", 3: "fair"}


class Rule(StrEnum):
    """The stable id of each rule that can decide, as reasons give it: its family (outcome,
    instruction, schedule, silence, thank_you, channel, windows, email, calendar, interview), a
    dot, and the rule. Stored advice and the JSON keep the id's text."""

    CALENDAR_CLOSED_DAYS = "calendar.closed_days"
    CHANNEL_CALL_BACK = "channel.call_back"
    CHANNEL_DEFAULT = "channel.default"
    CHANNEL_INVITED = "channel.invited"
    CHANNEL_NOT_LOCAL = "channel.not_local"
    CHANNEL_PREFERRED = "channel.preferred"
    CHANNEL_RULED_OUT = "channel.ruled_out"
    CHANNEL_VISIT = "channel.visit"
    EMAIL_CLOSED = "email.closed"
    EMAIL_SCHEDULED_DELIVERY = "email.scheduled_delivery"
    INSTRUCTION_CALL_BACK = "instruction.call_back"
    INSTRUCTION_CALL_BACK_LAPSED = "instruction.call_back_lapsed"
    INSTRUCTION_DECISION_BY = "instruction.decision_by"
    INSTRUCTION_DECISION_BY_SILENCE = "instruction.decision_by_silence"
    INSTRUCTION_NO_CONTACT = "instruction.no_contact"
    INSTRUCTION_OK_TO_FOLLOW_UP = "instruction.ok_to_follow_up"
    INSTRUCTION_WAIT_FOR_US = "instruction.wait_for_us"
    INTERVIEW_UPCOMING = "interview.upcoming"
    OUTCOME_IN_RUNNING = "outcome.in_running"
    OUTCOME_OFFER = "outcome.offer"
    OUTCOME_ON_HOLD = "outcome.on_hold"
    OUTCOME_ON_HOLD_RELEASED = "outcome.on_hold_released"
    OUTCOME_REJECTED = "outcome.rejected"
    OUTCOME_WITHDRAWN = "outcome.withdrawn"
    SCHEDULE_CHECK_IN_SPACING = "schedule.check_in_spacing"
    SCHEDULE_FINAL_CHECK_IN = "schedule.final_check_in"
    SCHEDULE_FIRST_CHECK_IN = "schedule.first_check_in"
    SCHEDULE_HEARD_BACK = "schedule.heard_back"
    SCHEDULE_MAX_CHECK_INS = "schedule.max_check_ins"
    SCHEDULE_MOVE_ON = "schedule.move_on"
    SCHEDULE_NEXT_ROUND = "schedule.next_round"
    SILENCE_MOVE_ON = "silence.move_on"
    THANK_YOU_DUE = "thank_you.due"
    THANK_YOU_MISSED = "thank_you.missed"
    THANK_YOU_NOT_BY_EMAIL = "thank_you.not_by_email"
    THANK_YOU_SENT = "thank_you.sent"
    THANK_YOU_WHILE_WAITING = "thank_you.while_waiting"
    WINDOWS_FIRST = "windows.first"
    WINDOWS_FIRST_LATER = "windows.first_later"
    WINDOWS_HOURS = "windows.hours"
    WINDOWS_NONE = "windows.none"
    WINDOWS_OUTSIDE_YOUR_HOURS = "windows.outside_your_hours"

    @property
    def family(self) -> str:
        """What the rule is about: outcome, instruction, schedule, silence, thank_you, channel..."""
        return self.value.partition(".")[0]

    @classmethod
    def of(cls, family: str) -> frozenset[Rule]:
        """The rules of a family."""
        return frozenset(rule for rule in cls if rule.family == family)


class Reason(NamedTuple):
    """One rule that decided, with its stable id and a sentence a job seeker understands."""

    rule: Rule
    text: str


class RuledOut(NamedTuple):
    """A channel that may not be used, and why: they ruled it out (on the day `said_at`), or a
    visit they did not invite or you live too far away for."""

    channel: Channel
    rule: Rule
    text: str
    said_at: datetime | None = None


class Advice(NamedTuple):
    """What to do about one interview now (a named tuple: immutable, and quick to make).

    `deliver_at`: for an email written now, when to have it delivered (their next good morning,
    when their office is closed or you would be asleep). `ruled_out`: every channel that may not be
    used, with the reason, whatever the advice. `changes_at`: the next moment the clock alone can
    change this advice (None: only news can)."""

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
    deliver_at: datetime | None = None
    ruled_out: tuple[RuledOut, ...] = ()
    changes_at: datetime | None = None
