"""Messages to read: a note, an .eml file or an mbox. From an email, the body this message says:
its plain text (or its HTML, made text), without the earlier messages it quotes, its signature,
its disclaimer or its no-reply footer. What is read is bounded (followup.reading.limits): a file
too large or an email too deeply made of parts is refused, an email's body is read up to its
first LONGEST_TEXT characters and a header up to its first LONGEST_HEADER."""

from __future__ import annotations

import codecs
import email
import email.errors
import email.feedparser
import email.message
import email.policy
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from followup.reading.limits import (
    LARGEST_FILE,
    LONGEST_HEADER,
    LONGEST_TEXT,
    MOST_MULTIPARTS,
    too_large_file,
    too_long_text,
)
from followup.reading.markup import html_text


class MessageError(ValueError):
    """A file that cannot be read as a message."""


@dataclass(frozen=True, slots=True)
class Message:
    """Words to read: the text, when it was said (if the message says), and who sent it."""

    text: str
    said_at: datetime | None = None
    sender: str = ""
    subject: str = ""
    index: int = 0  # in its mailbox


def read_file(path: Path) -> list[Message]:
    """The messages of a file: an mbox, an .eml, or plain text (one note)."""
    raw = _contents(path)
    try:
        if raw.startswith(b"From ") and b"\n" in raw:
            return read_mbox(raw)
        if path.suffix.lower() == ".eml" or _looks_like_email(raw):
            return [read_email(raw)]
        text = _decode(raw)
        if len(text) > LONGEST_TEXT:
            raise MessageError(too_long_text(len(text)))
    except MessageError as error:
        raise MessageError(f"{path}: {error}") from None
    return [Message(text=text)]


def _contents(path: Path) -> bytes:
    """The file's bytes; MessageError when it cannot be read or is larger than LARGEST_FILE."""
    try:
        with path.open("rb") as file:
            raw = file.read(LARGEST_FILE + 1)
            if len(raw) > LARGEST_FILE:
                size = max(path.stat().st_size, len(raw))
                raise MessageError(f"{path}: {too_large_file(size)}")
    except OSError as error:
        raise MessageError(f"{path}: cannot read the file ({error.strerror or error})") from None
    return raw


FROM_LINE = re.compile(rb"^From [^\n]*(?:\n|$)", re.MULTILINE)


def read_mbox(raw: bytes) -> list[Message]:
    """Every message of an mbox, as Python's mailbox module splits it: each begins at a line
    starting with 'From ', and ends before the blank line ahead of the next."""
    starts = list(FROM_LINE.finditer(raw))
    messages, line = [], 1
    for index, found in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(raw)
        try:
            found[0].decode("ascii")
        except UnicodeDecodeError as error:
            raise MessageError(
                f"message #{index} (line {line}): its From line is not ASCII text "
                f"(byte {error.start + 1} is 0x{found[0][error.start]:02x})"
            ) from None
        body = raw[found.end() : end]
        try:
            messages.append(
                _from_email(_parsed(body.removesuffix(b"\n") if body.endswith(b"\n\n") else body), index)
            )
        except MessageError as error:
            raise MessageError(f"message #{index} (line {line}): {error}") from None
        line += raw.count(b"\n", found.start(), end)
    return messages


def read_email(raw: bytes | str) -> Message:
    """One email, as in an .eml file."""
    return _from_email(_parsed(raw), 0)


class _TooManyParts(Exception):
    """More multipart parts than MOST_MULTIPARTS, found while parsing."""


DELIVERY_STATUS_BLOCK = email.feedparser.NLCRE.match  # type: ignore[attr-defined]  # not a boundary


class _Boundaries:
    """The email parser's push of where a part ends: it counts the multipart parts the parser
    makes as it goes (it pushes the boundary of each) and stops it after MOST_MULTIPARTS,
    whatever the line ends."""

    def __init__(self, push: Callable[[Any], None]) -> None:
        self.push = push
        self.multiparts = 0

    def __call__(self, matcher: Any) -> None:
        if matcher != DELIVERY_STATUS_BLOCK:
            self.multiparts += 1
            if self.multiparts > MOST_MULTIPARTS:
                raise _TooManyParts
        self.push(matcher)


def _parsed(raw: bytes | str) -> email.message.Message:
    """The email parsed; MessageError for one made of more than MOST_MULTIPARTS multipart parts
    (each line of an email is compared with the boundary of every part it is nested in). As
    email.message_from_bytes and message_from_string parse it, 8,192 characters at a time."""
    feed = email.feedparser.FeedParser(_Part, policy=email.policy.compat32)
    lines = feed._input  # type: ignore[attr-defined]  # the parser's lines, before it reads one
    lines.push_eof_matcher = _Boundaries(lines.push_eof_matcher)
    source: IO[str]
    if isinstance(raw, bytes):  # as ASCII, its line ends made \n (as BytesParser does)
        source = io.TextIOWrapper(io.BytesIO(raw), encoding="ascii", errors="surrogateescape")
    else:
        source = io.StringIO(raw)
    try:
        while chunk := source.read(8192):
            feed.feed(chunk)
        return feed.close()
    except _TooManyParts:
        raise MessageError(
            f"too many parts to read: at most {MOST_MULTIPARTS} multipart parts (it has more)"
        ) from None
    except RecursionError:  # messages in messages in messages...
        raise MessageError("its parts are nested too deeply to read") from None


