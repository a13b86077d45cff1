"""`followup mail sync`: what is new in your mailbox since the last sync, fetched (headers, and
the text and calendar parts of the messages that are not a newsletter), matched to your
applications, read, and kept with the folder's last UID, batch by batch. A changed UIDVALIDITY
reads the folder again from the start of the window, without keeping a message twice; a folder
that cannot be read is told in one line and the others go on."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from followup.mail.account import Imap, Secret
from followup.mail.imap import FolderGone, Mailbox, MailError, decoded
from followup.reading.incoming import Incoming
from followup.reading.message import MessageError, decoded_text, from_parts
from followup.service import inbox as service

if TYPE_CHECKING:
    from sqlalchemy import Engine

BATCH = 200  # messages fetched, read and kept in one transaction
FIRST_WINDOW = 30  # days read back on a folder's first sync, unless --since says otherwise
MESSAGE_ID = re.compile(r"<[^<>\s]{1,990}>")


@dataclass
class FolderReport:
    name: str
    new: int = 0  # messages fetched
    matched: int = 0
    proposed: int = 0
    recorded: int = 0
    renewed: bool = False  # its UIDVALIDITY had changed: read again from the window's start
    problem: str | None = None


@dataclass
class Report:
    account: str
    folders: list[FolderReport] = field(default_factory=list)
    applications: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return all(folder.problem is None for folder in self.folders)


Progress = Callable[[str, int, int], None]  # folder, done, of


def sync(
    engine: Engine,
    imap: Imap,
    secret: Secret,
    now: datetime,
    *,
    since: date | None = None,
    progress: Progress | None = None,
    yours: tuple[str, ...] = (),
) -> Report:
    """Sync every folder the [imap] section names; MailError when the server cannot be used at
    all (a folder that cannot be read is told in its report). `yours`: your addresses besides
    imap.username (what you sent, in Sent or All Mail, is not their word)."""
    own = {address for address in (imap.username, *yours) if "@" in address}
    found = service.context(engine, imap.account, imap.record, imap.keep_bodies, frozenset(own))
    report = Report(imap.account)
    with Mailbox(imap, secret) as mailbox:
        for name in imap.folders:
            folder = FolderReport(name)
            report.folders.append(folder)
            try:
                _sync_folder(engine, mailbox, found, folder, now, since, progress, report)
            except FolderGone as error:
                folder.problem = str(error)
    return report


def _sync_folder(
    engine: Engine,
    mailbox: Mailbox,
    found: service.Context,
    folder: FolderReport,
    now: datetime,
    since: date | None,
    progress: Progress | None,
    report: Report,
) -> None:
    uidvalidity, last_uid, synced_at = service.folder_state(engine, found.account, folder.name)
    opened = mailbox.open(folder.name)
    first = uidvalidity is None  # never read: its window; after, every UID above the last is new
    if uidvalidity is not None and uidvalidity != opened.uidvalidity:
        folder.renewed, last_uid, first = True, 0, True
    if first:  # the window: --since, else FIRST_WINDOW days (and, read again, since the last sync)
        first_day = since or (now - timedelta(days=FIRST_WINDOW)).date()
        if folder.renewed and synced_at is not None and since is None:
            first_day = min(first_day, (synced_at - timedelta(days=1)).date())
        uids = mailbox.uids_since(first_day)
    else:
        uids = mailbox.uids_after(last_uid)
    for start in range(0, len(uids), BATCH):
        chunk = uids[start : start + BATCH]
        batch = fetch(mailbox, chunk, lambda header: _from_them(found, header))
        last_uid = chunk[-1]
        taken = service.take(engine, found, folder.name, opened.uidvalidity, last_uid, batch, now)
        folder.new += len(batch)
        folder.matched += taken.matched
        folder.proposed += taken.proposed
        folder.recorded += taken.recorded
        report.applications |= taken.applications
        if progress is not None:
            progress(folder.name, start + len(chunk), len(uids))
    # Every message below UIDNEXT was in the folder when it was opened: those before the window
    # are left on purpose, and from now on only a UID above them is new (a message moved in later,
    # whatever its date, is read).
    if first or not uids:
        service.take(
            engine, found, folder.name, opened.uidvalidity, max(last_uid, opened.uidnext - 1), [], now
        )


def fetch(
    mailbox: Mailbox, uids: list[int], from_them: Callable[[bytes], bool] | None = None
) -> list[Incoming]:
    """The messages of these UIDs, as the reader takes them: the header of each, and the text and
    calendar parts of those that are not list mail, or are list mail `from_them` (an employer's
    own address or domain: an applicant-tracking system's mail may look like a newsletter)."""
    headers = mailbox.headers(uids)
    wanted = {}
    for uid, (header, _size, parts) in headers.items():
        if not _bulk(header) or (from_them is not None and from_them(header)):
            wanted[uid] = [
                part for part in parts if not part.attachment or "calendar" in part.kind or "ics" in part.kind
            ]
    texts = mailbox.texts(wanted)
    found = []
    for uid in sorted(headers):
        try:
            found.append(_incoming(uid, headers[uid], wanted.get(uid, []), texts.get(uid, {})))
        except (ValueError, LookupError, RecursionError, MessageError):  # read what can be: its header alone
            found.append(_incoming(uid, headers[uid], [], {}))
    return found


def _from_them(found: service.Context, header: bytes) -> bool:
    """Whether a message's sender is someone you know at an employer, or writes from its domain."""
    sender = from_parts(header, None, None)[0].sender
    return bool(sender) and found.matcher.knows(sender)


BULK = re.compile(rb"^(?:list-id|list-unsubscribe|precedence:\s*(?:bulk|list|junk))", re.I | re.M)
AUTOMATIC = re.compile(
    rb"^(?:auto-submitted:\s*auto-(?:replied|generated)|x-autoreply:|x-autorespond:|precedence:\s*auto_reply)",
    re.I | re.M,
)
AUTOMATIC_SUBJECT = re.compile(
    r"\s*(?:automatic\s+reply|auto(?:matic)?[-\s]?(?:reply|response)|out\s+of\s+(?:the\s+)?office|abwesenheit"
    r"|absence\s+du\s+bureau|r[ée]ponse\s+automatique)\b",
    re.I,
)
MOST_CALENDARS = 3  # invitations read of one message


def _bulk(header: bytes) -> bool:
    return BULK.search(header) is not None


def _incoming(uid: int, fetched: tuple[bytes, int, list], parts: list, texts: dict[str, bytes]) -> Incoming:  # type: ignore[type-arg]
    header, _size, _all = fetched
    plain = html = None
    calendars: list[str] = []
    for part in parts:  # the first plain and HTML parts, and the calendars (a few at most)
        raw = texts.get(part.section)
        if raw is None:
            continue
        if part.kind == "text/plain" and plain is None and not part.attachment:
            plain = decoded_text(decoded(raw, part), part.charset)
        elif part.kind == "text/html" and html is None and not part.attachment:
            html = decoded_text(decoded(raw, part), part.charset)
        elif part.kind in ("text/calendar", "application/ics") and len(calendars) < MOST_CALENDARS:
            calendars.append(decoded_text(decoded(raw, part), part.charset))
    message, fields = from_parts(header, plain, html)
    return Incoming(
        uid=uid,
        message_id=_message_id(fields.get("message-id")),
        sender=message.sender,
        subject=message.subject,
        said_at=message.said_at,
        text=message.text,
        replied_to=_replied_to(fields),
        bulk=_bulk(header),
        automatic=AUTOMATIC.search(header) is not None
        or AUTOMATIC_SUBJECT.match(message.subject) is not None,
        calendars=tuple(calendars),
    )


def _message_id(value: str | None) -> str | None:
    found = MESSAGE_ID.search(value) if value else None
    return found.group() if found else None


def _replied_to(fields: dict[str, str]) -> tuple[str, ...]:
    named: list[str] = []
    for header in ("in-reply-to", "references"):
        named += MESSAGE_ID.findall(fields.get(header, ""))
    return tuple(dict.fromkeys(named))


def keep_syncing(
    engine: Engine,
    every_minutes: int,
    stop: threading.Event,
    say: Callable[[str], None],
    clock: Callable[[], datetime],
) -> None:
    """Sync your mailbox every so many minutes until `stop` is set (`followup serve --mail-sync`):
    the config file is read again each time, and what goes wrong is said in one line and tried
    again next time."""
    from followup.mail.account import imap_account, secret
    from followup.mail.config import ConfigError, read_config

    while not stop.is_set():
        try:
            config = read_config(smtp=False)
            imap = imap_account(config)
            if imap is None:
                say(f"mail sync: {config.path}: no [imap] section (followup mail connect); not synced")
            else:
                report = sync(engine, imap, secret(imap, config.path), clock())
                for folder in report.folders:
                    if folder.problem:
                        say(f"mail sync: {folder.problem}")
                    elif folder.proposed or folder.recorded:
                        say(
                            f"mail sync: {folder.name}: {folder.proposed} to review, "
                            f"{folder.recorded} recorded"
                        )
        except (ConfigError, MailError) as error:
            say(f"mail sync: {error}; trying again in {_minutes(every_minutes)}")
        except Exception as error:  # the app goes on; the next round tries again
            say(
                f"mail sync: failed ({type(error).__name__}: {error}); "
                f"trying again in {_minutes(every_minutes)}"
            )
        stop.wait(every_minutes * 60)


def _minutes(count: int) -> str:
    return f"{count} minute{'s' if count != 1 else ''}"


__all__ = ["FolderReport", "MailError", "Report", "fetch", "keep_syncing", "sync"]
