"""What a coach's dashboard reads: for each seeker whose applications the connection may read
(row-level security keeps them to the coach's own seekers), how their search stands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, select

from followup.store.schema import advice, applications, events


def standing(
    connection: Connection, now: datetime, *, overdue: datetime, week_ago: datetime
) -> dict[int, dict[str, Any]]:
    """By seeker: active applications, follow-ups due now and due since before `overdue`, those to
    let go, offers and rejections recorded since `week_ago`, and when their search last moved (an
    application added or anything recorded of one)."""

    def count(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    active = applications.c.status == "active"
    due = and_(active, advice.c.action == "follow_up", advice.c.not_before <= now)
    by_application = (
        select(
            applications.c.seeker_id,
            count(active).label("active"),
            count(due).label("due"),
            count(and_(due, advice.c.not_before <= overdue)).label("overdue"),
            count(and_(active, advice.c.action == "move_on")).label("move_on"),
            func.max(applications.c.created_at).label("added"),
        )
        .select_from(applications.outerjoin(advice, advice.c.application_id == applications.c.id))
        .group_by(applications.c.seeker_id)
    )
    found = {row.seeker_id: dict(row._mapping) for row in connection.execute(by_application)}
    recorded = (
        select(
            applications.c.seeker_id,
            func.max(events.c.recorded_at).label("recorded"),
            count(and_(events.c.kind == "offer", events.c.at >= week_ago)).label("offers"),
            count(and_(events.c.kind == "rejected", events.c.at >= week_ago)).label("rejections"),
        )
        .select_from(events.join(applications, applications.c.id == events.c.application_id))
        .where(events.c.corrects.is_(None))
        .group_by(applications.c.seeker_id)
    )
    for row in connection.execute(recorded):
        found[row.seeker_id].update(recorded=row.recorded, offers=row.offers, rejections=row.rejections)
    return found