class _Part(email.message.Message):
    """A part of an email, whose header parameters (its charset, its boundary) are read in the
    first LONGEST_HEADER characters of their header: the email package reads them in a time
    that grows with the square of their number."""

    def get_param(
        self, param: str, failobj: Any = None, header: str = "content-type", unquote: bool = True
    ) -> Any:
        value = self.get(header)
        if value is None or len(str(value)) <= LONGEST_HEADER:
            return super().get_param(param, failobj, header, unquote)
        shorter = email.message.Message()
        shorter[header] = str(value)[:LONGEST_HEADER]
        return shorter.get_param(param, failobj, header, unquote)


def _from_email(parsed: email.message.Message, index: int) -> Message:
    said_at = None
    date_header = _header(parsed.get("Date", ""), decoded=False)
    if date_header:
        try:
            said_at = parsedate_to_datetime(date_header)
        except (TypeError, ValueError, IndexError, OverflowError):
            said_at = None
        if said_at is not None and said_at.utcoffset() is None:
            said_at = None
    try:
        sender = parseaddr(_header(parsed.get("From", "")))[1]
    except RecursionError:  # comments in comments: (((...)))
        sender = ""
    subject = " ".join(_header(parsed.get("Subject", "")).split())
    try:
        text = body_of(parsed)
    except RecursionError:
        raise MessageError("its parts are nested too deeply to read") from None
    return Message(text=text, said_at=said_at, sender=sender, subject=subject, index=index)


def from_parts(header: bytes, plain: str | None, html: str | None) -> tuple[Message, dict[str, str]]:
    """A message fetched in parts (its header, and the text of its plain and HTML parts, as a
    mail server gives them), read as read_email reads a whole one; and its header's fields."""
    fields = header_fields(header)
    said_at = None
    if fields.get("date"):
        try:
            said_at = parsedate_to_datetime(fields["date"][:LONGEST_HEADER])
        except (TypeError, ValueError, IndexError, OverflowError):
            said_at = None
        if said_at is not None and said_at.utcoffset() is None:  # "-0000": the time in UTC, its zone untold
            said_at = said_at.replace(tzinfo=UTC)
    try:
        sender = _shown(parseaddr(_header(fields.get("from", "")))[1])
    except RecursionError:  # comments in comments: (((...)))
        sender = ""
    subject = " ".join(_shown(_header(fields.get("subject", ""))).split())
    text = plain if plain is not None else html_text((html or "")[:LONGEST_TEXT])
    return Message(own_words(text[:LONGEST_TEXT]), said_at, sender, subject), fields


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what a terminal would obey: never shown


def _shown(text: str) -> str:
    """A header's text without the control characters a sender may hide in it."""
    return CONTROL.sub(" ", text)


FIELD = re.compile(r"([!-9;-~]+)[ \t]*:[ \t]*(.*)", re.DOTALL)


def header_fields(header: bytes) -> dict[str, str]:
    """A header's fields by name (in lower case; the first of each name), each unfolded, its
    encoded words not yet decoded. A line that is not a field is passed over."""
    text = header[: LONGEST_TEXT * 4].decode("utf-8", "replace")
    fields: dict[str, str] = {}
    for line in re.split(r"\r?\n(?![ \t])", text):
        found = FIELD.match(line)
        if found is not None:
            fields.setdefault(found[1].lower(), " ".join(found[2].split()))
    return fields


def decoded_text(payload: bytes, charset: str | None) -> str:
    """A text part's words from its bytes in its charset; one unknown, or none, is read as UTF-8,
    else as Windows' Western European (never an error)."""
    if charset and charset.isprintable():
        try:
            if codecs.lookup(charset).name not in NOT_CHARSETS:
                return payload.decode(charset, errors="replace")
        except (LookupError, ValueError):
            pass
    return _decode(payload)


# Codecs Python knows that are no charset of mail, some slow on hostile bytes (punycode).
NOT_CHARSETS = frozenset(
    {"punycode", "idna", "raw-unicode-escape", "unicode-escape", "rot-13", "base64", "hex", "zlib", "bz2",
     "quopri", "uu"}
)  # fmt: skip


def _header(value: object, *, decoded: bool = True) -> str:
    """A header's first LONGEST_HEADER characters, its encoded words (=?utf-8?q?...?=) decoded."""
    text = str(value)[:LONGEST_HEADER]
    if not decoded:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (UnicodeError, LookupError, ValueError, email.errors.MessageError):  # a charset unknown...
        return text


