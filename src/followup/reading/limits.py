"""How much of what strangers write is read: the longest text, the largest file, the longest
header and the most multipart parts of one email. Each is far above what an employer sends or a
person pastes, and keeps a hostile input from holding the reader for long; docs/reading.md lists
them. An input beyond its limit is refused with an error that names the limit and the size."""

from __future__ import annotations

LONGEST_TEXT = 1_000_000  # characters read: a note, a pasted email, an email's body (cut there)
LARGEST_FILE = 50_000_000  # bytes of a file given to read: a note, an .eml file, an mbox
LONGEST_HEADER = 10_000  # characters read of an email's header (Subject, From, Content-Type...)
MOST_MULTIPARTS = 20  # multipart parts of one email, nested or not
MOST_DATES = 10_000  # dates in one text: a message holds a handful, a table of dates a few hundred


class TooLong(ValueError):
    """Words longer than the reader reads: the message says the limit and the length."""


def check_text(text: str) -> None:
    """TooLong if the text is longer than LONGEST_TEXT characters."""
    if len(text) > LONGEST_TEXT:
        raise TooLong(too_long_text(len(text)))


def too_many_dates() -> str:
    return f"the text holds too many dates to read: at most {MOST_DATES:,}"


def too_long_text(length: int) -> str:
    return f"the text is too long to read: at most {LONGEST_TEXT:,} characters (it has {length:,})"


def too_large_file(size: int) -> str:
    return f"the file is too large to read: at most {LARGEST_FILE:,} bytes (it has {size:,})"
