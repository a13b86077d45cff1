"""Every record out (JSON or CSV) and in again, all or nothing; a copy of the store."""

from __future__ import annotations

from followup.store.backup import backup
from followup.store.transfer import Imported, export_csv, export_document, import_tables, read_csv, read_json

__all__ = ["Imported", "backup", "export_csv", "export_document", "import_tables", "read_csv", "read_json"]
