"""Good time windows for a contact: the employer's free working time, ranked.

Rank 1 (best) is mid-morning or mid-afternoon in the middle of the working week; rank 3 (fair)
is the first morning and the last afternoon of the week (Monday morning, Friday afternoon).
"""

from __future__ import annotations

from datetime import date, datetime

from followup.core.model import Policy, Window
from followup.core.workdays import BEST, ONE_DAY, WorkCalendar

MAX_LOOKAHEAD = 730 * ONE_DAY  # an employer closed for two years has no windows
Found = tuple[int, date, int, int]  # rank, day, start minute, end minute


def find_windows(
    calendar: WorkCalendar,
    policy: Policy,
    start: datetime,
    *,
    last_day: date | None = None,
    soonest: bool = False,
) -> tuple[Window, ...]:
    """The next good windows from start, within the policy's horizon of business days.

    soonest=True lists them in time order (a thank-you, or a day the employer named);
    otherwise the best-ranked come first, each rank in time order.
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
    is_working_day, segments = calendar.is_working_day, calendar.segments

    found: list[Found] = []
    best = business_days = 0
    day = first_day
    while business_days < horizon and day <= end:
        if is_working_day(day):
            business_days += 1
            for seg_start, seg_end, rank in segments(day):
                if day == first_day and seg_start < first_minute:
                    seg_start = first_minute
                if seg_end - seg_start >= shortest:
                    found.append((rank, day, seg_start, seg_end))
                    if rank == BEST:
                        best += 1
            if len(found) >= wanted and (soonest or best >= wanted):
                break
        day += ONE_DAY

    chosen = found[:wanted] if soonest else sorted(found)[:wanted]
    at = calendar.at
    return tuple(
        Window(at(day, seg_start), at(day, seg_end), rank) for rank, day, seg_start, seg_end in chosen
    )
