"""Advice for people (a readable summary) and for programs (JSON): one context, two renderings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.kept import KeptAdvice
from followup.core.model import Action, Advice, Case, Channel, Kind, Purpose, Rule, Window

DOING = {purpose: words.doing(purpose.value) for purpose in Purpose}
DOING[Purpose.CALL_BACK] += ", as they asked,"
HEADLINE = {
    Action.FOLLOW_UP: "FOLLOW UP",
    Action.WAIT: "WAIT",
    Action.DO_NOT_CONTACT: "DO NOT CONTACT",
    Action.MOVE_ON: "MOVE ON",
    Action.DONE: "DONE",
}


def advice_json(advice: Advice, case: Case, now: datetime, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The advice as the API and `--json` show it: the JSON of its kept record (core.kept)."""
    return KeptAdvice.of(advice, case, now, notes).as_json()


def advice_text(advice: Advice, case: Case, now: datetime, notes: tuple[str, ...] = ()) -> str:
    theirs, mine = case.employer.timezone, _candidate_zone(case)
    year = now.astimezone(theirs).date()
    held = [event for event in case.events if event.kind is Kind.INTERVIEWED and event.at <= now]
    interview = (held[-1].at if held else case.interview.at).astimezone(theirs)  # the latest round held
    round_ = case.interview.round + len(held)
    kind = " ".join(filter(None, [f"round {round_}", None if held else case.interview.format]))
    lines = [
        f"{case.employer.name}: {kind} interview on {words.moment(interview, year)} {_zone(interview)}",
        f"Now: {_both(now, theirs, mine, year)}",
        "",
        f"{HEADLINE[advice.action]}: {_what(advice, theirs, mine, year)}",
    ]
    if advice.deadline is not None:
        lines.append(f"  at the latest by {_both(advice.deadline, theirs, mine, year)}")
    if advice.deliver_at is not None and advice.action is Action.FOLLOW_UP:
        lines.append(f"  or schedule its delivery for {_both(advice.deliver_at, theirs, mine, year)}")
    elif advice.deliver_at is not None:
        lines.append(
            f"  write it beforehand; schedule its delivery for {_both(advice.deliver_at, theirs, mine, year)}"
        )
    if advice.move_on_at is not None and advice.purpose is not None:
        lines.append(f"  if you hear nothing by {_both(advice.move_on_at, theirs, mine, year)}, move on")
    if advice.windows:
        heading = "Good times for it to be read" if advice.channel is Channel.EMAIL else "Good times"
        lines += ["", f"{heading}, in time order (their time | your time):"]
        lines += [f"  {_window_text(window, mine, year)}" for window in advice.windows]
    barred = [
        ruled for ruled in advice.ruled_out if ruled.rule is not Rule.CHANNEL_VISIT
    ]  # not just uninvited
    if barred:
        lines += ["", "Not to be used:"]
        lines += [f"  {words.channel(ruled.channel.value)}: {ruled.text}" for ruled in barred]
    lines += ["", "Why:"]
    lines += [f"  - {reason.text} [{reason.rule}]" for reason in advice.reasons]
    if advice.pros:
        lines += ["", "For it:"] + [f"  + {pro}" for pro in advice.pros]
    if advice.cons:
        lines += ["", "Against it:"] + [f"  - {con}" for con in advice.cons]
    if notes:
        lines += ["", "Notes:"] + [f"  * {note}" for note in notes]
    return "\n".join(lines)


def _what(advice: Advice, theirs: ZoneInfo, mine: ZoneInfo, year: date) -> str:
    if advice.action is Action.DONE:
        return "nothing left to follow up."
    if advice.action is Action.MOVE_ON:
        return "put your energy into your other applications."
    if advice.action is Action.DO_NOT_CONTACT:
        text = "make no contact; wait for them."
        if advice.move_on_at is not None:
            text += f" If nothing comes by {_both(advice.move_on_at, theirs, mine, year)}, move on."
        return text
    assert advice.not_before is not None
    if advice.purpose is None and advice.move_on_at is None:  # a next round is booked
        booked = _both(advice.not_before, theirs, mine, year)
        return f"your next interview is on {booked}; no check-in before it."
    if advice.purpose is None:
        return f"if nothing comes by {_both(advice.not_before, theirs, mine, year)}, move on."
    doing = f"{DOING[advice.purpose]} {words.channel(advice.channel.value if advice.channel else '')}"
    if advice.action is Action.FOLLOW_UP and advice.channel is not Channel.EMAIL and advice.windows:
        return f"{doing} now: a good time until {_both(advice.windows[0].end, theirs, mine, year)}."
    if advice.action is Action.FOLLOW_UP:
        return f"{doing} now; due since {_both(advice.not_before, theirs, mine, year)}."
    return f"{doing}, not before {_both(advice.not_before, theirs, mine, year)}."


