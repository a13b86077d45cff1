"""An .ics file read into Invitations: its calendars and their METHOD, and each VEVENT with its
UID, SEQUENCE and STATUS, when it is (times.py), who is on it (people.py), where (meeting.py)
and what its summary names (summary.py)."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime
from typing import Any

from followup.calendar.invitations.event import Invitation, InvitationError, event_label, shown
from followup.calendar.invitations.lines import LARGEST_FILE, checked_lines
from followup.calendar.invitations.meeting import meeting
from followup.calendar.invitations.people import read_person
from followup.calendar.invitations.summary import read_summary
from followup.calendar.invitations.times import when

CUT_SHORT = "it is cut short, or its BEGIN and END lines do not pair up"
NOT_A_LINE = "is not a calendar line (NAME;PARAMETERS:VALUE)"
READ = (  # the properties read: one of these that cannot be parsed is an error, others are ignored
    "UID", "SEQUENCE", "STATUS", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION",
    "ORGANIZER", "ATTENDEE", "RRULE", "RDATE", "RECURRENCE-ID", "X-GOOGLE-CONFERENCE", "CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
)  # fmt: skip
METHODS = {  # iTIP methods (RFC 5546); none: a plain export, read as invitations
    "REQUEST": "request",
    "PUBLISH": "request",
    "CANCEL": "cancel",
    "REPLY": "an attendee's reply to an invitation, not an invitation",
    "COUNTER": "an attendee's proposal of another time, not an invitation",
    "DECLINECOUNTER": "a refusal of a proposed time, not an invitation",
    "REFRESH": "a request for the latest version of an invitation, not an invitation",
    "ADD": "more occurrences of a recurring event, which followup does not import",
}


def read_invitations(data: bytes, source: str) -> list[Invitation]:
    """Every VEVENT of an .ics file as an Invitation, in file order; InvitationError naming the
    file, the event and the field for anything that cannot be read."""
    if len(data) > LARGEST_FILE:
        raise InvitationError(
            source,
            f"the file is too large to read: at most {LARGEST_FILE:,} bytes (it has {len(data):,})",
        )
    lines = checked_lines(_text(data, source), source)
    calendars = _calendars(lines, source)
    found: list[Invitation] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD", "REQUEST")).strip().upper() or "REQUEST"
        kind = METHODS.get(method)
        if kind is None:
            raise InvitationError(
                f"{source}: METHOD", f"unknown method {method!r} (expected REQUEST or CANCEL)"
            )
        if kind not in ("request", "cancel"):
            raise InvitationError(f"{source}: METHOD", f"{method} is {kind}")
        if str(calendar.get("PRODID", "")).startswith("-//followup//"):
            raise InvitationError(
                source,
                "this is followup's own calendar (`followup calendar`): its events come from your store",
            )
        _check_lines(calendar, source, None)
        zones = {  # the calendar's VTIMEZONEs by TZID, each made a zone when first used (zones.zone_of)
            str(part["TZID"]).strip(): part
            for part in calendar.subcomponents
            if part.name == "VTIMEZONE" and part.get("TZID")
        }
        for event in calendar.subcomponents:
            if event.name == "VEVENT":
                found.append(_invitation(event, len(found) + 1, kind == "cancel", zones, source))
    if not found:
        raise InvitationError(source, "no event (VEVENT) in it: nothing to import")
    return found


def _text(data: bytes, source: str) -> str:
    if not data.strip():
        raise InvitationError(source, "the file is empty")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InvitationError(
            source, f"not an iCalendar file: not UTF-8 text (byte {error.start + 1})"
        ) from None
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.upper() == "BEGIN:VCARD":
        raise InvitationError(source, "a contact card (vCard), not a calendar")
    if first.upper() != "BEGIN:VCALENDAR":
        raise InvitationError(
            source, f"not an iCalendar file: it starts with {shown(first)}, not BEGIN:VCALENDAR"
        )
    return text


def _calendars(lines: list[tuple[int, str]], source: str) -> list[Any]:
    """The calendars of the file's lines (checked and unfolded by lines.checked_lines)."""
    from icalendar import Calendar

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical("\r\n".join(line for _number, line in lines), multiple=True)
    except Exception as error:  # icalendar's complaint; its own slips too (a VTIMEZONE it works out)
        raise InvitationError(
            source, f"not a readable iCalendar file: {_parse_problem(lines, error)}"
        ) from None
    if not calendars:
        raise InvitationError(source, f"not a readable iCalendar file: {CUT_SHORT}")
    return list(calendars)