def body_of(parsed: email.message.Message) -> str:
    """What this email says: its plain text, else its HTML as text; what it quotes left out.
    Its first LONGEST_TEXT characters are read."""
    plain = html = None
    for part in parsed.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = _text_of(part)
        elif kind == "text/html" and html is None:
            html = _text_of(part)
    if plain is None and html is None:
        return ""
    text = plain if plain is not None else html_text((html or "")[:LONGEST_TEXT])
    return own_words(text[:LONGEST_TEXT])


def _text_of(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(payload or "")
    charset = part.get_content_charset() or "utf-8"
    if not charset.isprintable():
        raise MessageError(f"its charset {charset!r} is not the name of a charset")
    try:
        return payload.decode(charset, errors="replace")
    except (LookupError, ValueError):  # a charset Python does not know, or cannot decode with
        return _decode(payload)


# Quoted messages, signatures, disclaimers and footers: where this message's own words end.
QUOTE_STARTS = re.compile(
    r"^[^\S\n]*(?:"
    r"on\b.{0,200}\bwrote:\s*$"  # On Tue, Mar 3, 2026 at 10:02 AM Dana <dana@x.com> wrote:
    r"|le\b.{0,200}\ba écrit\s*:\s*$|am\b.{0,200}\bschrieb.{0,80}:\s*$"
    r"|-{2,}\s*original message\s*-{2,}"
    r"|-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:"
    r"|_{10,}\s*$"  # Outlook's rule above the quoted header
    r"|from:\s.+\n\s*(?:sent|date):\s"  # From: ... Sent: ... (Outlook)
    r")",
    re.IGNORECASE | re.MULTILINE,
)
SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
DISCLAIMER = re.compile(  # (?=[tcdi]): the first letters of what follows, looked at first (faster)
    r"^.{0,40}(?=[tcdi])"
    r"(?:this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]{0,40})? "
    r"(?:is|are|may be|contains?) (?:confidential|intended (?:solely|only))"
    r"|confidentiality notice|disclaimer:|if you are not the intended recipient|if you have received this"
    r" (?:e-?mail|message) in error)",
    re.IGNORECASE | re.MULTILINE,
)
NO_REPLY = re.compile(  # (?=[adimnru]): the first letters of what follows, looked at first (faster)
    r"(?=[adimnru])"
    r"(?:do not (?:reply|respond)|don['\u2019]?t (?:reply|respond)"
    r"|not (?:able|monitored|checked) to receive replies"
    r"|(?:unattended|unmonitored|unmanned) (?:mailbox|inbox|e-?mail address|address)"
    r"|replies (?:to this (?:e-?mail|message|address) )?(?:are|will) "
    r"(?:not (?:be )?(?:monitored|read|received)|undeliverable)"
    r"|(?:mailbox|inbox|address) (?:is )?not (?:monitored|checked)"
    r"|automated (?:message|e-?mail|notification)|no-?reply@)",
    re.IGNORECASE,
)


SENTENCE_END = re.compile(r"[.\n]")  # for a no-reply footer: a full stop or a line break


def _without_no_reply(text: str) -> str:
    """The text less each sentence that says this address reads nothing, a space in its place
    (one space for sentences that follow each other); in one pass."""
    pieces: list[str] = []
    done = 0  # where the text not yet kept or left out starts
    for found in NO_REPLY.finditer(text):
        if found.start() < done:
            continue  # in a sentence left out already
        before = max(text.rfind(".", done, found.start()), text.rfind("\n", done, found.start()))
        if before >= 0 or not pieces:  # else it goes on from the sentence left out before it
            pieces += [text[done : before + 1], " "]
        after = SENTENCE_END.search(text, found.end())
        done = after.end() if after is not None else len(text)
    pieces.append(text[done:])
    return "".join(pieces)


def own_words(text: str) -> str:
    """The text without what it quotes (lines starting with '>', or from an 'On ... wrote:' or
    '-----Original Message-----' on), its signature, disclaimer and no-reply footer."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern in (QUOTE_STARTS, SIGNATURE, DISCLAIMER):
        found = pattern.search(text)
        start = found.start() if found is not None else 0
        if pattern is QUOTE_STARTS and not text[:start].strip():
            start = 0  # only blank lines before it: the whole text is its own words
        if start > 0:
            text = text[:start]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    return _without_no_reply("\n".join(lines)).strip()


def _looks_like_email(raw: bytes) -> bool:
    head = raw[:2000].decode("latin-1").lower()
    return bool(re.match(r"(?:[a-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*){2,}", head)) and (
        "\nfrom:" in "\n" + head or "\nsubject:" in "\n" + head
    )


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def sender_domain(sender: str) -> str:
    """'dana@mail.acme.com' -> 'acme.com'."""
    domain = sender.rpartition("@")[2].lower().strip(">")
    parts = domain.split(".")
    return ".".join(
        parts[-3:] if len(parts) > 2 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else parts[-2:]
    )
