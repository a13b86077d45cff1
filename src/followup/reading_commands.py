"""Commands that read what employers say: `followup read` (a note, an email, a mailbox) and
`followup import-mail` (a mailbox, matched to applications). They show what was understood, then
record it once you confirm (`--yes` does not ask)."""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine, select

from followup.casefile import CaseError
from followup.casefile.fields import instant
from followup.cli_support import fail
from followup.core import words
from followup.journal_commands import APPLICATION_ID, open_store, store_options
from followup.reading.limits import TooLong, check_text
from followup.reading.message import Message, MessageError, read_file, sender_domain
from followup.reading.reader import Where, event_of, read_words, signal_json
from followup.reading.signals import Signal
from followup.render_agenda import DOING
from followup.store.applications import UnknownRecord, record_events
from followup.store.schema import applications, contacts, employers

DATE_ORDER = click.option(
    "--date-order",
    type=click.Choice(["mdy", "dmy"]),
    help="How numeric dates are written (default: the country's way).",
)


@click.command(name="read")
@click.argument("text", required=False)
@click.option("--file", "path", metavar="FILE", help="A text file, an .eml file or an mbox.")
@click.option(
    "--said-at", metavar="ISO-8601", help="When the words were said (default: the email's Date, else now)."
)
@click.option(
    "--employer", "employer_id", type=APPLICATION_ID, help="Whose words: their time zone, holidays, country."
)
@click.option("--application", "application_id", type=APPLICATION_ID, help="Record on this application.")
@click.option("--timezone", help="The employer's IANA time zone, without --employer (default: UTC).")
@click.option("--country", help="The employer's country, without --employer.")
@click.option("--subdivision", help="The employer's region, without --employer.")
@DATE_ORDER
@click.option("--yes", is_flag=True, help="Record what was understood without asking.")
@click.option("--json", "as_json", is_flag=True, help="Print the signals as JSON.")
@store_options
def read_command(
    text: str | None,
    path: str | None,
    said_at: str | None,
    employer_id: int | None,
    application_id: int | None,
    timezone: str | None,
    country: str | None,
    subdivision: str | None,
    date_order: str | None,
    yes: bool,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Read what an employer said (TEXT, or --file) and show the signals found, each with its
    dates and the words that gave it. With --employer or --application, record them as events
    once you confirm. docs/reading.md says what is read, and how dates are resolved."""
    messages = _messages(text, path)
    needs_store = employer_id is not None or application_id is not None
    engine, now = open_store(db, now_text) if needs_store else (None, _now(now_text))
    where = Where(timezone or "UTC", country.upper() if country else None, subdivision)
    if engine is not None:
        application_id, where = _whose(engine, employer_id, application_id)
    readings = []
    for message in messages:
        moment = instant(said_at, "--said-at") if said_at else (message.said_at or now)
        try:
            readings.append((message, moment, read_words(message.text, moment, where, date_order)))
        except TooLong as error:
            fail(f"message {message.index}: {error}" if len(messages) > 1 else str(error))
    if as_json:
        body = [
            {"message": message.index, "said_at": moment.isoformat(), "subject": message.subject,
             "signals": [signal_json(signal) for signal in signals]}
            for message, moment, signals in readings
        ]  # fmt: skip
        click.echo(
            json.dumps(body[0] if len(body) == 1 else {"messages": body}, indent=2, ensure_ascii=False)
        )
    else:
        for message, moment, signals in readings:
            click.echo(describe(message, moment, signals))
    if engine is None or application_id is None:
        return
    items = [
        (application_id, _event(signal, moment, message))
        for message, moment, signals in readings
        for signal in signals
    ]
    _record(engine, items, now, yes)


def _record(
    engine: Engine, items: list[tuple[int, dict[str, Any]]], now: datetime, yes: bool, confirmed: bool = False
) -> None:
    """Record the events, once confirmed: asked in a terminal, or given --yes. A maybe (a signal
    the reader is not sure of) is recorded only when asked about: --yes leaves it out."""
    kept, left_out = [], []
    for application, item in items:
        if item.pop("maybe", False) and yes and not confirmed:
            left_out.append(item["kind"])
        else:
            kept.append((application, item))
    if left_out:
        left = ", ".join(left_out)
        click.echo(
            f"Not recorded, for you to confirm (maybe): {left}. Without --yes, you're asked.", err=True
        )
    items = kept
    if not items:
        click.echo("Nothing to record.", err=True)
        return
    question = f"Record {len(items)} event{'s' if len(items) > 1 else ''}?"
    if not yes:
        if not sys.stdin.isatty():
            fail("not recorded: confirm in a terminal, or give --yes", 1)
        if not click.confirm(question, err=True):
            fail("nothing recorded", 1)
    advised = record_events(engine, items, now=now)
    for application, advice in advised.items():
        doing = f": {DOING[advice.purpose.value]}" if advice.purpose else ""
        how = f" {words.channel(advice.channel.value)}" if advice.channel and advice.purpose else ""
        click.echo(
            f"Recorded on application {application}: now {words.action(advice.action.value)}{doing}{how}.",
            err=True,
        )


def describe(message: Message, moment: datetime, signals: list[Signal]) -> str:
    """What was understood, for people: each signal on a line, with the words that gave it."""
    heading = f"{message.subject} ({message.sender}), " if message.subject or message.sender else ""
    lines = [f"{heading}said {moment.isoformat()}:"]
    if not signals:
        lines.append("  nothing about when or how to follow up")
    for signal in signals:
        details = [
            f"{key} {value}" for key, value in (("date", signal.date), ("until", signal.until)) if value
        ]
        if signal.channels:
            details.append("channels " + ", ".join(signal.channels))
        if signal.channel:
            details.append(f"channel {signal.channel}")
        if signal.silence_means_no:
            details.append("silence means no")
        if signal.released:
            details.append("released")
        shown = f" ({'; '.join(details)})" if details else ""
        maybe = "maybe " if signal.maybe else ""
        lines.append(
            f'  {maybe}{signal.kind}{shown}, confidence {signal.confidence:.2f}: "{signal.evidence.strip()}"'
        )
    return "\n".join(lines)


def _event(signal: Signal, moment: datetime, message: Message) -> dict[str, Any]:
    item = event_of(signal, moment, signal.evidence.strip())
    if signal.maybe:
        item["maybe"] = True  # taken out before recording: see _record
    if message.sender:
        item["said_by"] = message.sender
        item["said_how"] = "email"
    return item


def _messages(text: str | None, path: str | None) -> list[Message]:
    if (text is None) == (path is None):
        fail("give the words as TEXT, or --file FILE (not both)")
    if path is None:
        assert text is not None
        given = sys.stdin.read() if text == "-" else text
        if not given.strip():
            fail('the words are empty: give what they said or wrote, like "We\'ll be in touch by Friday."')
        try:
            check_text(given)
        except TooLong as error:
            fail(str(error))
        return [Message(text=given)]
    try:
        return read_file(Path(path))
    except MessageError as error:
        fail(str(error))


def _now(now_text: str | None) -> datetime:
    from datetime import UTC

    return instant(now_text, "--now") if now_text else datetime.now(UTC)


def _whose(engine: Engine, employer_id: int | None, application_id: int | None) -> tuple[int | None, Where]:
    """The application to record on, and the employer whose calendar resolves the dates."""
    with engine.connect() as connection:
        if application_id is not None:
            row = connection.execute(
                select(applications.c.employer_id).where(applications.c.id == application_id)
            ).first()
            if row is None:
                raise UnknownRecord("application", application_id)
            employer_id = row.employer_id
        employer = connection.execute(select(employers).where(employers.c.id == employer_id)).first()
        if employer is None:
            raise UnknownRecord("employer", employer_id or 0)
        where = Where(employer.timezone, employer.country, employer.subdivision)
        if application_id is None:
            active = list(
                connection.execute(
                    select(applications.c.id).where(
                        applications.c.employer_id == employer_id, applications.c.status == "active"
                    )
                ).scalars()
            )
            if len(active) > 1:
                listed = ", ".join(map(str, active))
                fail(
                    f"employer {employer_id} has {len(active)} active applications ({listed}): "
                    "give --application"
                )
            application_id = active[0] if active else None
    return application_id, where


@click.command(name="import-mail")
@click.argument("path", metavar="MBOX")
@DATE_ORDER
@click.option("--yes", is_flag=True, help="Record what was understood without asking.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches and signals as JSON.")
@store_options
def import_mail(
    path: str, date_order: str | None, yes: bool, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Read a mailbox, match each message to an application (by the sender's domain, the
    employer's name and the role), and record the events understood, all or none."""
    try:
        messages = read_file(Path(path))
    except MessageError as error:
        fail(str(error))
    engine, now = open_store(db, now_text)
    known = _applications(engine)
    items: list[tuple[int, dict[str, Any]]] = []
    report: list[dict[str, Any]] = []
    for message in messages:
        match = match_application(message, known)
        moment = message.said_at or now
        try:
            signals = read_words(message.text, moment, match["where"], date_order) if match else []
        except TooLong as error:
            fail(f"{path}: message {message.index}: {error}")
        report.append(
            {"message": message.index, "subject": message.subject, "sender": message.sender,
             "application": match["id"] if match else None, "said_at": moment.isoformat(),
             "signals": [signal_json(signal) for signal in signals]}
        )  # fmt: skip
        if match:
            items += [(match["id"], _event(signal, moment, message)) for signal in signals]
    if as_json:
        click.echo(json.dumps({"messages": report}, indent=2, ensure_ascii=False))
    else:
        for entry in report:
            where = (
                f"application {entry['application']}" if entry["application"] else "no application matched"
            )
            click.echo(
                f"#{entry['message']} {entry['subject'] or '(no subject)'} <{entry['sender']}>: {where}"
            )
            for signal in entry["signals"]:
                maybe = "maybe " if signal["maybe"] else ""
                click.echo(
                    f'    {maybe}{signal["kind"]} {signal["date"] or ""} "{signal["evidence"].strip()}"'
                )
    if not yes and sys.stdin.isatty() and items:  # asked message by message; the confirmed go in together
        confirmed = set()
        for entry in report:
            count = len(entry["signals"]) if entry["application"] else 0
            events = f"{count} event{'s' if count > 1 else ''}"
            question = f"#{entry['message']}: record {events} on application {entry['application']}?"
            if count and click.confirm(question, err=True):
                confirmed.add(entry["message"])
        items = [item for item, message in zip(items, _owners(report), strict=True) if message in confirmed]
        yes = True
        try:
            _record(engine, items, now, yes, confirmed=True)
        except CaseError as error:
            fail(f"nothing recorded: {error}")
        return
    try:
        _record(engine, items, now, yes)
    except CaseError as error:
        fail(f"nothing recorded: {error}")


def _owners(report: list[dict[str, Any]]) -> list[int]:
    """For each proposed event, in order, the message it comes from."""
    return [entry["message"] for entry in report if entry["application"] for _signal in entry["signals"]]


def _applications(engine: Engine) -> list[dict[str, Any]]:
    """The active applications with what identifies them in a message."""
    query = (
        select(
            applications.c.id,
            applications.c.role,
            employers.c.id.label("employer_id"),
            employers.c.name,
            employers.c.website,
            employers.c.timezone,
            employers.c.country,
            employers.c.subdivision,
        )
        .join(employers, employers.c.id == applications.c.employer_id)
        .where(applications.c.status == "active")
    )
    with engine.connect() as connection:
        rows = [row._asdict() for row in connection.execute(query)]
        emails = connection.execute(select(contacts.c.employer_id, contacts.c.email)).all()
    for row in rows:
        domains = {
            sender_domain(email) for employer, email in emails if employer == row["employer_id"] and email
        }
        if row["website"]:
            host = re.sub(r"^[a-z]+://", "", row["website"].lower()).split("/")[0]
            domains.add(sender_domain("x@" + host))
        row["domains"] = domains
        row["where"] = Where(row["timezone"], row["country"], row["subdivision"])
    return rows


def match_application(message: Message, known: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The application a message is about: its sender's domain (+3), the employer's name (+2)
    and the role (+1) in the sender, subject or text; the best if it scores 2 or more, alone."""
    domain = sender_domain(message.sender) if message.sender else ""
    words = f"{message.sender} {message.subject} {message.text}".lower()
    scored = []
    for application in known:
        points = 3 * (domain in application["domains"]) if domain else 0
        name = re.sub(
            r"\b(?:inc|llc|ltd|corp|corporation|co|gmbh|sa|plc)\b\.?", "", application["name"].lower()
        ).strip(" ,.&")
        if name and re.search(rf"\b{re.escape(name)}\b", words):
            points += 2
        if application["role"] and application["role"].lower() in words:
            points += 1
        scored.append((points, application))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


COMMANDS = [read_command, import_mail]
