"""Interview invitations, read from the .ics files calendar programs send (Google Calendar,
Outlook and Exchange, Apple Calendar...): what each event proposes, moves or cancels. Pure: the
bytes of a file in, a list of Invitation out, and no store, clock or network; anything that
cannot be read is an InvitationError naming the file, the event (its number and UID) and the
field.

Times: a start with a TZID keeps the instant the file's own VTIMEZONE gives it (so an Outlook
"Eastern Standard Time" means what Outlook meant), and the IANA zone it stands for is found by
name: an IANA name as written, a Windows name through the CLDR table of Windows zones that the
icalendar package ships, or the IANA tail of a "globally unique" TZID (/mozilla.org/.../Europe/Berlin).
A name found this way is used only when that zone gives the interview the same UTC offset as the
file does. A start in UTC (Z) or floating (no zone) has no zone of its own: the store decides."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.casefile import CaseError

DEFAULT_MINUTES = 60
CUT_SHORT = "it is cut short, or its BEGIN and END lines do not pair up"
UTC_NAMES = frozenset(
    {"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "ETC/ZULU", "UNIVERSAL", "ETC/UCT", "UCT"}
)
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


class InvitationError(CaseError):
    """Something in an .ics file that cannot be read: where (file, event, field) and what."""


@dataclass(frozen=True)
class Person:
    """The organizer or an attendee: name (CN) and address, and how they take part."""

    name: str | None
    email: str | None
    role: str | None = None  # CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT
    status: str | None = None  # PARTSTAT: NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE
    kind: str | None = None  # CUTYPE: INDIVIDUAL, GROUP, RESOURCE, ROOM

    @property
    def shown(self) -> str:
        return self.name or self.email or "someone"

    @property
    def domain(self) -> str | None:
        return self.email.rpartition("@")[2].lower() if self.email and "@" in self.email else None


@dataclass(frozen=True)
class Invitation:
    """One event of an .ics file, as an interview invitation (or its cancellation)."""

    number: int  # its place in the file, from 1
    uid: str
    sequence: int
    cancelled: bool
    start: datetime | None  # aware; naive when floating; None only in a cancellation without one
    zone: str | None  # the IANA zone its start is written in (None: UTC, floating, or not known)
    zone_written: str | None  # its TZID as written (Eastern Standard Time)
    minutes: int
    summary: str
    description: str
    location: str
    format: str | None  # video, phone, onsite; None when nothing tells
    place: str | None  # the meeting link, the phone number or the address
    organizer: Person | None
    attendees: tuple[Person, ...]
    role: str | None  # read from the summary
    employer: str | None  # read from the summary
    round: int | None  # read from the summary ("second interview")
    notes: tuple[str, ...] = ()

    @property
    def floating(self) -> bool:
        return self.start is not None and self.start.tzinfo is None

    @property
    def label(self) -> str:
        """'event 2 (UID 7kq2d9v1m3h5@google.com)'."""
        return event_label(self.number, self.uid)


def event_label(number: int, uid: str | None) -> str:
    if not uid:
        return f"event {number}"
    shown = uid if len(uid) <= 48 else f"{uid[:24]}...{uid[-12:]}"
    return f"event {number} (UID {shown})"


def read_invitations(data: bytes, source: str) -> list[Invitation]:
    """Every VEVENT of an .ics file as an Invitation, in file order; InvitationError naming the
    file, the event and the field for anything that cannot be read."""
    text = _text(data, source)
    calendars = _calendars(text, source)
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
        zones = {
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
            source, f"not an iCalendar file: it starts with {_shown(first)}, not BEGIN:VCALENDAR"
        )
    return text


def _calendars(text: str, source: str) -> list[Any]:
    from icalendar import Calendar

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise InvitationError(
            source, f"not a readable iCalendar file: {_parse_problem(text, error)}"
        ) from None
    if not calendars:
        raise InvitationError(source, f"not a readable iCalendar file: {CUT_SHORT}")
    return list(calendars)


def _parse_problem(text: str, error: ValueError) -> str:
    """icalendar's complaint, with the line it is about."""
    message = str(error)
    bad = re.match(r"Content line could not be parsed into parts: '(.*?)'", message, re.DOTALL)
    if bad:
        lines = text.splitlines()
        number = next((index for index, line in enumerate(lines, 1) if line.startswith(bad[1])), None)
        where = f"line {number}: " if number else ""
        return f"{where}{_shown(bad[1])} is not a calendar line (NAME;PARAMETERS:VALUE)"
    if "no components" in message or "multiple components" in message:
        return CUT_SHORT
    return message.splitlines()[0][:120]


