"""What the events add up to at a moment: the instructions in force, the contacts, the outcome.

Events are read in time order; a later instruction replaces an earlier one on the same matter.
The matters are *when* to contact (no contact at all, wait for us, decision by, call back, ok to
follow up) and, for each channel, *whether* it may be used (no phone calls, prefer email).
"No contact at all" rules out every channel until they invite a contact or say it is fine to
follow up; a later "we'll be in touch" or a decision date does not lift it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followup.core.model import ALL_CHANNELS, Case, Channel, Event, Kind, Purpose

ONE_MINUTE = timedelta(minutes=1)
# Tuples, not sets: a membership test by identity is faster than hashing an enum.
WHEN = (Kind.WAIT_FOR_US, Kind.DECISION_BY, Kind.CALL_BACK, Kind.OK_TO_FOLLOW_UP)
# A new phase restarts the check-in schedule: a new round, news from them, an answered contact,
# an instruction on when to contact them.
NEW_PHASE = (Kind.INTERVIEWED, Kind.IN_RUNNING, Kind.ON_HOLD)
FINAL = (Kind.REJECTED, Kind.OFFER, Kind.WITHDRAWN)


@dataclass
class Story:
    interview_at: datetime
    interview_end: datetime
    outcome: Event | None = None  # rejected, offer, withdrawn, or an on-hold notice that releases
    phase: Event | None = None  # what restarted the schedule; None: the interview itself
    when: Event | None = None  # the instruction in force on when to contact
    banned: dict[Channel, Event] = field(default_factory=dict)
    preferred: Event | None = None
    invited: dict[Channel, Event] = field(default_factory=dict)
    thank_you: Event | None = None
    check_ins: list[Event] = field(default_factory=list)  # unanswered, this phase
    last_word: datetime | None = None  # the last time they said anything

    @property
    def last_heard(self) -> datetime:
        return self.last_word or self.interview_end

    @property
    def no_contact(self) -> Event | None:
        if self.when is not None and self.when.kind is Kind.NO_CONTACT:
            return self.when
        return None


def read_story(case: Case, now: datetime) -> Story:
    """Fold the case's events up to now into the state the rules look at."""
    interview = case.interview
    story = Story(
        interview_at=interview.at,
        interview_end=interview.at + ONE_MINUTE * interview.minutes,
    )
    for event in case.events:  # in time order
        if event.at > now:
            break
        _read(story, event, interview.minutes)
    return story


def _read(story: Story, event: Event, interview_minutes: int) -> None:
    kind = event.kind
    if kind is Kind.CONTACTED:
        _read_contact(story, event)
        return
    story.last_word = event.at  # everything else is word from them
    if kind is Kind.NO_CONTACT:
        for channel in event.channels or ALL_CHANNELS:
            story.banned[channel] = event
            story.invited.pop(channel, None)
        if _blanket(event):
            _new_when(story, event)
    elif kind is Kind.PREFER_CHANNEL:
        assert event.channel is not None
        story.preferred = event
        story.banned.pop(event.channel, None)
        story.invited[event.channel] = event
    elif kind in WHEN:
        _new_when(story, event)
        if kind is Kind.CALL_BACK or (kind is Kind.OK_TO_FOLLOW_UP and not event.channels):
            _lift_blanket(story)  # an invitation, or leave to check in, ends "no contact at all"
        lifted = set(event.channels)
        if event.channel is not None:
            lifted.add(event.channel)
        for channel in lifted:
            story.banned.pop(channel, None)
            story.invited[channel] = event
    elif kind in NEW_PHASE:
        story.outcome = None
        if event.kind is Kind.ON_HOLD and event.released:
            story.outcome = event
            return
        if kind is Kind.INTERVIEWED:  # a new round: what they said was about the one before
            story.interview_at = event.at
            story.interview_end = event.at + ONE_MINUTE * (event.minutes or interview_minutes)
            story.thank_you = None
            story.when = None
            _lift_blanket(story)
        # News ("still in the running", "on hold") restarts the schedule; what they said about
        # when to contact them stands until they say otherwise.
        _new_phase(story, event)
    elif kind in FINAL:
        story.outcome = event


def _read_contact(story: Story, event: Event) -> None:
    if event.purpose is Purpose.THANK_YOU and event.at >= story.interview_at:
        story.thank_you = event
    elif event.at < story.interview_at and not event.answered:
        return  # before the interview: arranging it, not following up
    elif event.answered:
        story.last_word = event.at
        _new_phase(story, event)
    else:
        story.check_ins.append(event)
    if event.answered and event.purpose is Purpose.THANK_YOU:
        story.last_word = event.at


def _lift_blanket(story: Story) -> None:
    for channel, ban in list(story.banned.items()):
        if _blanket(ban):
            del story.banned[channel]
    if story.when is not None and story.when.kind is Kind.NO_CONTACT:
        story.when = None


def _blanket(no_contact: Event) -> bool:
    """Whether a "no contact" covers every channel: "please don't contact us"."""
    return not no_contact.channels or no_contact.channels >= ALL_CHANNELS


def _new_when(story: Story, event: Event) -> None:
    story.when = event
    _new_phase(story, event)


def _new_phase(story: Story, event: Event) -> None:
    story.phase = event
    story.check_ins = []
