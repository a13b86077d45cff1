"""Interviews in six countries and more, told as case files. Each expected date was worked out by
hand from a real calendar and the public holidays of the country and region: the N-th working
day after the interview, skipping weekends, public holidays and closed dates; `not_before` is the
opening time of that day, in the employer's time zone; windows keep to the country's hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar

import pytest

from followup.casefile import read_case
from followup.core import Action, Advice, Purpose, Window, advise
from followup.rendering.advice import advice_json
from tests.conftest import case_file, rules


def employer(country: str, timezone: str, subdivision: str | None = None) -> dict[str, Any]:
    return {"name": "Acme", "country": country, "subdivision": subdivision, "timezone": timezone}


def thanked(interview_at: str) -> dict[str, Any]:
    """The thank-you note, sent three hours after the interview began."""
    at = datetime.fromisoformat(interview_at) + timedelta(hours=3)
    return {"at": at.isoformat(), "kind": "contacted", "channel": "email", "purpose": "thank_you"}


def advised(
    now: str,
    interview_at: str,
    where: dict[str, Any],
    *,
    candidate: str | None = None,
    events: list[dict[str, Any]] | None = None,
    policy: dict[str, Any] | None = None,
) -> tuple[Advice, dict[str, Any]]:
    """The advice at `now`, and its JSON rendering, for an interview at an employer somewhere.
    Unless events are given, the thank-you note was sent and the check-ins are what is left."""
    document = case_file(
        employer=where,
        interview={"at": interview_at},
        candidate={"timezone": candidate or where["timezone"]},
        events=[thanked(interview_at)] if events is None else events,
        policy=policy or {},
    )
    moment = datetime.fromisoformat(now)
    loaded = read_case(document, now=moment)
    advice = advise(loaded.case, moment, loaded.policy)
    return advice, advice_json(advice, loaded.case, moment, loaded.notes)


def advice_at(now: str, interview_at: str, where: dict[str, Any], **more: Any) -> Advice:
    return advised(now, interview_at, where, **more)[0]


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def shown(windows: tuple[Window, ...]) -> list[tuple[str, str, str]]:
    """Each window as ("2026-06-02T09:30:00-05:00", "11:30", "best"), in the employer's time."""
    return [(w.start.isoformat(), w.end.strftime("%H:%M"), w.quality) for w in windows]


def minutes(value: datetime) -> int:
    return value.hour * 60 + value.minute


