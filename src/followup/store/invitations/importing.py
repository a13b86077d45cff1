"""Interview invitations into the store: each one read from an .ics file (followup.invitations)
adds an interview round, moves one, or removes one, matched by the invitation's UID and ordered
by its SEQUENCE. A new UID finds its employer and active application (or adds them); a known
one with a higher SEQUENCE is a reschedule; a cancellation removes its round. A whole file is
one transaction: every invitation in it is recorded, or none is. Each change is kept in the log
of edits with what it replaced, and the advice it touches is brought up to date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, delete, func, insert, select

from followup.casefile import CaseError
from followup.casefile import fields as check
from followup.core import Advice
from followup.invitations import (
    COMPANY_ENDINGS,
    FREE_MAIL,
    Invitation,
    InvitationError,
    Person,
    compact_name,
    domain_label,
    matches_domain,
    their_side,
)
from followup.localzone import local_zone
from followup.public_holidays import supported_countries
from followup.store.applications import (
    application_row,
    employer_document,
    insert_employer,
    log_edit,
    refresh_in,
    setting,
)
from followup.store.database import writing
from followup.store.records import deletion_counts
from followup.store.schema import applications, contacts, edits, employers, events, interviews
from followup.timezones import country_zones


class NothingToCancel(InvitationError):
    """A cancellation of an invitation the store never held: nothing is done (exit code 1)."""


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


@dataclass
class _Context:
    connection: Connection
    now: datetime
    choices: Choices
    your_zone: str
    your_name: str | None
    source: str


def import_invitations(
    engine: Engine, invitations: list[Invitation], *, source: str, now: datetime, choices: Choices
) -> list[Imported]:
    """Record every invitation of a file, in one transaction: all, or (on any error) none."""
    if choices.timezone is not None:
        check.timezone(choices.timezone, "--timezone")
    with writing(engine) as connection:
        if choices.application_id is not None:
            found = application_row(connection, choices.application_id)  # raises UnknownApplication
            if choices.employer_id is not None and found.employer_id != choices.employer_id:
                raise CaseError(
                    "--employer",
                    f"application {choices.application_id} is with employer {found.employer_id}, "
                    f"not {choices.employer_id}",
                )
        if choices.employer_id is not None:
            employer_document(connection, choices.employer_id)  # raises UnknownRecord
        context = _Context(
            connection=connection,
            now=now,
            choices=choices,
            your_zone=setting(connection, "timezone") or local_zone(),
            your_name=setting(connection, "your_name"),
            source=source,
        )
        done: list[Imported] = []
        for invitation in invitations:
            try:
                done.append(_apply(context, invitation))
            except CaseError as error:
                where = f"{source}: {invitation.label}" + (f": {error.where}" if error.where else "")
                kind = NothingToCancel if isinstance(error, NothingToCancel) else InvitationError
                raise kind(where, error.problem) from None
        return done


def _apply(context: _Context, invitation: Invitation) -> Imported:
    stored = _round_of(context.connection, invitation.uid)
    if invitation.cancelled:
        return _cancel(context, invitation, stored)
    if stored is not None:
        if invitation.sequence <= (stored.invitation_sequence or 0):
            return _unchanged(context, invitation, stored)
        return _reschedule(context, invitation, stored)
    cancelled = _cancelled_sequence(context.connection, invitation.uid)
    if cancelled is not None and invitation.sequence <= cancelled:
        return Imported(
            invitation,
            "unchanged",
            notes=[f"this invitation was cancelled (SEQUENCE {cancelled}); this copy is older"],
        )
    return _add(context, invitation)


# A new invitation: a round added to its application (and the employer and application added
# when the store has none for it).


def _add(context: _Context, invitation: Invitation) -> Imported:
    connection, choices = context.connection, context.choices
    notes: list[str] = []
    employer, application_id = _whose(context, invitation)
    employer_added = employer is None
    if employer is None:
        employer = _new_employer(context, invitation, notes)
    at = _instant(context, invitation, employer.timezone, notes)
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
        application_id = _new_application(context, employer.id, role, invitation)
        interview_id = _insert_round(context, application_id, invitation, at, invitation.round or 1, names)
        action = "added"
    else:
        application_row(connection, application_id, lock=True)
        rounds = _rounds(connection, application_id)
        same = [row for row in rounds if row.at == at]
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
            first = min(row.round for row in rounds)
            number = first + sum(1 for row in rounds if row.at < at)
            interview_id = _insert_round(context, application_id, invitation, at, number, names)
            action = "added"
        _renumber(context, application_id)
    added = _add_contacts(connection, employer.id, people)
    advice = refresh_in(connection, application_id, context.now)
    return _result(context, invitation, action, interview_id, advice, notes=notes + list(invitation.notes),
                   employer_added=employer_added, application_added=application_added,
                   contacts_added=added)  # fmt: skip


def _whose(context: _Context, invitation: Invitation) -> tuple[Any | None, int | None]:
    """The employer (its row) and active application a new invitation is for, when stored."""
    connection, choices = context.connection, context.choices
    if choices.application_id is not None:
        application = application_row(connection, choices.application_id, lock=True)
        return _employer_row(connection, application.employer_id), application.id
    if choices.employer_id is not None:
        employer = _employer_row(connection, choices.employer_id)
    else:
        employer = _find_employer(connection, invitation, choices)
    if employer is None:
        return None, None
    return employer, _active_application(context, employer, invitation)


def _find_employer(connection: Connection, invitation: Invitation, choices: Choices) -> Any | None:
    """The stored employer an invitation is from: the one the summary names, else the one whose
    name the summary holds, or whose people or website share the organizer's mail domain."""
    stored = list(connection.execute(select(employers).order_by(employers.c.id)))
    if invitation.employer:
        named = [row for row in stored if compact_name(row.name) == compact_name(invitation.employer)]
        if named:
            return named[0]
    summary = f" {compact_words(invitation.summary)} "
    domains = {person.domain for person in their_side(invitation, choices.you) if person.domain} - FREE_MAIL
    emails = connection.execute(select(contacts.c.employer_id, contacts.c.email)).all()
    found = []
    for row in stored:
        words = compact_words(row.name)
        theirs = {email.rpartition("@")[2].lower() for owner, email in emails if owner == row.id and email}
        theirs -= FREE_MAIL
        if row.website:
            theirs.add(re.sub(r"^[a-z]+://", "", row.website.lower()).split("/")[0].removeprefix("www."))
        labels = {domain_label(domain) for domain in theirs}
        if (
            (words and f" {words} " in summary)
            or domains & theirs
            or any(domain_label(domain) in labels or matches_domain(row.name, domain) for domain in domains)
        ):
            found.append(row)
    if len(found) > 1:
        listed = ", ".join(f"{row.name} ({row.id})" for row in found)
        raise CaseError("", f"it could be from several stored employers ({listed}): give --employer ID")
    return found[0] if found else None


