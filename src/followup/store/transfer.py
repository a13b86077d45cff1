"""Export and import: every stored record as JSON (one list per table) or as one CSV file (a
`record` column naming the table, then the union of the tables' columns). The kept advice is
not exported: an import works it out again. An import is all or nothing: every row is checked,
then every application read as a case, inside one transaction that writes all or none; records
the store already holds (by their content, whatever their ids) are skipped, not added again."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import JSON, Boolean, Connection, Date, Engine, Integer, Table, func, insert, select, text

from followup.casefile import CaseError, read_employer, read_event
from followup.casefile import fields as check
from followup.store.applications import CLOSING, log_edit, refresh_in
from followup.store.database import BUMP, VERSION, writing
from followup.store.schema import applications, contacts, edits, employers, events, interviews, settings
from followup.store.types import Instant

FORMAT = 1  # of an export; an import reads this one
LARGEST = 2**31 - 1  # a whole number a store keeps
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
_KEY = {name: "name" if name == "settings" else "id" for name in TABLES}  # what tells a table's rows apart
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
    """The tables of a CSV file, each row with `_where` naming its line. A cell may be as long as
    the file: csv's own limit (131,072 characters) would refuse a long note, and the length of
    each field is checked with the rows."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(source)))
    try:
        return _read_csv(source)
    finally:
        csv.field_size_limit(limit)


def _read_csv(source: str) -> dict[str, list[dict[str, Any]]]:
    reader = _lines(csv.reader(io.StringIO(source, newline="")))
    _number, header = next(reader, (1, None))
    if header is None:
        raise BadImport("line 1", "the file is empty (expected the header: " + ",".join(CSV_COLUMNS) + ")")
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if "record" not in header or unknown:
        what = f"unknown column {unknown[0]!r}" if unknown else "no 'record' column"
        raise BadImport("line 1", f"{what} (the header is documented in docs/journal.md)")
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for number, cells in reader:
        line = f"line {number}"
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


def _lines(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each row of a CSV reader with the number of the line it ends on; a row csv cannot read
    (a quote left open, say) is named."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise BadImport(f"line {reader.line_num}", f"not CSV ({error})") from None
        yield reader.line_num, cells


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
    _check_references(checked)
    for row in checked["employers"]:
        _check_employer(row, now)
    for row in checked["events"]:
        try:
            read_event(_event_item(row), "event", now)
        except CaseError as error:
            raise BadImport(f"{row['_where']}.{error.where.removeprefix('event.')}", error.problem) from None
    with writing(engine, counted=False) as connection:
        known = _known(connection, checked)
        ids = _new_ids(connection, checked, known)
        new = {name: [row for row in checked[name] if row[_KEY[name]] not in known[name]] for name in TABLES}
        if not any(new.values()):  # nothing written, not even the store's version
            return Imported(dict.fromkeys(TABLES, 0), {name: len(checked[name]) for name in TABLES})
        for name, table in TABLES.items():
            rows = sorted((_renumbered(name, row, ids) for row in new[name]), key=_key)
            if rows:
                connection.execute(insert(table), [_values(row) for row in rows])
        _close_known(connection, known, new, ids, now)
        _bump_sequences(connection)
        connection.exec_driver_sql(BUMP)
        grown = {row["application_id"] for name in ("interviews", "events") for row in new[name]}
        for row in checked["applications"]:
            if row["id"] in grown or row["id"] not in known["applications"]:
                try:
                    refresh_in(connection, ids["applications"][row["id"]], now)
                except CaseError as error:
                    raise BadImport(
                        f"{row['_where']} (application {row['id']}): {error.where}", error.problem
                    ) from None
    return Imported(
        {name: len(new[name]) for name in TABLES},
        {name: len(checked[name]) - len(new[name]) for name in TABLES},
    )


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
        if not -LARGEST <= value <= LARGEST:  # PostgreSQL's integer: the same on SQLite
            raise BadImport(where, f"{value} is out of range (at most {LARGEST:,})")
        return value
    if isinstance(kind, JSON):
        return value
    if not isinstance(value, str):
        raise BadImport(where, f"expected text, got {value!r}")
    if "\x00" in value:  # PostgreSQL's text cannot hold it: the same on SQLite
        raise BadImport(where, "holds a NUL character")
    length = getattr(kind, "length", None)
    if length and len(value) > length:
        raise BadImport(where, f"longer than {length} characters")
    return value


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


def _known(connection: Connection, tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[Any, Any]]:
    """The records of the file that the store already holds, table by table: the file's id (a
    setting's name) and the stored record's. Each stored record stands for one of the file's at
    most (an employer or a contact, matched by name, for all of that name)."""
    known: dict[str, dict[Any, Any]] = {name: {} for name in TABLES}
    have = set(connection.execute(select(settings.c.name)).scalars()) | set(BOOKKEEPING)
    known["settings"] = {row["name"]: row["name"] for row in tables["settings"] if row["name"] in have}
    named = {
        _folded(name): found
        for found, name in connection.execute(
            select(employers.c.id, employers.c.name).order_by(employers.c.id.desc())
        )
    }
    for row in tables["employers"]:
        if _folded(row["name"]) in named:
            known["employers"][row["id"]] = named[_folded(row["name"])]
    people = {
        (employer, _folded(name)): found
        for found, employer, name in connection.execute(
            select(contacts.c.id, contacts.c.employer_id, contacts.c.name)
        )
    }
    for row in tables["contacts"]:
        found = people.get((known["employers"].get(row["employer_id"]), _folded(row["name"])))
        if found is not None:
            known["contacts"][row["id"]] = found
    _pair(
        tables["applications"], _applications(tables), _stored_applications(connection), known["applications"]
    )
    stored_ids = sorted(set(known["applications"].values()))
    in_known = [row for row in tables["interviews"] if row["application_id"] in known["applications"]]
    _pair(
        in_known,
        lambda row: (known["applications"][row["application_id"]], row["round"], row["at"]),
        (
            (row.id, (row.application_id, row.round, row.at))
            for row in _of_applications(connection, interviews, stored_ids)
        ),
        known["interviews"],
    )
    in_known = [row for row in tables["events"] if row["application_id"] in known["applications"]]
    _pair(
        in_known,
        lambda row: (known["applications"][row["application_id"]], _corrects(row, known), *_content(row)),
        (
            (row.id, (row.application_id, row.corrects, *_content(row._mapping)))
            for row in _of_applications(connection, events, stored_ids)
        ),
        known["events"],
    )
    if tables["edits"]:
        given = {name: {row["id"] for row in tables[name]} for name in TABLES if name != "settings"}
        _pair(
            tables["edits"],
            lambda row: _edit(row, _subject_id(row, given, known)),
            ((row.id, _edit(row._mapping, row.subject_id)) for row in connection.execute(select(edits))),
            known["edits"],
        )
    return known


def _pair(
    rows: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], Any],
    stored: Iterable[tuple[int, Any]],
    known: dict[Any, Any],
) -> None:
    """Each of the file's rows whose key a stored record has, in id order, paired with it; a
    stored record pairs with one row at most (the same event noted twice is kept twice)."""
    waiting: dict[Any, list[int]] = {}
    for found, stored_key in sorted(stored, key=lambda pair: pair[0]):
        waiting.setdefault(stored_key, []).append(found)
    for row in sorted(rows, key=lambda row: row["id"]):  # a correction after the event it corrects
        left = waiting.get(key(row))
        if left:
            known[row["id"]] = left.pop(0)


