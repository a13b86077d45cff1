"""Today's agenda as kept in the store: what to do, what waits and until when, what to let go,
and the interviews coming up. Plain SQL on the kept advice, run either through SQLAlchemy or
straight on a SQLite file (`followup today` starts in a few milliseconds when nothing is due).

Only the Python standard library is imported here: it is on the quick path."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Run = Callable[[str, dict[str, Any]], list[dict[str, Any]]]

# The store revision these queries read, and the one a store at it opens at without loading its
# migrations (store.database); a test keeps it at the head.
SCHEMA = "0010"
LISTED = 50  # of the waiting and the let go, the nearest; the rest are counted

ITEM = """
SELECT a.id, a.role, e.name AS employer, v.action, v.purpose, v.channel, v.body
FROM applications a JOIN employers e ON e.id = a.employer_id JOIN advice v ON v.application_id = a.id
WHERE a.status = 'active' AND """
TO_DO = (
    ITEM
    + """(v.action = 'follow_up'
    OR (v.action = 'wait' AND v.purpose IS NOT NULL AND v.not_before <= :until))
ORDER BY v.not_before, a.id"""
)
WAITING = (
    ITEM
    + """((v.action = 'wait' AND (v.purpose IS NULL OR v.not_before > :until))
    OR v.action = 'do_not_contact')
ORDER BY v.changes_at IS NULL, v.changes_at, a.id LIMIT :limit"""
)
LET_GO = (  # what the advice turned to "move on" lately (kept advice is worked out when it changes)
    ITEM + "v.action = 'move_on' AND v.computed_at >= :since ORDER BY a.id DESC LIMIT :limit"
)
CLOSED = """
SELECT a.id, a.role, e.name AS employer, v.action, v.purpose, v.channel, v.body, o.at AS closed_at
FROM events o JOIN applications a ON a.id = o.application_id JOIN employers e ON e.id = a.employer_id
JOIN advice v ON v.application_id = a.id
WHERE o.kind IN ('rejected', 'withdrawn') AND o.at >= :since AND a.status IN ('rejected', 'withdrawn')
ORDER BY o.at DESC, a.id DESC LIMIT :limit"""
RECENT = timedelta(days=14)  # a rejection, or silence, stays under "let go" this long
INTERVIEWS = """
SELECT i.application_id, i.round, i.at, i.minutes, i.format, e.name AS employer, e.timezone, a.role
FROM interviews i JOIN applications a ON a.id = i.application_id JOIN employers e ON e.id = a.employer_id
WHERE i.at >= :now AND i.at < :soon AND a.status = 'active'
ORDER BY i.at, i.application_id"""
YOUR_ZONE = "SELECT value FROM settings WHERE name = 'timezone'"
DUE = "SELECT 1 FROM advice WHERE changes_at <= :now OR computed_at > :now LIMIT 1"


class Agenda:
    """The agenda from `now` to `until`."""

    def __init__(self, now: datetime, until: datetime, your_zone: str) -> None:
        self.now, self.until, self.your_zone = now, until, your_zone
        self.to_do: list[dict[str, Any]] = []
        self.waiting: list[dict[str, Any]] = []
        self.waiting_more = 0
        self.let_go: list[dict[str, Any]] = []
        self.interviews: list[dict[str, Any]] = []
        self.refreshed = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "until": self.until.isoformat(),
            "your_timezone": self.your_zone,
            "to_do": self.to_do,
            "waiting": self.waiting,
            "waiting_more": self.waiting_more,
            "let_go": self.let_go,
            "interviews": self.interviews,
            "refreshed": self.refreshed,
        }


def read_agenda(run: Run, now: datetime, days: int, your_zone: str | None) -> Agenda:
    """The agenda for the next `days` days (a day: the next 24 hours), from the kept advice."""
    from followup.places.localzone import local_zone

    stored = run(YOUR_ZONE, {})
    zone = your_zone or (stored[0]["value"] if stored else None) or local_zone()
    until = now + timedelta(days=days)
    result = Agenda(now, until, zone)
    # What the advice says to do now, and what falls due with a good time before `until`; the
    # rest of what falls due waits (allowed, but no good time before until).
    due = sorted((_item(row) for row in run(TO_DO, {"until": until})), key=lambda item: _soonest(item, now))
    ends = until.astimezone(UTC).isoformat()
    result.to_do = [item for item in due if item["action"] == "follow_up" or _soonest(item, now) < ends]
    later = [item for item in due if item not in result.to_do]
    waiting = later + [_item(row) for row in run(WAITING, {"until": until, "limit": LISTED + 1})]
    result.waiting, result.waiting_more = waiting[:LISTED], max(0, len(waiting) - LISTED)
    closed = [_item(row) for row in run(CLOSED, {"since": now - RECENT, "limit": LISTED})]
    let_go = [_item(row) for row in run(LET_GO, {"since": now - RECENT, "limit": LISTED})]
    result.let_go = (closed + let_go)[:LISTED]
    soon = now + timedelta(days=max(days, 2))  # today's and tomorrow's at least
    result.interviews = [_interview(row, zone) for row in run(INTERVIEWS, {"now": now, "soon": soon})]
    return result


def instant(value: Any) -> datetime:
    """An instant as the store keeps it (SQLite: text in UTC; PostgreSQL: aware), in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)  # type: ignore[no-any-return]


