"""Good time windows for a contact: the employer's free working time, ranked.

Rank 1 (best) is mid-morning or mid-afternoon in the middle of the working week; rank 3 (fair)
is the first morning and the last afternoon of the week (Monday morning, Friday afternoon).
A call or a visit is planned only while you are awake as well (`awake`).
"""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter
from zoneinfo import ZoneInfo

from followup.core.awake import awake_in_their_day, within
from followup.core.model import Policy, Span, Window
from followup.core.workdays import BEST, MINUTES_A_DAY, ONE_DAY, WorkCalendar

MAX_LOOKAHEAD = 730 * ONE_DAY  # an employer closed for two years has no windows
Found = tuple[int, date, int, int]  # rank, day, start minute, end minute
Awake = tuple[ZoneInfo, Span]  # your time zone and your waking hours in it
IN_TIME_ORDER = itemgetter(1, 2)  # a stretch's day and start


def find_windows(
    calendar: WorkCalendar,
    policy: Policy,
    start: datetime,
    *,
    last_day: date | None = None,
    until: datetime | None = None,
    soonest: bool = False,
    awake: Awake | None = None,
) -> tuple[Window, ...]:
    """The next good windows from start, within the policy's horizon of business days, in time
    order, each with its rank.

    soonest=True takes the first ones (a thank-you, or a day the employer named); otherwise the
    first good time and the best-ranked ones after it (a check-in: the first allowed, and the
    best). No window runs past last_day, nor past the instant until; with `awake`, none lies
    outside your waking hours.
    """
    wanted = max(policy.window_count, 1)
    local = calendar.local(start)
    first_day = local.date()
    first_minute = local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)
    end = first_day + MAX_LOOKAHEAD
    if last_day is not None and last_day < end:
        end = last_day
    stop_day, stop_minute = end, MINUTES_A_DAY
    if until is not None:
        stop = calendar.local(until)
        stop_day, stop_minute = stop.date(), stop.hour * 60 + stop.minute
        end = min(end, stop_day)

    bounds = _Bounds(first_day, first_minute, end, stop_day, stop_minute, policy, awake)
    found = _collect(calendar, bounds, wanted, soonest=soonest)
    if soonest:
        chosen = found[:wanted]
    else:  # the first good time, then the best ranked (each rank in time order)
        chosen = found[:1] + sorted(found[1:])[: wanted - 1]
        chosen.sort(key=IN_TIME_ORDER)
    span = calendar.span
    return tuple([Window(*span(day, begin, finish), rank) for rank, day, begin, finish in chosen])


class _Bounds:
    __slots__ = (
        "awake",
        "end",
        "first_day",
        "first_minute",
        "horizon",
        "shortest",
        "stop_day",
        "stop_minute",
    )

    def __init__(
        self,
        first_day: date,
        first_minute: int,
        end: date,
        stop_day: date,
        stop_minute: int,
        policy: Policy,
        awake: Awake | None,
    ) -> None:
        self.first_day, self.first_minute, self.end = first_day, first_minute, end
        self.stop_day, self.stop_minute = stop_day, stop_minute
        self.shortest, self.horizon = policy.min_window_minutes, policy.window_horizon_business_days
        self.awake = awake


def _collect(calendar: WorkCalendar, bounds: _Bounds, wanted: int, *, soonest: bool) -> list[Found]:
    """Free stretches, in time order, day by day until there are enough (the first `wanted`, or
    the first and `wanted - 1` best ones after it) or the horizon ends."""
    found: list[Found] = []
    add = found.append
    best = 0  # best-ranked stretches after the first
    theirs, shortest, yours = calendar.zone, bounds.shortest, bounds.awake
    first_day, first_minute = bounds.first_day, bounds.first_minute
    stop_day, stop_minute, horizon = bounds.stop_day, bounds.stop_minute, bounds.horizon
    enough = wanted if soonest else wanted - 1
    for business_days, (day, segments) in enumerate(calendar.working_days(first_day, bounds.end), start=1):
        awake = awake_in_their_day(theirs, yours[0], yours[1], day) if yours else None
        edge = day in (first_day, stop_day)
        for begin, finish, rank in segments:
            if edge:
                if day == first_day and begin < first_minute:
                    begin = first_minute
                if day == stop_day and finish > stop_minute:
                    finish = stop_minute
            if awake is None:
                if finish - begin >= shortest:
                    if rank == BEST and found:
                        best += 1
                    add((rank, day, begin, finish))
                continue
            for piece_start, piece_end in within(begin, finish, awake):
                if piece_end - piece_start >= shortest:
                    if rank == BEST and found:
                        best += 1
                    add((rank, day, piece_start, piece_end))
        if business_days >= horizon or (found and (len(found) if soonest else best) >= enough):
            break
    return found
