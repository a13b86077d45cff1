"""Messages to read: a note, an .eml file or an mbox. From an email, the body this message says:
its plain text (or its HTML, made text), without the earlier messages it quotes, its signature,
its disclaimer or its no-reply footer."""

from __future__ import annotations

import email
import email.errors
import email.policy
import mailbox
import re
from dataclasses import dataclass
from datetime import datetime
from email.header import decode_header, make_header
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path


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
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise MessageError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if raw.startswith(b"From ") and b"\n" in raw:
        return read_mbox(path)
    if path.suffix.lower() == ".eml" or _looks_like_email(raw):
        return [read_email(raw)]
    return [Message(text=_decode(raw))]


def read_mbox(path: Path) -> list[Message]:
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        return [_from_email(message, index) for index, message in enumerate(box)]
    finally:
        box.close()


def read_email(raw: bytes | str) -> Message:
    """One email, as in an .eml file."""
    parsed = (
        email.message_from_bytes(raw, policy=email.policy.compat32)
        if isinstance(raw, bytes)
        else email.message_from_string(raw, policy=email.policy.compat32)
    )
    return _from_email(parsed, 0)


def _from_email(parsed: email.message.Message, index: int) -> Message:
    said_at = None
    date_header = parsed.get("Date")
    if date_header:
        try:
            said_at = parsedate_to_datetime(str(date_header))
        except (TypeError, ValueError, IndexError):
            said_at = None
        if said_at is not None and said_at.utcoffset() is None:
            said_at = None
    sender = parseaddr(_header(parsed.get("From", "")))[1]
    subject = " ".join(_header(parsed.get("Subject", "")).split())
    return Message(text=body_of(parsed), said_at=said_at, sender=sender, subject=subject, index=index)


def _header(value: object) -> str:
    """A header's text, its encoded words (=?utf-8?q?...?=) decoded."""
    try:
        return str(make_header(decode_header(str(value))))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return str(value)


def body_of(parsed: email.message.Message) -> str:
    """What this email says: its plain text, else its HTML as text; what it quotes left out."""
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
    return own_words(plain if plain is not None else html_text(html or ""))


def _text_of(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(payload or "")
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return _decode(payload)


# Quoted messages, signatures, disclaimers and footers: where this message's own words end.
QUOTE_STARTS = re.compile(
    r"^\s*(?:"
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
DISCLAIMER = re.compile(
    r"^.{0,40}(?:this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]{0,40})? "
    r"(?:is|are|may be|contains?) (?:confidential|intended (?:solely|only))"
    r"|confidentiality notice|disclaimer:|if you are not the intended recipient|if you have received this"
    r" (?:e-?mail|message) in error)",
    re.IGNORECASE | re.MULTILINE,
)
NO_REPLY = re.compile(
    r"do not (?:reply|respond)|don'?t (?:reply|respond)|not (?:able|monitored|checked) to receive replies"
    r"|replies (?:to this (?:e-?mail|message|address) )?(?:are|will) "
    r"(?:not (?:be )?(?:monitored|read|received)|undeliverable)"
    r"|(?:mailbox|inbox|address) (?:is )?not (?:monitored|checked)"
    r"|automated (?:message|e-?mail|notification)|no-?reply@",
    re.IGNORECASE,
)


def _without_no_reply(text: str) -> str:
    """The text less each sentence that says this address reads nothing."""
    while (found := NO_REPLY.search(text)) is not None:
        start = max(text.rfind(".", 0, found.start()), text.rfind("\n", 0, found.start())) + 1
        ends = [end for end in (text.find(".", found.end()), text.find("\n", found.end())) if end >= 0]
        end = min(ends) + 1 if ends else len(text)
        text = text[:start] + " " + text[end:]
    return text


def own_words(text: str) -> str:
    """The text without what it quotes (lines starting with '>', or from an 'On ... wrote:' or
    '-----Original Message-----' on), its signature, disclaimer and no-reply footer."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern in (QUOTE_STARTS, SIGNATURE, DISCLAIMER):
        found = pattern.search(text)
        if found is not None and found.start() > 0:
            text = text[: found.start()]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    return _without_no_reply("\n".join(lines)).strip()


class _Text(HTMLParser):
    """HTML as the text a reader sees: blocks on their own lines; no scripts, styles, hidden
    preheaders or quoted messages."""

    BLOCKS = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 table ul ol blockquote hr".split())
    HIDDEN = frozenset({"script", "style", "head", "title"})
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # each open element, and whether it hides its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        style = " ".join(value or "" for name, value in attrs if name == "style").replace(" ", "").lower()
        classes = " ".join(value or "" for name, value in attrs if name == "class").split()
        hides = (
            tag in self.HIDDEN
            or tag == "blockquote"
            or "display:none" in style
            or any(name in ("gmail_quote", "quote", "preheader") for name in classes)
        )
        self.open.append((tag, hides))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        for index in range(len(self.open) - 1, -1, -1):  # close it, and what was left open inside
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not any(hides for _tag, hides in self.open):
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # broken markup: what was read so far
        pass
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


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
