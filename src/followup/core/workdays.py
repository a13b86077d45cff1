"""The employer's working calendar: which days count, when the day opens, and its free time.

"N business days after day D" is the N-th working day after D: weekends, the employer's other
non-working days, public holidays and closed dates do not count.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from followup.core.model import DayHours, Employer, Policy

ONE_DAY = timedelta(days=1)
NOON = 12 * 60

# Ranks of a stretch of free time: 1 best, 2 good, 3 fair (use only when nothing else).
BEST, GOOD, FAIR = 1, 2, 3

Segment = tuple[int, int, int]  # start minute, end minute, rank


class WorkCalendar:
    """One employer's working days and free time, under one policy."""

    __slots__ = ("_avoid", "_first_days", "_last_days", "employer", "holidays", "hours", "zone")

    def __init__(self, employer: Employer, policy: Policy) -> None:
        self.employer = employer
        self.zone = employer.timezone
        self.hours = employer.hours
        self.holidays = employer.holidays
        self._avoid = (policy.avoid_first_minutes, policy.avoid_last_minutes)
        self._first_days, self._last_days = week_edges(self.hours.days)

    # Days.

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.hours.days and day not in self.hours.closed and day not in self.holidays

    def why_closed(self, day: date) -> str | None:
        """Why a day does not count, in words; None for a working day."""
        if day.weekday() not in self.hours.days:
            return "not a working day"
        if day in self.holidays:
            return f"a public holiday ({self.holidays.name(day) or 'holiday'})"
        if day in self.hours.closed:
            return "a day the employer is closed"
        return None

    def add_business_days(self, day: date, count: int) -> date:
        """The count-th working day after day (day itself when count is 0 and it works)."""
        if count <= 0:
            return self.on_or_after(day)
        while count:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def on_or_after(self, day: date) -> date:
        for _ in range(3660):  # ten years: an employer that never works has no such day
            if self.is_working_day(day):
                return day
            day += ONE_DAY
        raise ValueError("the employer has no working day in the next ten years")

    def closed_days_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Holidays and closures between two days (both included), with why, for reasons."""
        found = []
        day = first
        while day <= last:
            if day.weekday() in self.hours.days:
                why = self.why_closed(day)
                if why is not None:
                    found.append((day, why))
            day += ONE_DAY
        return found

    # Times.

    def at(self, day: date, minute: int) -> datetime:
        """The instant of a local wall-clock minute, correct across daylight-saving changes."""
        local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)
        return local.astimezone(UTC).astimezone(self.zone)  # a time in a gap moves forward

    def opening(self, day: date) -> datetime:
        return self.at(day, self.hours.on(day).open)

    def closing(self, day: date) -> datetime:
        return self.at(day, self.hours.on(day).close)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def in_working_time(self, instant: datetime) -> bool:
        local = self.local(instant)
        day = local.date()
        if not self.is_working_day(day):
            return False
        hours = self.hours.on(day)
        minute = local.hour * 60 + local.minute
        return hours.open <= minute < hours.close

    def segments(self, day: date) -> tuple[Segment, ...]:
        """Good stretches of a working day: inside hours, outside lunch, busy slots and edges."""
        weekday = day.weekday()
        busy = tuple((slot.span.start, slot.span.end) for slot in self.hours.busy if weekday in slot.days)
        return _segments(
            self.hours.on(day),
            busy,
            tuple((span.start, span.end) for span in self.hours.best),
            self._avoid,
            weekday in self._first_days,
            weekday in self._last_days,
        )


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
