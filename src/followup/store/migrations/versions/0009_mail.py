"""Your mailbox, read for you: each folder's sync state, the messages about an application, what
they propose, and the Message-IDs of the emails sent.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_folders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("synced_at", Instant),
        sa.PrimaryKeyConstraint("id", name="pk_mail_folders"),
    )
    op.create_index("uq_mail_folders_account", "mail_folders", ["account", "name"], unique=True)
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("folder_id", sa.Integer, nullable=False),
        sa.Column("uid", sa.BigInteger, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("message_id", sa.Text),
        sa.Column("said_at", Instant),
        sa.Column("sender", sa.Text),
        sa.Column("subject", sa.Text),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("matched_by", sa.String(20), nullable=False),
        sa.Column("body", sa.Text),
        sa.Column("seen_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_messages"),
        sa.ForeignKeyConstraint(
            ["folder_id"],
            ["mail_folders.id"],
            name="fk_mail_messages_folder_id_mail_folders",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_mail_messages_application_id_applications",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_mail_messages_folder_id", "mail_messages", ["folder_id"])
    op.create_index("ix_mail_messages_application_id", "mail_messages", ["application_id"])
    op.create_index("uq_mail_messages_fingerprint", "mail_messages", ["fingerprint"], unique=True)
    op.create_table(
        "mail_proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("message_id", sa.Integer, nullable=False),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("event", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("maybe", sa.Boolean, nullable=False),
        sa.Column("evidence", sa.Text),
        sa.Column("template", sa.JSON),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("decided_at", Instant),
        sa.PrimaryKeyConstraint("id", name="pk_mail_proposals"),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["mail_messages.id"],
            name="fk_mail_proposals_message_id_mail_messages",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_mail_proposals_application_id_applications",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_mail_proposals_message_id", "mail_proposals", ["message_id"])
    op.create_index("ix_mail_proposals_application_id", "mail_proposals", ["application_id"])
    op.create_index("ix_mail_proposals_status", "mail_proposals", ["status"])
    op.create_table(
        "sent_messages",
        sa.Column("message_id", sa.String(998)),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("purpose", sa.String(10)),
        sa.Column("sent_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("message_id", name="pk_sent_messages"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_sent_messages_application_id_applications",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_sent_messages_application_id", "sent_messages", ["application_id"])


def downgrade() -> None:
    for table in ("sent_messages", "mail_proposals", "mail_messages", "mail_folders"):
        op.drop_table(table)