def _shown(line: str) -> str:
    return repr(line if len(line) <= 40 else line[:40] + "...")


def _check_lines(component: Any, source: str, label: str | None) -> None:
    """An unparseable line, or a property this reader needs that cannot be read, is an error."""
    for name, problem in getattr(component, "errors", []):
        where = f"{source}: {label}" if label else source
        if name is None:
            line = re.search(r"'(.*?)'", problem)
            shown = _shown(line[1]) if line else "a line"
            raise InvitationError(where, f"{shown} is not a calendar line (NAME;PARAMETERS:VALUE)")
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
    start, zone, written, minutes, notes = _when(event, where, zones, required=not cancelled)
    summary = _value(event, "SUMMARY")
    description = _value(event, "DESCRIPTION")
    location = _value(event, "LOCATION")
    organizer = _person(event.get("ORGANIZER"))
    attendees = tuple(
        person for person in (_person(item) for item in _many(event.get("ATTENDEE"))) if person is not None
    )
    links = [
        _value(event, name)
        for name in ("X-GOOGLE-CONFERENCE", "CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL")
    ]
    format_, place = meeting(location, description, summary, links)
    names = {person.name.lower() for person in (organizer, *attendees) if person and person.name}
    role, employer, round_ = read_summary(summary, names, organizer.domain if organizer else None)
    return Invitation(
        number=number, uid=uid, sequence=sequence, cancelled=cancelled, start=start, zone=zone,
        zone_written=written, minutes=minutes, summary=summary, description=description, location=location,
        format=format_, place=place, organizer=organizer, attendees=attendees, role=role, employer=employer,
        round=round_, notes=tuple(notes),
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


def _sequence(event: Any, where: str) -> int:
    given = event.get("SEQUENCE")
    if given is None:
        return 0
    try:
        sequence = int(str(given).strip())
    except ValueError:
        sequence = -1
    if sequence < 0:
        raise InvitationError(f"{where}: SEQUENCE", f"{_shown(str(given))} is not a whole number")
    return sequence


def _when(
    event: Any, where: str, zones: dict[str, Any], *, required: bool
) -> tuple[datetime | None, str | None, str | None, int, list[str]]:
    """The start (aware, or naive when floating), its IANA zone, its TZID as written, and the length."""
    notes: list[str] = []
    given = event.get("DTSTART")
    if given is None:
        if required:
            raise InvitationError(
                f"{where}: DTSTART", "missing: the invitation does not say when the interview is"
            )
        return None, None, None, DEFAULT_MINUTES, notes
    start = _moment(given, f"{where}: DTSTART", zones)
    if not isinstance(start, datetime):
        raise InvitationError(
            f"{where}: DTSTART",
            f"an all-day event (VALUE=DATE, {start.isoformat()}): no time of day, so not an interview "
            "time (ask for the time, or add the round with `followup interview add`)",
        )
    written = _tzid(given)
    minutes = _minutes(event, start, where, zones, notes)
    return start, zone_name(start, written), written, minutes, notes


def _moment(given: Any, where: str, zones: dict[str, Any]) -> date | datetime:
    """A DTSTART or DTEND: a day, or a time in UTC, floating, or in the zone its TZID names (as
    the file's own VTIMEZONE defines it, else by its name)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = given.dt
    except Exception as error:  # a broken value: icalendar says which
        raise InvitationError(where, f"cannot be read ({str(error).split(':', 1)[-1].strip()})") from None
    if not isinstance(value, date):
        raise InvitationError(where, f"expected a date and time, got {_shown(str(value))}")
    written = _tzid(given)
    if not isinstance(value, datetime) or written is None:
        return value
    return value.replace(tzinfo=_zone_of(written, zones, where))


def _tzid(given: Any) -> str | None:
    written = given.params.get("TZID")
    return str(written).strip().strip('"') or None if written else None


def _zone_of(written: str, zones: dict[str, Any], where: str) -> tzinfo:
    """The zone a TZID names: its VTIMEZONE in the file, made afresh for each file (the sender's
    own rules), else the IANA zone of its name."""
    component = zones.get(written)
    if component is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                made: tzinfo = component.to_tz(lookup_tzid=False)
        except Exception as error:
            raise InvitationError(where, f"its VTIMEZONE {written!r} cannot be read ({error})") from None
        return made
    for candidate in _candidates(written):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    raise InvitationError(
        where,
        f"unknown time zone {written!r} (not an IANA or Windows zone name, "
        "and the file has no VTIMEZONE for it)",
    )


def _minutes(event: Any, start: datetime, where: str, zones: dict[str, Any], notes: list[str]) -> int:
    end_given, duration_given = event.get("DTEND"), event.get("DURATION")
    if end_given is not None:
        end = _moment(end_given, f"{where}: DTEND", zones)
        if not isinstance(end, datetime):
            raise InvitationError(f"{where}: DTEND", "a day without a time, after a DTSTART with one")
        if (end.tzinfo is None) != (start.tzinfo is None):
            raise InvitationError(
                f"{where}: DTEND", "has a time zone where DTSTART has none, or the other way"
            )
        length = end - start
        field = "DTEND"
    elif duration_given is not None:
        length = _moment_length(duration_given, f"{where}: DURATION")
        field = "DURATION"
    else:
        notes.append(f"no end time given: {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    if length < timedelta(0):
        raise InvitationError(f"{where}: {field}", "ends before it starts (DTSTART)")
    if length > timedelta(days=1):
        raise InvitationError(f"{where}: {field}", "lasts more than a day: not an interview")
    if length < timedelta(minutes=1):
        notes.append(f"no length given: {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    return int(length.total_seconds() // 60)


def _moment_length(given: Any, where: str) -> timedelta:
    try:
        value = given.dt
    except Exception as error:
        raise InvitationError(where, f"cannot be read ({str(error).split(':', 1)[-1].strip()})") from None
    if not isinstance(value, timedelta):
        raise InvitationError(where, f"expected a length like PT45M, got {_shown(str(value))}")
    return value


def zone_name(start: datetime, written: str | None) -> str | None:
    """The IANA zone a start is given in, when it can be told and agrees with the file."""
    zone = start.tzinfo
    if zone is None:
        return None
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return None if key.upper() in UTC_NAMES else key
    for candidate in _candidates(written):
        try:
            found = ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        if candidate.upper() in UTC_NAMES:
            return None
        if _same_offsets(start, zone, found):
            return candidate
    return None


def _candidates(written: str | None) -> Iterable[str]:
    if not written:
        return
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = written.strip().strip("/")
    yield cleaned
    if cleaned in WINDOWS_TO_OLSON:
        yield WINDOWS_TO_OLSON[cleaned]
    parts = cleaned.split("/")
    for first in range(1, len(parts)):  # /mozilla.org/20050126_1/America/New_York
        yield "/".join(parts[first:])


def _same_offsets(start: datetime, given: tzinfo, found: ZoneInfo) -> bool:
    """Whether the zone found keeps the file's clock around the interview (the day before and after too)."""
    moments = [start + timedelta(days=shift) for shift in (-1, 0, 1)]
    return all(
        moment.replace(tzinfo=given).utcoffset() == moment.replace(tzinfo=found).utcoffset()
        for moment in moments
    )


def _person(value: Any) -> Person | None:
    if value is None:
        return None
    address = str(value).strip()
    params = getattr(value, "params", {})
    email = address[7:] if address.lower().startswith("mailto:") else None
    email = email or (str(params["EMAIL"]) if params.get("EMAIL") else None)
    name = str(params.get("CN") or "").strip().strip('"') or None
    if name and email and name.lower() == email.lower():
        name = None  # Google names a guest by their address
    if name is None and email is None:
        return None
    return Person(
        name=name,
        email=email.strip().lower() if email else None,
        role=_upper(params.get("ROLE")),
        status=_upper(params.get("PARTSTAT")),
        kind=_upper(params.get("CUTYPE")),
    )


def _upper(value: Any) -> str | None:
    return str(value).strip().upper() if value else None


# Where the interview is: a meeting link (video), a phone number (phone) or an address (onsite).

MEETING_LINK = re.compile(
    r"https?://(?:"
    r"meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}"
    r"|(?:[\w-]+\.)?zoom\.(?:us|com)/(?:j|my|w|s)/"
    r"|teams\.microsoft\.com/l/meetup-join/|teams\.live\.com/meet/"
    r"|(?:[\w-]+\.)?webex\.com/(?:meet/|join/|[\w-]+/j\.php)"
    r"|whereby\.com/|meet\.jit\.si/|facetime\.apple\.com/join"
    r"|app\.chime\.aws/\d|chime\.aws/\d|(?:global\.|app\.)?gotomeeting\.com/join/|meet\.goto\.com/"
    r"|bluejeans\.com/\d|join\.skype\.com/"
    r")[^\s<>\"']*",
    re.IGNORECASE,
)
VIDEO_WORDS = re.compile(
    r"\b(?:video|zoom|teams meeting|microsoft teams|google meet|webex|skype|facetime|whereby)\b",
    re.IGNORECASE,
)
PHONE_WORDS = re.compile(r"\b(?:phone|telephone|call|tel)\b", re.IGNORECASE)
PHONE_NUMBER = re.compile(r"(?<![\w/=])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w/])")


def meeting(location: str, description: str, summary: str, links: list[str]) -> tuple[str | None, str | None]:
    """The interview's format and place: a video link first, then a phone number or a call, then an
    address (onsite); nothing when none is given."""
    for text in (*links, location, description):
        found = MEETING_LINK.search(text)
        if found:
            return "video", found.group(0).rstrip(".,;)")
    place = ", ".join(part.strip() for part in location.splitlines() if part.strip()) or None
    number = _phone_number(location)
    if number or (place and PHONE_WORDS.search(place)):
        return "phone", number or _phone_number(description) or place
    if place and VIDEO_WORDS.search(place):
        return "video", place
    if place:
        return "onsite", place
    if PHONE_WORDS.search(summary):
        return "phone", _phone_number(description)
    if VIDEO_WORDS.search(summary):
        return "video", None
    return None, None


def _phone_number(text: str) -> str | None:
    import phonenumbers

    for found in PHONE_NUMBER.finditer(text):
        candidate = found.group(0).strip()
        try:
            number = phonenumbers.parse(candidate, None if candidate.startswith("+") else "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return candidate
    return None


# The role and the employer, from the summary: "Interview: Category buyer at Northwind Traders".

KIND = (
    r"(?:(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:round\s+)?)?"
    r"(?:(?:phone|video|virtual|on-?site|in-person|technical|panel|hr|recruiter|hiring manager|culture|case|"
    r"follow-up|intro(?:ductory)?|job)\s+)?"
    r"(?:interview|screen(?:ing)?|phone call|call|chat|conversation|meeting|assessment(?: day)?)"
    r"(?:\s+(?:round\s+)?(?P<number>\d{1,2}))?|round\s+(?P<alone>\d{1,2})"
)
PREFIXES = re.compile(
    r"^(?:(?:updated invitation(?: with note)?|invitation|updated|canceled event|cancelled|canceled|accepted|"
    r"tentative|fwd?|re|aw|wg)\s*:\s*)+",
    re.IGNORECASE,
)
SEP = r"\s*[:\-\u2013\u2014|]\s*"
SUMMARY_FORMS = [  # in order; each names its parts
    rf"^(?:{KIND}){SEP}(?P<rest>.+)$",
    rf"^(?:{KIND})\s+(?:for|about)\s+(?:the\s+)?(?P<rest>.+)$",
    rf"^(?:{KIND})\s+(?:with|at)\s+(?P<employer>.+?)(?:(?:\s+for\s+|{SEP})(?:the\s+)?(?P<role>.+))?$",
    rf"^(?P<employer>.+?){SEP}(?P<role>.+?)\s+(?:{KIND})$",
    rf"^(?P<role>.+?)\s+(?:{KIND})(?:\s*\(\s*(?P<employer2>[^()]+?)\s*\)|\s+(?:at|with)\s+(?P<employer3>.+)|{SEP}(?P<employer4>.+))?$",
    rf"^(?P<employer>.+?){SEP}(?:{KIND})(?:{SEP}|\s+for\s+(?:the\s+)?)(?P<role>.+)$",
]
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
COMPANY_ENDINGS = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|plc|pty|kg|se|srl|spa)\b\.?",
    re.IGNORECASE,
)


