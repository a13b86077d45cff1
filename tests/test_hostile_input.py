"""Hostile input, whichever way it comes in: a case file, an import (JSON or CSV), the command
line, the JSON API. First each defect once found, then fuzzing: random values of random types in
random places, very long texts, lone surrogates, deep nesting. Whatever comes in: no traceback,
no exit code but 0 or 2 (1 would be a bug), no server error, one line naming what is wrong, and
nothing written by what is refused. Every way in checks with the same checker
(followup.casefile.stored, followup.casefile.limits), so each refuses with the same words."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from hypothesis import currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from followup.calendar.feed import FEED_PATH, new_feed_token
from followup.casefile import CaseError, load_case
from followup.casefile.fields import instant
from followup.casefile.limits import LARGEST_CASE_FILE, LARGEST_IMPORT, LONGEST, LONGEST_CELL, MOST_EVENTS
from followup.cli import cli
from followup.store import connect
from followup.store.transfer import CSV_COLUMNS, export_document
from followup.store.transfer_files import write_csv
from followup.web import bodies as views
from followup.web.app import create_app
from followup.web.dependencies import Clock
from tests.test_web import form_token

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = json.loads((ROOT / "examples" / "northwind.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
MONDAY_EVENING = "2026-03-02T17:00:00-06:00"  # the web app's clock: after a 10:00 interview in Chicago
FUZZ = settings(max_examples=50, deadline=None, derandomize=True)  # the same inputs on every run


def run(*args: str, given: str | bytes | None = None) -> Result:
    """A command at NOW; `given` on standard input."""
    return CliRunner().invoke(cli, [*args, "--now", NOW.isoformat()], input=given)


def told(result: Result) -> None:
    """Done (0), or refused (2) in one line on standard error; never a bug (1, or a traceback)."""
    if currently_in_test_context():  # a fuzzed one: how many were taken is in the statistics
        event(f"exit code {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("followup: ") and result.stderr.count("\n") == 1, result.stderr


def refused(result: Result) -> str:
    """What a refused command said, without `followup: `."""
    told(result)
    assert result.exit_code == 2, result.output
    return result.stderr.removeprefix("followup: ").rstrip("\n")


def snapshot(url: str) -> dict[str, Any]:
    """Every record of the store, as an export holds them."""
    engine = connect(url)
    try:
        document = export_document(engine, NOW)
    finally:
        engine.dispose()
    return {key: value for key, value in document.items() if key != "exported_at"}


class Stores:
    """Fresh SQLite stores in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def new(self) -> str:
        self.count += 1
        return f"sqlite:///{self.folder / f'store-{self.count}.sqlite3'}"


@dataclass
class Demo:
    """A store filled with `followup demo`, its export as JSON and as CSV, and fresh stores."""

    url: str
    document: dict[str, Any]
    csv: str
    stores: Stores


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    assert run("demo", "--db", url).exit_code == 0
    document = json.loads(run("export", "--db", url).stdout)
    exported = run("export", "--format", "csv", "--db", url)
    assert exported.exit_code == 0
    return Demo(url, document, exported.stdout, Stores(folder))


def changed(document: dict[str, Any], table: str, field: str, value: Any) -> dict[str, Any]:
    """The export with one field of the first row of a table changed."""
    copied = copy.deepcopy(document)
    copied[table][0][field] = value
    return copied


def as_csv(document: dict[str, Any]) -> str:
    """An export's records as the CSV export writes them."""
    out = io.StringIO()
    write_csv({name: rows for name, rows in document.items() if isinstance(rows, list)}, out)
    return out.getvalue()


def imported(demo: Demo, text: str, suffix: str) -> tuple[Result, str]:
    """`followup import` of a file holding `text`, into a fresh store; the result, and the store."""
    target = demo.stores.new()
    path = demo.stores.folder / f"import-{demo.stores.count}.{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return run("import", str(path), "--db", target), target


def empty(url: str) -> bool:
    return not any(rows for rows in snapshot(url).values() if isinstance(rows, list))


# `followup import` checks what every other way in checks.

CONTACT = {
    "id": 1,
    "employer_id": 1,
    "name": "Dana Lee",
    "role": None,
    "email": "dana@example.com",
    "phone": None,
}
REFUSED_ON_IMPORT = [  # a table, a field of its first row, a value, and what is said of it
    pytest.param("interviews", "interviewers", 5, "interviewers: expected a list, got 5", id="interviewers"),
    pytest.param("applications", "status", "bogus", 'status: unknown status "bogus"', id="status"),
    pytest.param("employers", "name", "N" * 5000, "name: too long: 5,000 characters (at most 200)",
                 id="a long name"),
    pytest.param("events", "note", "w" * 200_000, "note: too long: 200,000 characters (at most 20,000)",
                 id="a long note"),
    pytest.param("contacts", "email", "not an address", "email: 'not an address' is not an email address",
                 id="an email"),
    pytest.param("applications", "link", "javascript:alert(1)",
                 "link: 'javascript:alert(1)' is not a web address", id="a javascript: link"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "field", "value", "message"), REFUSED_ON_IMPORT)
def test_an_import_is_checked_as_every_way_in_in_json(
    demo: Demo, table: str, field: str, value: Any, message: str
) -> None:
    document = {**demo.document, "contacts": [CONTACT]}
    result, target = imported(demo, json.dumps(changed(document, table, field, value)), "json")
    assert refused(result).split(": ", 1)[1].startswith(f"{table}[0].{message}")
    assert empty(target)


