"""Export, import and backup: what goes out comes back the same, in both formats; what the store
already holds is not added again; a bad file writes nothing and names itself and its row; an
import killed halfway leaves all of it or none."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from followup.casefile import CaseError
from followup.casefile.limits import LONGEST
from followup.cli import cli
from followup.store import connect
from followup.store.applications import add_application, record_event
from followup.store.backup import backup
from followup.store.records import add_contact, edit
from followup.store.transfer import (
    CSV_COLUMNS,
    export_csv,
    export_document,
    import_tables,
    read_csv,
    read_json,
)
from tests.test_store import PostgresDatabase

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
ZONES = ["America/Chicago", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "America/St_Johns"]
# Text a person may type: any letter, quotes, commas, line breaks in a note; no NUL, no other
# control character, no lone surrogates.
NOTES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(',"\n'),
    min_size=1,
    max_size=30,
).filter(lambda value: value.strip() == value and value != "")
WORDS = st.text(  # one line: a name, a role
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(',"'),
    min_size=1,
    max_size=30,
).filter(lambda value: value.strip() == value and value != "")


def data_without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


@st.composite
def job_searches(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few applications, each with its employer, interview, things said and done."""
    searches = []
    for _ in range(draw(st.integers(1, 4))):
        interview = datetime(2026, 1, 5, 15, tzinfo=UTC) + timedelta(
            days=draw(st.integers(0, 150)), minutes=15 * draw(st.integers(0, 20))
        )
        events: list[dict[str, Any]] = []
        if draw(st.booleans()):
            events.append(
                {
                    "at": (interview + timedelta(hours=3)).isoformat(),
                    "kind": "contacted",
                    "channel": draw(st.sampled_from(["email", "phone"])),
                    "purpose": "thank_you",
                    "answered": draw(st.booleans()),
                    "note": draw(NOTES),
                }
            )
        if draw(st.booleans()):
            said = interview + timedelta(hours=1)
            events.append(
                {
                    "at": said.isoformat(),
                    "kind": "decision_by",
                    "date": (said + timedelta(days=draw(st.integers(1, 20)))).date().isoformat(),
                    "silence_means_no": draw(st.booleans()),
                    "said_by": draw(WORDS),
                    "said_how": draw(st.sampled_from(["email", "phone", "in_person"])),
                    "note": draw(NOTES),
                }
            )
        searches.append(
            {
                "employer": {"name": draw(WORDS), "timezone": draw(st.sampled_from(ZONES))},
                "interview": {"at": interview.isoformat(), "minutes": draw(st.integers(15, 120))},
                "events": events,
                "policy": draw(st.sampled_from([None, {"max_check_ins": 1}])),
                "role": draw(WORDS),
                "contact": draw(st.none() | WORDS),
                "phone": draw(st.none() | st.sampled_from(["+1 312 555 0100", "+44 20 7946 0958"])),
            }
        )
    return searches


def fill(engine: Engine, searches: list[dict[str, Any]]) -> None:
    for search in searches:
        document = {key: search[key] for key in ("employer", "interview", "events") if search[key]}
        if search["policy"]:
            document["policy"] = search["policy"]
        try:
            application = add_application(engine, document, now=NOW, role=search["role"])
        except CaseError as error:  # the same employer name with another zone: fine, skip it
            if "is stored" not in str(error):
                raise
            continue
        employer = export_document(engine, NOW)["applications"][-1]["employer_id"]
        if search["contact"]:
            add_contact(engine, employer, {"name": search["contact"], "email": "someone@example.com"}, NOW)
        if search["phone"]:
            edit(engine, "employer", employer, {"phone": search["phone"]}, NOW)
        record_event(engine, application, {"at": NOW.isoformat(), "kind": "in_running"}, now=NOW)