def _folded(name: str | None) -> str:
    return (name or "").strip().lower()


def _applications(tables: dict[str, list[dict[str, Any]]]) -> Callable[[dict[str, Any]], Any]:
    """An application of the file by what makes it the same: its employer's name (any case), its
    role, and the instant of its first interview."""
    employer_names = {row["id"]: _folded(row["name"]) for row in tables["employers"]}
    first: dict[int, Any] = {}
    for row in sorted(tables["interviews"], key=lambda row: (row["round"], row["id"])):
        first.setdefault(row["application_id"], row["at"])
    return lambda row: (employer_names[row["employer_id"]], row["role"], first[row["id"]])


def _stored_applications(connection: Connection) -> Iterator[tuple[int, Any]]:
    """The stored applications, each by what makes it the same, as _applications tells it."""
    employer_names = {
        found: _folded(name) for found, name in connection.execute(select(employers.c.id, employers.c.name))
    }
    first: dict[int, Any] = {}
    for application, at in connection.execute(
        select(interviews.c.application_id, interviews.c.at).order_by(interviews.c.round, interviews.c.id)
    ):
        first.setdefault(application, at)
    for found, employer, role in connection.execute(
        select(applications.c.id, applications.c.employer_id, applications.c.role)
    ):
        if found in first:
            yield found, (employer_names[employer], role, first[found])


def _of_applications(connection: Connection, table: Table, application_ids: list[int]) -> Iterator[Any]:
    """The stored rows of these applications, a few hundred ids a query."""
    for start in range(0, len(application_ids), 500):
        chunk = application_ids[start : start + 500]
        yield from connection.execute(select(table).where(table.c.application_id.in_(chunk)))


EVENT_CONTENT = [
    column.name
    for column in events.columns
    if column.name not in ("id", "application_id", "corrects", "recorded_at")
]


def _content(row: Any) -> tuple[Any, ...]:
    """What an event says: its kind, instant and fields, JSON as text to be compared."""
    return tuple(
        json.dumps(row[name], sort_keys=True) if name == "channels" else row[name] for name in EVENT_CONTENT
    )


def _corrects(row: dict[str, Any], known: dict[str, dict[Any, Any]]) -> Any:
    """The stored event that an event of the file corrects; one the store lacks is none of its own."""
    if row["corrects"] is None:
        return None
    return known["events"].get(row["corrects"], ("new", row["corrects"]))


def _subject_id(row: dict[str, Any], given: dict[str, set[int]], known: dict[str, dict[Any, Any]]) -> Any:
    """The stored id of what an edit of the file is about: one that the store lacks is none of its
    own; one not in the file (deleted, a setting) keeps its id."""
    table = f"{row['subject']}s"
    if row["subject_id"] not in given.get(table, set()):
        return row["subject_id"]
    return known[table].get(row["subject_id"], ("new", row["subject_id"]))


def _edit(row: Any, subject_id: Any) -> tuple[Any, ...]:
    return (
        row["subject"],
        subject_id,
        row["field"],
        json.dumps(row["old"], sort_keys=True),
        json.dumps(row["new"], sort_keys=True),
        row["at"],
    )


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
    closing: dict[int, str] = {}
    for row in sorted(new["events"], key=lambda row: row["at"]):
        if row["application_id"] in known["applications"] and row["kind"] in CLOSING:
            closing[known["applications"][row["application_id"]]] = CLOSING[row["kind"]]
    logged = {
        (ids["applications"].get(row["subject_id"]), json.dumps(row["old"]), json.dumps(row["new"]))
        for row in new["edits"]
        if row["subject"] == "application" and row["field"] == "status"
    }
    for application, status in closing.items():
        old = connection.execute(
            select(applications.c.status).where(applications.c.id == application)
        ).scalar()
        if old != status:
            connection.execute(
                applications.update().where(applications.c.id == application).values(status=status)
            )
            if (application, json.dumps(old), json.dumps(status)) not in logged:
                log_edit(connection, now, "application", application, "status", old, status)


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
