"""`followup advise`: the advice on one case file, with no store (and no database library)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from followup.casefile import CaseError, load_case
from followup.casefile.fields import instant
from followup.casefile.limits import LARGEST_CASE_FILE
from followup.cli.support import fail, read_at_most
from followup.core import advise as decide
from followup.core.workdays import NoWorkingDay
from followup.rendering.advice import advice_json, advice_text


@click.command()
@click.argument("case_file", metavar="CASE.json")
@click.option(
    "--now",
    "now_text",
    metavar="ISO-8601",
    help='The moment to advise for, with its UTC offset (default: the case\'s "now", else the clock).',
)
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
def advise(case_file: str, now_text: str | None, as_json: bool) -> None:
    """Advise on the interview in CASE.json ('-' reads standard input).

    The case file format is described in docs/case-file.md."""
    source = read_at_most(case_file, LARGEST_CASE_FILE, "a case file")
    try:
        now = instant(now_text, "--now") if now_text is not None else None
    except CaseError as error:
        fail(str(error))
    try:
        loaded = load_case(source, now=now, clock=datetime.now(UTC))
        assert loaded.now is not None
        moment = loaded.now
        advice = decide(loaded.case, moment, loaded.policy)
    except CaseError as error:
        fail(f"{case_file}: {error}")
    except NoWorkingDay as error:
        fail(f"{case_file}: employer.hours: {error}")
    if as_json:
        click.echo(
            json.dumps(advice_json(advice, loaded.case, moment, loaded.notes), indent=2, ensure_ascii=False)
        )
    else:
        click.echo(advice_text(advice, loaded.case, moment, loaded.notes))


COMMANDS = [advise]