@pytest.mark.parametrize(("table", "field", "value", "message"), REFUSED_ON_IMPORT)
def test_an_import_is_checked_as_every_way_in_in_csv(
    demo: Demo, table: str, field: str, value: Any, message: str
) -> None:
    document = {**demo.document, "contacts": [CONTACT]}
    text = as_csv(changed(document, table, field, value))
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith(f"{table},"))
    result, target = imported(demo, text, "csv")
    said = refused(result).split(": ", 1)[1]
    if len(str(value)) > LONGEST_CELL:  # refused before it is read whole
        assert said == f"line {line}: a cell is longer than {LONGEST_CELL:,} characters (no field is)"
    else:
        assert said.startswith(f"line {line}.{message}")
    assert empty(target)


def test_what_an_import_takes_every_command_and_page_can_show(demo: Demo) -> None:
    """A round's interviewers of 5 were taken, and then `draft`, `calendar`, four pages and the
    calendar feed failed: what is taken now is what they can read."""
    names = ['Ana "Ruiz"', "\u674e\u660e", "O'Brien, Pat"]
    result, target = imported(
        demo, json.dumps(changed(demo.document, "interviews", "interviewers", names)), "json"
    )
    assert result.exit_code == 0, result.output
    for args in (["draft", "1"], ["calendar"], ["show", "1"], ["today"], ["list"]):
        assert run(*args, "--db", target).exit_code == 0, args
    assert refused(run("edit", "interview", "1", "interviewers=5", "--db", target)).startswith(
        "interview.interviewers: expected a list, got 5"
    )
    app = create_app(target, Clock(NOW))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        feed = FEED_PATH.format(token=new_feed_token(app.state.engine))
        pages = ["/", "/applications", "/applications/1", "/applications/1/draft", "/edit/interview/1", feed]
        for page in [*pages, "/api/applications/1", "/api/applications/1/draft", "/calendar.ics"]:
            assert client.get(page).status_code in (200, 409), page


def with_cell(text: str, table: str, column: str, cell: str) -> tuple[str, int]:
    """The CSV with a cell of the first row of a table changed, and the number of its line."""
    lines = text.splitlines()
    number = next(number for number, line in enumerate(lines, 1) if line.startswith(f"{table},"))
    cells = next(csv.reader([lines[number - 1]]))
    cells[CSV_COLUMNS.index(column)] = cell
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[number - 1] = out.getvalue()
    return "\n".join(lines) + "\n", number


def test_a_csv_cell_longer_than_any_field_is_refused_in_one_line(demo: Demo) -> None:
    text, number = with_cell(demo.csv, "events", "note", "w" * (LONGEST_CELL + 1))
    result, target = imported(demo, text, "csv")
    longer = f"line {number}: a cell is longer than {LONGEST_CELL:,} characters (no field is)"
    assert refused(result).endswith(longer)
    assert empty(target)


def test_a_json_export_with_the_longest_note_goes_through_csv_and_back(demo: Demo) -> None:
    note = ("Their words, again and again. " * 1000)[: LONGEST["note"]]
    result, store = imported(demo, json.dumps(changed(demo.document, "events", "note", note)), "json")
    assert result.exit_code == 0, result.output
    exported = run("export", "--format", "csv", "--db", store)
    assert exported.exit_code == 0
    again, copied = imported(demo, exported.stdout, "csv")
    assert again.exit_code == 0, again.output
    assert snapshot(copied) == snapshot(store)
    assert snapshot(copied)["events"][0]["note"] == note


def test_a_name_too_long_is_refused_in_the_same_words_every_way_in(demo: Demo, tmp_path: Path) -> None:
    """One checker: a case file, an import, the API and the command line say the same."""
    name, limit = "N" * 5000, "name: too long: 5,000 characters (at most 200)"
    case = json.dumps({**NORTHWIND, "employer": {**NORTHWIND["employer"], "name": name}})
    with pytest.raises(CaseError, match=re.escape(f"employer.{limit}")):
        load_case(case)
    result, _ = imported(demo, json.dumps(changed(demo.document, "employers", "name", name)), "json")
    assert refused(result).endswith(f"employers[0].{limit}")
    store = demo.stores.new()
    assert refused(run("employer", "add", name, "--timezone", "UTC", "--db", store)) == f"employer.{limit}"
    with web(tmp_path) as client:
        body = {**views.ADD_EXAMPLE, "employer": {**views.ADD_EXAMPLE["employer"], "name": name}}
        answer = client.post("/api/applications", json=body)
        assert answer.status_code == 400
        assert answer.json()["error"] == {"field": "employer.name", "message": limit.removeprefix("name: ")}


# The JSON API: a 400 naming the field, never a 500.


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with web(tmp_path) as client:
        yield client


@contextmanager
def web(folder: Path) -> Iterator[TestClient]:
    """The app on a fresh store, its clock on Monday evening, holding one application."""
    app = create_app(f"sqlite:///{folder / 'web.sqlite3'}", Clock(instant(MONDAY_EVENING, "now")))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        added = client.post("/api/applications", json=NORTHWIND_WEB)
        assert added.status_code == 201, added.text
        yield client


NORTHWIND_WEB = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-02T10:00:00-06:00"},
    "role": "Category buyer",
}


def posted(client: TestClient, path: str, body: Any) -> Any:
    """A JSON body sent as written, lone surrogates as JSON escapes (\\ud800)."""
    return client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})


