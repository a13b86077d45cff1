"""`followup draft`: what to say for the contact the advice calls for."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from followup.cli.support import APPLICATION_ID, fail, open_store, store_options
from followup.core import words


@click.command(name="draft")
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.option(
    "--channel", type=click.Choice(["email", "phone", "visit"]), help="Another channel than the advice's."
)
@click.option("--json", "as_json", is_flag=True, help="Print the drafts as JSON.")
@store_options
def draft(application: int, channel: str | None, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Print what to say for the contact the advice for application ID calls for: an email, a
    phone script and voicemail, or an office-visit checklist. The templates can be replaced:
    see docs/drafts.md."""
    from followup.drafts import ChannelRuledOut
    from followup.service.applications import application as shown
    from followup.service.drafts import drafts

    engine, now = open_store(db, now_text)
    advice = shown(engine, now, application)["advice"]
    try:
        made = drafts(engine, application, advice, channel)
    except ChannelRuledOut as refused:
        fail(str(refused), 1)
    if as_json:
        body = {"id": application, "purpose": advice["purpose"], "drafts": [asdict(found) for found in made]}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    if not made:
        fail(
            f"application {application}: the advice is to {words.action(advice['action'])}; nothing to draft",
            1,
        )
    for index, found in enumerate(made):
        if index:
            click.echo("\n" + "-" * 60 + "\n")
        click.echo(f"{found.title}" + (f" to {found.to}" if found.to else ""))
        if found.subject:
            click.echo(f"Subject: {found.subject}")
        click.echo("\n" + found.text, nl=False)


@click.command(name="calendar")
@click.option("--output", "-o", metavar="FILE.ics", help="Write to FILE.ics (default: standard output).")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON instead.")
@store_options
def calendar_command(output: str | None, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Write every planned follow-up and interview coming up as an iCalendar file: the
    employer's time zone, the first good window as the event, the draft in the description, an
    alarm. Importing it again updates the events (stable UIDs, SEQUENCE). With --json, the same
    events as JSON."""
    from followup.calendar.file import calendar, events_json

    engine, now = open_store(db, now_text)
    planned = calendar(engine, now, cancelled=True)
    if as_json:
        text = json.dumps({"events": events_json(planned)}, indent=2, ensure_ascii=False)
        if output:
            _write(output, text.encode("utf-8") + b"\n")
        else:
            click.echo(text)
        return
    made = planned.to_ical()
    if output:
        _write(output, made)
    else:
        click.echo(made.decode("utf-8"), nl=False)


def _write(output: str, made: bytes) -> None:
    try:
        with open(output, "wb") as file:
            file.write(made)
    except OSError as error:
        fail(f"{output}: cannot write the file ({error.strerror or error})")
    click.echo(f"Wrote {output}.", err=True)


COMMANDS = [draft, calendar_command]
