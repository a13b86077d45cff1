"""Your waking hours, seen from the employer's side: the minutes of one of their days when you are
awake (DOMAIN.md: the job seeker has hours too). A call or a visit is planned only in them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from followup.core.model import Span

ONE_DAY = timedelta(days=1)
MINUTES_A_DAY = 24 * 60
Stretch = tuple[int, int]  # start and end minute of their day, end excluded


@lru_cache(maxsize=8192)
def awake_in_their_day(theirs: ZoneInfo, yours: ZoneInfo, awake: Span, day: date) -> tuple[Stretch, ...]:
    """The stretches of their day `day` (minutes since their midnight) when you are awake."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=theirs)
    following = day + ONE_DAY
    next_midnight = datetime(following.year, following.month, following.day, tzinfo=theirs)
    found: list[Stretch] = []
    for offset in (-1, 0, 1):  # your days that can overlap theirs
        yours_day = day + ONE_DAY * offset
        start = _instant(yours_day, awake.start, yours)
        end_day = yours_day + ONE_DAY if awake.end <= awake.start else yours_day  # past your midnight
        end = _instant(end_day, awake.end, yours)
        start, end = max(start, midnight), min(end, next_midnight)
        if start < end:
            found.append((_minute(start, theirs, day), _minute(end, theirs, day)))
    return _joined(sorted(found))


def within(begin: int, finish: int, stretches: tuple[Stretch, ...]) -> list[Stretch]:
    """The parts of begin..finish that lie in the stretches."""
    kept = []
    for low, high in stretches:
        start, end = max(begin, low), min(finish, high)
        if start < end:
            kept.append((start, end))
    return kept


def is_awake(instant: datetime, yours: ZoneInfo, awake: Span) -> bool:
    """Whether you are awake at an instant, in your own time."""
    local = instant.astimezone(yours)
    minute = local.hour * 60 + local.minute
    if awake.start < awake.end:
        return awake.start <= minute < awake.end
    return minute >= awake.start or minute < awake.end  # past midnight: 22:00-06:00


def _instant(day: date, minute: int, zone: ZoneInfo) -> datetime:
    if minute >= MINUTES_A_DAY:
        day, minute = day + ONE_DAY, minute - MINUTES_A_DAY
    hour, minute = divmod(minute, 60)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _minute(instant: datetime, zone: ZoneInfo, day: date) -> int:
    """An instant as the minute of their day `day` (their next midnight is 24:00)."""
    local = instant.astimezone(zone)
    if local.date() > day:
        return MINUTES_A_DAY
    return local.hour * 60 + local.minute


def _joined(stretches: list[Stretch]) -> tuple[Stretch, ...]:
    joined: list[Stretch] = []
    for start, end in stretches:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)
