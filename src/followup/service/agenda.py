"""Today's agenda, from the kept advice once the advice the clock has changed is worked out
again; the insights into the whole search; the reminders sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.rendering.agenda import agenda_json
from followup.store.agenda import agenda, refresh_due
from followup.store.kept_agenda import Agenda
from followup.store.reminders import already_reminded, mark_reminded

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Engine

__all__ = ["Agenda", "agenda", "already_reminded", "mark_reminded", "refresh_due", "today"]


def today(engine: Engine, now: datetime, days: int = 1) -> dict[str, Any]:
    """The agenda from now to the end of `days` days, as plain data (the pages' and the API's)."""
    return agenda_json(agenda(engine, now, days=days))
