"""Calendar files: every planned follow-up and every interview coming up, as iCalendar events in
the employer's time zone (a TZID with its VTIMEZONE), so that a calendar program shows them at
the right local time on both sides of a clock change.

A follow-up is an event over its first good window, with the draft in its description and an
alarm 15 minutes before; an interview is an event over the interview. UIDs are stable (the same
application and purpose, or round, give the same UID), and SEQUENCE grows when an event's time
or text changes, so that importing the file again updates the events rather than adding more."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from followup.core import Rule, words
from followup.drafts import TemplateProblem, ruled_out
from followup.service.agenda import refresh_due
from followup.service.applications import application
from followup.service.calendars import planned_rows
from followup.service.drafts import drafts
from followup.service.settings import keep_setting, read_setting

if TYPE_CHECKING:
    from sqlalchemy import Engine

FOLLOW_UP_ALARM = timedelta(minutes=15)  # before a follow-up's window opens
INTERVIEW_ALARM = timedelta(hours=1)  # before an interview
FORGET_AFTER = timedelta(days=60)  # an event over this long is no longer followed
EMAIL_SLOT = timedelta(minutes=30)  # writing an email that is due now
DOING = {purpose: doing.capitalize() for purpose, doing in words.DOING.items()}  # "Check in"
HOW = {"email": "by email", "phone": "by phone", "visit": "in person"}


def calendar(
    engine: Engine, now: datetime, host: str = "followup.local", *, cancelled: bool = False
) -> Calendar:
    """The calendar of what is planned from now: follow-ups over their first good window, and the
    interview rounds still to come. With `cancelled`, also what an earlier calendar held that is
    no longer planned (a follow-up made, a round cancelled or moved off), as cancelled events
    with their SEQUENCE moved on, so that a calendar importing the file drops them."""
    refresh_due(engine, now)
    made = Calendar()
    made.add("prodid", "-//followup//followup calendar//EN")
    made.add("version", "2.0")
    made.add("calscale", "GREGORIAN")
    made.add("method", "PUBLISH")
    made.add("x-wr-calname", "Job search follow-ups")
    zones: dict[str, ZoneInfo] = {}
    events: list[Event] = []
    active, rounds = planned_rows(engine, now)
    sequences = _sequences(engine)
    seen = json.dumps(sequences, sort_keys=True)
    email_ruled_out: dict[int, str] = {}  # no thank-you note by email is suggested to these
    for row in active:
        shown = application(engine, now, row.id)
        advice = shown["advice"]
        refused = ruled_out(advice, "email")
        if refused is not None:
            email_ruled_out[row.id] = refused["text"]
        if (
            advice["action"] not in ("follow_up", "wait")
            or not advice.get("purpose")
            or not advice.get("windows")
        ):
            continue
        zone = zones.setdefault(row.timezone, ZoneInfo(row.timezone))
        window = _when(advice)
        try:
            text = "\n\n".join(found.text for found in drafts(engine, row.id, advice, on_page=True))
        except TemplateProblem as problem:
            text = f"(No draft: {problem}.)"
        summary = f"{DOING[advice['purpose']]} {HOW.get(advice['channel'] or '', '')}: {row.name}".replace(
            "  ", " "
        )
        description = f"{row.name}, {row.role}. {_reason(advice)}\n\n{text}".strip()
        start = datetime.fromisoformat(window["start"]).astimezone(zone)
        end = datetime.fromisoformat(window["end"]).astimezone(zone)
        uid = f"follow-up-{row.id}-{advice['purpose']}@{host}"
        events.append(_event(uid, summary, description, start, end, now, sequences, alarm=FOLLOW_UP_ALARM))
    for round_ in rounds:
        zone = zones.setdefault(round_.timezone, ZoneInfo(round_.timezone))
        start = round_.at.astimezone(zone)
        summary = f"Interview, round {round_.round}: {round_.name}"
        details = [
            f"{round_.name}, {round_.role}.",
            f"Format: {round_.format}." if round_.format else "",
            f"Where: {round_.place}." if round_.place else "",
            f"With: {', '.join(str(name) for name in round_.interviewers)}." if round_.interviewers else "",
            f"No email afterwards: {email_ruled_out[round_.application_id]}"
            if round_.application_id in email_ruled_out
            else f"Afterwards: a thank-you note by email (followup draft {round_.application_id}).",
        ]
        description = "\n".join(line for line in details if line)
        uid = f"interview-{round_.id}@{host}"  # the round's own id: it holds when rounds are renumbered
        end = start + timedelta(minutes=round_.minutes)
        event = _event(uid, summary, description, start, end, now, sequences, alarm=INTERVIEW_ALARM)
        if round_.place:
            event.add("location", round_.place)
        events.append(event)
    planned = {str(event["uid"]) for event in events}
    for uid, known in sorted(sequences.items()):
        if uid in planned or "start" not in known:
            continue
        start = datetime.fromisoformat(known["start"])
        if start <= now:  # over, not cancelled; forgotten after a while
            if start < now - FORGET_AFTER:
                del sequences[uid]
            continue
        if not known.get("cancelled"):  # gone since the last calendar: its cancellation is news
            known.update(cancelled=True, sequence=known["sequence"] + 1)
        if cancelled:
            zone = zones.setdefault(known["zone"], ZoneInfo(known["zone"]))
            events.append(_cancelled(uid, known, start.astimezone(zone), now))
    for key in sorted(zones):
        made.add_component(Timezone.from_tzinfo(zones[key]))
    for event in events:
        made.add_component(event)
    if json.dumps(sequences, sort_keys=True) != seen:  # a calendar polled with nothing new writes nothing
        _remember(engine, sequences)
    return made


def _when(advice: dict[str, Any]) -> dict[str, str]:
    """The stretch a follow-up is put in: its first good window; for an email with a deadline (a
    thank-you), the first window before the deadline, or else half an hour from the moment it
    fell due (it goes out before their office closes, not in their first window after)."""
    windows = advice["windows"]
    deadline = advice.get("deadline")
    if advice["channel"] != "email" or not deadline:
        return dict(windows[0])
    before = [window for window in windows if window["end"] <= deadline]
    if before:
        return dict(before[0])
    start = datetime.fromisoformat(advice["not_before"])
    return {"start": start.isoformat(), "end": (start + EMAIL_SLOT).isoformat()}


def _event(
    uid: str, summary: str, description: str, start: datetime, end: datetime, now: datetime,
    sequences: dict[str, Any], *, alarm: timedelta,
) -> Event:  # fmt: skip
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    seen = f"{start.isoformat()}|{end.isoformat()}|{summary}|{description}"
    fingerprint = hashlib.sha256(seen.encode()).hexdigest()
    known = sequences.get(uid)
    changed = known is None or known["fingerprint"] != fingerprint or bool(known.get("cancelled"))
    sequence = 0 if known is None else known["sequence"] + changed
    sequences[uid] = {
        "sequence": sequence, "fingerprint": fingerprint, "start": start.isoformat(),
        "end": end.isoformat(), "zone": str(start.tzinfo), "summary": summary,
    }  # fmt: skip
    event.add("sequence", sequence)
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", summary)
    reminder.add("trigger", -alarm)
    event.add_component(reminder)
    return event


def _cancelled(uid: str, known: dict[str, Any], start: datetime, now: datetime) -> Event:
    """An event no longer planned, as a calendar program drops it: same UID, STATUS:CANCELLED."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", datetime.fromisoformat(known["end"]).astimezone(start.tzinfo))
    event.add("summary", f"Cancelled: {known['summary']}")
    event.add("status", "CANCELLED")
    event.add("sequence", known["sequence"])
    return event


