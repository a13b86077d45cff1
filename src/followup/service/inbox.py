"""Your mailbox, read for you: each batch of messages fetched is matched to the applications,
read, and kept with what it proposes, in one transaction with where the folder's sync stopped
(an interrupted sync neither loses nor repeats a message); the proposals confirmed or dismissed,
each as a correction of its template, so that the next message like it is read as you said."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from followup.calendar.invitations import InvitationError, read_invitations
from followup.casefile import CaseError
from followup.core import Advice
from followup.reading.incoming import Incoming, Proposal, Sent, propose, signal_proposals
from followup.reading.matching import Known, Matcher, employer_domains
from followup.reading.reader import Where
from followup.reading.templates import correction, said_day
from followup.store import inbox as kept
from followup.store import lookups
from followup.store.applications import UnknownRecord, record_events
from followup.store.corrections import as_taught, keep
from followup.store.database import writing
from followup.store.invitations import Choices, import_invitations

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = ["Context", "Decided", "Taken", "confirm", "context", "dismiss", "folder_state",
           "known_applications", "proposals", "take"]  # fmt: skip

folder_state = kept.folder_state


class Decided(CaseError):
    """A proposal decided already: confirmed, dismissed or recorded."""


def known_applications(engine: Engine) -> list[Known]:
    """The active applications, as a message may name them."""
    rows, emails = lookups.active_with_employers(engine)
    people: dict[int, list[str]] = {}
    for employer_id, address in emails:
        if address:
            people.setdefault(employer_id, []).append(address.lower())
    return [
        Known(
            id=row["id"], employer=row["name"], role=row["role"] or "",
            domains=employer_domains(people.get(row["employer_id"], []), row["website"]),
            addresses=frozenset(people.get(row["employer_id"], [])),
            where=Where(row["timezone"], row["country"], row["subdivision"]), began=row["began"],
            awaiting=row["awaiting"],
        )
        for row in rows
    ]  # fmt: skip


@dataclass
class Context:
    """What a sync reads each message against: the applications, the emails you sent, the kinds
    recorded without asking, and whether bodies are kept."""

    account: str
    known: list[Known]
    sent: list[Sent]
    record: frozenset[str] = frozenset({"answered"})
    keep_bodies: bool = False
    own: frozenset[str] = frozenset()  # your own addresses: what you sent is not their word
    matcher: Matcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.known, {one.message_id: one.application_id for one in self.sent})


def context(
    engine: Engine, account: str, record: frozenset[str], keep_bodies: bool, own: frozenset[str] = frozenset()
) -> Context:
    """What a sync reads each message against; `own`: your own addresses."""
    known = known_applications(engine)
    own = frozenset(address.lower() for address in own)
    return Context(account, known, kept.sent_emails(engine), record, keep_bodies, own)


@dataclass
class Taken:
    """What a batch gave: messages about an application, proposals left to you, events recorded."""

    matched: int = 0
    proposed: int = 0
    recorded: int = 0
    applications: set[int] = field(default_factory=set)


Planned = tuple[Incoming, str, int, list[tuple[Proposal, dict[str, Any] | None]]]


def take(
    engine: Engine,
    found: Context,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    batch: list[Incoming],
    now: datetime,
) -> Taken:
    """Match, read and keep a batch of a folder's messages, with the folder's new last UID, in
    one transaction; what it gave."""
    with engine.connect() as connection:  # your corrections, read in one connection for the batch
        planned = [
            plan for incoming in batch if (plan := _plan(connection, found, incoming, now)) is not None
        ]
    for attempt in range(2):
        try:
            return _keep(engine, found, folder, uidvalidity, last_uid, planned, now)
        except IntegrityError:  # another sync kept one of them meanwhile: read what it kept, once more
            if attempt:
                raise
    raise AssertionError("unreachable")


def _plan(connection: Connection, found: Context, incoming: Incoming, now: datetime) -> Planned | None:
    """What one message proposes, for which application; None when it is about none."""
    matched = found.matcher(incoming.sender, incoming.subject, incoming.text, incoming.replied_to)
    if matched is None or (incoming.bulk and matched.by not in ("reply", "address", "domain")):
        return None  # a newsletter that names them is not their word
    if incoming.sender.lower() in found.own:
        return None  # your own message (in Sent, or All Mail): not theirs
    if matched.by != "reply" and not matched.application.about_then(incoming.said_at):
        return None  # said long before this application began
    reading, proposals = propose(incoming, matched, found.sent, now, found.record)
    planned: list[tuple[Proposal, dict[str, Any] | None]] = []
    for one in proposals:
        if one.kind == "invitation":  # one that cannot be read, or holds no interview, is no proposal
            try:
                invitations = read_invitations(one.event["calendar"].encode(), "the invitation")
            except InvitationError:
                continue
            if not invitations or all(invitation.cancelled for invitation in invitations):
                continue
            first = invitations[0]
            one.evidence = first.summary or "An interview invitation"
            one.event["summary"] = first.summary
            one.event["start"] = first.start.isoformat() if first.start is not None else None
        planned.append((one, None))
    if reading is not None:
        timezone = matched.application.where.timezone
        taught = as_taught(connection, reading, timezone)
        template = taught["template"]
        for one in signal_proposals(taught, incoming, found.record):
            held = None
            if template is not None:
                held = {**template, "said_at": taught["said_at"], "timezone": timezone, "signal": one.signal}
            planned.append((one, held))
    return incoming, matched.by, matched.application.id, planned


def _keep(
    engine: Engine,
    found: Context,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    planned: list[Planned],
    now: datetime,
) -> Taken:
    with engine.connect() as connection:
        seen = kept.known_fingerprints(connection, [incoming.fingerprint for incoming, *_rest in planned])
    fresh = [plan for plan in planned if plan[0].fingerprint not in seen]
    taken = Taken()

    def write(connection: Connection) -> None:
        folder_id = kept.keep_folder(connection, found.account, folder, uidvalidity, last_uid, now)
        pending = kept.open_proposals(connection, sorted({plan[2] for plan in fresh}))
        for incoming, by, application_id, proposals in fresh:
            proposals[:] = [  # one open proposal of each thing said: a reminder sent ten times is one
                (proposal, template)
                for proposal, template in proposals
                if proposal.recorded or _new(pending, application_id, proposal)
            ]
            kept.keep_message(
                connection, folder_id, incoming, application_id, by, proposals, now, body=found.keep_bodies
            )
            taken.matched += 1
            taken.applications.add(application_id)
            for proposal, _template in proposals:
                taken.recorded += proposal.recorded
                taken.proposed += not proposal.recorded

    if not fresh:  # where the folder stopped, alone: no page worked out from the store changes
        with writing(engine, counted=False) as connection:
            kept.keep_folder(connection, found.account, folder, uidvalidity, last_uid, now)
        return taken
    events = [
        (application_id, proposal.event)
        for _incoming, _by, application_id, proposals in fresh
        for proposal, _template in proposals
        if proposal.recorded
    ]
    try:
        record_events(engine, events, now=now, also=write)
    except CaseError:  # one of them does not fit its case: each left for you to confirm instead
        for _incoming, _by, _application_id, proposals in fresh:
            for proposal, _template in proposals:
                proposal.recorded = False
        taken = Taken()
        record_events(engine, [], now=now, also=write)
    return taken


def _new(pending: set[tuple[Any, ...]], application_id: int, proposal: Proposal) -> bool:
    """Whether a proposal says what no open one of the application says; it is one from now."""
    said = kept.what_it_says(application_id, proposal.kind, proposal.event)
    if said in pending:
        return False
    pending.add(said)
    return True


def proposals(
    engine: Engine, *, status: str | None = kept.OPEN, application_id: int | None = None
) -> list[dict[str, Any]]:
    """What your mail proposes, as the faces show it: newest first, each with its message."""
    return [_shown(row) for row in kept.proposals(engine, status=status, application_id=application_id)]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    event = row["event"] or {}
    return {
        "id": row["id"], "application": row["application_id"], "employer": row["employer"],
        "role": row["role"], "kind": row["kind"], "status": row["status"],
        "confidence": row["confidence"], "maybe": row["maybe"], "evidence": row["evidence"],
        "date": event.get("date"), "until": event.get("until"), "channel": event.get("channel"),
        "channels": event.get("channels") or [], "silence_means_no": bool(event.get("silence_means_no")),
        "released": bool(event.get("released")), "purpose": event.get("purpose"),
        "answered": bool(event.get("answered")), "start": event.get("start"),
        "message": {"id": row["message"], "said_at": row["said_at"].isoformat() if row["said_at"] else None,
                    "sender": row["sender"], "subject": row["subject"], "matched_by": row["matched_by"]},
        "decided_at": row["decided_at"].isoformat() if row["decided_at"] else None,
        "timezone": row["timezone"],
    }  # fmt: skip


def count(engine: Engine, *, status: str | None = kept.OPEN, application_id: int | None = None) -> int:
    """How many proposals there are (of a status, for an application): proposals lists the newest."""
    return kept.proposal_count(engine, status=status, application_id=application_id)


def check_open(engine: Engine, proposal_ids: list[int]) -> None:
    """UnknownRecord or Decided for the first of these that cannot be decided now."""
    for proposal_id in proposal_ids:
        _open(engine, proposal_id)


def check_application(engine: Engine, application_id: int) -> None:
    """UnknownRecord for an application the store does not hold."""
    if not lookups.exists(engine, "application", application_id):
        raise UnknownRecord("application", application_id)


def _open(engine: Engine, proposal_id: int) -> dict[str, Any]:
    with engine.connect() as connection:
        row = kept.proposal(connection, proposal_id)
    if row is None:
        raise UnknownRecord("proposal", proposal_id)
    if row["status"] != kept.OPEN:
        raise Decided(f"proposal {proposal_id}", f"already {row['status']}")
    return row


def confirm(engine: Engine, proposal_id: int, now: datetime) -> tuple[dict[str, Any], Advice | None]:
    """Record what a proposal says (an invitation: import it), and keep your confirmation of a
    maybe as a correction of its template; the proposal as it is now, and the advice after."""
    row = _open(engine, proposal_id)
    if row["kind"] == "invitation":  # claimed first, so that two clicks import it once
        invitations = read_invitations(row["event"]["calendar"].encode(), f"proposal {proposal_id}")
        with writing(engine) as connection:
            if not kept.decide(connection, proposal_id, kept.CONFIRMED, now):
                raise Decided(f"proposal {proposal_id}", "decided meanwhile")
        try:
            import_invitations(
                engine, invitations, source=f"proposal {proposal_id}", now=now,
                choices=Choices(application_id=row["application_id"]),
            )  # fmt: skip
        except BaseException:
            with writing(engine) as connection:
                kept.reopen(connection, proposal_id)
            raise
        return _again(engine, proposal_id), None

    def decided(connection: Connection) -> None:
        if not kept.decide(connection, proposal_id, kept.CONFIRMED, now):
            raise Decided(f"proposal {proposal_id}", "decided meanwhile")
        _teach(connection, row, row["template"], keep_it=True, now=now)

    event = dict(row["event"].items())
    advised = record_events(engine, [(row["application_id"], event)], now=now, also=decided)
    return _again(engine, proposal_id), advised[row["application_id"]]


def dismiss(engine: Engine, proposal_id: int, now: datetime) -> dict[str, Any]:
    """Leave a proposal unrecorded, and keep that as a correction of its template: the next
    message like it does not propose it again."""
    row = _open(engine, proposal_id)
    with writing(engine) as connection:  # counted: the pages that listed it are worked out again
        if not kept.decide(connection, proposal_id, kept.DISMISSED, now):
            raise Decided(f"proposal {proposal_id}", "decided meanwhile")
        _teach(connection, row, row["template"], keep_it=False, now=now)
    return _again(engine, proposal_id)


def _teach(
    connection: Connection,
    row: dict[str, Any],
    template: dict[str, Any] | None,
    *,
    keep_it: bool,
    now: datetime,
) -> None:
    if not template or not template.get("signal"):
        return
    signal = template["signal"]
    said = said_day(template["said_at"], template["timezone"])
    taught = correction(signal, signal if keep_it else None, said, now)
    if taught is not None:
        keep(connection, template, [(taught, signal.get("evidence"))])


def _again(engine: Engine, proposal_id: int) -> dict[str, Any]:
    with engine.connect() as connection:
        row = kept.proposal(connection, proposal_id)
    assert row is not None
    return _shown(row)


def record_sent(
    engine: Engine, application_id: int, contact: dict[str, Any], sent: Sent, now: datetime
) -> Advice:
    """Record an email the server accepted as a contact, with its Message-ID (a reply names it),
    in one transaction; the advice now."""
    return record_events(
        engine, [(application_id, contact)], now=now, also=lambda connection: kept.keep_sent(connection, sent)
    )[application_id]
