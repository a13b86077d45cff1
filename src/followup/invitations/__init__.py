"""Interview invitations, read from the .ics files calendar programs send (Google Calendar,
Outlook and Exchange, Apple Calendar...): what each event proposes, moves or cancels. Pure: the
bytes of a file in, a list of Invitation out, and no store, clock or network; anything that
cannot be read is an InvitationError naming the file, the event (its number and UID) and the
field.

The modules: event (Invitation, Person, InvitationError), reading (the file and its events),
times and zones (when the interview is, and in which time zone), people (who is invited, and who
is on the employer's side), meeting (where), summary (the role, the employer and the round) and
employers (company names and mail domains compared)."""

from followup.invitations.employers import (
    COMPANY_ENDINGS,
    FREE_MAIL,
    compact_name,
    compact_words,
    domain_label,
    matches_domain,
)
from followup.invitations.event import Invitation, InvitationError, Person, event_label
from followup.invitations.meeting import MEETING_LINK, PHONE_NUMBER, PHONE_WORDS, VIDEO_WORDS, meeting
from followup.invitations.people import NOT_PEOPLE, their_side
from followup.invitations.reading import CUT_SHORT, METHODS, READ, read_invitations
from followup.invitations.summary import KIND, ORDINALS, PREFIXES, SEP, SUMMARY_FORMS, read_summary
from followup.invitations.times import DEFAULT_MINUTES
from followup.invitations.zones import UTC_NAMES, zone_name

__all__ = [
    "COMPANY_ENDINGS",
    "CUT_SHORT",
    "DEFAULT_MINUTES",
    "FREE_MAIL",
    "KIND",
    "MEETING_LINK",
    "METHODS",
    "NOT_PEOPLE",
    "ORDINALS",
    "PHONE_NUMBER",
    "PHONE_WORDS",
    "PREFIXES",
    "READ",
    "SEP",
    "SUMMARY_FORMS",
    "UTC_NAMES",
    "VIDEO_WORDS",
    "Invitation",
    "InvitationError",
    "Person",
    "compact_name",
    "compact_words",
    "domain_label",
    "event_label",
    "matches_domain",
    "meeting",
    "read_invitations",
    "read_summary",
    "their_side",
    "zone_name",
]
