"""The employer's working calendar: counting business days, opening hours, and the good stretches
of a working day. Every date below was worked out by hand from a 2026 calendar and the public
holidays the `holidays` package lists for the country and region."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.core.countries import MON_FRI, SUN_THU, day, default_hours, hm
from followup.core.model import (
    DEFAULT_POLICY,
    NO_HOLIDAYS,
    Busy,
    Closures,
    Employer,
    Hours,
    Policy,
    Span,
    Variant,
)
from followup.core.workdays import BEST, FAIR, GOOD, NoWorkingDay, WorkCalendar, clocks_change, week_edges
from followup.places.public_holidays import public_holidays

ALL_WEEK = frozenset(range(7))
NINE_TO_FIVE = Hours(days=MON_FRI, regular=day("09:00", "17:00", ("12:00", "13:00")))


def calendar_of(
    country: str | None,
    zone: str,
    subdivision: str | None = None,
    *,
    hours: Hours | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> WorkCalendar:
    employer = Employer(
        name="Acme",
        timezone=ZoneInfo(zone),
        hours=hours if hours is not None else default_hours(country),
        holidays=public_holidays(country, subdivision) if country else NO_HOLIDAYS,
        country=country,
        subdivision=subdivision,
    )
    return WorkCalendar(employer, policy)


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def stretches(calendar: WorkCalendar, on: date) -> list[tuple[str, str, int]]:
    """The day's good stretches as ("09:30", "11:30", rank)."""
    return [(clock(start), clock(end), rank) for start, end, rank in calendar.segments(on)]


def free_time(calendar: WorkCalendar, on: date) -> list[tuple[str, str]]:
    """The day's good stretches joined up, whatever their rank."""
    joined: list[tuple[int, int]] = []
    for start, end, _rank in calendar.segments(on):
        if joined and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return [(clock(start), clock(end)) for start, end in joined]


CHICAGO = calendar_of("US", "America/Chicago", "IL")


