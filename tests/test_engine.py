"""The engine's rules, one by one. The base case: an onsite interview on Tuesday 3 March 2026 at
10:00 in Chicago (Illinois), for a candidate in New York. US clocks change on Sunday 8 March."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup.casefile import read_case
from followup.core import Action, Channel, Purpose, advise
from tests.conftest import advice_for, case_file, rules

SAID = "2026-03-03T11:00:00-06:00"  # right after the interview
THANKED = {"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"}


def said(kind: str, at: str = SAID, **fields: Any) -> dict[str, Any]:
    return {"at": at, "kind": kind, **fields}


def check_in(at: str, channel: str = "email", answered: bool = False) -> dict[str, Any]:
    return {"at": at, "kind": "contacted", "channel": channel, "purpose": "check_in", "answered": answered}


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# Rule 5: no instruction, the default schedule.


class TestThankYou:
    def test_is_due_right_after_a_morning_interview_the_same_afternoon(self) -> None:
        advice = advice_for("2026-03-03T11:30:00-06:00")
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert advice.channel is Channel.EMAIL
        assert iso(advice.not_before) == "2026-03-03T11:00:00-06:00"
        assert iso(advice.windows[0].start) == "2026-03-03T11:30:00-06:00"
        assert iso(advice.deadline) == "2026-03-04T11:00:00-06:00"
        assert "thank_you.due" in rules(advice)

    def test_after_an_afternoon_interview_waits_for_the_next_morning(self) -> None:
        interview = {"at": "2026-03-03T14:00:00-06:00"}
        advice = advice_for("2026-03-03T15:30:00-06:00", interview=interview)
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert iso(advice.windows[0].start) == "2026-03-04T09:30:00-06:00"
        # Every window ends by the deadline, 24 hours after the interview ended, in their time.
        assert iso(advice.deadline) == "2026-03-04T15:00:00-06:00"
        assert all(w.end <= advice.deadline for w in advice.windows)
        due = next(reason.text for reason in advice.reasons if reason.rule == "thank_you.due")
        assert "by Wednesday 4 March at 15:00" in due

    def test_an_email_due_on_a_public_holiday_names_it_and_offers_delivery_the_next_morning(self) -> None:
        events = [said("decision_by", date="2026-11-20")]  # Thanksgiving is Thursday 26 November
        advice = advice_for(
            "2026-11-26T10:00:00-06:00", events=events, interview={"at": "2026-11-16T10:00:00-06:00"}
        )
        assert advice.action is Action.FOLLOW_UP  # an email interrupts no one: it can go now
        closed = next(reason.text for reason in advice.reasons if reason.rule == "email.closed")
        assert "Their office is closed on Thursday 26 November (Thanksgiving" in closed
        assert iso(advice.deliver_at) == "2026-11-27T09:30:00-06:00"
        assert "schedule its delivery for Friday 27 November at 09:30" in closed

    def test_an_email_due_after_their_working_day_can_go_now_or_be_delivered_in_the_morning(self) -> None:
        advice = advice_for("2026-03-12T17:30:00-05:00", events=[THANKED])  # the check-in is due
        assert advice.action is Action.FOLLOW_UP
        later = next(reason.text for reason in advice.reasons if reason.rule == "email.scheduled_delivery")
        assert "their working day is over" in later
        assert iso(advice.deliver_at) == "2026-03-13T09:30:00-05:00"

    def test_an_email_due_in_their_working_day_goes_now(self) -> None:
        advice = advice_for("2026-03-12T16:30:00-05:00", events=[THANKED])  # in their last hour
        assert advice.action is Action.FOLLOW_UP
        assert advice.deliver_at is None
        assert not {"email.scheduled_delivery", "email.closed"} & set(rules(advice))

    def test_a_call_due_after_their_working_day_waits_for_the_first_good_time(self) -> None:
        events = [said("prefer_channel", channel="phone"), THANKED]
        advice = advice_for("2026-03-12T16:30:00-05:00", events=events)
        assert advice.channel is Channel.PHONE
        assert advice.action is Action.WAIT
        assert iso(advice.not_before) == "2026-03-13T09:30:00-05:00" == iso(advice.windows[0].start)
        later = next(reason.text for reason in advice.reasons if reason.rule == "windows.first_later")
        assert "their working day is over: wait for the first good time, Friday 13 March at 09:30" in later

    def test_before_the_interview_the_next_step_is_the_thank_you(self) -> None:
        advice = advice_for("2026-03-02T09:00:00-06:00")
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.THANK_YOU
        assert iso(advice.not_before) == "2026-03-03T11:00:00-06:00"
        assert "interview.upcoming" in rules(advice)

    def test_a_deadline_on_a_weekend_is_not_moved_and_delivery_is_offered_for_monday(self) -> None:
        interview = {"at": "2026-03-06T15:00:00-06:00"}  # a Friday afternoon
        advice = advice_for("2026-03-07T10:00:00-06:00", interview=interview)
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert iso(advice.deadline) == "2026-03-07T16:00:00-06:00"  # 24 hours, on the Saturday
        assert iso(advice.deliver_at) == "2026-03-09T09:30:00-05:00"  # Monday, after the clocks change
        assert advice.windows[0].start.date().isoformat() == "2026-03-09"
        delivery = next(reason.text for reason in advice.reasons if reason.rule == "email.scheduled_delivery")
        assert "today is not a working day there" in delivery

    def test_once_sent_is_not_advised_again(self) -> None:
        advice = advice_for("2026-03-03T17:00:00-06:00", events=[THANKED])
        assert advice.purpose is Purpose.CHECK_IN
        assert "thank_you.sent" in rules(advice)

    def test_a_new_round_asks_for_a_new_thank_you(self) -> None:
        events = [THANKED, said("interviewed", at="2026-03-10T10:00:00-05:00")]
        advice = advice_for("2026-03-10T11:30:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert iso(advice.deadline) == "2026-03-11T11:00:00-05:00"

    def test_is_skipped_when_they_ruled_out_email(self) -> None:
        events = [said("no_contact", channels=["email"])]
        advice = advice_for("2026-03-03T12:00:00-06:00", events=events)
        assert advice.purpose is not Purpose.THANK_YOU
        assert "thank_you.not_by_email" in rules(advice)

    def test_missed_window_passes_on_to_the_check_ins(self) -> None:
        advice = advice_for("2026-03-05T10:00:00-06:00")
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        assert "thank_you.missed" in rules(advice)


class TestCheckIns:
    def test_first_check_in_comes_seven_business_days_after_the_interview(self) -> None:
        # Tuesday 3 March + 7 business days = Thursday 12 March, at opening time, employer time.
        advice = advice_for("2026-03-04T12:00:00-06:00", events=[THANKED])
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        assert advice.channel is Channel.EMAIL
        assert iso(advice.not_before) == "2026-03-12T09:00:00-05:00"
        assert "schedule.first_check_in" in rules(advice)

    def test_is_due_from_that_morning(self) -> None:
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.CHECK_IN
        # The best first: Thursday's mid-morning (from now) and mid-afternoon, then Tuesday's.
        assert [iso(w.start) for w in advice.windows] == [
            "2026-03-12T10:00:00-05:00",
            "2026-03-12T13:30:00-05:00",
            "2026-03-17T09:30:00-05:00",
        ]
        assert all(w.quality == "best" for w in advice.windows)

    def test_a_setting_changes_the_count(self) -> None:
        advice = advice_for(
            "2026-03-04T12:00:00-06:00", events=[THANKED], policy={"first_check_in_business_days": 5}
        )
        assert iso(advice.not_before) == "2026-03-10T09:00:00-05:00"

    def test_second_check_in_is_spaced_five_business_days_after_the_first(self) -> None:
        events = [THANKED, check_in("2026-03-12T10:00:00-05:00")]
        advice = advice_for("2026-03-13T10:00:00-05:00", events=events)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-03-19T09:00:00-05:00"
        assert "schedule.check_in_spacing" in rules(advice)

    def test_after_the_last_unanswered_check_in_wait_then_move_on(self) -> None:
        events = [THANKED, check_in("2026-03-12T10:00:00-05:00"), check_in("2026-03-19T10:00:00-05:00")]
        waiting = advice_for("2026-03-20T10:00:00-05:00", events=events)
        assert waiting.action is Action.WAIT
        assert waiting.purpose is None and waiting.channel is None
        # Thursday 19 March + 7 business days = Monday 30 March.
        assert iso(waiting.not_before) == "2026-03-30T09:00:00-05:00"
        assert iso(waiting.move_on_at) == "2026-03-30T09:00:00-05:00"
        assert "schedule.max_check_ins" in rules(waiting)

        moved_on = advice_for("2026-03-30T09:00:00-05:00", events=events)
        assert moved_on.action is Action.MOVE_ON
        assert moved_on.windows == ()
        assert "schedule.move_on" in rules(moved_on)

    def test_an_answered_check_in_restarts_the_count(self) -> None:
        events = [THANKED, check_in("2026-03-12T10:00:00-05:00", answered=True)]
        advice = advice_for("2026-03-13T10:00:00-05:00", events=events)
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-03-19T09:00:00-05:00"
        assert "schedule.heard_back" in rules(advice)


# Rules 1 to 4: the employer's instructions.


class TestInstructions:
    def test_decision_by_waits_until_two_business_days_after_the_date(self) -> None:
        events = [said("decision_by", date="2026-03-06"), THANKED]
        advice = advice_for("2026-03-04T12:00:00-06:00", events=events)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-03-10T09:00:00-05:00"
        reason = next(r for r in advice.reasons if r.rule == "instruction.decision_by")
        assert reason.text == (
            "They told you on 3 March they would decide by Friday 6 March; "
            "waiting until Tuesday 10 March gives them two business days."
        )

    def test_decision_by_a_range_uses_its_end(self) -> None:
        events = [said("decision_by", date="2026-03-09", until="2026-03-13"), THANKED]
        advice = advice_for("2026-03-04T12:00:00-06:00", events=events)
        assert iso(advice.not_before) == "2026-03-17T09:00:00-05:00"

    def test_decision_by_whose_silence_means_no_moves_on_after_the_date(self) -> None:
        events = [said("decision_by", date="2026-03-13", silence_means_no=True), THANKED]
        waiting = advice_for("2026-03-10T12:00:00-05:00", events=events)
        assert waiting.action is Action.WAIT
        assert waiting.purpose is None
        assert iso(waiting.move_on_at) == "2026-03-16T09:00:00-05:00"
        assert advice_for("2026-03-16T09:00:00-05:00", events=events).action is Action.MOVE_ON

    def test_call_back_is_followed_on_the_day_they_named_by_phone(self) -> None:
        events = [said("call_back", date="2026-03-11"), THANKED]
        before = advice_for("2026-03-10T12:00:00-05:00", events=events)
        assert before.action is Action.WAIT
        assert before.purpose is Purpose.CALL_BACK
        assert before.channel is Channel.PHONE
        assert iso(before.not_before) == "2026-03-11T09:30:00-05:00"  # a call: its first good time

        on_the_day = advice_for("2026-03-11T09:45:00-05:00", events=events)
        assert on_the_day.action is Action.FOLLOW_UP
        assert on_the_day.windows[0].start.date().isoformat() == "2026-03-11"
        too_early = advice_for("2026-03-11T09:00:00-05:00", events=events)  # their first half hour
        assert too_early.action is Action.WAIT and iso(too_early.not_before) == "2026-03-11T09:30:00-05:00"
        assert "they are only just settling in" in " ".join(r.text for r in too_early.reasons)

    def test_a_call_back_on_one_day_keeps_to_that_day_and_lapses_when_it_is_over(self) -> None:
        events = [said("call_back", date="2026-03-11"), THANKED]  # "call me Wednesday"
        advice = advice_for("2026-03-10T12:00:00-05:00", events=events)
        assert {w.start.date().isoformat() for w in advice.windows} == {"2026-03-11"}
        assert iso(advice.deadline) == "2026-03-11T16:00:00-05:00"  # the end of its last good time
        over = advice_for("2026-03-11T16:30:00-05:00", events=events)  # no good time left that day
        assert over.purpose is Purpose.CHECK_IN and "instruction.call_back_lapsed" in rules(over)

    def test_call_back_windows_stay_before_their_last_date(self) -> None:
        events = [said("call_back", date="2026-03-11", until="2026-03-12"), THANKED]
        advice = advice_for("2026-03-11T09:00:00-05:00", events=events)
        assert advice.windows
        assert all(w.end.date().isoformat() <= "2026-03-12" for w in advice.windows)
        assert iso(advice.deadline) == "2026-03-12T16:00:00-05:00"

    def test_call_back_after_their_last_date_becomes_a_check_in(self) -> None:
        events = [said("call_back", date="2026-03-11", until="2026-03-12"), THANKED]
        advice = advice_for("2026-03-16T10:00:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.CHECK_IN
        assert "instruction.call_back_lapsed" in rules(advice)

    def test_call_back_by_the_channel_they_named(self) -> None:
        events = [said("call_back", date="2026-03-11", channel="email"), THANKED]
        assert advice_for("2026-03-11T10:00:00-05:00", events=events).channel is Channel.EMAIL

    def test_wait_for_us_means_no_status_check(self) -> None:
        events = [said("wait_for_us"), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.DO_NOT_CONTACT
        assert advice.purpose is None and advice.channel is None and advice.windows == ()
        # 3 March + 15 business days = Tuesday 24 March.
        assert iso(advice.move_on_at) == "2026-03-24T09:00:00-05:00"

    def test_wait_for_us_still_allows_a_thank_you_right_after_the_interview(self) -> None:
        advice = advice_for("2026-03-03T12:00:00-06:00", events=[said("wait_for_us")])
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.THANK_YOU
        assert "thank_you.while_waiting" in rules(advice)

    def test_wait_for_us_allows_no_thank_you_when_the_setting_says_so(self) -> None:
        advice = advice_for(
            "2026-03-03T12:00:00-06:00",
            events=[said("wait_for_us")],
            policy={"thank_you_allowed_when_waiting": False},
        )
        assert advice.action is Action.DO_NOT_CONTACT

    def test_wait_for_us_ends_in_move_on_after_a_long_silence(self) -> None:
        advice = advice_for("2026-03-24T09:00:00-05:00", events=[said("wait_for_us"), THANKED])
        assert advice.action is Action.MOVE_ON
        assert "silence.move_on" in rules(advice)

    def test_no_contact_means_none_not_even_a_thank_you(self) -> None:
        advice = advice_for("2026-03-03T12:00:00-06:00", events=[said("no_contact")])
        assert advice.action is Action.DO_NOT_CONTACT
        assert advice.purpose is None
        assert "instruction.no_contact" in rules(advice)

    def test_no_phone_calls_leaves_email(self) -> None:
        events = [said("no_contact", channels=["phone"]), said("prefer_channel", channel="phone"), THANKED]
        # They first said "no calls" and then that they prefer the phone: the later one wins.
        assert advice_for("2026-03-12T10:00:00-05:00", events=events).channel is Channel.PHONE
        events = [
            said("prefer_channel", channel="phone"),
            said("no_contact", at=THANKED["at"], channels=["phone"]),
        ]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[*events, THANKED])
        assert advice.channel is Channel.EMAIL
        assert "channel.ruled_out" in rules(advice)

    def test_a_call_back_invitation_never_uses_a_channel_they_ruled_out(self) -> None:
        events = [said("no_contact", channels=["phone"]), said("call_back", date="2026-03-11"), THANKED]
        advice = advice_for("2026-03-11T10:00:00-05:00", events=events)
        assert advice.purpose is Purpose.CALL_BACK
        assert advice.channel is Channel.EMAIL

    def test_no_contact_at_all_is_not_lifted_by_a_later_wait_for_us(self) -> None:
        events = [said("no_contact"), said("wait_for_us", at="2026-03-03T11:05:00-06:00")]
        advice = advice_for("2026-03-03T12:00:00-06:00", events=events)
        assert advice.action is Action.DO_NOT_CONTACT

    def test_no_contact_at_all_is_lifted_by_an_invitation(self) -> None:
        events = [said("no_contact"), said("call_back", at="2026-03-05T10:00:00-06:00", date="2026-03-11")]
        advice = advice_for("2026-03-11T10:00:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP
        assert advice.channel is Channel.PHONE

    def test_no_contact_at_all_then_a_decision_date_still_means_no_contact(self) -> None:
        events = [said("no_contact"), said("decision_by", at="2026-03-03T11:05:00-06:00", date="2026-03-06")]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.DO_NOT_CONTACT
        # Their last word, 3 March, + 15 business days = Tuesday 24 March.
        assert iso(advice.move_on_at) == "2026-03-24T09:00:00-05:00"

    def test_a_call_back_on_a_day_they_are_closed_becomes_a_check_in_after_it(self) -> None:
        interview = {"at": "2026-05-19T10:00:00-05:00"}
        events = [
            said("call_back", at="2026-05-19T11:00:00-05:00", date="2026-05-25", until="2026-05-25"),
            {**THANKED, "at": "2026-05-19T16:00:00-05:00"},
        ]
        advice = advice_for("2026-05-20T10:00:00-05:00", events=events, interview=interview)  # Memorial Day
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-05-26T09:00:00-05:00"
        assert "instruction.call_back_lapsed" in rules(advice)
        assert "calendar.closed_days" in rules(advice)

    def test_every_channel_ruled_out_means_no_contact(self) -> None:
        events = [said("no_contact", channels=["email", "phone"]), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.DO_NOT_CONTACT

    def test_a_later_instruction_replaces_an_earlier_one(self) -> None:
        later = "2026-03-05T10:00:00-06:00"
        events = [said("wait_for_us"), THANKED, said("call_back", at=later, date="2026-03-11")]
        assert advice_for("2026-03-11T10:00:00-05:00", events=events).purpose is Purpose.CALL_BACK
        events = [said("decision_by", date="2026-03-06"), THANKED, said("wait_for_us", at=later)]
        assert advice_for("2026-03-11T10:00:00-05:00", events=events).action is Action.DO_NOT_CONTACT
        events = [said("no_contact"), said("ok_to_follow_up", at=later)]
        advice = advice_for("2026-03-16T10:00:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP
        assert "instruction.ok_to_follow_up" in rules(advice)

    def test_events_in_the_future_do_not_count_yet(self) -> None:
        events = [said("rejected", at="2026-03-20T10:00:00-05:00"), THANKED]
        loaded = read_case(case_file(events=events))
        now = datetime.fromisoformat("2026-03-12T10:00:00-05:00")
        assert advise(loaded.case, now, loaded.policy).action is Action.FOLLOW_UP


# Rule 6: outcomes.


class TestOutcomes:
    @pytest.mark.parametrize(
        ("kind", "action"), [("rejected", Action.MOVE_ON), ("offer", Action.DONE), ("withdrawn", Action.DONE)]
    )
    def test_an_outcome_ends_it(self, kind: str, action: Action) -> None:
        advice = advice_for(
            "2026-03-12T10:00:00-05:00", events=[THANKED, said(kind, at="2026-03-10T10:00:00-05:00")]
        )
        assert advice.action is action
        assert advice.purpose is None and advice.channel is None and advice.windows == ()
        assert f"outcome.{kind}" in rules(advice)

    def test_on_hold_waits_fifteen_business_days(self) -> None:
        events = [THANKED, said("on_hold", at="2026-03-10T10:00:00-05:00")]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        # Tuesday 10 March + 15 business days = Tuesday 31 March.
        assert iso(advice.not_before) == "2026-03-31T09:00:00-05:00"
        assert "outcome.on_hold" in rules(advice)

    def test_an_on_hold_notice_that_releases_you_means_move_on(self) -> None:
        events = [THANKED, said("on_hold", at="2026-03-10T10:00:00-05:00", released=True)]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.MOVE_ON
        assert "outcome.on_hold_released" in rules(advice)

    def test_still_in_the_running_starts_the_schedule_afresh_without_a_thank_you(self) -> None:
        events = [
            THANKED,
            check_in("2026-03-12T10:00:00-05:00"),
            check_in("2026-03-19T10:00:00-05:00"),
            said("in_running", at="2026-03-20T10:00:00-05:00"),
        ]
        advice = advice_for("2026-03-20T11:00:00-05:00", events=events)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN
        # Friday 20 March + 7 business days = Tuesday 31 March.
        assert iso(advice.not_before) == "2026-03-31T09:00:00-05:00"

    def test_a_rejection_can_be_reversed_by_later_news(self) -> None:
        events = [
            THANKED,
            said("rejected", at="2026-03-10T10:00:00-05:00"),
            said("in_running", at="2026-03-11T10:00:00-05:00"),
        ]
        assert advice_for("2026-03-12T10:00:00-05:00", events=events).action is Action.WAIT


# Rule 7: the channel.


class TestChannel:
    def test_email_by_default(self) -> None:
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert advice.channel is Channel.EMAIL
        assert "channel.default" in rules(advice)

    def test_their_stated_preference(self) -> None:
        events = [said("prefer_channel", channel="phone"), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.channel is Channel.PHONE
        assert "channel.preferred" in rules(advice)

    def test_a_visit_needs_an_invitation(self) -> None:
        policy = {"default_channel": "visit"}
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED], policy=policy)
        assert advice.channel is Channel.EMAIL
        assert "channel.visit" in rules(advice)

    def test_a_visit_to_a_local_business_that_welcomes_it(self) -> None:
        advice = advice_for(
            "2026-03-12T10:00:00-05:00",
            events=[THANKED],
            policy={"default_channel": "visit"},
            employer={"allows_visits": True},
            candidate={"local_to_employer": True},
        )
        assert advice.channel is Channel.VISIT

    def test_a_channel_they_invited(self) -> None:
        events = [said("ok_to_follow_up", channels=["phone"]), THANKED]  # "feel free to call me"
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.channel is Channel.PHONE
        assert "channel.invited" in rules(advice)

    def test_a_visit_they_invited_when_you_live_nearby(self) -> None:
        events = [said("prefer_channel", channel="visit"), THANKED]
        nearby = {"local_to_employer": True}
        assert (
            advice_for("2026-03-12T10:00:00-05:00", events=events, candidate=nearby).channel is Channel.VISIT
        )

    def test_a_visit_they_invited_when_you_live_far_away_falls_back_to_phone_and_says_why(self) -> None:
        events = [said("prefer_channel", channel="visit"), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.channel is Channel.PHONE
        why = next(reason.text for reason in advice.reasons if reason.rule == "channel.not_local")
        assert why.startswith("On 3 March they asked to see you in person, but you do not live nearby")
        assert why.endswith("so: phone.")


class TestReasonsAndPitch:
    def test_every_advice_explains_itself(self) -> None:
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert advice.reasons
        assert all(reason.rule and reason.text.endswith(".") for reason in advice.reasons)

    def test_a_phone_call_warns_it_can_be_a_distraction(self) -> None:
        events = [said("prefer_channel", channel="phone"), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert any("distraction" in con for con in advice.cons)
        assert any("interest" in pro for pro in advice.pros)

    def test_same_input_same_advice(self) -> None:
        first = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        second = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert first == second


class TestInstructionsStandThroughNews:
    """News ("still in the running", "on hold") restarts the schedule; it does not lift what they
    said about when to contact them. A new interview round does."""

    def test_wait_for_us_still_holds_after_news(self) -> None:
        events = [said("wait_for_us"), THANKED, said("in_running", at="2026-03-05T10:00:00-06:00")]
        assert advice_for("2026-03-16T10:00:00-05:00", events=events).action is Action.DO_NOT_CONTACT

    def test_a_call_back_still_holds_after_news_before_its_day(self) -> None:
        events = [
            said("call_back", date="2026-03-12"),
            THANKED,
            said("in_running", at="2026-03-05T10:00:00-06:00"),
        ]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.purpose is Purpose.CALL_BACK
        assert iso(advice.not_before) == "2026-03-12T09:00:00-05:00"

    def test_a_decision_date_still_holds_after_news(self) -> None:
        # "On hold" on Thursday 5 March restarts the count (+ 15 business days = Thursday 26
        # March), and never before their date plus two business days (Tuesday 17 March).
        events = [
            said("decision_by", date="2026-03-13"),
            THANKED,
            said("on_hold", at="2026-03-05T10:00:00-06:00"),
        ]
        advice = advice_for("2026-03-06T10:00:00-06:00", events=events)
        assert advice.purpose is Purpose.CHECK_IN
        assert iso(advice.not_before) == "2026-03-26T09:00:00-05:00"

    def test_news_after_a_silence_means_no_date_lifts_the_silence(self) -> None:
        events = [
            said("decision_by", date="2026-03-06", silence_means_no=True),
            THANKED,
            said("in_running", at="2026-03-09T10:00:00-05:00"),
        ]
        advice = advice_for("2026-03-10T10:00:00-05:00", events=events)
        assert advice.action is Action.WAIT
        assert advice.purpose is Purpose.CHECK_IN

    def test_a_new_round_lifts_no_contact_at_all(self) -> None:
        events = [said("no_contact"), said("interviewed", at="2026-03-10T10:00:00-05:00")]
        advice = advice_for("2026-03-10T11:30:00-05:00", events=events)
        assert advice.purpose is Purpose.THANK_YOU

    def test_contacts_before_the_interview_are_not_check_ins(self) -> None:
        events = [check_in("2026-03-02T10:00:00-06:00"), check_in("2026-03-02T15:00:00-06:00"), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP
        assert advice.purpose is Purpose.CHECK_IN


class TestNoGoodTimeLeft:
    def test_a_call_back_whose_last_day_has_no_good_time_left_becomes_a_check_in(self) -> None:
        events = [said("call_back", date="2026-03-11", until="2026-03-11"), THANKED]
        for late in ("2026-03-11T16:30:00-05:00", "2026-03-11T18:30:00-05:00"):
            advice = advice_for(late, events=events)
            assert advice.purpose is Purpose.CHECK_IN
            assert iso(advice.not_before) == "2026-03-12T09:00:00-05:00"
            assert advice.windows
            assert "instruction.call_back_lapsed" in rules(advice)

    def test_a_lapsed_call_back_is_a_check_in_and_keeps_to_the_maximum(self) -> None:
        events = [said("call_back", date="2026-03-11", until="2026-03-11"), THANKED]
        advice = advice_for("2026-03-11T18:30:00-05:00", events=events, policy={"max_check_ins": 0})
        assert advice.purpose is None
        assert "schedule.max_check_ins" in rules(advice)

    def test_hours_with_no_good_time_say_so(self) -> None:
        employer = {"hours": {"busy": [{"from": "09:00", "to": "17:00"}]}}
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED], employer=employer)
        assert advice.action is Action.FOLLOW_UP
        assert advice.windows == ()
        assert "windows.none" in rules(advice)

    def test_a_working_day_too_short_for_its_edges_names_the_settings(self) -> None:
        employer = {"hours": {"open": "09:00", "close": "09:30"}}  # 30 first and 60 last minutes avoided
        advice = advice_for("2026-03-03T12:00:00-06:00", employer=employer)
        assert advice.purpose is Purpose.THANK_YOU and advice.windows == ()
        why = next(reason.text for reason in advice.reasons if reason.rule == "windows.none")
        assert "avoid_first_minutes" in why and "avoid_last_minutes" in why and "min_window_minutes" in why


class TestMoreThankYou:
    def test_an_interview_ending_at_noon_is_a_morning_one(self) -> None:
        interview = {"at": "2026-03-03T11:00:00-06:00"}  # ends 12:00, when lunch starts
        advice = advice_for("2026-03-03T13:05:00-06:00", interview=interview)
        assert advice.purpose is Purpose.THANK_YOU
        assert advice.windows[0].start.date().isoformat() == "2026-03-03"

    def test_a_thank_you_skipped_while_waiting_says_why(self) -> None:
        advice = advice_for(
            "2026-03-03T12:00:00-06:00",
            events=[said("wait_for_us")],
            policy={"thank_you_allowed_when_waiting": False},
        )
        assert "thank_you.while_waiting" in rules(advice)


class TestPitchFitsTheWait:
    def test_a_wait_they_asked_for_says_so(self) -> None:
        events = [said("decision_by", date="2026-03-06"), THANKED]
        assert any(
            "they said they need" in pro
            for pro in advice_for("2026-03-04T12:00:00-06:00", events=events).pros
        )

    def test_a_wait_on_the_default_schedule_does_not_claim_they_asked_for_it(self) -> None:
        advice = advice_for("2026-03-04T12:00:00-06:00", events=[THANKED])
        assert not any("they said" in pro for pro in advice.pros)

    def test_an_email_check_in_can_be_seen_as_a_distraction(self) -> None:
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert any("distraction" in con for con in advice.cons)


def test_no_check_in_is_advised_before_a_booked_next_round() -> None:
    advice = advice_for("2026-03-16T10:00:00-05:00", next_interview="2026-03-18T10:00:00-05:00")
    assert (advice.action, advice.purpose) == (Action.WAIT, None)
    assert "schedule.next_round" in [reason.rule for reason in advice.reasons]
    assert advice.not_before == datetime.fromisoformat("2026-03-18T10:00:00-05:00")


def test_the_thank_you_for_the_round_behind_comes_before_waiting_for_the_next() -> None:
    advice = advice_for("2026-03-03T15:00:00-06:00", next_interview="2026-03-18T10:00:00-05:00")
    assert advice.purpose is Purpose.THANK_YOU


class TestSilenceEnds:
    """Silence is an answer: a check-in left undone becomes the final one, and a long silence from
    them ends it, even if you never checked in (DOMAIN.md: Silence)."""

    # Interview Tuesday 3 March; the check-in falls due Thursday 12 March (seven business days);
    # it has been due seven business days on Monday 23 March; 15 business days of silence after
    # the interview end on Tuesday 24 March.

    def test_the_check_in_is_advised_when_it_falls_due(self) -> None:
        advice = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED])
        assert advice.action is Action.FOLLOW_UP and advice.purpose is Purpose.CHECK_IN
        assert "schedule.final_check_in" not in rules(advice)
        assert iso(advice.move_on_at) == "2026-03-24T09:00:00-05:00"

    def test_a_check_in_due_long_enough_and_never_made_becomes_the_final_one(self) -> None:
        advice = advice_for("2026-03-23T10:00:00-05:00", events=[THANKED])
        assert advice.action is Action.FOLLOW_UP and advice.purpose is Purpose.CHECK_IN
        final = next(reason.text for reason in advice.reasons if reason.rule == "schedule.final_check_in")
        assert "due since Thursday 12 March" in final and "one final, courteous check-in" in final
        assert "If you make none by Tuesday 24 March at 09:00, move on" in final

    @pytest.mark.parametrize(
        "now", ["2026-03-24T10:00:00-05:00", "2026-06-10T10:00:00-05:00", "2026-12-01T10:00:00-06:00"]
    )
    def test_after_the_silent_move_on_period_move_on_even_without_a_check_in(self, now: str) -> None:
        advice = advice_for(now, events=[THANKED])
        assert advice.action is Action.MOVE_ON
        assert advice.purpose is None and advice.windows == ()
        silence = next(reason.text for reason in advice.reasons if reason.rule == "silence.move_on")
        assert "heard nothing from them since 3 March" in silence

    def test_the_silence_is_a_setting(self) -> None:
        policy = {"silent_move_on_business_days": 30, "move_on_after_business_days": 10}
        advice = advice_for("2026-03-27T10:00:00-05:00", events=[THANKED], policy=policy)
        assert advice.action is Action.FOLLOW_UP  # not final yet: due 12 March + 10 = 26 March...
        assert "schedule.final_check_in" in rules(advice)  # ...so final from then
        assert (
            advice_for("2026-04-14T10:00:00-05:00", events=[THANKED], policy=policy).action is Action.MOVE_ON
        )

    def test_a_final_check_in_made_gets_its_time_for_an_answer(self) -> None:
        events = [THANKED, check_in("2026-03-23T10:00:00-05:00")]
        advice = advice_for("2026-03-25T10:00:00-05:00", events=events)
        assert advice.action is not Action.MOVE_ON
        assert iso(advice.move_on_at) == "2026-04-01T09:00:00-05:00"  # 23 March + 7 business days

    def test_waiting_for_their_decision_date_is_no_silence(self) -> None:
        events = [said("decision_by", date="2026-04-30"), THANKED]
        advice = advice_for("2026-04-20T10:00:00-05:00", events=events)  # 15 business days after they said it
        assert advice.action is Action.WAIT and advice.purpose is Purpose.CHECK_IN

    def test_an_on_hold_check_in_is_still_advised(self) -> None:
        events = [THANKED, said("on_hold", at="2026-03-05T10:00:00-06:00")]
        # 15 business days after Thursday 5 March: Thursday 26 March.
        advice = advice_for("2026-03-26T10:00:00-05:00", events=events)
        assert advice.action is Action.FOLLOW_UP and advice.purpose is Purpose.CHECK_IN

    def test_no_stale_until_once_that_day_has_passed(self) -> None:
        events = [said("decision_by", date="2026-03-06"), THANKED]
        advice = advice_for("2026-03-19T10:00:00-05:00", events=events)
        decided = next(reason.text for reason in advice.reasons if reason.rule == "instruction.decision_by")
        assert "waiting until" not in decided
        assert "a check-in has been due since Tuesday 10 March" in decided
        assert "schedule.final_check_in" in rules(advice)
