"""`followup import-ics`: interview invitations from a calendar program's .ics file, recorded as
interview rounds (added, moved or removed), all of the file or none of it."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from followup.casefile import CaseError
from followup.cli.support import APPLICATION_ID, fail, open_store, store_options
from followup.core import words
from followup.service.stores import UnknownRecord

NOTHING_DONE = 1  # a cancellation of an invitation the store never held
PURPOSES = {"thank_you": "thank-you note", "check_in": "check-in", "call_back": "call back"}


@click.command(name="import-ics")
@click.argument("path", metavar="FILE.ics")
@click.option(
    "--application", "application_id", type=APPLICATION_ID, metavar="ID",
    help="Add new invitations to application ID (default: found from the summary and the organizer).",
)  # fmt: skip
@click.option(
    "--employer", "employer_id", type=APPLICATION_ID, metavar="ID",
    help="New invitations are from employer ID: its active application, or a new one.",
)  # fmt: skip
@click.option("--role", help="The role, to choose or add the application (default: read from the summary).")
@click.option(
    "--timezone",
    metavar="ZONE",
    help="The employer's IANA zone, for times without a zone and for an employer the file adds.",
)
@click.option(
    "--me", "you", multiple=True, metavar="EMAIL",
    help="Your own address among the attendees (repeat for each), so you are not taken for an interviewer.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@store_options
def import_ics(
    path: str,
    application_id: int | None,
    employer_id: int | None,
    role: str | None,
    timezone: str | None,
    you: tuple[str, ...],
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Import interview invitations from FILE.ics ('-' reads standard input), as Google Calendar,
    Outlook or Apple Calendar send them: a new invitation adds an interview round, a later
    version (higher SEQUENCE) moves it, a cancellation removes it. All of the file, or nothing.
    See docs/invitations.md."""
    from followup.calendar.invitations import InvitationError, read_invitations
    from followup.service.invitations import Choices, NothingToCancel, import_invitations

    source = "standard input" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        fail(f"{path}: cannot read the file ({error.strerror or error})")
    try:
        invitations = read_invitations(data, source)
    except InvitationError as error:
        fail(str(error))
    engine, now = open_store(db, now_text)
    choices = Choices(
        application_id=application_id,
        employer_id=employer_id,
        role=role.strip() if role and role.strip() else None,
        timezone=timezone,
        you=tuple(you),
    )
    try:
        done = import_invitations(engine, invitations, source=source, now=now, choices=choices)
    except NothingToCancel as error:
        fail(str(error), NOTHING_DONE)  # nothing to cancel: it is remembered
    except (CaseError, UnknownRecord) as error:
        fail(f"nothing imported: {error}")
    if as_json:
        click.echo(
            json.dumps(
                {"file": source, "events": [_json(item) for item in done]}, indent=2, ensure_ascii=False
            )
        )
        return
    for item in done:
        click.echo(_text(source, item))


def _json(item: Any) -> dict[str, Any]:
    invitation = item.invitation
    body: dict[str, Any] = {
        "event": invitation.number,
        "uid": invitation.uid,
        "sequence": invitation.sequence,
        "summary": invitation.summary,
        "action": item.action,
    }
    if item.interview_id is not None:
        their = item.at.astimezone(ZoneInfo(item.employer_zone))
        yours = item.at.astimezone(ZoneInfo(item.your_zone))
        body.update(
            application=item.application_id, interview=item.interview_id, round=item.round,
            employer={"id": item.employer_id, "name": item.employer, "timezone": item.employer_zone,
                      "added": item.employer_added},
            role=item.role, application_added=item.application_added,
            application_deleted=item.application_deleted, at=item.at.isoformat(),
            their_time=their.isoformat(),
            your_time={"timezone": item.your_zone, "at": yours.isoformat()},
            was_at=item.was_at.isoformat() if item.was_at else None, minutes=item.minutes, format=item.format,
            place=item.place, interviewers=item.interviewers, contacts_added=item.contacts_added,
            advice=item.advice,
        )  # fmt: skip
    body["notes"] = item.notes
    return body


ACTIONS = {
    "added": "added round {round} to application {application}",
    "linked": "round {round} of application {application} is this invitation's (it was stored already)",
    "rescheduled": "moved round {round} of application {application}",
    "updated": "updated round {round} of application {application} (same time)",
    "cancelled": "cancelled: removed round {round} of application {application}",
    "kept": "kept round {round} of application {application}",
    "unchanged": "unchanged: round {round} of application {application}",
}


def _text(path: str, item: Any) -> str:
    """Two or three lines: what was done and to what; when, their time and yours; how and with whom."""
    invitation = item.invitation
    what = ACTIONS[item.action].format(round=item.round, application=item.application_id)
    if item.application_id is None:
        what = item.action
    head = f"{path}, event {invitation.number}: {what}"
    if item.application_id is not None:
        head += f" ({item.employer}, {item.role})"
    lines = [head]
    if item.at is not None and item.action != "unchanged":
        when = _when(item.at, item.employer_zone, item.your_zone)
        if item.was_at is not None:
            when = f"from {_when(item.was_at, item.employer_zone, item.your_zone)}\n  to {when}"
        lines.append(f"  {when}, {item.minutes} minutes")
        how = ", ".join(part for part in (item.format, _short(item.place)) if part)
        with_whom = f"with {', '.join(item.interviewers)}" if item.interviewers else ""
        if how or with_whom:
            lines.append("  " + "; ".join(part for part in (how, with_whom) if part))
    if item.contacts_added:
        lines.append(f"  new contacts at {item.employer}: {', '.join(item.contacts_added)}")
    if item.advice:
        advice = item.advice
        purpose = PURPOSES.get(advice["purpose"] or "", advice["purpose"])
        doing = advice["action"].replace("_", " ") + (f" ({purpose})" if purpose else "")
        lines.append(f"  advice now: {doing}; `followup show {item.application_id}` tells why")
    lines += [f"  note: {note}" for note in item.notes]
    return "\n".join(lines)


def _short(place: str | None) -> str | None:
    """A long meeting link, cut for reading (it is kept whole: `followup interview list`, --json)."""
    if place is None or len(place) <= 60 or " " in place:
        return place
    return place[:57] + "..."


def _when(at: datetime, employer_zone: str, your_zone: str) -> str:
    """'Tuesday 10 March at 10:00 their time (America/Chicago), 11:00 yours (America/New_York)'."""
    their = at.astimezone(ZoneInfo(employer_zone))
    if your_zone == employer_zone:
        return f"{words.moment(their)} their time and yours ({employer_zone})"
    yours = at.astimezone(ZoneInfo(your_zone))
    shown = words.clock(yours) if yours.date() == their.date() else words.moment(yours)
    return f"{words.moment(their)} their time ({employer_zone}), {shown} yours ({your_zone})"


COMMANDS = [import_ics]
