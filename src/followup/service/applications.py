"""The applications as every face shows them: the application read model. A list of them with
their advice, one with its advice (kept, and worked out again when the clock has changed it) and
its timeline; adding one and recording what happened, each in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.casefile import CaseError
from followup.casefile.fields import plain_text
from followup.places.localzone import local_zone
from followup.store import lookups
from followup.store.agenda import kept_holds, refresh_due
from followup.store.applications import (
    UnknownApplication,
    UnknownRecord,
    add_application,
    list_applications,
    load_case,
    record_event,
    record_events,
    refresh_advice,
    timeline,
)
from followup.store.settings import read_setting

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.reading.reader import Where

__all__ = [
    "PAGE_SIZE",
    "UnknownApplication",
    "UnknownRecord",
    "add",
    "add_application",
    "any_application",
    "application",
    "application_list",
    "applications",
    "employer_of",
    "load_case",
    "record",
    "record_all",
    "record_event",
    "timeline",
    "where_of",
    "your_zone",
]

SEARCH_LONGEST = 200  # characters of a search: part of a name or a role
PAGE_SIZE = 100  # applications shown at a time


def applications(engine: Engine, now: datetime, status: str | None = None) -> list[dict[str, Any]]:
    """Every application (of a status), with its advice as kept, once what is due is worked out."""
    refresh_due(engine, now)
    return list_applications(engine, status)


def any_application(engine: Engine) -> bool:
    """Whether the store holds an application (read only: nothing is worked out)."""
    return bool(list_applications(engine, limit=1))


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
    if search:
        plain_text(search, "q", SEARCH_LONGEST)  # what the store can hold (PostgreSQL: no NUL)
    refresh_due(engine, now)
    rows = list_applications(
        engine, status, action=action, search=search, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
    )
    return {"applications": rows[:PAGE_SIZE], "page": page, "more": len(rows) > PAGE_SIZE}


def application(engine: Engine, now: datetime, application_id: int) -> dict[str, Any]:
    """An application, its advice (as kept, worked out again if the clock has changed it) and its
    timeline."""
    row = lookups.application_shown(engine, application_id)
    body = row.body
    if body is None or not kept_holds(row.changes_at, row.computed_at, now):
        refresh_advice(engine, application_id, now)  # worked out once, kept, and read back
        body = lookups.kept_advice(engine, application_id)
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
    """Record an event, as given; the application as it stands after it."""
    record_event(engine, application_id, event(body, now), now=now)
    return application(engine, now, application_id)


def record_all(engine: Engine, now: datetime, application_id: int, bodies: list[dict[str, Any]]) -> None:
    """Several events of one application, all or none."""
    record_events(engine, [(application_id, event(body, now)) for body in bodies], now=now)


def event(body: dict[str, Any], now: datetime) -> dict[str, Any]:
    """An event as given, less the fields left empty (null, false, [], ""); a 0 is kept, to be
    checked as given."""
    item = {key: value for key, value in body.items() if value is not False and value not in (None, [], "")}
    item.setdefault("at", now.isoformat())
    return item


def where_of(engine: Engine, application_id: int | None) -> Where:
    """Where the words of an application's employer are read: its employer's place, else here."""
    from followup.reading.reader import Where  # the reader, loaded only to read

    return employer_of(engine, application_id) if application_id is not None else Where(local_zone())


def employer_of(engine: Engine, application_id: int) -> Where:
    """Where an application's employer is: its time zone, country and region."""
    from followup.reading.reader import Where

    return Where(*lookups.employer_place(engine, application_id))


def your_zone(engine: Engine) -> ZoneInfo:
    """Your time zone: as you set it, else this computer's."""
    return ZoneInfo(read_setting(engine, "timezone") or local_zone())
