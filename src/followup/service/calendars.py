"""What the calendar file, its feed and the CalDAV push show (the follow-ups planned and the
rounds to come), and what they remember between runs (in the store's settings)."""

from __future__ import annotations

from followup.store.lookups import planned_rows

__all__ = ["planned_rows"]
