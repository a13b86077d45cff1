"""The employer's working calendar: which days count, when the day opens, and its free time.

"N business days after day D" is the N-th working day after D: weekends, the employer's other
non-working days, public holidays and closed dates do not count.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from followup.core.model import DayHours, Employer, Policy

ONE_DAY = timedelta(days=1)
ONE_HOUR = timedelta(hours=1)
NOON = 12 * 60
MINUTES_A_DAY = 24 * 60
MINUTES = tuple(timedelta(minutes=minute) for minute in range(MINUTES_A_DAY))

# Ranks of a stretch of free time: 1 best, 2 good, 3 fair (use only when nothing else).
BEST, GOOD, FAIR = 1, 2, 3

Segment = tuple[int, int, int]  # start minute, end minute, rank
NO_WORK_FOR = timedelta(days=3660)  # ten years without a working day: give up


class NoWorkingDay(ValueError):
    def __init__(self, employer: str) -> None:
        super().__init__(f"{employer} has no working day in ten years: check its hours and closed dates")


class WorkCalendar:
    """One employer's working days and free time, under one policy."""

    __slots__ = (
        "_avoid",
        "_days",
        "_first_days",
        "_last_days",
        "_plan",
        "_works",
        "employer",
        "holidays",
        "hours",
        "skipped",
        "zone",
    )

    def __init__(self, employer: Employer, policy: Policy) -> None:
        self.employer = employer
        self.zone = employer.timezone
        self.hours = employer.hours
        self.holidays = employer.holidays
        self._avoid = (policy.avoid_first_minutes, policy.avoid_last_minutes)
        self._first_days, self._last_days = week_edges(self.hours.days)
        self._days = self.hours.days
        self._works = working_weekdays(self.hours.days)
        self.skipped: set[date] = set()  # holidays and closures met while counting
        self._plan = self.hours.day_plans

    # Days.

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self._days and day not in self.off_days(day.year)

    def off_days(self, year: int) -> frozenset[date]:
        """The public holidays and closed days of a year, worked out once per hours and year."""
        key = (self.holidays, year)
        found = self._plan.get(key)
        if found is None:
            found = frozenset(self.hours.closed.in_year(year)).union(self.holidays.dates(year))
            self._plan[key] = found
        return found

    def why_closed(self, day: date) -> str | None:
        """Why a day does not count, in words; None for a working day."""
        if day.weekday() not in self._days:
            return "not a working day"
        if day in self.holidays.dates(day.year):
            return f"a public holiday ({self.holidays.name(day) or 'holiday'})"
        if day in self.hours.closed:
            closure = self.hours.closed.name(day)
            return f"a day of {closure}" if closure else "a day the employer is closed"
        return None

    def add_business_days(self, day: date, count: int) -> date:
        """The count-th working day after day; with count 0, the first working day from day.
        Worked out once per hours, holidays, day and count (every application of an employer, and
        every employer of a country's default hours, counts the same days), and kept with the
        holidays and closures met on the way."""
        key = ("after", self.holidays, day, count)
        found: tuple[date, tuple[date, ...]] | None = self._plan.get(key)
        if found is None:
            met: list[date] = []
            found = self._plan[key] = (self._count(day, count, met), tuple(met))
        if found[1]:
            self.skipped.update(found[1])
        return found[0]

    def _count(self, day: date, count: int, met: list[date]) -> date:
        if count <= 0:
            return self._first_from(day, met)
        works, give_up = self._works, day + NO_WORK_FOR
        year, off = day.year, self.off_days(day.year)
        weekday = day.weekday()
        while count:
            day += ONE_DAY
            weekday = weekday + 1 if weekday < 6 else 0
            if day.year != year:
                year, off = day.year, self.off_days(day.year)
            if works[weekday] and day not in off:
                count -= 1
                continue
            if works[weekday]:
                met.append(day)
            if day > give_up:
                raise NoWorkingDay(self.employer.name)
        return day

    def on_or_after(self, day: date) -> date:
        """The first working day from day (day itself, if it is one)."""
        return self.add_business_days(day, 0)

    def _first_from(self, day: date, met: list[date]) -> date:
        days, give_up = self._days, day + NO_WORK_FOR
        while not self.is_working_day(day):
            if day.weekday() in days:
                met.append(day)
            day += ONE_DAY
            if day > give_up:
                raise NoWorkingDay(self.employer.name)
        return day

    def closure(self, first: date, last: date) -> tuple[date, date, tuple[str, ...]] | None:
        """The working days between first and last (both included) that are closed anyway: the
        first and last of them, and what closes them ('Good Friday', 'their own closed days');
        None when there are none (only weekends, or nothing)."""
        closed: list[date] = []
        names: list[str] = []
        day, works = first, self._works
        while day <= last:
            if works[day.weekday()] and day in self.off_days(day.year):
                closed.append(day)
                named = self.hours.closed.name(day) or self.holidays.name(day)
                names.append(named or "their own closed days")
            day += ONE_DAY
        if not closed:
            return None
        return closed[0], closed[-1], tuple(dict.fromkeys(names))

    def closed_days_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Holidays and closures met while counting business days, between two days."""
        return [
            (day, self.why_closed(day) or "closed") for day in sorted(self.skipped) if first <= day <= last
        ]

    # Times.

    def at(self, day: date, minute: int) -> datetime:
        """The instant of a local wall-clock minute, correct across daylight-saving changes."""
        if minute >= MINUTES_A_DAY:  # closing at 24:00 is midnight, the start of the next day
            day, minute = day + ONE_DAY, minute - MINUTES_A_DAY
        hour, minute = divmod(minute, 60)
        local = datetime(day.year, day.month, day.day, hour, minute, 0, 0, self.zone)  # positional: faster
        if not clocks_change(self.zone, day):
            return local
        return local.astimezone(UTC).astimezone(self.zone)  # a time in the gap moves on

    def span(self, day: date, start: int, end: int) -> tuple[datetime, datetime]:
        """The instants of two wall-clock minutes of one day."""
        if end >= MINUTES_A_DAY or clocks_change(self.zone, day):
            return self.at(day, start), self.at(day, end)
        midnight = datetime(day.year, day.month, day.day, 0, 0, 0, 0, self.zone)
        return midnight + MINUTES[start], midnight + MINUTES[end]  # wall-clock arithmetic

    def opening(self, day: date) -> datetime:
        key = ("opening", self.zone, day)  # the same for every decision on these hours, there
        found: datetime | None = self._plan.get(key)
        if found is None:
            found = self._plan[key] = self.at(day, self.hours.on(day).open)
        return found

    def closing(self, day: date) -> datetime:
        key = ("closing", self.zone, day)
        found: datetime | None = self._plan.get(key)
        if found is None:
            found = self._plan[key] = self.at(day, self.hours.on(day).close)
        return found

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def in_working_time(self, instant: datetime, *, closing_included: bool = False) -> bool:
        local = self.local(instant)
        day = local.date()
        if not self.is_working_day(day):
            return False
        hours = self.hours.on(day)
        minute = local.hour * 60 + local.minute + (local.second or local.microsecond) / 60
        return hours.open <= minute < hours.close or (closing_included and minute == hours.close)

    def working_days(self, day: date, last: date) -> Iterator[tuple[date, tuple[Segment, ...]]]:
        """Each working day from day to last, with its good stretches of time."""
        works, segments = self._works, self.segments
        year, off = day.year, self.off_days(day.year)
        weekday = day.weekday()
        while day <= last:
            if day.year != year:
                year, off = day.year, self.off_days(day.year)
            if works[weekday] and day not in off:
                yield day, segments(day)
            day += ONE_DAY
            weekday = weekday + 1 if weekday < 6 else 0

    def segments(self, day: date) -> tuple[Segment, ...]:
        """Good stretches of a working day: inside hours, outside lunch, busy slots and edges."""
        weekday = day.weekday()
        hours = self.hours.on(day) if self.hours.variants else self.hours.regular
        key = (weekday, id(hours), self._avoid)  # the Hours keeps its DayHours alive
        found = self._plan.get(key)
        if found is None:
            found = self._plan[key] = _segments(
                hours,
                self.hours.busy_by_weekday[weekday],
                self.hours.best_spans,
                self._avoid,
                weekday in self._first_days,
                weekday in self._last_days,
            )
        return found


@lru_cache(maxsize=65536)
def clocks_change(zone: ZoneInfo, day: date) -> bool:
    """Whether the UTC offset changes during a day (a daylight-saving change day)."""
    start = datetime(day.year, day.month, day.day, 0, 0, 0, 0, zone)
    return start.utcoffset() != (start + ONE_DAY).utcoffset()


@lru_cache(maxsize=128)
def working_weekdays(days: frozenset[int]) -> tuple[bool, ...]:
    """Whether each weekday, Monday first, is a working day."""
    return tuple(weekday in days for weekday in range(7))


@lru_cache(maxsize=128)
def week_edges(days: frozenset[int]) -> tuple[frozenset[int], frozenset[int]]:
    """First and last days of each run of working days (Monday and Friday for Mon-Fri)."""
    if len(days) == 7:
        return frozenset(), frozenset()
    first = frozenset(d for d in days if (d - 1) % 7 not in days)
    last = frozenset(d for d in days if (d + 1) % 7 not in days)
    return first, last


@lru_cache(maxsize=8192)
def _segments(
    hours: DayHours,
    busy: tuple[tuple[int, int], ...],
    best: tuple[tuple[int, int], ...],
    avoid: tuple[int, int],
    week_start: bool,
    week_end: bool,
) -> tuple[Segment, ...]:
    free = [(hours.open + avoid[0], hours.close - avoid[1])]
    blocked = list(busy)
    if hours.lunch is not None:
        blocked.append((hours.lunch.start, hours.lunch.end))
    for start, end in blocked:
        free = _subtract(free, start, end)

    midday = hours.lunch.start if hours.lunch is not None else NOON
    cuts = sorted({midday, *(edge for span in best for edge in span)})
    ranked: list[Segment] = []
    for start, end in free:
        edges = [start, *(cut for cut in cuts if start < cut < end), end]
        for piece_start, piece_end in itertools.pairwise(edges):
            rank = _rank(piece_start, piece_end, midday, best, week_start, week_end)
            if ranked and ranked[-1][1] == piece_start and ranked[-1][2] == rank:
                ranked[-1] = (ranked[-1][0], piece_end, rank)
            else:
                ranked.append((piece_start, piece_end, rank))
    return tuple(ranked)


def _rank(
    start: int,
    end: int,
    midday: int,
    best: tuple[tuple[int, int], ...],
    week_start: bool,
    week_end: bool,
) -> int:
    if (week_start and end <= midday) or (week_end and start >= midday):
        return FAIR  # Monday morning, Friday afternoon
    if not (week_start or week_end) and any(lo <= start and end <= hi for lo, hi in best):
        return BEST  # mid-morning or mid-afternoon, mid-week
    return GOOD


def _subtract(free: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    kept = []
    for lo, hi in free:
        if end <= lo or start >= hi:
            kept.append((lo, hi))
            continue
        if lo < start:
            kept.append((lo, start))
        if end < hi:
            kept.append((end, hi))
    return kept
