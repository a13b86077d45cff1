"""Your settings (your own time zone), the log of edits, how they said what they said, and the
indexes the agenda reads by.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("name", sa.String(40)),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_settings"),
    )
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer),
        sa.Column("at", Instant, nullable=False),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_edits"),
    )
    op.create_index("ix_edits_subject_subject_id", "edits", ["subject", "subject_id"])
    with op.batch_alter_table("events") as table:
        table.add_column(sa.Column("said_how", sa.String(10)))
    op.create_index("ix_interviews_at", "interviews", ["at"])
    op.create_index("ix_applications_status", "applications", ["status"])
    op.create_index("ix_employers_name", "employers", ["name"])


def downgrade() -> None:
    op.drop_index("ix_employers_name", "employers")
    op.drop_index("ix_applications_status", "applications")
    op.drop_index("ix_interviews_at", "interviews")
    with op.batch_alter_table("events") as table:
        table.drop_column("said_how")
    op.drop_index("ix_edits_subject_subject_id", "edits")
    op.drop_table("edits")
    op.drop_table("settings")
