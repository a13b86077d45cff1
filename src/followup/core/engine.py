"""advise(case, now, policy): whether, when and how to follow up after an interview.

The rules, in the order they are tried:
1. an outcome ends it (offer or withdrawn: done; rejected, or released from an on-hold: move on);
2. "no contact" at all: make none, and move on after a long silence;
3. a thank-you note shortly after the interview, unless they asked for no contact;
4. "we'll be in touch": make no status check, and move on after a long silence;
5. the check-in schedule of the current phase: after their decision date, on the day they named,
   or a number of business days after the interview or their last news; spaced check-ins up to a
   maximum, then move on; a check-in left undone long enough becomes the final one, and a long
   silence from them ends it.
Every number is a Policy setting. The channel and the time windows come last: a call or a visit
in a good window of their working day that is also in your waking hours; an email at any time
(it interrupts no one), with its delivery scheduled for their next good morning when their office
is closed or their day is over.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from followup.core import pitch, words
from followup.core.channels import ChannelChoice, choose_channel, ruled_out
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
    Rule,
    Window,
)
from followup.core.story import ONE_MINUTE, Story, read_story
from followup.core.timing import PLANNED, Timing
from followup.core.workdays import NOON, ONE_DAY, ONE_HOUR, WorkCalendar


def advise(case: Case, now: datetime, policy: Policy = DEFAULT_POLICY) -> Advice:
    """The advice for one interview at the moment now. Pure: the same input, the same advice."""
    if now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")
    return _Decision(case, now.astimezone(UTC), policy).advice()


class _Decision(Timing):
    def __init__(self, case: Case, now: datetime, policy: Policy) -> None:
        self.case = case
        self.now = now
        self.policy = policy
        self.calendar = WorkCalendar(case.employer, policy)
        self.story: Story = read_story(case, now)
        self.today = self.calendar.local(now).date()
        self.reasons: list[Reason] = []
        self.turns: list[datetime] = []
        self.barred = ruled_out(self.story, case, self.calendar.zone)  # what may not be used

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
            Rule.SCHEDULE_NEXT_ROUND,
            f"Your next interview is booked for {self.both(next_round)}: "
            "no check-in before it; after it, a thank-you, and the schedule starts afresh.",
        )
        return self.give(Action.WAIT, not_before=next_round)

    # 1. Outcomes.

    def ended(self, outcome: Event) -> Advice:
        said = words.short_day(self.local_day(outcome.at))
        quote = f' ("{outcome.note}")' if outcome.note else ""
        if outcome.kind is Kind.OFFER:
            self.because(
                Rule.OUTCOME_OFFER, f"They offered you the job on {said}{quote}: nothing left to follow up."
            )
            return self.give(Action.DONE)
        if outcome.kind is Kind.WITHDRAWN:
            self.because(Rule.OUTCOME_WITHDRAWN, f"You withdrew on {said}: nothing left to follow up.")
            return self.give(Action.DONE)
        if outcome.kind is Kind.ON_HOLD:
            self.because(
                Rule.OUTCOME_ON_HOLD_RELEASED,
                f"On {said} they put the position on hold and released you to pursue other "
                f"opportunities{quote}: treat it as a no and move on.",
            )
        else:
            self.because(
                Rule.OUTCOME_REJECTED,
                f"On {said} they told you they are not going ahead with you{quote}. Move on: "
                "put your energy into your other applications.",
            )
        return self.give(Action.MOVE_ON)

    # 2 and 4. Instructions to make no contact, or to wait for them.

    def silent_wait(self, instruction: Event) -> Advice:
        said = words.short_day(self.local_day(instruction.at))
        if instruction.kind is Kind.NO_CONTACT:
            self.because(Rule.INSTRUCTION_NO_CONTACT, f"On {said} they asked for no contact: make none.")
        else:
            self.because(
                Rule.INSTRUCTION_WAIT_FOR_US,
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
                Rule.SILENCE_MOVE_ON,
                f"You have heard nothing from them in {silence} since {words.short_day(heard)}: "
                "move on to your other applications.",
            )
            return self.give(Action.MOVE_ON)
        self.because(
            Rule.SILENCE_MOVE_ON,
            f"If you hear nothing by {words.day(move_on_at, self.today)} ({silence} after "
            f"{words.short_day(heard)}), move on.",
        )
        return self.give(Action.DO_NOT_CONTACT, move_on_at=move_on_at)

    # 3. The thank-you note.

    def thank_you(self) -> Advice | None:
        story, policy = self.story, self.policy
        if story.thank_you is not None:
            sent = words.short_day(self.local_day(story.thank_you.at))
            self.because(Rule.THANK_YOU_SENT, f"You sent a thank-you note on {sent}.")
            return None
        deadline = self.thank_you_deadline()
        if self.now >= deadline:
            self.because(
                Rule.THANK_YOU_MISSED,
                f"The time for a thank-you note ({policy.thank_you_within_hours} hours after the "
                f"interview) ended on {self.both(deadline)}.",
            )
            return None
        banned = story.banned.get(Channel.EMAIL)
        if banned is not None:
            said = words.short_day(self.local_day(banned.at))
            self.because(
                Rule.THANK_YOU_NOT_BY_EMAIL,
                f"On {said} they asked you not to email, so no thank-you note: it is never sent another way.",
            )
            return None
        if story.when is not None and story.when.kind is Kind.WAIT_FOR_US:
            if not policy.thank_you_allowed_when_waiting:
                self.because(
                    Rule.THANK_YOU_WHILE_WAITING,
                    "They said they would be in touch, and your settings skip even a thank-you note then.",
                )
                return None
            self.because(
                Rule.THANK_YOU_WHILE_WAITING,
                "They said they would be in touch, but a short thank-you note right after the "
                "interview is not a status check: it is still fine.",
            )

        end = story.interview_end
        interview = self.both(story.interview_at)  # their time, and yours when it differs
        by = self.both(deadline)
        if self.now < end:
            self.because(
                Rule.INTERVIEW_UPCOMING,
                f"Your interview is on {interview}. Send a thank-you note by email afterwards, by {by}.",
            )
            action = Action.WAIT
        else:
            self.because(
                Rule.THANK_YOU_DUE,
                f"Send a thank-you note by email within {policy.thank_you_within_hours} hours of "
                f"your interview on {interview}: by {by}. A morning interview gets its "
                "note the same day, an afternoon one the next morning (or the same day, when their "
                "office is closed the next morning).",
            )
            action = Action.FOLLOW_UP
        windows = self.thank_you_windows(max(self.now, self.thank_you_from(deadline)), deadline)
        if not windows:
            self.explain_no_windows()
        return self.give(
            action, Purpose.THANK_YOU, Channel.EMAIL, not_before=end, windows=windows, deadline=deadline
        )

    def thank_you_deadline(self) -> datetime:
        """Thank-you hours after the interview, in their time: an email is written within them,
        whether or not their office is open then (it waits in their inbox)."""
        return self.calendar.local(self.story.interview_end + ONE_HOUR * self.policy.thank_you_within_hours)

    def thank_you_from(self, deadline: datetime) -> datetime:
        """Same afternoon for a morning interview, next morning for an afternoon one; but when
        their next morning comes after the deadline (their office closes), at once."""
        calendar = self.calendar
        end = calendar.local(self.story.interview_end)
        lunch = calendar.hours.on(end.date()).lunch
        midday = lunch.start if lunch is not None else NOON
        if calendar.is_working_day(end.date()) and end.hour * 60 + end.minute <= midday:
            return end
        next_morning = calendar.opening(calendar.add_business_days(end.date(), 1))
        return next_morning if next_morning < deadline else end

    # 5. The check-in schedule.

    def schedule(self) -> Advice:
        story, policy, calendar = self.story, self.policy, self.calendar
        first, purpose, last_day = self.first_contact()
        if first is None:  # their silence will mean no: nothing to do but wait for the date
            return self.silence_means_no()

        choice = self.choose_channel(purpose)  # its reasons are said once the contact stands
        if choice.channel is None:
            return self.every_channel_ruled_out(choice)
        call_back_windows = None
        if purpose is Purpose.CALL_BACK and last_day is not None and not story.check_ins:
            call_back_windows = self.windows_for(purpose, choice.channel, calendar.opening(first), last_day)
            if not call_back_windows[0]:  # no good time left in the days they gave
                first, purpose, last_day = self.call_back_lapsed(last_day, first)
                call_back_windows = None
                choice = self.choose_channel(purpose)
                if choice.channel is None:
                    return self.every_channel_ruled_out(choice)

        due = first
        made = len(story.check_ins)
        final = self.final_made(first)
        if final is not None:
            self.because(
                Rule.SCHEDULE_FINAL_CHECK_IN,
                f"Your check-in on {words.short_day(final)} came long after it fell due: it was the "
                "final one, and more would not help.",
            )
            return self.move_on_after(final, "your final check-in")
        if made >= policy.max_check_ins and (made or purpose is not Purpose.CALL_BACK):
            at_most = words.count(policy.max_check_ins, "check-in")
            if not made:
                self.because(Rule.SCHEDULE_MAX_CHECK_INS, f"Your settings allow {at_most}: make none.")
                return self.move_on_after(self.phase_day(), "their last news")
            last_contact = self.local_day(story.check_ins[-1].at)
            self.because(
                Rule.SCHEDULE_MAX_CHECK_INS,
                f"You have made {words.count(made, 'follow-up')} since their last news, the last on "
                f"{words.short_day(last_contact)}, with no answer; more would not help (at most {at_most}).",
            )
            return self.move_on_after(last_contact, "your last follow-up")
        if made:
            last_contact = self.local_day(story.check_ins[-1].at)
            spaced = calendar.add_business_days(last_contact, policy.check_in_spacing_business_days)
            self.because(
                Rule.SCHEDULE_CHECK_IN_SPACING,
                f"Your last follow-up was on {words.short_day(last_contact)}; leave "
                f"{words.count(policy.check_in_spacing_business_days, 'business day')} between "
                f"check-ins: the next {words.due(spaced, self.today)}.",
            )
            due = max(first, spaced)
            if purpose is not Purpose.CHECK_IN:
                purpose, last_day = Purpose.CHECK_IN, None
                check_in = self.choose_channel(purpose)  # no longer the call-back's channel
                if check_in.channel is not None:
                    choice = check_in

        not_before = calendar.opening(due)
        move_on_at = None  # before the check-in falls due, silence cannot have ended
        if self.now >= not_before:
            move_on_at = self.silence_ends(due)
            if self.now >= move_on_at:
                return self.give(Action.MOVE_ON)

        channel = choice.channel
        assert channel is not None
        self.reasons += choice.reasons  # said once the contact stands
        windows, outside_yours = call_back_windows or self.windows_for(purpose, channel, not_before, last_day)
        action = Action.FOLLOW_UP if not_before <= self.now else Action.WAIT
        if windows:
            self.explain_windows(channel, windows, outside_yours, named_days=last_day is not None)
        else:
            self.explain_no_windows()
        deadline = None
        if last_day is not None:  # the end of the last good time of the last day they gave
            deadline = calendar.closing(last_day) - ONE_MINUTE * policy.avoid_last_minutes
        return self.give(
            action, purpose, channel, not_before=not_before, windows=windows, deadline=deadline,
            move_on_at=move_on_at,
        )  # fmt: skip

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
            given = words.count(days, "business day")
            if due > today:
                then = f"waiting until {words.day(due, today)} gives them {given}"
            elif due == today:
                then = f"a check-in is due today, {words.day(due, today)}, {given} after it"
            else:
                then = f"a check-in has been due since {words.day(due, today)}, {given} after it"
            self.because(
                Rule.INSTRUCTION_DECISION_BY,
                f"They told you on {said} they would decide by {words.day(end, today)}; {then}.",
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
            if when.until and when.until != when.date:
                named = f"between {words.day(when.date, today)} and {words.day(when.until, today)}"
            else:
                named = f"on {words.day(when.date, today)}"
            self.because(Rule.INSTRUCTION_CALL_BACK, f"On {said} they asked you to get back to them {named}.")
            if when.date != due:
                self.explain_closed(when.date - ONE_DAY, due)
            last = when.until or when.date  # one day named: that day is the last
            if when.until is None:
                last = max(last, due)  # or, when they are closed that day, their next working day
            if not story.check_ins and (today > last or due > last):
                return self.call_back_lapsed(last, due)
            return due, Purpose.CALL_BACK, last

        return self.scheduled(), Purpose.CHECK_IN, None

    def call_back_lapsed(self, until: date, due: date) -> tuple[date, Purpose, None]:
        """Their days are past or closed: a check-in is still fine, from the next working day."""
        self.because(
            Rule.INSTRUCTION_CALL_BACK_LAPSED,
            f"No good time is left in the days they gave you (up to {words.day(until, self.today)}): "
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
            rule, text = Rule.SCHEDULE_HEARD_BACK, f"They answered your follow-up on {said}"
        elif kind is Kind.ON_HOLD:
            days = policy.on_hold_check_in_business_days
            rule, text = Rule.OUTCOME_ON_HOLD, f"On {said} they put the position on hold"
        elif kind is Kind.IN_RUNNING:
            days = policy.first_check_in_business_days
            rule = Rule.OUTCOME_IN_RUNNING
            text = f"On {said} they told you that you are still in the running; the schedule starts afresh"
        elif kind is Kind.OK_TO_FOLLOW_UP:
            days = policy.first_check_in_business_days
            rule, text = Rule.INSTRUCTION_OK_TO_FOLLOW_UP, f"On {said} they said you are welcome to check in"
        elif kind is Kind.INTERVIEWED:
            days = policy.first_check_in_business_days
            rule = Rule.SCHEDULE_FIRST_CHECK_IN
            text = f"They gave you no timeline at your interview on {said}"
        else:
            days = policy.first_check_in_business_days
            rule, text = Rule.SCHEDULE_FIRST_CHECK_IN, f"Their last word was on {said}"
        due = self.calendar.add_business_days(start, days)
        self.because(
            rule, f"{text}: check in after {words.count(days, 'business day')}, {words.due(due, today)}."
        )
        self.explain_closed(start, due)
        return due

    def silence_ends(self, due: date) -> datetime:
        """Silence is an answer. A check-in left undone for move_on_after_business_days after it
        fell due is the final one; silent_move_on_business_days after their last word (or the
        date they named, if later), move on, though never before the final check-in has had a
        day, nor before your last check-in has had its time for an answer. The moment to move on."""
        story, policy, calendar, today = self.story, self.policy, self.calendar, self.today
        heard = self.local_day(story.last_heard)
        when = story.when
        if when is not None and when.kind in (Kind.DECISION_BY, Kind.CALL_BACK) and when.date is not None:
            heard = max(heard, when.until or when.date)  # waiting for their date is no silence
        final = calendar.add_business_days(due, policy.move_on_after_business_days)
        move_day = max(
            calendar.add_business_days(heard, policy.silent_move_on_business_days),
            calendar.add_business_days(final, 1),
        )
        if story.check_ins:
            last_contact = self.local_day(story.check_ins[-1].at)
            move_day = max(
                move_day, calendar.add_business_days(last_contact, policy.move_on_after_business_days)
            )
        move_on_at, final_from = calendar.opening(move_day), calendar.opening(final)
        self.turns_at(final_from)  # the check-in becomes the final one
        silence = words.short_day(heard)
        if self.now >= move_on_at:
            undone = "" if story.check_ins else ", and you made no check-in"
            self.because(
                Rule.SILENCE_MOVE_ON,
                f"You have heard nothing from them since {silence}{undone}: silence is an answer. "
                "Move on to your other applications.",
            )
            return move_on_at
        if self.now >= final_from:
            self.because(
                Rule.SCHEDULE_FINAL_CHECK_IN,
                f"Your check-in has been due since {words.day(due, today)}, "
                f"{words.count(policy.move_on_after_business_days, 'business day')} ago, and none "
                "was made: make one final, courteous check-in now. If you make none by "
                f"{words.moment(move_on_at, today)}, move on; if you make it, give them "
                f"{words.count(policy.move_on_after_business_days, 'business day')} to answer.",
            )
        return move_on_at

    def final_made(self, first: date) -> date | None:
        """The day of a check-in made when it had been due for move_on_after_business_days (so
        made as the final one), if any of this phase's was."""
        if not self.story.check_ins:
            return None
        calendar, policy = self.calendar, self.policy
        late = policy.move_on_after_business_days
        due = first
        for check_in in self.story.check_ins:
            made = self.local_day(check_in.at)
            # n business days are at least n calendar days: most check-ins are plainly on time
            if (made - due).days >= late and made >= calendar.add_business_days(due, late):
                return made
            due = max(first, calendar.add_business_days(made, policy.check_in_spacing_business_days))
        return None

    def silence_means_no(self) -> Advice:
        when = self.story.when
        assert when is not None
        assert when.date is not None
        end = when.until or when.date
        move_on_at = self.calendar.opening(self.calendar.add_business_days(end, 1))
        said = words.short_day(self.local_day(when.at))
        self.because(
            Rule.INSTRUCTION_DECISION_BY_SILENCE,
            f"They told you on {said} that if you had not heard from them by "
            f"{words.day(end, self.today)}, the answer is no: make no status check.",
        )
        if self.now >= move_on_at:
            self.because(Rule.SILENCE_MOVE_ON, "That day has passed without word from them: move on.")
            return self.give(Action.MOVE_ON)
        return self.give(Action.WAIT, not_before=move_on_at, move_on_at=move_on_at)

    def move_on_after(self, last_contact: date, since: str) -> Advice:
        days = self.policy.move_on_after_business_days
        move_on_at = self.calendar.opening(self.calendar.add_business_days(last_contact, days))
        if self.now >= move_on_at:
            self.because(
                Rule.SCHEDULE_MOVE_ON,
                f"{words.count(days, 'business day').capitalize()} have passed since {since} "
                "with no answer: move on to your other applications.",
            )
            return self.give(Action.MOVE_ON)
        self.because(
            Rule.SCHEDULE_MOVE_ON,
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

    def choose_channel(self, purpose: Purpose) -> ChannelChoice:
        return choose_channel(purpose, self.story, self.case, self.policy, self.barred)

    def every_channel_ruled_out(self, choice: ChannelChoice) -> Advice:
        self.reasons += choice.reasons
        self.because(Rule.CHANNEL_RULED_OUT, "They have ruled out every way to reach them: make no contact.")
        return self.until_silence()

    # The advice.

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
        deliver_at = None
        if channel is Channel.EMAIL and action in (Action.FOLLOW_UP, Action.WAIT):
            deliver_at = self.email_delivery(action, windows, deadline, move_on_at)
        elif channel in PLANNED and windows and windows[0].start > self.now:
            if action is Action.FOLLOW_UP:  # due, but not a good time right now: wait for one
                self.first_later(windows[0].start)
            action, not_before = Action.WAIT, windows[0].start  # a call waits for its first good time
        local = self.calendar.local  # every instant in the employer's time zone
        turns = self.turns
        if action is Action.DONE or action is Action.MOVE_ON:
            turns = []  # only news can change it now
        else:
            now = self.now
            first_ends = windows[0].end if windows else None
            turns += [
                moment
                for moment in (not_before, deadline, move_on_at, deliver_at, first_ends)
                if moment is not None and moment > now
            ]
        when = self.story.when
        their_date = when is not None and (
            when.kind is Kind.DECISION_BY or (when.kind is Kind.CALL_BACK and purpose is Purpose.CALL_BACK)
        )
        pros, cons = pitch.pros_and_cons(action, purpose, channel, their_date=their_date)
        return Advice(
            action=action,
            purpose=purpose,
            channel=channel,
            not_before=local(not_before) if not_before is not None else None,
            windows=windows,
            reasons=tuple(self.reasons),
            pros=pros,
            cons=cons,
            deadline=local(deadline) if deadline is not None else None,
            move_on_at=local(move_on_at) if move_on_at is not None else None,
            deliver_at=local(deliver_at) if deliver_at is not None else None,
            ruled_out=self.barred,
            changes_at=local(min(turns)) if turns else None,
        )
