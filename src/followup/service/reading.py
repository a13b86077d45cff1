"""Reading an employer's words for every face: the signals found, dates resolved on the
employer's calendar, read as your corrections of the words' template say; recording what was
read, and keeping what you corrected, all or none."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.casefile import CaseError
from followup.core import Advice
from followup.reading.limits import TooLong
from followup.reading.reader import Where, read_message, signal_json
from followup.reading.templates import Correction
from followup.service.applications import event
from followup.store import lookups
from followup.store.applications import record_events
from followup.store.corrections import forget, keep, keep_alone, listed, read_as_taught

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = [
    "active_with_employers",
    "as_corrected",
    "corrections",
    "employer_and_active",
    "forget",
    "keep_corrections",
    "read",
    "reading",
    "record_read",
    "teach_and_record",
]

corrections = listed  # every correction kept, newest first
employer_and_active = lookups.employer_and_active
active_with_employers = lookups.active_with_employers


def read(text: str, said_at: datetime, where: Where, date_order: str | None = None) -> dict[str, Any]:
    """The signals in the words, dates resolved on the employer's calendar (numeric dates in
    `date_order`, else as the employer's country writes them); a CaseError on `text` for words
    longer than the reader reads. web.reading_pool.read reads a long text off the event loop."""
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


def as_corrected(engine: Engine, found: dict[str, Any], timezone: str) -> dict[str, Any]:
    """A reading as your corrections of its template say (store.corrections.as_taught), its
    dates in the employer's time zone."""
    return read_as_taught(engine, found, timezone)


def keep_corrections(
    engine: Engine, template: dict[str, str], taught: list[tuple[Correction, str | None]]
) -> int:
    """Keep corrections of a reading that record nothing, in one transaction; how many."""
    return keep_alone(engine, template, taught)


def record_read(engine: Engine, items: list[tuple[int, dict[str, Any]]], now: datetime) -> dict[int, Advice]:
    """Record the events read (application, event), all or none; the advice of each after."""
    return record_events(engine, items, now=now)


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
        [(application_id, event(body, now)) for body in bodies],
        now=now,
        also=lambda connection: keep(connection, template, taught),
    )