class Stores:
    """Fresh SQLite stores in one folder, as many as an example needs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new(self) -> Engine:
        return connect(f"sqlite:///{self.folder / f'{uuid.uuid4().hex}.sqlite3'}")


@settings(
    max_examples=int(os.environ.get("FOLLOWUP_ROUND_TRIPS", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(searches=job_searches())
def test_export_then_import_gives_the_same_data_in_json_and_in_csv(tmp_path: Path, searches: Any) -> None:
    stores = Stores(tmp_path)
    original = stores.new()
    fill(original, searches)
    exported = export_document(original, NOW)

    from_json = stores.new()
    import_tables(from_json, read_json(json.dumps(exported)), NOW)
    assert data_without_stamp(export_document(from_json, NOW)) == data_without_stamp(exported)
    again = import_tables(from_json, read_json(json.dumps(exported)), NOW)  # all of it there already
    assert sum(again.added.values()) == 0
    assert data_without_stamp(export_document(from_json, NOW)) == data_without_stamp(exported)

    text = io.StringIO()
    export_csv(original, text)
    from_csv = stores.new()
    import_tables(from_csv, read_csv(text.getvalue()), NOW)
    assert data_without_stamp(export_document(from_csv, NOW)) == data_without_stamp(exported)


def test_a_round_trip_through_postgresql_gives_the_same_data(tmp_path: Path) -> None:
    original = connect(f"sqlite:///{tmp_path / 'original.sqlite3'}")
    run = CliRunner().invoke(cli, ["demo", "--db", str(original.url), "--now", NOW.isoformat()])
    assert run.exit_code == 0, run.output
    exported = export_document(original, NOW)
    with PostgresDatabase() as url:
        server = connect(url)
        import_tables(server, read_json(json.dumps(exported)), NOW)
        assert data_without_stamp(export_document(server, NOW)) == data_without_stamp(exported)
        again = import_tables(server, read_json(json.dumps(exported)), NOW)  # again: all there already
        assert again.skipped["applications"] == len(exported["applications"])
        assert data_without_stamp(export_document(server, NOW)) == data_without_stamp(exported)
        code = CliRunner().invoke(cli, ["add", "--employer", "Zeta", "--timezone", "Europe/Paris",
                                        "--interview", "2026-06-29T10:00:00+02:00", "--db", url,
                                        "--now", NOW.isoformat()])  # fmt: skip
        assert code.exit_code == 0, code.output  # ids given on import moved the sequences on
        server.dispose()


@pytest.fixture
def demo_store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert CliRunner().invoke(cli, ["demo", "--db", url, "--now", NOW.isoformat()]).exit_code == 0
    return url


def run(*args: str, given: str | None = None) -> tuple[int, str, str]:
    """A command at NOW: its exit code, what it printed and its errors; `given` on standard input."""
    result = CliRunner().invoke(cli, [*args, "--now", NOW.isoformat()], input=given)
    return result.exit_code, result.stdout, result.stderr


def exported_csv(url: str) -> list[str]:
    code, out, _ = run("export", "--format", "csv", "--db", url)
    assert code == 0
    return out.splitlines()


def test_the_csv_header_is_the_documented_one(demo_store: str) -> None:
    header = exported_csv(demo_store)[0]
    assert header == ",".join(CSV_COLUMNS)
    assert header in Path("docs/journal.md").read_text(encoding="utf-8")


def with_line(lines: list[str], number: int, change: Any) -> str:
    """The CSV with line `number` (1: the header) changed."""
    changed = list(lines)
    changed[number - 1] = change(changed[number - 1])
    return "\n".join(changed) + "\n"


def line_of(lines: list[str], record: str) -> int:
    return next(number for number, line in enumerate(lines, 1) if line.startswith(record + ","))


@pytest.mark.parametrize(
    ("record", "change", "message"),
    [
        ("events", lambda line: line[:-3], "cells, the header has"),  # a malformed row
        ("events", lambda line: line.replace(",email,", ",fax,", 1), "channel"),
        (
            "interviews",
            lambda line: line.replace("2026-", "2026-13-", 1),
            "is not an ISO 8601 date",
        ),  # invalid date
        ("employers", lambda line: line.replace("America/Chicago", "America/Chicagoo"), "timezone"),
        ("contacts", lambda line: line, None),
    ],
)
def test_a_bad_csv_row_is_named_and_nothing_is_written(
    demo_store: str, tmp_path: Path, record: str, change: Any, message: str | None
) -> None:
    lines = exported_csv(demo_store)
    if record == "contacts":  # no contacts in the demo: a row naming an employer not in the file
        bad = "\n".join(lines) + "\n" + "contacts" + ",," * 0 + _contact_row(lines[0], employer_id=999) + "\n"
        message = "no employer 999"
        number = len(lines) + 1
    else:
        number = line_of(lines, record)
        bad = with_line(lines, number, change)
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    code, out, err = run("import", str(path), "--db", target)
    assert code == 2
    assert err.startswith(f"followup: {path}: line {number}") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err + out
    assert run("export", "--db", target)[1].count('"id"') == 0  # nothing written


def _contact_row(header: str, employer_id: int) -> str:
    columns = header.split(",")
    values = {"id": "1", "employer_id": str(employer_id), "name": "Dana"}
    return "".join("," + values.get(column, "") for column in columns[1:])


def test_an_event_whose_dates_are_in_the_wrong_order_is_named_and_nothing_is_written(
    demo_store: str, tmp_path: Path
) -> None:
    code, out, _ = run("export", "--db", demo_store)
    document = json.loads(out)
    decision = next(index for index, event in enumerate(document["events"]) if event["kind"] == "decision_by")
    document["events"][decision]["date"] = "2026-01-01"  # before the day it was said
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    code, _, err = run("import", str(path), "--db", target)
    assert code == 2
    assert err.startswith(f"followup: {path}: events[{decision}].date: ") and "wrong order" in err
    assert json.loads(run("export", "--db", target)[1])["applications"] == []


def test_an_unknown_application_id_is_named(demo_store: str, tmp_path: Path) -> None:
    code, out, _ = run("export", "--db", demo_store)
    document = json.loads(out)
    document["events"][0]["application_id"] = 4242
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run("import", str(path), "--db", demo_store)
    assert code == 2
    assert err == f"followup: {path}: events[0].application_id: no application 4242 in the file\n"


def test_an_import_into_a_store_that_has_data_numbers_the_new_records_after_its_own(
    demo_store: str, tmp_path: Path
) -> None:
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert run("add", "--employer", "Zeta", "--timezone", "Europe/Paris", "--role", "Buyer",
               "--interview", "2026-06-29T10:00:00+02:00", "--db", other)[0] == 0  # fmt: skip
    path = tmp_path / "other.json"
    assert run("export", "--db", other, "--output", str(path))[0] == 0
    code, out, _ = run("import", str(path), "--db", demo_store)
    assert (code, out) == (0, "Imported 1 application, 1 employer, 1 interview.\n")
    after = json.loads(run("export", "--db", demo_store)[1])
    assert [(row["id"], row["role"]) for row in after["applications"]][-1] == (7, "Buyer")
    assert after["interviews"][-1]["application_id"] == 7 and after["applications"][-1]["employer_id"] == 7


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Empty stores of one kind, as many as a test asks for: SQLite files, or PostgreSQL databases."""
    with ExitStack() as databases:

        def new() -> str:
            if request.param == "sqlite":
                return f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"
            return databases.enter_context(PostgresDatabase())

        yield new


