"""The rules changed (emails across closures, your waking hours, the final check-in, silence, the
channels ruled out): every kept advice is worked out again the next time it is read. Nothing of
yours changes; the kept advice is only what the rules made of it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)  # kept advice holds until changes_at: it holds no longer


def upgrade() -> None:
    advice = sa.table("advice", sa.column("changes_at", Instant))
    op.execute(advice.update().values(changes_at=LONG_AGO))


def downgrade() -> None:
    pass  # worked out again either way
