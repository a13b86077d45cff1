"""What was discussed at each interview round, the calendar invitation a round came from (its
UID and SEQUENCE, so that a reschedule updates it), and the reminders already sent.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews") as table:
        table.add_column(sa.Column("notes", sa.Text))
        table.add_column(sa.Column("invitation_uid", sa.Text))
        table.add_column(sa.Column("invitation_sequence", sa.Integer))
    op.create_index("ix_interviews_invitation_uid", "interviews", ["invitation_uid"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("sent_at", Instant, nullable=False),
        sa.Column("how", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_reminders_application_id_applications",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("key", name="uq_reminders_key"),
    )
    op.create_index("ix_reminders_sent_at", "reminders", ["sent_at"])


def downgrade() -> None:
    op.drop_index("ix_reminders_sent_at", "reminders")
    op.drop_table("reminders")
    op.drop_index("ix_interviews_invitation_uid", "interviews")
    with op.batch_alter_table("interviews") as table:
        table.drop_column("invitation_sequence")
        table.drop_column("invitation_uid")
        table.drop_column("notes")