class TestCountingBusinessDays:
    def test_seven_business_days_after_tuesday_3_march_is_thursday_12_march(self) -> None:
        # Wed 4, Thu 5, Fri 6, (weekend), Mon 9, Tue 10, Wed 11, Thu 12.
        assert CHICAGO.add_business_days(date(2026, 3, 3), 7) == date(2026, 3, 12)

    def test_one_business_day_after_friday_is_monday(self) -> None:
        assert CHICAGO.add_business_days(date(2026, 3, 6), 1) == date(2026, 3, 9)

    def test_counting_from_a_weekend_day_starts_on_monday(self) -> None:
        assert CHICAGO.add_business_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
        assert CHICAGO.add_business_days(date(2026, 3, 8), 5) == date(2026, 3, 13)

    def test_zero_business_days_is_the_first_working_day_from_that_day(self) -> None:
        assert CHICAGO.add_business_days(date(2026, 3, 4), 0) == date(2026, 3, 4)
        assert CHICAGO.add_business_days(date(2026, 3, 7), 0) == date(2026, 3, 9)

    def test_memorial_day_does_not_count(self) -> None:
        # Tue 19 May 2026: Wed 20, Thu 21, Fri 22, (Mon 25 Memorial Day), Tue 26, Wed 27, Thu 28, Fri 29.
        assert CHICAGO.add_business_days(date(2026, 5, 19), 7) == date(2026, 5, 29)
        assert CHICAGO.why_closed(date(2026, 5, 25)) == "a public holiday (Memorial Day)"

    def test_a_state_holiday_counts_only_in_its_state(self) -> None:
        # Casimir Pulaski Day, Mon 2 March 2026, is an Illinois holiday, not a New York one.
        new_york = calendar_of("US", "America/New_York", "NY")
        assert CHICAGO.add_business_days(date(2026, 2, 27), 1) == date(2026, 3, 3)
        assert new_york.add_business_days(date(2026, 2, 27), 1) == date(2026, 3, 2)

    def test_a_holiday_observed_in_the_year_before_does_not_count(self) -> None:
        # New Year's Day 2028 is a Saturday; the US observes it on Friday 31 December 2027.
        assert CHICAGO.why_closed(date(2027, 12, 31)) == "a public holiday (New Year's Day (observed))"
        assert CHICAGO.add_business_days(date(2027, 12, 30), 1) == date(2028, 1, 3)

    def test_closed_dates_do_not_count(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=NINE_TO_FIVE.regular,
            closed=Closures(
                dates=frozenset({date(2026, 3, 5)}), ranges=((date(2026, 3, 9), date(2026, 3, 10)),)
            ),
        )
        calendar = calendar_of(None, "America/Chicago", hours=hours)
        # Wed 4 (1), Thu 5 closed, Fri 6 (2), Mon 9 and Tue 10 closed, Wed 11 (3).
        assert calendar.add_business_days(date(2026, 3, 3), 3) == date(2026, 3, 11)
        assert calendar.why_closed(date(2026, 3, 5)) == "a day the employer is closed"
        assert calendar.why_closed(date(2026, 3, 7)) == "not a working day"
        assert calendar.why_closed(date(2026, 3, 4)) is None

    def test_the_days_skipped_are_told_between_two_days(self) -> None:
        calendar = calendar_of("FR", "Europe/Paris")
        # Tue 5 May 2026: Wed 6, Thu 7, (Fri 8 Victory Day), Mon 11, Tue 12, Wed 13, (Thu 14 Ascension),
        # Fri 15, Mon 18.
        assert calendar.add_business_days(date(2026, 5, 5), 7) == date(2026, 5, 18)
        assert calendar.closed_days_between(date(2026, 5, 6), date(2026, 5, 18)) == [
            (date(2026, 5, 8), "a public holiday (Victory Day)"),
            (date(2026, 5, 14), "a public holiday (Ascension Day)"),
        ]
        assert calendar.closed_days_between(date(2026, 5, 9), date(2026, 5, 13)) == []

    def test_a_sunday_to_thursday_week(self) -> None:
        calendar = calendar_of("IL", "Asia/Jerusalem")
        assert calendar.is_working_day(date(2026, 4, 19))  # a Sunday
        assert not calendar.is_working_day(date(2026, 4, 24))  # a Friday
        assert not calendar.is_working_day(date(2026, 4, 25))  # a Saturday
        # Thursday 23 April 2026 + 1 is Sunday 26 April.
        assert calendar.add_business_days(date(2026, 4, 23), 1) == date(2026, 4, 26)

    def test_the_japanese_year_end_and_coming_of_age_day(self) -> None:
        calendar = calendar_of("JP", "Asia/Tokyo")
        # Wed 23 Dec 2026: Thu 24, Fri 25, Mon 28, (29 Dec to 5 Jan closed), Wed 6, Thu 7, Fri 8,
        # (Mon 11 Jan 2027 Coming of Age Day), Tue 12.
        assert calendar.add_business_days(date(2026, 12, 23), 7) == date(2027, 1, 12)
        assert calendar.why_closed(date(2026, 12, 30)) == "a day of the year-end break"
        assert calendar.why_closed(date(2027, 1, 1)) == "a public holiday (New Year's Day)"
        assert calendar.why_closed(date(2027, 1, 5)) == "a day of the year-end break"
        assert calendar.is_working_day(date(2027, 1, 6))

    @pytest.mark.parametrize("days", [MON_FRI, ALL_WEEK], ids=["five-day week", "seven-day week"])
    def test_no_working_day_in_ten_years_is_an_error(self, days: frozenset[int]) -> None:
        closed = Closures(ranges=((date(2026, 3, 1), date(2046, 12, 31)),))
        hours = Hours(days=days, regular=NINE_TO_FIVE.regular, closed=closed)
        calendar = calendar_of(None, "America/Chicago", hours=hours)
        with pytest.raises(NoWorkingDay):
            calendar.on_or_after(date(2026, 3, 3))
        with pytest.raises(NoWorkingDay):
            calendar.add_business_days(date(2026, 3, 3), 1)