def read_summary(
    summary: str, people: set[str] | frozenset[str] = frozenset(), domain: str | None = None
) -> tuple[str | None, str | None, int | None]:
    """The role, the employer and the round a summary names, each None when it does not say.
    A name that is one of the people invited is not an employer; of two parts split by a dash,
    the one that matches the organizer's mail domain is the employer."""
    text = PREFIXES.sub("", " ".join(summary.split())).strip()
    for form in SUMMARY_FORMS:
        found = re.match(form, text, re.IGNORECASE)
        if found is None:
            continue
        parts = {key: value for key, value in found.groupdict().items() if value}
        round_ = _round(parts)
        role = parts.get("role")
        employer = next(
            (parts[key] for key in ("employer", "employer2", "employer3", "employer4") if key in parts), None
        )
        if "rest" in parts:
            role, employer = _role_and_employer(parts["rest"])
        if (
            role
            and employer
            and domain
            and matches_domain(role, domain)
            and not matches_domain(employer, domain)
        ):
            role, employer = employer, role
        if employer and employer.strip().lower() in people:
            employer = None  # "Interview with Priya Raman"
        return _clean_role(role), _clean(employer), round_
    return None, None, None


def _round(parts: dict[str, str]) -> int | None:
    if parts.get("number") or parts.get("alone"):
        return int(parts.get("number") or parts["alone"])
    return ORDINALS.get(parts.get("nth", "").lower())


