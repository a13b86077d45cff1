"""Typical working hours by country (DOMAIN.md: local working time differs by country).

Used when an employer's hours are not given. Public holidays come from the `holidays`
package; company shutdowns, bridge days and the French August are per-employer closed dates.
"""

from __future__ import annotations

from followup.core.model import Closures, DayHours, Hours, Span, Variant

MON_FRI = frozenset(range(5))
SUN_THU = frozenset({6, 0, 1, 2, 3})


def hm(text: str) -> int:
    """Minutes since midnight of 'HH:MM'."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def span(start: str, end: str) -> Span:
    return Span(hm(start), hm(end))


def day(open_: str, close: str, lunch: tuple[str, str] | None) -> DayHours:
    return DayHours(hm(open_), hm(close), span(*lunch) if lunch else None)


MID_MORNING_AND_AFTERNOON = (span("09:30", "11:30"), span("13:30", "15:30"))

GENERIC = Hours(
    days=MON_FRI,
    regular=day("09:00", "17:00", ("12:00", "13:00")),
    best=MID_MORNING_AND_AFTERNOON,
)

DEFAULT_HOURS: dict[str, Hours] = {
    "US": GENERIC,
    "GB": Hours(
        days=MON_FRI,
        regular=day("09:00", "17:30", ("12:30", "13:30")),
        best=MID_MORNING_AND_AFTERNOON,
    ),
    # Many start at 7:30; nobody wants a call after 16:30, which the last hour already avoids.
    "DE": Hours(
        days=MON_FRI,
        regular=day("08:30", "17:00", ("12:00", "13:00")),
        best=MID_MORNING_AND_AFTERNOON,
    ),
    # The long lunch is protected.
    "FR": Hours(
        days=MON_FRI,
        regular=day("09:00", "18:00", ("12:00", "14:00")),
        best=(span("09:30", "11:30"), span("14:30", "16:30")),
    ),
    # A split day, and the short day (jornada intensiva) on Fridays and in July and August.
    "ES": Hours(
        days=MON_FRI,
        regular=day("09:00", "19:00", ("14:00", "16:00")),
        best=(span("10:00", "13:00"), span("16:30", "18:00")),
        variants=(
            Variant(MON_FRI, day("08:00", "15:00", None), season=((7, 1), (8, 31))),
            Variant(frozenset({4}), day("08:00", "15:00", None)),
        ),
    ),
    # Lunch is strict; Golden Week and the year end are closed for most employers.
    "JP": Hours(
        days=MON_FRI,
        regular=day("09:00", "17:00", ("12:00", "13:00")),
        best=MID_MORNING_AND_AFTERNOON,
        closed=Closures(
            yearly=(((4, 29), (5, 5)), ((12, 29), (1, 5))), names=("Golden Week", "the year-end break")
        ),
    ),
}

# Countries whose working week runs Sunday to Thursday.
for _country in ("IL", "SA", "EG", "KW", "QA", "OM", "BH", "JO"):
    DEFAULT_HOURS[_country] = Hours(
        days=SUN_THU,
        regular=day("09:00", "17:00", ("12:00", "13:00")),
        best=MID_MORNING_AND_AFTERNOON,
    )


def default_hours(country: str | None) -> Hours:
    return DEFAULT_HOURS.get(country or "", GENERIC)
