"""Which records of an imported file the store already holds, so that an import adds only the rest.

A record of the file is recognised as one already stored by what it says, never by its id:

- an employer by its name, in any case and with its spacing ignored (a store holds one of a name);
- a contact by its name (the same way) at an employer already stored;
- an application by its employer's name, its role and the instant of its first interview;
- of an application already stored, a round by its number and instant, and an event by its
  kind, instant and fields, and by the stored event it corrects, if any;
- an edit by its subject, the stored id of that subject, its field, old and new value and instant;
- a correction of a reading by its template, the kind read, what it made of it and its instant;
- a setting by its name, whatever its value (the store keeps its own).

Matching is one to one: a stored record stands for one record of the file at most, taken in id
order, so the same event noted twice in the file, and once in the store, is added once more.
Employers and contacts are not: all employers of the file of one name are the one stored of that
name, and all contacts of one name at an employer are the one stored there."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Table, select

from followup.store.schema import (
    applications,
    contacts,
    corrections,
    edits,
    employer_key,
    employers,
    events,
    interviews,
    settings,
)
from followup.store.transfer_files import BOOKKEEPING, TABLES


def known_records(
    connection: Connection, tables: dict[str, list[dict[str, Any]]]
) -> dict[str, dict[Any, Any]]:
    """The records of the file that the store already holds, table by table: the file's id (a
    setting's name) and the stored record's. Each stored record stands for one of the file's at
    most (an employer or a contact, matched by name, for all of that name)."""
    known: dict[str, dict[Any, Any]] = {name: {} for name in TABLES}
    have = set(connection.execute(select(settings.c.name)).scalars()) | set(BOOKKEEPING)
    known["settings"] = {row["name"]: row["name"] for row in tables["settings"] if row["name"] in have}
    named = dict(connection.execute(select(employers.c.name_key, employers.c.id)).all())
    for row in tables["employers"]:
        stored = named.get(_folded(row["name"]))
        if stored is not None:
            known["employers"][row["id"]] = stored
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
    if tables["corrections"]:
        _pair(
            tables["corrections"],
            _correction,
            ((row.id, _correction(row._mapping)) for row in connection.execute(select(corrections))),
            known["corrections"],
        )
    return known


def _correction(row: Any) -> tuple[Any, ...]:
    """A correction by its template, the kind read, what it made of it and when."""
    return (row["template"], row["read_as"], json.dumps(row["reading"], sort_keys=True), row["corrected_at"])


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
    return employer_key(name or "")


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
    if column.name not in ("id", "application_id", "corrects", "recorded_at") and not column.info.get("owner")
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
