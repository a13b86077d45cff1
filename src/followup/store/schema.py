"""The tables: employers, their contacts, applications, interview rounds, the event log and the
current advice. One schema for SQLite and PostgreSQL; migrations/ creates and changes it.

The event log is append-only: a correction is a new event that names the one it corrects."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from followup.store.types import Instant

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def employer_key(name: str) -> str:
    """What makes two employers' names the same: case (in any script), spacing, the width of
    letters (fullwidth ACME is ACME) and invisible characters aside. A store holds one employer of each
    name, and the database itself says so (a unique index)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def data_columns(table: Table) -> list[Column[Any]]:
    """A table's columns that hold what was said, without those the store derives from them
    (an employer's name key): what is shown, exported and imported."""
    return [column for column in table.columns if not column.info.get("derived")]


def _key_of_name(context: Any) -> str:
    return employer_key(context.get_current_parameters()["name"])


employers = Table(
    "employers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("name_key", Text, nullable=False, default=_key_of_name, info={"derived": True}),
    Column("timezone", String(64), nullable=False),  # IANA
    Column("timezone_inferred", Boolean, nullable=False, default=False),
    Column("country", String(2)),
    Column("subdivision", String(16)),
    Column("hours", JSON),  # as in a case file; null: the country's defaults
    Column("allows_visits", Boolean, nullable=False, default=False),
    Column("address", Text),
    Column("phone", String(40)),
    Column("website", Text),
    Column("created_at", Instant, nullable=False),
    Index("uq_employers_name_key", "name_key", unique=True),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("employer_id", ForeignKey("employers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("role", Text),
    Column("email", Text),
    Column("phone", String(40)),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("employer_id", ForeignKey("employers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", Text, nullable=False),
    Column("source", Text),
    Column("link", Text),
    Column("status", String(20), nullable=False, default="active", index=True),
    Column("candidate_timezone", String(64)),
    Column("local_to_employer", Boolean, nullable=False, default=False),
    Column("policy", JSON),  # settings that differ from the defaults
    Column("created_at", Instant, nullable=False),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("round", Integer, nullable=False),
    Column("at", Instant, nullable=False, index=True),
    Column("minutes", Integer, nullable=False, default=60),
    Column("format", String(20)),
    Column("place", Text),
    Column("interviewers", JSON),
    Column("notes", Text),  # what was discussed
    Column("invitation_uid", Text, index=True),  # the calendar invitation it came from
    Column("invitation_sequence", Integer),  # and that invitation's SEQUENCE
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("at", Instant, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("date", Date),
    Column("until", Date),
    Column("channel", String(10)),
    Column("channels", JSON),
    Column("purpose", String(10)),
    Column("answered", Boolean, nullable=False, default=False),
    Column("released", Boolean, nullable=False, default=False),
    Column("silence_means_no", Boolean, nullable=False, default=False),
    Column("note", Text),  # their words, as noted
    Column("said_by", Text),
    Column("said_how", String(10)),  # email, phone, in_person, letter, message
    Column("corrects", ForeignKey("events.id"), nullable=True),  # this event replaces that one
    Column("recorded_at", Instant, nullable=False),
    Index("ix_events_application_id_at", "application_id", "at"),
    Index("ix_events_kind_at", "kind", "at"),
)

advice = Table(
    "advice",
    metadata,
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Column("action", String(20), nullable=False),
    Column("purpose", String(10)),
    Column("channel", String(10)),
    Column("not_before", Instant),
    Column("changes_at", Instant, index=True),  # when the clock alone can change this advice
    Column("computed_at", Instant, nullable=False, index=True),  # kept advice holds from here
    Column("body", JSON, nullable=False),  # the advice as JSON
)

settings = Table(
    "settings",
    metadata,
    Column("name", String(40), primary_key=True),  # timezone: your own
    Column("value", Text, nullable=False),
)

reminders = Table(  # each reminder sent, once: `followup remind` sends nothing twice
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),  # what it was about, as one string
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("sent_at", Instant, nullable=False, index=True),
    Column("how", String(20), nullable=False),  # email, desktop, printed
)

edits = Table(  # every change to a stored field, with what it was: nothing is overwritten silently
    "edits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Instant, nullable=False),
    Column("subject", String(20), nullable=False),  # employer, contact, application, interview
    Column("subject_id", Integer, nullable=False),
    Column("field", String(40), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Index("ix_edits_subject_subject_id", "subject", "subject_id"),
)

corrections = Table(  # how you corrected a reading, kept by the template of the words read
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("template", String(32), nullable=False, index=True),  # reading.templates: its key
    Column("read_as", String(20)),  # the kind the reader gave; null: it gave none (added)
    Column("reading", JSON),  # the signal as corrected (kind, fields, words); null: dismissed
    Column("words", String(300), nullable=False),  # the template's masked words: what it was, to show
    Column("evidence", String(20_000)),  # the words that said it, as you corrected them
    Column("corrected_at", Instant, nullable=False),
)

# Your mailbox, read for you (followup.mail.inbox): where each folder's sync stopped, the messages
# about an application (their id, date, sender and subject; never the body unless you ask), what
# each proposes, and the Message-IDs of the emails followup sent, so that a reply is known.
mail_folders = Table(
    "mail_folders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", Text, nullable=False),  # user@host
    Column("name", String(1000), nullable=False),  # as the server names it
    Column("uidvalidity", BigInteger),  # IMAP's: when it changes, the UIDs mean other messages
    Column("last_uid", BigInteger, nullable=False, default=0),  # every UID up to it is read
    Column("synced_at", Instant),
    Index("uq_mail_folders_account", "account", "name", unique=True),
)

mail_messages = Table(
    "mail_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("folder_id", ForeignKey("mail_folders.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("uid", BigInteger, nullable=False),
    Column("fingerprint", String(64), nullable=False),  # its Message-ID's (or headers') hash: never twice
    Column("message_id", Text),
    Column("said_at", Instant),
    Column("sender", Text),
    Column("subject", Text),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("matched_by", String(20), nullable=False),  # reply, address, domain, name
    Column("body", Text),  # only when you ask (mail.keep_bodies)
    Column("seen_at", Instant, nullable=False),
    Index("uq_mail_messages_fingerprint", "fingerprint", unique=True),
)

mail_proposals = Table(
    "mail_proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", ForeignKey("mail_messages.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # a signal's kind, answered, or invitation
    Column("event", JSON, nullable=False),  # the event it records (an invitation: its calendar)
    Column("confidence", Float, nullable=False),
    Column("maybe", Boolean, nullable=False, default=False),
    Column("evidence", Text),  # the words that said it
    Column("template", JSON),  # the message's template: a correction is kept by it
    Column("status", String(12), nullable=False, index=True),  # open, confirmed, dismissed, recorded
    Column("decided_at", Instant),
)

sent_messages = Table(  # each email `followup send` sent: a reply names its Message-ID
    "sent_messages",
    metadata,
    Column("message_id", String(998), primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject", Text),
    Column("purpose", String(10)),
    Column("sent_at", Instant, nullable=False),
)
