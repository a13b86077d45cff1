"""One employer per name, said by the database itself: each employer keeps its name's key (its
case, in any script, and its spacing aside) under a unique index, on SQLite and PostgreSQL alike.

A store that holds two employers of one name already (two processes adding it at once could make
them) keeps both, nothing merged behind your back: the later ones are renamed "Name (2)",
"Name (3)", and each renaming is kept in the log of edits, to see and to undo with
`followup edit employer`.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from followup.store.types import Instant

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def employer_key(name: str) -> str:  # as the store's schema has it on the day of this revision
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def upgrade() -> None:
    # NOT NULL needs a default to be added to a table that has rows; every row gets its own key
    # below, and every employer added later gets it from the store.
    op.add_column("employers", sa.Column("name_key", sa.Text, nullable=False, server_default=""))
    employers = sa.table(
        "employers", sa.column("id", sa.Integer), sa.column("name", sa.Text), sa.column("name_key", sa.Text)
    )
    edits = sa.table(
        "edits",
        sa.column("at", Instant),
        sa.column("subject", sa.String),
        sa.column("subject_id", sa.Integer),
        sa.column("field", sa.String),
        sa.column("old", sa.JSON),
        sa.column("new", sa.JSON),
    )
    bind = op.get_bind()
    now = datetime.now(UTC)
    taken: set[str] = set()
    stored = sa.select(employers.c.id, employers.c.name).order_by(employers.c.id)
    for found, name in bind.execute(stored).all():
        renamed, number = name, 1
        while employer_key(renamed) in taken:
            number += 1
            renamed = f"{' '.join(name.split())} ({number})"
        taken.add(employer_key(renamed))
        bind.execute(
            employers.update()
            .where(employers.c.id == found)
            .values(name=renamed, name_key=employer_key(renamed))
        )
        if renamed != name:
            bind.execute(
                edits.insert().values(
                    at=now, subject="employer", subject_id=found, field="name", old=name, new=renamed
                )
            )
    if bind.dialect.name == "postgresql":  # SQLite keeps a column's default: it cannot drop one
        op.alter_column("employers", "name_key", server_default=None)
    op.create_index("uq_employers_name_key", "employers", ["name_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_employers_name_key", "employers")
    # in place on both engines: a copy of the table would take its contacts and applications with
    # the old one on SQLite (their foreign keys cascade)
    op.execute("ALTER TABLE employers DROP COLUMN name_key")
