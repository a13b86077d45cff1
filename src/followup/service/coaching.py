"""A coach's dashboard: each seeker assigned to them, and how their search stands today: the
follow-ups due and overdue, whom to tell to move on, who is stuck (nothing added or recorded for
STUCK_DAYS days), the offers and rejections of the week. Read as the coach sees the store, so no
other seeker's data is ever counted."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.service import accounts
from followup.store.agenda import refresh_due
from followup.store.coaching import standing

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.service.accounts import Account

STUCK_DAYS = 14
OVERDUE = timedelta(days=2)  # a follow-up due this long ago and still not made
COLUMNS = (
    "seeker", "email", "active", "due", "overdue", "move_on", "offers_this_week", "rejections_this_week",
    "last_movement", "stuck",
)  # fmt: skip


def dashboard(
    engine: Engine, coach: Account, now: datetime, *, stuck_days: int = STUCK_DAYS
) -> list[dict[str, Any]]:
    """A row for each of the coach's seekers, those who need a nudge first (overdue, due, stuck,
    to move on), then by name. `engine`: the store as the coach sees it (stores.as_account)."""
    if not coach.coach:
        raise accounts.NotAllowed("the dashboard is a coach's")
    seekers = accounts.people(engine, coach)
    refresh_due(engine, now)  # the advice the clock has changed, worked out again
    with engine.connect() as connection:
        found = standing(connection, now, overdue=now - OVERDUE, week_ago=now - timedelta(days=7))
    rows: list[dict[str, Any]] = []
    for seeker in seekers:
        counts = found.get(seeker.id, {})
        moments = [value for value in (counts.get("added"), counts.get("recorded")) if value is not None]
        last = max(moments, default=None)
        rows.append(
            {
                "seeker": seeker.name,
                "email": seeker.email,
                "id": seeker.id,
                "active": int(counts.get("active") or 0),
                "due": int(counts.get("due") or 0),
                "overdue": int(counts.get("overdue") or 0),
                "move_on": int(counts.get("move_on") or 0),
                "offers_this_week": int(counts.get("offers") or 0),
                "rejections_this_week": int(counts.get("rejections") or 0),
                "last_movement": last.isoformat() if last else None,
                "stuck": last is None or now - last >= timedelta(days=stuck_days),
                "shares_notes": seeker.shares_notes,
            }
        )
    rows.sort(
        key=lambda row: (-row["overdue"], -row["due"], not row["stuck"], -row["move_on"], row["seeker"])
    )
    return rows


def dashboard_csv(rows: list[dict[str, Any]]) -> str:
    """The dashboard as CSV, for reporting: one line per seeker, the columns of COLUMNS."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {**row, "stuck": "yes" if row["stuck"] else "no", "last_movement": row["last_movement"] or ""}
        )
    return out.getvalue()
