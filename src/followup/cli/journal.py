"""Commands on the stored job search: add an application, record what was said, the contacts
made and the outcomes, and show them. Each parses its input, makes one call into the store and
prints the result, for people or, with --json, for programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from followup.casefile import CaseError, CaseFile
from followup.casefile.case import SAID_HOW
from followup.casefile.fields import parse_json
from followup.casefile.limits import LARGEST_CASE_FILE
from followup.cli.support import APPLICATION_ID, F, fail, open_store, read_at_most, store_options
from followup.core import Advice, Channel, Kind, Purpose, advise, words
from followup.core.workdays import NoWorkingDay
from followup.rendering.advice import advice_json, advice_text, event_words
from followup.rendering.agenda import DOING, agenda_json, agenda_text
from followup.service.agenda import agenda
from followup.service.applications import (
    UnknownApplication,
    add_application,
    any_application,
    applications,
    load_case,
    record_event,
    timeline,
    your_zone,
)
from followup.service.demo import add_demo

SAID = [Kind.NO_CONTACT, Kind.WAIT_FOR_US, Kind.DECISION_BY, Kind.CALL_BACK, Kind.PREFER_CHANNEL,
        Kind.OK_TO_FOLLOW_UP, Kind.IN_RUNNING, Kind.ON_HOLD]  # fmt: skip
OUTCOMES = [Kind.REJECTED, Kind.OFFER, Kind.WITHDRAWN, Kind.ON_HOLD, Kind.IN_RUNNING]


def event_options(note: str, at: str) -> Callable[[F], F]:
    """--note, --at and --json, shared by the commands that record an event, and the store's."""

    def decorate(command: F) -> F:
        command = store_options(command)
        command = click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")(command)
        command = click.option("--at", "at", metavar="ISO-8601", help=f"{at} (default: now).")(command)
        return click.option("--note", help=note)(command)

    return decorate


def print_advice(application: int, loaded: CaseFile, advice: Advice, now: datetime, as_json: bool) -> None:
    if as_json:
        body = {"id": application, "advice": advice_json(advice, loaded.case, now, loaded.notes)}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        click.echo(advice_text(advice, loaded.case, now, loaded.notes))


