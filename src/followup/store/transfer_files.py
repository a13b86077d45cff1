"""The file of an export: every stored record as JSON (one list per table) or as one CSV file (a
`record` column naming the table, then the union of the tables' columns), and that file read
back into rows, each naming where it stands in the file. Reading checks the file's shape and
each CSV cell's kind; the rows themselves are checked by the import."""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, Table

from followup.casefile import CaseError
from followup.casefile.fields import parse_json, show, whole_text
from followup.casefile.limits import LARGEST_WHOLE, LONGEST_CELL
from followup.store.database import VERSION
from followup.store.schema import (
    applications,
    contacts,
    corrections,
    data_columns,
    edits,
    employers,
    events,
    interviews,
    settings,
)

FORMAT = 1  # of an export; an import reads this one
TABLES: dict[str, Table] = {  # in the order they are written: each after those it refers to
    "settings": settings,
    "employers": employers,
    "contacts": contacts,
    "applications": applications,
    "interviews": interviews,
    "events": events,
    "edits": edits,
    "corrections": corrections,
}
TOP_KEYS = ["followup_export", "exported_at", *TABLES]  # of an exported JSON document
CSV_COLUMNS = [
    "record",
    *dict.fromkeys(["id", *(column.name for table in TABLES.values() for column in data_columns(table))]),
]


# The store's own bookkeeping, not data: neither exported nor imported. The calendar feed's token,
# the secret of the web app's form tokens and what was pushed to a CalDAV calendar belong to this
# store and its calendars, not to a copy.
BOOKKEEPING = (
    VERSION,
    "calendar_sequences",
    "calendar_feed",
    "form_secret",
    "caldav_pushed",
    "cancelled_invitations",
)


class BadImport(CaseError):
    """Bad input in a file to import, naming the row and the field."""


def write_csv(rows: dict[str, list[dict[str, Any]]], out: io.TextIOBase | Any) -> int:
    """Exported rows as CSV, table by table under one header; how many rows."""
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
    document = parse_json(source)  # its every text UTF-8, nested at most MOST_NESTED deep
    if not isinstance(document, dict) or document.get("followup_export") != FORMAT:
        raise BadImport("followup_export", f"missing or not {FORMAT}: this is not a followup export")
    for key in document:
        if key not in TOP_KEYS:
            close = difflib.get_close_matches(key, TOP_KEYS, n=1, cutoff=0.8)
            hint = f"; did you mean {close[0]}?" if close else f" (expected one of: {', '.join(TOP_KEYS)})"
            raise BadImport(key, f"unknown field{hint}")
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
    """The tables of a CSV file, each row with `_where` naming its line. A cell holds at most
    LONGEST_CELL characters: any field fits, and a longer cell is refused before it is read
    whole; the length of each field is checked with the rows."""
    limit = csv.field_size_limit()
    csv.field_size_limit(LONGEST_CELL)
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
            if "field limit" in str(error):
                longer = f"a cell is longer than {LONGEST_CELL:,} characters (no field is)"
                raise BadImport(f"line {reader.line_num}", longer) from None
            raise BadImport(f"line {reader.line_num}", f"not CSV ({error})") from None
        yield reader.line_num, cells


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
        return parse_json(cell, f"{line}.{key}")
    if isinstance(kind, Boolean):
        if cell in ("true", "false"):
            return cell == "true"
        raise BadImport(f"{line}.{key}", f"expected true or false, got {show(cell)}")
    if isinstance(kind, Integer):  # in ASCII digits: int() would take " 1" and Arabic-Indic digits too
        return whole_text(cell, f"{line}.{key}", low=-LARGEST_WHOLE, high=LARGEST_WHOLE)
    return cell