def stored(client: TestClient) -> dict[str, Any]:
    """Every record of the app's store."""
    document = export_document(client.app.state.engine, NOW)  # type: ignore[attr-defined]
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.mark.parametrize("candidate", ["x", [1], 3])
def test_a_candidate_that_is_not_an_object_is_a_400(client: TestClient, candidate: Any) -> None:
    before = stored(client)
    answer = posted(client, "/api/applications", {**NORTHWIND_WEB, "candidate": candidate})
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "candidate"
    assert stored(client) == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/applications", {**NORTHWIND_WEB, "role": "Buyer \ud800"}, "role"),
        ("/api/applications/1/events", {"kind": "wait_for_us", "note": "\ud800"}, "note"),
        ("/api/settings", {"your_name": "Ada \udce9"}, "your_name"),
        ("/api/read", {"text": "We'll call you \ud800"}, "text"),
        ("/api/applications/1/events", {"kind": "wait_for_us", "\ud800": 1}, "\\ud800"),
    ],
    ids=["an application", "an event", "your settings", "words to read", "a key"],
)
def test_a_lone_surrogate_in_a_json_body_is_a_400_naming_the_field(
    client: TestClient, path: str, body: dict[str, Any], field: str
) -> None:
    before = stored(client)
    answer = posted(client, path, body)
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == field
    assert "is not UTF-8 text" in answer.json()["error"]["message"]
    assert stored(client) == before


# The command line: one line and exit code 2, where an internal error was.


def test_deep_nesting_given_to_import_is_refused_in_one_line(demo: Demo) -> None:
    result, target = imported(demo, "[" * 100_000, "json")
    assert refused(result).endswith("invalid JSON: nested too deeply (at most 20 levels)")
    assert empty(target)
    text, number = with_cell(demo.csv, "interviews", "interviewers", "[" * 100_000)
    result, target = imported(demo, text, "csv")
    assert refused(result).endswith(
        f"line {number}.interviewers: invalid JSON: nested too deeply (at most 20 levels)"
    )
    assert empty(target)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["add", "--employer", "Caf\udce9", "--timezone", "Europe/Paris",
          "--interview", "2026-06-29T10:00:00+02:00"], "--employer"),
        (["said", "1", "wait_for_us", "--note", "Caf\udce9"], "--note"),
        (["edit", "employer", "1", "name=Caf\udce9"], "name"),
        (["contact", "add", "1", "Caf\udce9"], "NAME"),
    ],
    ids=["--employer", "--note", "edit", "an argument"],
)  # fmt: skip
def test_bytes_of_another_encoding_on_the_command_line_are_refused_naming_the_option(
    demo: Demo, args: list[str], named: str
) -> None:
    before = snapshot(demo.url)
    assert refused(run(*args, "--db", demo.url)) == f"{named}: b'Caf\\xe9' is not UTF-8 text"
    assert snapshot(demo.url) == before