def _role_and_employer(rest: str) -> tuple[str | None, str | None]:
    """'Category buyer at Northwind Traders', 'Senior Data Analyst - Contoso', 'Designer (Fabrikam)'."""
    for form in (
        r"^(?P<role>.+?)\s+(?:at|with|@)\s+(?P<employer>.+)$",
        r"^(?P<role>.+?)\s*\(\s*(?P<employer>[^()]+?)\s*\)$",
        r"^(?P<role>.+?)\s+[\-\u2013\u2014|]\s+(?P<employer>.+)$",
        r"^(?P<role>.+?),\s+(?P<employer>.+)$",
    ):
        found = re.match(form, rest, re.IGNORECASE)
        if found:
            return found["role"], found["employer"]
    return rest, None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip(" \t-:|,.\u2013\u2014")
    return text or None


def _clean_role(text: str | None) -> str | None:
    text = _clean(text)
    if text is None:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:role|position|opening|vacancy)$", "", text, flags=re.IGNORECASE)
    return _clean(text)


def compact_name(name: str) -> str:
    """A company's name to compare: lower case, letters and digits only, without Inc, GmbH..."""
    return re.sub(r"[\W_]+", "", COMPANY_ENDINGS.sub("", name.lower()))


def matches_domain(name: str, domain: str) -> bool:
    """Whether a mail domain is the company's: contoso.com for Contoso Pharmaceuticals."""
    label = domain_label(domain)
    compact = compact_name(name)
    first = re.sub(r"[\W_]+", "", (COMPANY_ENDINGS.sub("", name.lower()).split() or [""])[0])
    return bool(label) and (label == compact or (len(label) >= 4 and label == first))


