"""Your mailbox on its IMAP server, read only: sign in (TLS from the start, or STARTTLS; a
password, or an OAuth2 token with XOAUTH2), each folder's UIDVALIDITY and new UIDs, and of each
message only its header and its text and calendar parts (never an attachment of another kind;
a part is read up to PART_BYTES). Whatever goes wrong is a MailError: one line naming the server
and the reason. Nothing is ever changed on the server: folders are opened read-only and read with
BODY.PEEK, so a message stays unread."""

from __future__ import annotations

import base64
import binascii
import contextlib
import imaplib
import quopri
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from followup.mail.account import Imap, Secret
from followup.mail.imap_wire import Part, WireError, fetched, folder_name, folder_of, parts, responses

SEARCH_SPAN = 100_000  # UIDs asked at once: an answer of at most about 800 KB
PART_BYTES = 256 * 1024  # of a text part, what is read
CALENDAR_BYTES = 1024 * 1024  # an invitation larger than this is not read
HEADERS = (
    "FROM SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES LIST-ID LIST-UNSUBSCRIBE PRECEDENCE "
    "AUTO-SUBMITTED CONTENT-TYPE"
)
HEADER_ITEM = f"BODY[HEADER.FIELDS ({HEADERS})]"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class MailError(Exception):
    """The server could not be reached, refused us, or answered what cannot be read."""

    def __init__(self, imap: Imap, reason: str) -> None:
        super().__init__(f"{imap.server}: {reason}")


class FolderGone(MailError):
    """A folder the server does not have (any more)."""


@dataclass(frozen=True)
class Folder:
    name: str
    uidvalidity: int
    messages: int
    uidnext: int  # the UID the next message will have: every one so far is below it