def test_latin_1_bytes_given_to_the_real_command_are_refused(demo: Demo) -> None:
    """As a shell passes them: bytes, which Python reads as lone surrogates."""
    command = [sys.executable, "-m", "followup", "said", "1", "wait_for_us", "--note", b"Caf\xe9"]
    done = subprocess.run(
        [*command, "--db", demo.url, "--now", NOW.isoformat()],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == b"followup: --note: b'Caf\\xe9' is not UTF-8 text\n"


def test_a_file_name_may_hold_any_bytes(demo: Demo) -> None:
    path = demo.stores.folder / "caf\udce9.json"  # Caf\xe9.json in Latin-1
    path.write_text(json.dumps(demo.document), encoding="utf-8")
    result = run("import", str(path), "--db", demo.stores.new())
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("given", [" 1", "1 ", "\u0661", "1_0", "+1", "0", "1.0", "99999999999999999999"])
def test_an_id_is_ascii_digits_on_the_command_line(demo: Demo, given: str) -> None:
    assert f"{given!r} is not an id" in refused(run("show", given, "--db", demo.url))
    assert f"{given!r} is not an id" in refused(run("edit", "employer", given, "name=X", "--db", demo.url))


def test_an_id_as_the_timeline_shows_it_is_an_id(demo: Demo) -> None:
    assert run("show", "#1", "--db", demo.url).exit_code == 0
    assert run("show", "01", "--db", demo.url).exit_code == 0


@pytest.mark.parametrize("given", [" 1", "\u0661", "1_0", "+1"])
def test_an_id_is_ascii_digits_in_the_web_apps_addresses(client: TestClient, given: str) -> None:
    answer = client.get(f"/api/applications/{quote(given)}")
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "application_id"
    assert "is not an id" in answer.json()["error"]["message"]
    assert client.get(f"/applications/{quote(given)}").status_code == 404
    assert client.get(f"/edit/interview/{quote(given)}").status_code == 404
    assert client.get("/api/applications/1").status_code == 200


def test_a_number_in_a_form_is_ascii_digits_and_a_nul_is_refused(client: TestClient) -> None:
    before = stored(client)
    token = form_token(client, "/applications/1")
    round_ = {"csrf": token, "at": "2026-03-09T14:00", "minutes": "\u0669\u0660"}
    assert client.post("/applications/1/interviews", data=round_).status_code == 400
    token = form_token(client, "/settings")
    assert client.post("/settings", data={"csrf": token, "max_check_ins": "\u0661"}).status_code == 400
    token = form_token(client, "/edit/application/1")
    role = {"csrf": token, "role": "Buyer\x00", "status": "active"}
    assert client.post("/edit/application/1", data=role).status_code == 400
    assert stored(client) == before
    round_["minutes"] = "90"
    assert client.post("/applications/1/interviews", data=round_, follow_redirects=False).status_code == 303


def test_a_whole_number_given_as_text_is_ascii_digits(demo: Demo) -> None:
    said = refused(run("edit", "interview", "1", "minutes=\u0661\u0662\u0660", "--db", demo.url))
    assert said.startswith("minutes: expected a whole number")


# A correction names an event of its own application, and comes after it.


def same_application_events(document: dict[str, Any]) -> tuple[int, int]:
    """The indexes of the first two events of one application in an export."""
    seen: dict[int, int] = {}
    for index, row in enumerate(document["events"]):
        if row["application_id"] in seen:
            return seen[row["application_id"]], index
        seen[row["application_id"]] = index
    raise AssertionError("no application with two events")


@pytest.mark.parametrize("corrects", [999, "OTHER", "1", 0, -1, True, 1.0])
def test_a_correction_through_the_api_names_an_event_of_its_application(
    client: TestClient, corrects: Any
) -> None:
    """Not a 500 (a foreign key the store refused), nor a link across applications, nor a
    value quietly converted ("7" taken as 7) or dropped (0 taken as none)."""
    other = posted(client, "/api/applications", {**NORTHWIND_WEB, "role": "Planner"})
    assert other.status_code == 201, other.text
    said = posted(client, f"/api/applications/{other.json()['id']}/events", {"kind": "wait_for_us"})
    assert said.status_code == 200, said.text
    their_event = said.json()["timeline"][-1]["id"]
    before = stored(client)
    given = their_event if corrects == "OTHER" else corrects
    answer = posted(client, "/api/applications/1/events", {"kind": "wait_for_us", "corrects": given})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["field"] == "event.corrects"
    assert stored(client) == before


def test_a_correction_through_the_api_of_an_event_of_its_application_is_taken(client: TestClient) -> None:
    first = posted(client, "/api/applications/1/events", {"kind": "wait_for_us"})
    event = first.json()["timeline"][-1]["id"]
    answer = posted(client, "/api/applications/1/events", {"kind": "in_running", "corrects": event})
    assert answer.status_code == 200, answer.text
    timeline = {item.get("id"): item for item in answer.json()["timeline"] if item["kind"] != "interview"}
    assert timeline[event].get("corrected") and timeline[event + 1]["corrects"] == event


def test_a_correction_in_a_case_file_names_no_stored_event(demo: Demo, tmp_path: Path) -> None:
    """`followup add --from` stored a case file's `corrects` as it was: a foreign key error."""
    case = copy.deepcopy(NORTHWIND)
    case["events"][0]["corrects"] = 999
    path = tmp_path / "corrects.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    store = demo.stores.new()
    said = refused(run("add", "--from", str(path), "--db", store))
    assert said == f"{path}: events[0].corrects: no event 999 of application 1 to correct"
    assert empty(store)


def corrections(document: dict[str, Any], first: int, second: int) -> dict[str, Any]:
    """The export with the first event correcting the second, and the second the first."""
    copied = copy.deepcopy(document)
    one, two = copied["events"][first], copied["events"][second]
    one["corrects"], two["corrects"] = two["id"], one["id"]
    return copied


def test_corrections_in_a_loop_are_refused_on_import_naming_the_row(demo: Demo) -> None:
    """Refused naming the row, where the store said `FOREIGN KEY constraint failed`."""
    first, second = same_application_events(demo.document)
    looped = corrections(demo.document, first, second)
    one, two = looped["events"][first]["id"], looped["events"][second]["id"]
    result, target = imported(demo, json.dumps(looped), "json")
    assert refused(result).endswith(
        f"events[{first}].corrects: event {two} is not before this one (event {one}): "
        "a correction names an earlier event"
    )
    assert empty(target)
    text = as_csv(looped)
    line = [number for number, row in enumerate(text.splitlines(), 1) if row.startswith("events,")][first]
    result, target = imported(demo, text, "csv")
    assert f": line {line}.corrects: event {two} is not before this one" in refused(result)
    assert empty(target)


def test_a_correction_of_another_applications_event_is_refused_on_import(demo: Demo) -> None:
    document = copy.deepcopy(demo.document)
    events = document["events"]
    other = next(row for row in events if row["application_id"] != events[-1]["application_id"])
    events[-1]["corrects"] = other["id"]
    result, target = imported(demo, json.dumps(document), "json")
    assert f"events[{len(events) - 1}].corrects: event {other['id']} is of application" in refused(result)
    assert empty(target)


@pytest.mark.parametrize("table", ["employers", "contacts", "applications", "interviews", "events", "edits"])
@pytest.mark.parametrize("given", [0, -1])
def test_an_id_below_1_is_refused_on_import(demo: Demo, table: str, given: int) -> None:
    """Taken, it could never be named again: `followup delete --contact 0` is no id."""
    document = {**demo.document, "contacts": [CONTACT]}
    result, target = imported(demo, json.dumps(changed(document, table, "id", given)), "json")
    assert refused(result).endswith(f"{table}[0].id: {given} is not an id (a whole number from 1)")
    assert empty(target)


def test_an_id_past_what_the_store_keeps_once_renumbered_is_refused(demo: Demo) -> None:
    """Numbered after the store's own, an id near 2,147,483,647 would pass PostgreSQL's integer."""
    store = demo.stores.new()
    path = demo.stores.folder / "ids.json"
    path.write_text(json.dumps(demo.document), encoding="utf-8")
    assert run("import", str(path), "--db", store).exit_code == 0
    before = snapshot(store)
    document = copy.deepcopy(demo.document)
    first, second = document["employers"][:2]
    first["name"], second["name"] = "A new employer", "Another new employer"  # employer 1 is taken
    for row in document["contacts"] + document["applications"]:
        row["employer_id"] = 2_147_483_645 if row["employer_id"] == second["id"] else row["employer_id"]
    second["id"] = 2_147_483_645
    path.write_text(json.dumps(document), encoding="utf-8")
    said = refused(run("import", str(path), "--db", store))
    after = 2_147_483_645 + len(demo.document["employers"])
    assert said.endswith(f"employers[1].id: 2147483645 would be {after:,} after the store's own employers "
                         "(ids go up to 2,147,483,647): give smaller ids")  # fmt: skip
    assert snapshot(store) == before


def test_an_unknown_field_of_an_export_is_refused(demo: Demo) -> None:
    result, target = imported(demo, json.dumps({**demo.document, "aplications": []}), "json")
    assert refused(result).endswith(": aplications: unknown field; did you mean applications?")
    assert empty(target)


# Files are measured before they are read whole.


def test_a_case_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as written:
        written.truncate(LARGEST_CASE_FILE + 1)  # a file of that size, held as a hole
    for path, stdin in ((str(huge), None), ("-", b" " * (LARGEST_CASE_FILE + 1))):
        result = CliRunner().invoke(cli, ["advise", path], input=stdin)
        name = "standard input" if stdin else str(huge)
        assert refused(result) == f"{name}: too large: a case file holds at most 1,000,000 bytes (1 MB)"
    result = CliRunner().invoke(cli, ["add", "--from", str(huge), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert refused(result).endswith("too large: a case file holds at most 1,000,000 bytes (1 MB)")


def test_a_case_of_more_than_a_thousand_events_is_refused() -> None:
    case = copy.deepcopy(NORTHWIND)
    case["events"] = [case["events"][0]] * (MOST_EVENTS + 1)
    result = CliRunner().invoke(cli, ["advise", "-"], input=json.dumps(case))
    assert refused(result) == "-: events: 1,001 events (at most 1,000 in one case)"


def test_a_file_to_import_too_large_is_refused_before_it_is_read(demo: Demo) -> None:
    huge = demo.stores.folder / "huge-export.json"
    with huge.open("wb") as written:
        written.truncate(LARGEST_IMPORT + 1)
    store = demo.stores.new()
    said = refused(run("import", str(huge), "--db", store))
    assert said == f"{huge}: too large: a file to import holds at most 50,000,000 bytes (50 MB)"


# The command line takes whole numbers in ASCII digits, as it takes ids.


@pytest.mark.parametrize("given", ["\u0661\u0662", "\uff14\uff15", " 45", "45 ", "4_5", "+45", "-45", "0x2d"])
def test_minutes_on_the_command_line_are_ascii_digits(demo: Demo, given: str) -> None:
    before = snapshot(demo.url)
    args = ["interview", "add", "1", "--at", "2027-01-04T10:00:00+00:00", "--minutes", given]
    said = refused(run(*args, "--db", demo.url))
    assert "interview add: Invalid value for '--minutes': expected a whole number" in said
    assert snapshot(demo.url) == before


@pytest.mark.parametrize("command", ["serve", "feed"])
def test_a_port_is_ascii_digits(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--port", " 8765"])
    assert refused(result).endswith(
        f"{command}: Invalid value for '--port': expected a whole number, got \" 8765\""
    )


# One line where one line is meant: no line break in a name or a role.

ROLE = "Buyer\r\nBcc: x@example.com"


def test_a_line_break_in_a_role_is_refused_every_way_in(demo: Demo, tmp_path: Path) -> None:
    """A role holding CR LF was taken, and `followup send` cut the Subject at it."""
    said = "holds a line break (\\r): it is one line of text"
    store = demo.stores.new()
    args = [
        "add",
        "--employer",
        "Zeta",
        "--timezone",
        "Europe/Paris",
        "--interview",
        "2026-06-29T10:00:00+02:00",
    ]
    assert refused(run(*args, "--role", ROLE, "--db", store)) == f"add: role: {said}"
    assert empty(store)
    result, target = imported(demo, json.dumps(changed(demo.document, "applications", "role", ROLE)), "json")
    assert refused(result).endswith(f"applications[0].role: {said}")
    assert empty(target)
    with web(tmp_path) as client:
        before = stored(client)
        answer = posted(client, "/api/applications", {**NORTHWIND_WEB, "role": ROLE})
        assert (answer.status_code, answer.json()["error"]) == (400, {"field": "role", "message": said})
        assert stored(client) == before


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("name", "Dana\tLee", "holds a tab (\\t): it is one line of text"),
        ("name", "Dana\u2028Lee", "holds a line break (\\u2028): it is one line of text"),
        ("email", "dana@example.com\n", "holds a line break (\\n): it is one line of text"),
        ("role", "Buyer\x1b[31m", "holds a control character (\\x1b)"),
    ],
)
def test_a_single_line_field_holds_no_control_character(
    demo: Demo, field: str, value: str, said: str
) -> None:
    result, target = imported(
        demo, json.dumps({**demo.document, "contacts": [{**CONTACT, field: value}]}), "json"
    )
    assert refused(result).endswith(f"contacts[0].{field}: {said}")
    assert empty(target)


def test_a_note_holds_line_breaks_and_tabs_but_no_other_control_character(demo: Demo) -> None:
    note = "We'll call you.\r\n\tDana"
    result, target = imported(demo, json.dumps(changed(demo.document, "events", "note", note)), "json")
    assert result.exit_code == 0, result.output
    assert snapshot(target)["events"][0]["note"] == note
    result, target = imported(demo, json.dumps(changed(demo.document, "events", "note", "ring\x07")), "json")
    assert refused(result).endswith("events[0].note: holds a control character (\\x07)")
    assert empty(target)
    case = {**NORTHWIND, "events": [{**NORTHWIND["events"][0], "note": "Thanks!\n\nDana"}]}
    load_case(json.dumps(case))
    case["employer"] = {**NORTHWIND["employer"], "name": "Northwind\nTraders"}
    with pytest.raises(CaseError, match=re.escape("employer.name: holds a line break (\\n)")):
        load_case(json.dumps(case))


# Time zones are names of the IANA list: never a path, nor a name too long for a file.


@pytest.mark.parametrize(
    "zone", ["/usr/share/zoneinfo/Europe/Berlin", "../../zoneinfo/UTC", "A" * 300, "Europe/"]
)
def test_a_time_zone_is_an_iana_name(zone: str) -> None:
    case = {**NORTHWIND, "employer": {**NORTHWIND["employer"], "timezone": zone}}
    with pytest.raises(CaseError) as raised:
        load_case(json.dumps(case))
    assert str(raised.value).startswith("employer.timezone: unknown time zone")
    assert "Errno" not in str(raised.value) and ".venv" not in str(raised.value)


INVITATION = ROOT / "tests" / "data" / "invitations" / "google_request.ics"


@pytest.mark.parametrize("zone", ["A" * 300, "../../../../etc/passwd", "/etc/localtime"])
def test_an_invitations_time_zone_is_read_by_name_only(demo: Demo, zone: str) -> None:
    """A TZID of 300 letters gave `[Errno 36] File name too long: '/.../site-packages/...'`."""
    text = INVITATION.read_text(encoding="utf-8").replace(
        "DTSTART:20260310T150000Z", f"DTSTART;TZID={zone}:20260310T150000"
    )
    path = demo.stores.folder / "zone.ics"
    path.write_text(text, encoding="utf-8")
    store = demo.stores.new()
    said = refused(run("import-ics", str(path), "--db", store))
    assert "DTSTART: unknown time zone" in said and "Errno" not in said and "site-packages" not in said
    assert empty(store)


# The web app's forms read UTF-8, and numbers in ASCII digits, as the command line does.


def raw_form(client: TestClient, path: str, body: str) -> Any:
    """A form posted as its bytes are written (%E9 is the byte E9)."""
    token = form_token(client, "/applications/1")
    return client.post(
        path,
        content=f"csrf={token}&{body}".encode("ascii"),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


@pytest.mark.parametrize("name", ["Caf%ED%A0%80", "Caf%E9", "%FF"])
def test_a_form_field_that_is_not_utf_8_is_refused_naming_it(client: TestClient, name: str) -> None:
    """Taken with U+FFFD in place of each byte, where the command line refuses them."""
    added = raw_form(client, "/employers/1/contacts", "person_name=Dana+Lee&email=dana%40example.com")
    assert added.status_code == 303, added.text
    before = stored(client)
    answer = raw_form(client, "/edit/contact/1", f"name={name}&email=dana%40example.com")
    assert answer.status_code == 400
    assert ">Name: b&#39;" in answer.text and "is not UTF-8 text" in answer.text
    assert stored(client) == before
    assert raw_form(client, "/edit/contact/1", "name=Caf%C3%A9&email=dana%40example.com").status_code == 303
    assert stored(client)["contacts"][0]["name"] == "Café"


def test_a_multipart_form_field_that_is_not_utf_8_is_refused_naming_it(client: TestClient) -> None:
    """The invitation's form: the framework read a field that is not UTF-8 as Latin-1."""
    before = stored(client)
    token = form_token(client, "/applications/new")
    upload = {"invitation": ("invite.ics", INVITATION.read_bytes(), "text/calendar")}
    for role, code in ((b"Caf\xe9", 400), ("Café".encode(), 303)):
        form = {"csrf": token.encode(), "role": role, "timezone": b""}
        answer = client.post("/applications/import", data=form, files=upload, follow_redirects=False)
        assert answer.status_code == code, answer.text
        if code == 400:
            assert ">Role: is not UTF-8 text" in answer.text
            assert stored(client) == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/edit/interview/1", "minutes=%2045%20&at=2026-03-02T10%3A00"),
        ("/applications/1/interviews", "minutes=%2045%20&at=2026-03-09T14%3A00"),
        ("/settings", "max_check_ins=%203"),
    ],
)
def test_a_padded_number_in_a_form_is_refused(client: TestClient, path: str, body: str) -> None:
    before = stored(client)
    assert raw_form(client, path, body).status_code == 400
    assert stored(client) == before
    assert raw_form(client, path, body.replace("%20", "")).status_code == 303


@pytest.mark.parametrize(
    "query", ["/api/applications?page=%201", "/api/today?days=1_0", "/api/today?days=%D9%A1"]
)
def test_a_number_in_a_query_is_ascii_digits(client: TestClient, query: str) -> None:
    answer = client.get(query)
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith("expected a whole number")


# An API body holds the fields its operation takes, each of its type.

INTERVIEW = NORTHWIND_WEB["interview"]


@pytest.mark.parametrize(
    ("path", "body", "field", "message"),
    [
        ("/api/applications", {**NORTHWIND_WEB, "interview": {**INTERVIEW, "interviewers": 5}},
         "interview.interviewers", "unknown field (expected one of: at, round, format, minutes)"),
        ("/api/applications", {**NORTHWIND_WEB, "rol": "Buyer"}, "rol", "unknown field; did you mean role?"),
        ("/api/applications", {**NORTHWIND_WEB, "role": 0}, "role", "expected text, got 0"),
        ("/api/applications", {**NORTHWIND_WEB, "events": [{"kind": "wait_for_us", "corrects": 1}]},
         "events[0].corrects", "unknown field"),
        ("/api/applications/1/events", {"kind": "wait_for_us", "chanels": ["email"]}, "event.chanels",
         "unknown field; did you mean channels?"),
        ("/api/applications/1/events", {"kind": "contacted", "channel": 0, "purpose": "check_in"},
         "event.channel", "expected text, got 0"),
        ("/api/settings", {"timezone": "Europe/Berlin", "theme": "dark"}, "theme", "unknown field"),
        ("/api/settings", {"timezone": 0}, "timezone", "expected text, got 0"),
        ("/api/read", {"text": "Call me on 3/4.", "date_order": "ymd"}, "date_order",
         "'ymd' is not one of: mdy, dmy"),
        ("/api/read", {"text": "Call me on 3/4.", "dateorder": "dmy"}, "dateorder",
         "unknown field; did you mean date_order?"),
        ("/api/read", {"text": "Call me on 3/4.", "said_at": 0}, "said_at", "expected text, got 0"),
    ],
)  # fmt: skip
def test_an_api_body_holds_its_fields_each_of_its_type(
    client: TestClient, path: str, body: dict[str, Any], field: str, message: str
) -> None:
    before = stored(client)
    answer = posted(client, path, body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["field"] == field
    assert answer.json()["error"]["message"].startswith(message)
    assert stored(client) == before


def test_the_date_order_of_words_to_read_is_taken(client: TestClient) -> None:
    dates = {
        order: [
            signal.get("date")
            for signal in posted(
                client, "/api/read", {"text": "Please call me back on 3/4.", "date_order": order}
            ).json()["signals"]
        ]
        for order in ("mdy", "dmy")
    }
    assert dates["mdy"] != dates["dmy"]


# Fuzzing. Values of every type and of the kinds the fields take, some of them just wrong.

PLAUSIBLE = st.sampled_from([
    "2026-03-06", "2026-13-01", "2026-03-04T09:00:00-05:00", "2026-03-04T09:00:00", "2999-01-01T00:00:00Z",
    "Europe/Paris", "Mars/Base", "email", "phone", "visit", "thank_you", "decision_by", "active", "closed",
    "bogus", "https://northwind.example", "javascript:alert(1)", "dana@example.com", "not an address",
    "+1 312 555 0100", "mon", "09:00", "24:00", "12-24", "1", " 1", "\u0661", "1_0", "", " ", "employer",
])  # fmt: skip
PLAIN = st.text(st.characters(), max_size=12)  # any character but a lone surrogate
ODD = st.builds(  # with a NUL, a lone surrogate, a line break, a quote or a digit int() takes
    lambda text, odd: text + odd, PLAIN, st.sampled_from(["\x00", "\ud800", "\udce9", "\n", '"', "\u0661"])
)
TEXT = st.one_of(PLAIN, PLAIN, PLAIN, ODD)
LONG = st.builds(
    lambda char, size: char * size,
    st.sampled_from(["x", "\x01", '"', "\u00e9"]),
    st.sampled_from([201, 2_001, 20_001, 140_000]),
)
NUMBERS = (
    st.integers(-(2**70), 2**70)
    | st.sampled_from([0, -1, 2**31, 2**62, 10**30])
    | st.floats(allow_nan=True, allow_infinity=True)
)
DEEP = st.integers(15, 60).map(lambda depth: json.loads("[" * depth + "]" * depth))
SCALARS = st.none() | st.booleans() | NUMBERS | TEXT | PLAUSIBLE | LONG | DEEP
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=5,
)


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document: the document itself, then each key and index, deeply."""
    found = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found += places(inner, (*path, key))
    return found


def put(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    *above, last = path
    holder = document
    for key in above:
        holder = holder[key]
    holder[last] = value
    return document


def like(value: Any) -> st.SearchStrategy[Any]:
    """Values of the kind already there: most pass the column's type, to reach the checks behind it."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-3, 3) | NUMBERS
    if isinstance(value, str):
        return st.one_of(TEXT, TEXT, PLAUSIBLE, LONG)
    return VALUES


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """The document with one to three places changed: a value replaced (mostly by one of its
    kind), a key dropped, a key added."""
    document = copy.deepcopy(document)
    choice = draw(st.randoms(use_true_random=False)).choice  # each place as likely as any other
    for _ in range(draw(st.integers(1, 3))):
        inside = places(document)[1:]  # the document whole is drawn from VALUES elsewhere
        if not inside:
            break
        path = choice(inside)
        how = draw(st.sampled_from(["like", "like", "like", "replace", "replace", "drop", "add"]))
        holder = document
        for key in path[:-1]:
            holder = holder[key]
        if how == "drop" and path and isinstance(holder, dict):
            del holder[path[-1]]
        elif how == "add" and isinstance(holder, dict):
            key = draw(TEXT | st.sampled_from(["note", "interviewers", "status", "email", "link", "chanels"]))
            holder[key] = draw(VALUES)
        elif how == "like" and path:
            holder[path[-1]] = draw(like(holder[path[-1]]))
        else:
            document = put(document, path, draw(VALUES))
    return document


def written(document: Any, draw_cut: int | None) -> str:
    """JSON as a file holds it (lone surrogates as escapes), or cut short."""
    text = json.dumps(document)
    return text if draw_cut is None else text[: draw_cut % (len(text) + 1)]


CUT = st.integers(0, 9).flatmap(lambda one: st.integers(0, 10**6) if one == 0 else st.none())  # one in ten


@FUZZ
@given(document=mutated(NORTHWIND), cut=CUT)
def test_any_case_file_is_advised_or_refused_in_one_line(document: Any, cut: int | None) -> None:
    text = written(document, cut)
    said = ""
    try:
        load_case(text)
    except CaseError as error:
        said = str(error)
    assert said.encode("utf-8").decode("utf-8") == said  # UTF-8, whatever it quotes
    told(CliRunner().invoke(cli, ["advise", "-", "--json"], input=text.encode("utf-8")))


@FUZZ
@given(data=st.data(), cut=CUT)
def test_any_json_import_is_taken_whole_or_refused_writing_nothing(
    demo: Demo, data: Any, cut: int | None
) -> None:
    document = data.draw(mutated(demo.document))
    result, target = imported(demo, written(document, cut), "json")
    told(result)
    after_import(result, target)


def after_import(result: Result, target: str) -> None:
    """Refused: nothing written. Taken: every command that reads it works."""
    if result.exit_code == 2:
        assert empty(target)
        return
    applications = [row["id"] for row in snapshot(target)["applications"]]
    for args in (["calendar"], ["today"], ["list"], *(["draft", str(found)] for found in applications[:2])):
        result = run(*args, "--db", target)
        if args[0] == "draft" and result.exit_code == 1 and "nothing to draft" in result.output:
            assert result.output.count("\n") == 1  # the advice is to wait or move on: exit 1, as documented
            continue
        told(result)


CELLS = (
    TEXT.map(lambda text: text.replace("\x00", "").encode("utf-8", "replace").decode())
    | PLAUSIBLE
    | LONG
    | st.sampled_from(["true", "false", "maybe", "\u0661\u0662", " 3", "3_0", "-0", "1e3"])
    | VALUES.map(json.dumps)
)


@st.composite
def mutated_csv(draw: st.DrawFn, text: str) -> str:
    """The CSV with one to three cells changed (mostly one its record uses), or a line cut or
    doubled."""
    rows = list(csv.reader(io.StringIO(text)))
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        how = draw(
            st.sampled_from(["cell", "cell", "cell", "own cell", "own cell", "own cell", "cut", "double"])
        )
        own = [index for index, cell in enumerate(rows[row]) if cell and index > 1]  # its table's own
        if how == "own cell" and own:
            rows[row][draw(st.sampled_from(own))] = draw(CELLS)
        elif how in ("cell", "own cell"):
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(CELLS)
        elif how == "cut":
            rows[row] = rows[row][: draw(st.integers(0, len(rows[row])))]
        else:
            rows.insert(row, list(rows[row]))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@FUZZ
@given(data=st.data())
def test_any_csv_import_is_taken_whole_or_refused_writing_nothing(demo: Demo, data: Any) -> None:
    result, target = imported(demo, data.draw(mutated_csv(demo.csv)), "csv")
    told(result)
    after_import(result, target)


IDS = st.one_of(
    st.sampled_from(["1", "2", "3", "#2"]),
    st.sampled_from([" 1", "\u0661", "1_0", "+1", "0", "-1", "99999999999999999999"]),
    TEXT,
)
ON_TIME = st.sampled_from(["2026-07-10", "2026-07-06T10:00:00+00:00", "2026-06-29T10:00:00+00:00"])
DATES = st.one_of(
    ON_TIME,
    ON_TIME,
    PLAUSIBLE,
    TEXT,
    st.dates().map(str),
    st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat),
)
WORDS = st.one_of(PLAIN, PLAIN, TEXT, LONG, PLAUSIBLE)


