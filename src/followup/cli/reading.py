"""Commands that read what employers say: `followup read` (a note, an email, a mailbox) and
`followup import-mail` (a mailbox, matched to applications). They show what was understood, then
record it once you confirm (`--yes` does not ask)."""

from __future__ import annotations

import calendar
import json
import re
import shlex
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from followup.casefile import CaseError, read_event
from followup.casefile.fields import instant
from followup.casefile.stored import unsaid_fields
from followup.cli.support import APPLICATION_ID, F, RecordId, fail, open_store, store_options
from followup.core import words
from followup.reading.limits import TooLong, check_text
from followup.reading.matching import Matcher
from followup.reading.message import Message, MessageError, read_file
from followup.reading.reader import KINDS, Where, event_of, read_words, signal_json
from followup.reading.templates import Correction, dated, said_day, template_of
from followup.rendering.agenda import DOING
from followup.service.inbox import known_applications
from followup.service.reading import (
    as_corrected,
    corrections,
    employer_and_active,
    forget,
    keep_corrections,
    record_read,
)
from followup.service.stores import store_exists

if TYPE_CHECKING:
    from sqlalchemy import Engine

DATE_ORDER = click.option(
    "--date-order",
    type=click.Choice(["mdy", "dmy"]),
    help="How numeric dates are written (default: the country's way).",
)


def words_options(files: str, application: str) -> Callable[[F], F]:
    """TEXT or --file, when they were said, and whose words they are (--employer or
    --application, else --timezone, --country and --subdivision), shared by read and correct."""

    def decorate(command: F) -> F:
        for option in reversed(
            [
                click.argument("text", required=False),
                click.option("--file", "path", metavar="FILE", help=files),
                click.option(
                    "--said-at", metavar="ISO-8601",
                    help="When the words were said (default: the email's Date, else now).",
                ),
                click.option(
                    "--employer", "employer_id", type=APPLICATION_ID,
                    help="Whose words: their time zone, holidays, country.",
                ),
                click.option("--application", "application_id", type=APPLICATION_ID, help=application),
                click.option(
                    "--timezone", help="The employer's IANA time zone, without --employer (default: UTC)."
                ),
                click.option("--country", help="The employer's country, without --employer."),
                click.option("--subdivision", help="The employer's region, without --employer."),
                DATE_ORDER,
            ]
        ):  # fmt: skip
            command = option(command)
        return command

    return decorate


@click.command(name="read")
@words_options("A text file, an .eml file or an mbox.", "Record on this application.")
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
    engine, now = open_store(db, now_text) if needs_store or _has_store(db) else (None, _now(now_text))
    where = _given_place(timezone, country, subdivision)
    if engine is not None and needs_store:
        application_id, where = _whose(engine, employer_id, application_id)
    readings = []
    for message in messages:
        named = f"message {message.index}: " if len(messages) > 1 else ""
        found = _read(message, _moment(said_at, message, now), where, date_order, named)
        readings.append((message, _as_taught(engine, found, where)))
    if as_json:
        body = [
            {"message": message.index, "said_at": found["said_at"], "subject": message.subject,
             "signals": found["signals"], **_taught(found)}
            for message, found in readings
        ]  # fmt: skip
        click.echo(
            json.dumps(body[0] if len(body) == 1 else {"messages": body}, indent=2, ensure_ascii=False)
        )
    else:
        for message, found in readings:
            click.echo(describe(message, found))
    if engine is None or application_id is None:
        return
    items = [
        (application_id, _event(signal, datetime.fromisoformat(found["said_at"]), message))
        for message, found in readings
        for signal in found["signals"]
    ]
    _record(engine, items, now, yes)


def _has_store(db: str | None) -> bool:
    """Whether there is a store to read your corrections from: one named (--db, FOLLOWUP_DB),
    or the one in your data folder, if it was made. Reading alone makes none."""
    return store_exists(db)


def _given_place(timezone: str | None, country: str | None, subdivision: str | None) -> Where:
    """The employer as the options describe it, without the store."""
    return Where(timezone or "UTC", country.upper() if country else None, subdivision)


def _moment(said_at: str | None, message: Message, now: datetime) -> datetime:
    """When the words were said: --said-at, else the email's Date, else now."""
    return instant(said_at, "--said-at") if said_at else (message.said_at or now)


def _read(
    message: Message, moment: datetime, where: Where, date_order: str | None, named: str
) -> dict[str, Any]:
    """A message read: its words, when they were said and the signals; words too long are an
    error, `named` before it."""
    try:
        signals = read_words(message.text, moment, where, date_order)
    except TooLong as error:
        fail(f"{named}{error}")
    return {"text": message.text, "said_at": moment.isoformat(), "signals": [signal_json(s) for s in signals]}


