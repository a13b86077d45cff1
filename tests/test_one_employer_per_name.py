"""A store holds one employer of a name, whatever its case (in any script) and spacing, and the
database itself says so, on SQLite and PostgreSQL alike: writers racing to add the same new
employer make one; a store that holds two already keeps both, the later one renamed."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.exc import IntegrityError

from followup.casefile import CaseError
from followup.store import connect
from followup.store.applications import add_application
from followup.store.database import migrate
from followup.store.records import add_employer, edit
from followup.store.schema import applications, contacts, edits, employers
from followup.store.transfer import export_document, import_tables, read_json
from tests.conftest import case_file
from tests.test_store import PostgresDatabase, count

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WRITERS = 8


def _employer(name: str) -> dict[str, Any]:
    return {"name": name, "timezone": "Europe/Paris", "country": "FR", "subdivision": None}


def _add_in_turn(url: str, start: Any, employer: str, role: str) -> None:
    engine = connect(url)
    start.wait(timeout=60)  # every writer at once
    add_application(engine, case_file(employer=_employer(employer)), now=NOW, role=role)
    engine.dispose()


def test_writers_adding_the_same_new_employer_at_once_make_one(store_url: str) -> None:
    connect(store_url).dispose()  # the schema, before the race
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    names = ["Café Lumière", "CAFÉ LUMIÈRE", " café  lumière ", "ＣＡＦÉ Lumière", "Café\u200b Lumière"] * 2
    writers = [
        context.Process(target=_add_in_turn, args=(store_url, start, names[number], f"Role {number}"))
        for number in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    engine = connect(store_url)
    assert count(engine, employers) == 1
    assert count(engine, applications) == WRITERS  # each writer's application, at the one employer
    engine.dispose()


def _export(employer: str, role: str) -> dict[str, Any]:
    """An export of one application at a new employer, its ids those of a store's first records."""
    stamp = NOW.isoformat()
    return {
        "followup_export": 1,
        "employers": [{"id": 1, **_employer(employer), "created_at": stamp}],
        "applications": [{"id": 1, "employer_id": 1, "role": role, "status": "active", "created_at": stamp}],
        "interviews": [{"id": 1, "application_id": 1, "round": 1, "at": stamp, "minutes": 60}],
        "events": [{"id": 1, "application_id": 1, "at": stamp, "kind": "wait_for_us", "recorded_at": stamp}],
    }


def _import_in_turn(url: str, start: Any, path: str, said: Any) -> None:
    from click.testing import CliRunner

    from followup.cli import cli

    start.wait(timeout=60)  # every import at once
    result = CliRunner().invoke(cli, ["import", path, "--db", url, "--now", NOW.isoformat()])
    said.put((result.exit_code, result.stderr))


def test_imports_adding_the_same_new_employer_at_once_each_succeed(store_url: str, tmp_path: Path) -> None:
    """Each import as if run in turn: not `UniqueViolation ... uq_employers_name_key` (or
    pk_employers, an id taken meanwhile), nor psycopg's `error ignored terminating` warning."""
    connect(store_url).dispose()  # the schema, before the race
    context = multiprocessing.get_context("spawn")
    start, said = context.Barrier(WRITERS), context.Queue()
    paths = []
    for number in range(WRITERS):
        path = tmp_path / f"import-{number}.json"
        name = ["Umbrella Co", "UMBRELLA CO", " umbrella  co "][number % 3]
        path.write_text(json.dumps(_export(name, f"Role {number}")), encoding="utf-8")
        paths.append(str(path))
    writers = [context.Process(target=_import_in_turn, args=(store_url, start, path, said)) for path in paths]
    for writer in writers:
        writer.start()
    results = [said.get(timeout=120) for _ in writers]
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    assert results == [(0, "")] * WRITERS
    engine = connect(store_url)
    assert count(engine, employers) == 1
    assert count(engine, applications) == WRITERS
    engine.dispose()


def test_an_import_that_loses_a_race_for_an_employer_is_done_again() -> None:
    """Another writer adds the import's new employer while the import waits to write it: the
    import is done again, and finds the employer stored."""
    import threading

    with PostgresDatabase() as url:
        engine = connect(url)
        tables = read_json(json.dumps(_export("Umbrella Co", "Buyer")))
        done: list[Any] = []
        with engine.connect() as other, other.begin():
            other.execute(insert(employers).values(**_employer("UMBRELLA CO"), created_at=NOW))
            importing = threading.Thread(target=lambda: done.append(import_tables(engine, tables, NOW)))
            importing.start()
            with engine.connect() as watching:  # until the import waits for the employer's name
                waiting = text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
                for _ in range(6000):
                    if watching.execute(waiting).scalar_one():
                        break
                    watching.rollback()
                    importing.join(timeout=0.01)
        importing.join(timeout=60)
        assert done and done[0].added["applications"] == 1 and done[0].skipped["employers"] == 1
        assert count(engine, employers) == 1
        engine.dispose()


