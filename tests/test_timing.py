"""When to make the contact: an email goes within its time whatever their closures (its delivery
scheduled for their next good morning), calls and visits keep to their working day and to your
waking hours, and the windows are listed in time order with the first allowed named."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.casefile import read_case
from followup.core import Action, Advice, Channel, Purpose, advise
from tests.conftest import rules

NEW_YORK = ZoneInfo("America/New_York")


def advised(now: str, **document: Any) -> Advice:
    moment = datetime.fromisoformat(now)
    loaded = read_case(document, now=moment)
    return advise(loaded.case, moment, loaded.policy)


def reason(advice: Advice, rule: str) -> str:
    found = [item.text for item in advice.reasons if item.rule == rule]
    assert found, f"no {rule} among {rules(advice)}"
    return found[-1]


def thank_you_sent(at: str) -> dict[str, Any]:
    return {"at": at, "kind": "contacted", "channel": "email", "purpose": "thank_you"}


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


LONDON = {"name": "Thames Analytics", "country": "GB", "timezone": "Europe/London"}
TOKYO = {"name": "Kaizen Robotics", "country": "JP", "timezone": "Asia/Tokyo"}
CHICAGO = {"name": "Northwind", "country": "US", "subdivision": "IL", "timezone": "America/Chicago"}
IN_NEW_YORK = {"timezone": "America/New_York"}
THE_THURSDAY_BEFORE_EASTER = {"at": "2026-04-02T14:00:00+01:00"}  # Good Friday is 3 April 2026


class TestAThankYouEmailAcrossAClosure:
    def test_after_an_afternoon_interview_before_easter_it_goes_the_same_day(self) -> None:
        advice = advised(
            "2026-04-02T15:30:00+01:00",
            employer=LONDON,
            candidate=IN_NEW_YORK,
            interview=THE_THURSDAY_BEFORE_EASTER,
        )
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU and advice.channel is Channel.EMAIL
        # The deadline is 24 hours after the interview, not put off past Easter.
        assert iso(advice.deadline) == "2026-04-03T15:00:00+01:00"
        assert advice.windows[0].start.date().isoformat() == "2026-04-02"  # today, while they are open
        closed = reason(advice, "email.closed")
        assert "Send it today, while their office is open" in closed
        assert "from Friday 3 April to Monday 6 April (Good Friday, Easter Monday)" in closed

    def test_after_their_working_day_it_goes_now_or_is_delivered_on_their_first_morning_back(self) -> None:
        advice = advised(
            "2026-04-02T18:30:00+01:00",
            employer=LONDON,
            candidate=IN_NEW_YORK,
            interview=THE_THURSDAY_BEFORE_EASTER,
        )
        assert advice.action is Action.FOLLOW_UP  # not "wait until Tuesday"
        assert iso(advice.deadline) == "2026-04-03T15:00:00+01:00"
        assert iso(advice.deliver_at) == "2026-04-07T09:30:00+01:00"
        closed = reason(advice, "email.closed")
        assert closed.startswith("Their office is closed from Friday 3 April to Monday 6 April")
        assert (
            "send it now, by Friday 3 April at 15:00 (their time), and it will be waiting for them" in closed
        )
        assert "schedule its delivery for Tuesday 7 April at 09:30 their time (04:30 your time)" in closed
        assert "windows.first_later" not in rules(advice)

    def test_after_a_tokyo_interview_before_golden_week_it_is_not_put_off_nine_days(self) -> None:
        advice = advised(
            "2026-04-28T18:00:00+09:00",
            employer=TOKYO,
            candidate={"timezone": "America/Los_Angeles"},
            interview={"at": "2026-04-28T15:00:00+09:00"},
        )
        assert advice.action is Action.FOLLOW_UP
        assert iso(advice.deadline) == "2026-04-29T16:00:00+09:00"
        assert iso(advice.deliver_at) == "2026-05-07T09:30:00+09:00"
        closed = reason(advice, "email.closed")
        assert "from Wednesday 29 April to Wednesday 6 May" in closed
        assert "(Golden Week, Substitute Holiday)" in closed  # the closure, named
        assert "their working day is over" not in closed

    def test_the_year_end_closure_of_a_japanese_employer_is_named(self) -> None:
        advice = advised(
            "2026-12-28T18:00:00+09:00", employer=TOKYO, interview={"at": "2026-12-28T14:00:00+09:00"}
        )
        assert advice.action is Action.FOLLOW_UP
        assert "the year-end break" in reason(advice, "email.closed")
        assert iso(advice.deliver_at) == "2027-01-06T09:30:00+09:00"

    def test_an_ordinary_evening_offers_delivery_the_next_morning(self) -> None:
        advice = advised(
            "2026-03-10T19:00:00+00:00", employer=LONDON, interview={"at": "2026-03-10T14:00:00+00:00"}
        )
        assert advice.action is Action.FOLLOW_UP
        assert iso(advice.deliver_at) == "2026-03-11T09:30:00+00:00"
        assert "their working day is over" in reason(advice, "email.scheduled_delivery")


class TestYourWakingHours:
    def test_a_call_back_to_london_is_not_planned_at_half_past_four_in_new_york(self) -> None:
        events = [
            {"at": "2026-03-10T15:00:00+00:00", "kind": "call_back", "date": "2026-03-17", "channel": "phone"}
        ]
        advice = advised(
            "2026-03-17T08:00:00+00:00",
            employer=LONDON,
            candidate=IN_NEW_YORK,
            interview={"at": "2026-03-10T14:00:00+00:00"},
            events=[
                *events,
                thank_you_sent("2026-03-10T16:00:00+00:00"),
            ],
        )
        assert advice.channel is Channel.PHONE and advice.purpose is Purpose.CALL_BACK
        assert advice.windows
        for window in advice.windows:
            yours = window.start.astimezone(NEW_YORK)
            assert yours.hour >= 8, f"a call at {yours:%H:%M} your time"
        # London's 11:30-12:30 begins at 07:30 in New York (US clocks changed on 8 March, the UK's
        # not yet): the call can start at 12:00 theirs, 08:00 yours.
        assert iso(advice.windows[0].start) == "2026-03-17T12:00:00+00:00"
        assert "windows.outside_your_hours" not in rules(advice)

    def test_your_own_waking_hours_are_a_setting(self) -> None:
        events = [{"at": "2026-03-10T15:00:00+00:00", "kind": "prefer_channel", "channel": "phone"}]
        thanked = thank_you_sent("2026-03-10T16:00:00+00:00")
        advice = advised(
            "2026-03-19T08:00:00+00:00",
            employer=LONDON,
            candidate={**IN_NEW_YORK, "waking_hours": "05:00-23:00"},  # an early riser
            interview={"at": "2026-03-10T14:00:00+00:00"},
            events=[*events, thanked],
        )
        assert iso(advice.windows[0].start) == "2026-03-19T09:30:00+00:00"  # 05:30 in New York

    def test_when_none_of_their_good_times_is_in_your_waking_hours_it_says_so(self) -> None:
        # Tokyo's working day is 19:00-03:00 in New York: nothing inside 08:00-21:00 but 19:00-21:00,
        # which is their first half hour and then 09:30-10:00 at best; with a short day, nothing.
        events = [{"at": "2026-03-10T10:00:00+09:00", "kind": "prefer_channel", "channel": "phone"}]
        thanked = thank_you_sent("2026-03-10T16:00:00+09:00")
        advice = advised(
            "2026-03-19T09:00:00+09:00",
            employer={**TOKYO, "hours": {"open": "10:00", "close": "16:00", "lunch": ["12:00", "13:00"]}},
            candidate={**IN_NEW_YORK, "waking_hours": "07:00-19:00"},
            interview={"at": "2026-03-10T10:00:00+09:00"},
            events=[*events, thanked],
        )
        assert advice.channel is Channel.PHONE
        assert advice.windows  # their good times are still shown...
        assert "falls inside your waking hours" in reason(advice, "windows.outside_your_hours")  # ...and why

    def test_an_email_whose_good_time_falls_while_you_sleep_is_scheduled(self) -> None:
        thanked = thank_you_sent("2026-03-10T16:00:00+00:00")
        advice = advised(
            "2026-03-12T20:00:00+00:00",  # the check-in is due on Thursday 19 March
            employer=LONDON,
            candidate={"timezone": "America/Los_Angeles"},
            interview={"at": "2026-03-10T14:00:00+00:00"},
            events=[thanked],
        )
        assert advice.action is Action.WAIT and advice.channel is Channel.EMAIL
        first = advice.windows[0].start
        assert first.astimezone(ZoneInfo("America/Los_Angeles")).hour < 8
        assert advice.deliver_at == first
        assert "schedule its delivery" in reason(advice, "email.scheduled_delivery")


class TestWindowsInTimeOrder:
    def test_a_check_in_due_on_friday_lists_friday_first_and_names_the_best(self) -> None:
        # Interview Wednesday 27 May 2026: due Friday 5 June (Memorial Day was 25 May); Friday and
        # Monday are allowed, the best times come on Tuesday 9 June.
        thanked = thank_you_sent("2026-05-27T16:00:00-05:00")
        advice = advised(
            "2026-06-01T10:00:00-05:00",
            employer=CHICAGO,
            interview={"at": "2026-05-27T10:00:00-05:00"},
            events=[thanked],
        )
        assert advice.action is Action.WAIT
        assert iso(advice.not_before) == "2026-06-05T09:00:00-05:00"
        starts = [window.start for window in advice.windows]
        assert starts == sorted(starts)
        assert iso(advice.windows[0].start) == "2026-06-05T09:30:00-05:00"
        first = reason(advice, "windows.first")
        assert "The first good time is Friday 5 June at 09:30, a good one" in first
        assert "the best, Tuesday 9 June at 09:30" in first

    def test_the_rank_of_each_window_is_kept(self) -> None:
        thanked = thank_you_sent("2026-05-28T16:00:00-05:00")
        advice = advised(
            "2026-06-08T08:00:00-05:00",
            employer=CHICAGO,
            interview={"at": "2026-05-27T10:00:00-05:00"},
            events=[thanked],
        )
        assert advice.windows[0].quality in ("fair", "good")
        assert "best" in [window.quality for window in advice.windows]


class TestShowAndTodayAgree:
    """The agenda reads the advice's action: what `show` says is to do now, Today lists under To do."""

    def test_a_call_due_on_a_holiday_waits_for_the_first_good_time(self) -> None:
        events = [{"at": "2026-03-20T10:00:00+00:00", "kind": "prefer_channel", "channel": "phone"}]
        thanked = thank_you_sent("2026-03-20T16:00:00+00:00")
        advice = advised(
            "2026-04-03T10:00:00+01:00",  # Good Friday; the check-in fell due on Tuesday 31 March
            employer=LONDON,
            interview={"at": "2026-03-20T14:00:00+00:00"},
            events=[*events, thanked],
        )
        assert advice.action is Action.WAIT
        assert iso(advice.not_before) == "2026-04-07T09:30:00+01:00" == iso(advice.windows[0].start)
        assert "today is a public holiday (Good Friday) there" in reason(advice, "windows.first_later")


