"""Insights: what a job search looks like, as figures (web/insights.py draws them as charts).

- the pipeline: applications by where they stand;
- replies to follow-ups, by channel and by how long you had waited before following up;
- how long employers took from the (first) interview to their decision."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.store.kept_agenda import instant
from followup.store.lookups import insight_rows

if TYPE_CHECKING:
    from sqlalchemy import Engine

STAGES = ("to follow up", "waiting", "no contact", "to let go", "offer", "rejected", "withdrawn", "closed")
WAITED = ((0, 3, "0-3 days"), (4, 7, "4-7 days"), (8, 14, "8-14 days"), (15, 10_000, "15 days or more"))
TOOK = ((0, 7, "within a week"), (8, 14, "1-2 weeks"), (15, 28, "2-4 weeks"), (29, 10_000, "over 4 weeks"))


def insights(engine: Engine) -> dict[str, Any]:
    stood, firsts, rows = insight_rows(engine)
    pipeline = Counter(_stage(status, action) for status, action in stood)
    by_channel: dict[str, Counter[str]] = defaultdict(Counter)
    by_wait: dict[str, Counter[str]] = defaultdict(Counter)
    took: Counter[str] = Counter()
    last_word: dict[int, datetime] = {}
    for application_id, at, kind, channel, purpose, answered in rows:
        at = instant(at)
        since = last_word.get(application_id) or (
            instant(firsts[application_id]) if application_id in firsts else at
        )
        if kind == "contacted" and purpose in ("check_in", "call_back"):
            answer = "answered" if answered else "no answer"
            by_channel[channel or "?"][answer] += 1
            by_wait[_bucket((at - since).days, WAITED)][answer] += 1
        their_word = kind in ("decision_by", "call_back", "in_running", "on_hold")
        if (kind == "contacted" and answered) or their_word:
            last_word[application_id] = at
        if kind in ("rejected", "offer") and application_id in firsts:
            took[_bucket((at - instant(firsts[application_id])).days, TOOK)] += 1
    return {
        "pipeline": {stage: pipeline[stage] for stage in STAGES if pipeline[stage]},
        "replies_by_channel": {channel: dict(found) for channel, found in sorted(by_channel.items())},
        "replies_by_days_waited": {
            label: dict(by_wait[label]) for _low, _high, label in WAITED if by_wait[label]
        },
        "days_to_decision": {label: took[label] for _low, _high, label in TOOK if took[label]},
    }


def _stage(status: str, action: str | None) -> str:
    if status != "active":
        return status
    return {"follow_up": "to follow up", "do_not_contact": "no contact", "move_on": "to let go"}.get(
        action or "", "waiting"
    )


def _bucket(days: int, buckets: tuple[tuple[int, int, str], ...]) -> str:
    return next(label for low, high, label in buckets if low <= max(days, 0) <= high)
