"""Opening the store, what it says when it cannot be used, and how many writes it has seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.store.applications import UnknownApplication, UnknownRecord
from followup.store.database import StoreError, connect, default_store, version

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["StoreError", "UnknownApplication", "UnknownRecord", "changes", "open_store", "store_exists"]


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
