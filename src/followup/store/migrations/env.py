"""Alembic's entry point: run the migrations on the connection the store hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool

from followup.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def run(connection_: Connection) -> None:
    context.configure(
        connection=connection_,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite changes tables by copying them
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # the alembic command line, with sqlalchemy.url set
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), poolclass=pool.NullPool)
    with engine.connect() as opened:
        run(opened)
