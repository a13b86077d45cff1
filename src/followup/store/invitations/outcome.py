"""What an import of invitations is told beyond the file (Choices), what it did with each one
(Imported), and the one refusal that is not an error (NothingToCancel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followup.calendar.invitations import Invitation, InvitationError


class NothingToCancel(InvitationError):
    """A file that only cancels invitations the store never held: nothing is imported but the
    cancellations, remembered (exit code 1)."""


@dataclass(frozen=True)
class Choices:
    """What the command line says beyond the file."""

    application_id: int | None = None  # new invitations go to this application
    employer_id: int | None = None  # ... or to this employer's active application
    role: str | None = None  # the role, to choose or add the application
    timezone: str | None = None  # for floating times, and an employer the file adds
    you: tuple[str, ...] = ()  # your own addresses among the attendees


@dataclass
class Imported:
    """What was done with one invitation: added, linked (to a round stored by hand), rescheduled,
    updated (same time, new details), cancelled, kept (a cancellation of a round already past)
    or unchanged (already up to date)."""

    invitation: Invitation
    action: str
    application_id: int | None = None
    interview_id: int | None = None
    round: int | None = None
    employer_id: int | None = None
    employer: str | None = None
    role: str | None = None
    employer_zone: str | None = None
    your_zone: str | None = None
    at: datetime | None = None
    was_at: datetime | None = None
    minutes: int | None = None
    format: str | None = None
    place: str | None = None
    interviewers: list[str] = field(default_factory=list)
    employer_added: bool = False
    application_added: bool = False
    application_deleted: bool = False
    contacts_added: list[str] = field(default_factory=list)
    advice: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    remembered: bool = False  # a cancellation of an invitation never imported, kept for when it comes