def domain_label(domain: str) -> str:
    """'mail.northwindtraders.com' -> 'northwindtraders'; 'fabrikam.co.uk' -> 'fabrikam'."""
    parts = domain.lower().split(".")
    if len(parts) > 2 and len(parts[-1]) == 2 and len(parts[-2]) <= 3:
        parts = parts[:-1]
    return re.sub(r"[\W_]+", "", parts[-2]) if len(parts) >= 2 else ""


# The people on the employer's side.

# Mail domains anyone can have: a recruiter or a contact writing from one says nothing of the employer.
FREE_MAIL = frozenset(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com icloud.com me.com mac.com "
    "aol.com proton.me protonmail.com gmx.com gmx.de gmx.net web.de mail.com yandex.ru qq.com 163.com".split()
)

NOT_PEOPLE = re.compile(
    r"^(?:no-?reply|do-?not-?reply|noreply|calendar|notifications?|scheduling|invites?|meetings?|"
    r"recruiting|recruitment|talent|careers|jobs|hr|hiring)(?:[.+\-_].*)?@",
    re.IGNORECASE,
)


def their_side(invitation: Invitation, you: Iterable[str] = (), your_name: str | None = None) -> list[Person]:
    """The organizer and the attendees on the employer's side, in order, each once: not you (an
    address given in `you`, or your name), not a room, a resource or a non-participant, not one
    who declined, and not a shared mailbox (noreply@, recruiting@...). Only the people at the
    employer's mail domain count (an invitation is sent from the employer to you): the
    organizer's, or when the organizer is a scheduling system, the one most attendees share.
    At a domain anyone can have (gmail.com...), only the organizer counts."""
    mine = {address.strip().lower() for address in you}
    name = your_name.strip().lower() if your_name else None
    home = _home_domain(invitation, mine)
    found: list[Person] = []
    seen: set[str] = set()
    for person in ([invitation.organizer] if invitation.organizer else []) + list(invitation.attendees):
        key = (person.email or person.name or "").lower()
        if key in seen:
            continue
        seen.add(key)
        if (person.email and person.email in mine) or (name and person.name and person.name.lower() == name):
            continue
        if (
            person.kind in ("ROOM", "RESOURCE")
            or person.role == "NON-PARTICIPANT"
            or person.status == "DECLINED"
        ):
            continue
        if person.email and NOT_PEOPLE.match(person.email):
            continue
        if home and (person.domain != home or (home in FREE_MAIL and person is not invitation.organizer)):
            continue  # at a domain anyone can have, only the organizer is surely theirs
        found.append(person)
    return found


def _home_domain(invitation: Invitation, mine: set[str]) -> str | None:
    """The employer's mail domain: the organizer's when it is a person's address or an attendee
    shares it, else the domain most attendees (not you) share, when one does."""
    organizer = invitation.organizer
    others = [
        person.domain
        for person in invitation.attendees
        if person.domain and person.email not in mine and person.kind not in ("ROOM", "RESOURCE")
    ]
    home = organizer.domain if organizer is not None and organizer.email else None
    if home and organizer is not None and (not NOT_PEOPLE.match(organizer.email or "") or home in others):
        return home
    counted = Counter(others).most_common(2)
    if counted and (len(counted) == 1 or counted[0][1] > counted[1][1]):
        return counted[0][0]
    return None
