"""What the faces show of the stored records, each read in one connection: a record and its
employer's time zone, an employer with its people, an application with its kept advice, what a
draft is made of, the rows of the calendar, of the insights and of a mailbox's matching. Plain
rows and dicts out; the service layer (followup.service) gives them their meaning."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, func, select

from followup.store.applications import UnknownRecord, employer_document, setting
from followup.store.records import deletion_counts
from followup.store.schema import advice, applications, contacts, data_columns, employers, events, interviews

TABLES: dict[str, Table] = {
    "application": applications,
    "employer": employers,
    "interview": interviews,
    "contact": contacts,
}


def record_row(engine: Engine, subject: str, record_id: int) -> Any:
    """The stored record (an application, employer, interview or contact); UnknownRecord if none."""
    table = TABLES[subject]
    with engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        raise UnknownRecord(subject, record_id)
    return row


def exists(engine: Engine, subject: str, record_id: int) -> bool:
    table = TABLES[subject]
    with engine.connect() as connection:
        return connection.execute(select(table.c.id).where(table.c.id == record_id)).first() is not None


def what_deleting_takes(engine: Engine, subject: str, record_id: int) -> dict[str, int]:
    """What deleting the record would take with it, by table."""
    with engine.connect() as connection:
        return deletion_counts(connection, subject, record_id)


def employer_timezone(
    engine: Engine, *, employer_id: int | None = None, application_id: int | None = None
) -> str:
    """The time zone of an employer, given by its id or by one of its applications'."""
    with engine.connect() as connection:
        if employer_id is None:
            employer_id = connection.execute(
                select(applications.c.employer_id).where(applications.c.id == application_id)
            ).scalar_one()
        return str(
            connection.execute(select(employers.c.timezone).where(employers.c.id == employer_id)).scalar_one()
        )


def employer_place(engine: Engine, application_id: int) -> tuple[str, str | None, str | None]:
    """Where an application's employer is: its time zone, country and region."""
    with engine.connect() as connection:
        row = connection.execute(
            select(employers.c.timezone, employers.c.country, employers.c.subdivision)
            .join(applications, applications.c.employer_id == employers.c.id)
            .where(applications.c.id == application_id)
        ).first()
    if row is None:
        raise UnknownRecord("application", application_id)
    return row.timezone, row.country, row.subdivision


def employers_listed(engine: Engine) -> list[dict[str, Any]]:
    """Every employer, by name."""
    with engine.connect() as connection:
        query = select(*data_columns(employers)).order_by(employers.c.name_key)
        return [row._asdict() for row in connection.execute(query)]


def employer_with_people(engine: Engine, employer_id: int) -> dict[str, Any]:
    """An employer's stored fields and the people known there (`contacts`)."""
    with engine.connect() as connection:
        employer_document(connection, employer_id)  # raises UnknownRecord
        row = connection.execute(select(*data_columns(employers)).where(employers.c.id == employer_id)).one()
        people = connection.execute(
            select(contacts).where(contacts.c.employer_id == employer_id).order_by(contacts.c.id)
        )
        return {**row._asdict(), "contacts": [person._asdict() for person in people]}


