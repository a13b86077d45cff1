"""A follow-up email ready to send: the draft the advice calls for, addressed and dated, after
every check that could refuse it (the advice, their instructions, an address); and, once the
server has accepted it, the contact it records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.casefile import CaseError, read_case
from followup.core import Advice, Rule, words
from followup.drafts import ruled_out
from followup.mail.config import address_problem
from followup.mail.sending import message
from followup.reading.incoming import Sent
from followup.rendering.agenda import DOING
from followup.service.drafts import addressee, case_document_of, drafts
from followup.service.inbox import record_sent as keep_sent_email

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The reasons that tell why no email goes now, the first family found first: their word before the
# calendar.
REFUSING = [Rule.of("outcome"), Rule.of("instruction"), Rule.of("silence"), Rule.of("schedule")]


class Refused(Exception):
    """The advice, or their instructions, call for no email now: nothing is sent."""


@dataclass(frozen=True)
class FollowUpEmail:
    """The email for one application's follow-up, and the contact it is recorded as once sent."""

    application_id: int
    purpose: str
    message: EmailMessage
    text: str  # the body, as written

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def sender(self) -> str:
        return str(self.message["From"])

    def contact(self, now: datetime) -> dict[str, Any]:
        """The contact event it is recorded as."""
        return {
            "at": now.isoformat(),
            "kind": "contacted",
            "channel": "email",
            "purpose": self.purpose,
            "note": f"Sent by followup: {self.subject}",
        }


def follow_up_email(
    engine: Engine,
    application_id: int,
    advice: dict[str, Any],
    now: datetime,
    *,
    sender: str,
    to: str | None = None,
    email_chosen: bool = False,
) -> FollowUpEmail:
    """The email the advice calls for now; Refused when it calls for none (or for another
    channel, unless `email_chosen` and email is not ruled out), CaseError for no address."""
    _check_advice(application_id, advice, email_chosen=email_chosen)
    made = [draft for draft in drafts(engine, application_id, advice, "email") if draft.subject]
    if not made:
        raise Refused(f"application {application_id}: there is no email to write for this follow-up")
    draft = made[0]
    address = to or draft.to
    if not address:
        raise CaseError(
            f"application {application_id}",
            "no email address is known: give --to ADDRESS, or add the person's with "
            "`followup contact add EMPLOYER_ID NAME --email ADDRESS`",
        )
    if (wrong := address_problem(address)) is not None:
        raise CaseError("--to" if to else "contact.email", wrong)
    your_name, to_name = addressee(engine, application_id, address)
    zone = ZoneInfo(advice["candidate"]["timezone"])
    built = message(
        sender, address, draft.subject or "", draft.text,
        now=now.astimezone(zone), sender_name=your_name, to_name=to_name,
    )  # fmt: skip
    made_email = FollowUpEmail(application_id, advice["purpose"], built, draft.text)
    _check_contact(engine, made_email, now)
    return made_email


def record_sent(engine: Engine, sent: FollowUpEmail, now: datetime) -> Advice:
    """Record the email the server accepted as a contact, with its Message-ID (so that a reply
    is known as their answer), in one transaction; the advice now."""
    kept = Sent(str(sent.message["Message-ID"]), sent.application_id, sent.subject, sent.purpose, now)
    return keep_sent_email(engine, sent.application_id, sent.contact(now), kept, now)


def _check_advice(application_id: int, advice: dict[str, Any], *, email_chosen: bool) -> None:
    action, purpose, channel = advice["action"], advice.get("purpose"), advice.get("channel")
    why = _why(advice)
    about = f"application {application_id}"
    if action == "wait" and purpose and advice.get("not_before"):
        start = datetime.fromisoformat(advice["not_before"])
        mine = start.astimezone(ZoneInfo(advice["candidate"]["timezone"]))
        raise Refused(
            f"{about}: the advice is to wait: {DOING[purpose]} from {words.moment(start)} their time "
            f"({words.moment(mine)} yours); nothing sent. {why}"
        )
    if action != "follow_up" or purpose is None:
        raise Refused(f"{about}: the advice is to {words.action(action)}; nothing sent. {why}")
    if channel != "email" and not email_chosen:
        raise Refused(
            f"{about}: the advice is to {DOING[purpose]} {words.channel(channel or '')}; nothing sent "
            "(give --channel email to send an email instead; what to say: "
            f"`followup draft {application_id}`)"
        )
    refused = ruled_out(advice, "email")
    if refused is not None:
        raise Refused(f"{about}: no email: {refused['text']} Nothing sent. [{refused['rule']}]")


def _check_contact(engine: Engine, made: FollowUpEmail, now: datetime) -> None:
    """The contact it will be recorded as fits the application, checked before anything is sent."""
    document = case_document_of(engine, made.application_id, now)
    document["events"].append(made.contact(now))
    read_case(document, now=now)


def _why(advice: dict[str, Any]) -> str:
    """The reason that decided."""
    reasons = advice.get("reasons") or []
    for family in REFUSING:
        found = [reason["text"] for reason in reasons if reason["rule"] in family]
        if found:
            return str(found[-1])
    return str(reasons[0]["text"]) if reasons else ""