class TestOpeningHours:
    def test_opening_is_the_start_of_working_hours_in_the_employers_time_zone(self) -> None:
        assert CHICAGO.opening(date(2026, 3, 12)).isoformat() == "2026-03-12T09:00:00-05:00"
        assert CHICAGO.closing(date(2026, 3, 12)).isoformat() == "2026-03-12T17:00:00-05:00"

    def test_the_spanish_short_day_opens_at_eight(self) -> None:
        madrid = calendar_of("ES", "Europe/Madrid", "MD")
        assert madrid.opening(date(2026, 3, 12)).isoformat() == "2026-03-12T09:00:00+01:00"  # a Thursday
        assert madrid.closing(date(2026, 3, 12)).isoformat() == "2026-03-12T19:00:00+01:00"
        assert madrid.opening(date(2026, 3, 13)).isoformat() == "2026-03-13T08:00:00+01:00"  # a Friday
        assert madrid.closing(date(2026, 3, 13)).isoformat() == "2026-03-13T15:00:00+01:00"
        assert madrid.opening(date(2026, 7, 16)).isoformat() == "2026-07-16T08:00:00+02:00"  # July
        assert madrid.closing(date(2026, 8, 31)).isoformat() == "2026-08-31T15:00:00+02:00"
        assert madrid.closing(date(2026, 9, 1)).isoformat() == "2026-09-01T19:00:00+02:00"

    def test_in_working_time_opens_at_opening_and_ends_before_closing(self) -> None:
        chicago = ZoneInfo("America/Chicago")
        assert not CHICAGO.in_working_time(datetime(2026, 3, 12, 8, 59, tzinfo=chicago))
        assert CHICAGO.in_working_time(datetime(2026, 3, 12, 9, 0, tzinfo=chicago))
        assert CHICAGO.in_working_time(datetime(2026, 3, 12, 16, 59, tzinfo=chicago))
        assert not CHICAGO.in_working_time(datetime(2026, 3, 12, 17, 0, tzinfo=chicago))
        assert not CHICAGO.in_working_time(datetime(2026, 3, 14, 10, 0, tzinfo=chicago))  # Saturday
        assert not CHICAGO.in_working_time(datetime(2026, 5, 25, 10, 0, tzinfo=chicago))  # Memorial Day

    def test_in_working_time_is_judged_on_the_employers_clock(self) -> None:
        # 23:30 on Monday 2 March in Kolkata is 10:00 that morning in Chicago.
        kolkata = ZoneInfo("Asia/Kolkata")
        assert CHICAGO.in_working_time(datetime(2026, 3, 3, 21, 30, tzinfo=kolkata))
        assert not CHICAGO.in_working_time(datetime(2026, 3, 3, 10, 0, tzinfo=kolkata))

    def test_closing_at_midnight(self) -> None:
        hours = Hours(days=MON_FRI, regular=day("16:00", "24:00", None))
        calendar = calendar_of(None, "America/Chicago", hours=hours)
        assert calendar.closing(date(2026, 3, 12)).isoformat() == "2026-03-13T00:00:00-05:00"


