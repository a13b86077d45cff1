"""The `followup` command. Each command parses its input, makes one call into the library and
prints the result, for people or, with --json, for programs."""

from __future__ import annotations

import importlib
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
from followup.render import advice_json, advice_text
from followup.store.applications import UnknownRecord
from followup.store.database import StoreError

# Each command by the module that holds it (in its COMMANDS), loaded only when it is asked for.
COMMANDS = {
    "journal_commands": "add said contacted outcome show list today week demo",
    "record_commands": "employer contact interview edit delete timezone me",
    "transfer_commands": "export import backup",
    "reading_commands": "read import-mail correct corrections",
    "serve_command": "serve",
    "draft_command": "draft calendar",
    "feed_command": "feed caldav-push",
    "mail_commands": "send remind",
    "invitation_command": "import-ics",
}
WHERE = {name: module for module, names in COMMANDS.items() for name in names.split()}


class Commands(click.Group):
    """The commands, each loaded when it runs, with bad input (a file, a field, an id) told in
    one line and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *WHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in WHERE:
            module = importlib.import_module(f"followup.{WHERE[cmd_name]}")
            for command in module.COMMANDS:
                if command.name not in self.commands:
                    text_only(command)  # every value given UTF-8 text, but a file's name
                    self.add_command(command)
        return self.commands.get(cmd_name)

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


text_only(cli)  # every value given UTF-8 text, but a file's name


def every_command() -> dict[str, click.Command]:
    """Every command by its name, all of them loaded (for the docs and their tests)."""
    context = click.Context(cli)
    return {
        name: command for name in cli.list_commands(context) if (command := cli.get_command(context, name))
    }


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