def compact_words(text: str) -> str:
    """Lower-case words, without punctuation or company endings: 'Northwind Traders, Inc.' ->
    'northwind traders'."""
    return " ".join(re.sub(r"[^\w\s]+", " ", COMPANY_ENDINGS.sub("", text.lower())).split())


def _active_application(context: _Context, employer: Any, invitation: Invitation) -> int | None:
    """The employer's active application for this invitation; None: one is to be added."""
    rows = list(
        context.connection.execute(
            select(applications.c.id, applications.c.role)
            .where(applications.c.employer_id == employer.id, applications.c.status == "active")
            .order_by(applications.c.id)
        )
    )
    role = context.choices.role
    if role:
        chosen = [row for row in rows if row.role.strip().lower() == role.strip().lower()]
        return chosen[0].id if chosen else None
    if len(rows) <= 1:
        return rows[0].id if rows else None
    summary = invitation.summary.lower()
    chosen = [row for row in rows if row.role.strip().lower() in summary]
    if len(chosen) == 1:
        return int(chosen[0].id)
    listed = ", ".join(str(row.id) for row in rows)
    raise CaseError(
        "",
        f"{employer.name} (employer {employer.id}) has {len(rows)} active applications ({listed}): "
        "give --application ID",
    )


def _new_employer(context: _Context, invitation: Invitation, notes: list[str]) -> Any:
    """Add the employer the invitation names, in the invitation's time zone."""
    name = invitation.employer
    if not name:
        raise CaseError(
            "SUMMARY",
            f"cannot tell the employer from {invitation.summary!r}, and no stored employer matches: "
            "give --employer ID or --application ID (add the employer first with `followup employer add`)",
        )
    zone = context.choices.timezone or invitation.zone
    if zone is None:
        if invitation.floating:
            how = "without a time zone"
        elif invitation.zone_written:
            how = f"in a time zone ({invitation.zone_written}) that is not known by name"
        else:
            how = "in UTC only"
        raise CaseError(
            "DTSTART",
            f"{name} is not stored yet and the invitation gives its time {how}: give the employer's "
            "time zone with --timezone (like America/Chicago), or add the employer first",
        )
    given: dict[str, Any] = {"name": name, "timezone": zone}
    country = _country_of(zone)
    if country:
        given["country"] = country
    if invitation.format == "onsite" and invitation.place:
        given["address"] = invitation.place
    employer_id = insert_employer(context.connection, given, context.now)
    told = "--timezone" if context.choices.timezone else "the invitation"
    inferred = f", country {country} from that zone" if country else ""
    notes.append(
        f"added employer {employer_id}, {name}: time zone {zone} from {told}{inferred}; "
        f"correct it with `followup edit employer {employer_id}` if it is wrong"
    )
    return _employer_row(context.connection, employer_id)


