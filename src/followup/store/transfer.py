"""Export and import: every stored record as JSON (one list per table) or as one CSV file (a
`record` column naming the table, then the union of the tables' columns). The kept advice is
not exported: an import works it out again. An import is all or nothing: every row is checked,
then every application read as a case, inside one transaction that writes all or none; records
the store already holds (by their content, whatever their ids) are skipped, not added again.
Imports take turns, as if run one after the other; one that loses a race with another writer
(the same new employer added at the same moment, an id taken meanwhile) is done again.

The file's format and its reading are in transfer_files; how a record of the file is known as
one already stored is in known."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import JSON, Boolean, Connection, Date, Engine, Integer, Table, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from followup.casefile import CaseError, read_employer, read_event
from followup.casefile import fields as check
from followup.casefile.limits import LARGEST_WHOLE
from followup.casefile.stored import check_record, check_setting
from followup.store.applications import CLOSING, CaseProblem, follow_outcome, refresh_many
from followup.store.database import BUMP, writing
from followup.store.known import known_records
from followup.store.schema import data_columns, employer_key, settings
from followup.store.transfer_files import (
    BOOKKEEPING,
    CSV_COLUMNS,
    FORMAT,
    TABLES,
    BadImport,
    read_csv,
    read_json,
    write_csv,
)
from followup.store.types import Instant

__all__ = [
    "BOOKKEEPING",
    "CSV_COLUMNS",
    "FORMAT",
    "LARGEST",
    "REFERENCES",
    "TABLES",
    "BadImport",
    "Imported",
    "export_csv",
    "export_document",
    "export_rows",
    "import_tables",
    "read_csv",
    "read_json",
    "snapshot",
]

LARGEST = LARGEST_WHOLE  # a whole number a store keeps
REFERENCES = {  # a column, and the table whose id it holds
    ("contacts", "employer_id"): "employers",
    ("applications", "employer_id"): "employers",
    ("interviews", "application_id"): "applications",
    ("events", "application_id"): "applications",
    ("events", "corrects"): "events",
}
_KEY = {name: "name" if name == "settings" else "id" for name in TABLES}  # what tells a table's rows apart
ATTEMPTS = 3  # an import that lost a race with another writer is done again, twice at most
IMPORTS_TAKE_TURNS = 4276151  # PostgreSQL: the advisory lock an import holds while it writes


def export_rows(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every stored record, table by table, in id order, as JSON values."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        order = table.c.name if name == "settings" else table.c.id
        query = select(table).order_by(order)
        if name == "settings":  # the store's own bookkeeping is not data
            query = query.where(settings.c.name.not_in(BOOKKEEPING))
        rows[name] = [
            {column.name: _plain(row._mapping[column.name]) for column in data_columns(table)}
            for row in connection.execute(query)
        ]
    return rows


def export_document(engine: Engine, now: datetime) -> dict[str, Any]:
    """The whole store as one JSON document, read in one consistent snapshot."""
    with snapshot(engine) as connection:
        return {
            "followup_export": FORMAT,
            "exported_at": now.astimezone(UTC).isoformat(),
            **export_rows(connection),
        }


def export_csv(engine: Engine, out: io.TextIOBase | Any) -> int:
    """The whole store as CSV rows; how many."""
    with snapshot(engine) as connection:
        rows = export_rows(connection)
    return write_csv(rows, out)


class Imported(NamedTuple):
    """What an import did, table by table: the records added, and those the store already held."""

    added: dict[str, int]
    skipped: dict[str, int]


def import_tables(engine: Engine, tables: dict[str, list[dict[str, Any]]], now: datetime) -> Imported:
    """Write the records of a file that the store does not hold yet, all or nothing.

    A record already there is skipped: an employer of the same name (any case), a contact of the
    same name at it, an application of the same employer, role and first interview instant; of
    such an application, a round of the same number and instant, an event of the same kind,
    instant and fields; an edit of the same subject, field, old and new value and instant; a
    setting the store has (its own stays). The rest is added, a round or an event of an
    application already there to that application. Ids are kept when the store holds none of
    the added ones, else numbered after its own; references follow, into the records already
    there too."""
    checked = {name: [_row(TABLES[name], row) for row in rows] for name, rows in tables.items()}
    if not any(checked.values()):
        raise BadImport("", "nothing to import: the file holds no records")
    _check_fields(checked)
    _check_references(checked)
    given = {name: len(rows) for name, rows in checked.items()}
    _one_employer_per_name(checked)
    for row in checked["employers"]:
        _check_employer(row, now)
    for row in checked["events"]:
        try:
            read_event(_event_item(row), "event", now)
        except CaseError as error:
            raise BadImport(f"{row['_where']}.{error.where.removeprefix('event.')}", error.problem) from None
    attempt = 1
    while True:
        try:
            return _write(engine, checked, given, now)
        except IntegrityError as error:
            clash = _lost_race(error)
            if clash is None:
                raise
            if attempt == ATTEMPTS:
                raise BadImport(
                    "", f"{clash}, {ATTEMPTS} times over: nothing was imported; import the file again"
                ) from None
            attempt += 1


def _write(
    engine: Engine, checked: dict[str, list[dict[str, Any]]], given: dict[str, int], now: datetime
) -> Imported:
    """The checked records the store does not hold yet, written in one transaction."""
    with writing(engine, counted=False) as connection:
        if connection.dialect.name == "postgresql":  # as SQLite's write lock: imports take turns
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORTS_TAKE_TURNS})")
        known = known_records(connection, checked)
        ids = _new_ids(connection, checked, known)
        new = {name: [row for row in checked[name] if row[_KEY[name]] not in known[name]] for name in TABLES}
        if not any(new.values()):  # nothing written, not even the store's version
            return Imported(dict.fromkeys(TABLES, 0), {name: given[name] for name in TABLES})
        for name, table in TABLES.items():
            rows = sorted((_renumbered(name, row, ids) for row in new[name]), key=_key)
            if rows:
                connection.execute(insert(table), [_values(row) for row in rows])
        _close_known(connection, known, new, ids, now)
        _bump_sequences(connection)
        connection.exec_driver_sql(BUMP)
        grown = {row["application_id"] for name in ("interviews", "events") for row in new[name]}
        given_as = {  # each application to work out, by its id in the store: its row as given
            ids["applications"][row["id"]]: row
            for row in checked["applications"]
            if row["id"] in grown or row["id"] not in known["applications"]
        }
        try:
            refresh_many(connection, sorted(given_as), now)
        except CaseProblem as error:
            row = given_as[error.application_id]
            raise BadImport(
                f"{row['_where']} (application {row['id']}): {error.where}", error.problem
            ) from None
    return Imported(
        {name: len(new[name]) for name in TABLES},
        {name: given[name] - len(new[name]) for name in TABLES},
    )


def _lost_race(error: IntegrityError) -> str | None:
    """What another writer took at the same moment, when that is why the write failed: an
    employer's name (the store holds one employer of a name), or an id; else None."""
    cause = error.orig
    diagnostic = getattr(cause, "diag", None)
    constraint = getattr(diagnostic, "constraint_name", None)
    if constraint is None:  # SQLite: "UNIQUE constraint failed: employers.seeker_id, employers.name_key"
        found = re.search(r"UNIQUE constraint failed: (?:\w+\.\w+, )*(\w+)\.(\w+)", str(cause))
        constraint = None if found is None else f"{found[1]}.{found[2]}"
    if constraint in ("uq_employers_seeker_id_name_key", "employers.name_key"):
        return "another writer added an employer of the same name at the same moment"
    if constraint and (constraint.startswith("pk_") or constraint.endswith(".id")):
        table = constraint.removeprefix("pk_").removesuffix(".id")
        return f"another writer took the same id in {table} at the same moment"
    return None


