"""Each seeker's data is theirs: on PostgreSQL the store's transactions name their account and
row-level security keeps every other seeker's rows out of every query, for reading and writing.
A coach reads, and never changes, the rows of the seekers assigned to them. The server connects
as a role of its own (a superuser is not held by row-level security), as these tests do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from followup.service import accounts, applications, records
from followup.service.accounts import Account
from followup.service.stores import StoreError, UnknownRecord, as_account, for_everyone
from followup.store.database import ReadOnly, connect, scoped
from tests.conftest import case_file, server_people

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def people(engine: Engine) -> dict[str, Account]:
    roles = {"sam": "seeker", "tia": "seeker", "cole": "coach", "dee": "coach"}
    return server_people(engine, NOW, roles, {"cole": "sam", "dee": "tia"})


@pytest.fixture
def engine(server_store: Engine) -> Engine:
    return server_store


def added(engine: Engine, role: str, employer: str = "Northwind Traders") -> int:
    document = case_file(employer={"name": employer})
    return applications.add(engine, NOW, {**document, "role": role})


def test_a_seeker_sees_and_changes_only_their_own_applications(
    engine: Engine, people: dict[str, Account]
) -> None:
    sam, tia = as_account(engine, people["sam"]), as_account(engine, people["tia"])
    sams = added(sam, "Buyer")
    tias = added(tia, "Analyst")  # the same employer's name: each seeker has their own
    assert [row["id"] for row in applications.applications(sam, NOW)] == [sams]
    assert [row["id"] for row in applications.applications(tia, NOW)] == [tias]
    assert applications.application(sam, NOW, sams)["role"] == "Buyer"
    with pytest.raises(UnknownRecord):
        applications.application(tia, NOW, sams)
    with pytest.raises(UnknownRecord):
        applications.record(tia, NOW, sams, {"kind": "rejected"})
    assert applications.application(sam, NOW, sams)["status"] == "active"


def test_a_coach_reads_their_seekers_applications_and_changes_none(
    engine: Engine, people: dict[str, Account]
) -> None:
    sams = added(as_account(engine, people["sam"]), "Buyer")
    tias = added(as_account(engine, people["tia"]), "Analyst")
    cole, dee = as_account(engine, people["cole"]), as_account(engine, people["dee"])
    assert [row["id"] for row in applications.applications(cole, NOW)] == [sams]
    assert [row["id"] for row in applications.applications(dee, NOW)] == [tias]
    with pytest.raises(UnknownRecord):
        applications.application(cole, NOW, tias)
    with pytest.raises(ReadOnly, match="not yours to change"):  # read, never changed
        applications.record(cole, NOW, sams, {"kind": "rejected"})
    with engine.connect() as connection:  # as the owner, unscoped: the event was not written
        connection.execute(text("SELECT set_config('followup.everyone', 'on', false)"))
        kinds = (
            connection.execute(text(f"SELECT kind FROM events WHERE application_id = {sams}")).scalars().all()
        )
        connection.execute(text("SELECT set_config('followup.everyone', '', false)"))
    assert "rejected" not in kinds


def test_a_seeker_cannot_file_an_application_under_another_seekers_employer(
    engine: Engine, people: dict[str, Account]
) -> None:
    sams = added(as_account(engine, people["sam"]), "Buyer")
    employer_id = applications.application(as_account(engine, people["sam"]), NOW, sams)["employer_id"]
    tia = as_account(engine, people["tia"])
    with pytest.raises(UnknownRecord, match=f"no employer {employer_id}"):  # no row of Sam's is read
        applications.add_application(tia, case_file(), now=NOW, role="Spy", employer_id=employer_id)
    with tia.begin() as connection, pytest.raises(DBAPIError, match=r"row-level security"):
        connection.execute(  # written by hand, naming Sam: the database refuses it
            text(
                "INSERT INTO applications (employer_id, seeker_id, role, status, local_to_employer, "
                "created_at) VALUES (:employer, :sam, 'Spy', 'active', false, now())"
            ),
            {"employer": employer_id, "sam": people["sam"].id},
        )


def test_an_admin_and_a_signed_out_scope_see_no_seekers_data(
    engine: Engine, people: dict[str, Account]
) -> None:
    added(as_account(engine, people["sam"]), "Buyer")
    assert applications.applications(as_account(engine, people["admin"]), NOW) == []
    assert applications.applications(scoped(engine), NOW) == []
    with pytest.raises(ReadOnly):  # nobody's scope adds nothing: its rows would be no seeker's
        added(scoped(engine), "Ghost")


def test_the_background_work_sees_every_seeker(engine: Engine, people: dict[str, Account]) -> None:
    added(as_account(engine, people["sam"]), "Buyer")
    added(as_account(engine, people["tia"]), "Analyst")
    assert len(applications.applications(for_everyone(engine), NOW)) == 2


def test_the_store_of_one_person_has_the_local_account_alone(tmp_path: object) -> None:
    engine = connect(f"sqlite:///{tmp_path}/one.sqlite3")
    with pytest.raises(StoreError, match="need PostgreSQL"):
        scoped(engine, seeker=2)
    assert as_account(engine, accounts.LOCAL_ACCOUNT) is engine
    engine.dispose()


def test_another_seeker_or_a_coach_can_neither_edit_nor_delete_a_seekers_records(
    engine: Engine, people: dict[str, Account]
) -> None:
    sam = as_account(engine, people["sam"])
    sams = added(sam, "Buyer")
    employer_id = applications.application(sam, NOW, sams)["employer_id"]
    for other in (as_account(engine, people["tia"]), as_account(engine, people["cole"])):
        with pytest.raises((UnknownRecord, ReadOnly)):
            records.edit(other, "application", sams, {"role": "Spy"}, NOW)
        with pytest.raises(UnknownRecord):
            records.delete_record(other, "application", sams, NOW)
        with pytest.raises(UnknownRecord):
            records.delete_record(other, "employer", employer_id, NOW)
        with pytest.raises((UnknownRecord, ReadOnly)):  # Tia sees no such employer; Cole may not
            records.add_contact(other, employer_id, {"name": "Mallory"}, NOW)
    assert records.employers_listed(as_account(engine, people["tia"])) == []
    shown = applications.application(sam, NOW, sams)
    assert shown["role"] == "Buyer" and shown["employer_id"] == employer_id
    assert records.people_of(sam, employer_id) == []


def test_a_coach_reads_advice_the_clock_has_changed_since_it_was_kept(
    engine: Engine, people: dict[str, Account]
) -> None:
    sams = added(as_account(engine, people["sam"]), "Buyer")
    cole = as_account(engine, people["cole"])
    later = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    assert applications.application(cole, later, sams)["advice"]["now"].startswith("2026-03-20")
    assert [row["id"] for row in applications.applications(cole, later)] == [sams]
