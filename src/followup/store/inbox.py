"""Your mailbox as the store keeps it: where each folder's sync stopped (its UIDVALIDITY and the
last UID read), the messages about an application (never their body unless you asked), what each
proposes and what became of it, and the Message-IDs of the emails followup sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from followup.reading.incoming import Incoming, Proposal, Sent
from followup.store.schema import (
    applications,
    employers,
    mail_folders,
    mail_messages,
    mail_proposals,
    sent_messages,
)

OPEN, CONFIRMED, DISMISSED, RECORDED = "open", "confirmed", "dismissed", "recorded"


def folder_state(engine: Engine, account: str, name: str) -> tuple[int | None, int, datetime | None]:
    """A folder's UIDVALIDITY when last read (None: never read), the last UID read, and when."""
    with engine.connect() as connection:
        row = connection.execute(
            select(mail_folders.c.uidvalidity, mail_folders.c.last_uid, mail_folders.c.synced_at).where(
                mail_folders.c.account == account, mail_folders.c.name == name
            )
        ).first()
    return (None, 0, None) if row is None else (row.uidvalidity, int(row.last_uid), row.synced_at)


def keep_folder(
    connection: Connection, account: str, name: str, uidvalidity: int, last_uid: int, now: datetime
) -> int:
    """Where a folder's sync stopped, in the caller's transaction; the folder's id."""
    found = connection.execute(
        select(mail_folders.c.id).where(mail_folders.c.account == account, mail_folders.c.name == name)
    ).scalar_one_or_none()
    values = {"uidvalidity": uidvalidity, "last_uid": last_uid, "synced_at": now}
    if found is None:
        made = connection.execute(
            insert(mail_folders).values(account=account, name=name, **values).returning(mail_folders.c.id)
        )
        return int(made.scalar_one())
    connection.execute(update(mail_folders).where(mail_folders.c.id == found).values(**values))
    return int(found)


def known_fingerprints(connection: Connection, fingerprints: list[str]) -> set[str]:
    """Of these messages, those kept already (from another folder, or before a UIDVALIDITY changed)."""
    if not fingerprints:
        return set()
    rows = connection.execute(
        select(mail_messages.c.fingerprint).where(mail_messages.c.fingerprint.in_(fingerprints))
    )
    return {row.fingerprint for row in rows}


def keep_message(
    connection: Connection,
    folder_id: int,
    incoming: Incoming,
    application_id: int,
    matched_by: str,
    proposals: list[tuple[Proposal, dict[str, Any] | None]],
    now: datetime,
    *,
    body: bool,
) -> int:
    """A message about an application and what it proposes (each with its template, or None),
    in the caller's transaction; its id."""
    message_id = connection.execute(
        insert(mail_messages)
        .values(
            folder_id=folder_id,
            uid=incoming.uid,
            fingerprint=incoming.fingerprint,
            message_id=(incoming.message_id or "")[:998] or None,
            said_at=incoming.said_at,
            sender=incoming.sender[:320],
            subject=incoming.subject[:1000],
            application_id=application_id,
            matched_by=matched_by,
            body=incoming.text if body else None,
            seen_at=now,
        )
        .returning(mail_messages.c.id)
    ).scalar_one()
    if proposals:
        connection.execute(
            insert(mail_proposals),
            [
                {"message_id": message_id, "application_id": application_id, "kind": proposal.kind,
                 "event": proposal.event, "confidence": proposal.confidence, "maybe": proposal.maybe,
                 "evidence": proposal.evidence, "template": template,
                 "status": RECORDED if proposal.recorded else OPEN,
                 "decided_at": now if proposal.recorded else None}
                for proposal, template in proposals
            ],
        )  # fmt: skip
    return int(message_id)


def what_it_says(application_id: int, kind: str, event: dict[str, Any]) -> tuple[Any, ...]:
    """What tells two proposals alike: the application, the kind and the event's fields (not its
    words, nor when it was said)."""
    fields = tuple(
        str(event.get(name))
        for name in ("date", "until", "channel", "channels", "silence_means_no", "released")
    )
    return (application_id, kind, *fields, event.get("calendar"))