def _row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row checked against its table: every required column, each value of its type."""
    where = row["_where"]
    columns = data_columns(table)
    for key in row:
        if key != "_where" and key not in {column.name for column in columns}:
            raise BadImport(f"{where}.{key}", f"{table.name} has no column {key}")
    checked: dict[str, Any] = {"_where": where}
    for column in columns:
        value = row.get(column.name)
        if value is not None and value != "":
            checked[column.name] = _typed(column, value, f"{where}.{column.name}")
        elif isinstance(column.type, Boolean):
            checked[column.name] = False
        elif column.nullable and not column.primary_key:
            checked[column.name] = None
        else:
            raise BadImport(f"{where}.{column.name}", "missing")
    return checked


def _typed(column: Any, value: Any, where: str) -> Any:
    kind = column.type
    if isinstance(kind, Instant):
        return check.instant(value, where)
    if isinstance(kind, Date):
        return check.day(value, where)
    if isinstance(kind, Boolean):
        return check.flag(value, where)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadImport(where, f"expected a whole number, got {check.show(value)}")
        if not -LARGEST <= value <= LARGEST:  # PostgreSQL's integer: the same on SQLite
            raise BadImport(where, f"{value} is out of range (at most {LARGEST:,})")
        if (column.primary_key or column.foreign_keys) and value < 1:  # no command could name it
            raise BadImport(where, f"{value} is not an id (a whole number from 1)")
        if column.name == "subject_id" and value < 0:
            raise BadImport(where, f"{value} is not an id (a whole number from 1, or 0 for a setting)")
        return value
    if isinstance(kind, JSON):
        return value
    return check.plain_text(value, where, getattr(kind, "length", None))  # within its column's length


def _check_fields(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Each row's fields checked as every other way in checks them (docs/case-file.md, Limits):
    an employer's website, a contact's email, an application's status, a round's interviewers,
    the length of every text; your own settings, each by its name."""
    for name, rows in tables.items():
        for row in rows:
            if name != "settings":
                check_record(name[:-1], _values(row), f"{row['_where']}.")
            elif row["name"] not in BOOKKEEPING:  # the store's own: skipped, whatever the file says
                check_setting(row["name"], row["value"], f"{row['_where']}.value")