def test_the_database_refuses_a_second_employer_of_a_name(store_url: str) -> None:
    engine = connect(store_url)
    add_employer(engine, _employer("Straße AG"), NOW)
    with pytest.raises(IntegrityError), engine.begin() as connection:  # past every check of ours
        connection.execute(
            insert(employers).values(name="STRASSE ag", timezone="Europe/Berlin", created_at=NOW)
        )
    assert count(engine, employers) == 1
    engine.dispose()


def test_adding_or_renaming_to_a_name_stored_already_is_refused_naming_it(store_url: str) -> None:
    engine = connect(store_url)
    first, _ = add_employer(engine, _employer("Northwind"), NOW)
    second, _ = add_employer(engine, _employer("Contoso"), NOW)
    with pytest.raises(CaseError, match=f"stored already, as employer {first}"):
        add_employer(engine, _employer("  NORTHWIND "), NOW)
    with pytest.raises(CaseError, match=f"stored already, as employer {first}"):
        edit(engine, "employer", second, {"name": "northwind"}, NOW)
    edit(engine, "employer", second, {"name": "Contoso Ltd"}, NOW)
    edit(engine, "employer", first, {"name": "contoso"}, NOW)  # the name the other left
    with engine.connect() as connection:
        names = dict(connection.execute(select(employers.c.id, employers.c.name)).all())
    assert names == {first: "contoso", second: "Contoso Ltd"}
    engine.dispose()


def test_an_import_holding_two_employers_of_one_name_adds_one(store_url: str, tmp_path: Path) -> None:
    engine = connect(store_url)
    add_application(engine, case_file(employer=_employer("Northwind")), now=NOW, role="Buyer")
    rows = export_document(engine, NOW)
    engine.dispose()
    twin = {**rows["employers"][0], "id": 2, "name": "NORTHWIND"}
    rows["employers"].append(twin)
    rows["contacts"].append(
        {"id": 1, "employer_id": 2, "name": "Ada", "role": None, "email": None, "phone": None}
    )
    rows["applications"].append({**rows["applications"][0], "id": 2, "employer_id": 2, "role": "Planner"})
    rows["interviews"].append({**rows["interviews"][0], "id": 2, "application_id": 2})
    fresh = connect(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    imported = import_tables(fresh, read_json(json.dumps(rows)), NOW)
    assert imported.added["employers"] == 1 and imported.skipped["employers"] == 1
    with fresh.connect() as connection:
        assert connection.execute(select(contacts.c.employer_id)).scalars().all() == [1]
        assert sorted(connection.execute(select(applications.c.employer_id)).scalars()) == [1, 1]
    fresh.dispose()


def test_a_store_holding_two_employers_of_one_name_keeps_both_the_later_renamed(store_url: str) -> None:
    old = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    migrate(old, "0006")
    with old.begin() as connection:
        for number, name in enumerate(["Acme", "ACME", " acme ", "Acme (2)", "Zeta"], start=1):
            connection.execute(
                text(
                    "INSERT INTO employers (id, name, timezone, timezone_inferred, allows_visits, created_at)"
                    " VALUES (:id, :name, 'Europe/London', false, false, '2026-03-01 12:00:00')"
                ),
                {"id": number, "name": name},
            )
            connection.execute(
                text("INSERT INTO contacts (employer_id, name) VALUES (:id, 'Someone')"), {"id": number}
            )
    old.dispose()
    engine = connect(store_url)  # migrated to the head
    with engine.connect() as connection:
        names = dict(connection.execute(select(employers.c.id, employers.c.name)).all())
        renamed = connection.execute(select(edits.c.subject_id, edits.c.old, edits.c.new)).all()
    assert names == {1: "Acme", 2: "ACME (2)", 3: "acme (3)", 4: "Acme (2) (2)", 5: "Zeta"}
    assert sorted((row.subject_id, row.old, row.new) for row in renamed) == [
        (2, "ACME", "ACME (2)"),
        (3, " acme ", "acme (3)"),
        (4, "Acme (2)", "Acme (2) (2)"),
    ]
    assert count(engine, contacts) == 5  # nothing of theirs lost
    engine.dispose()
