"""A request for a round: a new invitation adds one to its application (or links a round stored
by hand at the same time), and a known one with a higher SEQUENCE moves it or changes its
details, as does one of the same SEQUENCE with a later DTSTAMP than the one kept (RFC 5546); an
older copy changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert

from followup.calendar.invitations import Invitation, their_side
from followup.casefile import CaseError
from followup.casefile.limits import MOST_INTERVIEWERS
from followup.casefile.stored import check_record
from followup.store.applications import application_row, log_edit, refresh_in
from followup.store.invitations._steps import (
    Context,
    add_contacts,
    application_and_employer,
    instant,
    keep_stamp,
    renumber,
    result,
    rounds,
)
from followup.store.invitations.matching import new_application, new_employer, whose
from followup.store.invitations.outcome import Imported
from followup.store.schema import interviews


def add(context: Context, invitation: Invitation) -> Imported:
    """A new invitation: a round added to its application (and the employer and application added
    when the store has none for it)."""
    connection, choices = context.connection, context.choices
    notes: list[str] = []
    employer, application_id = whose(context, invitation)
    employer_added = employer is None
    if employer is None:
        employer = new_employer(context, invitation, notes)
    at = instant(context, invitation, employer.timezone, notes)
    people = their_side(invitation, choices.you, context.your_name)
    names = [person.shown for person in people]
    application_added = application_id is None
    if application_id is None:
        role = choices.role or invitation.role
        if not role:
            raise CaseError(
                "SUMMARY",
                f"cannot tell the role from {invitation.summary!r}: give it with --role "
                "(or the application with --application ID)",
            )
        application_id = new_application(context, employer.id, role, invitation)
        interview_id = _insert_round(context, application_id, invitation, at, invitation.round or 1, names)
        action = "added"
    else:
        application_row(connection, application_id, lock=True)
        held = rounds(connection, application_id)
        same = [row for row in held if row.at == at]
        if same and same[0].invitation_uid is not None:
            raise CaseError(
                "DTSTART",
                f"application {application_id} has round {same[0].round} at that time already, "
                f"from another invitation (UID {same[0].invitation_uid})",
            )
        if same:
            interview_id = same[0].id
            _change(context, same[0], _details(invitation, at, names, same[0]))
            action = "linked"
        else:
            first = min(row.round for row in held)
            number = first + sum(1 for row in held if row.at < at)
            interview_id = _insert_round(context, application_id, invitation, at, number, names)
            action = "added"
        renumber(context, application_id)
    keep_stamp(context, interview_id, invitation)
    added = add_contacts(connection, employer.id, people)
    advice = refresh_in(connection, application_id, context.now)
    return result(context, invitation, action, interview_id, advice, notes=notes + list(invitation.notes),
                  employer_added=employer_added, application_added=application_added,
                  contacts_added=added)  # fmt: skip


def _insert_round(
    context: Context,
    application_id: int,
    invitation: Invitation,
    at: datetime,
    number: int,
    names: list[str],
) -> int:
    values = {
        "round": number,
        "minutes": invitation.minutes,
        "format": invitation.format,
        "place": invitation.place,
        "interviewers": names[:MOST_INTERVIEWERS] or None,  # a round keeps the first 20
        "invitation_uid": invitation.uid,
        "invitation_sequence": invitation.sequence,
    }
    check_record("interview", values)  # as every other way in: a LOCATION of 3 MB is refused
    added = insert(interviews).values(application_id=application_id, at=at, **values)
    return int(context.connection.execute(added.returning(interviews.c.id)).scalar_one())


def reschedule(context: Context, invitation: Invitation, stored: Any) -> Imported:
    """A known invitation with a higher SEQUENCE: its round moved, or its details changed."""
    connection = context.connection
    _, employer = application_and_employer(connection, stored.application_id)
    notes: list[str] = []
    at = instant(context, invitation, employer.timezone, notes)
    people = their_side(invitation, context.choices.you, context.your_name)
    changes = _details(invitation, at, [person.shown for person in people], stored)
    _change(context, stored, changes)
    renumber(context, stored.application_id)
    keep_stamp(context, stored.id, invitation)
    added = add_contacts(connection, employer.id, people)
    advice = refresh_in(connection, stored.application_id, context.now)
    action = "rescheduled" if "at" in changes else "updated"
    was_at = stored.at if "at" in changes else None
    return result(
        context, invitation, action, stored.id, advice, was_at=was_at, notes=notes, contacts_added=added
    )


def _details(invitation: Invitation, at: datetime, names: list[str], stored: Any) -> dict[str, Any]:
    """What the invitation changes in a stored round (a detail it leaves out is kept)."""
    given: dict[str, Any] = {
        "at": at,
        "format": invitation.format,
        "place": invitation.place,
        "interviewers": names[:MOST_INTERVIEWERS] or None,
        "invitation_uid": invitation.uid,
        "invitation_sequence": invitation.sequence,
    }
    if not any("minutes assumed" in note for note in invitation.notes):
        given["minutes"] = invitation.minutes
    return {key: value for key, value in given.items() if value is not None and getattr(stored, key) != value}


def _change(context: Context, stored: Any, changes: dict[str, Any]) -> None:
    check_record("interview", changes)
    for name, new in changes.items():
        log_edit(context.connection, context.now, "interview", stored.id, name, getattr(stored, name), new)
    if changes:
        context.connection.execute(interviews.update().where(interviews.c.id == stored.id).values(**changes))


def unchanged(context: Context, invitation: Invitation, stored: Any) -> Imported:
    """A known invitation with no higher SEQUENCE: nothing new, said so."""
    notes = [
        f"already up to date: SEQUENCE {invitation.sequence}, and the round holds "
        f"SEQUENCE {stored.invitation_sequence or 0}"
    ]
    if invitation.start is not None and not invitation.floating and invitation.start != stored.at:
        notes.append(
            "its time differs from the round's: if this copy is the newer one, change the round with "
            f"`followup edit interview {stored.id} at=...`"
        )
    return result(context, invitation, "unchanged", stored.id, None, notes=notes)