def sqlite_instant(moment: datetime) -> str:
    """An instant as SQLite keeps it: UTC, as text that sorts."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _interview(row: dict[str, Any], zone: str) -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    at = instant(row["at"])
    return {
        "id": row["application_id"],
        "round": row["round"],
        "employer": row["employer"],
        "role": row["role"],
        "format": row["format"],
        "minutes": row["minutes"],
        "at": at.astimezone(ZoneInfo(row["timezone"])).isoformat(),
        "your_at": at.astimezone(ZoneInfo(zone)).isoformat(),
        "employer_timezone": row["timezone"],
    }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    body = row["body"]
    if isinstance(body, str):
        body = json.loads(body)
    reasons = body.get("reasons") or []
    return {
        "id": row["id"],
        "employer": row["employer"],
        "role": row["role"],
        "action": row["action"],
        "purpose": row["purpose"],
        "channel": row["channel"],
        "not_before": body.get("not_before"),
        "move_on_at": body.get("move_on_at"),
        "windows": body.get("windows") or [],
        "deliver_at": body.get("deliver_at"),
        "reason": _main_reason(reasons),
        "timing": _timing(reasons),
        "employer_timezone": body["employer"]["timezone"],
        "candidate_timezone": body["candidate"]["timezone"],
    }


def _soonest(item: dict[str, Any], now: datetime) -> str:
    """When an item can be done, in UTC (so they compare): an email to send now, now; anything
    else from its `not_before` (an email from when it falls due, a call or a visit at its first
    good time), as the advice says."""
    start = item["not_before"]
    if not start or (item["action"] == "follow_up" and item["channel"] == "email"):
        return now.astimezone(UTC).isoformat()
    return max(datetime.fromisoformat(start), now).astimezone(UTC).isoformat()


# The rules (core.model.Rule: their ids, or a family's, before its dot) that say something: named
# here as text, so that the quick agenda loads no more than the standard library (a test keeps
# them the core's).
TIMING = ("email.", "windows.first_later", "windows.outside_your_hours")


def _timing(reasons: list[dict[str, str]]) -> str | None:
    """What the calendar says about the moment: their office closed, their day over, a delivery
    to schedule, no good time while you are awake."""
    found = [reason["text"] for reason in reasons if reason["rule"].startswith(TIMING)]
    return found[-1] if found else None


DECIDING = ("silence.", "schedule.move_on", "schedule.max_check_ins", "outcome.", "instruction.", "schedule.")


def _main_reason(reasons: list[dict[str, str]]) -> str | None:
    """The reason that decided, in one line: a move-on or an outcome first, then the instruction
    or the schedule; not the channel, the hours or the thank-you."""
    for prefix in DECIDING:
        found = [reason["text"] for reason in reasons if reason["rule"].startswith(prefix)]
        if found:
            return found[-1]
    return reasons[0]["text"] if reasons else None


def kept_in_file(path: str, now: datetime, days: int) -> tuple[Agenda | None, bool]:
    """The agenda as kept in the SQLite file, read with the standard library alone, in one
    snapshot, or None when it cannot be read so: a store at another revision (to migrate), advice
    the clock has changed (to work out again), a file that is not a store; and whether only that
    advice, due, stands in the way."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None, False
    connection.row_factory = _as_dict

    def run(sql: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        encoded = {
            key: sqlite_instant(value) if isinstance(value, datetime) else value
            for key, value in parameters.items()
        }
        return list(connection.execute(sql, encoded).fetchall())

    try:
        connection.execute("BEGIN")  # one snapshot for every query
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if [row["version_num"] for row in revision] != [SCHEMA]:
            return None, False
        if run(DUE, {"now": now}):
            return None, True
        return read_agenda(run, now, days, None), False
    except sqlite3.Error:
        return None, False
    finally:
        connection.close()


def _as_dict(cursor: Any, row: tuple[Any, ...]) -> dict[str, Any]:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}
