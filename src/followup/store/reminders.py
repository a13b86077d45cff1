"""The reminders sent: each one once, however many runs send them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from followup.store.database import writing
from followup.store.schema import reminders


def already_reminded(engine: Engine, keys: list[str]) -> set[str]:
    """Of these reminders' keys, those sent before."""
    if not keys:
        return set()
    with engine.connect() as connection:
        return set(connection.execute(select(reminders.c.key).where(reminders.c.key.in_(keys))).scalars())


def mark_reminded(engine: Engine, rows: list[dict[str, Any]]) -> int:
    """Record, in one transaction, the reminders sent (key, application_id, sent_at, how); one
    recorded meanwhile by another run is left as it is. How many were recorded."""
    if not rows:
        return 0
    from sqlalchemy.dialects import postgresql, sqlite  # loaded only to record reminders

    with writing(engine) as connection:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(reminders).on_conflict_do_nothing(index_elements=["key"])
        return int(connection.execute(statement, rows).rowcount or 0)