def command(*parts: str | st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, ...]]:
    """A command line: words as given, values drawn."""
    return st.tuples(*(st.just(part) if isinstance(part, str) else part for part in parts))


EDITED = st.sampled_from(["name", "website", "role", "link", "status", "email", "minutes", "interviewers",
                          "notes", "place", "note", "date", "hours", "policy"])  # fmt: skip
COMMANDS = st.one_of(
    command("show", IDS),
    command("said", IDS, "decision_by", "--date", DATES, "--note", WORDS),
    command("said", IDS, "wait_for_us", "--by", WORDS, "--at", DATES),
    command("contacted", IDS, "--channel", "email", "--purpose", "check_in", "--note", WORDS),
    command("outcome", IDS, "on_hold", "--note", WORDS),
    command("employer", "add", WORDS, "--timezone", DATES, "--website", WORDS),
    command("contact", "add", IDS, WORDS, "--email", WORDS, "--phone", WORDS),
    command("interview", "add", IDS, "--at", DATES, "--with", WORDS, "--notes", WORDS),
    command("edit", st.sampled_from(["employer", "contact", "application", "interview", "event"]), IDS,
            st.tuples(EDITED, WORDS | VALUES.map(json.dumps)).map("=".join)),
    command("add", "--employer", WORDS, "--timezone", "Europe/Paris", "--interview", DATES, "--role", WORDS,
            "--link", WORDS),
    command("me", "--name", WORDS, "--hours", WORDS),
)  # fmt: skip


