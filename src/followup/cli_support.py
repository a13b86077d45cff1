"""What every command shares: one clear line for bad input, and exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from followup.casefile.fields import SURROGATE

USAGE_ERROR = 2
# The metavars of values that name a file: a file's name may hold bytes of any encoding.
FILES = frozenset({"FILE", "FILE.ics", "PATH", "CASE.json", "MBOX"})


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    click.echo(f"followup: {one_line(message)}", err=True)
    sys.exit(code)


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
            fail(f"{name}: {_as_given(given)} is not UTF-8 text")


def _named(param: click.Parameter, text: str) -> tuple[str, str]:
    """The option a value was given by (--note), and the value; for FIELD=VALUE, the field."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len), text
    field, equals, value = text.partition("=")
    if equals and field and not SURROGATE.search(field):
        return field, value
    return param.human_readable_name, text


def _as_given(text: str) -> str:
    """The bytes given, as Python writes them (b'Caf\\xe9'), shortened."""
    try:
        given = repr(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate no byte gives: passed as text, not on a command line
        given = repr(text)
    return given if len(given) <= 60 else given[:57] + "..."


def text_only(command: click.Command) -> None:
    """The command, and every command of a group, checked as TextOnly checks them."""
    command.context_class = TextOnly
    for inner in getattr(command, "commands", {}).values():
        text_only(inner)