def _both(instant: datetime, theirs: ZoneInfo, mine: ZoneInfo, year: date | None = None) -> str:
    there, here = instant.astimezone(theirs), instant.astimezone(mine)
    text = f"{words.moment(there, year)} {_zone(there)}"
    if here.utcoffset() != there.utcoffset() or theirs.key != mine.key:
        same_day = here.date() == there.date()
        yours = words.clock(here) if same_day else words.moment(here, year)
        text += f" ({yours} {_zone(here)} for you)"
    return text


def _window_text(window: Window, mine: ZoneInfo, year: date | None = None) -> str:
    start, end = window.start, window.end
    here_start, here_end = start.astimezone(mine), end.astimezone(mine)
    day = f"{words.DAYS[start.weekday()][:3]} {start.day} {words.MONTHS[start.month - 1][:3]}"
    if year is not None and start.year != year.year:
        day += f" {start.year}"
    there = f"{words.clock(start)}-{words.clock(end)} {_zone(start)}"
    here = f"{words.clock(here_start)}-{words.clock(here_end)} {_zone(here_start)}"
    if here_start.date() != start.date():
        here = f"{words.DAYS[here_start.weekday()][:3]} {here}"
    return f"{day:<11} {there:<20} | {here:<24} {window.quality} (rank {window.rank})"


def _zone(instant: datetime) -> str:
    return instant.tzname() or instant.strftime("%z")


def _candidate_zone(case: Case) -> ZoneInfo:
    return case.candidate.timezone or case.employer.timezone


ALL = {channel.value for channel in Channel}
OUTCOME_WORDS = {
    "in_running": "you are still in the running",
    "on_hold": "the position is on hold",
    "rejected": "they are not going ahead with you",
    "offer": "they offered you the job",
    "withdrawn": "you withdrew",
    "interviewed": "a further interview round",
}


def event_words(item: dict[str, Any], year_of: date | None = None) -> str:
    """What an event of the timeline says, with its scope: 'no contact by phone', 'no contact at
    all', 'a decision by Friday 6 March (silence means no)', 'you got in touch by email (check-in),
    they answered'."""
    kind = item["kind"]
    channels = list(item.get("channels") or [])
    how = " or ".join(words.channel(name) for name in channels)
    channel = words.channel(item["channel"]) if item.get("channel") else ""

    def day(key: str) -> str:
        return words.day(date.fromisoformat(item[key]), year_of)

    if kind == "no_contact":
        return "no contact at all" if not channels or set(channels) >= ALL else f"no contact {how}"
    if kind == "wait_for_us":
        return "they will be in touch: no status check"
    if kind == "ok_to_follow_up":
        return "welcome to follow up" + (f" {how}" if how else "")
    if kind == "prefer_channel":
        return f"they prefer contact {channel}"
    if kind == "decision_by":
        text = f"a decision by {day('until') if item.get('until') else day('date')}"
        return text + (" (silence means no)" if item.get("silence_means_no") else "")
    if kind == "call_back":
        text = f"get back to them on {day('date')}" + (f" to {day('until')}" if item.get("until") else "")
        return text + (f" {channel}" if channel else "")
    if kind == "contacted" and item.get("answered") and item.get("said_by"):
        return f"they answered your follow-up {channel}".rstrip()  # their reply, read from your mail
    if kind == "contacted":
        purpose = (item.get("purpose") or "").replace("_", "-")
        text = f"you got in touch {channel} ({purpose})"
        return text + (", they answered" if item.get("answered") else "")
    text = OUTCOME_WORDS.get(kind) or str(kind).replace("_", " ")
    return text + (", and they released you" if item.get("released") else "")
