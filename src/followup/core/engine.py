"""advise(case, now, policy): whether, when and how to follow up after an interview.

The rules, in the order they are tried:
1. an outcome ends it (offer or withdrawn: done; rejected, or released from an on-hold: move on);
2. "no contact" at all: make none, and move on after a long silence;
3. a thank-you note shortly after the interview, unless they asked for no contact;
4. "we'll be in touch": make no status check, and move on after a long silence;
5. the check-in schedule of the current phase: after their decision date, on the day they named,
   or a number of business days after the interview or their last news; spaced check-ins up to a
   maximum, then move on.
Every number is a Policy setting. The channel and the time windows come last.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

from followup.core import pitch, words
from followup.core.channels import choose_channel
from followup.core.model import (
    DEFAULT_POLICY,
    Action,
    Advice,
    Case,
    Channel,
    Event,
    Kind,
    Policy,
    Purpose,
    Reason,
    Window,
)
from followup.core.story import ONE_MINUTE, Story, read_story
from followup.core.windows import find_windows
from followup.core.workdays import NOON, ONE_DAY, ONE_HOUR, WorkCalendar

MIN_WINDOWS = 3  # windows to show at least, when there are any


def advise(case: Case, now: datetime, policy: Policy = DEFAULT_POLICY) -> Advice:
    """The advice for one interview at the moment now. Pure: the same input, the same advice."""
    if now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")
    return _Decision(case, now.astimezone(UTC), policy).advice()


class _Decision:
    def __init__(self, case: Case, now: datetime, policy: Policy) -> None:
        self.case = case
        self.now = now
        self.policy = policy
        self.calendar = WorkCalendar(case.employer, policy)
        self.story: Story = read_story(case, now)
        self.today = self.calendar.local(now).date()
        self.reasons: list[Reason] = []

    def because(self, rule: str, text: str) -> None:
        self.reasons.append(Reason(rule, text))

    def advice(self) -> Advice:
        story = self.story
        if story.outcome is not None:
            return self.ended(story.outcome)
        if story.no_contact is not None:
            return self.silent_wait(story.no_contact)
        thank_you = self.thank_you()
        if thank_you is not None:
            return thank_you
        next_round = self.case.next_round
        if next_round is not None and next_round > self.now:
            return self.before_next_round(next_round)
        if story.when is not None and story.when.kind is Kind.WAIT_FOR_US:
            return self.silent_wait(story.when)
        return self.schedule()

    def before_next_round(self, next_round: datetime) -> Advice:
        """A next round is booked: nothing to chase until it has taken place."""
        self.because(
            "schedule.next_round",
            f"Your next interview is booked for {words.moment(self.calendar.local(next_round))}: "
            "no check-in before it; after it, a thank-you, and the schedule starts afresh.",
        )
        return self.give(Action.WAIT, not_before=next_round)

    # 1. Outcomes.

    def ended(self, outcome: Event) -> Advice:
        said = words.short_day(self.local_day(outcome.at))
        quote = f' ("{outcome.note}")' if outcome.note else ""
        if outcome.kind is Kind.OFFER:
            self.because(
                "outcome.offer", f"They offered you the job on {said}{quote}: nothing left to follow up."
            )
            return self.give(Action.DONE)
        if outcome.kind is Kind.WITHDRAWN:
            self.because("outcome.withdrawn", f"You withdrew on {said}: nothing left to follow up.")
            return self.give(Action.DONE)
        if outcome.kind is Kind.ON_HOLD:
            self.because(
                "outcome.on_hold_released",
                f"On {said} they put the position on hold and released you to pursue other "
                f"opportunities{quote}: treat it as a no and move on.",
            )
        else:
            self.because(
                "outcome.rejected",
                f"On {said} they told you they are not going ahead with you{quote}. Move on: "
                "put your energy into your other applications.",
            )
        return self.give(Action.MOVE_ON)

    # 2 and 4. Instructions to make no contact, or to wait for them.

    def silent_wait(self, instruction: Event) -> Advice:
        said = words.short_day(self.local_day(instruction.at))
        if instruction.kind is Kind.NO_CONTACT:
            self.because("instruction.no_contact", f"On {said} they asked for no contact: make none.")
        else:
            self.because(
                "instruction.wait_for_us",
                f"On {said} they said they would be in touch: wait for them and make no status check.",
            )
        return self.until_silence()

    def until_silence(self) -> Advice:
        """Make no contact; after a long silence from them, move on."""
        heard = self.local_day(self.story.last_heard)
        days = self.policy.silent_move_on_business_days
        move_on_at = self.calendar.opening(self.calendar.add_business_days(heard, days))
        silence = words.count(days, "business day")
        if self.now >= move_on_at:
            self.because(
                "silence.move_on",
                f"You have heard nothing from them in {silence} since {words.short_day(heard)}: "
                "move on to your other applications.",
            )
            return self.give(Action.MOVE_ON)
        self.because(
            "silence.move_on",
            f"If you hear nothing by {words.day(move_on_at, self.today)} ({silence} after "
            f"{words.short_day(heard)}), move on.",
        )
        return self.give(Action.DO_NOT_CONTACT, move_on_at=move_on_at)

    # 3. The thank-you note.

    def thank_you(self) -> Advice | None:
        story, policy = self.story, self.policy
        if story.thank_you is not None:
            sent = words.short_day(self.local_day(story.thank_you.at))
            self.because("thank_you.sent", f"You sent a thank-you note on {sent}.")
            return None
        deadline = self.thank_you_deadline()
        if self.now >= deadline:
            self.because(
                "thank_you.missed",
                f"The time for a thank-you note ({policy.thank_you_within_hours} hours after the "
                f"interview) ended on {words.moment(deadline, self.today)}.",
            )
            return None
        if Channel.EMAIL in story.banned:
            self.because("thank_you.not_by_email", "They asked you not to email, so skip the thank-you note.")
            return None
        if story.when is not None and story.when.kind is Kind.WAIT_FOR_US:
            if not policy.thank_you_allowed_when_waiting:
                self.because(
                    "thank_you.while_waiting",
                    "They said they would be in touch, and your settings skip even a thank-you note then.",
                )
                return None
            self.because(
                "thank_you.while_waiting",
                "They said they would be in touch, but a short thank-you note right after the "
                "interview is not a status check: it is still fine.",
            )

        end = story.interview_end
        interview = words.moment(self.calendar.local(story.interview_at), self.today)
        by = words.moment(deadline, self.today)
        if self.now < end:
            self.because(
                "interview.upcoming",
                f"Your interview is on {interview}. Send a thank-you note by email afterwards, by {by}.",
            )
            action = Action.WAIT
        else:
            self.because(
                "thank_you.due",
                f"Send a thank-you note by email within {policy.thank_you_within_hours} hours of "
                f"your interview on {interview}: by {by}. A morning interview gets its note the "
                "same day, an afternoon one the next morning.",
            )
            action = Action.FOLLOW_UP
        windows = self.thank_you_windows(max(self.now, self.thank_you_from()), deadline)
        if not windows:
            self.explain_no_windows()
        return self.give(
            action, Purpose.THANK_YOU, Channel.EMAIL, not_before=end, windows=windows, deadline=deadline
        )

    def thank_you_windows(self, start: datetime, deadline: datetime) -> tuple[Window, ...]:
        """Windows before the deadline; if fewer than three, the next ones after it too (a late
        note is better than none)."""
        policy, calendar = self.policy, self.calendar
        windows = find_windows(calendar, policy, start, until=deadline, soonest=True)
        wanted = min(MIN_WINDOWS, policy.window_count)
        if len(windows) < wanted:
            later = find_windows(calendar, policy, max(start, deadline), soonest=True)
            windows = (*windows, *later[: wanted - len(windows)])
        return windows

    def thank_you_deadline(self) -> datetime:
        """Thank-you hours after the interview; if that falls outside working time, the end of
        the next working day (a note sent on Saturday waits until Monday to be read)."""
        calendar = self.calendar
        deadline = calendar.local(self.story.interview_end + ONE_HOUR * self.policy.thank_you_within_hours)
        if calendar.in_working_time(deadline, closing_included=True):
            return deadline
        local = calendar.local(deadline)
        day = local.date()
        before_opening = local.hour * 60 + local.minute < calendar.hours.on(day).open
        if not (calendar.is_working_day(day) and before_opening):
            day = calendar.add_business_days(day, 1)
        return calendar.closing(day)

    def thank_you_from(self) -> datetime:
        """Same afternoon for a morning interview, next morning for an afternoon one."""
        calendar = self.calendar
        end = calendar.local(self.story.interview_end)
        lunch = calendar.hours.on(end.date()).lunch
        midday = lunch.start if lunch is not None else NOON
        if calendar.is_working_day(end.date()) and end.hour * 60 + end.minute <= midday:
            return end
        return calendar.opening(calendar.add_business_days(end.date(), 1))

    # 5. The check-in schedule.

    def schedule(self) -> Advice:
        story, policy, calendar = self.story, self.policy, self.calendar
        first, purpose, last_day = self.first_contact()
        if first is None:  # their silence will mean no: nothing to do but wait for the date
            return self.silence_means_no()

        call_back_windows = None
        if purpose is Purpose.CALL_BACK and last_day is not None and not story.check_ins:
            call_back_windows = self.windows_for(purpose, calendar.opening(first), last_day)
            if not call_back_windows:  # no good time left in the days they gave
                first, purpose, last_day = self.call_back_lapsed(last_day, first)
                call_back_windows = None

        due = first
        made = len(story.check_ins)
        if made >= policy.max_check_ins and (made or purpose is not Purpose.CALL_BACK):
            at_most = words.count(policy.max_check_ins, "check-in")
            if not made:
                self.because("schedule.max_check_ins", f"Your settings allow {at_most}: make none.")
                return self.move_on_after(self.phase_day(), "their last news")
            last_contact = self.local_day(story.check_ins[-1].at)
            self.because(
                "schedule.max_check_ins",
                f"You have made {words.count(made, 'follow-up')} since their last news, the last on "
                f"{words.short_day(last_contact)}, with no answer; more would not help (at most {at_most}).",
            )
            return self.move_on_after(last_contact, "your last follow-up")
        if made:
            last_contact = self.local_day(story.check_ins[-1].at)
            spaced = calendar.add_business_days(last_contact, policy.check_in_spacing_business_days)
            self.because(
                "schedule.check_in_spacing",
                f"Your last follow-up was on {words.short_day(last_contact)}; leave "
                f"{words.count(policy.check_in_spacing_business_days, 'business day')} between "
                f"check-ins: the next from {words.day(spaced, self.today)}.",
            )
            due = max(first, spaced)
            purpose, last_day = Purpose.CHECK_IN, None

        not_before = calendar.opening(due)
        windows = call_back_windows or self.windows_for(purpose, not_before, last_day)
        channel = self.channel_for(purpose)
        if channel is None:
            self.because("channel.ruled_out", "They have ruled out every way to reach them: make no contact.")
            return self.until_silence()
        action = Action.FOLLOW_UP if not_before <= self.now else Action.WAIT
        if windows:
            self.explain_windows()
        else:
            self.explain_no_windows()
        deadline = calendar.closing(last_day) if last_day is not None else None
        return self.give(action, purpose, channel, not_before=not_before, windows=windows, deadline=deadline)

    def windows_for(
        self, purpose: Purpose, not_before: datetime, last_day: date | None
    ) -> tuple[Window, ...]:
        """Check-ins at the best times first; a day they named, in time order."""
        soonest = purpose is not Purpose.CHECK_IN
        start = max(self.now, not_before)
        return find_windows(self.calendar, self.policy, start, last_day=last_day, soonest=soonest)

    def first_contact(self) -> tuple[date | None, Purpose, date | None]:
        """When the first contact of this phase is due, its purpose, and the last day for it;
        no day when their silence will mean no."""
        story, policy, calendar, today = self.story, self.policy, self.calendar, self.today
        when, phase = story.when, story.phase
        later_news = phase is not None and when is not None and phase is not when
        said = words.short_day(self.local_day(when.at)) if when is not None else ""

        if when is not None and when.kind is Kind.DECISION_BY:
            assert when.date is not None
            end = when.until or when.date
            if when.silence_means_no and not later_news:
                return None, Purpose.CHECK_IN, None
            days = policy.after_decision_date_business_days
            due = calendar.add_business_days(end, days)
            self.because(
                "instruction.decision_by",
                f"They told you on {said} they would decide by {words.day(end, today)}; waiting "
                f"until {words.day(due, today)} gives them {words.count(days, 'business day')}.",
            )
            self.explain_closed(end, due)
            if later_news:  # news since then restarts the schedule, but not before their date
                return max(due, self.scheduled()), Purpose.CHECK_IN, None
            return due, Purpose.CHECK_IN, None

        if when is not None and when.kind is Kind.CALL_BACK:
            assert when.date is not None
            if later_news and phase is not None and self.local_day(phase.at) > when.date:
                return self.scheduled(), Purpose.CHECK_IN, None  # news since the day they named
            due = calendar.on_or_after(when.date)
            until = (
                f", until {words.day(when.until, today)}" if when.until and when.until != when.date else ""
            )
            self.because(
                "instruction.call_back",
                f"On {said} they asked you to get back to them on {words.day(when.date, today)}{until}.",
            )
            if when.date != due:
                self.explain_closed(when.date - ONE_DAY, due)
            last = when.until or when.date  # one day named: that day is the last
            if not story.check_ins and (today > last or (when.until is not None and due > when.until)):
                return self.call_back_lapsed(last, due)
            return due, Purpose.CALL_BACK, when.until

        return self.scheduled(), Purpose.CHECK_IN, None

    def call_back_lapsed(self, until: date, due: date) -> tuple[date, Purpose, None]:
        """Their days are past or closed: a check-in is still fine, from the next working day."""
        self.because(
            "instruction.call_back_lapsed",
            f"The days they gave you, up to {words.day(until, self.today)}, are past or closed; "
            "a check-in is still fine.",
        )
        return max(due, self.calendar.add_business_days(until, 1)), Purpose.CHECK_IN, None

    def scheduled(self) -> date:
        """The first check-in a number of business days after the phase began."""
        story, policy, today = self.story, self.policy, self.today
        phase = story.phase
        kind = phase.kind if phase is not None else Kind.INTERVIEWED
        start = self.local_day(phase.at if phase is not None else story.interview_at)
        said = words.short_day(start)
        if kind is Kind.CONTACTED:
            days = policy.check_in_spacing_business_days
            rule, text = "schedule.heard_back", f"They answered your follow-up on {said}"
        elif kind is Kind.ON_HOLD:
            days = policy.on_hold_check_in_business_days
            rule, text = "outcome.on_hold", f"On {said} they put the position on hold"
        elif kind is Kind.IN_RUNNING:
            days = policy.first_check_in_business_days
            rule = "outcome.in_running"
            text = f"On {said} they told you that you are still in the running; the schedule starts afresh"
        elif kind is Kind.OK_TO_FOLLOW_UP:
            days = policy.first_check_in_business_days
            rule, text = "instruction.ok_to_follow_up", f"On {said} they said you are welcome to check in"
        elif kind is Kind.INTERVIEWED:
            days = policy.first_check_in_business_days
            rule = "schedule.first_check_in"
            text = f"They gave you no timeline at your interview on {said}"
        else:
            days = policy.first_check_in_business_days
            rule, text = "schedule.first_check_in", f"Their last word was on {said}"
        due = self.calendar.add_business_days(start, days)
        self.because(
            rule,
            f"{text}: check in after {words.count(days, 'business day')}, from {words.day(due, today)}.",
        )
        self.explain_closed(start, due)
        return due

    def silence_means_no(self) -> Advice:
        when = self.story.when
        assert when is not None
        assert when.date is not None
        end = when.until or when.date
        move_on_at = self.calendar.opening(self.calendar.add_business_days(end, 1))
        said = words.short_day(self.local_day(when.at))
        self.because(
            "instruction.decision_by_silence",
            f"They told you on {said} that if you had not heard from them by "
            f"{words.day(end, self.today)}, the answer is no: make no status check.",
        )
        if self.now >= move_on_at:
            self.because("silence.move_on", "That day has passed without word from them: move on.")
            return self.give(Action.MOVE_ON)
        return self.give(Action.WAIT, not_before=move_on_at, move_on_at=move_on_at)

    def move_on_after(self, last_contact: date, since: str) -> Advice:
        days = self.policy.move_on_after_business_days
        move_on_at = self.calendar.opening(self.calendar.add_business_days(last_contact, days))
        if self.now >= move_on_at:
            self.because(
                "schedule.move_on",
                f"{words.count(days, 'business day').capitalize()} have passed since {since} "
                "with no answer: move on to your other applications.",
            )
            return self.give(Action.MOVE_ON)
        self.because(
            "schedule.move_on",
            f"If you hear nothing by {words.day(move_on_at, self.today)} "
            f"({words.count(days, 'business day')} after {since}), move on.",
        )
        return self.give(Action.WAIT, not_before=move_on_at, move_on_at=move_on_at)

    def phase_day(self) -> date:
        """The day the current phase began: the interview, their news, or their decision date."""
        phase = self.story.phase
        if phase is None:
            return self.local_day(self.story.interview_at)
        if phase.kind is Kind.DECISION_BY and phase.date is not None:
            return phase.until or phase.date
        return self.local_day(phase.at)

    # The channel.

    def channel_for(self, purpose: Purpose) -> Channel | None:
        choice = choose_channel(purpose, self.story, self.case, self.policy, self.calendar.zone)
        for reason in choice.reasons:
            if reason not in self.reasons:
                self.reasons.append(reason)
        return choice.channel

    # Explanations of the calendar.

    def explain_closed(self, after: date, until: date) -> None:
        closed = self.calendar.closed_days_between(after + ONE_DAY, until)
        if not closed:
            return
        runs: list[tuple[date, date, str]] = []  # a closure of two weeks is one run, not ten days
        for day, why in closed:
            if runs and runs[-1][2] == why and (day - runs[-1][1]).days <= 3:
                runs[-1] = (runs[-1][0], day, why)
            else:
                runs.append((day, day, why))
        listed = "; ".join(
            f"{words.day(first, self.today)} is {why}"
            if first == last
            else f"{words.day(first, self.today)} to {words.day(last, self.today)} are {_plural(why)}"
            for first, last, why in runs
        )
        self.because("calendar.closed_days", f"Not counted as business days: {listed}.")

    def explain_windows(self) -> None:
        policy = self.policy
        self.because(
            "windows.hours",
            _windows_text(
                self.case.employer.timezone.key, policy.avoid_first_minutes, policy.avoid_last_minutes
            ),
        )

    def explain_first_window(self, first: datetime) -> None:
        """Due now, but not a working moment left today where they are (a weekend, a holiday, a
        closed day, or the end of their day): say why, and when the first good time is."""
        calendar = self.calendar
        today, start = self.local_day(self.now), calendar.local(first)
        if start.date() == today:
            return
        why = calendar.why_closed(today)
        if not why and self.now < calendar.closing(today) - ONE_MINUTE * self.policy.avoid_last_minutes:
            return  # time is left today, only not among the best: the windows' ranking says why
        because = f"today is {why} there" if why else "their working day is over"
        self.because(
            "windows.first_later",
            f"It is due, but {because}: the first good time is {words.moment(start, self.today)}.",
        )

    def explain_no_windows(self) -> None:
        policy = self.policy
        self.because(
            "windows.none",
            f"Their hours, lunch and busy slots, less the first {policy.avoid_first_minutes} and "
            f"the last {policy.avoid_last_minutes} minutes of each day (avoid_first_minutes, "
            f"avoid_last_minutes), leave no stretch of {policy.min_window_minutes} minutes "
            f"(min_window_minutes) in the next "
            f"{words.count(policy.window_horizon_business_days, 'business day')}: check their hours "
            "and these settings, or choose the least busy moment you can.",
        )

    # Helpers.

    def local_day(self, instant: datetime) -> date:
        return self.calendar.local(instant).date()

    def give(
        self,
        action: Action,
        purpose: Purpose | None = None,
        channel: Channel | None = None,
        *,
        not_before: datetime | None = None,
        windows: tuple[Window, ...] = (),
        deadline: datetime | None = None,
        move_on_at: datetime | None = None,
    ) -> Advice:
        local = self.calendar.local  # every instant in the employer's time zone
        if action is Action.FOLLOW_UP and windows:
            self.explain_first_window(min(window.start for window in windows))
        not_before = local(not_before) if not_before is not None else None
        deadline = local(deadline) if deadline is not None else None
        move_on_at = local(move_on_at) if move_on_at is not None else None
        when = self.story.when
        their_date = when is not None and when.kind in (Kind.DECISION_BY, Kind.CALL_BACK)
        pros, cons = pitch.pros_and_cons(action, purpose, channel, their_date=their_date)
        return Advice(
            action=action,
            purpose=purpose,
            channel=channel,
            not_before=not_before,
            windows=windows,
            reasons=tuple(self.reasons),
            pros=pros,
            cons=cons,
            deadline=deadline,
            move_on_at=move_on_at,
        )


def _plural(why: str) -> str:
    """'a day the employer is closed' -> 'days the employer is closed'."""
    if why.startswith("a public holiday"):
        return "public holidays" + why.removeprefix("a public holiday")
    return why.removeprefix("a ").replace("day ", "days ", 1)


@lru_cache(maxsize=1024)
def _windows_text(zone: str, first: int, last: int) -> str:
    return (
        f"Good times are in their time zone ({zone}), on their working days, not at lunch, not in "
        f"the first {first} or last {last} minutes of the day, nor in their busy slots; mid-morning "
        "and mid-afternoon in the middle of the week are best, the first morning and the last "
        "afternoon of the week worst."
    )