class Mailbox:
    """A signed-in connection to your mailbox (a context manager that signs out)."""

    def __init__(self, imap: Imap, secret: Secret) -> None:
        self.imap = imap
        self._server = _signed_in(imap, secret)
        self._uidnext = 0  # of the folder open: the UIDs below it are searched SEARCH_SPAN at a time

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(imaplib.IMAP4.error, OSError, EOFError):
            self._server.logout()

    def folders(self) -> list[str]:
        """The folders of the mailbox, by name, as people read them."""
        _kind, data = self._do("LIST", lambda: self._server.list('""', "*"))
        names = []
        for response in responses(data):
            if len(response) >= 3 and isinstance(response[-1], bytes):
                names.append(folder_of(response[-1].decode("utf-8", "replace")))
        return names

    def open(self, name: str) -> Folder:
        """Open a folder read-only; FolderGone when there is no such folder."""
        try:
            kind, data = self._server.select(folder_name(name), readonly=True)
        except imaplib.IMAP4.abort as error:  # the connection, not the folder
            raise MailError(self.imap, f"the connection was lost ({_said(error)})") from None
        except imaplib.IMAP4.error as error:
            raise FolderGone(self.imap, f"folder {name!r}: {_said(error)}") from None
        except (OSError, EOFError) as error:
            raise MailError(self.imap, f"the connection was lost ({_why(error)})") from None
        if kind != "OK":
            raise FolderGone(self.imap, f"no folder {name!r} ({_text(data)})")
        _, values = self._server.response("UIDVALIDITY")
        _, following = self._server.response("UIDNEXT")
        try:
            uidvalidity = int(values[0])
            count = int(data[0] or 0)
        except (TypeError, ValueError, IndexError):
            raise MailError(self.imap, f"folder {name!r}: the server gave no UIDVALIDITY") from None
        try:
            uidnext = int(following[0])
        except (TypeError, ValueError, IndexError):  # not said: the next sync searches by UID all the same
            uidnext = 0
        self._uidnext = uidnext
        return Folder(name, uidvalidity, count, uidnext)

    def uids_after(self, last: int) -> list[int]:
        """The UIDs above `last` in the open folder, in order."""
        return self._search(last + 1)

    def uids_since(self, day: date) -> list[int]:
        """The UIDs of the open folder's messages that arrived on or after `day`."""
        return self._search(1, "SINCE", f"{day.day}-{MONTHS[day.month - 1]}-{day.year}")

    def _search(self, first: int, *criteria: str) -> list[int]:
        """The UIDs from `first` up that meet the criteria, in order: asked SEARCH_SPAN UIDs at a
        time below UIDNEXT (an answer stays well under what imaplib reads of one line, in a
        folder of millions), then what came since."""
        found: list[int] = []
        below = self._uidnext
        for start in range(first, below, SEARCH_SPAN):
            span = f"{start}:{min(start + SEARCH_SPAN, below) - 1}"
            _, data = self._do("SEARCH", lambda span=span: self._server.uid("SEARCH", "UID", span, *criteria))
            found += _numbers(data)
        since = max(first, below)
        _, data = self._do("SEARCH", lambda: self._server.uid("SEARCH", "UID", f"{since}:*", *criteria))
        found += [uid for uid in _numbers(data) if uid >= since]  # n:* names the last one even below n
        return sorted(set(found))

    def headers(self, uids: list[int]) -> dict[int, tuple[bytes, int, list[Part]]]:
        """Of each message: its header (the fields read), its size and its parts worth reading."""
        if not uids:
            return {}
        wanted = f"(UID RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS ({HEADERS})])"
        _, data = self._do("FETCH", lambda: self._server.uid("FETCH", _set(uids), wanted))
        found = {}
        for uid, items in self._items(data).items():
            header = items.get(HEADER_ITEM)
            size = items.get("RFC822.SIZE")
            try:
                worth = parts(items.get("BODYSTRUCTURE"))
            except (WireError, ValueError, IndexError):
                worth = []
            found[uid] = (
                header if isinstance(header, bytes) else b"",
                int(size) if isinstance(size, bytes) and size.isdigit() else 0,
                worth,
            )
        return found

    def texts(self, wanted: dict[int, list[Part]]) -> dict[int, dict[str, bytes]]:
        """The parts' bytes as sent (before their transfer encoding is undone), by UID and section;
        fetched together for the messages that have the same sections."""
        by_sections: dict[tuple[tuple[str, int], ...], list[int]] = {}
        for uid, chosen in wanted.items():
            key = tuple((part.section, _limit(part)) for part in chosen)
            if key:
                by_sections.setdefault(key, []).append(uid)
        found: dict[int, dict[str, bytes]] = {}
        for sections, uids in by_sections.items():
            items = " ".join(f"BODY.PEEK[{section}]<0.{limit}>" for section, limit in sections)
            asked = (_set(uids), f"(UID {items})")
            _, data = self._do("FETCH", lambda asked=asked: self._server.uid("FETCH", *asked))
            for uid, values in self._items(data).items():
                found[uid] = {
                    section: value
                    for section, _limit_ in sections
                    if isinstance(value := values.get(f"BODY[{section}]"), bytes)
                }
        return found

    def _items(self, data: list[Any]) -> dict[int, dict[str, Any]]:
        try:
            return fetched(data)
        except WireError as error:
            raise MailError(self.imap, f"an answer that cannot be read ({error})") from None

    def _do(self, what: str, call: Any) -> tuple[str, list[Any]]:
        try:
            kind, data = call()
        except imaplib.IMAP4.abort as error:
            raise MailError(self.imap, f"the connection was lost ({_said(error)})") from None
        except imaplib.IMAP4.error as error:
            raise MailError(self.imap, f"{what} was refused ({_said(error)})") from None
        except (OSError, EOFError) as error:
            raise MailError(self.imap, f"the connection was lost ({_why(error)})") from None
        if kind != "OK":
            raise MailError(self.imap, f"{what} was refused ({_text(data)})")
        return kind, data


def decoded(raw: bytes, part: Part) -> bytes:
    """A part's bytes with its transfer encoding undone (a part cut short is undone as far as it goes)."""
    if part.encoding == "base64":
        compact = b"".join(raw.split())
        compact = compact[: len(compact) - len(compact) % 4]
        try:
            return base64.b64decode(compact, validate=False)
        except (binascii.Error, ValueError):
            return b""
    if part.encoding == "quoted-printable":
        return quopri.decodestring(raw)
    return raw


def _limit(part: Part) -> int:
    return CALENDAR_BYTES if part.kind in ("text/calendar", "application/ics") else PART_BYTES