@click.command()
@click.option("--from", "case_path", metavar="CASE.json", help="Add the interview of a case file.")
@click.option("--employer", help="The employer's name.")
@click.option("--timezone", help="The employer's IANA time zone (default: from country and region).")
@click.option("--country", help="The employer's country, for its holidays and hours (US, GB, DE...).")
@click.option("--subdivision", help="The employer's region (IL, ENG, BY...).")
@click.option("--phone", help="The employer's number, with its country code (tells its time zone).")
@click.option("--role", default="", help="The job you applied for.")
@click.option(
    "--interview", "interview_at", metavar="ISO-8601", help="When the interview is, with its UTC offset."
)
@click.option("--format", "format_", help="onsite, video, phone...")
@click.option("--notes", help="What was discussed, as a phrase (it goes into your drafts).")
@click.option("--source", help="Where you found the job.")
@click.option("--link", help="The job posting's address.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@store_options
def add(
    case_path: str | None,
    employer: str | None,
    timezone: str | None,
    country: str | None,
    subdivision: str | None,
    phone: str | None,
    role: str,
    interview_at: str | None,
    format_: str | None,
    notes: str | None,
    source: str | None,
    link: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Add an application and its interview (asked for, in a terminal, when not given)."""
    if case_path:
        written = read_at_most(case_path, LARGEST_CASE_FILE, "a case file")
        try:
            document = parse_json(written)
        except CaseError as error:
            fail(f"{case_path}: {error}")
    else:
        if (not employer or not interview_at) and sys.stdin.isatty():  # asked for, one by one
            employer = employer or click.prompt("Employer", err=True)
            if not (timezone or country):
                country = (
                    click.prompt("Country (US, GB, DE...)", default="", show_default=False, err=True) or None
                )
                subdivision = subdivision or (
                    click.prompt("Region (IL, ENG...; empty: none)", default="", show_default=False, err=True)
                    or None
                )
            interview_at = interview_at or click.prompt(
                "Interview (like 2026-03-03T10:00:00-06:00)", err=True
            )
            role = role or click.prompt("Role", default="", show_default=False, err=True)
        if not employer or not interview_at:
            fail("give --employer and --interview (or --from CASE.json), or run it in a terminal to be asked")
        given = {
            "name": employer, "timezone": timezone, "country": country, "subdivision": subdivision,
            "phone": phone,
        }  # fmt: skip
        document = {
            "employer": {key: value for key, value in given.items() if value},
            "interview": {"at": interview_at, **({"format": format_} if format_ else {})},
        }
    engine, now = open_store(db, now_text)
    try:
        application = add_application(
            engine, document, now=now, role=role, source=source, link=link, notes=notes
        )
        loaded = load_case(engine, application, now=now)
    except CaseError as error:
        fail(f"{case_path or 'add'}: {error}")
    except NoWorkingDay as error:
        fail(f"employer.hours: {error}")
    advice = advise(loaded.case, now, loaded.policy)
    if not as_json:
        click.echo(f"Added application {application}.")
    print_advice(application, loaded, advice, now, as_json)


OPTIONS = {  # an event's field, and the option it is given by
    "said_by": "--by", "said_how": "--how", "date": "--date", "until": "--until", "at": "--at",
    "note": "--note", "channel": "--channel", "channels": "--channels", "purpose": "--purpose",
    "silence_means_no": "--silence-means-no", "released": "--released", "answered": "--answered",
}  # fmt: skip


def _option(where: str) -> str:
    """The command-line option a field of the event came from: 'event.date' -> '--date'."""
    field = where.removeprefix("event.")
    return OPTIONS.get(field, where)


def _record(
    application: int, item: dict[str, Any], db: str | None, now_text: str | None, as_json: bool
) -> None:
    engine, now = open_store(db, now_text)
    item = {key: value for key, value in item.items() if value not in (None, False, [])}
    item.setdefault("at", now.isoformat())
    try:
        advice = record_event(engine, application, item, now=now)
    except CaseError as error:
        fail(f"{_option(error.where)}: {error.problem}" if error.where else str(error))
    except UnknownApplication as error:
        fail(str(error))
    print_advice(application, load_case(engine, application, now=now), advice, now, as_json)


@click.command()
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.argument("kind", type=click.Choice([kind.value for kind in SAID]), required=False)
@click.option("--text", metavar="WORDS", help="Their words: read, shown, and recorded once you confirm.")
@click.option("--yes", is_flag=True, help="With --text: record what was understood without asking.")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="The day they named.")
@click.option("--until", metavar="YYYY-MM-DD", help="The last day of a range they gave.")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), help="The channel they named.")
@click.option("--channels", help="Channels they named, comma-separated (no_contact: the ones ruled out).")
@click.option("--silence-means-no", is_flag=True, help="decision_by: no word by then means no.")
@click.option("--by", "said_by", metavar="NAME", help="Who said it.")
@click.option("--how", "said_how", type=click.Choice(list(SAID_HOW)), help="How they said it.")
@event_options(note="Their words, as you noted them.", at="When they said it")
def said(
    application: int,
    kind: str | None,
    text: str | None,
    yes: bool,
    date_: str | None,
    until: str | None,
    channel: str | None,
    channels: str | None,
    silence_means_no: bool,
    said_by: str | None,
    said_how: str | None,
    note: str | None,
    at: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Record what the employer said about application ID (KIND, or their words with --text),
    and show the advice."""
    if text is not None:
        from followup.cli.reading import read_command

        click.get_current_context().invoke(
            read_command, text=text, path=None, said_at=at, employer_id=None, application_id=application,
            timezone=None, country=None, subdivision=None, date_order=None, yes=yes, as_json=as_json,
            db=db, now_text=now_text,
        )  # fmt: skip
        return
    if kind is None:
        fail('give what they said: a KIND (decision_by, no_contact...) or --text "their words"')
    if kind in ("no_contact", "ok_to_follow_up") and channel and not channels:
        channel, channels = None, channel  # the channel they ruled out, or invited
    item = {
        "at": at, "kind": kind, "date": date_, "until": until, "channel": channel,
        "channels": [name.strip() for name in channels.split(",")] if channels else None,
        "silence_means_no": silence_means_no, "note": note, "said_by": said_by, "said_how": said_how,
    }  # fmt: skip
    _record(application, item, db, now_text, as_json)


@click.command()
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), required=True)
@click.option("--purpose", type=click.Choice([p.value for p in Purpose]), required=True)
@click.option("--answered", is_flag=True, help="They answered.")
@event_options(note="What came of it.", at="When you made it")
def contacted(
    application: int,
    channel: str,
    purpose: str,
    answered: bool,
    note: str | None,
    at: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Record a contact you made about application ID, and show the advice."""
    item = {
        "at": at,
        "kind": "contacted",
        "channel": channel,
        "purpose": purpose,
        "answered": answered,
        "note": note,
    }
    _record(application, item, db, now_text, as_json)


@click.command()
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.argument("kind", type=click.Choice([kind.value for kind in OUTCOMES]))
@click.option("--released", is_flag=True, help="on_hold: they released you to look elsewhere.")
@event_options(note="Their words.", at="When it came")
def outcome(
    application: int,
    kind: str,
    released: bool,
    note: str | None,
    at: str | None,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Record an outcome of application ID: rejected, offer, withdrawn, on_hold, in_running."""
    _record(application, {"at": at, "kind": kind, "released": released, "note": note}, db, now_text, as_json)


@click.command()
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
@store_options
def show(application: int, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Show application ID and its current advice, with every reason."""
    engine, now = open_store(db, now_text)
    try:
        loaded = load_case(engine, application, now=now)
    except UnknownApplication as error:
        fail(str(error))
    advice = advise(loaded.case, now, loaded.policy)
    happened = timeline(engine, application, now)
    if as_json:
        body = {"id": application, "advice": advice_json(advice, loaded.case, now, loaded.notes)}
        click.echo(json.dumps({**body, "timeline": happened}, indent=2, ensure_ascii=False))
        return
    click.echo(advice_text(advice, loaded.case, now, loaded.notes))
    click.echo(f"\nTimeline (their time, {loaded.case.employer.timezone.key}):")
    zone = loaded.case.employer.timezone
    year_of = now.astimezone(zone).date()
    for item in happened:
        at = words.moment(datetime.fromisoformat(item["at"]).astimezone(zone), year_of)
        if item["kind"] == "interview":
            what = f"interview, round {item['round']}" + (
                f" ({item['format']})" if item.get("format") else ""
            )
        else:
            what = f"#{item['id']} {item['kind']}: {event_words(item, year_of)}"
            what += f' ("{item["note"]}")' if item.get("note") else ""
            what += " (corrected)" if item.get("corrected") else ""
        click.echo(f"  {at}  {what}")


@click.command(name="list")
@click.option("--status", type=click.Choice(["active", "rejected", "offer", "withdrawn", "closed"]))
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@store_options
def list_(status: str | None, as_json: bool, db: str | None, now_text: str | None) -> None:
    """List the applications (of a status) with their current advice."""
    engine, now = open_store(db, now_text)
    rows = applications(engine, now, status)
    zone = your_zone(engine)
    if as_json:
        click.echo(json.dumps({"applications": rows}, indent=2, ensure_ascii=False, default=str))
        return
    if not rows:
        click.echo(
            f"No {status} applications." if status else "No applications yet: add one with `followup add`."
        )
        return
    for row in rows:
        click.echo(f"{row['id']:>5}  {row['employer']}: {row['role']}  {_next_step(row, now, zone)}")


def _next_step(row: dict[str, Any], now: datetime, zone: ZoneInfo) -> str:
    """'wait: check in by email from Tuesday 10 March at 09:30 your time', or the status."""
    if row["status"] != "active":
        return str(row["status"])
    text = words.action(str(row["action"]))
    if row["purpose"]:
        text += f": {DOING[row['purpose']]} {words.channel(row['channel'] or 'email')}"
    if row["not_before"] and row["action"] == "wait":
        not_before = datetime.fromisoformat(row["not_before"]).astimezone(zone)
        text += f" from {words.moment(not_before, now.astimezone(zone).date())} your time"
    return text


def _agenda(days: int, title: str, as_json: bool, db: str | None, now_text: str | None) -> None:
    engine, now = open_store(db, now_text)
    plan = agenda(engine, now, days=days)
    if as_json:
        click.echo(json.dumps(agenda_json(plan), indent=2, ensure_ascii=False))
    else:
        click.echo(agenda_text(plan, title))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the agenda as JSON.")
@store_options
def today(as_json: bool, db: str | None, now_text: str | None) -> None:
    """What to do in the next 24 hours, what waits and until when, what to let go."""
    _agenda(1, "Today", as_json, db, now_text)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the agenda as JSON.")
@store_options
def week(as_json: bool, db: str | None, now_text: str | None) -> None:
    """The same for the next 7 days."""
    _agenda(7, "This week", as_json, db, now_text)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the ids added and the agenda as JSON.")
@store_options
def demo(as_json: bool, db: str | None, now_text: str | None) -> None:
    """Fill the store with a sample job search, then show today's agenda."""
    engine, now = open_store(db, now_text)
    if any_application(engine):
        fail("the store already holds applications: give an empty one with --db")
    added = add_demo(engine, now)
    plan = agenda(engine, now)
    if as_json:
        click.echo(json.dumps({"added": added, "today": agenda_json(plan)}, indent=2, ensure_ascii=False))
        return
    click.echo(f"Added {len(added)} sample applications.\n")
    click.echo(agenda_text(plan, "Today"))


COMMANDS = [add, said, contacted, outcome, show, list_, today, week, demo]
