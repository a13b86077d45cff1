"""When to make the contact, once the rules have said which: the good windows for a call or a
visit (their working day, inside your waking hours), and for an email (it interrupts no one: it
may go at once, and its delivery is best scheduled for their next good morning when their office
is closed, their day is over, or you would be asleep then). Also the calendar's explanations.

The decision (engine.py) is built on this: `Timing` holds the case, the moment and the reasons.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.awake import awake_in_their_day, is_awake, within
from followup.core.model import Action, Case, Channel, Policy, Purpose, Reason, Rule, Window
from followup.core.story import ONE_MINUTE, Story
from followup.core.windows import find_windows
from followup.core.workdays import ONE_DAY, WorkCalendar

MIN_WINDOWS = 3  # windows to show at least, when there are any
PLANNED = (Channel.PHONE, Channel.VISIT)  # contacts that interrupt them: in your waking hours too


class Timing:
    case: Case
    now: datetime
    policy: Policy
    calendar: WorkCalendar
    story: Story
    today: date  # their today
    reasons: list[Reason]
    turns: list[datetime]  # moments the clock alone changes the advice, besides its own fields

    def because(self, rule: Rule, text: str) -> None:
        self.reasons.append(Reason(rule, text))

    def turns_at(self, moment: datetime) -> None:
        """The advice changes at this moment, if it is ahead."""
        if moment > self.now:
            self.turns.append(moment)

    # Windows.

    def windows_for(
        self,
        purpose: Purpose,
        channel: Channel,
        not_before: datetime,
        last_day: date | None = None,
    ) -> tuple[tuple[Window, ...], bool]:
        """The good windows from not_before (check-ins: the first and the best; a day they named
        or a thank-you: the soonest), and whether they lie outside your waking hours because no
        good time of theirs falls in them. A call or a visit keeps to your waking hours."""
        start = max(self.now, not_before)
        soonest = purpose is not Purpose.CHECK_IN
        awake = (self.your_zone, self.case.candidate.waking_hours) if channel in PLANNED else None
        found = find_windows(
            self.calendar, self.policy, start, last_day=last_day, soonest=soonest, awake=awake
        )
        if found or awake is None:
            return found, False
        theirs = find_windows(self.calendar, self.policy, start, last_day=last_day, soonest=soonest)
        return theirs, bool(theirs)

    def thank_you_windows(self, start: datetime, deadline: datetime) -> tuple[Window, ...]:
        """Windows before the deadline; if fewer than three, the next ones after it too (their
        next good mornings, for a note whose delivery is scheduled)."""
        policy, calendar = self.policy, self.calendar
        windows = find_windows(calendar, policy, start, until=deadline, soonest=True)
        wanted = min(MIN_WINDOWS, policy.window_count)
        if len(windows) < wanted:
            later = find_windows(calendar, policy, max(start, deadline), soonest=True)
            windows = (*windows, *later[: wanted - len(windows)])
        return windows

    @property
    def your_zone(self) -> ZoneInfo:
        return self.case.candidate.timezone or self.case.employer.timezone

    def both(self, instant: datetime) -> str:
        """'Tuesday 7 April at 09:30 their time (04:30 your time)'; one time when they are the same."""
        theirs = self.calendar.local(instant)
        yours = instant.astimezone(self.your_zone)
        text = words.moment(theirs, self.today)
        if yours.utcoffset() == theirs.utcoffset():
            return text
        mine = words.clock(yours) if yours.date() == theirs.date() else words.moment(yours, self.today)
        return f"{text} their time ({mine} your time)"

    # An email: any time, and delivered on a working morning.

    def email_delivery(
        self,
        action: Action,
        windows: tuple[Window, ...],
        deadline: datetime | None,
        move_on_at: datetime | None = None,
    ) -> datetime | None:
        """When to have an email delivered, if not at once, with the reason: their office is closed
        (named), their working day is over, or their good morning comes while you sleep. Never
        after the moment to move on: a last check-in goes at once."""
        calendar = self.calendar
        first = windows[0].start if windows else None
        if (  # a thank-you for an interview still to come: their office may close before it is due
            action is Action.WAIT
            and deadline is not None
            and self.now < deadline
            and self.now < self.story.interview_end
        ):
            after = self.local_day(self.story.interview_end)
            self._explain_closure_ahead(calendar.local(deadline).date(), after, ahead=True)
        if action is Action.FOLLOW_UP:
            if calendar.in_working_time(self.now):  # it lands now, in their working day
                self.turns_at(calendar.closing(self.today))
                ahead = [calendar.local(moment).date() for moment in (first, deadline) if moment is not None]
                if ahead and max(ahead) > self.today:
                    self._explain_closure_ahead(max(ahead), self.today)
                return None
            opening = self._next_opening()
            deliver = first if first is not None and first > self.now else opening
            self.turns_at(opening)
            if move_on_at is not None and deliver >= move_on_at:
                return None  # the last day for it: it goes now, not when it is too late
            self._explain_delivery(deliver, deadline)
            return deliver
        if first is not None and not self._awake_in(windows[0]):
            self.because(
                Rule.EMAIL_SCHEDULED_DELIVERY,
                f"Their first good time, {self.both(first)}, falls outside your waking hours "
                f"({self._your_hours()}): write it beforehand and schedule its delivery for then.",
            )
            return first
        return None

    def _awake_in(self, window: Window) -> bool:
        """Whether you are awake at some time of a window."""
        start, end = self.calendar.local(window.start), self.calendar.local(window.end)
        day = start.date()
        awake = awake_in_their_day(self.calendar.zone, self.your_zone, self.case.candidate.waking_hours, day)
        last = end.hour * 60 + end.minute if end.date() == day else 24 * 60
        return bool(within(start.hour * 60 + start.minute, last, awake))

    def _explain_closure_ahead(self, horizon: date, after: date, *, ahead: bool = False) -> None:
        """Open now (or on the day of an interview to come), then closed from the day after until
        past the deadline or their next good time: say so, and that it goes before the closure."""
        calendar = self.calendar
        back = calendar.on_or_after(horizon)  # the closure runs until they are back
        closure = calendar.closure(after + ONE_DAY, back - ONE_DAY)
        if closure is None:
            return
        if ahead:
            self.because(
                Rule.EMAIL_CLOSED,
                f"Their office is then closed {self._closed(closure)}: send your note right after "
                "the interview, before they close; it will be waiting for them.",
            )
        else:
            self.because(
                Rule.EMAIL_CLOSED,
                f"Send it today, while their office is open: it is then closed {self._closed(closure)}.",
            )

    def _closed(self, closure: tuple[date, date, tuple[str, ...]]) -> str:
        """'from Friday 3 April to Monday 6 April (Good Friday, Easter Monday)'."""
        first, last, names = closure
        when = (
            f"on {words.day(first, self.today)}"
            if first == last
            else f"from {words.day(first, self.today)} to {words.day(last, self.today)}"
        )
        return f"{when} ({', '.join(names)})"

    def _explain_delivery(self, deliver: datetime, deadline: datetime | None) -> None:
        calendar = self.calendar
        back = calendar.local(deliver).date()
        closure = calendar.closure(self.today, back - ONE_DAY)
        by = f", by {words.moment(calendar.local(deadline), self.today)} (their time)" if deadline else ""
        schedule = f"schedule its delivery for {self.both(deliver)}, their next good morning"
        if closure is not None:
            self.because(
                Rule.EMAIL_CLOSED,
                f"Their office is closed {self._closed(closure)}. An email interrupts no one: "
                f"send it now{by}, and it will be waiting for them; or write it now and {schedule}.",
            )
            return
        why = calendar.why_closed(self.today)
        there = f"today is {why} there" if why else "their working day is over"
        self.because(
            Rule.EMAIL_SCHEDULED_DELIVERY,
            f"It can go now, although {there}: an email interrupts no one{by}. To have it land at "
            f"the top of their inbox, write it now and {schedule}.",
        )

    def _next_opening(self) -> datetime:
        calendar = self.calendar
        day = self.today
        if self.now >= calendar.opening(day) or not calendar.is_working_day(day):
            day = calendar.add_business_days(day, 1)
        return calendar.opening(day)

    def _your_hours(self) -> str:
        awake = self.case.candidate.waking_hours
        return f"{words.span(awake.start, awake.end)} your time"

    # Explanations of the calendar.

    def explain_closed(self, after: date, until: date) -> None:
        if not self.calendar.skipped:  # no holiday or closure met while counting
            return
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
        self.because(Rule.CALENDAR_CLOSED_DAYS, f"Not counted as business days: {listed}.")

    def explain_windows(
        self, channel: Channel, windows: tuple[Window, ...], outside_yours: bool, *, named_days: bool = False
    ) -> None:
        policy = self.policy
        if channel in PLANNED:
            text = _windows_text(
                self.case.employer.timezone.key, policy.avoid_first_minutes, policy.avoid_last_minutes
            )
            if not outside_yours:
                text += f" Only times inside your waking hours ({self._your_hours()}) are listed."
            self.because(Rule.WINDOWS_HOURS, text)
        else:
            self.because(
                Rule.WINDOWS_HOURS,
                "An email interrupts no one: it may go at any time. These are the times it is "
                f"best read, in their working day ({self.case.employer.timezone.key}): mid-morning "
                "and mid-afternoon in the middle of the week.",
            )
        if outside_yours:
            looked_at = (
                "in the days they gave"
                if named_days
                else f"in the next {words.count(policy.window_horizon_business_days, 'business day')}"
            )
            self.because(
                Rule.WINDOWS_OUTSIDE_YOUR_HOURS,
                f"None of their good times {looked_at} falls inside your waking hours "
                f"({self._your_hours()}): these are outside them. Choose the least inconvenient, or "
                "write instead.",
            )
        first = windows[0]
        best = next((window for window in windows if window.rank == 1), None)
        if best is not None and best is not first:
            local, today = self.calendar.local, self.today
            self.because(
                Rule.WINDOWS_FIRST,
                f"The first good time is {words.moment(local(first.start), today)}, a {first.quality} "
                f"one; the best, {words.moment(local(best.start), today)}.",
            )

    def first_later(self, first: datetime) -> None:
        """A call or a visit that is due, but not a good time right now where they are (their
        lunch, a busy slot, a weekend, a holiday, a closed day, the end of their day, or outside
        your waking hours): say why, and when the first good time is."""
        calendar = self.calendar
        if calendar.local(first).date() == self.today:
            because = self._not_now()
        elif why := calendar.why_closed(self.today):
            because = f"today is {why} there"
        elif self.now >= calendar.closing(self.today) - ONE_MINUTE * self.policy.avoid_last_minutes:
            because = "their working day is over"
        else:
            because = "no good time is left today, in their working day and your waking hours"
        self.because(
            Rule.WINDOWS_FIRST_LATER,
            f"It is due, but {because}: wait for the first good time, {self.both(first)}.",
        )

    def _not_now(self) -> str:
        """Why now is not a good time, on one of their working days with a good time later."""
        local = self.calendar.local(self.now)
        minute = local.hour * 60 + local.minute
        hours = self.calendar.hours.on(self.today)
        if not is_awake(self.now, self.your_zone, self.case.candidate.waking_hours):
            return f"it is outside your waking hours ({self._your_hours()})"
        if minute < hours.open:
            return "their working day has not begun"
        if minute < hours.open + self.policy.avoid_first_minutes:
            return "they are only just settling in"
        if hours.lunch is not None and hours.lunch.start <= minute < hours.lunch.end:
            return "it is their lunch"
        if any(
            start <= minute < end for start, end in self.calendar.hours.busy_by_weekday[self.today.weekday()]
        ):
            return "it is one of their busy slots"
        return "it is not one of their good times"

    def explain_no_windows(self) -> None:
        policy = self.policy
        self.because(
            Rule.WINDOWS_NONE,
            f"Their hours, lunch and busy slots, less the first {policy.avoid_first_minutes} and "
            f"the last {policy.avoid_last_minutes} minutes of each day (avoid_first_minutes, "
            f"avoid_last_minutes), leave no stretch of {policy.min_window_minutes} minutes "
            f"(min_window_minutes) in the next "
            f"{words.count(policy.window_horizon_business_days, 'business day')}: check their hours "
            "and these settings, or choose the least busy moment you can.",
        )

    def local_day(self, instant: datetime) -> date:
        """The day of an instant in their time."""
        return instant.astimezone(self.calendar.zone).date()


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
