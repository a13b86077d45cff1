"""The steps that adding, rescheduling and cancelling a round share: the store as one import sees
it (Context), the rounds of an application kept numbered in time order, the interview's instant,
the employer's people as contacts, and what was done as an Imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert, select

from followup.calendar.invitations import Invitation, Person
from followup.casefile import CaseError
from followup.casefile.stored import check_record
from followup.core import Advice
from followup.store.applications import application_row, employer_document, log_edit
from followup.store.invitations.outcome import Choices, Imported
from followup.store.schema import applications, contacts, edits, employers, interviews

STAMP = "invitation_stamp"  # the field of the log of edits that keeps a round's DTSTAMP


@dataclass
class Context:
    """One import: its transaction, its moment, the command line's choices, and you."""

    connection: Connection
    now: datetime
    choices: Choices
    your_zone: str
    your_name: str | None
    source: str


def round_of(connection: Connection, uid: str) -> Any | None:
    """The round an invitation's UID is held by, if any."""
    return connection.execute(
        select(interviews).where(interviews.c.invitation_uid == uid).order_by(interviews.c.id)
    ).first()


def rounds(connection: Connection, application_id: int) -> list[Any]:
    """An application's rounds, in the order of their times."""
    return list(
        connection.execute(
            select(interviews)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.at, interviews.c.id)
        )
    )


def renumber(context: Context, application_id: int) -> None:
    """Rounds numbered in the order of their times, from the first round's number on; each
    change of number kept in the log."""
    found = rounds(context.connection, application_id)
    if not found:
        return
    first = min(row.round for row in found)
    for index, row in enumerate(found):
        number = first + index
        if row.round != number:
            log_edit(context.connection, context.now, "interview", row.id, "round", row.round, number)
            context.connection.execute(
                interviews.update().where(interviews.c.id == row.id).values(round=number)
            )


def keep_stamp(context: Context, interview_id: int, invitation: Invitation) -> None:
    """The DTSTAMP of the invitation a round now holds, kept in the log of edits (there is no
    column for it): of two copies with the same SEQUENCE, the later DTSTAMP is the newer (RFC 5546)."""
    if invitation.stamp is not None:
        old = stamp_of(context.connection, interview_id)
        if old != invitation.stamp:
            log_edit(context.connection, context.now, "interview", interview_id, STAMP, old, invitation.stamp)


def stamp_of(connection: Connection, interview_id: int) -> datetime | None:
    """The DTSTAMP of the invitation a round holds, as last kept; None when not known."""
    found = connection.execute(
        select(edits.c.new)
        .where(edits.c.subject == "interview", edits.c.subject_id == interview_id, edits.c.field == STAMP)
        .order_by(edits.c.id.desc())
    ).first()
    return datetime.fromisoformat(found.new) if found is not None and isinstance(found.new, str) else None


def employer_row(connection: Connection, employer_id: int) -> Any:
    employer_document(connection, employer_id)  # raises UnknownRecord
    return connection.execute(select(employers).where(employers.c.id == employer_id)).one()


def application_and_employer(connection: Connection, application_id: int) -> tuple[Any, Any]:
    """An application's row, held until the transaction ends, and its employer's row."""
    application = application_row(connection, application_id, lock=True)
    return application, employer_row(connection, application.employer_id)


def instant(context: Context, invitation: Invitation, employer_zone: str, notes: list[str]) -> datetime:
    """The interview's instant, in UTC; a floating time is read in --timezone or the employer's zone."""
    start = invitation.start
    if start is None:
        raise CaseError("DTSTART", "missing: the invitation does not say when the interview is")
    if start.tzinfo is not None:
        if invitation.zone and employer_zone not in invitation.zone_choices:
            notes.append(
                f"the invitation is written in {invitation.zone} time; the employer is in {employer_zone}"
            )
        return start.astimezone(UTC)
    key = context.choices.timezone or employer_zone
    zone = ZoneInfo(key)
    local = start.replace(tzinfo=zone)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != start:
        raise CaseError("DTSTART", f"{start:%Y-%m-%d %H:%M} does not exist in {key} (the clocks change then)")
    notes.append(f"its time has no time zone: read as {key} time")
    return local.astimezone(UTC)


def add_contacts(connection: Connection, employer_id: int, people: list[Person]) -> list[str]:
    """The people on the employer's side with a name and an address, as contacts there, unless
    known already (by address or name); the names added."""
    known = list(
        connection.execute(
            select(contacts.c.name, contacts.c.email).where(contacts.c.employer_id == employer_id)
        )
    )
    emails = {row.email.lower() for row in known if row.email}
    names = {row.name.strip().lower() for row in known}
    added: list[str] = []
    for person in people:
        if not person.name or not person.email or person.email in emails or person.name.lower() in names:
            continue
        try:
            check_record("contact", {"name": person.name, "email": person.email})
        except CaseError:  # a name or an address no contact could hold: named in the round only
            continue
        connection.execute(
            insert(contacts).values(employer_id=employer_id, name=person.name, email=person.email)
        )
        emails.add(person.email)
        names.add(person.name.lower())
        added.append(person.name)
    return added


def advice_shown(advice: Advice) -> dict[str, Any]:
    """The advice an import brings up to date, as Imported holds it."""
    return {
        "action": advice.action.value,
        "purpose": advice.purpose.value if advice.purpose else None,
        "channel": advice.channel.value if advice.channel else None,
        "not_before": advice.not_before.isoformat() if advice.not_before else None,
    }


def result(
    context: Context,
    invitation: Invitation,
    action: str,
    interview_id: int,
    advice: Advice | None,
    **extra: Any,
) -> Imported:
    """What was done, with the round, its application and employer as they now stand."""
    row = context.connection.execute(
        select(
            interviews,
            applications.c.role,
            applications.c.candidate_timezone,
            employers.c.id.label("employer_id"),
            employers.c.name.label("employer"),
            employers.c.timezone.label("employer_zone"),
        )
        .join(applications, applications.c.id == interviews.c.application_id)
        .join(employers, employers.c.id == applications.c.employer_id)
        .where(interviews.c.id == interview_id)
    ).one()
    return Imported(
        invitation=invitation, action=action, application_id=row.application_id, interview_id=row.id,
        round=row.round, employer_id=row.employer_id, employer=row.employer, role=row.role,
        employer_zone=row.employer_zone, your_zone=row.candidate_timezone or context.your_zone, at=row.at,
        minutes=row.minutes, format=row.format, place=row.place, interviewers=list(row.interviewers or []),
        advice=advice_shown(advice) if advice is not None else None, **extra,
    )  # fmt: skip