def demo(url: str) -> str:
    assert run("demo", "--db", url)[0] == 0
    return url


def exported(url: str) -> dict[str, Any]:
    code, out, _ = run("export", "--db", url)
    assert code == 0
    return data_without_stamp(json.loads(out))


DEMO_COUNTS = "6 applications, 6 employers, 6 interviews, 9 events, 1 edit"


def test_an_export_imported_into_the_store_it_came_from_adds_nothing(
    new_store: Callable[[], str], tmp_path: Path
) -> None:
    store = demo(new_store())
    path = tmp_path / "search.json"
    assert run("export", "--db", store, "--output", str(path))[0] == 0
    before = exported(store)
    code, out, err = run("import", str(path), "--db", store)
    assert (code, err) == (0, "")
    assert out == f"Nothing imported: every record of {path} is already in the store ({DEMO_COUNTS}).\n"
    assert exported(store) == before
    code, out, _ = run("import", str(path), "--db", store, "--json")
    assert code == 0
    assert json.loads(out) == {
        "imported": dict.fromkeys(["settings", "employers", "contacts", "applications", "interviews",
                                   "events", "edits", "corrections"], 0),
        "skipped": {"settings": 0, "employers": 6, "contacts": 0, "applications": 6, "interviews": 6,
                    "events": 9, "edits": 1, "corrections": 0},
    }  # fmt: skip
    assert exported(store) == before


