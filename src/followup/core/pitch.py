"""The pros and cons of the advised step, in a job seeker's words (DOMAIN.md: the core advice)."""

from __future__ import annotations

from followup.core.model import Action, Channel, Purpose

INTEREST = "It shows genuine interest in the job, and initiative."
ANSWERS = (
    "It can bring you an answer: if you are still in the running they may tell you what comes "
    "next; if you were not selected, you learn it early and can move on without wasting time."
)
THANKS_EXPECTED = (
    "Hiring managers expect it: in one survey 68% said a thank-you note matters, and 16% had "
    "dropped a candidate who sent none."
)
INVITED = "They invited this contact, so it will be welcome."
DISTRACTION = (
    "Some employers see follow-up calls as an unnecessary distraction: keep it short, and never "
    "call at lunch or near the end of their day."
)
PUSHY = (
    "Some employers see follow-ups as a distraction, and too many messages look pushy: keep it "
    "short, and keep to the schedule."
)
INTERRUPTS = "An unannounced visit interrupts their day: go only as invited, and keep it brief."
LATE_NOTE = "A late or generic note does little: send it promptly and mention something from the interview."
THEIR_TIME = "Waiting until then gives them the time they said they need."
ON_SCHEDULE = "Waiting until then leaves them time to decide, and you a reason to write."
TOO_EARLY = "Contacting them earlier can be seen as a distraction."
DONE_WHAT_HELPS = "You have done what helps; your time is better spent on other applications meanwhile."
LISTENS = "Doing as they asked shows that you listen."
AGAINST_THEM = "Contacting them against their instruction can cost you the job."
FOCUS = "Your time goes to applications that are still open."
LATE_REPLY = "They may still write: keep their details, and answer if they do."

CHANNEL_CON = {Channel.PHONE: DISTRACTION, Channel.EMAIL: PUSHY, Channel.VISIT: INTERRUPTS}


def pros_and_cons(
    action: Action, purpose: Purpose | None, channel: Channel | None, *, their_date: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The pros and cons of the advised step; their_date: a wait for a date they gave."""
    if action is Action.DONE:
        return (), ()
    if action is Action.MOVE_ON:
        return (FOCUS,), (LATE_REPLY,)
    if action is Action.DO_NOT_CONTACT:
        return (LISTENS,), (AGAINST_THEM,)
    if purpose is None:  # nothing more to do but wait for the moment to move on
        return (DONE_WHAT_HELPS,), ()
    if purpose is Purpose.THANK_YOU:
        return (THANKS_EXPECTED, INTEREST), (LATE_NOTE,)
    pros = (INVITED, INTEREST, ANSWERS) if purpose is Purpose.CALL_BACK else (INTEREST, ANSWERS)
    cons = (CHANNEL_CON[channel],) if channel is not None and purpose is not Purpose.CALL_BACK else ()
    if action is Action.WAIT:
        pros, cons = (THEIR_TIME if their_date else ON_SCHEDULE, *pros), (TOO_EARLY, *cons)
    return pros, cons
