"""The first schema: employers, contacts, applications, interviews, events, advice.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "employers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("timezone_inferred", sa.Boolean, nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("subdivision", sa.String(16)),
        sa.Column("hours", sa.JSON),
        sa.Column("allows_visits", sa.Boolean, nullable=False),
        sa.Column("address", sa.Text),
        sa.Column("phone", sa.String(40)),
        sa.Column("website", sa.Text),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employers"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer),
        sa.Column("employer_id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("phone", sa.String(40)),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employers.id"], name="fk_contacts_employer_id_employers", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_contacts_employer_id", "contacts", ["employer_id"])
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer),
        sa.Column("employer_id", sa.Integer, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("link", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("candidate_timezone", sa.String(64)),
        sa.Column("local_to_employer", sa.Boolean, nullable=False),
        sa.Column("policy", sa.JSON),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_applications"),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name="fk_applications_employer_id_employers",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_applications_employer_id", "applications", ["employer_id"])
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("format", sa.String(20)),
        sa.Column("place", sa.Text),
        sa.Column("interviewers", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_interviews_application_id_applications",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_interviews_application_id", "interviews", ["application_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("until", sa.Date),
        sa.Column("channel", sa.String(10)),
        sa.Column("channels", sa.JSON),
        sa.Column("purpose", sa.String(10)),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("released", sa.Boolean, nullable=False),
        sa.Column("silence_means_no", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("said_by", sa.Text),
        sa.Column("corrects", sa.Integer),
        sa.Column("recorded_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_events_application_id_applications",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["corrects"], ["events.id"], name="fk_events_corrects_events"),
    )
    op.create_index("ix_events_application_id_at", "events", ["application_id", "at"])
    op.create_table(
        "advice",
        sa.Column("application_id", sa.Integer),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("purpose", sa.String(10)),
        sa.Column("channel", sa.String(10)),
        sa.Column("not_before", Instant),
        sa.Column("changes_at", Instant),
        sa.Column("computed_at", Instant, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("application_id", name="pk_advice"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_advice_application_id_applications",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_advice_changes_at", "advice", ["changes_at"])


def downgrade() -> None:
    for table in ("advice", "events", "interviews", "applications", "contacts", "employers"):
        op.drop_table(table)