def test_two_stored_employers_of_one_name_are_each_known_again(tmp_path: Path) -> None:
    """SQLite folds only ASCII letters: 'Ā' twice can be two employers; each keeps its own log."""
    stores = Stores(tmp_path)
    original = stores.new()
    search = {"employer": {"name": "Ā", "timezone": "America/Chicago"},
              "interview": {"at": "2026-01-05T15:00:00+00:00", "minutes": 15}, "events": [], "policy": None,
              "role": "0", "contact": None, "phone": None}  # fmt: skip
    fill(original, [search, {**search, "phone": "+1 312 555 0100"}])
    exported_once = export_document(original, NOW)
    copy = stores.new()
    import_tables(copy, read_json(json.dumps(exported_once)), NOW)
    again = import_tables(copy, read_json(json.dumps(exported_once)), NOW)
    assert sum(again.added.values()) == 0


def test_a_later_export_brings_into_a_copy_only_what_is_new(
    new_store: Callable[[], str], tmp_path: Path
) -> None:
    first, later = tmp_path / "first.json", tmp_path / "later.json"
    store, copy = demo(new_store()), new_store()
    assert run("export", "--db", store, "--output", str(first))[0] == 0
    assert run("import", str(first), "--db", copy) == (0, f"Imported {DEMO_COUNTS}.\n", "")
    for command in (
        ["contacted", "1", "--channel", "email", "--purpose", "check_in", "--note", "Any news?"],
        ["outcome", "2", "rejected"],  # closes application 2, and logs it
        ["interview", "add", "6", "--at", "2026-07-08T10:00:00-05:00"],
        ["contact", "add", "1", "Dana Lee", "--role", "recruiter"],
        ["add", "--employer", "Zeta", "--timezone", "Europe/Paris", "--role", "Buyer",
         "--interview", "2026-06-29T10:00:00+02:00"],
    ):  # fmt: skip
        assert run(*command, "--db", store)[0] == 0, command
    assert run("export", "--db", store, "--output", str(later))[0] == 0
    code, out, _ = run("import", str(later), "--db", copy)
    assert (code, out) == (
        0,
        "Imported 1 application, 1 employer, 1 contact, 2 interviews, 2 events, 1 edit; "
        f"{DEMO_COUNTS} already in the store were skipped.\n",
    )
    assert exported(copy) == exported(store)  # the same ids too: the new ones were free
    code, out, _ = run("import", str(later), "--db", copy)
    assert out.startswith(f"Nothing imported: every record of {later} is already in the store")