def _check_references(tables: dict[str, list[dict[str, Any]]]) -> None:
    ids: dict[str, set[Any]] = {name: set() for name in TABLES}
    for name, rows in tables.items():
        key = _KEY[name]
        for row in rows:
            if row[key] in ids[name]:
                raise BadImport(f"{row['_where']}.{key}", f"{row[key]!r} is given twice")
            ids[name].add(row[key])
    for (name, column), target in REFERENCES.items():
        for row in tables[name]:
            value = row.get(column)
            if value is not None and value not in ids[target]:
                raise BadImport(f"{row['_where']}.{column}", f"no {target[:-1]} {value} in the file")
    _check_corrections(tables["events"])
    first_rounds = {row["application_id"] for row in tables["interviews"]}
    for row in tables["applications"]:
        if row["id"] not in first_rounds:
            raise BadImport(row["_where"], f"application {row['id']} has no interview in the file")


def _check_corrections(rows: list[dict[str, Any]]) -> None:
    """A correction names an earlier event (a smaller id) of its own application, as `followup
    edit event` makes one: never a later one, nor one of another application, and so never a
    loop of events correcting each other."""
    events = {row["id"]: row for row in rows}
    for row in rows:
        corrected = events.get(row["corrects"]) if row["corrects"] is not None else None
        if corrected is None:
            continue
        where = f"{row['_where']}.corrects"
        if corrected["application_id"] != row["application_id"]:
            raise BadImport(
                where,
                f"event {corrected['id']} is of application {corrected['application_id']}, "
                f"not of this event's application {row['application_id']}",
            )
        if corrected["id"] >= row["id"]:
            raise BadImport(
                where,
                f"event {corrected['id']} is not before this one (event {row['id']}): "
                "a correction names an earlier event",
            )


