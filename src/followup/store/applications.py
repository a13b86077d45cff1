"""Applications in the store: add one from a case file, read it back as a case, and keep its
advice current. Every write is one transaction; what is stored is validated first, by the same
reader as a case file, so the store holds nothing a case file could not say."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, insert, select

from followup.casefile import CaseError, CaseFile, read_case, read_event
from followup.core import Advice, advise
from followup.render import advice_json
from followup.store.database import writing
from followup.store.schema import advice, applications, employers, events, interviews

EVENT_FIELDS = ("date", "until", "channel", "channels", "purpose", "answered", "released", "silence_means_no")


def add_application(
    engine: Engine, document: dict[str, Any], *, now: datetime, role: str = "", source: str | None = None
) -> int:
    """Store a case file's employer, application, interview and events; its id."""
    loaded = read_case(document, clock=now)  # raises CaseError, and nothing is written
    case = loaded.case
    given = document["employer"]
    with writing(engine) as connection:
        employer_id = connection.execute(
            insert(employers)
            .values(
                name=case.employer.name,
                timezone=case.employer.timezone.key,
                timezone_inferred="timezone" not in given,
                country=case.employer.country,
                subdivision=case.employer.subdivision,
                hours=given.get("hours"),
                allows_visits=case.employer.allows_visits,
                created_at=now,
            )
            .returning(employers.c.id)
        ).scalar_one()
        candidate = document.get("candidate") or {}
        application_id = connection.execute(
            insert(applications)
            .values(
                employer_id=employer_id,
                role=role or "the role",
                source=source,
                status="active",
                candidate_timezone=candidate.get("timezone"),
                local_to_employer=case.candidate.local_to_employer,
                policy=document.get("policy"),
                created_at=now,
            )
            .returning(applications.c.id)
        ).scalar_one()
        connection.execute(
            insert(interviews).values(
                application_id=application_id,
                round=case.interview.round,
                at=case.interview.at,
                minutes=case.interview.minutes,
                format=case.interview.format,
            )
        )
        for item in document.get("events", []):
            _add_event(connection, application_id, item, now)
        refresh_in(connection, application_id, now)
    return int(application_id)


def _add_event(connection: Connection, application_id: int, item: dict[str, Any], now: datetime) -> None:
    values: dict[str, Any] = {field: item.get(field) for field in EVENT_FIELDS}
    for flag in ("answered", "released", "silence_means_no"):
        values[flag] = bool(values[flag])
    for day in ("date", "until"):
        if values[day] is not None:
            values[day] = date.fromisoformat(values[day])
    connection.execute(
        insert(events).values(
            application_id=application_id,
            at=datetime.fromisoformat(item["at"]),
            kind=item["kind"],
            note=item.get("note") or item.get("words"),
            said_by=item.get("said_by"),
            recorded_at=now,
            **values,
        )
    )


class UnknownApplication(LookupError):
    def __init__(self, application_id: int) -> None:
        super().__init__(f"no application {application_id}")
        self.application_id = application_id


def record_event(engine: Engine, application_id: int, item: dict[str, Any], *, now: datetime) -> Advice:
    """Add what was said or done to an application's log, and bring its advice up to date."""
    read_event(item, "event", now)  # raises CaseError, and nothing is written
    with writing(engine) as connection:
        _application(connection, application_id, lock=True)
        document = case_document(connection, application_id)
        document["events"].append(item)
        last = f"events[{len(document['events']) - 1}]"
        try:  # the event in its case: a thank-you before the interview, say
            read_case(document, now=now)
        except CaseError as error:
            raise CaseError(error.where.replace(last, "event"), error.problem) from None
        _add_event(connection, application_id, item, now)
        return refresh_in(connection, application_id, now)


def _application(connection: Connection, application_id: int, *, lock: bool = False) -> Any:
    """The application's row; with lock, held until the transaction ends (PostgreSQL: two
    writers on one application take turns, and the advice kept is the last one's)."""
    query = select(applications).where(applications.c.id == application_id)
    found = connection.execute(query.with_for_update() if lock else query).first()
    if found is None:
        raise UnknownApplication(application_id)
    return found


