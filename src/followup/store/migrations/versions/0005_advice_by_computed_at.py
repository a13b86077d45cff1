"""Kept advice found by the moment it was worked out for: advice worked out for a later moment
than the one asked about is worked out again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_advice_computed_at", "advice", ["computed_at"])


def downgrade() -> None:
    op.drop_index("ix_advice_computed_at", "advice")