def _reason(advice: dict[str, Any]) -> str:
    skipped = Rule.of("channel") | Rule.of("windows")
    reasons = [reason["text"] for reason in advice.get("reasons", []) if reason["rule"] not in skipped]
    return reasons[-1] if reasons else ""


def _sequences(engine: Engine) -> dict[str, Any]:
    """What each UID last looked like, so that a change raises its SEQUENCE."""
    stored = read_setting(engine, "calendar_sequences")
    return dict(json.loads(stored)) if stored else {}


def _remember(engine: Engine, sequences: dict[str, Any]) -> None:
    keep_setting(engine, "calendar_sequences", json.dumps(sequences, sort_keys=True), counted=False)


def events_json(made: Calendar) -> list[dict[str, Any]]:
    """The calendar's events as JSON: each with its UID, summary, start and end (in the employer's
    time zone), description, SEQUENCE and status."""
    found = []
    for event in made.walk("VEVENT"):
        found.append(
            {
                "uid": str(event["uid"]),
                "summary": str(event["summary"]),
                "start": event.decoded("dtstart").isoformat(),
                "end": event.decoded("dtend").isoformat(),
                "timezone": str(event.decoded("dtstart").tzinfo),
                "description": str(event.get("description", "")),
                "location": str(event["location"]) if "location" in event else None,
                "sequence": int(str(event["sequence"])),
                "status": str(event.get("status", "CONFIRMED")),
            }
        )
    return found