def _as_taught(engine: Engine | None, found: dict[str, Any], where: Where) -> dict[str, Any]:
    """A reading as your corrections of its template say (store.corrections.as_taught); without
    a store, as read."""
    if engine is None:
        return {**found, "template": None, "dismissed": []}
    return as_corrected(engine, found, where.timezone)


def _taught(found: dict[str, Any]) -> dict[str, Any]:
    """What the JSON of a reading says of your corrections: its template, and what they dismissed."""
    return {"template": (found["template"] or {}).get("key"), "dismissed": found["dismissed"]}


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
    advised = record_read(engine, items, now)
    for application, advice in advised.items():
        doing = f": {DOING[advice.purpose.value]}" if advice.purpose else ""
        how = f" {words.channel(advice.channel.value)}" if advice.channel and advice.purpose else ""
        click.echo(
            f"Recorded on application {application}: now {words.action(advice.action.value)}{doing}{how}.",
            err=True,
        )


def describe(message: Message, found: dict[str, Any]) -> str:
    """What was understood, for people: each signal on a line, with the words that gave it, and
    what your corrections of the message's template changed."""
    heading = f"{message.subject} ({message.sender}), " if message.subject or message.sender else ""
    lines = [f"{heading}said {found['said_at']}:"]
    if not found["signals"]:
        lines.append("  nothing about when or how to follow up")
    for signal in found["signals"]:
        details = [f"{key} {signal[key]}" for key in ("date", "until") if signal.get(key)]
        if signal["channels"]:
            details.append("channels " + ", ".join(signal["channels"]))
        if signal["channel"]:
            details.append(f"channel {signal['channel']}")
        if signal["silence_means_no"]:
            details.append("silence means no")
        if signal["released"]:
            details.append("released")
        shown = f" ({'; '.join(details)})" if details else ""
        maybe = "maybe " if signal["maybe"] else ""
        taught = f" ({signal['corrected']['words']})" if signal.get("corrected") else ""
        lines.append(
            f"  {maybe}{signal['kind']}{shown}, confidence {signal['confidence']:.2f}: "
            f'"{(signal["evidence"] or "").strip()}"{taught}'
        )
    for gone in found.get("dismissed", []):
        lines.append(f"  {gone['words']}")
    return "\n".join(lines)


