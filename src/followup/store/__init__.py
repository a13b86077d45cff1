"""The store: applications, what was said and done, and the advice kept current. Only this
package reads and writes the tables (schema.py); the service layer (followup.service) is its
one user. The names below are loaded when first used: the quick agenda (kept_agenda.py) reads a
SQLite file with the standard library alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.store.database import connect, default_url, head_revision, migrate, revision_of

__all__ = ["connect", "default_url", "head_revision", "migrate", "revision_of"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from followup.store import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