def _parse_problem(lines: list[tuple[int, str]], error: Exception) -> str:
    """icalendar's complaint, with the line it is about."""
    message = str(error) or type(error).__name__
    bad = re.match(r"Content line could not be parsed into parts: '(.*?)'", message, re.DOTALL)
    if bad:
        number = next((number for number, line in lines if line.startswith(bad[1])), None)
        where = f"line {number}: " if number else ""
        return f"{where}{shown(bad[1])} {NOT_A_LINE}"
    if "no components" in message or "multiple components" in message:
        return CUT_SHORT
    return message.splitlines()[0][:120]


def _check_lines(component: Any, source: str, label: str | None) -> None:
    """An unparseable line, or a property this reader needs that cannot be read, is an error."""
    for name, problem in getattr(component, "errors", []):
        where = f"{source}: {label}" if label else source
        if name is None:
            line = re.search(r"'(.*?)'", problem)
            raise InvitationError(where, f"{shown(line[1]) if line else 'a line'} {NOT_A_LINE}")
        if name.upper() in READ:
            raise InvitationError(f"{where}: {name.upper()}", f"cannot be read ({problem})")


def _invitation(event: Any, number: int, cancelling: bool, zones: dict[str, Any], source: str) -> Invitation:
    uid = _value(event, "UID")
    label = event_label(number, uid)
    where = f"{source}: {label}"
    _check_lines(event, source, label)
    if not uid:
        raise InvitationError(
            f"{where}: UID",
            "missing (an invitation names itself with a UID, so that its updates can be told)",
        )
    if event.get("RRULE") is not None or event.get("RDATE") is not None:
        raise InvitationError(
            f"{where}: RRULE",
            "a recurring event: an interview is one meeting (export the one occurrence on its own)",
        )
    if event.get("RECURRENCE-ID") is not None:
        raise InvitationError(
            f"{where}: RECURRENCE-ID",
            "one moved occurrence of a recurring event: not an interview invitation followup can import",
        )
    sequence = _sequence(event, where)
    cancelled = cancelling or _value(event, "STATUS").upper() == "CANCELLED"
    start, choices, written, minutes, notes = when(event, where, zones, required=not cancelled)
    summary = _value(event, "SUMMARY")
    description = _value(event, "DESCRIPTION")
    location = _value(event, "LOCATION")
    organizer = read_person(event.get("ORGANIZER"))
    invited = (read_person(item) for item in _many(event.get("ATTENDEE")))
    attendees = tuple(person for person in invited if person is not None)
    links = [
        _value(event, name)
        for name in ("X-GOOGLE-CONFERENCE", "CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL")
    ]
    format_, place = meeting(location, description, summary, links)
    names = {person.name.lower() for person in (organizer, *attendees) if person and person.name}
    role, employer, round_ = read_summary(summary, names, organizer.domain if organizer else None)
    return Invitation(
        number=number, uid=uid, sequence=sequence, cancelled=cancelled, start=start,
        zone=choices[0] if choices else None, zone_choices=choices,
        zone_written=written, minutes=minutes, summary=summary, description=description, location=location,
        format=format_, place=place, organizer=organizer, attendees=attendees, role=role, employer=employer,
        round=round_, notes=tuple(notes), stamp=_stamp(event),
    )  # fmt: skip


def _value(component: Any, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return "" if value is None else str(value).strip()


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _stamp(event: Any) -> datetime | None:
    """The DTSTAMP, in UTC; None when missing or unreadable (it only orders copies of one SEQUENCE)."""
    given = event.get("DTSTAMP")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = given.dt if given is not None else None
    except Exception:  # an unreadable DTSTAMP: the copies are told by SEQUENCE alone
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None
    return value.astimezone(UTC)


def _sequence(event: Any, where: str) -> int:
    given = event.get("SEQUENCE")
    if given is None:
        return 0
    try:
        sequence = int(str(given).strip())
    except ValueError:
        sequence = -1
    if sequence < 0:
        raise InvitationError(f"{where}: SEQUENCE", f"{shown(str(given))} is not a whole number")
    return sequence
