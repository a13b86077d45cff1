"""A message from your mailbox, and what it proposes for the application it is about: a reply
to an email followup sent is their answer; the signals the reader finds in its words are events
to record; an interview invitation attached (.ics) is a round to import."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from followup.reading.matching import Match
from followup.reading.reader import event_of, read_message, signal_json

SURE = 0.9  # a signal at least this sure may be recorded without asking, when you say so
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|sv|vs|antw|réf|ref|fw|fwd|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


@dataclass(frozen=True)
class Incoming:
    """A message as fetched: who, when, what about, its own words, what it replies to, and the
    calendars attached."""

    uid: int
    message_id: str | None
    sender: str
    subject: str
    said_at: datetime | None
    text: str = ""
    replied_to: tuple[str, ...] = ()  # In-Reply-To, then References
    bulk: bool = False  # a newsletter or list mail (List-Id, List-Unsubscribe, Precedence: bulk)
    automatic: bool = False  # Auto-Submitted: an out-of-office or a system's notice
    calendars: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """What tells this message from every other, in any folder: its Message-ID, else its
        date, sender and subject."""
        basis = (
            self.message_id
            or f"{self.said_at.isoformat() if self.said_at else ''}\0{self.sender}\0{self.subject}"
        )
        return hashlib.sha256(basis.strip().lower().encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Sent:
    """An email followup sent for an application: a reply names its Message-ID or its subject."""

    message_id: str
    application_id: int
    subject: str | None
    purpose: str | None
    sent_at: datetime


@dataclass
class Proposal:
    """What a message proposes: an event (kind answered, a signal's kind, or invitation), how
    sure, the words that said it, and whether it is recorded without asking."""

    kind: str
    event: dict[str, Any]
    confidence: float
    maybe: bool = False
    evidence: str | None = None
    signal: dict[str, Any] | None = None  # as the reader gave it (signal_json, with words_at)
    recorded: bool = False


def subject_of(subject: str | None) -> str:
    """A subject without its Re:, AW:, Fwd: and the like, folded: what a reply keeps."""
    return " ".join(REPLY_PREFIX.sub("", subject or "").split()).casefold()


def answered_by(incoming: Incoming, found: Match, sent: list[Sent]) -> Sent | None:
    """The email of yours this message answers: the one its In-Reply-To or References name, else
    (from the employer's own address or domain) the one whose subject it repeats after Re:."""
    ours = [one for one in sent if one.application_id == found.application.id]
    named = {one.message_id: one for one in ours}
    for message_id in incoming.replied_to:
        if message_id in named:
            return named[message_id]
    if found.by in ("address", "domain") and REPLY_PREFIX.match(incoming.subject or ""):
        said = subject_of(incoming.subject)
        for one in sorted(ours, key=lambda one: one.sent_at, reverse=True):
            if subject_of(one.subject) == said and (
                incoming.said_at is None or incoming.said_at > one.sent_at
            ):
                return one
    return None


def propose(
    incoming: Incoming, found: Match, sent: list[Sent], now: datetime, record: frozenset[str]
) -> tuple[dict[str, Any] | None, list[Proposal]]:
    """What a message about an application proposes: their answer to an email of yours, the
    signals in its words, the invitations attached; and its reading (as service.reading.reading
    gives it, for your corrections of its template), when its words were read. A proposal
    whose kind `record` names, sure (SURE) and no maybe, is recorded without asking."""
    said_at = min(incoming.said_at or now, now).astimezone(UTC)
    proposals: list[Proposal] = []
    answer = (
        None if incoming.automatic else answered_by(incoming, found, sent)
    )  # an out-of-office is no answer
    if answer is not None:
        # Their answer is recorded as a contact of yours they answered, at the time of their
        # reply: the answer to a thank-you is told as the answer to a follow-up (the thank-you
        # itself stays as it was sent).
        purpose = answer.purpose if answer.purpose in ("check_in", "call_back") else "check_in"
        event = {
            "at": said_at.isoformat(), "kind": "contacted", "channel": "email", "purpose": purpose,
            "answered": True, "note": f"They answered: {incoming.subject}"[:500], "said_by": incoming.sender,
            "said_how": "email",
        }  # fmt: skip
        proposals.append(
            Proposal("answered", event, 1.0, evidence=incoming.subject, recorded="answered" in record)
        )
    elif _wrote_after(incoming, found, said_at):
        # Someone of theirs wrote after a contact of yours they had not answered: their answer,
        # most likely, but not told by the headers: for you to confirm.
        assert found.application.awaiting is not None
        event = {
            "at": said_at.isoformat(), "kind": "contacted", "channel": "email", "purpose": "check_in",
            "answered": True, "note": f"They wrote: {incoming.subject}"[:500], "said_by": incoming.sender,
            "said_how": "email",
        }  # fmt: skip
        since = found.application.awaiting.astimezone(UTC).date().isoformat()
        evidence = f"{incoming.sender} wrote after your contact of {since}: {incoming.subject}"
        proposals.append(Proposal("answered", event, 0.8, evidence=evidence[:500]))
    reading = None
    if incoming.text.strip() and not incoming.automatic:
        words, signals = read_message(incoming.text, said_at, found.application.where)
        reading = {
            "text": words,
            "said_at": said_at.isoformat(),
            "signals": [signal_json(s) for s in signals],
        }
    for calendar in incoming.calendars:  # its evidence is the invitation's, once read (service.inbox)
        proposals.append(Proposal("invitation", {"calendar": calendar}, 1.0))
    return reading, proposals


NO_REPLY_SENDER = re.compile(r"^(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon|postmaster)\b", re.I)


def _wrote_after(incoming: Incoming, found: Match, said_at: datetime) -> bool:
    """Whether a message is someone of theirs writing to you after a contact of yours they had not
    answered: from a contact's address or the employer's domain, written by a person (not list
    mail, not an automatic reply, not a no-reply address)."""
    awaiting = found.application.awaiting
    return (
        awaiting is not None
        and said_at > awaiting
        and found.by in ("address", "domain")
        and not (incoming.bulk or incoming.automatic)
        and NO_REPLY_SENDER.match(incoming.sender) is None
    )


def signal_proposals(reading: dict[str, Any], incoming: Incoming, record: frozenset[str]) -> list[Proposal]:
    """The signals of a reading (as your corrections of its template left them) as proposals."""
    said_at = datetime.fromisoformat(reading["said_at"])
    proposals = []
    for signal in reading["signals"]:
        event = event_of(signal, said_at, (signal["evidence"] or "").strip())
        event["said_by"] = incoming.sender
        event["said_how"] = "email"
        sure = signal["confidence"] >= SURE and not signal["maybe"]
        proposals.append(
            Proposal(
                signal["kind"], event, signal["confidence"], maybe=bool(signal["maybe"]),
                evidence=(signal["evidence"] or "").strip(), signal=signal,
                recorded=sure and signal["kind"] in record,
            )
        )  # fmt: skip
    return proposals
