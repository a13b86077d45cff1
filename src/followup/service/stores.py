"""Opening the store, what it says when it cannot be used, and how many writes it has seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.store.accounts import LOCAL
from followup.store.applications import UnknownApplication, UnknownRecord
from followup.store.database import ReadOnly, StoreError, connect, default_store, revision_of, scoped, version
from followup.store.kept_agenda import SCHEMA

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.service.accounts import Account

__all__ = [
    "ReadOnly",
    "StoreError",
    "UnknownApplication",
    "UnknownRecord",
    "as_account",
    "changes",
    "for_everyone",
    "nobody",
    "open_store",
    "ready",
    "store_exists",
]


def open_store(url: str | None = None) -> Engine:
    """The store at the SQLAlchemy URL (default: SQLite in your data folder), migrated if need be."""
    return connect(url)


def store_exists(url: str | None) -> bool:
    """Whether there is a store to read: one named, or the default one made before."""
    return bool(url) or default_store().exists()


def changes(engine: Engine) -> str:
    """How many writes the store has seen: what a page kept for it depends on."""
    with engine.connect() as connection:
        return version(connection)


def as_account(engine: Engine, account: Account) -> Engine:
    """The store as an account sees it, for every service function given it: a job seeker their
    own applications and all that hangs from them; a coach, to read and not to change, those of
    the seekers assigned to them; an admin none (they keep accounts). On one machine the local
    account sees the whole store, which is theirs."""
    if account.id == LOCAL:
        return engine
    if account.role == "seeker":
        return scoped(engine, seeker=account.id)
    if account.role == "coach":
        return scoped(engine, coach=account.id)
    return scoped(engine)


def for_everyone(engine: Engine) -> Engine:
    """The store as the background work sees it: every seeker's rows (advice falling due, reminders)."""
    return scoped(engine, everyone=True)


def nobody(engine: Engine) -> Engine:
    """The store as a request of nobody signed in sees it: no seeker's rows."""
    return scoped(engine)


def ready(engine: Engine) -> str | None:
    """Why the store cannot serve (it does not answer, or its schema is not this version's); None
    when it can."""
    try:
        found = revision_of(engine)
    except Exception as error:  # any failure to reach it is the answer
        return f"the store does not answer: {type(error).__name__}"
    return None if found == SCHEMA else f"the store is at revision {found}, this version needs {SCHEMA}"
