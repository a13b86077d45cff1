"""Corrections of readings, kept by the template of the words read: the next message of the
same template is read as corrected.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("template", sa.String(32), nullable=False),
        sa.Column("read_as", sa.String(20)),
        sa.Column("reading", sa.JSON),
        sa.Column("words", sa.String(300), nullable=False),
        sa.Column("evidence", sa.String(20_000)),
        sa.Column("corrected_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_template", "corrections", ["template"])


def downgrade() -> None:
    op.drop_index("ix_corrections_template", "corrections")
    op.drop_table("corrections")
