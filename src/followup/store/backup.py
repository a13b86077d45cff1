"""An online, consistent copy of the store, as a SQLite file that `--db sqlite:///PATH` opens.

A SQLite store is copied page by page with SQLite's backup API, which sees one moment while
others go on writing; any other store is read in one snapshot and written into a new file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, insert, select

from followup.store.database import StoreError, connect, writing
from followup.store.schema import advice, mail_folders, mail_messages, mail_proposals, sent_messages
from followup.store.transfer import TABLES, snapshot

MAIL = (mail_folders, mail_messages, mail_proposals, sent_messages)  # your mailbox as read: copied too


def backup(engine: Engine, path: Path, now: datetime) -> dict[str, int]:
    """Copy the store into a new SQLite file at path; how many records of each kind."""
    if path.exists():
        raise StoreError(f"{path} exists: give a new file")
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist")
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if engine.dialect.name == "sqlite":
            counts = _copy_sqlite(engine, partial)
        else:
            counts = _copy_rows(engine, partial)
        partial.rename(path)  # the copy appears whole, or not at all
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _copy_sqlite(engine: Engine, target: Path) -> dict[str, int]:
    source = engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            source.driver_connection.backup(copy)  # type: ignore[union-attr]
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
            return {name: copy.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
        finally:
            copy.close()
    finally:
        source.close()


def _copy_rows(engine: Engine, target: Path) -> dict[str, int]:
    tables = [*TABLES.values(), advice, *MAIL]
    with snapshot(engine) as connection:
        rows = {table.name: [row._asdict() for row in connection.execute(select(table))] for table in tables}
    copy = connect(f"sqlite:///{target}")
    try:
        with writing(copy) as connection:
            for table in tables:
                if rows[table.name]:
                    connection.execute(insert(table), rows[table.name])
    finally:
        copy.dispose()
    return {name: len(rows[name]) for name in TABLES}
