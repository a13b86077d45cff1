"""The reminder digest: what is due today (follow-ups with a good time in the next 24 hours,
and interviews in them), less what you were already reminded of; and the record of what was
reminded, so that `followup remind` never tells you the same thing twice.

Each reminder has a key: a follow-up's is its application, purpose and the day (in the
employer's time) of its first good window, so a follow-up left undone is reminded again on the
next day it is due; an interview's is its application, round and day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.core import words
from followup.rendering.agenda import to_do_lines
from followup.service.agenda import agenda, already_reminded, mark_reminded

if TYPE_CHECKING:
    from sqlalchemy import Engine

HOW = {"print": "printed", "email": "email", "desktop": "desktop"}  # as kept in reminders.how


@dataclass(frozen=True)
class Reminder:
    """One thing to remind you of: a follow-up to make, or an interview."""

    key: str
    application_id: int
    kind: str  # to_do or interview
    item: dict[str, Any]  # as in the agenda


@dataclass
class Digest:
    """What to remind you of now, in your time zone; `already`: those reminded before."""

    now: datetime
    your_zone: str
    reminders: list[Reminder] = field(default_factory=list)
    already: int = 0

    @property
    def to_do(self) -> list[Reminder]:
        return [reminder for reminder in self.reminders if reminder.kind == "to_do"]

    @property
    def interviews(self) -> list[Reminder]:
        return [reminder for reminder in self.reminders if reminder.kind == "interview"]

    def subject(self) -> str:
        parts = []
        if self.to_do:
            parts.append(f"{len(self.to_do)} to do today")
        if self.interviews:
            count = len(self.interviews)
            parts.append(f"{count} interview{'' if count == 1 else 's'} coming up")
        return "followup: " + (", ".join(parts) or "nothing new")

    @property
    def your_now(self) -> datetime:
        return self.now.astimezone(ZoneInfo(self.your_zone))

    def text(self) -> str:
        lines = [f"Due today, from {words.moment(self.your_now)} your time ({self.your_zone})"]
        if self.to_do:
            lines += ["", "To do:"]
            for reminder in self.to_do:
                lines += _to_do_lines(reminder.item, self.your_zone)
        if self.interviews:
            lines += ["", "Interviews:"]
            lines += [_interview_line(reminder.item) for reminder in self.interviews]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "your_timezone": self.your_zone,
            "to_do": [{"key": reminder.key, **reminder.item} for reminder in self.to_do],
            "interviews": [{"key": reminder.key, **reminder.item} for reminder in self.interviews],
            "already_reminded": self.already,
        }


def digest(engine: Engine, now: datetime) -> Digest:
    """What is due in the next 24 hours that you have not been reminded of."""
    plan = agenda(engine, now, days=1)
    due = [Reminder(_to_do_key(item), item["id"], "to_do", item) for item in plan.to_do]
    due += [
        Reminder(_interview_key(item), item["id"], "interview", item)
        for item in plan.interviews
        if datetime.fromisoformat(item["at"]) < plan.until
    ]
    sent = already_reminded(engine, [reminder.key for reminder in due])
    fresh = [reminder for reminder in due if reminder.key not in sent]
    return Digest(now, plan.your_zone, fresh, len(due) - len(fresh))


def mark_sent(engine: Engine, reminded: Digest, how: str, now: datetime) -> int:
    """Record, in one transaction, that the digest went out (`how`: print, email or desktop);
    a reminder recorded meanwhile by another run is left as it is. How many were recorded."""
    rows = [
        {"key": reminder.key, "application_id": reminder.application_id, "sent_at": now, "how": HOW[how]}
        for reminder in reminded.reminders
    ]
    return mark_reminded(engine, rows)


def _to_do_key(item: dict[str, Any]) -> str:
    start = item["windows"][0]["start"] if item["windows"] else item["not_before"]
    return f"{item['id']}:{item['purpose']}:{str(start)[:10]}"  # the day in the employer's time


def _interview_key(item: dict[str, Any]) -> str:
    return f"interview:{item['id']}:{item['round']}:{item['at'][:10]}"


def _to_do_lines(item: dict[str, Any], zone: str) -> list[str]:
    lines = to_do_lines(item, zone)
    draft = f"followup draft {item['id']}"
    send = f"; to send it: followup send {item['id']}" if item["channel"] == "email" else ""
    lines.append(f"     The draft: {draft}{send}")
    return lines


def _interview_line(item: dict[str, Any]) -> str:
    yours = words.moment(datetime.fromisoformat(item["your_at"]))
    kind = f", {item['format']}" if item.get("format") else ""
    return (
        f"  #{item['id']} {item['employer']}, {item['role']}, round {item['round']}{kind}: "
        f"{yours} your time ({words.clock(datetime.fromisoformat(item['at']))} theirs, "
        f"{item['employer_timezone']})"
    )
