"""The `followup` command. Each command parses its input, makes one call into the library and
prints the result, for people or, with --json, for programs.

A command's module (one per group of commands, in this package) is loaded only when the command
runs: `followup --help` lists them from COMMANDS below, and a store's database library is loaded
only by the commands that open one."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from followup import __version__

# Each command: the module of this package that holds it (in its COMMANDS), and what it does in
# one sentence, as its help begins (a test keeps the two the same).
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("journal", "Add an application and its interview (asked for, in a terminal, when not given)."),
    "admin": (
        "admin",
        "Make the first admin of a server's store; the password is asked for (or FOLLOWUP_ADMIN_PASSWORD).",
    ),
    "advise": ("advise", "Advise on the interview in CASE.json ('-' reads standard input)."),
    "backup": ("transfer", "Copy the store, while it is in use, into a new SQLite file PATH."),
    "caldav-push": (
        "calendars",
        "Put every planned follow-up and interview on the CalDAV calendar at URL (default: the last "
        "one pushed to), one event per follow-up or round, and delete the events pushed before that "
        "are no longer planned and have not started.",
    ),
    "calendar": (
        "drafts",
        "Write every planned follow-up and interview coming up as an iCalendar file: the employer's "
        "time zone, the first good window as the event, the draft in the description, an alarm.",
    ),
    "contact": ("records", "Add and list the people you deal with at employers."),
    "contacted": ("journal", "Record a contact you made about application ID, and show the advice."),
    "correct": (
        "reading",
        "Correct how a message was read: confirm, dismiss or change a signal, or add one it missed.",
    ),
    "corrections": (
        "reading",
        "The corrections you made of readings, newest first: each with its template's words (names, "
        "dates and numbers masked).",
    ),
    "delete": ("records", "Delete application ID, with its interview rounds and everything recorded of it."),
    "demo": ("journal", "Fill the store with a sample job search, then show today's agenda."),
    "draft": (
        "drafts",
        "Print what to say for the contact the advice for application ID calls for: an email, a phone "
        "script and voicemail, or an office-visit checklist.",
    ),
    "edit": ("records", "Change fields of an employer, contact, application, interview or event."),
    "employer": ("records", "Add, list and show employers."),
    "export": (
        "transfer",
        "Write every record (employers, contacts, applications, rounds, events, edits, your "
        "corrections of readings, settings).",
    ),
    "feed": (
        "calendars",
        "The calendar as a subscription feed of `followup serve`, at a secret address: --new makes the "
        "address (shown once), --revoke stops it; with neither, tell whether the feed is on.",
    ),
    "import": (
        "transfer",
        "Add the records of FILE (from `followup export`, JSON or CSV; '-' reads standard input) that "
        "the store lacks: all of them, or none.",
    ),
    "import-ics": (
        "invitations",
        "Import interview invitations from FILE.ics ('-' reads standard input), as Google Calendar, "
        "Outlook or Apple Calendar send them: a new invitation adds an interview round, a later "
        "version (higher SEQUENCE) moves it, a cancellation removes it.",
    ),
    "import-mail": (
        "reading",
        "Read a mailbox, match each message to an application (by the sender's domain, the employer's "
        "name and the role), and record the events understood, all or none.",
    ),
    "interview": ("records", "Add the next interview round of an application, or list its rounds."),
    "list": ("journal", "List the applications (of a status) with their current advice."),
    "mail": (
        "inbox",
        "Read your mailbox for you: connect to it once, sync it (by hand, from cron or a systemd timer, "
        "or in `followup serve --mail-sync`), and review what it proposes.",
    ),
    "me": (
        "records",
        "Show what followup knows of you, or set it: your name and phone (they sign your drafts) and "
        "your waking hours (calls and visits are planned inside them).",
    ),
    "outcome": (
        "journal",
        "Record an outcome of application ID: rejected, offer, withdrawn, on_hold, in_running.",
    ),
    "read": (
        "reading",
        "Read what an employer said (TEXT, or --file) and show the signals found, each with its dates "
        "and the words that gave it.",
    ),
    "remind": (
        "mail",
        "Remind you of what is due today: the follow-ups with a good time in the next 24 hours, and the "
        "interviews in them, each once (running it again sends nothing new).",
    ),
    "said": (
        "journal",
        "Record what the employer said about application ID (KIND, or their words with --text), and "
        "show the advice.",
    ),
    "send": (
        "mail",
        "Send the follow-up email the advice for application ID calls for, through the mail server of "
        "your config file: it is shown, you are asked, and once the server has accepted it, it is "
        "recorded as a contact.",
    ),
    "serve": (
        "serve",
        "Serve the app in your browser, on this machine only (127.0.0.1) unless told otherwise.",
    ),
    "show": ("journal", "Show application ID and its current advice, with every reason."),
    "timezone": (
        "records",
        "Show your own time zone, or set it to ZONE (an IANA name, like Europe/Berlin).",
    ),
    "today": ("journal", "What to do in the next 24 hours, what waits and until when, what to let go."),
    "week": ("journal", "The same for the next 7 days."),
}

# The errors that are the user's (a file, a field, an id, a store), told in one line with exit
# code 2: by module and name, since an error of a module not loaded cannot have been raised.
USERS_ERRORS = (
    ("followup.casefile.fields", "CaseError", ""),
    ("followup.store.applications", "UnknownRecord", ""),
    ("followup.store.database", "StoreError", ""),
    ("followup.core.workdays", "NoWorkingDay", "employer.hours: "),
)


def raised(error: BaseException, module: str, name: str) -> bool:
    """Whether the error is of the class `name` of `module`, without loading the module."""
    kind = getattr(sys.modules.get(module), name, None)
    return isinstance(kind, type) and isinstance(error, kind)


def summary(name: str, limit: int = 45) -> str:
    """What the command does, as `followup --help` lists it: at most `limit` characters."""
    return click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit)


class Commands(click.Group):
    """The commands, each loaded when it runs, with bad input (a file, a field, an id) told in
    one line and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            from followup.cli.support import text_only

            module = importlib.import_module(f"followup.cli.{COMMANDS[cmd_name][0]}")
            for command in module.COMMANDS:
                if command.name not in self.commands:
                    text_only(command)  # every value given UTF-8 text, but a file's name
                    self.add_command(command)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and what each does, from COMMANDS: no command's module is loaded."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, summary(name, limit)) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # one line, with the command it is about
            command = error.ctx.command_path if error.ctx else "followup"
            message = " ".join(error.format_message().split())  # click's lists come on several lines
            _fail(f"{command.removeprefix('followup').strip() or 'usage'}: {message}")
        except Exception as error:
            for module, name, where in USERS_ERRORS:
                if raised(error, module, name):
                    _fail(f"{where}{error}")
            raise


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followup")
def cli() -> None:
    """When and how to follow up after a job interview.

    followup reads what the employer said and what you have done, and tells you whether to
    follow up now, wait, make no contact or move on: on which channel, and at which good times
    in the employer's own time zone."""


def _text_only(group: click.Group) -> None:
    from followup.cli.support import text_only

    text_only(group)  # every value given UTF-8 text, but a file's name


_text_only(cli)


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
        _fail("aborted", 1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:
        if raised(error, "sqlalchemy.exc", "SQLAlchemyError"):  # a store that cannot be read or written
            cause = getattr(error, "orig", None) or error  # one line, no SQL
            first = str(cause).splitlines()[0] if str(cause) else ""
            _fail(f"the store: {type(cause).__name__}: {first}")
        if os.environ.get("FOLLOWUP_DEBUG"):  # a bug: say so in one line, the details on request
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (set FOLLOWUP_DEBUG=1 for details)", 1)


def _fail(message: str, code: int = 2) -> NoReturn:
    from followup.cli.support import fail

    fail(message, code)
