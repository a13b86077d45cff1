"""Interview invitations into the store: see followup.store.invitations.importing."""

from followup.store.invitations.importing import (
    Choices,
    Imported,
    NothingToCancel,
    compact_words,
    import_invitations,
)

__all__ = ["Choices", "Imported", "NothingToCancel", "compact_words", "import_invitations"]