def hm(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def closed_days(advice: Advice) -> str:
    return " ".join(reason.text for reason in advice.reasons if reason.rule == "calendar.closed_days")


MANY = {"window_count": 30}  # enough windows to see every kind of day within the horizon


class TestUnitedStates:
    CHICAGO = employer("US", "America/Chicago", "IL")

    def test_memorial_day_is_skipped_in_the_count(self) -> None:
        # Tue 19 May 2026 + 7: Wed 20, Thu 21, Fri 22, (Mon 25 Memorial Day), Tue 26, Wed 27, Thu 28, Fri 29.
        advice = advice_at("2026-05-20T10:00:00-05:00", "2026-05-19T10:00:00-05:00", self.CHICAGO)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-05-29T09:00:00-05:00"
        assert "Monday 25 May is a public holiday (Memorial Day)" in closed_days(advice)

    def test_on_the_day_the_first_allowed_time_then_the_best_in_time_order(self) -> None:
        # From Friday 29 May: Friday and Monday are the edges of the week; Tue-Thu mid-morning and
        # mid-afternoon are best. Friday morning is allowed, and comes first.
        advice = advice_at("2026-05-29T09:15:00-05:00", "2026-05-19T10:00:00-05:00", self.CHICAGO)
        assert advice.action is Action.FOLLOW_UP
        assert shown(advice.windows) == [
            ("2026-05-29T09:30:00-05:00", "12:00", "good"),
            ("2026-06-02T09:30:00-05:00", "11:30", "best"),
            ("2026-06-02T13:30:00-05:00", "15:30", "best"),
        ]

    @pytest.mark.parametrize(
        ("subdivision", "timezone", "offset", "due"),
        [
            # Fri 20 Nov 2026 + 7: Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30, Tue 1,
            # Wed 2.
            ("IL", "America/Chicago", "-06:00", "2026-12-02"),
            # California also closes on Fri 27 November, the day after Thanksgiving.
            ("CA", "America/Los_Angeles", "-08:00", "2026-12-03"),
        ],
    )
    def test_thanksgiving_is_skipped_in_the_count(
        self, subdivision: str, timezone: str, offset: str, due: str
    ) -> None:
        where = employer("US", timezone, subdivision)
        advice = advice_at(f"2026-11-20T15:00:00{offset}", f"2026-11-20T10:00:00{offset}", where)
        assert iso(advice.not_before) == f"{due}T09:00:00{offset}"
        assert "Thursday 26 November is a public holiday (Thanksgiving Day)" in closed_days(advice)

    def test_thank_you_windows_end_by_the_deadline(self) -> None:
        advice = advice_at("2026-03-03T15:30:00-06:00", "2026-03-03T14:00:00-06:00", self.CHICAGO, events=[])
        assert advice.purpose is Purpose.THANK_YOU
        assert iso(advice.deadline) == "2026-03-04T15:00:00-06:00"
        assert advice.deadline is not None
        assert all(window.end <= advice.deadline for window in advice.windows)


class TestUnitedKingdom:
    LONDON = employer("UK", "Europe/London", "ENG")  # UK is read as GB

    def test_good_friday_and_easter_monday_are_skipped_in_england(self) -> None:
        # Tue 31 Mar 2026 + 7: Wed 1, Thu 2, (Fri 3 Good Friday), (Mon 6 Easter Monday), Tue 7, Wed 8, Thu 9,
        # Fri 10, Mon 13.
        advice = advice_at("2026-03-31T15:00:00+01:00", "2026-03-31T10:00:00+01:00", self.LONDON)
        assert iso(advice.not_before) == "2026-04-13T09:00:00+01:00"
        assert "Friday 3 April is a public holiday (Good Friday)" in closed_days(advice)
        assert "Monday 6 April is a public holiday (Easter Monday)" in closed_days(advice)

    def test_easter_monday_is_a_working_day_in_scotland(self) -> None:
        # Wed 1, Thu 2, (Fri 3 Good Friday), Mon 6, Tue 7, Wed 8, Thu 9, Fri 10.
        edinburgh = employer("GB", "Europe/London", "SCT")
        advice = advice_at("2026-03-31T15:00:00+01:00", "2026-03-31T10:00:00+01:00", edinburgh)
        assert iso(advice.not_before) == "2026-04-10T09:00:00+01:00"

    def test_windows_keep_to_uk_hours(self) -> None:
        # 09:00-17:30 with lunch 12:30-13:30: from 09:30, never 12:30-13:30, nothing after 16:30.
        advice = advice_at("2026-04-13T09:00:00+01:00", "2026-03-31T10:00:00+01:00", self.LONDON, policy=MANY)
        assert advice.action is Action.FOLLOW_UP
        starts = [w.start for w in advice.windows]
        assert starts == sorted(starts)
        assert shown(advice.windows)[0] == ("2026-04-13T09:30:00+01:00", "12:30", "fair")  # Monday morning
        assert ("2026-04-14T09:30:00+01:00", "11:30", "best") in shown(advice.windows)
        for window in advice.windows:
            start, end = minutes(window.start), minutes(window.end)
            assert start >= hm("09:30") and end <= hm("16:30")
            assert end <= hm("12:30") or start >= hm("13:30"), "never at lunch"

    def test_the_late_may_bank_holiday(self) -> None:
        # Tue 19 May 2026 + 7: Wed 20, Thu 21, Fri 22, (Mon 25 Spring Bank Holiday), Tue 26, ..., Fri 29.
        advice = advice_at("2026-05-19T15:00:00+01:00", "2026-05-19T10:00:00+01:00", self.LONDON)
        assert iso(advice.not_before) == "2026-05-29T09:00:00+01:00"
        assert "Monday 25 May is a public holiday (Spring Bank Holiday)" in closed_days(advice)


class TestGermany:
    MUNICH = employer("DE", "Europe/Berlin", "BY")
    BERLIN = employer("DE", "Europe/Berlin", "BE")

    def test_corpus_christi_counts_as_a_holiday_in_bavaria_only(self) -> None:
        # Thu 28 May 2026 + 7: Fri 29, Mon 1, Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 (Berlin);
        # in Bavaria Thu 4 June (Corpus Christi) is skipped: Tue 9.
        munich = advice_at("2026-05-28T15:00:00+02:00", "2026-05-28T10:00:00+02:00", self.MUNICH)
        berlin = advice_at("2026-05-28T15:00:00+02:00", "2026-05-28T10:00:00+02:00", self.BERLIN)
        assert iso(munich.not_before) == "2026-06-09T08:30:00+02:00"
        assert iso(berlin.not_before) == "2026-06-08T08:30:00+02:00"
        assert "Thursday 4 June is a public holiday (Corpus Christi)" in closed_days(munich)
        assert closed_days(berlin) == ""

    def test_a_call_back_day_that_is_a_regional_holiday_moves_to_the_next_working_day(self) -> None:
        call_me = {
            "at": "2026-05-28T11:00:00+02:00",
            "kind": "call_back",
            "date": "2026-06-04",
            "channel": "phone",
        }
        events = [call_me]
        munich = advice_at(
            "2026-06-01T10:00:00+02:00", "2026-05-28T10:00:00+02:00", self.MUNICH, events=events
        )
        berlin = advice_at(
            "2026-06-01T10:00:00+02:00", "2026-05-28T10:00:00+02:00", self.BERLIN, events=events
        )
        assert munich.purpose is Purpose.CALL_BACK
        assert iso(munich.not_before) == "2026-06-05T09:00:00+02:00"  # a call: its first good time
        assert iso(berlin.not_before) == "2026-06-04T09:00:00+02:00"

    def test_no_window_after_four(self) -> None:
        # 08:30-17:00: nothing before 09:00 and, with the last hour kept free, nothing after 16:00.
        advice = advice_at("2026-06-09T08:30:00+02:00", "2026-05-28T10:00:00+02:00", self.MUNICH, policy=MANY)
        assert len(advice.windows) == 30
        for window in advice.windows:
            assert minutes(window.start) >= hm("09:00")
            assert minutes(window.end) <= hm("16:00")
            assert minutes(window.end) <= hm("12:00") or minutes(window.start) >= hm("13:00")
        assert shown(advice.windows)[:2] == [
            ("2026-06-09T09:00:00+02:00", "09:30", "good"),
            ("2026-06-09T09:30:00+02:00", "11:30", "best"),
        ]


class TestFrance:
    PARIS = employer("FR", "Europe/Paris")

    def test_victory_day_and_ascension_are_skipped_in_the_count(self) -> None:
        # Tue 5 May 2026 + 7: Wed 6, Thu 7, (Fri 8 Victory Day), Mon 11, Tue 12, Wed 13, (Thu 14 Ascension),
        # Fri 15, Mon 18.
        advice = advice_at("2026-05-05T15:00:00+02:00", "2026-05-05T10:00:00+02:00", self.PARIS)
        assert iso(advice.not_before) == "2026-05-18T09:00:00+02:00"
        assert "Friday 8 May is a public holiday (Victory Day)" in closed_days(advice)
        assert "Thursday 14 May is a public holiday (Ascension Day)" in closed_days(advice)

    def test_no_window_touches_the_lunch_break(self) -> None:
        advice = advice_at("2026-05-18T09:00:00+02:00", "2026-05-05T10:00:00+02:00", self.PARIS, policy=MANY)
        assert len(advice.windows) == 30
        for window in advice.windows:
            start, end = minutes(window.start), minutes(window.end)
            assert end <= hm("12:00") or start >= hm("14:00"), "the lunch 12:00-14:00 is protected"
            assert start >= hm("09:30") and end <= hm("17:00")
        assert {w.start.date().isoformat() for w in advice.windows if w.quality == "best"} >= {
            "2026-05-19",
            "2026-05-20",
            "2026-05-21",
        }

    CALL_ON_BASTILLE_DAY: ClassVar[list[dict[str, Any]]] = [
        thanked("2026-07-01T10:00:00+02:00"),
        {"at": "2026-07-01T11:00:00+02:00", "kind": "call_back", "date": "2026-07-14", "channel": "phone"},
    ]

    def test_a_call_back_on_bastille_day_moves_to_the_next_day(self) -> None:
        advice = advice_at(
            "2026-07-02T10:00:00+02:00",
            "2026-07-01T10:00:00+02:00",
            self.PARIS,
            events=self.CALL_ON_BASTILLE_DAY,
        )
        assert advice.purpose is Purpose.CALL_BACK
        assert iso(advice.not_before) == "2026-07-15T09:30:00+02:00"  # a call: its first good time

    def test_a_call_back_moved_off_bastille_day_says_why(self) -> None:
        advice = advice_at(
            "2026-07-02T10:00:00+02:00",
            "2026-07-01T10:00:00+02:00",
            self.PARIS,
            events=self.CALL_ON_BASTILLE_DAY,
        )
        assert "Tuesday 14 July is a public holiday (National Day)" in closed_days(advice)

    def test_a_count_across_the_clock_change_opens_on_summer_time(self) -> None:
        # Thu 19 Mar 2026 + 7: Fri 20, Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 (after Sun 29 March).
        advice = advice_at("2026-03-19T15:00:00+01:00", "2026-03-19T10:00:00+01:00", self.PARIS)
        assert iso(advice.not_before) == "2026-03-30T09:00:00+02:00"


class TestSpain:
    MADRID = employer("ES", "Europe/Madrid", "MD")

    def test_split_day_windows_never_fall_in_the_afternoon_break(self) -> None:
        # Mon 2 Mar 2026 + 7: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11.
        advice = advice_at("2026-03-11T09:00:00+01:00", "2026-03-02T10:00:00+01:00", self.MADRID, policy=MANY)
        assert iso(advice.not_before) == "2026-03-11T09:00:00+01:00"
        fridays = [w for w in advice.windows if w.start.weekday() == 4]
        assert fridays, "some windows fall on a Friday"
        for window in advice.windows:
            start, end = minutes(window.start), minutes(window.end)
            if window.start.weekday() == 4:  # Friday: 08:00-15:00
                assert start >= hm("08:30") and end <= hm("14:00")
            else:  # Mon-Thu: 09:00-14:00 and 16:00-19:00
                assert start >= hm("09:30") and end <= hm("18:00")
                assert end <= hm("14:00") or start >= hm("16:00"), "never 14:00-16:00"

    def test_a_friday_has_the_short_day(self) -> None:
        call_me = {
            "at": "2026-03-02T11:00:00+01:00",
            "kind": "call_back",
            "date": "2026-03-13",
            "until": "2026-03-13",
            "channel": "phone",
        }
        advice = advice_at(
            "2026-03-05T10:00:00+01:00", "2026-03-02T10:00:00+01:00", self.MADRID, events=[call_me]
        )
        assert advice.purpose is Purpose.CALL_BACK
        assert iso(advice.not_before) == "2026-03-13T08:30:00+01:00"  # a call: its first good time
        assert iso(advice.deadline) == "2026-03-13T14:00:00+01:00"  # the end of its last good time
        assert iso(advice.windows[0].start) == "2026-03-13T08:30:00+01:00"
        assert iso(advice.windows[-1].end) == "2026-03-13T14:00:00+01:00"
        assert all(a.end == b.start for a, b in zip(advice.windows, advice.windows[1:], strict=False))

    def test_holy_week_is_skipped_and_the_day_due_is_a_short_friday(self) -> None:
        # Mon 30 Mar 2026 + 7: Tue 31, Wed 1, (Thu 2 Maundy Thursday), (Fri 3 Good Friday), Mon 6, Tue 7,
        # Wed 8, Thu 9, Fri 10: a Friday, open from 08:00.
        advice = advice_at("2026-03-30T15:00:00+02:00", "2026-03-30T10:00:00+02:00", self.MADRID)
        assert iso(advice.not_before) == "2026-04-10T08:00:00+02:00"
        assert "Thursday 2 April is a public holiday (Maundy Thursday)" in closed_days(advice)

    def test_july_has_the_short_day(self) -> None:
        # Tue 7 Jul 2026 + 7: Wed 8, Thu 9, Fri 10, Mon 13, Tue 14, Wed 15, Thu 16: 08:00-15:00 in summer.
        advice = advice_at("2026-07-07T15:00:00+02:00", "2026-07-07T10:00:00+02:00", self.MADRID)
        assert iso(advice.not_before) == "2026-07-16T08:00:00+02:00"
        on_the_day = advice_at(
            "2026-07-16T08:00:00+02:00", "2026-07-07T10:00:00+02:00", self.MADRID, policy=MANY
        )
        for window in on_the_day.windows:
            assert minutes(window.start) >= hm("08:30") and minutes(window.end) <= hm("14:00")


class TestJapan:
    TOKYO = employer("JP", "Asia/Tokyo")

    def test_vernal_equinox_day_is_skipped(self) -> None:
        # Thu 12 Mar 2026 + 7: Fri 13, Mon 16, Tue 17, Wed 18, Thu 19, (Fri 20 Vernal Equinox Day), Mon 23,
        # Tue 24.
        advice = advice_at("2026-03-12T15:00:00+09:00", "2026-03-12T10:00:00+09:00", self.TOKYO)
        assert iso(advice.not_before) == "2026-03-24T09:00:00+09:00"
        assert "Friday 20 March is a public holiday (Vernal Equinox Day)" in closed_days(advice)

    def test_golden_week_is_closed(self) -> None:
        # Fri 24 Apr 2026 + 7: Mon 27, Tue 28, then Golden Week: Wed 29 (Showa Day), Thu 30 and Fri 1
        # (closed), Mon 4, Tue 5, Wed 6 (holidays), then Thu 7, Fri 8, Mon 11, Tue 12, Wed 13.
        advice = advice_at("2026-04-24T15:00:00+09:00", "2026-04-24T10:00:00+09:00", self.TOKYO)
        assert iso(advice.not_before) == "2026-05-13T09:00:00+09:00"
        said = closed_days(advice)
        assert "Wednesday 29 April is a public holiday (Showa Day)" in said
        assert "Thursday 30 April to Friday 1 May are days of Golden Week" in said  # the closure, named
        assert "Wednesday 6 May is a public holiday (Substitute Holiday)" in said

    def test_the_year_end_is_closed(self) -> None:
        # Wed 23 Dec 2026 + 7: Thu 24, Fri 25, Mon 28, (29 Dec to 5 Jan closed), Wed 6, Thu 7, Fri 8,
        # (Mon 11 Jan Coming of Age Day), Tue 12 January 2027.
        advice = advice_at("2026-12-23T15:00:00+09:00", "2026-12-23T10:00:00+09:00", self.TOKYO)
        assert iso(advice.not_before) == "2027-01-12T09:00:00+09:00"

    def test_no_window_at_lunch(self) -> None:
        advice = advice_at("2026-03-24T09:00:00+09:00", "2026-03-12T10:00:00+09:00", self.TOKYO, policy=MANY)
        for window in advice.windows:
            assert minutes(window.end) <= hm("12:00") or minutes(window.start) >= hm("13:00")


class TestSundayToThursday:
    JERUSALEM = employer("IL", "Asia/Jerusalem")

    def test_the_week_runs_sunday_to_thursday(self) -> None:
        # Sun 19 Apr 2026 + 7: Mon 20, Tue 21, (Wed 22 Independence Day), Thu 23, Sun 26, Mon 27, Tue 28,
        # Wed 29.
        advice = advice_at("2026-04-19T15:00:00+03:00", "2026-04-19T10:00:00+03:00", self.JERUSALEM)
        assert iso(advice.not_before) == "2026-04-29T09:00:00+03:00"
        assert "Wednesday 22 April is a public holiday (Independence Day)" in closed_days(advice)

    def test_sunday_morning_and_thursday_afternoon_rank_last(self) -> None:
        advice = advice_at("2026-04-29T09:00:00+03:00", "2026-04-19T10:00:00+03:00", self.JERUSALEM)
        # Wed 29 April, then (Thursday being the end of the week, Sunday its start) Mon 4 and Tue 5 May.
        assert shown(advice.windows) == [
            ("2026-04-29T09:30:00+03:00", "11:30", "best"),
            ("2026-04-29T13:30:00+03:00", "15:30", "best"),
            ("2026-05-04T09:30:00+03:00", "11:30", "best"),
        ]
        # Every stretch of the next five working days: Wed 29, Thu 30 April, Sun 3, Mon 4, Tue 5 May.
        week = {"window_count": 50, "window_horizon_business_days": 5}
        every = advice_at(
            "2026-04-29T09:00:00+03:00", "2026-04-19T10:00:00+03:00", self.JERUSALEM, policy=week
        )
        quality = {(w.start.strftime("%a %H:%M")): w.quality for w in every.windows}
        assert quality["Thu 13:00"] == "fair"
        assert quality["Sun 09:30"] == "fair"
        assert not {w.start.strftime("%a") for w in every.windows} & {"Fri", "Sat"}


class TestDaylightSaving:
    NEW_YORK = employer("US", "America/New_York", "NY")

    @pytest.mark.parametrize(
        ("interview_at", "now", "first_window", "for_the_candidate"),
        [
            # Winter on both sides: New York is five hours behind London.
            (
                "2026-02-17T10:00:00-05:00",
                "2026-02-26T09:00:00-05:00",
                "2026-02-26T09:30:00-05:00",
                "14:30:00+00:00",
            ),
            # US clocks changed on 8 March, Europe's not until 29 March: four hours.
            (
                "2026-02-26T10:00:00-05:00",
                "2026-03-09T09:00:00-04:00",
                "2026-03-09T09:30:00-04:00",
                "13:30:00+00:00",
            ),
            # Summer on both sides: five hours again.
            (
                "2026-03-26T10:00:00-04:00",
                "2026-04-06T09:00:00-04:00",
                "2026-04-06T09:30:00-04:00",
                "14:30:00+01:00",
            ),
        ],
    )
    def test_a_candidate_in_london_sees_the_gap_change_between_the_two_clock_changes(
        self, interview_at: str, now: str, first_window: str, for_the_candidate: str
    ) -> None:
        advice, shown_json = advised(now, interview_at, self.NEW_YORK, candidate="Europe/London")
        assert advice.action is Action.FOLLOW_UP
        assert iso(advice.not_before) == now
        window = shown_json["windows"][0]
        assert window["start"] == first_window
        assert window["candidate_start"] == first_window[:11] + for_the_candidate

    def test_windows_on_the_monday_after_carry_the_new_offset(self) -> None:
        # "Call me on Monday 9 March" said in Chicago before the change; Monday is on daylight time.
        call_me = {
            "at": "2026-03-03T11:00:00-06:00",
            "kind": "call_back",
            "date": "2026-03-09",
            "until": "2026-03-09",
            "channel": "phone",
        }
        chicago = employer("US", "America/Chicago", "IL")
        advice = advice_at(
            "2026-03-06T10:00:00-06:00", "2026-03-03T10:00:00-06:00", chicago, events=[call_me]
        )
        assert advice.action is Action.WAIT
        assert iso(advice.not_before) == "2026-03-09T09:30:00-05:00"  # a call: its first good time
        assert shown(advice.windows) == [
            ("2026-03-09T09:30:00-05:00", "12:00", "fair"),
            ("2026-03-09T13:00:00-05:00", "16:00", "good"),
        ]
        assert iso(advice.deadline) == "2026-03-09T16:00:00-05:00"  # the end of its last good time


class TestAnotherTimeZone:
    """A candidate in Kolkata, an employer in Los Angeles. The interview was on Monday 2 March at
    16:00 in Los Angeles: already Tuesday 3 March, 05:30, in Kolkata."""

    LOS_ANGELES = employer("US", "America/Los_Angeles", "CA")
    INTERVIEW = "2026-03-02T16:00:00-08:00"

    def test_days_are_counted_in_the_employers_calendar(self) -> None:
        # Mon 2 Mar + 7 (employer's days): Tue 3, Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11; counting from
        # the candidate's Tuesday would give Thursday 12. Wed 11 March 08:00 in Kolkata is still
        # Tuesday 10 March, 19:30, in Los Angeles: not yet.
        advice = advice_at(
            "2026-03-11T08:00:00+05:30", self.INTERVIEW, self.LOS_ANGELES, candidate="Asia/Kolkata"
        )
        assert advice.action is Action.WAIT
        assert iso(advice.not_before) == "2026-03-11T09:00:00-07:00"
        first = next(r.text for r in advice.reasons if r.rule == "schedule.first_check_in")
        assert "2 March" in first and "Wednesday 11 March" in first

    def test_due_once_it_is_morning_for_the_employer(self) -> None:
        # Wed 11 March 21:45 in Kolkata is 09:15 in Los Angeles.
        advice, shown_json = advised(
            "2026-03-11T21:45:00+05:30", self.INTERVIEW, self.LOS_ANGELES, candidate="Asia/Kolkata"
        )
        assert advice.action is Action.FOLLOW_UP
        first = shown_json["windows"][0]
        assert (first["start"], first["quality"]) == ("2026-03-11T09:30:00-07:00", "best")
        assert first["candidate_start"] == "2026-03-11T22:00:00+05:30"

    def test_the_thank_you_waits_for_the_employers_next_morning(self) -> None:
        # An afternoon interview for the employer (a morning one for the candidate): the note goes the
        # next morning, employer time.
        advice, shown_json = advised(
            "2026-03-03T07:00:00+05:30", self.INTERVIEW, self.LOS_ANGELES, candidate="Asia/Kolkata", events=[]
        )
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert "thank_you.due" in rules(advice)
        first = shown_json["windows"][0]
        assert first["start"] == "2026-03-03T09:30:00-08:00"
        assert first["candidate_start"] == "2026-03-03T23:00:00+05:30"
        starts = [w.start for w in advice.windows]
        assert starts == sorted(starts), "thank-you windows are listed soonest first"

    def test_the_thank_you_deadline_is_24_hours_after_the_interview(self) -> None:
        advice = advice_at(
            "2026-03-03T07:00:00+05:30", self.INTERVIEW, self.LOS_ANGELES, candidate="Asia/Kolkata", events=[]
        )
        assert iso(advice.deadline) == "2026-03-03T17:00:00-08:00"


def test_a_uk_employer_without_a_region_keeps_englands_bank_holidays() -> None:
    # Tue 31 March 2026 + 7 business days, skipping Good Friday (3 April) and Easter Monday (6
    # April), which England has and the UK-wide list does not: Mon 13 April.
    loaded = read_case(
        {
            "employer": {"name": "Fenwick & Co", "country": "UK", "timezone": "Europe/London"},
            "interview": {"at": "2026-03-31T10:00:00+01:00"},
            "events": [
                {
                    "at": "2026-03-31T16:00:00+01:00",
                    "kind": "contacted",
                    "channel": "email",
                    "purpose": "thank_you",
                }
            ],
        },
        now=datetime.fromisoformat("2026-04-01T10:00:00+01:00"),
    )
    assert loaded.now is not None
    advice = advise(loaded.case, loaded.now, loaded.policy)
    assert advice.not_before is not None
    assert advice.not_before.isoformat() == "2026-04-13T09:00:00+01:00"
    assert any("England" in note for note in loaded.notes)
