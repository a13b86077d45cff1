"""Today's agenda from the store: first the advice the clock has changed is worked out again,
then the kept advice is read (followup.store.kept_agenda), so the cost follows what is due."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, text

from followup.store.applications import refresh_many, setting
from followup.store.database import writing
from followup.store.kept_agenda import Agenda, read_agenda, sqlite_instant
from followup.store.schema import advice


def kept_holds(changes_at: datetime | None, computed_at: datetime | None, now: datetime) -> bool:
    """Whether kept advice holds at now: from the moment it was worked out for until the moment
    the clock alone can change it. refresh_due asks the same of every kept advice at once."""
    return (computed_at is None or computed_at <= now) and (changes_at is None or now < changes_at)


def refresh_due(engine: Engine, now: datetime) -> int:
    """Work out again the advice of every application whose time has come, and of any worked out
    for a later moment than now (a run with --now ahead of the clock, or records written later
    than the moment asked about): kept advice holds from computed_at until changes_at. How many.
    All in one transaction, read and written in batches: the cost follows what is due."""
    stale = (advice.c.changes_at <= now) | (advice.c.computed_at > now)
    with engine.connect() as connection:
        if connection.execute(select(advice.c.application_id).where(stale).limit(1)).first() is None:
            return 0  # the common case: nothing due, nothing written
    with writing(engine) as connection:  # one transaction, its reads and writes in batches
        due = list(connection.execute(select(advice.c.application_id).where(stale)).scalars())
        refresh_many(connection, sorted(due), now)
    return len(due)


def agenda(engine: Engine, now: datetime, *, days: int = 1) -> Agenda:
    """The agenda from now to the end of `days` days (a day: the next 24 hours)."""
    refreshed = refresh_due(engine, now)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:

        def run(sql: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
            if sqlite:  # instants as SQLite keeps them
                parameters = {
                    key: sqlite_instant(value) if isinstance(value, datetime) else value
                    for key, value in parameters.items()
                }
            return [dict(row._mapping) for row in connection.execute(text(sql), parameters)]

        result = read_agenda(run, now, days, setting(connection, "timezone"))  # your own, on a server
    result.refreshed = refreshed
    return result
