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
    ForeignKeyConstraint,
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
    (an employer's name key) and the account it belongs to: what is shown, exported and imported."""
    return [
        column for column in table.columns if not (column.info.get("derived") or column.info.get("owner"))
    ]


def _key_of_name(context: Any) -> str:
    return employer_key(context.get_current_parameters()["name"])


# Who uses the store. On one machine, one person: the account LOCAL, made with the store, without
# a password. A server (followup serve --server) holds many: job seekers, their coaches and the
# admins who invite them. Every seeker's data hangs from their account (seeker_id below).
LOCAL = 1

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320)),  # folded to lower case; null: the one person of a local store
    Column("name", Text, nullable=False),
    Column("role", String(10), nullable=False),  # seeker, coach, admin
    Column("password_hash", Text),  # argon2id; null: no signing in (invited, not joined; or local)
    Column("shares_notes", Boolean, nullable=False, default=False),  # a seeker's notes, to their coach
    Column("created_at", Instant, nullable=False),
    Column("joined_at", Instant),  # when they set their password from the invitation
    Column("removed_at", Instant),  # removed by an admin: no signing in, their data kept
    Index("uq_accounts_email", "email", unique=True),
)

coach_seekers = Table(  # which seekers each coach sees
    "coach_seekers",
    metadata,
    Column("coach_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("seeker_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("assigned_at", Instant, nullable=False),
)

sessions = Table(  # a signed-in browser: the cookie holds a token, the store only its hash
    "sessions",
    metadata,
    Column("digest", String(64), primary_key=True),  # SHA-256 of the token, hex
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", Instant, nullable=False),
    Column("seen_at", Instant, nullable=False),  # idle sessions end (service.accounts: IDLE)
    Column("expires_at", Instant, nullable=False),  # and every session ends at last
    Column("revoked_at", Instant),  # signed out (or everywhere)
)

account_tokens = Table(  # one-time links sent by email: an invitation to join, a password reset
    "account_tokens",
    metadata,
    Column("digest", String(64), primary_key=True),  # SHA-256 of the token, hex
    Column("purpose", String(10), nullable=False),  # invitation, reset
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", Instant, nullable=False),
    Column("expires_at", Instant, nullable=False),
    Column("used_at", Instant),  # a token works once
)

sign_in_failures = Table(  # what throttles guessing: failures by account and by address, recently
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(400), nullable=False),  # "account:<email>" or "address:<ip>"
    Column("at", Instant, nullable=False),
    Index("ix_sign_in_failures_key_at", "key", "at"),
)

audit = Table(  # sign-ins and their failures, invitations, role changes, assignments: who, when
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Instant, nullable=False, index=True),
    Column("action", String(30), nullable=False),
    Column("actor_id", ForeignKey("accounts.id", ondelete="SET NULL")),  # who did it
    Column("account_id", ForeignKey("accounts.id", ondelete="SET NULL"), index=True),  # to whom
    Column("address", String(64)),  # the client's address: where a sign-in came from
    Column("detail", JSON),  # e.g. a role change's old and new role
)


def _seeker(*, index: bool = False) -> Column[Any]:
    """The account whose data a row is: every query of a seeker's data names it. A row that hangs
    from an application (or an employer) has its seeker too, set from it by the database
    (PostgreSQL: a trigger), so that a seeker's rows are found by an index."""
    return Column(
        "seeker_id",
        ForeignKey("accounts.id", ondelete="CASCADE"),
        nullable=False,
        server_default=str(LOCAL),
        index=index,
        info={"owner": True},
    )


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
    _seeker(),
    Index("uq_employers_seeker_id_name_key", "seeker_id", "name_key", unique=True),
    Index("uq_employers_id_seeker_id", "id", "seeker_id", unique=True),
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
    _seeker(index=True),
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
    _seeker(),  # the employer's, kept here too: a seeker's applications are read by it
    ForeignKeyConstraint(
        ["employer_id", "seeker_id"],
        ["employers.id", "employers.seeker_id"],
        name="fk_applications_employer_seeker",
        ondelete="CASCADE",
    ),
    Index("ix_applications_seeker_id_status", "seeker_id", "status"),
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
    _seeker(index=True),
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
    _seeker(index=True),
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
    _seeker(index=True),
)

settings = Table(
    "settings",
    metadata,
    Column("name", String(40), primary_key=True),  # timezone: your own
    Column("value", Text, nullable=False),
)

seeker_settings = Table(  # on a server, each seeker's own settings (the local account's: settings)
    "seeker_settings",
    metadata,
    Column("seeker_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(40), primary_key=True),
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
    _seeker(index=True),
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
    _seeker(),
    Index("ix_edits_subject_subject_id", "subject", "subject_id"),
)

corrections = Table(  # how you corrected a reading, kept by the template of the words read
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("template", String(32), nullable=False),  # reading.templates: its key
    Column("read_as", String(20)),  # the kind the reader gave; null: it gave none (added)
    Column("reading", JSON),  # the signal as corrected (kind, fields, words); null: dismissed
    Column("words", String(300), nullable=False),  # the template's masked words: what it was, to show
    Column("evidence", String(20_000)),  # the words that said it, as you corrected them
    Column("corrected_at", Instant, nullable=False),
    _seeker(),  # a seeker's corrections teach the reader for them alone
    Index("ix_corrections_seeker_id_template", "seeker_id", "template"),
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
    _seeker(),
    Index("uq_mail_folders_seeker_id_account", "seeker_id", "account", "name", unique=True),
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
    _seeker(),
    Index("uq_mail_messages_seeker_id_fingerprint", "seeker_id", "fingerprint", unique=True),
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
    _seeker(index=True),
)

sent_messages = Table(  # each email `followup send` sent: a reply names its Message-ID
    "sent_messages",
    metadata,
    Column("message_id", String(998), primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject", Text),
    Column("purpose", String(10)),
    Column("sent_at", Instant, nullable=False),
    _seeker(index=True),
)
