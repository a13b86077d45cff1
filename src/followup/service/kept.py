"""The agenda as kept, read straight from a SQLite file with the standard library alone: the
quick way of `followup today` and `followup week` (followup.quick), when nothing is due."""

from __future__ import annotations

from followup.store.kept_agenda import Agenda, kept_in_file

__all__ = ["Agenda", "kept_in_file"]
