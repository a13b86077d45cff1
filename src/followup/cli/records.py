"""Commands on the records around applications: employers, contacts, interview rounds, your own
time zone; edits and deletions. Bad input raises CaseError or UnknownRecord, which `main` turns
into one line and exit code 2."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from followup.casefile import CaseError
from followup.casefile.fields import parse_json
from followup.cli.support import APPLICATION_ID, Whole, fail, open_store, store_options
from followup.core import words
from followup.core.model import AWAKE
from followup.places.localzone import local_zone
from followup.service.records import (
    EDITABLE,
    add_contact,
    add_employer,
    add_interview,
    contacts_listed,
    delete_record,
    edit,
    employer_with_people,
    employers_listed,
    exists,
    rounds_of,
    set_timezone,
    set_yours,
    what_deleting_takes,
)
from followup.service.settings import read_setting, read_settings

JSON_FLAG = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def _print(body: dict[str, Any], text: str, as_json: bool) -> None:
    click.echo(json.dumps(body, indent=2, ensure_ascii=False, default=_iso) if as_json else text)


def _iso(value: Any) -> str:
    """Instants and days as ISO 8601 (2026-03-03T16:00:00+00:00)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@click.group()
def employer() -> None:
    """Add, list and show employers."""


@employer.command("add")
@click.argument("name")
@click.option("--timezone", help="IANA time zone (default: from the phone number, or country and region).")
@click.option("--country", help="Country code, for its public holidays and hours (US, GB, DE...).")
@click.option("--subdivision", help="Region (IL, ENG, BY...).")
@click.option("--phone", help="The switchboard's number, with its country code.")
@click.option("--address")
@click.option("--website")
@click.option("--hours", "hours_json", metavar="JSON", help="Working hours, as in a case file.")
@click.option("--allows-visits", is_flag=True, help="A local business that welcomes a visit.")
@JSON_FLAG
@store_options
def employer_add(
    name: str,
    timezone: str | None,
    country: str | None,
    subdivision: str | None,
    phone: str | None,
    address: str | None,
    website: str | None,
    hours_json: str | None,
    allows_visits: bool,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Add an employer NAME; its time zone is inferred when not given, and said so."""
    try:
        hours = parse_json(hours_json, "--hours") if hours_json else None
    except CaseError as error:
        fail(str(error))
    engine, now = open_store(db, now_text)
    given = {
        "name": name, "timezone": timezone, "country": country, "subdivision": subdivision, "phone": phone,
        "address": address, "website": website, "hours": hours, "allows_visits": allows_visits or None,
    }  # fmt: skip
    employer_id, notes = add_employer(engine, given, now)
    body = _employer(engine, employer_id)
    lines = [f"Added employer {employer_id}: {name}, time zone {body['timezone']}.", *notes]
    _print({**body, "notes": list(notes)}, "\n".join(lines), as_json)


@employer.command("list")
@JSON_FLAG
@store_options
def employer_list(as_json: bool, db: str | None, now_text: str | None) -> None:
    """List the employers."""
    engine, _now = open_store(db, now_text)
    rows = employers_listed(engine)
    text = "\n".join(
        f"{row['id']:>5}  {row['name']}  {row['timezone']}{' (inferred)' if row['timezone_inferred'] else ''}"
        f"  {row['country'] or ''}{'-' + row['subdivision'] if row['subdivision'] else ''}"
        for row in rows
    )
    _print({"employers": rows}, text or "No employers yet.", as_json)


@employer.command("show")
@click.argument("employer_id", type=APPLICATION_ID, metavar="ID")
@JSON_FLAG
@store_options
def employer_show(employer_id: int, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Show an employer and the people you know there."""
    engine, _now = open_store(db, now_text)
    body = _employer(engine, employer_id)
    lines = [f"{body['name']} (employer {employer_id})"]
    inferred = " (inferred: correct it with `followup edit employer`)" if body["timezone_inferred"] else ""
    lines.append(f"  time zone {body['timezone']}{inferred}")
    for key in ("country", "subdivision", "phone", "address", "website"):
        if body.get(key):
            lines.append(f"  {key} {body[key]}")
    for person in body["contacts"]:
        details = ", ".join(str(person[key]) for key in ("role", "email", "phone") if person.get(key))
        lines.append(f"  contact {person['id']}: {person['name']}" + (f" ({details})" if details else ""))
    _print(body, "\n".join(lines), as_json)


def _employer(engine: Any, employer_id: int) -> dict[str, Any]:
    return employer_with_people(engine, employer_id)


@click.group()
def contact() -> None:
    """Add and list the people you deal with at employers."""


@contact.command("add")
@click.argument("employer_id", type=APPLICATION_ID, metavar="EMPLOYER_ID")
@click.argument("name")
@click.option("--role", help="Recruiter, hiring manager...")
@click.option("--email")
@click.option("--phone")
@JSON_FLAG
@store_options
def contact_add(
    employer_id: int,
    name: str,
    role: str | None,
    email: str | None,
    phone: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Add NAME, a person at employer EMPLOYER_ID."""
    engine, now = open_store(db, now_text)
    contact_id = add_contact(
        engine, employer_id, {"name": name, "role": role, "email": email, "phone": phone}, now
    )
    body = {
        "id": contact_id,
        "employer_id": employer_id,
        "name": name,
        "role": role,
        "email": email,
        "phone": phone,
    }
    _print(body, f"Added contact {contact_id}: {name}.", as_json)


@contact.command("list")
@click.option("--employer", "employer_id", type=APPLICATION_ID, help="Only the people at this employer.")
@JSON_FLAG
@store_options
def contact_list(employer_id: int | None, as_json: bool, db: str | None, now_text: str | None) -> None:
    """List the people you know at employers."""
    engine, _now = open_store(db, now_text)
    rows = contacts_listed(engine, employer_id)
    text = "\n".join(
        f"{row['id']:>5}  {row['name']} ({row['role'] or 'contact'}) at {row['employer']}"
        + "".join(f"  {row[key]}" for key in ("email", "phone") if row[key])
        for row in rows
    )
    _print({"contacts": rows}, text or "No contacts yet.", as_json)


@click.group()
def interview() -> None:
    """Add the next interview round of an application, or list its rounds."""


@interview.command("add")
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.option("--at", "at", required=True, metavar="ISO-8601", help="When it is, with its UTC offset.")
@click.option("--minutes", type=Whole(1, 24 * 60), default=60, show_default=True)
@click.option("--format", "format_", help="onsite, video, phone...")
@click.option("--place", help="Where, or the meeting link.")
@click.option("--with", "interviewers", multiple=True, help="An interviewer's name (repeat for each).")
@click.option("--notes", help="What was discussed, as a phrase (it goes into your drafts).")
@JSON_FLAG
@store_options
def interview_add(
    application: int,
    at: str,
    minutes: int,
    format_: str | None,
    place: str | None,
    interviewers: tuple[str, ...],
    notes: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Add the next interview round of application ID."""
    engine, now = open_store(db, now_text)
    given = {
        "at": at,
        "minutes": minutes,
        "format": format_,
        "place": place,
        "interviewers": list(interviewers) or None,
        "notes": notes,
    }
    round_ = add_interview(engine, application, given, now)
    _print(
        {"id": application, "round": round_, **given},
        f"Added round {round_} of application {application}.",
        as_json,
    )


@interview.command("list")
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@JSON_FLAG
@store_options
def interview_list(application: int, as_json: bool, db: str | None, now_text: str | None) -> None:
    """List the interview rounds of application ID."""
    engine, now = open_store(db, now_text)
    rows, timezone = rounds_of(engine, application)
    yours = ZoneInfo(read_setting(engine, "timezone") or local_zone())
    if not rows or timezone is None:
        fail(f"no application {application}")
    theirs = ZoneInfo(timezone)

    def when(at: datetime) -> str:
        year_of = now.astimezone(theirs).date()
        mine = at.astimezone(yours)
        return (
            f"{words.moment(at.astimezone(theirs), year_of)} their time ({theirs.key}), "
            f"{words.moment(mine, year_of)} yours"
        )

    text = "\n".join(
        f"  round {row['round']}: {when(row['at'])} ({row['minutes']} min)"
        + "".join(f", {row[key]}" for key in ("format", "place") if row[key])
        for row in rows
    )
    _print({"interviews": rows}, text, as_json)


@click.command(name="edit")
@click.argument("subject", type=click.Choice(list(EDITABLE)), metavar="RECORD")
@click.argument("record_id", type=APPLICATION_ID, metavar="ID")
@click.argument("changes", nargs=-1, required=True, metavar="FIELD=VALUE...")
@JSON_FLAG
@store_options
def edit_command(
    subject: str,
    record_id: int,
    changes: tuple[str, ...],
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Change fields of an employer, contact, application, interview or event.

    Each change is kept in the log with the value it replaced; an event is corrected by a new
    event that names it. An empty VALUE clears a field (an employer's timezone is then inferred
    again). Fields: see docs/journal.md."""
    given: dict[str, str] = {}
    for change in changes:
        field, equals, value = change.partition("=")
        if not equals or not field:
            fail(f"{change!r}: expected FIELD=VALUE, like timezone=Europe/Paris")
        given[field.strip()] = value
    engine, now = open_store(db, now_text)
    now_id = edit(engine, subject, record_id, given, now)
    if subject == "event" and now_id != record_id:
        text = f"Event {record_id} corrected by event {now_id}."
    else:
        text = f"Changed {subject} {record_id}: {', '.join(given)}."
    _print({"subject": subject, "id": now_id, "changed": given}, text, as_json)


@click.command(name="delete")
@click.argument("record_id", type=APPLICATION_ID, metavar="ID")
@click.option(
    "--employer", "subject", flag_value="employer", help="ID is an employer's (its applications go too)."
)
@click.option("--contact", "subject", flag_value="contact", help="ID is a contact's.")
@click.option("--yes", is_flag=True, help="Do not ask.")
@JSON_FLAG
@store_options
def delete_command(
    record_id: int, subject: str | None, yes: bool, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Delete application ID, with its interview rounds and everything recorded of it."""
    subject = subject or "application"
    engine, now = open_store(db, now_text)
    if not yes:
        if not exists(engine, subject, record_id):
            fail(f"no {subject} {record_id}")
        counts = what_deleting_takes(engine, subject, record_id)
        what = ", ".join(f"{count} {name if count != 1 else name[:-1]}" for name, count in counts.items())
        try:
            sure = click.confirm(f"Delete {subject} {record_id} ({what})? This cannot be undone", err=True)
        except click.exceptions.Abort:  # no answer to read
            fail("nothing deleted: answer y to the question, or give --yes", 1)
        if not sure:
            fail("nothing deleted", 1)
    gone = delete_record(engine, subject, record_id, now)
    _print({"deleted": subject, "id": record_id, "counts": gone}, f"Deleted {subject} {record_id}.", as_json)


@click.command(name="timezone")
@click.argument("zone", required=False)
@JSON_FLAG
@store_options
def timezone_command(zone: str | None, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Show your own time zone, or set it to ZONE (an IANA name, like Europe/Berlin).

    Windows are shown in your time and the employer's; until you set it, your time is this
    computer's zone."""
    engine, now = open_store(db, now_text)
    if zone is None:
        stored = read_setting(engine, "timezone")
        body = {"timezone": stored or local_zone(), "set": stored is not None}
        text = stored or f"{body['timezone']} (this computer's; set yours with `followup timezone ZONE`)"
        _print(body, text, as_json)
        return
    refreshed = set_timezone(engine, zone, now)
    _print({"timezone": zone, "refreshed": refreshed}, f"Your time zone is now {zone}.", as_json)


@click.command(name="me")
@click.option("--name", help="Your name, to sign your drafts and emails (empty: none).")
@click.option("--phone", help="Your phone number, under your name in the drafts (empty: none).")
@click.option(
    "--hours",
    "waking_hours",
    metavar="HH:MM-HH:MM",
    help="Your waking hours, in your own time: calls and visits are planned in them (default 08:00-21:00).",
)
@JSON_FLAG
@store_options
def me_command(
    name: str | None,
    phone: str | None,
    waking_hours: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Show what followup knows of you, or set it: your name and phone (they sign your drafts)
    and your waking hours (calls and visits are planned inside them). Your time zone: `followup
    timezone`."""
    engine, now = open_store(db, now_text)
    given = {
        key: value
        for key, value in (("your_name", name), ("your_phone", phone), ("waking_hours", waking_hours))
        if value is not None
    }
    try:
        refreshed = set_yours(engine, given, now) if given else 0
    except CaseError as error:
        option = {"your_name": "--name", "your_phone": "--phone", "waking_hours": "--hours"}
        fail(f"me: {option.get(error.where, error.where)}: {error.problem}")
    yours = read_settings(engine, ("your_name", "your_phone", "waking_hours", "timezone"))
    body: dict[str, Any] = {
        "name": yours["your_name"],
        "phone": yours["your_phone"],
        "waking_hours": yours["waking_hours"] or DEFAULT_AWAKE,
        "timezone": yours["timezone"] or local_zone(),
    }
    if given:
        body["refreshed"] = refreshed
    lines = [
        "Name: " + (body["name"] or '(none: set it with followup me --name "Your Name")'),
        f"Phone: {body['phone'] or '(none)'}",
        f"Waking hours: {body['waking_hours']} your time ({body['timezone']})",
    ]
    _print(body, ("Saved.\n" if given else "") + "\n".join(lines), as_json)


DEFAULT_AWAKE = words.span(AWAKE.start, AWAKE.end)


COMMANDS = [employer, contact, interview, edit_command, delete_command, timezone_command, me_command]