def _signed_in(imap: Imap, secret: Secret) -> imaplib.IMAP4:
    context = ssl.create_default_context()  # the system's certificates, and those of ca_file besides
    if imap.ca_file is not None:
        context.load_verify_locations(cafile=str(imap.ca_file))
    try:
        if imap.security == "ssl":
            server: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                imap.host, imap.port, ssl_context=context, timeout=imap.timeout
            )
        else:
            server = imaplib.IMAP4(imap.host, imap.port, timeout=imap.timeout)
            if imap.security == "starttls":
                if "STARTTLS" not in server.capabilities:
                    server.shutdown()
                    raise MailError(imap, 'the server does not offer STARTTLS: use security = "ssl"')
                server.starttls(ssl_context=context)
    except ssl.SSLCertVerificationError as error:
        raise MailError(imap, f"its certificate cannot be trusted ({error.verify_message}): "
                        "nothing was sent to it; see imap.ca_file") from None  # fmt: skip
    except ssl.SSLError as error:
        raise MailError(imap, f"TLS failed ({error.reason or error}); nothing was sent to it") from None
    except ConnectionRefusedError:
        raise MailError(imap, "connection refused (is the server running, and is the port right?)") from None
    except TimeoutError:
        raise MailError(imap, f"no answer within {imap.timeout:g} seconds (imap.timeout)") from None
    except socket.gaierror:
        raise MailError(imap, f"no such host: {imap.host}") from None
    except (OSError, EOFError) as error:
        raise MailError(imap, f"cannot connect ({_why(error)})") from None
    except imaplib.IMAP4.error as error:
        raise MailError(imap, f"the server refused us ({_said(error)})") from None
    try:
        if secret.oauth2:
            if "AUTH=XOAUTH2" not in server.capabilities:
                _hang_up(server)
                raise MailError(imap, "the server does not take OAuth2 tokens (XOAUTH2): use a password")
            token = f"user={imap.username}\x01auth=Bearer {secret.value}\x01\x01".encode()
            # the token once; to the server's error, sent as a challenge, an empty answer (RFC 7628)
            server.authenticate("XOAUTH2", lambda challenge: b"" if challenge else token)
        elif (imap.username + secret.value).isascii():
            server.login(imap.username, secret.value)
        else:  # LOGIN takes ASCII alone: PLAIN carries UTF-8
            plain = f"\0{imap.username}\0{secret.value}".encode()
            server.authenticate("PLAIN", lambda challenge: b"" if challenge else plain)
    except imaplib.IMAP4.error as error:
        _hang_up(server)
        raise MailError(
            imap, f"the server refused the {'token' if secret.oauth2 else 'password'} of {imap.username} "
            f"({_said(error)})",
        ) from None  # fmt: skip
    except (OSError, EOFError) as error:
        raise MailError(imap, f"the connection was lost ({_why(error)})") from None
    except UnicodeError:  # never the secret's characters in a message
        _hang_up(server)
        raise MailError(imap, f"the user name {imap.username!r} cannot be sent to this server") from None
    return server


def _hang_up(server: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError):
        server.shutdown()


def _set(uids: list[int]) -> str:
    """A UID set, runs joined: 1:5,9."""
    runs: list[str] = []
    for start, end in _runs(sorted(uids)):
        runs.append(str(start) if start == end else f"{start}:{end}")
    return ",".join(runs)


def _runs(uids: list[int]) -> Iterator[tuple[int, int]]:
    if not uids:
        return
    start = previous = uids[0]
    for uid in uids[1:]:
        if uid != previous + 1:
            yield start, previous
            start = uid
        previous = uid
    yield start, previous


def _numbers(data: list[Any]) -> list[int]:
    return [int(word) for line in data if isinstance(line, bytes) for word in line.split() if word.isdigit()]


TIMINGS = re.compile(r"\s*\([\d. +]+secs?\)")  # Dovecot's timings in an answer: not the reason


def _said(error: Exception) -> str:
    text = str(error)
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    text = TIMINGS.sub("", text)
    return " ".join(text.split())[:200] or type(error).__name__


def _why(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _text(data: list[Any]) -> str:
    said = " ".join(item.decode("utf-8", "replace") for item in data if isinstance(item, bytes))
    return TIMINGS.sub("", said)[:200]
