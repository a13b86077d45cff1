"""The store, against a real SQLite file and a real PostgreSQL server: the same tests for both.

Without a PostgreSQL server at FOLLOWUP_TEST_POSTGRES (default: 127.0.0.1:5432, database test)
the PostgreSQL cases are skipped with the reason; with CI=true a missing server fails them."""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, inspect, select, text

from followup.casefile import CaseError, read_case
from followup.core import Action, Purpose, advise
from followup.store import connect, head_revision, revision_of
from followup.store.agenda import agenda, refresh_due
from followup.store.applications import (
    UnknownApplication,
    add_application,
    load_case,
    record_event,
    refresh_advice,
)
from followup.store.schema import advice, applications, employers, events
from tests.conftest import case_file

POSTGRES = os.environ.get("FOLLOWUP_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)

DOCUMENT = case_file(
    events=[
        {
            "at": "2026-03-03T11:00:00-06:00",
            "kind": "decision_by",
            "date": "2026-03-06",
            "note": "By Friday.",
        },
        {"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"},
        {"at": "2026-03-03T11:00:00-06:00", "kind": "no_contact", "channels": ["phone"]},
    ],
    policy={"max_check_ins": 1},
)


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    engine = connect(store_url)
    yield engine
    engine.dispose()


class PostgresDatabase:
    """A database of its own on the server, dropped afterwards."""

    def __enter__(self) -> str:
        self.name = f"followup_test_{uuid.uuid4().hex[:12]}"
        try:
            self.admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
            with self.admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        except Exception as error:  # no server: a visible skip, or a failure under CI
            if os.environ.get("CI") == "true":
                pytest.fail(f"PostgreSQL is needed under CI and is not reachable at {POSTGRES}: {error}")
            pytest.skip(f"no PostgreSQL server at {POSTGRES}: {type(error).__name__}")
        return str(self.admin.url.set(database=self.name).render_as_string(hide_password=False))

    def __exit__(self, *_: Any) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_new_store_is_migrated_to_the_latest_revision(store: Engine) -> None:
    assert revision_of(store) == head_revision()
    tables = set(inspect(store).get_table_names())
    assert {"employers", "contacts", "applications", "interviews", "events", "advice"} <= tables


def test_opening_a_store_again_changes_nothing(store: Engine) -> None:
    add_application(store, DOCUMENT, now=NOW, role="Buyer")
    again = connect(store.url.render_as_string(hide_password=False))
    assert revision_of(again) == head_revision()
    assert count(again, applications) == 1
    again.dispose()


def test_a_stored_case_gives_the_same_advice_as_its_file(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW, role="Buyer")
    stored = load_case(store, application, now=NOW)
    direct = read_case(DOCUMENT, now=NOW)
    assert stored.case.events == direct.case.events
    assert stored.case.interview == direct.case.interview
    assert advise(stored.case, NOW, stored.policy) == advise(direct.case, NOW, direct.policy)
    assert stored.policy.max_check_ins == 1


def test_instants_come_back_in_utc_and_equal(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW)
    stored = load_case(store, application, now=NOW)
    said = stored.case.events[0]
    assert said.at == datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    assert said.at.utcoffset() is not None
    assert said.note == "By Friday."


def test_the_advice_is_kept_current_with_when_the_clock_changes_it(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW)
    with store.connect() as connection:
        kept = connection.execute(select(advice).where(advice.c.application_id == application)).one()
    assert kept.action == "wait"
    assert kept.purpose == "check_in"
    # Friday 6 March + 2 business days = Tuesday 10 March, 09:00 in Chicago (CDT).
    assert kept.not_before == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert kept.changes_at == kept.not_before
    assert kept.body["action"] == "wait"

    later = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
    result = refresh_advice(store, application, later)
    assert result.action is Action.FOLLOW_UP
    assert result.purpose is Purpose.CHECK_IN
    with store.connect() as connection:
        assert connection.execute(select(advice.c.action)).scalar_one() == "follow_up"


def test_bad_input_writes_nothing(store: Engine) -> None:
    broken = case_file(events=[{"at": "2026-03-03T11:00:00", "kind": "wait_for_us"}])
    with pytest.raises(CaseError, match=r"events\[0\]\.at"):
        add_application(store, broken, now=NOW)
    assert count(store, employers) == 0
    assert count(store, applications) == 0
    assert count(store, events) == 0


def test_what_was_said_is_recorded_and_the_advice_follows(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW)
    said = {"at": "2026-03-04T11:30:00+00:00", "kind": "wait_for_us", "note": "We'll be in touch."}
    result = record_event(store, application, said, now=NOW)
    assert result.action is Action.DO_NOT_CONTACT
    assert count(store, events) == len(DOCUMENT["events"]) + 1
    with store.connect() as connection:
        assert connection.execute(select(advice.c.action)).scalar_one() == "do_not_contact"


def test_a_bad_event_names_its_field_and_writes_nothing(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW)
    with pytest.raises(CaseError, match=r"^event\.date: "):
        record_event(store, application, {"at": "2026-03-04T11:30:00+00:00", "kind": "decision_by"}, now=NOW)
    with pytest.raises(CaseError, match=r"^event\.at: .* is after now"):
        record_event(store, application, {"at": "2026-03-05T11:30:00+00:00", "kind": "offer"}, now=NOW)
    assert count(store, events) == len(DOCUMENT["events"])


def test_an_unknown_application_is_named(store: Engine) -> None:
    with pytest.raises(UnknownApplication, match="no application 42"):
        record_event(store, 42, {"at": "2026-03-04T11:30:00+00:00", "kind": "offer"}, now=NOW)


def _add_events(url: str, application: int, how_many: int) -> None:
    engine = connect(url)
    for number in range(how_many):
        item = {"at": "2026-03-04T11:30:00+00:00", "kind": "contacted", "channel": "email",
                "purpose": "check_in", "note": f"{os.getpid()}-{number}"}  # fmt: skip
        record_event(engine, application, item, now=NOW)
    engine.dispose()


def test_two_processes_adding_events_at_once_lose_none(store: Engine) -> None:
    application = add_application(store, DOCUMENT, now=NOW)
    url = store.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_events, args=(url, application, 25)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert count(store, events) == len(DOCUMENT["events"]) + 50
    # The advice kept is the one all the events give, not one writer's view of them.
    loaded = load_case(store, application, now=NOW)
    fresh = advise(loaded.case, NOW, loaded.policy)
    with store.connect() as connection:
        kept = connection.execute(select(advice).where(advice.c.application_id == application)).one()
    assert (kept.action, kept.purpose, kept.not_before) == (
        fresh.action.value,
        fresh.purpose,
        fresh.not_before,
    )


def test_the_agenda_sorts_what_to_do_what_waits_and_what_to_let_go(store: Engine) -> None:
    due = add_application(store, DOCUMENT, now=NOW, role="Buyer")  # a check-in from 10 March
    waiting = add_application(
        store, case_file(events=[{"at": "2026-03-03T11:00:00-06:00", "kind": "wait_for_us"}]), now=NOW
    )
    gone = add_application(
        store, case_file(events=[{"at": "2026-03-04T05:00:00-06:00", "kind": "rejected"}]), now=NOW
    )
    coming = add_application(store, case_file(interview={"at": "2026-03-11T10:00:00-05:00"}), now=NOW)

    plan = agenda(store, datetime(2026, 3, 10, 15, 0, tzinfo=UTC))
    assert [item["id"] for item in plan.to_do] == [due]
    assert plan.to_do[0]["purpose"] == "check_in"
    assert plan.to_do[0]["windows"]
    assert {item["id"] for item in plan.waiting} == {waiting, coming}  # the thank-you after it
    assert [item["id"] for item in plan.let_go] == [gone]
    assert [interview["id"] for interview in plan.interviews] == [coming]


def test_the_agenda_works_out_again_only_the_advice_the_clock_changed(store: Engine) -> None:
    for _ in range(3):
        add_application(store, DOCUMENT, now=NOW)  # each changes on 10 March at 09:00 in Chicago
    add_application(store, case_file(events=[{"at": "2026-03-04T05:00:00-06:00", "kind": "offer"}]), now=NOW)
    assert refresh_due(store, datetime(2026, 3, 5, tzinfo=UTC)) == 0
    assert agenda(store, datetime(2026, 3, 10, 15, 0, tzinfo=UTC)).refreshed == 3
    assert refresh_due(store, datetime(2026, 3, 10, 15, 1, tzinfo=UTC)) == 0  # not again until it changes


def test_the_migrations_make_exactly_the_schema_the_code_declares(store: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from followup.store.schema import metadata

    with store.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_store_of_the_previous_revision_is_migrated_with_its_data(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from followup.store.database import migrate

    for kind in ("sqlite", "postgresql"):
        with PostgresDatabase() if kind == "postgresql" else _SqliteFile(tmp_path) as url:
            old = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
            migrate(old, "0001")
            assert revision_of(old) == "0001"
            with old.begin() as connection:  # data as the first release kept it (ids 1)
                for statement in FIRST_RELEASE_ROWS:
                    connection.execute(text(statement))
            old.dispose()
            engine = connect(url)
            assert revision_of(engine) == head_revision() != "0001"
            loaded = load_case(engine, 1, now=NOW)
            assert loaded.case.employer.name == "Northwind Traders"
            assert [event.kind.value for event in loaded.case.events] == ["decision_by"]
            advice_now = refresh_advice(engine, 1, NOW)
            assert advice_now.purpose is Purpose.THANK_YOU
            assert record_event(
                engine, 1, {"at": NOW.isoformat(), "kind": "in_running", "said_how": "phone"}, now=NOW
            )
            migrate(engine, "0001")  # and back down, keeping the rows the first release knew
            assert count(engine, events) == 2
            engine.dispose()


class _SqliteFile:
    def __init__(self, folder: Path) -> None:
        self.path = folder / f"{uuid.uuid4().hex}.sqlite3"

    def __enter__(self) -> str:
        return f"sqlite:///{self.path}"

    def __exit__(self, *_: Any) -> None:
        pass


FIRST_RELEASE_ROWS = [
    "INSERT INTO employers (name, timezone, timezone_inferred, country, subdivision, allows_visits,"
    " created_at) VALUES ('Northwind Traders', 'America/Chicago', false, 'US', 'IL', false,"
    " '2026-03-01 12:00:00')",
    "INSERT INTO applications (employer_id, role, status, local_to_employer, created_at)"
    " VALUES (1, 'Buyer', 'active', false, '2026-03-01 12:00:00')",
    "INSERT INTO interviews (application_id, round, at, minutes) VALUES (1, 1, '2026-03-03 16:00:00', 60)",
    "INSERT INTO events (application_id, at, kind, date, answered, released, silence_means_no,"
    " recorded_at) VALUES (1, '2026-03-03 17:00:00', 'decision_by', '2026-03-06', false, false, false,"
    " '2026-03-03 17:00:00')",
]


def test_a_change_of_your_settings_and_the_due_advice_take_turns_on_postgresql(monkeypatch: Any) -> None:
    """Both lock the applications they work out again, in the order of their ids: one waits for
    the other, neither is killed as a deadlock (the row of an application written to last is the
    last the table gives back, without an order)."""
    import threading
    import time
    from datetime import timedelta

    from followup.service.demo import add_demo
    from followup.store import applications as kept
    from followup.store.records import set_timezone

    with PostgresDatabase() as url:
        engine = connect(url)
        now = datetime(2026, 3, 10, 9, tzinfo=UTC)
        add_demo(engine, now)
        record_event(engine, 1, {"at": "2026-03-10T08:00:00+00:00", "kind": "rejected"}, now=now)
        record_event(engine, 1, {"at": "2026-03-10T08:30:00+00:00", "kind": "in_running"}, now=now)
        with engine.begin() as connection:  # every kept advice worked out for a later moment: due
            connection.execute(
                text("UPDATE advice SET computed_at = :later"), {"later": now + timedelta(days=1)}
            )
        locked: list[list[int]] = []
        batch = kept._refresh_batch

        def slowly(connection: Any, chunk: list[int], *args: Any) -> Any:
            done = batch(connection, chunk, *args)
            locked.append(list(chunk))
            time.sleep(0.5)  # holding the locks, as a busy machine would
            return done

        monkeypatch.setattr(kept, "_refresh_batch", slowly)
        failed: list[str] = []

        def run(work: Any) -> None:
            try:
                work()
            except Exception as error:
                failed.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")

        writers = [
            threading.Thread(target=run, args=(lambda: set_timezone(engine, "Europe/Berlin", now),)),
            threading.Thread(target=run, args=(lambda: refresh_due(engine, now),)),
        ]
        for writer in writers:
            writer.start()
            time.sleep(0.2)
        for writer in writers:
            writer.join()
        engine.dispose()
    assert failed == []
    assert all(chunk == sorted(chunk) for chunk in locked)