class TestDaylightSaving:
    def test_the_change_days_of_2026(self) -> None:
        assert clocks_change(ZoneInfo("America/Chicago"), date(2026, 3, 8))
        assert clocks_change(ZoneInfo("Europe/Paris"), date(2026, 3, 29))
        assert clocks_change(ZoneInfo("Europe/London"), date(2026, 10, 25))
        assert clocks_change(ZoneInfo("America/Chicago"), date(2026, 11, 1))
        assert not clocks_change(ZoneInfo("America/Chicago"), date(2026, 3, 9))
        assert not clocks_change(ZoneInfo("Europe/Paris"), date(2026, 3, 8))
        assert not clocks_change(ZoneInfo("Asia/Tokyo"), date(2026, 3, 29))

    def test_the_local_time_stays_and_the_utc_offset_changes(self) -> None:
        assert CHICAGO.at(date(2026, 3, 6), hm("09:30")).isoformat() == "2026-03-06T09:30:00-06:00"
        assert CHICAGO.at(date(2026, 3, 9), hm("09:30")).isoformat() == "2026-03-09T09:30:00-05:00"
        paris = calendar_of("FR", "Europe/Paris")
        assert paris.at(date(2026, 3, 27), hm("09:30")).isoformat() == "2026-03-27T09:30:00+01:00"
        assert paris.at(date(2026, 3, 30), hm("09:30")).isoformat() == "2026-03-30T09:30:00+02:00"

    def test_on_the_change_day_itself(self) -> None:
        hours = Hours(days=ALL_WEEK, regular=day("09:00", "17:00", None))
        chicago = calendar_of(None, "America/Chicago", hours=hours)
        # Before the change at 02:00 and after it.
        assert chicago.at(date(2026, 3, 8), hm("01:30")).isoformat() == "2026-03-08T01:30:00-06:00"
        assert chicago.at(date(2026, 3, 8), hm("09:30")).isoformat() == "2026-03-08T09:30:00-05:00"
        # 02:30 does not exist that night: it moves on to 03:30.
        assert chicago.at(date(2026, 3, 8), hm("02:30")).isoformat() == "2026-03-08T03:30:00-05:00"
        # In autumn, working hours are well after the change.
        assert chicago.at(date(2026, 11, 1), hm("09:30")).isoformat() == "2026-11-01T09:30:00-06:00"