def open_proposals(connection: Connection, application_ids: list[int]) -> set[tuple[Any, ...]]:
    """What the open proposals of these applications say (what_it_says)."""
    if not application_ids:
        return set()
    rows = connection.execute(
        select(mail_proposals.c.application_id, mail_proposals.c.kind, mail_proposals.c.event).where(
            mail_proposals.c.application_id.in_(application_ids), mail_proposals.c.status == OPEN
        )
    )
    return {what_it_says(row.application_id, row.kind, row.event or {}) for row in rows}


def sent_emails(engine: Engine) -> list[Sent]:
    """Every email followup sent, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(sent_messages).order_by(sent_messages.c.sent_at))
        return [
            Sent(row.message_id, row.application_id, row.subject, row.purpose, row.sent_at) for row in rows
        ]


def keep_sent(connection: Connection, sent: Sent) -> None:
    """An email followup sent, in the caller's transaction (with the contact it records)."""
    connection.execute(
        insert(sent_messages).values(
            message_id=sent.message_id[:998],
            application_id=sent.application_id,
            subject=sent.subject,
            purpose=sent.purpose,
            sent_at=sent.sent_at,
        )
    )


PROPOSAL_COLUMNS = (
    mail_proposals.c.id, mail_proposals.c.application_id, mail_proposals.c.kind, mail_proposals.c.event,
    mail_proposals.c.confidence, mail_proposals.c.maybe, mail_proposals.c.evidence, mail_proposals.c.status,
    mail_proposals.c.decided_at, mail_proposals.c.template, mail_messages.c.said_at, mail_messages.c.sender,
    mail_messages.c.subject, mail_messages.c.matched_by, mail_messages.c.message_id.label("message"),
    applications.c.role, employers.c.name.label("employer"), employers.c.timezone,
)  # fmt: skip


def proposals(
    engine: Engine, *, status: str | None = OPEN, application_id: int | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """What your mail proposes (of a status, for an application), newest message first."""
    query = (
        select(*PROPOSAL_COLUMNS)
        .join(mail_messages, mail_messages.c.id == mail_proposals.c.message_id)
        .join(applications, applications.c.id == mail_proposals.c.application_id)
        .join(employers, employers.c.id == applications.c.employer_id)
        .order_by(mail_messages.c.said_at.desc().nulls_last(), mail_proposals.c.id)
        .limit(limit)
    )
    if status is not None:
        query = query.where(mail_proposals.c.status == status)
    if application_id is not None:
        query = query.where(mail_proposals.c.application_id == application_id)
    with engine.connect() as connection:
        return [row._asdict() for row in connection.execute(query)]


def proposal_count(engine: Engine, *, status: str | None = OPEN, application_id: int | None = None) -> int:
    """How many proposals there are, of a status, for an application."""
    query = select(func.count()).select_from(mail_proposals)
    if status is not None:
        query = query.where(mail_proposals.c.status == status)
    if application_id is not None:
        query = query.where(mail_proposals.c.application_id == application_id)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def proposal(connection: Connection, proposal_id: int) -> dict[str, Any] | None:
    """One proposal, with its message; None when there is no such one."""
    query = (
        select(*PROPOSAL_COLUMNS)
        .join(mail_messages, mail_messages.c.id == mail_proposals.c.message_id)
        .join(applications, applications.c.id == mail_proposals.c.application_id)
        .join(employers, employers.c.id == applications.c.employer_id)
        .where(mail_proposals.c.id == proposal_id)
    )
    row = connection.execute(query).first()
    return None if row is None else row._asdict()


def decide(connection: Connection, proposal_id: int, status: str, now: datetime) -> bool:
    """Mark an open proposal confirmed or dismissed; False when it is open no more (another
    click, or another window, decided it first)."""
    done = connection.execute(
        update(mail_proposals)
        .where(mail_proposals.c.id == proposal_id, mail_proposals.c.status == OPEN)
        .values(status=status, decided_at=now)
    )
    return bool(done.rowcount)


def reopen(connection: Connection, proposal_id: int) -> None:
    """An invitation whose import failed is left open again."""
    connection.execute(
        update(mail_proposals).where(mail_proposals.c.id == proposal_id).values(status=OPEN, decided_at=None)
    )