@FUZZ
@given(args=COMMANDS)
def test_any_command_line_value_is_taken_or_refused_writing_nothing(
    demo: Demo, args: tuple[str, ...]
) -> None:
    before = snapshot(demo.url)
    result = run(*args, "--db", demo.url)
    told(result)
    if result.exit_code == 2:
        assert snapshot(demo.url) == before, args
    else:
        told(run("calendar", "--db", demo.url))


BODIES = {
    "/api/applications": views.ADD_EXAMPLE | {"interview": {"at": "2026-03-02T09:00:00-06:00"}},
    "/api/applications/1/events": views.EVENT_EXAMPLE
    | {"date": "2026-03-06", "at": "2026-03-02T12:00:00-06:00"},
    "/api/settings": {"timezone": "Europe/Berlin", "your_name": "Ada", "policy": {"max_check_ins": 1}},
    "/api/read": views.READ_EXAMPLE,
}


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, Any]:
    """A path of the API that takes a body, and a body: one of its examples changed, or anything."""
    path = draw(st.sampled_from(sorted(BODIES)))
    if path.endswith("/events") and draw(st.booleans()):
        path = f"/api/applications/{quote(draw(IDS), safe='', errors='replace')}/events"
    base = BODIES.get(path, BODIES["/api/applications/1/events"])
    body = draw(st.one_of(mutated(base), mutated(base), VALUES))
    return path, body


@pytest.fixture(scope="module")
def fuzzed_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with web(tmp_path_factory.mktemp("api")) as client:
        yield client


@FUZZ
@given(request=requests())
def test_any_api_body_is_taken_or_a_4xx_writing_nothing(
    fuzzed_client: TestClient, request: tuple[str, Any]
) -> None:
    path, body = request
    before = stored(fuzzed_client)
    answer = posted(fuzzed_client, path, body)
    event(f"{path.split('/')[-1]}: {answer.status_code}")
    assert answer.status_code < 500, answer.text
    if answer.status_code >= 400:
        assert set(answer.json()["error"]) == {"field", "message"}
        assert stored(fuzzed_client) == before
        return
    for page in ("/api/today", "/api/applications", "/api/applications/1", "/api/applications/1/draft", "/"):
        assert fuzzed_client.get(page).status_code < 500, page