def people_of(engine: Engine, employer_id: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        found = select(contacts).where(contacts.c.employer_id == employer_id).order_by(contacts.c.id)
        return [person._asdict() for person in connection.execute(found)]


def contacts_listed(engine: Engine, employer_id: int | None = None) -> list[dict[str, Any]]:
    """The people known at employers (at one employer: UnknownRecord if there is none)."""
    query = (
        select(contacts, employers.c.name.label("employer"))
        .join(employers, employers.c.id == contacts.c.employer_id)
        .order_by(employers.c.name, contacts.c.id)
    )
    if employer_id is not None:
        query = query.where(contacts.c.employer_id == employer_id)
    with engine.connect() as connection:
        if employer_id is not None:
            employer_document(connection, employer_id)  # raises UnknownRecord
        return [row._asdict() for row in connection.execute(query)]


def rounds_of(engine: Engine, application_id: int) -> tuple[list[dict[str, Any]], str | None]:
    """An application's interview rounds, and its employer's time zone (None: no application)."""
    with engine.connect() as connection:
        rows = [
            row._asdict()
            for row in connection.execute(
                select(interviews)
                .where(interviews.c.application_id == application_id)
                .order_by(interviews.c.round)
            )
        ]
        found = connection.execute(
            select(employers.c.timezone)
            .join(applications, applications.c.employer_id == employers.c.id)
            .where(applications.c.id == application_id)
        ).first()
    return rows, None if found is None else str(found.timezone)


def application_shown(engine: Engine, application_id: int) -> Any:
    """An application with its employer's name and its kept advice (body, changes_at, computed_at)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(
                applications,
                employers.c.name.label("employer"),
                advice.c.body,
                advice.c.changes_at,
                advice.c.computed_at,
            )
            .join(employers, employers.c.id == applications.c.employer_id)
            .outerjoin(advice, advice.c.application_id == applications.c.id)
            .where(applications.c.id == application_id)
        ).first()
    if row is None:
        raise UnknownRecord("application", application_id)
    return row


def kept_advice(engine: Engine, application_id: int) -> dict[str, Any]:
    """The advice kept for an application, as stored."""
    with engine.connect() as connection:
        return dict(
            connection.execute(
                select(advice.c.body).where(advice.c.application_id == application_id)
            ).scalar_one()
        )


def draft_facts(engine: Engine, application_id: int, now: datetime) -> dict[str, Any]:
    """What a draft is made of: the application, its employer, its rounds, the first person known
    there, the latest date they gave by `now`, and your name and phone."""
    with engine.connect() as connection:
        application = connection.execute(
            select(applications).where(applications.c.id == application_id)
        ).one()
        employer = connection.execute(
            select(employers).where(employers.c.id == application.employer_id)
        ).one()
        rounds = connection.execute(
            select(interviews)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.round)
        ).all()
        person = connection.execute(
            select(contacts).where(contacts.c.employer_id == employer.id).order_by(contacts.c.id)
        ).first()
        said = connection.execute(
            select(events.c.kind, events.c.date, events.c.until)
            .where(
                events.c.application_id == application_id,
                events.c.kind.in_(("decision_by", "call_back")),
                events.c.at <= now,  # a look back knows only what was said by then
            )
            .order_by(events.c.at.desc())
        ).first()
        your_name, your_phone = setting(connection, "your_name"), setting(connection, "your_phone")
    return {
        "application": application,
        "employer": employer,
        "rounds": rounds,
        "person": person,
        "said": said,
        "your_name": your_name,
        "your_phone": your_phone,
    }


def addressee(engine: Engine, application_id: int, address: str) -> tuple[str | None, str | None]:
    """Your name, and the name of the person at the application's employer with this address."""
    with engine.connect() as connection:
        your_name = setting(connection, "your_name")
        employer_id = connection.execute(
            select(applications.c.employer_id).where(applications.c.id == application_id)
        ).scalar_one()
        to_name = connection.execute(
            select(contacts.c.name)
            .where(contacts.c.employer_id == employer_id, contacts.c.email == address)
            .order_by(contacts.c.id)
        ).scalar()
    return your_name, to_name


def planned_rows(engine: Engine, now: datetime) -> tuple[list[Any], list[Any]]:
    """The active applications (id, role, employer's name and time zone), and the interview
    rounds still to come of active applications, with their employer and role."""
    with engine.connect() as connection:
        active = list(
            connection.execute(
                select(applications.c.id, applications.c.role, employers.c.name, employers.c.timezone)
                .join(employers, employers.c.id == applications.c.employer_id)
                .where(applications.c.status == "active")
                .order_by(applications.c.id)
            )
        )
        rounds = list(
            connection.execute(
                select(interviews, employers.c.name, employers.c.timezone, applications.c.role)
                .join(applications, applications.c.id == interviews.c.application_id)
                .join(employers, employers.c.id == applications.c.employer_id)
                .where(interviews.c.at >= now, applications.c.status == "active")
                .order_by(interviews.c.at)
            )
        )
    return active, rounds


def insight_rows(engine: Engine) -> tuple[list[Any], dict[int, datetime], list[Any]]:
    """Each application's status and advised action; each one's first interview; and every
    event (application, at, kind, channel, purpose, answered), by application and time."""
    with engine.connect() as connection:
        stood = connection.execute(
            select(applications.c.status, advice.c.action).outerjoin(
                advice, advice.c.application_id == applications.c.id
            )
        ).all()
        firsts = dict(
            connection.execute(
                select(interviews.c.application_id, interviews.c.at).where(interviews.c.round == 1)
            ).all()
        )
        rows = connection.execute(
            select(
                events.c.application_id,
                events.c.at,
                events.c.kind,
                events.c.channel,
                events.c.purpose,
                events.c.answered,
            ).order_by(events.c.application_id, events.c.at)
        ).all()
    return list(stood), firsts, list(rows)


def employer_and_active(
    engine: Engine, employer_id: int | None, application_id: int | None
) -> tuple[Any, list[int]]:
    """The employer (given, or of the application given), and its active applications' ids
    (when no application is given); UnknownRecord when either is not stored."""
    with engine.connect() as connection:
        if application_id is not None:
            row = connection.execute(
                select(applications.c.employer_id).where(applications.c.id == application_id)
            ).first()
            if row is None:
                raise UnknownRecord("application", application_id)
            employer_id = row.employer_id
        employer = connection.execute(select(employers).where(employers.c.id == employer_id)).first()
        if employer is None:
            raise UnknownRecord("employer", employer_id or 0)
        active: list[int] = []
        if application_id is None:
            active = list(
                connection.execute(
                    select(applications.c.id).where(
                        applications.c.employer_id == employer_id, applications.c.status == "active"
                    )
                ).scalars()
            )
    return employer, active


def active_with_employers(engine: Engine) -> tuple[list[dict[str, Any]], list[Any]]:
    """The active applications with their employer (id, name, website, time zone, country,
    region), when each began (`began`: when it was added, or its first interview if earlier), the
    last contact of yours they have not answered (`awaiting`, or None); and every contact's
    employer and address."""
    first_round = (
        select(interviews.c.application_id, func.min(interviews.c.at).label("first_at"))
        .group_by(interviews.c.application_id)
        .subquery()
    )
    query = (
        select(
            applications.c.id,
            applications.c.role,
            applications.c.created_at,
            first_round.c.first_at,
            employers.c.id.label("employer_id"),
            employers.c.name,
            employers.c.website,
            employers.c.timezone,
            employers.c.country,
            employers.c.subdivision,
        )
        .join(employers, employers.c.id == applications.c.employer_id)
        .outerjoin(first_round, first_round.c.application_id == applications.c.id)
        .where(applications.c.status == "active")
    )
    with engine.connect() as connection:
        rows = [row._asdict() for row in connection.execute(query)]
    for row in rows:
        first_at = row.pop("first_at")
        first_at = _aware(first_at) if first_at is not None else None
        created = row.pop("created_at")
        row["began"] = min(created, first_at) if first_at is not None else created
    with engine.connect() as connection:  # each one's contacts of yours, and whether they answered
        contacted = connection.execute(
            select(events.c.application_id, events.c.answered, func.max(events.c.at).label("last"))
            .where(events.c.kind == "contacted")
            .group_by(events.c.application_id, events.c.answered)
        ).all()
    last: dict[tuple[int, bool], datetime] = {
        (row.application_id, bool(row.answered)): _aware(row.last) for row in contacted
    }
    for row in rows:
        asked, answered = last.get((row["id"], False)), last.get((row["id"], True))
        row["awaiting"] = asked if asked is not None and (answered is None or answered < asked) else None
    with engine.connect() as connection:
        emails = list(connection.execute(select(contacts.c.employer_id, contacts.c.email)).all())
    return rows, emails


def _aware(value: Any) -> datetime:
    """An instant an aggregate gave back: SQLite may give it as text, and without its zone (UTC)."""
    found = datetime.fromisoformat(value) if isinstance(value, str) else value
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)