def _country_of(zone: str) -> str | None:
    """The one country a zone lies in (Europe/Berlin: DE), when its public holidays are known."""
    found = [country for country, zones in country_zones().items() if zone in zones]
    return found[0] if len(found) == 1 and found[0] in supported_countries() else None


def _new_application(context: _Context, employer_id: int, role: str, invitation: Invitation) -> int:
    application_id = int(
        context.connection.execute(
            insert(applications)
            .values(
                employer_id=employer_id,
                role=role,
                status="active",
                local_to_employer=False,
                created_at=context.now,
            )
            .returning(applications.c.id)
        ).scalar_one()
    )
    log_edit(
        context.connection, context.now, "application", application_id, "invitation", None, invitation.uid
    )
    return application_id


def _insert_round(
    context: _Context,
    application_id: int,
    invitation: Invitation,
    at: datetime,
    number: int,
    names: list[str],
) -> int:
    return int(
        context.connection.execute(
            insert(interviews)
            .values(
                application_id=application_id,
                round=number,
                at=at,
                minutes=invitation.minutes,
                format=invitation.format,
                place=invitation.place,
                interviewers=names or None,
                invitation_uid=invitation.uid,
                invitation_sequence=invitation.sequence,
            )
            .returning(interviews.c.id)
        ).scalar_one()
    )


# A known invitation again: a reschedule, or nothing new.


def _reschedule(context: _Context, invitation: Invitation, stored: Any) -> Imported:
    connection = context.connection
    application = application_row(connection, stored.application_id, lock=True)
    employer = _employer_row(connection, application.employer_id)
    notes: list[str] = []
    at = _instant(context, invitation, employer.timezone, notes)
    people = their_side(invitation, context.choices.you, context.your_name)
    changes = _details(invitation, at, [person.shown for person in people], stored)
    _change(context, stored, changes)
    _renumber(context, stored.application_id)
    added = _add_contacts(connection, employer.id, people)
    advice = refresh_in(connection, stored.application_id, context.now)
    action = "rescheduled" if "at" in changes else "updated"
    was_at = stored.at if "at" in changes else None
    return _result(
        context, invitation, action, stored.id, advice, was_at=was_at, notes=notes, contacts_added=added
    )