def case_document(connection: Connection, application_id: int) -> dict[str, Any]:
    """The stored application as a case file (the first interview round, all its events)."""
    application = _application(connection, application_id)
    employer = connection.execute(select(employers).where(employers.c.id == application.employer_id)).one()
    interview = connection.execute(
        select(interviews).where(interviews.c.application_id == application_id).order_by(interviews.c.round)
    ).first()
    assert interview is not None
    employer_document: dict[str, Any] = {"name": employer.name, "allows_visits": employer.allows_visits}
    if not employer.timezone_inferred:  # an inferred zone is inferred again, and said so
        employer_document["timezone"] = employer.timezone
    for key in ("country", "subdivision", "hours"):
        if getattr(employer, key) is not None:
            employer_document[key] = getattr(employer, key)
    candidate: dict[str, Any] = {"local_to_employer": application.local_to_employer}
    if application.candidate_timezone:
        candidate["timezone"] = application.candidate_timezone
    rows = connection.execute(
        select(events).where(events.c.application_id == application_id).order_by(events.c.at, events.c.id)
    )
    document: dict[str, Any] = {
        "candidate": candidate,
        "employer": employer_document,
        "interview": {
            "at": interview.at.isoformat(),
            "round": interview.round,
            "minutes": interview.minutes,
            **({"format": interview.format} if interview.format else {}),
        },
        "events": [_event_document(row) for row in rows],
    }
    if application.policy:
        document["policy"] = application.policy
    return document


def _event_document(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"at": row.at.isoformat(), "kind": row.kind}
    for field in EVENT_FIELDS:
        value = getattr(row, field)
        if value is None or value is False:
            continue
        item[field] = value.isoformat() if isinstance(value, date) else value
    if row.note:
        item["note"] = row.note
    return item


def load_case(engine: Engine, application_id: int, *, now: datetime) -> CaseFile:
    with engine.connect() as connection:
        return read_case(case_document(connection, application_id), now=now)


def refresh_advice(engine: Engine, application_id: int, now: datetime) -> Advice:
    with writing(engine) as connection:
        _application(connection, application_id, lock=True)
        return refresh_in(connection, application_id, now)


def refresh_in(connection: Connection, application_id: int, now: datetime) -> Advice:
    """Recompute an application's advice and keep it, with the moment the clock can change it."""
    loaded = read_case(case_document(connection, application_id), now=now)
    result = advise(loaded.case, now, loaded.policy)
    body = json.loads(json.dumps(advice_json(result, loaded.case, now, loaded.notes)))
    values = {
        "action": result.action.value,
        "purpose": result.purpose.value if result.purpose else None,
        "channel": result.channel.value if result.channel else None,
        "not_before": result.not_before,
        "changes_at": changes_at(result, now),
        "computed_at": now,
        "body": body,
    }
    exists = connection.execute(
        select(advice.c.application_id).where(advice.c.application_id == application_id)
    )
    if exists.first() is None:
        connection.execute(insert(advice).values(application_id=application_id, **values))
    else:
        connection.execute(advice.update().where(advice.c.application_id == application_id).values(**values))
    return result


def changes_at(result: Advice, now: datetime) -> datetime | None:
    """The next moment the clock alone can change the advice: a contact falls due, a deadline
    passes, the time to move on comes, the current window closes."""
    moments = [result.not_before, result.deadline, result.move_on_at]
    moments += [window.end for window in result.windows[:1]]
    later = [moment.astimezone(UTC) for moment in moments if moment is not None and moment > now]
    return min(later, default=None)


def with_advice() -> Select[Any]:
    """Applications with their employer's name and their kept advice."""
    return (
        select(
            applications.c.id,
            applications.c.role,
            applications.c.status,
            employers.c.name.label("employer"),
            advice.c.action,
            advice.c.purpose,
            advice.c.channel,
            advice.c.not_before,
            advice.c.changes_at,
            advice.c.body,
        )
        .join(employers, employers.c.id == applications.c.employer_id)
        .outerjoin(advice, advice.c.application_id == applications.c.id)
    )


LISTED = ("id", "role", "status", "employer", "action", "purpose", "channel")


def list_applications(engine: Engine) -> list[dict[str, Any]]:
    """Every application with its employer and current advice, newest first."""
    query = with_advice().order_by(applications.c.id.desc())
    with engine.connect() as connection:
        return [
            {
                **{name: getattr(row, name) for name in LISTED},
                "not_before": row.not_before.isoformat() if row.not_before else None,
            }
            for row in connection.execute(query)
        ]
