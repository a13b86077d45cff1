"""Interview invitations into the store: each one read from an .ics file (followup.calendar.invitations)
adds an interview round, moves one, or removes one, matched by the invitation's UID and ordered
by its SEQUENCE. A new UID finds its employer and active application (or adds them); a known
one with a higher SEQUENCE is a reschedule; a cancellation removes its round. A whole file is
one transaction: every invitation in it is recorded, or none is (a cancellation that comes
before its invitation is remembered for it). Each change is kept in the log
of edits with what it replaced, and the advice it touches is brought up to date.

The modules: importing (the file, and each invitation told new, known or cancelled), matching
(the employer and application a new invitation is for), scheduling (a round added, moved or left
as it is), cancelling (a round removed) and outcome (the choices given and what was done)."""

from followup.store.invitations.importing import import_invitations
from followup.store.invitations.outcome import Choices, Imported, NothingToCancel

__all__ = ["Choices", "Imported", "NothingToCancel", "import_invitations"]