def _details(invitation: Invitation, at: datetime, names: list[str], stored: Any) -> dict[str, Any]:
    """What the invitation changes in a stored round (a detail it leaves out is kept)."""
    given: dict[str, Any] = {
        "at": at,
        "format": invitation.format,
        "place": invitation.place,
        "interviewers": names or None,
        "invitation_uid": invitation.uid,
        "invitation_sequence": invitation.sequence,
    }
    if not any("minutes assumed" in note for note in invitation.notes):
        given["minutes"] = invitation.minutes
    return {key: value for key, value in given.items() if value is not None and getattr(stored, key) != value}


def _change(context: _Context, stored: Any, changes: dict[str, Any]) -> None:
    for name, new in changes.items():
        log_edit(context.connection, context.now, "interview", stored.id, name, getattr(stored, name), new)
    if changes:
        context.connection.execute(interviews.update().where(interviews.c.id == stored.id).values(**changes))


def _unchanged(context: _Context, invitation: Invitation, stored: Any) -> Imported:
    notes = [
        f"already up to date: SEQUENCE {invitation.sequence}, and the round holds "
        f"SEQUENCE {stored.invitation_sequence or 0}"
    ]
    if invitation.start is not None and not invitation.floating and invitation.start != stored.at:
        notes.append(
            "its time differs from the round's: if this copy is the newer one, change the round with "
            f"`followup edit interview {stored.id} at=...`"
        )
    return _result(context, invitation, "unchanged", stored.id, None, notes=notes)


# A cancellation.


def _cancel(context: _Context, invitation: Invitation, stored: Any) -> Imported:
    connection, now = context.connection, context.now
    if stored is None:
        if _cancelled_sequence(connection, invitation.uid) is not None:
            return Imported(invitation, "unchanged", notes=["cancelled already"])
        raise NothingToCancel(
            "",
            "a cancellation of an invitation that was never imported (no round holds its UID): "
            "nothing to cancel",
        )
    if invitation.sequence < (stored.invitation_sequence or 0):
        note = (
            f"an older cancellation (SEQUENCE {invitation.sequence}) than the invitation the round holds "
            f"(SEQUENCE {stored.invitation_sequence}): ignored"
        )
        return _result(context, invitation, "unchanged", stored.id, None, notes=[note])
    if stored.at <= now:
        note = (
            "the round was to start before now: it is kept (an organizer tidying their calendar cancels "
            "past meetings too); if it did not take place, change it with `followup edit interview`"
        )
        return _result(context, invitation, "kept", stored.id, None, notes=[note])
    application = application_row(connection, stored.application_id, lock=True)
    employer = _employer_row(connection, application.employer_id)
    result = _result(context, invitation, "cancelled", stored.id, None)
    rounds = _rounds(connection, stored.application_id)
    record = {key: value for key, value in stored._asdict().items() if key != "id"}
    cancelled = {"invitation_uid": invitation.uid, "invitation_sequence": invitation.sequence}
    if len(rounds) == 1:
        if not _made_by(connection, application.id, invitation.uid) or _has_events(
            connection, application.id
        ):
            raise CaseError(
                "",
                f"round {stored.round} is the only interview of application {application.id}, which holds "
                "more than this invitation: it is not removed (if the interview will not take place, "
                f"delete the application with `followup delete {application.id}` or move the round with "
                f"`followup edit interview {stored.id} at=...`)",
            )
        gone = deletion_counts(connection, "application", application.id)
        log_edit(connection, now, "interview", stored.id, "cancelled", record, cancelled)
        connection.execute(delete(applications).where(applications.c.id == application.id))
        log_edit(connection, now, "application", application.id, "deleted", gone, None)
        result.application_deleted = True
        result.notes.append(
            f"it was the only interview of application {application.id}, which the invitation had added "
            f"and which held nothing else: the application is deleted ({employer.name} is kept)"
        )
        return result
    log_edit(connection, now, "interview", stored.id, "cancelled", record, cancelled)
    connection.execute(delete(interviews).where(interviews.c.id == stored.id))
    _renumber(context, application.id)
    result.advice = _advice(refresh_in(connection, application.id, now))
    return result


