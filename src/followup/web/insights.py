"""Insights: what a job search looks like, as figures and as bar charts drawn here as SVG.

- the pipeline: applications by where they stand;
- replies to follow-ups, by channel and by how long you had waited before following up;
- how long employers took from the (first) interview to their decision."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from html import escape
from typing import Any

from sqlalchemy import Engine, select

from followup.kept_agenda import instant
from followup.store.schema import advice, applications, events, interviews

STAGES = ("to follow up", "waiting", "no contact", "to let go", "offer", "rejected", "withdrawn", "closed")
WAITED = ((0, 3, "0-3 days"), (4, 7, "4-7 days"), (8, 14, "8-14 days"), (15, 10_000, "15 days or more"))
TOOK = ((0, 7, "within a week"), (8, 14, "1-2 weeks"), (15, 28, "2-4 weeks"), (29, 10_000, "over 4 weeks"))


def insights(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:
        stood = connection.execute(
            select(applications.c.status, advice.c.action).outerjoin(
                advice, advice.c.application_id == applications.c.id
            )
        ).all()
        firsts = dict(
            connection.execute(
                select(interviews.c.application_id, interviews.c.at).where(interviews.c.round == 1)
            ).all()
        )
        rows = connection.execute(
            select(
                events.c.application_id,
                events.c.at,
                events.c.kind,
                events.c.channel,
                events.c.purpose,
                events.c.answered,
            ).order_by(events.c.application_id, events.c.at)
        ).all()
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


def bars(title: str, values: dict[str, int], unit: str = "", said: dict[str, str] | None = None) -> str:
    """A horizontal bar chart, as SVG with its title and a text description; `said`: the words
    beside each bar, when more than its value and unit."""
    width, row, label_width = 560, 28, 150
    top = max(values.values(), default=0) or 1
    height = row * max(len(values), 1) + 10
    said = said or {key: f"{value}{unit}" for key, value in values.items()}
    described = "; ".join(f"{key}: {said[key]}" for key in values)
    parts = [
        f'<svg role="img" aria-labelledby="t-{_id(title)} d-{_id(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" class="chart">',
        f'<title id="t-{_id(title)}">{escape(title)}</title>',
        f'<desc id="d-{_id(title)}">{escape(described)}</desc>',
    ]
    for index, (label, value) in enumerate(values.items()):
        y = 5 + index * row
        length = (width - label_width - 60) * value / top
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" class="label">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" class="bar"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" class="value">'
            f"{escape(said[label])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def shares(title: str, values: dict[str, dict[str, int]]) -> str:
    """The share answered of each group, as bars with the counts beside them."""
    rates = {
        group: round(100 * found.get("answered", 0) / max(sum(found.values()), 1))
        for group, found in values.items()
    }
    said = {
        group: f"{rates[group]}% answered ({found.get('answered', 0)} of {sum(found.values())})"
        for group, found in values.items()
    }
    return bars(title, rates, "% answered", said)


def _id(title: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in title.lower())
