"""Interview invitations, read from the .ics files calendar programs send (Google Calendar,
Outlook and Exchange, Apple Calendar...): what each event proposes, moves or cancels. Pure: the
bytes of a file in, a list of Invitation out, and no store, clock or network; anything that
cannot be read is an InvitationError naming the file, the event (its number and UID) and the
field.

The modules: event (Invitation, Person, InvitationError), reading (the file and its events),
times and zones (when the interview is, and in which time zone), people (who is invited, and who
is on the employer's side), meeting (where), summary (the role, the employer and the round) and
employers (company names and mail domains compared)."""

from followup.calendar.invitations.employers import (
    FREE_MAIL,
    compact_name,
    compact_words,
    domain_label,
    matches_domain,
)
from followup.calendar.invitations.event import Invitation, InvitationError, Person
from followup.calendar.invitations.meeting import PHONE_NUMBER, meeting
from followup.calendar.invitations.people import their_side
from followup.calendar.invitations.reading import read_invitations
from followup.calendar.invitations.summary import read_summary

__all__ = [
    "FREE_MAIL",
    "PHONE_NUMBER",
    "Invitation",
    "InvitationError",
    "Person",
    "compact_name",
    "compact_words",
    "domain_label",
    "matches_domain",
    "meeting",
    "read_invitations",
    "read_summary",
    "their_side",
]
