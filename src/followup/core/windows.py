"""Good time windows for a contact: the employer's free working time, ranked.

Rank 1 (best) is mid-morning or mid-afternoon in the middle of the working week; rank 3 (fair)
is the first morning and the last afternoon of the week (Monday morning, Friday afternoon).
"""

from __future__ import annotations

from datetime import date, datetime

from followup.core.model import Policy, Window
from followup.core.workdays import BEST, MINUTES_A_DAY, ONE_DAY, WorkCalendar

MAX_LOOKAHEAD = 730 * ONE_DAY  # an employer closed for two years has no windows
Found = tuple[int, date, int, int]  # rank, day, start minute, end minute


def find_windows(
    calendar: WorkCalendar,
    policy: Policy,
    start: datetime,
    *,
    last_day: date | None = None,
    until: datetime | None = None,
    soonest: bool = False,
) -> tuple[Window, ...]:
    """The next good windows from start, within the policy's horizon of business days.

    soonest=True lists them in time order (a thank-you, or a day the employer named);
    otherwise the best-ranked come first, each rank in time order. No window runs past
    last_day, nor past the instant until.
    """
    wanted = max(policy.window_count, 1)
    local = calendar.local(start)
    first_day = local.date()
    first_minute = local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)
    shortest = policy.min_window_minutes
    horizon = policy.window_horizon_business_days
    end = first_day + MAX_LOOKAHEAD
    if last_day is not None and last_day < end:
        end = last_day
    stop_day, stop_minute = end, MINUTES_A_DAY
    if until is not None:
        stop = calendar.local(until)
        stop_day, stop_minute = stop.date(), stop.hour * 60 + stop.minute
        end = min(end, stop_day)

    bounds = (first_day, first_minute, end, stop_day, stop_minute, shortest, horizon)
    if soonest:
        chosen = _collect(calendar, bounds, wanted, best_only=False)[:wanted]
    else:  # the best times alone, unless there are too few of them
        chosen = _collect(calendar, bounds, wanted, best_only=True)
        if len(chosen) < wanted:
            chosen = sorted(_collect(calendar, bounds, None, best_only=False))
        chosen = chosen[:wanted]
    span = calendar.span
    return tuple([Window(*span(day, begin, finish), rank) for rank, day, begin, finish in chosen])


def _collect(
    calendar: WorkCalendar,
    bounds: tuple[date, int, date, date, int, int, int],
    enough: int | None,
    *,
    best_only: bool,
) -> list[Found]:
    """Free stretches, in time order, day by day until there are enough or the horizon ends."""
    first_day, first_minute, end, stop_day, stop_minute, shortest, horizon = bounds
    found: list[Found] = []
    for business_days, (day, segments) in enumerate(calendar.working_days(first_day, end), start=1):
        for begin, finish, rank in segments:
            if best_only and rank != BEST:
                continue
            if day == first_day and begin < first_minute:
                begin = first_minute
            if day == stop_day and finish > stop_minute:
                finish = stop_minute
            if finish - begin >= shortest:
                found.append((rank, day, begin, finish))
        if business_days >= horizon or (enough is not None and len(found) >= enough):
            break
    return found
