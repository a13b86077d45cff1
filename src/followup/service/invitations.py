"""Interview invitations (.ics) into the store: a round added, moved or removed, all or none."""

from __future__ import annotations

from followup.store.invitations import Choices, Imported, NothingToCancel, import_invitations

__all__ = ["Choices", "Imported", "NothingToCancel", "import_invitations"]
