"""`followup admin`: the first admin of a server, who invites everyone else from the app."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import click

from followup.cli.support import fail


@click.command(name="admin")
@click.option("--email", required=True, help="The admin's email: they sign in with it.")
@click.option("--name", default="", help="The admin's name, as the app shows it.")
@click.option(
    "--db", metavar="URL", envvar="FOLLOWUP_DB", required=True, help="The server's PostgreSQL store."
)
def admin(email: str, name: str, db: str) -> None:
    """Make the first admin of a server's store; the password is asked for (or FOLLOWUP_ADMIN_PASSWORD)."""
    from followup.service import accounts
    from followup.service.passwords import WeakPassword
    from followup.service.stores import StoreError, open_store

    if not db.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        fail("--db: a server keeps its accounts in PostgreSQL: give postgresql://user@host/database")
    password = os.environ.get("FOLLOWUP_ADMIN_PASSWORD") or click.prompt(
        "Password (at least 12 characters)", hide_input=True, confirmation_prompt=True, err=True
    )
    try:
        engine = open_store(db)
    except StoreError as error:
        fail(str(error))
    try:
        made = accounts.first_admin(engine, email, name or email, password, datetime.now(UTC))
    except (accounts.AccountError, WeakPassword) as error:
        fail(str(error))
    finally:
        engine.dispose()
    click.echo(f"{made.email} is the admin: sign in at your server's address to invite the others.")


COMMANDS = [admin]
