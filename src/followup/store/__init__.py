"""The store: applications, what was said and done, and the advice kept current."""

from followup.store.database import connect, default_url, head_revision, migrate, revision_of

__all__ = ["connect", "default_url", "head_revision", "migrate", "revision_of"]