def _one_employer_per_name(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Employers of the file of one name (any case and spacing) are the first of them, as a
    store holds one employer of a name: the others' people, applications and edits go to it."""
    first: dict[str, int] = {}
    same: dict[int, int] = {}
    for row in sorted(tables["employers"], key=lambda row: row["id"]):
        first.setdefault(employer_key(row["name"]), row["id"])
        if first[employer_key(row["name"])] != row["id"]:
            same[row["id"]] = first[employer_key(row["name"])]
    if not same:
        return
    tables["employers"] = [row for row in tables["employers"] if row["id"] not in same]
    for name in ("contacts", "applications"):
        for row in tables[name]:
            row["employer_id"] = same.get(row["employer_id"], row["employer_id"])
    for row in tables["edits"]:
        if row["subject"] == "employer":
            row["subject_id"] = same.get(row["subject_id"], row["subject_id"])


def _check_employer(row: dict[str, Any], now: datetime) -> None:
    given = {key: row[key] for key in ("name", "country", "subdivision", "phone", "hours", "allows_visits")}
    given["timezone"] = row["timezone"]
    try:
        read_employer({key: value for key, value in given.items() if value is not None}, now.year)
    except CaseError as error:
        raise BadImport(f"{row['_where']}.{error.where.removeprefix('employer.')}", error.problem) from None


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    item = {key: _plain(value) for key, value in row.items() if key not in ("_where", "id", "application_id")}
    return {
        key: value
        for key, value in item.items()
        if value not in (None, False) and key not in ("corrects", "recorded_at")
    }


def _new_ids(
    connection: Connection, tables: dict[str, list[dict[str, Any]]], known: dict[str, dict[Any, Any]]
) -> dict[str, dict[int, int]]:
    """Each record's id in the store: of one already there, that one's; of the others, their own
    when the store holds none of them, else numbered after the store's own."""
    ids: dict[str, dict[int, int]] = {}
    for name, table in TABLES.items():
        if name == "settings":
            continue
        new = [row["id"] for row in tables[name] if row["id"] not in known[name]]
        taken = any(
            connection.execute(
                select(table.c.id).where(table.c.id.in_(new[start : start + 500])).limit(1)
            ).first()
            for start in range(0, len(new), 500)
        )
        after = (
            int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
            if taken
            else 0
        )
        ids[name] = {**{old: old + after for old in new}, **known[name]}
        beyond = next((row for row in tables[name] if ids[name][row["id"]] > LARGEST), None)
        if beyond is not None:  # numbered after the store's own, past what the store keeps
            raise BadImport(
                f"{beyond['_where']}.id",
                f"{beyond['id']} would be {ids[name][beyond['id']]:,} after the store's own "
                f"{name} (ids go up to {LARGEST:,}): give smaller ids",
            )
    return ids


def _close_known(
    connection: Connection,
    known: dict[str, dict[Any, Any]],
    new: dict[str, list[dict[str, Any]]],
    ids: dict[str, dict[int, int]],
    now: datetime,
) -> None:
    """A stored application that the file brings a rejection, an offer or a withdrawal is closed
    as recording it would have closed it; the change is logged, unless the file's log holds it."""
    closing: dict[int, str] = {}  # the stored application, and the last outcome the file brings it
    for row in sorted(new["events"], key=lambda row: row["at"]):
        if row["application_id"] in known["applications"] and row["kind"] in CLOSING:
            closing[known["applications"][row["application_id"]]] = row["kind"]
    logged = {
        (ids["applications"].get(row["subject_id"]), json.dumps(row["old"]), json.dumps(row["new"]))
        for row in new["edits"]
        if row["subject"] == "application" and row["field"] == "status"
    }
    for application, kind in closing.items():
        follow_outcome(connection, application, kind, now, logged=logged)


def _renumbered(name: str, row: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    moved = dict(row)
    if name != "settings":
        moved["id"] = ids[name][row["id"]]
    for (table, column), target in REFERENCES.items():
        if table == name and moved.get(column) is not None:
            moved[column] = ids[target][moved[column]]
    subject = f"{moved.get('subject')}s"
    if name == "edits" and subject in ids and moved["subject_id"] in ids[subject]:
        moved["subject_id"] = ids[subject][moved["subject_id"]]
    return moved


def _key(row: dict[str, Any]) -> Any:
    return row.get("id", row.get("name"))


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "_where"}


def _bump_sequences(connection: Connection) -> None:
    """PostgreSQL: ids given on import move each table's sequence past them."""
    if connection.dialect.name != "postgresql":
        return
    for name, table in TABLES.items():
        if name != "settings":
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table.name}), 1))"
                )
            )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read of the whole store that sees one moment: on PostgreSQL a repeatable-read
    transaction; on SQLite a read transaction (WAL keeps it whole while others write)."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as connection, connection.begin() as transaction:
        yield connection
        transaction.rollback()
