"""What every command shares: one clear line for bad input, and exit code 2."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

USAGE_ERROR = 2


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    click.echo(f"followup: {one_line(message)}", err=True)
    sys.exit(code)


def one_line(message: str) -> str:
    """The message with line breaks and other control characters escaped (a field's value or a
    key may hold them), so that an error is always one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)
