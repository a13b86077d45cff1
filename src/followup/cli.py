"""The `followup` command. Each command parses its input, makes one call into the library and
prints the result, for people or, with --json, for programs."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from followup import __version__
from followup.casefile import CaseError, load_case
from followup.casefile.fields import instant
from followup.casefile.limits import LARGEST_CASE_FILE
from followup.cli_support import fail, read_at_most, text_only
from followup.core import advise as decide
from followup.core.workdays import NoWorkingDay
from followup.draft_command import COMMANDS as DRAFT_COMMANDS
from followup.feed_command import COMMANDS as FEED_COMMANDS
from followup.invitation_command import COMMANDS as INVITATION_COMMANDS
from followup.journal_commands import COMMANDS
from followup.mail_commands import COMMANDS as MAIL_COMMANDS
from followup.reading_commands import COMMANDS as READING_COMMANDS
from followup.record_commands import COMMANDS as RECORD_COMMANDS
from followup.render import advice_json, advice_text
from followup.serve_command import COMMANDS as SERVE_COMMANDS
from followup.store.applications import UnknownRecord
from followup.store.database import StoreError
from followup.transfer_commands import COMMANDS as TRANSFER_COMMANDS


class Commands(click.Group):
    """The commands, with bad input (a file, a field, an id) told in one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (CaseError, UnknownRecord, StoreError) as error:
            fail(str(error))
        except NoWorkingDay as error:
            fail(f"employer.hours: {error}")
        except click.UsageError as error:  # one line, with the command it is about
            command = error.ctx.command_path if error.ctx else "followup"
            message = " ".join(error.format_message().split())  # click's lists come on several lines
            fail(f"{command.removeprefix('followup').strip() or 'usage'}: {message}")


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followup")
def cli() -> None:
    """When and how to follow up after a job interview.

    followup reads what the employer said and what you have done, and tells you whether to
    follow up now, wait, make no contact or move on: on which channel, and at which good times
    in the employer's own time zone."""


@cli.command()
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


for command in [
    *COMMANDS,
    *RECORD_COMMANDS,
    *TRANSFER_COMMANDS,
    *READING_COMMANDS,
    *SERVE_COMMANDS,
    *DRAFT_COMMANDS,
    *FEED_COMMANDS,
    *MAIL_COMMANDS,
    *INVITATION_COMMANDS,
]:
    cli.add_command(command)
text_only(cli)  # every value given UTF-8 text, but a file's name


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        fail("aborted", 1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except SQLAlchemyError as error:  # a store that cannot be read or written: one line, no SQL
        cause = getattr(error, "orig", None) or error
        fail(f"the store: {type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''}")
    except Exception as error:  # a bug: say so in one line, the details on request
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        fail(f"internal error: {type(error).__name__}: {error} (set FOLLOWUP_DEBUG=1 for details)", 1)