def _cancelled_sequence(connection: Connection, uid: str) -> int | None:
    """The SEQUENCE of the cancellation of this UID the log holds, if any."""
    rows = connection.execute(
        select(edits.c.new).where(edits.c.subject == "interview", edits.c.field == "cancelled")
    ).scalars()
    found = [
        int(new.get("invitation_sequence") or 0)
        for new in rows
        if isinstance(new, dict) and new.get("invitation_uid") == uid
    ]
    return max(found) if found else None


def _made_by(connection: Connection, application_id: int, uid: str) -> bool:
    """Whether the application was added by this invitation."""
    rows = connection.execute(
        select(edits.c.new).where(
            edits.c.subject == "application",
            edits.c.subject_id == application_id,
            edits.c.field == "invitation",
        )
    ).scalars()
    return any(new == uid for new in rows)


def _has_events(connection: Connection, application_id: int) -> bool:
    query = select(func.count()).select_from(events).where(events.c.application_id == application_id)
    return bool(connection.execute(query).scalar_one())


# Shared steps.


def _round_of(connection: Connection, uid: str) -> Any | None:
    return connection.execute(
        select(interviews).where(interviews.c.invitation_uid == uid).order_by(interviews.c.id)
    ).first()


def _rounds(connection: Connection, application_id: int) -> list[Any]:
    return list(
        connection.execute(
            select(interviews)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.at, interviews.c.id)
        )
    )


def _renumber(context: _Context, application_id: int) -> None:
    """Rounds numbered in the order of their times, from the first round's number on; each
    change of number kept in the log."""
    rounds = _rounds(context.connection, application_id)
    if not rounds:
        return
    first = min(row.round for row in rounds)
    for index, row in enumerate(rounds):
        number = first + index
        if row.round != number:
            log_edit(context.connection, context.now, "interview", row.id, "round", row.round, number)
            context.connection.execute(
                interviews.update().where(interviews.c.id == row.id).values(round=number)
            )


def _employer_row(connection: Connection, employer_id: int) -> Any:
    employer_document(connection, employer_id)  # raises UnknownRecord
    return connection.execute(select(employers).where(employers.c.id == employer_id)).one()


def _instant(context: _Context, invitation: Invitation, employer_zone: str, notes: list[str]) -> datetime:
    """The interview's instant, in UTC; a floating time is read in --timezone or the employer's zone."""
    start = invitation.start
    if start is None:
        raise CaseError("DTSTART", "missing: the invitation does not say when the interview is")
    if start.tzinfo is not None:
        if invitation.zone and invitation.zone != employer_zone:
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


def _add_contacts(connection: Connection, employer_id: int, people: list[Person]) -> list[str]:
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
        connection.execute(
            insert(contacts).values(employer_id=employer_id, name=person.name, email=person.email)
        )
        emails.add(person.email)
        names.add(person.name.lower())
        added.append(person.name)
    return added


def _advice(advice: Advice) -> dict[str, Any]:
    return {
        "action": advice.action.value,
        "purpose": advice.purpose.value if advice.purpose else None,
        "channel": advice.channel.value if advice.channel else None,
        "not_before": advice.not_before.isoformat() if advice.not_before else None,
    }


def _result(
    context: _Context,
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
        advice=_advice(advice) if advice is not None else None, **extra,
    )  # fmt: skip