def test_an_application_stored_under_other_ids_is_known_by_its_employer_role_and_first_interview(
    new_store: Callable[[], str], tmp_path: Path
) -> None:
    interview, thanked, checked_in = (
        "2026-06-22T10:00:00-05:00", "2026-06-22T14:00:00-05:00", "2026-06-29T10:00:00-05:00"
    )  # fmt: skip
    source, store = new_store(), new_store()
    for url, name in ((source, "Northwind Traders"), (store, "NORTHWIND TRADERS")):
        if url == store:  # another application first: other ids for the same one
            assert run("add", "--employer", "Zeta", "--timezone", "Europe/Paris", "--role", "Buyer",
                       "--interview", "2026-06-29T10:00:00+02:00", "--db", url)[0] == 0  # fmt: skip
        assert run("add", "--employer", name, "--timezone", "America/Chicago", "--role", "Category buyer",
                   "--interview", interview, "--db", url)[0] == 0  # fmt: skip
        application = "2" if url == store else "1"
        assert run("contacted", application, "--channel", "email", "--purpose", "thank_you", "--at", thanked,
                   "--db", url)[0] == 0  # fmt: skip
    assert run("contacted", "1", "--channel", "email", "--purpose", "check_in", "--at", checked_in,
               "--db", source)[0] == 0  # fmt: skip
    path = tmp_path / "source.csv"
    assert run("export", "--format", "csv", "--db", source, "--output", str(path))[0] == 0
    code, out, _ = run("import", str(path), "--db", store)
    assert (code, out) == (
        0,
        "Imported 1 event; "
        "1 application, 1 employer, 1 interview, 1 event already in the store were skipped.\n",
    )
    after = exported(store)
    assert len(after["applications"]) == 2
    assert [(event["application_id"], event["purpose"]) for event in after["events"]] == [
        (2, "thank_you"),
        (2, "check_in"),  # added to the application the store holds
    ]


def test_a_new_event_that_its_stored_application_refuses_writes_nothing(
    new_store: Callable[[], str], tmp_path: Path
) -> None:
    store = demo(new_store())
    path = tmp_path / "search.json"
    assert run("export", "--db", store, "--output", str(path))[0] == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    first = document["interviews"][0]
    document["events"].append(  # a thank-you a day before its interview
        {"id": 99, "application_id": first["application_id"], "kind": "contacted", "channel": "email",
         "purpose": "thank_you", "at": (datetime.fromisoformat(first["at"]) - timedelta(days=1)).isoformat(),
         "recorded_at": NOW.isoformat()}
    )  # fmt: skip
    path.write_text(json.dumps(document), encoding="utf-8")
    before = exported(store)
    code, out, err = run("import", str(path), "--db", store)
    assert code == 2 and out == ""
    assert err.startswith(f"followup: {path}: applications[0] (application 1): ") and err.count("\n") == 1
    assert exported(store) == before


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.csv", ",".join(CSV_COLUMNS) + "\n"),
        ("empty.json", '{"followup_export": 1}'),
        ("lists.json", '{"followup_export": 1, "employers": [], "applications": [], "events": []}'),
    ],
    ids=["a CSV header alone", "an export without lists", "an export of empty lists"],
)
def test_a_file_without_records_is_named_as_having_nothing_to_import(
    demo_store: str, tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = exported(demo_store)
    assert run("import", str(path), "--db", demo_store) == (
        2,
        "",
        f"followup: {path}: nothing to import: the file holds no records\n",
    )
    assert run("import", "-", "--db", demo_store, "--format", path.suffix[1:], given=text) == (
        2,
        "",
        "followup: standard input: nothing to import: the file holds no records\n",
    )
    assert exported(demo_store) == before


def changed(document: dict[str, Any], table: str, field: str, value: Any) -> str:
    """The export as JSON, with one field of the first row of a table changed."""
    rows = [dict(row) for row in document[table]]
    rows[0][field] = value
    return json.dumps({**document, table: rows})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda document: "{" + json.dumps(document)[1:-1], "invalid JSON at line 1, column "),
        (lambda document: json.dumps([document]), "followup_export: missing or not 1: this is not a"),
        (lambda document: changed(document, "employers", "timezone", "Mars/Olympus"),
         'employers[0].timezone: unknown time zone "Mars/Olympus" (expected an IANA name like Europe/Paris)'),
        (lambda document: changed(document, "employers", "phone", "5" * 41),
         "employers[0].phone: too long: 41 characters (at most 40)"),  # the lengths are still checked
        (lambda document: changed(document, "events", "kind", "waved"), "events[0].kind: "),
        (lambda document: changed(document, "events", "id", 2**40),
         "events[0].id: 1099511627776 is out of range (at most 2,147,483,647)"),  # as on PostgreSQL
        (lambda document: changed(document, "events", "note", "a\x00b"), "events[0].note: holds a NUL"),
    ],
    ids=["not JSON", "not an export", "an unknown zone", "a text too long", "an unknown kind",
         "an id out of range", "a NUL character"],
)  # fmt: skip
def test_every_import_error_starts_with_the_name_of_the_file(
    demo_store: str, tmp_path: Path, change: Any, message: str
) -> None:
    text = change(json.loads(run("export", "--db", demo_store)[1]))
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("import", str(path), "--db", target)
    assert (code, out) == (2, "")
    assert err.startswith(f"followup: {path}: {message}") and err.count("\n") == 1, err
    code, _, err = run("import", "-", "--db", target, given=text)
    assert code == 2 and err.startswith(f"followup: standard input: {message}"), err
    assert json.loads(run("export", "--db", target)[1])["applications"] == []


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    code, _, err = run("import", str(path), "--db", f"sqlite:///{tmp_path / 'target.sqlite3'}")
    assert code == 2 and err.startswith(f"followup: {path}: cannot read the file (")


