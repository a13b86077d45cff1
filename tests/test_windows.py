"""Good time windows: only on the employer's working days and hours, in their time zone; never at
lunch, in the first 30 or the last 60 minutes of the day, on weekends, public holidays, closed
dates or busy slots. Tue-Thu mid-morning and mid-afternoon rank first; Monday morning and Friday
afternoon last."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.core.countries import MON_FRI, day, default_hours
from followup.core.model import (
    DEFAULT_POLICY,
    NO_HOLIDAYS,
    Busy,
    Closures,
    DayHours,
    Employer,
    Hours,
    Policy,
    Span,
    Window,
)
from followup.core.windows import find_windows
from followup.core.workdays import WorkCalendar
from followup.places.public_holidays import public_holidays
from tests.conftest import assert_a_good_time

CHICAGO = ZoneInfo("America/Chicago")
NINE_TO_FIVE = Hours(
    days=MON_FRI,
    regular=day("09:00", "17:00", ("12:00", "13:00")),
    best=(Span(9 * 60 + 30, 11 * 60 + 30), Span(13 * 60 + 30, 15 * 60 + 30)),
)


def calendar_of(
    hours: Hours = NINE_TO_FIVE,
    zone: str = "America/Chicago",
    country: str | None = None,
    subdivision: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> WorkCalendar:
    calendar = public_holidays(country, subdivision) if country else NO_HOLIDAYS
    employer = Employer("Acme", ZoneInfo(zone), hours, calendar, country, subdivision)
    return WorkCalendar(employer, policy)


def windows(
    start: str,
    *,
    calendar: WorkCalendar | None = None,
    policy: Policy = DEFAULT_POLICY,
    soonest: bool = False,
    last_day: date | None = None,
) -> tuple[Window, ...]:
    calendar = calendar or calendar_of(policy=policy)
    return find_windows(calendar, policy, datetime.fromisoformat(start), soonest=soonest, last_day=last_day)


def shown(found: tuple[Window, ...]) -> list[tuple[str, str, str]]:
    """Each window as ("2026-03-10T09:30:00-05:00", "11:30", "best")."""
    return [(w.start.isoformat(), w.end.strftime("%H:%M"), w.quality) for w in found]


class TestOrder:
    def test_a_check_in_lists_the_first_allowed_then_the_best_in_time_order(self) -> None:
        # From Monday 9 March 2026: Monday morning is the first allowed time (fair), then the
        # mid-week best times; all in time order, so Monday does not read as forbidden.
        assert shown(windows("2026-03-09T08:00:00-05:00")) == [
            ("2026-03-09T09:30:00-05:00", "12:00", "fair"),
            ("2026-03-10T09:30:00-05:00", "11:30", "best"),
            ("2026-03-10T13:30:00-05:00", "15:30", "best"),
        ]

    def test_soonest_lists_them_in_time_order(self) -> None:
        assert shown(windows("2026-03-09T08:00:00-05:00", soonest=True)) == [
            ("2026-03-09T09:30:00-05:00", "12:00", "fair"),
            ("2026-03-09T13:00:00-05:00", "16:00", "good"),
            ("2026-03-10T09:30:00-05:00", "11:30", "best"),
        ]

    def test_when_best_times_are_few_the_good_are_chosen_next_and_all_shown_in_time_order(self) -> None:
        # A horizon of two business days from Thursday: Thursday's two best times and the three
        # good ones are chosen before Friday's fair afternoon; they are listed in time order.
        policy = Policy(window_horizon_business_days=2, window_count=5)
        assert shown(windows("2026-03-12T08:00:00-05:00", policy=policy)) == [
            ("2026-03-12T09:30:00-05:00", "11:30", "best"),
            ("2026-03-12T11:30:00-05:00", "12:00", "good"),
            ("2026-03-12T13:00:00-05:00", "13:30", "good"),
            ("2026-03-12T13:30:00-05:00", "15:30", "best"),
            ("2026-03-12T15:30:00-05:00", "16:00", "good"),
        ]


class TestRanks:
    """One week, every stretch: its quality by the rules of calling hours."""

    WEEK: ClassVar[dict[tuple[str, str], str]] = {
        (w.start.strftime("%a %H:%M"), w.end.strftime("%H:%M")): w.quality
        for w in find_windows(
            calendar_of(),
            Policy(window_count=50),
            datetime(2026, 3, 9, tzinfo=CHICAGO),
            soonest=True,
            last_day=date(2026, 3, 13),
        )
    }

    def test_tuesday_to_thursday_mid_morning_and_mid_afternoon_are_best(self) -> None:
        for weekday in ("Tue", "Wed", "Thu"):
            assert self.WEEK[(f"{weekday} 09:30", "11:30")] == "best"
            assert self.WEEK[(f"{weekday} 13:30", "15:30")] == "best"
            assert self.WEEK[(f"{weekday} 11:30", "12:00")] == "good"
            assert self.WEEK[(f"{weekday} 13:00", "13:30")] == "good"
            assert self.WEEK[(f"{weekday} 15:30", "16:00")] == "good"

    def test_monday_morning_and_friday_afternoon_are_fair(self) -> None:
        assert self.WEEK[("Mon 09:30", "12:00")] == "fair"
        assert self.WEEK[("Fri 13:00", "16:00")] == "fair"

    def test_monday_afternoon_and_friday_morning_are_good(self) -> None:
        assert self.WEEK[("Mon 13:00", "16:00")] == "good"
        assert self.WEEK[("Fri 09:30", "12:00")] == "good"

    def test_nothing_else_that_week(self) -> None:
        assert len(self.WEEK) == 2 + 5 * 3 + 2


class TestWhere:
    def test_a_start_inside_a_stretch_trims_it_to_the_next_whole_minute(self) -> None:
        found = windows("2026-03-10T10:15:30-05:00", soonest=True)
        assert shown(found)[0] == ("2026-03-10T10:16:00-05:00", "11:30", "best")

    def test_after_hours_the_next_working_day(self) -> None:
        found = windows("2026-03-13T16:30:00-05:00", soonest=True)  # a Friday, after 16:00
        assert shown(found)[0] == ("2026-03-16T09:30:00-05:00", "12:00", "fair")

    def test_in_the_employers_time_zone_whatever_the_start_is_written_in(self) -> None:
        # Tuesday 10 March 2026 21:30 in Kolkata is 11:00 that morning in Chicago.
        found = windows("2026-03-10T21:30:00+05:30", soonest=True)
        assert shown(found)[0] == ("2026-03-10T11:00:00-05:00", "11:30", "best")
        assert all(w.start.tzinfo == CHICAGO for w in found)

    def test_closed_dates_and_holidays_have_none(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=NINE_TO_FIVE.regular,
            best=NINE_TO_FIVE.best,
            closed=Closures(dates=frozenset({date(2026, 5, 26)})),
        )
        calendar = calendar_of(hours, country="US", subdivision="IL")
        # From Friday 22 May 2026 after hours: Mon 25 is Memorial Day, Tue 26 closed.
        found = windows("2026-05-22T17:00:00-05:00", calendar=calendar, soonest=True)
        assert found[0].start.isoformat() == "2026-05-27T09:30:00-05:00"

    def test_busy_slots_have_none(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=NINE_TO_FIVE.regular,
            best=NINE_TO_FIVE.best,
            busy=(Busy(frozenset({1, 2, 3}), Span(10 * 60, 11 * 60)),),  # stand-ups, Tue-Thu 10:00-11:00
        )
        found = windows("2026-03-10T08:00:00-05:00", calendar=calendar_of(hours), soonest=True)
        assert shown(found)[:3] == [
            ("2026-03-10T09:30:00-05:00", "10:00", "best"),
            ("2026-03-10T11:00:00-05:00", "11:30", "best"),
            ("2026-03-10T11:30:00-05:00", "12:00", "good"),
        ]

    def test_the_first_and_last_minutes_and_lunch_have_none(self) -> None:
        found = windows(
            "2026-03-09T00:00:00-05:00",
            policy=Policy(window_count=50),
            soonest=True,
            last_day=date(2026, 3, 13),
        )
        for window in found:
            start, end = window.start.strftime("%H:%M"), window.end.strftime("%H:%M")
            assert start >= "09:30", "not in the first 30 minutes"
            assert end <= "16:00", "not in the last 60 minutes"
            assert end <= "12:00" or start >= "13:00", "not at lunch"

    def test_the_first_and_last_minutes_are_settings(self) -> None:
        policy = Policy(avoid_first_minutes=0, avoid_last_minutes=30)
        found = windows("2026-03-13T00:00:00-05:00", policy=policy, soonest=True)  # a Friday
        assert shown(found)[:2] == [
            ("2026-03-13T09:00:00-05:00", "12:00", "good"),
            ("2026-03-13T13:00:00-05:00", "16:30", "fair"),
        ]


class TestLimits:
    def test_no_later_than_the_last_day(self) -> None:
        found = windows(
            "2026-03-09T08:00:00-05:00", policy=Policy(window_count=50), last_day=date(2026, 3, 10)
        )
        assert {w.start.date() for w in found} == {date(2026, 3, 9), date(2026, 3, 10)}

    def test_within_the_horizon_of_business_days(self) -> None:
        # From Saturday, a horizon of one business day is Monday only, however poor Monday is.
        found = windows("2026-03-07T10:00:00-06:00", policy=Policy(window_horizon_business_days=1))
        assert shown(found) == [
            ("2026-03-09T09:30:00-05:00", "12:00", "fair"),
            ("2026-03-09T13:00:00-05:00", "16:00", "good"),
        ]

    def test_as_many_as_the_policy_asks(self) -> None:
        assert len(windows("2026-03-09T08:00:00-05:00", policy=Policy(window_count=2))) == 2
        assert len(windows("2026-03-09T08:00:00-05:00", policy=Policy(window_count=12))) == 12

    def test_too_short_a_stretch_is_no_window(self) -> None:
        hours = Hours(
            days=MON_FRI,
            regular=day("09:00", "17:00", None),
            busy=(Busy(MON_FRI, Span(9 * 60 + 50, 16 * 60)),),  # leaves 09:30-09:50
            best=NINE_TO_FIVE.best,
        )
        calendar = calendar_of(hours)
        found = windows("2026-03-10T08:00:00-05:00", calendar=calendar, soonest=True)
        assert shown(found)[0] == ("2026-03-10T09:30:00-05:00", "09:50", "best")
        policy = Policy(min_window_minutes=30)
        assert (
            windows("2026-03-10T08:00:00-05:00", calendar=calendar_of(hours, policy=policy), policy=policy)
            == ()
        )

    def test_an_employer_closed_for_years_has_no_windows(self) -> None:
        closed = Closures(ranges=((date(2026, 1, 1), date(2029, 12, 31)),))
        hours = Hours(days=MON_FRI, regular=NINE_TO_FIVE.regular, closed=closed)
        assert windows("2026-03-09T08:00:00-05:00", calendar=calendar_of(hours)) == ()


class TestDaylightSaving:
    def test_us_windows_after_the_change_carry_the_new_offset(self) -> None:
        # US clocks change on Sunday 8 March 2026: Chicago goes from -06:00 to -05:00.
        found = windows("2026-03-06T15:00:00-06:00", soonest=True)
        assert shown(found)[:2] == [
            ("2026-03-06T15:00:00-06:00", "16:00", "fair"),
            ("2026-03-09T09:30:00-05:00", "12:00", "fair"),
        ]
        assert found[1].end - found[1].start == timedelta(hours=2, minutes=30)

    def test_european_windows_after_the_change_carry_the_new_offset(self) -> None:
        # Europe changes on Sunday 29 March 2026: Paris goes from +01:00 to +02:00.
        paris = calendar_of(default_hours("FR"), "Europe/Paris", "FR")
        found = windows("2026-03-27T16:30:00+01:00", calendar=paris, soonest=True)
        assert shown(found)[:2] == [
            ("2026-03-27T16:30:00+01:00", "17:00", "fair"),
            ("2026-03-30T09:30:00+02:00", "12:00", "fair"),
        ]

    def test_on_a_change_day_that_is_a_working_day(self) -> None:
        hours = Hours(days=frozenset(range(7)), regular=day("09:00", "17:00", None))
        found = windows(
            "2026-03-08T00:00:00-06:00", calendar=calendar_of(hours), soonest=True, last_day=date(2026, 3, 8)
        )
        # No best times set, and no lunch: one stretch, 09:30-16:00 on the new clock.
        assert shown(found) == [("2026-03-08T09:30:00-05:00", "16:00", "good")]


# Any hours, any start: every window is free working time, in order.

CLOCK = st.integers(0, 24 * 4).map(lambda quarter: quarter * 15)
ZONES = ["America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Madrid", "Asia/Tokyo"]
PLACES = [(None, None), ("US", "IL"), ("GB", "ENG"), ("DE", "BY"), ("ES", "MD"), ("JP", None)]


@st.composite
def employers(draw: st.DrawFn) -> tuple[WorkCalendar, Policy]:
    open_ = draw(st.integers(6 * 4, 10 * 4)) * 15
    close = open_ + draw(st.integers(4 * 4, 11 * 4)) * 15
    lunch = None
    if draw(st.booleans()):
        start = draw(st.integers(open_ // 15 + 1, close // 15 - 5)) * 15
        lunch = Span(start, start + draw(st.sampled_from([30, 60, 90, 120])))
    busy = tuple(
        Busy(frozenset(draw(st.sets(st.integers(0, 6), min_size=1))), Span(start, start + length))
        for start, length in draw(
            st.lists(st.tuples(CLOCK, st.integers(1, 8).map(lambda n: n * 15)), max_size=2)
        )
        if start + length <= 24 * 60
    )
    first = draw(st.dates(date(2026, 1, 1), date(2027, 12, 31)))
    closed = Closures(
        dates=frozenset({first}),
        ranges=((first + timedelta(days=10), first + timedelta(days=draw(st.integers(10, 40)))),),
        yearly=(((12, 24), (12, 26)),),
    )
    hours = Hours(
        days=frozenset(draw(st.sets(st.integers(0, 6), min_size=1))),
        regular=DayHours(open_, close, lunch),
        busy=busy,
        closed=closed,
        best=NINE_TO_FIVE.best,
    )
    policy = Policy(
        avoid_first_minutes=draw(st.sampled_from([0, 15, 30, 45])),
        avoid_last_minutes=draw(st.sampled_from([0, 30, 60, 90])),
        min_window_minutes=draw(st.sampled_from([5, 15, 30])),
        window_count=draw(st.integers(1, 8)),
        window_horizon_business_days=draw(st.integers(1, 20)),
    )
    country, subdivision = draw(st.sampled_from(PLACES))
    return calendar_of(hours, draw(st.sampled_from(ZONES)), country, subdivision, policy), policy


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    employers(),
    st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(ZoneInfo("UTC"))),
    st.booleans(),
)
def test_every_window_is_free_working_time(
    employer: tuple[WorkCalendar, Policy], start: datetime, soonest: bool
) -> None:
    calendar, policy = employer
    hours, zone = calendar.hours, calendar.zone
    country = calendar.employer.country
    public = (
        holidays.country_holidays(country, subdiv=calendar.employer.subdivision, years=range(2025, 2031))
        if country
        else {}
    )
    found = find_windows(calendar, policy, start, soonest=soonest)
    assert len(found) <= policy.window_count
    for window in found:
        assert_a_good_time(window, hours, zone, public, policy)
        on = window.start.astimezone(zone).date()
        assert window.start >= start
        assert window.end - window.start >= timedelta(minutes=policy.min_window_minutes)
        assert (on.month, on.day) not in {(12, 24), (12, 25), (12, 26)}
    starts = [w.start for w in found]
    assert len(set(starts)) == len(starts)
    assert starts == sorted(starts), "in time order"
    if not soonest and found:  # the first allowed time, then the best ranked of the rest
        everything = find_windows(calendar, replace(policy, window_count=500), start, soonest=True)
        assert found[0] == everything[0]
        if len(found) > 1:
            worst_chosen = max(w.rank for w in found[1:])
            passed_over = [w for w in everything[1:] if w not in found and w.start < found[-1].start]
            assert all(w.rank >= worst_chosen for w in passed_over)
