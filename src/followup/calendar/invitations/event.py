"""What one event of an .ics file says, as an interview invitation: the Invitation, the people on
it, and InvitationError for what cannot be read, with the words its messages name things by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.casefile import CaseError


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
    rsvp: bool = False  # RSVP=TRUE: asked to answer

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
    # The IANA zones its start may be written in, likeliest first (zone is the first): one when its
    # TZID names it, several when only the clock of its VTIMEZONE tells (America/New_York, Detroit...).
    zone_choices: tuple[str, ...] = ()
    stamp: datetime | None = None  # DTSTAMP, in UTC: of two copies with the same SEQUENCE, the later is newer

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


def shown(line: str) -> str:
    """A line or value of the file as a message quotes it: its first 40 characters."""
    return repr(line if len(line) <= 40 else line[:40] + "...")