def test_the_longest_note_goes_through_csv_and_back(demo_store: str, tmp_path: Path) -> None:
    """A note at its limit, in an event (of characters JSON escapes: a note holds no control
    character) and in the log of edits, where a value is JSON: of characters that JSON escapes,
    six characters each (\\u0001), it still fits a cell."""
    document = json.loads(run("export", "--db", demo_store)[1])
    note, logged = '"\\' * (LONGEST["note"] // 2), "\x01" * LONGEST["note"]
    event = document["events"][0]
    edit = {"id": 99, "at": event["at"], "subject": "event", "subject_id": event["id"], "field": "note"}
    document["edits"].append({**edit, "old": None, "new": logged})
    path = tmp_path / "long.json"
    path.write_text(changed(document, "events", "note", note), encoding="utf-8")
    store, copy = (f"sqlite:///{tmp_path / name}" for name in ("store.sqlite3", "copy.sqlite3"))
    assert run("import", str(path), "--db", store)[0] == 0
    csv_path = tmp_path / "long.csv"
    assert run("export", "--format", "csv", "--db", store, "--output", str(csv_path))[0] == 0
    code, _, err = run("import", str(csv_path), "--db", copy)
    assert (code, err) == (0, ""), err
    assert exported(copy) == exported(store)
    assert exported(copy)["events"][0]["note"] == note
    assert exported(copy)["edits"][-1]["new"] == logged


def test_one_of_a_kind_is_told_in_the_singular(tmp_path: Path) -> None:
    store, copy = (f"sqlite:///{tmp_path / name}" for name in ("store.sqlite3", "copy.sqlite3"))
    assert run("add", "--employer", "Zeta", "--timezone", "Europe/Paris", "--role", "Buyer",
               "--interview", "2026-06-29T10:00:00+02:00", "--db", store)[0] == 0  # fmt: skip
    assert run("contacted", "1", "--channel", "email", "--purpose", "thank_you", "--db", store)[0] == 0
    backup_path = tmp_path / "backup.sqlite3"
    assert run("backup", str(backup_path), "--db", store)[1] == (
        f"Backed up 1 application and 1 event to {backup_path}.\n"
    )
    path = tmp_path / "one.json"
    assert run("export", "--db", store, "--output", str(path))[0] == 0
    assert (
        run("import", str(path), "--db", copy)[1]
        == "Imported 1 application, 1 employer, 1 interview, 1 event.\n"
    )
    assert run("import", str(path), "--db", copy)[1] == (
        f"Nothing imported: every record of {path} is already in the store "
        "(1 application, 1 employer, 1 interview, 1 event).\n"
    )


ROWS = 10_000


def big_import(path: Path) -> None:
    """A file of 10,000 records: 1,000 applications, each with its employer, interview and
    seven things said and done."""
    employers, applications, interviews, events = [], [], [], []
    for number in range(1, 1001):
        at = datetime(2026, 3, 2, 15, tzinfo=UTC) + timedelta(days=number % 60)
        employers.append({"id": number, "name": f"Employer {number}", "timezone": "America/Chicago",
                          "created_at": at.isoformat()})  # fmt: skip
        applications.append({"id": number, "employer_id": number, "role": "Analyst", "status": "active",
                             "local_to_employer": False, "created_at": at.isoformat()})  # fmt: skip
        interviews.append(
            {"id": number, "application_id": number, "round": 1, "at": at.isoformat(), "minutes": 60}
        )
        for step in range(7):
            events.append({"id": len(events) + 1, "application_id": number, "kind": "contacted",
                           "at": (at + timedelta(hours=2, minutes=step)).isoformat(),
                           "channel": "email", "purpose": "thank_you", "recorded_at": at.isoformat(),
                           "note": "Thanks " * 20})  # fmt: skip
    document = {"followup_export": 1, "employers": employers, "applications": applications,
                "interviews": interviews, "events": events}  # fmt: skip
    assert sum(len(rows) for rows in document.values() if isinstance(rows, list)) == ROWS
    path.write_text(json.dumps(document), encoding="utf-8")


def counts(database: Path) -> tuple[int, ...]:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("employers", "applications", "interviews", "events", "advice")
        )


