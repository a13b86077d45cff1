"""Today's agenda: what to do, what waits and until when, what to let go, and the interviews
coming up. Only advice the clock has changed is worked out again; the rest is read as kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from followup.store.applications import refresh_advice, with_advice
from followup.store.schema import advice, applications, employers, interviews

LISTED = 50  # of the waiting and the let go, the nearest; the rest are counted


@dataclass
class Agenda:
    now: datetime
    until: datetime
    to_do: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    waiting_more: int = 0
    let_go: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[dict[str, Any]] = field(default_factory=list)
    refreshed: int = 0


def refresh_due(engine: Engine, now: datetime) -> int:
    """Work out again the advice of every application whose time has come; how many."""
    with engine.connect() as connection:
        due = list(
            connection.execute(select(advice.c.application_id).where(advice.c.changes_at <= now)).scalars()
        )
    for application_id in due:
        refresh_advice(engine, application_id, now)
    return len(due)


def agenda(engine: Engine, now: datetime, *, days: int = 1) -> Agenda:
    """The agenda from now to the end of `days` days (a day: the next 24 hours)."""
    until = now + timedelta(days=days)
    result = Agenda(now=now, until=until, refreshed=refresh_due(engine, now))
    base = with_advice().where(applications.c.status == "active")
    with engine.connect() as connection:
        due = base.where(
            or_(
                advice.c.action == "follow_up",
                and_(advice.c.action == "wait", advice.c.purpose.is_not(None), advice.c.not_before <= until),
            )
        ).order_by(advice.c.not_before, applications.c.id)
        result.to_do = sorted((_item(row) for row in connection.execute(due)), key=_soonest_window)
        later = (
            base.where(
                or_(
                    and_(
                        advice.c.action == "wait",
                        or_(advice.c.purpose.is_(None), advice.c.not_before > until),
                    ),
                    advice.c.action == "do_not_contact",
                )
            )
            .order_by(advice.c.changes_at, applications.c.id)
            .limit(LISTED + 1)
        )
        waiting = [_item(row) for row in connection.execute(later)]
        result.waiting, result.waiting_more = waiting[:LISTED], max(0, len(waiting) - LISTED)
        gone = base.where(advice.c.action == "move_on").order_by(applications.c.id.desc()).limit(LISTED)
        result.let_go = [_item(row) for row in connection.execute(gone)]
        coming = (
            select(
                interviews.c.application_id,
                interviews.c.round,
                interviews.c.at,
                employers.c.name,
                applications.c.role,
            )
            .join(applications, applications.c.id == interviews.c.application_id)
            .join(employers, employers.c.id == applications.c.employer_id)
            .where(interviews.c.at >= now, interviews.c.at < now + timedelta(days=max(days, 2)))
            .order_by(interviews.c.at)
        )
        result.interviews = [_interview(row) for row in connection.execute(coming)]
    return result


def _interview(row: Any) -> dict[str, Any]:
    return {"id": row.application_id, "round": row.round, "at": row.at.isoformat(), "employer": row.name}


def _item(row: Any) -> dict[str, Any]:
    body = row.body
    reasons = body.get("reasons") or []
    return {
        "id": row.id,
        "employer": row.employer,
        "role": row.role,
        "action": row.action,
        "purpose": row.purpose,
        "channel": row.channel,
        "not_before": body.get("not_before"),
        "move_on_at": body.get("move_on_at"),
        "windows": body.get("windows") or [],
        "reason": _main_reason(reasons),
        "employer_timezone": body["employer"]["timezone"],
        "candidate_timezone": body["candidate"]["timezone"],
    }


def _soonest_window(item: dict[str, Any]) -> str:
    """Today's to-do in the order of their first good time (in UTC, so they compare)."""
    windows = item["windows"]
    start = windows[0]["start"] if windows else item["not_before"]
    return datetime.fromisoformat(start).astimezone(UTC).isoformat() if start else ""


DECIDING = ("silence.", "schedule.move_on", "schedule.max_check_ins", "outcome.", "instruction.", "schedule.")


def _main_reason(reasons: list[dict[str, str]]) -> str | None:
    """The reason that decided, in one line: a move-on or an outcome first, then the instruction
    or the schedule; not the channel, the hours or the thank-you."""
    for prefix in DECIDING:
        found = [reason["text"] for reason in reasons if reason["rule"].startswith(prefix)]
        if found:
            return found[-1]
    return reasons[0]["text"] if reasons else None
