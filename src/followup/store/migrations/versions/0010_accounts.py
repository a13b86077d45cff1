"""Accounts: the people who use the store (on one machine, the one person LOCAL; on a server, job
seekers, coaches and admins), their sessions, one-time tokens, sign-in failures and the audit
log; and the seeker each root of a seeker's data belongs to.

What the previous version writes stays valid: each new column's default is the local account,
and a name unique in the store is now unique for its seeker. It may go on serving while this runs
(in one transaction).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

LOCAL = 1
OWNED = ("employers", "applications", "edits", "corrections", "mail_folders", "mail_messages")
CHILDREN = {  # tables whose rows hang from an application (or an employer), and the column naming it
    "contacts": "employer_id",
    "interviews": "application_id",
    "events": "application_id",
    "advice": "application_id",
    "reminders": "application_id",
    "mail_proposals": "application_id",
    "sent_messages": "application_id",
}


def upgrade() -> None:
    accounts = op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("shares_notes", sa.Boolean, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("joined_at", Instant),
        sa.Column("removed_at", Instant),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
    )
    op.create_index("uq_accounts_email", "accounts", ["email"], unique=True)
    op.bulk_insert(
        accounts,
        [
            {
                "id": LOCAL,
                "email": None,
                "name": "you",
                "role": "seeker",
                "password_hash": None,
                "shares_notes": False,
                "created_at": datetime.now(UTC),
            }
        ],
    )
    if op.get_bind().dialect.name == "postgresql":  # the next account is 2
        op.execute("SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts))")
    op.create_table(
        "coach_seekers",
        sa.Column("coach_id", sa.Integer, nullable=False),
        sa.Column("seeker_id", sa.Integer, nullable=False),
        sa.Column("assigned_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("coach_id", "seeker_id", name="pk_coach_seekers"),
        *_to_account("coach_seekers", "coach_id"),
        *_to_account("coach_seekers", "seeker_id"),
    )
    op.create_index("ix_coach_seekers_seeker_id", "coach_seekers", ["seeker_id"])
    op.create_table(
        "sessions",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("seen_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.Column("revoked_at", Instant),
        sa.PrimaryKeyConstraint("digest", name="pk_sessions"),
        *_to_account("sessions", "account_id"),
    )
    op.create_index("ix_sessions_account_id", "sessions", ["account_id"])
    op.create_table(
        "account_tokens",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.Column("used_at", Instant),
        sa.PrimaryKeyConstraint("digest", name="pk_account_tokens"),
        *_to_account("account_tokens", "account_id"),
    )
    op.create_index("ix_account_tokens_account_id", "account_tokens", ["account_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sign_in_failures"),
    )
    op.create_index("ix_sign_in_failures_key_at", "sign_in_failures", ["key", "at"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", Instant, nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("actor_id", sa.Integer),
        sa.Column("account_id", sa.Integer),
        sa.Column("address", sa.String(64)),
        sa.Column("detail", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
        *_to_account("audit", "actor_id", ondelete="SET NULL"),
        *_to_account("audit", "account_id", ondelete="SET NULL"),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.create_index("ix_audit_account_id", "audit", ["account_id"])

    for table in OWNED:
        with op.batch_alter_table(table) as batch:  # SQLite: the table made again (foreign keys off)
            batch.add_column(sa.Column("seeker_id", sa.Integer, nullable=False, server_default=str(LOCAL)))
            batch.create_foreign_key(
                f"fk_{table}_seeker_id_accounts", "accounts", ["seeker_id"], ["id"], ondelete="CASCADE"
            )
    op.create_index("uq_employers_id_seeker_id", "employers", ["id", "seeker_id"], unique=True)
    with op.batch_alter_table("applications") as batch:  # an application is its employer's seeker's
        batch.create_foreign_key(
            "fk_applications_employer_seeker",
            "employers",
            ["employer_id", "seeker_id"],
            ["id", "seeker_id"],
            ondelete="CASCADE",
        )
    for table in CHILDREN:  # a row's seeker beside it, for the indexes (PostgreSQL sets it: a trigger)
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("seeker_id", sa.Integer, nullable=False, server_default=str(LOCAL)))
            batch.create_foreign_key(
                f"fk_{table}_seeker_id_accounts", "accounts", ["seeker_id"], ["id"], ondelete="CASCADE"
            )
        op.create_index(f"ix_{table}_seeker_id", table, ["seeker_id"])
    op.drop_index("uq_employers_name_key", "employers")
    op.create_index("uq_employers_seeker_id_name_key", "employers", ["seeker_id", "name_key"], unique=True)
    op.create_index("ix_applications_seeker_id_status", "applications", ["seeker_id", "status"])
    op.drop_index("ix_corrections_template", "corrections")
    op.create_index("ix_corrections_seeker_id_template", "corrections", ["seeker_id", "template"])
    op.drop_index("uq_mail_folders_account", "mail_folders")
    op.create_index(
        "uq_mail_folders_seeker_id_account", "mail_folders", ["seeker_id", "account", "name"], unique=True
    )
    op.drop_index("uq_mail_messages_fingerprint", "mail_messages")
    op.create_index(
        "uq_mail_messages_seeker_id_fingerprint", "mail_messages", ["seeker_id", "fingerprint"], unique=True
    )

    op.create_table(  # on a server, each seeker's own settings (the local account keeps `settings`)
        "seeker_settings",
        sa.Column("seeker_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("seeker_id", "name", name="pk_seeker_settings"),
        *_to_account("seeker_settings", "seeker_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in _row_security():
            op.execute(statement)


# On PostgreSQL the database itself keeps each seeker's rows to them (row-level security, forced
# on the tables' owner too; a superuser is not held by it, so a server connects as a role of its
# own). A transaction of the store names its seeker (followup.seeker; none: the local account),
# the coach reading (followup.coach: their seekers' rows can be read, not written) or, for the
# background work done for everyone, followup.everyone. What a seeker adds is theirs by default.
SEEKER = """CREATE FUNCTION followup_seeker() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('followup.seeker', true), '')::integer, 1) $$"""
EVERYONE = """CREATE FUNCTION followup_everyone() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('followup.everyone', true), '') = 'on' $$"""
# The seekers whose rows a transaction may change, and may read, as arrays: worked out once per
# query, they let a policy use the index on seeker_id (seeker_id = ANY(...)).
WRITABLE = """CREATE FUNCTION followup_writable() RETURNS integer[] LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN followup_everyone() THEN (SELECT array_agg(id) FROM accounts)
                ELSE ARRAY[followup_seeker()] END $$"""
READABLE = """CREATE FUNCTION followup_readable() RETURNS integer[] LANGUAGE sql STABLE AS $$
    SELECT followup_writable() || coalesce((
        SELECT array_agg(c.seeker_id) FROM coach_seekers c
        WHERE c.coach_id = nullif(current_setting('followup.coach', true), '')::integer), '{}') $$"""
READS, WRITES = "seeker_id = ANY (followup_readable())", "seeker_id = ANY (followup_writable())"
# A row that hangs from an application or an employer has its seeker: the trigger sets it from
# that parent as the transaction sees it, so a parent it cannot see is refused as the policies
# refuse (and the policies then hold it to the seekers the transaction may read or change).
SEEKER_OF_PARENT = """CREATE FUNCTION followup_seeker_of_parent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_ARGV[0] = 'employers' THEN
            NEW.seeker_id := (SELECT e.seeker_id FROM employers e WHERE e.id = NEW.employer_id);
        ELSE
            NEW.seeker_id := (SELECT a.seeker_id FROM applications a WHERE a.id = NEW.application_id);
        END IF;
        IF NEW.seeker_id IS NULL THEN
            RAISE EXCEPTION 'new row violates row-level security policy for table "%"', TG_TABLE_NAME
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END $$"""


def _row_security() -> list[str]:
    statements = [SEEKER, EVERYONE, WRITABLE, READABLE, SEEKER_OF_PARENT]
    for table in OWNED:
        statements.append(f"ALTER TABLE {table} ALTER COLUMN seeker_id SET DEFAULT followup_seeker()")
        statements += _secured(table, READS, WRITES)
    for table, parent in CHILDREN.items():
        parents = "employers" if parent == "employer_id" else "applications"
        statements.append(
            f"CREATE TRIGGER seeker_of_parent BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION followup_seeker_of_parent('{parents}')"
        )
        # Advice is worked out from the rest and kept: whoever may read an application keeps it fresh.
        statements += _secured(table, READS, READS if table == "advice" else WRITES)
    return statements + _secured("seeker_settings", WRITES, WRITES)


def _secured(table: str, reads: str, writes: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY reads ON {table} FOR SELECT USING ({reads})",
        f"CREATE POLICY writes ON {table} FOR ALL USING ({writes}) WITH CHECK ({writes})",
    ]


def _to_account(table: str, column: str, ondelete: str = "CASCADE") -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            [column], ["accounts.id"], name=f"fk_{table}_{column}_accounts", ondelete=ondelete
        )
    ]
