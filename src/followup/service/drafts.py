"""What a draft is made of, from what is stored; the case a sent email is checked against."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup import drafts as wording
from followup.drafts import Draft
from followup.store.applications import case_document
from followup.store.lookups import addressee, draft_facts

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["addressee", "case_document_of", "draft_facts", "drafts"]


def drafts(
    engine: Engine,
    application_id: int,
    advice: dict[str, Any],
    channel: str | None = None,
    *,
    on_page: bool = False,
) -> list[Draft]:
    """The drafts for the contact the advice for the application calls for (followup.drafts),
    made of what is stored of it."""
    return wording.drafts(
        lambda now: draft_facts(engine, application_id, now), application_id, advice, channel, on_page=on_page
    )


def case_document_of(engine: Engine, application_id: int, now: datetime) -> dict[str, Any]:
    """The stored application as a case file, as it stood at `now`."""
    with engine.connect() as connection:
        return case_document(connection, application_id, now)
