"""Export and import: every stored record as JSON (one list per table) or as one CSV file (a
`record` column naming the table, then the union of the tables' columns). The kept advice is
not exported: an import works it out again. An import is all or nothing: every row is checked,
then every application read as a case, inside one transaction that writes all or none."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Connection, Date, Engine, Integer, Table, func, insert, select, text

from followup.casefile import CaseError, read_employer, read_event
from followup.casefile import fields as check
from followup.store.applications import refresh_in
from followup.store.database import VERSION, writing
from followup.store.schema import applications, contacts, edits, employers, events, interviews, settings
from followup.store.types import Instant

FORMAT = 1  # of an export; an import reads this one
TABLES: dict[str, Table] = {  # in the order they are written: each after those it refers to
    "settings": settings,
    "employers": employers,
    "contacts": contacts,
    "applications": applications,
    "interviews": interviews,
    "events": events,
    "edits": edits,
}
REFERENCES = {  # a column, and the table whose id it holds
    ("contacts", "employer_id"): "employers",
    ("applications", "employer_id"): "employers",
    ("interviews", "application_id"): "applications",
    ("events", "application_id"): "applications",
    ("events", "corrects"): "events",
}
CSV_COLUMNS = [
    "record",
    *dict.fromkeys(["id", *(column.name for table in TABLES.values() for column in table.columns)]),
]


# The store's own bookkeeping, not data: neither exported nor imported. The calendar feed's token
# and what was pushed to a CalDAV calendar belong to this store and its calendars, not to a copy.
BOOKKEEPING = (VERSION, "calendar_sequences", "calendar_feed", "caldav_pushed", "cancelled_invitations")


class BadImport(CaseError):
    """Bad input in a file to import, naming the row and the field."""


def export_rows(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every stored record, table by table, in id order, as JSON values."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        order = table.c.name if name == "settings" else table.c.id
        query = select(table).order_by(order)
        if name == "settings":  # the store's own bookkeeping is not data
            query = query.where(settings.c.name.not_in(BOOKKEEPING))
        rows[name] = [
            {column.name: _plain(row._mapping[column.name]) for column in table.columns}
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
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for name, table in TABLES.items():
        for row in rows[name]:
            writer.writerow({"record": name, **{key: _cell(table, key, value) for key, value in row.items()}})
            written += 1
    return written


def read_json(source: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of an exported JSON document, each row with `_where` naming it."""
    try:
        document = json.loads(source)
    except ValueError as error:
        raise BadImport("", f"not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("followup_export") != FORMAT:
        raise BadImport("followup_export", f"missing or not {FORMAT}: this is not a followup export")
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        given = document.get(name, [])
        if not isinstance(given, list):
            raise BadImport(name, "expected a list of records")
        for index, row in enumerate(given):
            if not isinstance(row, dict):
                raise BadImport(f"{name}[{index}]", "expected an object")
        tables[name] = [{**row, "_where": f"{name}[{index}]"} for index, row in enumerate(given)]
    return tables


def read_csv(source: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of a CSV file, each row with `_where` naming its line."""
    reader = csv.reader(io.StringIO(source, newline=""))
    header = next(reader, None)
    if header is None:
        raise BadImport("line 1", "the file is empty (expected the header: " + ",".join(CSV_COLUMNS) + ")")
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if "record" not in header or unknown:
        what = f"unknown column {unknown[0]!r}" if unknown else "no 'record' column"
        raise BadImport("line 1", f"{what} (the header is documented in docs/journal.md)")
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for cells in reader:
        line = f"line {reader.line_num}"
        if not cells:
            continue
        if len(cells) != len(header):
            raise BadImport(line, f"{len(cells)} cells, the header has {len(header)}")
        given = dict(zip(header, cells, strict=True))
        name = given.pop("record")
        if name not in TABLES:
            raise BadImport(
                f"{line}.record", f"unknown record {name!r} (expected one of: {', '.join(TABLES)})"
            )
        table = TABLES[name]
        row: dict[str, Any] = {"_where": line}
        for key, cell in given.items():
            if key in table.c:
                row[key] = _from_cell(table, key, cell, line)
            elif cell != "":
                raise BadImport(f"{line}.{key}", f"a {name} row has no {key}")
        tables[name].append(row)
    return tables


def import_tables(engine: Engine, tables: dict[str, list[dict[str, Any]]], now: datetime) -> dict[str, int]:
    """Write the tables read from a file, all or nothing; how many records of each. Ids are kept
    when the store holds none of them, else the imported records are numbered after its own; an
    employer already stored under the same name is reused; the store's own settings stay."""
    checked = {name: [_row(TABLES[name], row) for row in rows] for name, rows in tables.items()}
    _check_references(checked)
    for row in checked["employers"]:
        _check_employer(row, now)
    for row in checked["events"]:
        try:
            read_event(_event_item(row), "event", now)
        except CaseError as error:
            raise BadImport(f"{row['_where']}.{error.where.removeprefix('event.')}", error.problem) from None
    with writing(engine) as connection:
        ids = _new_ids(connection, checked)
        for name, table in TABLES.items():
            rows = sorted(
                (_renumbered(name, row, ids) for row in checked[name] if not row.get("_known")), key=_key
            )
            if name == "settings":  # the store's own settings stay; the file's fill in the others
                have = set(connection.execute(select(settings.c.name)).scalars()) | set(BOOKKEEPING)
                rows = [row for row in rows if row["name"] not in have]
            if rows:
                connection.execute(insert(table), [_values(row) for row in rows])
        _bump_sequences(connection)
        for row in checked["applications"]:
            try:
                refresh_in(connection, ids["applications"][row["id"]], now)
            except CaseError as error:
                raise BadImport(
                    f"{row['_where']} (application {row['id']}): {error.where}", error.problem
                ) from None
    return {name: len(rows) for name, rows in checked.items()}


def _row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row checked against its table: every required column, each value of its type."""
    where = row["_where"]
    for key in row:
        if key != "_where" and key not in table.c:
            raise BadImport(f"{where}.{key}", f"{table.name} has no column {key}")
    checked: dict[str, Any] = {"_where": where}
    for column in table.columns:
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
            raise BadImport(where, f"expected a whole number, got {value!r}")
        return value
    if isinstance(kind, JSON):
        return value
    if not isinstance(value, str):
        raise BadImport(where, f"expected text, got {value!r}")
    length = getattr(kind, "length", None)
    if length and len(value) > length:
        raise BadImport(where, f"longer than {length} characters")
    return value


def _check_references(tables: dict[str, list[dict[str, Any]]]) -> None:
    ids: dict[str, set[Any]] = {name: set() for name in TABLES}
    for name, rows in tables.items():
        key = "name" if name == "settings" else "id"
        for row in rows:
            if row[key] in ids[name]:
                raise BadImport(f"{row['_where']}.{key}", f"{row[key]!r} is given twice")
            ids[name].add(row[key])
    for (name, column), target in REFERENCES.items():
        for row in tables[name]:
            value = row.get(column)
            if value is not None and value not in ids[target]:
                raise BadImport(f"{row['_where']}.{column}", f"no {target[:-1]} {value} in the file")
    first_rounds = {row["application_id"] for row in tables["interviews"]}
    for row in tables["applications"]:
        if row["id"] not in first_rounds:
            raise BadImport(row["_where"], f"application {row['id']} has no interview in the file")


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


def _new_ids(connection: Connection, tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[int, int]]:
    """Each imported record's id in the store. Into a store that holds none of a table's ids, they
    are kept; else numbered after the store's own, and an employer (or a contact at it) already
    stored under the same name is that one, not a second."""
    ids: dict[str, dict[int, int]] = {}
    for name, table in TABLES.items():
        if name == "settings":
            continue
        given = [row["id"] for row in tables[name]]
        taken = given and connection.execute(select(table.c.id).where(table.c.id.in_(given)).limit(1)).first()
        after = (
            int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
            if taken
            else 0
        )
        ids[name] = {old: old + after for old in given}
    known = {
        (name or "").strip().lower(): found
        for found, name in connection.execute(
            select(employers.c.id, employers.c.name).order_by(employers.c.id.desc())
        )
    }
    for row in tables["employers"]:
        found = known.get(row["name"].strip().lower())
        if found is not None:
            ids["employers"][row["id"]], row["_known"] = found, True
    people = {
        (employer, (name or "").strip().lower()): found
        for found, employer, name in connection.execute(
            select(contacts.c.id, contacts.c.employer_id, contacts.c.name)
        )
    }
    for row in tables["contacts"]:
        found = people.get((ids["employers"][row["employer_id"]], row["name"].strip().lower()))
        if found is not None:
            ids["contacts"][row["id"]], row["_known"] = found, True
    return ids


def _renumbered(name: str, row: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    moved = {key: value for key, value in row.items() if key != "_known"}
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


def _cell(table: Table, key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(table.c[key].type, JSON):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _from_cell(table: Table, key: str, cell: str, line: str) -> Any:
    if cell == "":
        return None
    kind = table.c[key].type
    if isinstance(kind, JSON):
        try:
            return json.loads(cell)
        except ValueError as error:
            raise BadImport(f"{line}.{key}", f"expected JSON ({error})") from None
    if isinstance(kind, Boolean):
        if cell in ("true", "false"):
            return cell == "true"
        raise BadImport(f"{line}.{key}", f"expected true or false, got {cell!r}")
    if isinstance(kind, Integer):
        try:
            return int(cell)
        except ValueError:
            raise BadImport(f"{line}.{key}", f"expected a whole number, got {cell!r}") from None
    return cell


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read of the whole store that sees one moment: on PostgreSQL a repeatable-read
    transaction; on SQLite a read transaction (WAL keeps it whole while others write)."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as connection, connection.begin() as transaction:
        yield connection
        transaction.rollback()