class TestStretchesOfTheDay:
    """Inside hours, never at lunch, not in the first 30 or the last 60 minutes, not in busy slots.
    Tue-Thu mid-morning and mid-afternoon best; Monday morning and Friday afternoon fair."""

    def test_a_us_tuesday(self) -> None:
        assert stretches(CHICAGO, date(2026, 3, 10)) == [
            ("09:30", "11:30", BEST),
            ("11:30", "12:00", GOOD),
            ("13:00", "13:30", GOOD),
            ("13:30", "15:30", BEST),
            ("15:30", "16:00", GOOD),
        ]

    def test_monday_morning_is_fair(self) -> None:
        assert stretches(CHICAGO, date(2026, 3, 9)) == [("09:30", "12:00", FAIR), ("13:00", "16:00", GOOD)]

    def test_friday_afternoon_is_fair(self) -> None:
        assert stretches(CHICAGO, date(2026, 3, 13)) == [("09:30", "12:00", GOOD), ("13:00", "16:00", FAIR)]

    def test_uk_hours(self) -> None:
        london = calendar_of("GB", "Europe/London", "ENG")
        # 09:00-17:30, lunch 12:30-13:30: nothing before 09:30, at lunch, or after 16:30.
        assert free_time(london, date(2026, 4, 14)) == [("09:30", "12:30"), ("13:30", "16:30")]
        assert stretches(london, date(2026, 4, 14))[0] == ("09:30", "11:30", BEST)

    def test_german_hours_end_at_four(self) -> None:
        berlin = calendar_of("DE", "Europe/Berlin", "BE")
        # 08:30-17:00 with lunch 12:00-13:00: nothing before 09:00, and nothing after 16:00.
        assert free_time(berlin, date(2026, 6, 9)) == [("09:00", "12:00"), ("13:00", "16:00")]

    def test_the_french_lunch_is_protected(self) -> None:
        paris = calendar_of("FR", "Europe/Paris")
        assert free_time(paris, date(2026, 5, 19)) == [("09:30", "12:00"), ("14:00", "17:00")]

    def test_the_spanish_split_day(self) -> None:
        madrid = calendar_of("ES", "Europe/Madrid", "MD")
        # Mon-Thu 09:00-14:00 and 16:00-19:00.
        for on in (
            date(2026, 3, 9),
            date(2026, 3, 10),
            date(2026, 3, 11),
            date(2026, 3, 12),
            date(2026, 6, 30),
        ):
            assert free_time(madrid, on) == [("09:30", "14:00"), ("16:00", "18:00")], on

    def test_the_spanish_short_day_on_fridays_and_in_summer(self) -> None:
        madrid = calendar_of("ES", "Europe/Madrid", "MD")
        # 08:00-15:00: from 08:30, and nothing in the last hour.
        for on in (date(2026, 3, 13), date(2026, 7, 1), date(2026, 7, 14), date(2026, 8, 31)):
            assert free_time(madrid, on) == [("08:30", "14:00")], on

    def test_the_japanese_lunch_is_strict(self) -> None:
        tokyo = calendar_of("JP", "Asia/Tokyo")
        assert free_time(tokyo, date(2026, 3, 24)) == [("09:30", "12:00"), ("13:00", "16:00")]

    def test_a_sunday_to_thursday_week_has_sunday_morning_and_thursday_afternoon_fair(self) -> None:
        israel = calendar_of("IL", "Asia/Jerusalem")
        assert stretches(israel, date(2026, 4, 26))[0] == ("09:30", "12:00", FAIR)  # Sunday
        assert stretches(israel, date(2026, 4, 23))[-1] == ("13:00", "16:00", FAIR)  # Thursday
        assert ("09:30", "11:30", BEST) in stretches(israel, date(2026, 4, 27))  # Monday: mid-week

    def test_busy_slots_are_cut_out_on_their_days_only(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=NINE_TO_FIVE.regular,
            busy=(Busy(frozenset({1}), Span(hm("10:00"), hm("11:00"))),),  # Tuesdays
        )
        calendar = calendar_of(None, "America/Chicago", hours=hours)
        assert free_time(calendar, date(2026, 3, 10)) == [
            ("09:30", "10:00"),
            ("11:00", "12:00"),
            ("13:00", "16:00"),
        ]
        assert free_time(calendar, date(2026, 3, 11)) == [("09:30", "12:00"), ("13:00", "16:00")]

    def test_the_first_and_last_minutes_are_settings(self) -> None:
        policy = Policy(avoid_first_minutes=0, avoid_last_minutes=15)
        calendar = calendar_of(None, "America/Chicago", hours=NINE_TO_FIVE, policy=policy)
        assert free_time(calendar, date(2026, 3, 11)) == [("09:00", "12:00"), ("13:00", "16:45")]
        # The default policy, on the same hours, keeps its own stretches.
        assert free_time(calendar_of(None, "America/Chicago", hours=NINE_TO_FIVE), date(2026, 3, 11)) == [
            ("09:30", "12:00"),
            ("13:00", "16:00"),
        ]

    def test_a_variant_day_gets_its_own_stretches(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=NINE_TO_FIVE.regular,
            variants=(Variant(frozenset({2}), day("10:00", "14:00", None)),),  # short Wednesdays
        )
        calendar = calendar_of(None, "America/Chicago", hours=hours)
        assert free_time(calendar, date(2026, 3, 11)) == [("10:30", "13:00")]
        assert free_time(calendar, date(2026, 3, 12)) == [("09:30", "12:00"), ("13:00", "16:00")]


class TestWeekEdges:
    def test_monday_to_friday(self) -> None:
        assert week_edges(MON_FRI) == (frozenset({0}), frozenset({4}))

    def test_sunday_to_thursday(self) -> None:
        assert week_edges(SUN_THU) == (frozenset({6}), frozenset({3}))

    def test_a_seven_day_week_has_no_edges(self) -> None:
        assert week_edges(ALL_WEEK) == (frozenset(), frozenset())


def test_every_day_of_a_year_agrees_with_why_closed() -> None:
    calendar = calendar_of("JP", "Asia/Tokyo")
    on = date(2026, 1, 1)
    while on.year == 2026:
        assert calendar.is_working_day(on) == (calendar.why_closed(on) is None), on
        on += timedelta(days=1)
