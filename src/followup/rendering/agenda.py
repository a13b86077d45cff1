"""The agenda for people (a readable day plan) and for programs (JSON)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followup.core import words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followup.store.kept_agenda import Agenda

DOING = words.DOING


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    return agenda.as_json()


def agenda_text(agenda: Agenda, title: str) -> str:
    now = agenda.now.astimezone(ZoneInfo(agenda.your_zone))
    lines = [f"{title}, from {words.moment(now)} your time ({agenda.your_zone})", ""]
    if not (agenda.to_do or agenda.waiting or agenda.let_go or agenda.interviews):
        return "\n".join(
            [
                *lines,
                "Nothing on the agenda: add an application with `followup add` (see also `followup list`).",
            ]
        )
    lines.append("To do:" if agenda.to_do else "Nothing to do now.")
    for item in agenda.to_do:
        lines += to_do_lines(item, agenda.your_zone)
    if agenda.waiting:
        lines += ["", "Waiting:"]
        for item in agenda.waiting:
            lines.append(
                f"  #{item['id']} {item['employer']}, {item['role']}: {_waiting(item, agenda.your_zone)}"
            )
        if agenda.waiting_more:
            lines.append(f"  and {agenda.waiting_more} more")
    if agenda.let_go:
        lines += ["", "Let go:"]
        lines += [
            f"  #{item['id']} {item['employer']}, {item['role']}: {item['reason']}" for item in agenda.let_go
        ]
    if agenda.interviews:
        lines += ["", "Interviews coming up:"]
        for interview in agenda.interviews:
            yours = words.moment(datetime.fromisoformat(interview["your_at"]))
            theirs = words.clock(datetime.fromisoformat(interview["at"]))
            lines.append(
                f"  #{interview['id']} {interview['employer']}, {interview['role']}, "
                f"round {interview['round']}: {yours} your time "
                f"({theirs} theirs, {interview['employer_timezone']})"
            )
    return "\n".join(lines)


def window_words(window: dict[str, str], item: dict[str, Any]) -> str:
    """'Tue 10 Mar 10:30-12:30 your time (09:30-11:30 theirs), best'."""
    mine_start = datetime.fromisoformat(window["candidate_start"])
    mine_end = datetime.fromisoformat(window["candidate_end"])
    theirs_start = datetime.fromisoformat(window["start"])
    theirs_end = datetime.fromisoformat(window["end"])
    day = f"{words.DAYS[mine_start.weekday()][:3]} {mine_start.day} {words.MONTHS[mine_start.month - 1][:3]}"
    zone = ZoneInfo(item["employer_timezone"]).key
    theirs = f"{words.clock(theirs_start)}-{words.clock(theirs_end)} theirs, {zone}"
    return (
        f"{day} {words.clock(mine_start)}-{words.clock(mine_end)} your time ({theirs}), {window['quality']}"
    )


def to_do_lines(item: dict[str, Any], zone: str) -> list[str]:
    """A follow-up to make: what, when (an email now, a call in its first good window), and why."""
    how = words.channel(item["channel"] or "")
    lines = [f"  #{item['id']} {item['employer']}, {item['role']}: {DOING[item['purpose']]} {how}"]
    if item["action"] == "follow_up" and item["channel"] == "email":
        lines.append(f"     {email_words(item, zone)}")
    elif item["channel"] == "email":  # it can go as soon as it falls due
        lines.append(f"     from {_day(item['not_before'], zone)} your time")
    else:
        lines += [f"     {window_words(window, item)}" for window in item["windows"][:1]]
    lines += [f"     {said}" for said in (item["reason"], item.get("timing")) if said]
    return lines


def email_words(item: dict[str, Any], zone: str) -> str:
    """'now (an email interrupts no one), or schedule its delivery for Tue 7 Apr 04:30 your time
    (09:30 theirs)'."""
    text = "now: an email interrupts no one"
    if item.get("deliver_at"):
        deliver = datetime.fromisoformat(item["deliver_at"])
        mine = deliver.astimezone(ZoneInfo(zone))
        theirs = deliver.astimezone(ZoneInfo(item["employer_timezone"]))
        text += (
            f"; or schedule its delivery for {words.moment(mine)} your time "
            f"({words.clock(theirs)} theirs, {item['employer_timezone']})"
        )
    return text


def _waiting(item: dict[str, Any], zone: str) -> str:
    if item["action"] == "do_not_contact":
        until = item["move_on_at"]
        return "make no contact" + (f"; move on if nothing by {_day(until, zone)} your time" if until else "")
    if item["purpose"] is None and item["move_on_at"] is None:
        return str(item["reason"])
    if item["purpose"] is None:
        return f"nothing more to do; move on if nothing by {_day(item['not_before'], zone)} your time"
    return (
        f"{DOING[item['purpose']]} {words.channel(item['channel'] or '')} from "
        f"{_day(item['not_before'], zone)} your time"
    )


def _day(iso: str | None, zone: str) -> str:
    """A moment in your time: 'Tuesday 10 March at 10:00'."""
    return words.moment(datetime.fromisoformat(iso).astimezone(ZoneInfo(zone))) if iso else "?"
