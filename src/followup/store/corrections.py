"""Your corrections of readings, kept by the template of the words read (reading.templates):
a reading is given as you corrected its template before, and what you correct now is kept, in
the same transaction as the events it records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from followup.casefile import CaseError
from followup.casefile.limits import LONGEST_EVIDENCE
from followup.reading.templates import Correction, corrected, said_day, shortened, template_of
from followup.store.database import writing
from followup.store.schema import corrections


def as_taught(connection: Connection, found: dict[str, Any], timezone: str) -> dict[str, Any]:
    """A reading (`text`, `said_at` and `signals`, as service.reading.reading gives it) as your
    corrections of its template say, with the template's key, what was dismissed, and where
    each signal's words stand in the template (to correct it in turn)."""
    template = template_of(found["text"])
    if template is None:
        return {**found, "template": None, "dismissed": []}
    shown = {"key": template.key, "words": shortened(template.masked)}
    said = said_day(found["said_at"], timezone)
    signals, dismissed = corrected(found["signals"], template, said, corrections_of(connection, template.key))
    for signal in signals:
        signal.setdefault("corrected", None)
        signal["words_at"] = list(template.words_at(signal["start"], signal["end"]))
    return {**found, "signals": signals, "template": shown, "dismissed": dismissed}


def corrections_of(connection: Connection, key: str) -> list[Correction]:
    """The corrections of a template, oldest first."""
    rows = connection.execute(
        select(corrections).where(corrections.c.template == key).order_by(corrections.c.id)
    )
    return [Correction(row.read_as, row.reading, row.corrected_at) for row in rows]


def keep(
    connection: Connection, template: dict[str, str], taught: list[tuple[Correction, str | None]]
) -> int:
    """Keep corrections of a reading of the template (its key and masked words, as as_taught
    gives them), each with the words that say it, in the caller's transaction; how many."""
    if not taught:
        return 0
    rows = [
        {"template": template["key"], "read_as": one.read_as, "reading": one.reading,
         "words": shortened(template["words"]), "corrected_at": one.corrected_at,
         "evidence": " ".join(evidence.split())[:LONGEST_EVIDENCE] if evidence else None}
        for one, evidence in taught
    ]  # fmt: skip
    connection.execute(insert(corrections), rows)
    return len(rows)


def listed(engine: Engine) -> list[dict[str, Any]]:
    """Every correction kept, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(corrections).order_by(corrections.c.id.desc()))
        return [
            {"id": row.id, "corrected_at": row.corrected_at.isoformat(), "read_as": row.read_as,
             "what": Correction(row.read_as, row.reading, row.corrected_at).what,
             "kind": (row.reading or {}).get("kind"), "fields": (row.reading or {}).get("fields") or {},
             "evidence": row.evidence, "template": row.template, "words": row.words}
            for row in rows
        ]  # fmt: skip


def forget(engine: Engine, correction_id: int) -> None:
    """Forget one correction: its template is read as the reader reads it again."""
    with writing(engine, counted=False) as connection:  # no advice changes
        gone = connection.execute(delete(corrections).where(corrections.c.id == correction_id)).rowcount
        if not gone:
            raise CaseError("correction", f"no correction {correction_id}")


def read_as_taught(engine: Engine, found: dict[str, Any], timezone: str) -> dict[str, Any]:
    """as_taught, in a connection of its own."""
    with engine.connect() as connection:
        return as_taught(connection, found, timezone)


def keep_alone(engine: Engine, template: dict[str, str], taught: list[tuple[Correction, str | None]]) -> int:
    """keep, in a transaction of its own (corrections that record no event)."""
    with writing(engine, counted=False) as connection:
        return keep(connection, template, taught)