def _event(signal: dict[str, Any], moment: datetime, message: Message) -> dict[str, Any]:
    item = event_of(signal, moment, (signal["evidence"] or "").strip())
    if signal["maybe"]:
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
    employer, active = employer_and_active(engine, employer_id, application_id)
    where = Where(employer.timezone, employer.country, employer.subdivision)
    if application_id is None:
        if len(active) > 1:
            listed = ", ".join(map(str, active))
            fail(
                f"employer {employer.id} has {len(active)} active applications ({listed}): give --application"
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
    matcher = Matcher(known_applications(engine))
    items: list[tuple[int, dict[str, Any]]] = []
    report: list[dict[str, Any]] = []
    for message in messages:
        matched = matcher(message.sender, message.subject, message.text)
        application = matched.application if matched else None
        moment = message.said_at or now
        found: dict[str, Any] = {"signals": [], "template": None, "dismissed": []}
        if application is not None:
            named = f"{path}: message {message.index}: "
            found = _as_taught(
                engine, _read(message, moment, application.where, date_order, named), application.where
            )
        report.append(
            {"message": message.index, "subject": message.subject, "sender": message.sender,
             "application": application.id if application else None, "said_at": moment.isoformat(),
             "signals": found["signals"], **_taught(found)}
        )  # fmt: skip
        if application is not None:
            items += [(application.id, _event(signal, moment, message)) for signal in found["signals"]]
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


@click.command(name="correct")
@words_options("A text file or an .eml file: one message.", "Whose words: this application's employer.")
@click.option(
    "--confirm", "confirmed", multiple=True, metavar="KIND", help="A signal read right (a maybe, say)."
)
@click.option(
    "--dismiss", "dismissed", multiple=True, metavar="KIND", help="A signal read that they did not say."
)
@click.option(
    "--set",
    "changes",
    multiple=True,
    metavar="SPEC",
    help='A signal as it should be: "KIND[=NEW] field=value ...", read or missed (docs/reading.md).',
)
@click.option("--json", "as_json", is_flag=True, help="Print the reading, as corrected, as JSON.")
@store_options
def correct_command(
    text: str | None,
    path: str | None,
    said_at: str | None,
    employer_id: int | None,
    application_id: int | None,
    timezone: str | None,
    country: str | None,
    subdivision: str | None,
    date_order: str | None,
    confirmed: tuple[str, ...],
    dismissed: tuple[str, ...],
    changes: tuple[str, ...],
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Correct how a message was read: confirm, dismiss or change a signal, or add one it
    missed. The correction is kept with the message's template (its words with names, dates and
    numbers masked): the next message of the same template is read as corrected, and says so."""
    messages = _messages(text, path)
    if len(messages) != 1:
        fail(f"give one message to correct, not {len(messages)}")
    if not (confirmed or dismissed or changes):
        fail("say what to correct: --confirm KIND, --dismiss KIND or --set SPEC")
    engine, now = open_store(db, now_text)
    where = _given_place(timezone, country, subdivision)
    if employer_id is not None or application_id is not None:
        _application, where = _whose(engine, employer_id, application_id)
    message = messages[0]
    read = _read(message, _moment(said_at, message, now), where, date_order, "")
    found = _as_taught(engine, read, where)
    if found["template"] is None:
        fail("these words are too few to be a template: there is nothing to keep a correction by")
    said = said_day(found["said_at"], where.timezone)
    lessons_taught = lessons(found, confirmed, dismissed, changes, said, now)
    keep_corrections(engine, found["template"], lessons_taught)
    again = as_corrected(engine, read, where.timezone)
    if as_json:
        body = {"said_at": again["said_at"], "signals": again["signals"], **_taught(again)}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        click.echo(describe(message, again))
    click.echo(
        f"Kept {len(lessons_taught)} correction{'s' if len(lessons_taught) > 1 else ''}: "
        "a message of the same template is read so from now on.",
        err=True,
    )


def lessons(
    found: dict[str, Any],
    confirmed: tuple[str, ...],
    dismissed: tuple[str, ...],
    changes: tuple[str, ...],
    said: date,
    now: datetime,
) -> list[tuple[Correction, str | None]]:
    """The corrections asked for on the command line, each with the words that say it; a usage
    error names a kind that was not read, a kind corrected twice, or a change that is not one."""
    read = {signal["kind"]: signal for signal in found["signals"]}
    moment = datetime.fromisoformat(found["said_at"])
    taught: list[tuple[Correction, str | None]] = []
    named: list[str] = []
    for kind in confirmed + dismissed:
        signal = read.get(_kind(kind, "--confirm" if kind in confirmed else "--dismiss"))
        if signal is None:
            fail(f"no {kind} was read in these words ({_read_kinds(read)}): nothing to confirm or dismiss")
        named.append(kind)
        kept = signal if kind in confirmed else None
        reading = None if kept is None else {"kind": kind, "fields": {}, "words": signal["words_at"]}
        taught.append((Correction(kind, reading, now), signal["evidence"]))
    for spec in changes:
        kind, new_kind, given, evidence = _change(spec)
        signal = read.get(kind)
        named.append(kind)
        if signal is None and new_kind != kind:
            fail(
                f"--set {spec!r}: no {kind} was read in these words ({_read_kinds(read)}): nothing to change"
            )
        if signal is None and evidence is None:
            fail(f"--set {spec!r}: {kind} was not read: give the words that say it, evidence='...'")
        _fits(spec, new_kind, given)
        kept = {**(signal or {"kind": kind}), **given, "kind": new_kind}
        if evidence is not None:
            said_so = re.search(r"\s+".join(map(re.escape, evidence.split())) or "^$", found["text"])
            if said_so is None or not evidence.strip():
                fail(f"--set {spec!r}: the evidence {evidence!r} is not in the words")
            template = template_of(found["text"])
            assert template is not None
            kept["words_at"] = list(template.words_at(said_so.start(), said_so.end()))
            evidence = said_so.group()
        try:
            read_event(event_of(_filled(kept), moment, ""), "--set", None)
        except CaseError as error:
            fail(f"--set {spec!r}: {error.problem} ({error.where.removeprefix('--set.')})")
        fields = {  # what you said, kept as you said it
            name: dated(value, (signal or {}).get(name), said) if name in ("date", "until") else value
            for name, value in given.items()
        }
        reading = {"kind": new_kind, "fields": fields, "words": kept.get("words_at")}
        taught.append(
            (Correction(kind if signal else None, reading, now), evidence or (signal or {}).get("evidence"))
        )
    twice = sorted({kind for kind in named if named.count(kind) > 1})
    if twice:
        fail(f"{', '.join(twice)} corrected twice in one command: say once what it is")
    return taught


# The fields each kind of signal has (docs/reading.md, The signals).
FITTING = {
    "no_contact": {"channels"}, "ok_to_follow_up": {"channels"}, "prefer_channel": {"channel"},
    "decision_by": {"date", "until", "silence_means_no"}, "call_back": {"date", "until", "channel"},
    "on_hold": {"released"},
}  # fmt: skip


def _fits(spec: str, kind: str, given: dict[str, Any]) -> None:
    """A usage error for a field the kind of signal does not have (a ban has channels, not one)."""
    for name in given:
        if name not in FITTING.get(kind, set()):
            has = ", ".join(sorted(FITTING.get(kind, set()))) or "no fields"
            fail(f"--set {spec!r}: a {kind} has no {name} (it has {has})")


CHANGEABLE = ("date", "until", "channel", "channels", "released", "silence_means_no", "evidence")


def _change(spec: str) -> tuple[str, str, dict[str, Any], str | None]:
    """A --set SPEC: "KIND[=NEW] field=value ...": the kind read, the kind it should be, the
    fields it should have, and the words that say it (evidence="...")."""
    try:
        parts = shlex.split(spec)
    except ValueError as error:
        fail(f"--set {spec!r}: {error}")
    if not parts:
        fail("--set: give the kind, then the fields: --set 'decision_by date=2026-03-13'")
    kind, _, new_kind = parts[0].partition("=")
    kind = _kind(kind, "--set")
    new_kind = _kind(new_kind, "--set") if new_kind else kind
    given: dict[str, Any] = {}
    evidence = None
    for part in parts[1:]:
        name, equals, value = part.partition("=")
        if not equals or name not in CHANGEABLE:
            fail(f"--set {spec!r}: {part!r} is not field=value (fields: {', '.join(CHANGEABLE)})")
        if name == "evidence":
            evidence = value
        elif name == "channels":
            given[name] = [channel for channel in value.split(",") if channel]
        elif name in ("released", "silence_means_no"):
            if value not in ("true", "false"):
                fail(f"--set {spec!r}: {name} is true or false, not {value!r}")
            given[name] = value == "true"
        else:
            given[name] = value or None
    return kind, new_kind, given, evidence


def _filled(signal: dict[str, Any]) -> dict[str, Any]:
    empty = unsaid_fields()
    return {**empty, **{key: value for key, value in signal.items() if key in empty or key == "kind"}}


def _kind(kind: str, option: str) -> str:
    if kind not in KINDS:
        fail(f"{option}: unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    return kind


def _read_kinds(read: dict[str, Any]) -> str:
    return "read: " + ", ".join(read) if read else "nothing was read"


@click.group(name="corrections", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
@store_options
@click.pass_context
def corrections_group(context: click.Context, as_json: bool, db: str | None, now_text: str | None) -> None:
    """The corrections you made of readings, newest first: each with its template's words
    (names, dates and numbers masked). `followup corrections forget ID` forgets one."""
    context.ensure_object(dict)
    context.obj.update(db=db, now_text=now_text)
    if context.invoked_subcommand is not None:
        return
    engine, _now = open_store(db, now_text)
    kept = corrections(engine)
    if as_json:
        click.echo(json.dumps({"corrections": kept}, indent=2, ensure_ascii=False))
        return
    if not kept:
        click.echo("No corrections yet: `followup correct` makes one.")
    for one in kept:
        what = {
            "dismissed": f"{one['read_as']} dismissed",
            "confirmed": f"{one['read_as']} confirmed",
            "added": f"{one['kind']} added",
            "changed": f"{one['read_as']} changed"
            if one["read_as"] == one["kind"]
            else f"{one['read_as']} read as {one['kind']}",
        }[one["what"]]
        fields = ", ".join(f"{key} {_shown(value)}" for key, value in one["fields"].items())
        click.echo(f"{one['id']}  {one['corrected_at'][:10]}  {what}{f' ({fields})' if fields else ''}")
        words = one["words"] if len(one["words"]) <= 100 else one["words"][:99] + "…"
        click.echo(f"    {words}")


def _shown(value: Any) -> str:
    if isinstance(value, dict) and "weeks" in value:
        day = calendar.day_name[value["weekday"] % 7]
        weeks = {0: "the same week", 1: "the week after"}.get(value["weeks"], f"{value['weeks']} weeks after")
        return f"the {day} of {weeks} it was said" if value["weeks"] in (0, 1) else f"a {day}, {weeks}"
    if isinstance(value, list):
        return ", ".join(value) or "any"
    return str(value)


@corrections_group.command(name="forget")
@click.argument("correction_id", metavar="ID", type=RecordId("followup corrections"))
@store_options
@click.pass_context
def forget_command(context: click.Context, correction_id: int, db: str | None, now_text: str | None) -> None:
    """Forget a correction: its template is read as the reader reads it again."""
    engine, _now = open_store(db or context.obj.get("db"), now_text or context.obj.get("now_text"))
    try:
        forget(engine, correction_id)
    except CaseError as error:
        fail(error.problem)
    click.echo(f"Forgot correction {correction_id}.")


COMMANDS = [read_command, import_mail, correct_command, corrections_group]