def test_an_import_killed_halfway_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    big_import(source)
    command = [sys.executable, "-m", "followup", "import", str(source), "--now", NOW.isoformat()]
    environment = {**os.environ, "FOLLOWUP_NOW": NOW.isoformat()}

    whole = tmp_path / "whole.sqlite3"
    started = time.perf_counter()
    subprocess.run([*command, "--db", f"sqlite:///{whole}"], check=True, env=environment, capture_output=True)
    took = time.perf_counter() - started
    assert counts(whole) == (1000, 1000, 1000, 7000, 1000)

    killed_runs = 0
    for fraction in (0.3, 0.5, 0.7, 0.9):
        killed = tmp_path / f"killed{fraction}.sqlite3"
        connect(f"sqlite:///{killed}").dispose()  # the store exists; the import is what is killed
        process = subprocess.Popen([*command, "--db", f"sqlite:///{killed}"], env=environment)
        time.sleep(took * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_runs += process.returncode == -signal.SIGKILL  # else it finished first: fine too
        assert counts(killed) in ((0, 0, 0, 0, 0), (1000, 1000, 1000, 7000, 1000))
    assert killed_runs >= 2, "the imports were killed halfway, not after they ended"


def test_a_backup_is_a_store_with_the_same_data(demo_store: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    code, out, _ = run("backup", str(copy), "--db", demo_store)
    assert code == 0 and "Backed up 6 applications" in out
    assert (
        json.loads(run("export", "--db", f"sqlite:///{copy}")[1])["applications"]
        == json.loads(run("export", "--db", demo_store)[1])["applications"]
    )
    code, _, err = run("backup", str(copy), "--db", demo_store)
    assert code == 2 and "exists" in err


def test_a_backup_taken_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.sqlite3'}"
    engine = connect(url)
    document = {"employer": {"name": "Busy", "timezone": "Europe/London"},
                "interview": {"at": "2026-06-01T10:00:00+01:00"}}  # fmt: skip
    application = add_application(engine, document, now=NOW)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, str(application)])
    try:
        time.sleep(1.0)
        copies = []
        for number in range(3):
            copy = tmp_path / f"copy{number}.sqlite3"
            backup(engine, copy, NOW)
            copies.append(copy)
    finally:
        writer.kill()
        writer.wait()
    for copy in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            events, notes = connection.execute("SELECT count(*), count(note) FROM events").fetchone()
            assert events == notes  # every event whole: written with its note in one transaction


WRITER = """
import sys
from datetime import UTC, datetime
from followup.store import connect
from followup.store.applications import record_event
engine = connect(sys.argv[1])
while True:
    now = datetime.now(UTC)
    item = {"at": now.isoformat(), "kind": "in_running", "note": "still in"}
    record_event(engine, int(sys.argv[2]), item, now=now)
"""


def test_the_module_runs_as_a_command() -> None:
    done = subprocess.run([sys.executable, "-m", "followup", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "followup" in done.stdout
