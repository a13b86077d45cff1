"""What the pages and the API show, as plain data: the same for people and for programs."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from followup.casefile import CaseError
from followup.localzone import local_zone
from followup.reading.limits import TooLong
from followup.reading.reader import Where, read_message, signal_json
from followup.reading.templates import Correction
from followup.render_agenda import agenda_json
from followup.store.agenda import agenda, kept_holds, refresh_due
from followup.store.applications import (
    UnknownRecord,
    add_application,
    list_applications,
    record_event,
    record_events,
    refresh_advice,
    setting,
    timeline,
)
from followup.store.corrections import as_taught, keep
from followup.store.schema import advice, applications, employers

Unknown = UnknownRecord

ADD_EXAMPLE = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-03T10:00:00-06:00", "format": "onsite"},
    "role": "Category buyer",
}
EVENT_EXAMPLE = {"kind": "decision_by", "date": "2026-03-06", "note": "We'll let you know by Friday."}
READ_EXAMPLE = {"text": "We'll decide by the 15th. Please don't call.", "application": 1}
DATE_ORDERS = ("mdy", "dmy")  # how numeric dates are written: month first, or day first


def today(engine: Engine, now: datetime, days: int = 1) -> dict[str, Any]:
    return agenda_json(agenda(engine, now, days=days))


PAGE_SIZE = 100  # applications shown at a time


def application_list(
    engine: Engine,
    now: datetime,
    status: str | None = None,
    *,
    action: str | None = None,
    search: str | None = None,
    page: int = 1,
) -> dict[str, Any]:
    """One page of the applications that pass the filters, and whether there are more."""
    refresh_due(engine, now)
    rows = list_applications(
        engine, status, action=action, search=search, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
    )
    return {"applications": rows[:PAGE_SIZE], "page": page, "more": len(rows) > PAGE_SIZE}


def application(engine: Engine, now: datetime, application_id: int) -> dict[str, Any]:
    """An application, its advice (as kept, worked out again if the clock has changed it) and its
    timeline."""
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
    body = row.body
    if body is None or not kept_holds(row.changes_at, row.computed_at, now):
        refresh_advice(engine, application_id, now)  # worked out once, kept, and read back
        with engine.connect() as connection:
            body = connection.execute(
                select(advice.c.body).where(advice.c.application_id == application_id)
            ).scalar_one()
    body = {**body, "now": now.astimezone(ZoneInfo(body["employer"]["timezone"])).isoformat()}
    return {
        "id": application_id,
        "employer": row.employer,
        "employer_id": row.employer_id,
        "role": row.role,
        "status": row.status,
        "source": row.source,
        "link": row.link,
        "advice": body,
        "timeline": timeline(engine, application_id, now),
    }


def add(engine: Engine, now: datetime, body: dict[str, Any]) -> int:
    """Add an application from a case file's employer and interview, with role, source, link."""
    sections: tuple[str, ...] = ("employer", "interview", "candidate", "events", "policy")
    document: dict[str, Any] = {key: body[key] for key in sections if key in body}
    for key in ("employer", "interview"):
        if key not in document:
            raise CaseError(key, "missing")
    return add_application(
        engine,
        document,
        now=now,
        role=body["role"] if body.get("role") is not None else "",
        source=body.get("source"),
        link=body.get("link"),
        notes=body.get("notes"),
    )


def record(engine: Engine, now: datetime, application_id: int, body: dict[str, Any]) -> dict[str, Any]:
    record_event(engine, application_id, _event(body, now), now=now)
    return application(engine, now, application_id)


def record_all(engine: Engine, now: datetime, application_id: int, bodies: list[dict[str, Any]]) -> None:
    """Several events of one application, all or none."""
    record_events(engine, [(application_id, _event(body, now)) for body in bodies], now=now)


def _event(body: dict[str, Any], now: datetime) -> dict[str, Any]:
    """An event as given, less the fields left empty (null, false, [], ""); a 0 is kept, to be
    checked as given."""
    item = {key: value for key, value in body.items() if value is not False and value not in (None, [], "")}
    item.setdefault("at", now.isoformat())
    return item


def read(text: str, said_at: datetime, where: Where, date_order: str | None = None) -> dict[str, Any]:
    """The signals in the words, dates resolved on the employer's calendar (where_of: the
    application's employer's; numeric dates in `date_order`, else as the employer's country
    writes them); a CaseError on `text` for words longer than the reader reads.
    reading_pool.read reads a long text off the event loop."""
    try:
        return reading(text, said_at, where, date_order)
    except TooLong as error:
        raise CaseError("text", str(error)) from None


def reading(text: str, said_at: datetime, where: Where, date_order: str | None = None) -> dict[str, Any]:
    """The signals in the words, as read shows them; TooLong for words longer than the reader
    reads."""
    words, signals = read_message(text, said_at, where, date_order)
    return {
        "said_at": said_at.isoformat(),
        "text": words,
        "signals": [signal_json(signal) for signal in signals],
    }


def taught(engine: Engine, found: dict[str, Any], timezone: str) -> dict[str, Any]:
    """A reading as your corrections of its template say (store.corrections.as_taught), its
    dates in the employer's time zone."""
    with engine.connect() as connection:
        return as_taught(connection, found, timezone)


def teach_and_record(
    engine: Engine,
    now: datetime,
    application_id: int,
    bodies: list[dict[str, Any]],
    template: dict[str, str],
    taught: list[tuple[Correction, str | None]],
) -> None:
    """Record the events and keep the corrections of the reading they came from, all or none."""
    record_events(
        engine,
        [(application_id, _event(body, now)) for body in bodies],
        now=now,
        also=lambda connection: keep(connection, template, taught),
    )


def where_of(engine: Engine, application_id: int | None) -> Where:
    """Where the words of an application's employer are read: its employer's place, else here."""
    return employer_of(engine, application_id) if application_id is not None else Where(local_zone())


def employer_of(engine: Engine, application_id: int) -> Where:
    """Where an application's employer is: its time zone, country and region."""
    with engine.connect() as connection:
        row = connection.execute(
            select(employers.c.timezone, employers.c.country, employers.c.subdivision)
            .join(applications, applications.c.employer_id == employers.c.id)
            .where(applications.c.id == application_id)
        ).first()
    if row is None:
        raise UnknownRecord("application", application_id)
    return Where(row.timezone, row.country, row.subdivision)


def local_instant(text: str, zone: ZoneInfo, where: str) -> str | None:
    """A datetime-local field's value (no offset) as an instant in the employer's zone."""
    if not text:
        return None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise CaseError(where, f"{text!r} is not a date and time") from None
    return (local if local.utcoffset() is not None else local.replace(tzinfo=zone)).isoformat()


def your_zone(engine: Engine) -> ZoneInfo:
    with engine.connect() as connection:
        return ZoneInfo(setting(connection, "timezone") or local_zone())