class TestTheSecondLook:
    """What a second new user met: each a contradiction the advice must not make."""

    def test_a_final_check_in_is_never_scheduled_after_the_moment_to_move_on(self) -> None:
        thanked = thank_you_sent("2026-03-03T16:00:00-06:00")
        advice = advised(  # Monday 23 March, evening: the last day for the final check-in
            "2026-03-23T18:00:00-05:00", employer=CHICAGO, interview={"at": "2026-03-03T10:00:00-06:00"},
            events=[thanked],
        )  # fmt: skip
        assert advice.action is Action.FOLLOW_UP and "schedule.final_check_in" in rules(advice)
        assert advice.move_on_at is not None
        assert iso(advice.move_on_at) == "2026-03-24T09:00:00-05:00"
        assert advice.deliver_at is None  # their next good morning (09:30) comes after it: send now

    def test_before_an_interview_the_closure_after_it_is_named(self) -> None:
        advice = advised(
            "2026-04-27T19:00:00-07:00",
            employer=TOKYO,
            candidate={"timezone": "America/Los_Angeles"},
            interview={"at": "2026-04-28T15:00:00+09:00"},
        )
        assert advice.action is Action.WAIT and advice.purpose is Purpose.THANK_YOU
        closed = reason(advice, "email.closed")
        assert "Golden Week" in closed and "right after the interview" in closed
        upcoming = reason(advice, "interview.upcoming")
        assert "15:00 their time (Monday 27 April at 23:00 your time)" in upcoming

    def test_at_their_lunch_a_due_call_says_so_and_waits(self) -> None:
        call_me = {
            "at": "2026-03-10T15:00:00+00:00",
            "kind": "call_back",
            "date": "2026-03-17",
            "channel": "phone",
        }
        thanked = thank_you_sent("2026-03-10T16:00:00+00:00")
        events = [call_me, thanked]
        advice = advised(
            "2026-03-17T12:45:00+00:00", employer=LONDON, candidate={"timezone": "Europe/London"},
            interview={"at": "2026-03-10T14:00:00+00:00"}, events=events,
        )  # fmt: skip
        assert advice.action is Action.WAIT and iso(advice.not_before) == "2026-03-17T13:30:00+00:00"
        assert "It is due, but it is their lunch" in reason(advice, "windows.first_later")
        assert iso(advice.deadline) == "2026-03-17T16:30:00+00:00"  # the end of the day's last good time
