"""What every command shares: one clear line for bad input, and exit code 2; whole numbers
read as ASCII digits (ids: RecordId); the options of every command on the store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from followup.casefile.fields import SURROGATE, CaseError, as_given, instant, record_id, show, whole_text
from followup.casefile.limits import LARGEST_ID

if TYPE_CHECKING:
    from sqlalchemy import Engine

USAGE_ERROR = 2
# The metavars of values that name a file: a file's name may hold bytes of any encoding.
FILES = frozenset({"FILE", "FILE.ics", "PATH", "CASE.json", "MBOX"})


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    click.echo(f"followup: {one_line(message)}", err=True)
    sys.exit(code)


class Whole(click.ParamType):  # type: ignore[type-arg]
    """A whole number from `low` to `high`, in ASCII digits, with a minus sign only where `low`
    is below 0: click's INT calls int(), which takes " 45", "4_5", "+45" and "٤٥" too."""

    name = "integer"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high:
            return value  # a default
        text = str(value)
        if text.startswith("-") and self.low >= 0:
            self.fail(f"expected a whole number from {self.low}, got {show(text)}", param, ctx)
        try:
            return whole_text(text, "value", low=self.low, high=self.high)
        except CaseError as error:
            self.fail(error.problem, param, ctx)

    def __repr__(self) -> str:
        return f"Whole({self.low}, {self.high})"


def read_at_most(path: str, largest: int, what: str) -> bytes:
    """The bytes of a file ('-': standard input), refused in one line when there are more than
    `largest`: what is given is never read whole beyond its limit (`what`: "a case file")."""
    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(largest + 1)
        else:
            with open(path, "rb") as given:
                data = given.read(largest + 1)
    except OSError as error:
        fail(f"{name}: cannot read the file ({error.strerror or error})")
    if len(data) > largest:
        fail(f"{name}: too large: {what} holds at most {largest:,} bytes ({largest / 1e6:g} MB)")
    return data


def one_line(message: str) -> str:
    """The message with line breaks and other control characters escaped (a field's value or a
    key may hold them), so that an error is always one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)


class TextOnly(click.Context):
    """The context of a command whose values are checked before it runs: each is UTF-8 text,
    but for a file's name. Bytes of another encoding (Caf\\xe9 in Latin-1) reach Python as lone
    surrogates, which no store, file or page can hold: the command is refused, naming the option,
    and nothing is written."""

    def invoke(self, callback: click.Command | Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if callback is self.command.callback:
            for param in self.command.params:
                if param.name is not None and getattr(param, "metavar", None) not in FILES:
                    _utf8(param, self.params.get(param.name))
        return super().invoke(callback, *args, **kwargs)


def _utf8(param: click.Parameter, value: Any) -> None:
    for text in value if isinstance(value, tuple | list) else [value]:
        if isinstance(text, str) and SURROGATE.search(text):
            name, given = _named(param, text)
            fail(f"{name}: {as_given(given)} is not UTF-8 text")


def _named(param: click.Parameter, text: str) -> tuple[str, str]:
    """The option a value was given by (--note), and the value; for FIELD=VALUE, the field."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len), text
    field, equals, value = text.partition("=")
    if equals and field and not SURROGATE.search(field):
        return field, value
    return param.human_readable_name, text


def text_only(command: click.Command) -> None:
    """The command, and every command of a group, checked as TextOnly checks them."""
    command.context_class = TextOnly
    for inner in getattr(command, "commands", {}).values():
        text_only(inner)


F = TypeVar("F", bound=Callable[..., Any])


class RecordId(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """An id as `followup list` (or another listing: `shown_by`) shows it: a whole number from 1."""

    name = "id"

    def __init__(self, shown_by: str = "followup list") -> None:
        self.shown_by = shown_by

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and 0 < value < LARGEST_ID:
            return value
        try:  # ASCII digits only, as shown (#12 in a timeline): int() would take " 1" too
            return record_id(str(value).removeprefix("#"), "id")
        except CaseError:
            self.fail(f"{value!r} is not an id: give the number `{self.shown_by}` shows, like 3", param, ctx)


APPLICATION_ID = RecordId()


def store_options(command: F) -> F:
    """--db and --now, shared by every command on the store."""
    command = click.option(
        "--now",
        "now_text",
        metavar="ISO-8601",
        envvar="FOLLOWUP_NOW",
        help="The moment to act at, with its UTC offset (default: the clock).",
    )(command)
    return click.option(
        "--db",
        metavar="URL",
        envvar="FOLLOWUP_DB",
        help="The store: an SQLAlchemy URL (default: SQLite in your data folder).",
    )(command)


def open_store(db: str | None, now_text: str | None) -> tuple[Engine, datetime]:
    try:
        now = instant(now_text, "--now") if now_text else datetime.now(UTC)
    except CaseError as error:
        fail(str(error))
    from followup.service.stores import open_store as connect  # the database library: loaded here

    try:
        engine = connect(db)
    except Exception as error:  # a URL, a file or a server the store cannot use
        cause = getattr(error, "orig", None) or error  # the database's own words, not SQLAlchemy's wrapping
        first = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        fail(f"--db: cannot open the store: {type(cause).__name__}: {first}")
    context = click.get_current_context(silent=True)
    if context is not None:  # connections closed when the command ends
        context.call_on_close(engine.dispose)
    return engine, now
