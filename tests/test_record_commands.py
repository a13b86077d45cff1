"""The commands on the records around applications: employers, contacts, interview rounds, edits,
deletions, outcomes and your own time zone, run as a person would against a real SQLite file.

Bad input is one line on stderr that starts with "followup: ", exit code 2, no traceback, and
nothing written: every refusal below compares every table before and after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select

from followup.cli import cli
from followup.store.schema import edits, metadata

NOW = "2026-03-04T12:00:00-06:00"  # Wednesday 4 March, 12:00 in Chicago; the interview was the day before
INTERVIEW = "2026-03-03T10:00:00-06:00"  # Tuesday 3 March, 10:00 in Chicago
THANKED = "2026-03-03T16:00:00-06:00"
DUE = "2026-03-12T10:00:00-05:00"  # Thursday 12 March: seven business days on, a check-in is due
COMPUTER_ZONE = "America/New_York"  # this computer's zone, for every run (TZ)


class Store:
    """A real SQLite file, and the `followup` command run on it at a fixed moment."""

    def __init__(self, folder: Path) -> None:
        self.url = f"sqlite:///{folder / 'search.sqlite3'}"
        self.runner = CliRunner(env={"TZ": COMPUTER_ZONE, "FOLLOWUP_DEBUG": None})
        self.ok("employer", "list")  # the schema, so that every table can be read from the start

    def run(self, *args: str, now: str = NOW, stdin: str | None = None) -> Result:
        return self.runner.invoke(cli, [*args, "--db", self.url, "--now", now], input=stdin)

    def ok(self, *args: str, now: str = NOW, stdin: str | None = None) -> str:
        result = self.run(*args, now=now, stdin=stdin)
        assert result.exit_code == 0, result.output
        return result.stdout

    def json(self, *args: str, now: str = NOW) -> Any:
        return json.loads(self.ok(*args, "--json", now=now))

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return {
                    table.name: [
                        row._asdict()
                        for row in connection.execute(select(table).order_by(*table.primary_key.columns))
                        if table.name != "settings" or row.name != "version"  # the count of writes
                    ]
                    for table in metadata.sorted_tables
                }
        finally:
            engine.dispose()

    def refused(self, *args: str, now: str = NOW, stdin: str | None = None) -> str:
        """The one line of a run refused as bad input, checked to have written nothing."""
        before = self.rows()
        line = one_line_error(self.run(*args, now=now, stdin=stdin))
        assert self.rows() == before, "nothing written"
        return line


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "no traceback"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("followup: ")
    return lines[0]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path)


@pytest.fixture
def northwind(store: Store) -> Store:
    """Employer 1, Northwind Traders in Chicago, with contact 1; application 1, interviewed on
    Tuesday 3 March at 10:00 and thanked by email that afternoon (event 1); they said on the day
    they would decide by Friday 6 March (event 2)."""
    store.ok(
        "add", "--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL",
        "--role", "Category buyer", "--interview", INTERVIEW,
    )  # fmt: skip
    store.ok("contacted", "1", "--channel", "email", "--purpose", "thank_you", "--at", THANKED)
    store.ok("said", "1", "decision_by", "--date", "2026-03-06", "--at", "2026-03-03T11:00:00-06:00")
    store.ok("contact", "add", "1", "Dana Reyes", "--role", "recruiter", "--email", "dana@northwind.example")
    return store


def advice(store: Store, application: int = 1, now: str = NOW) -> dict[str, Any]:
    body: dict[str, Any] = store.json("show", str(application), now=now)["advice"]
    return body


def rules(body: dict[str, Any]) -> list[str]:
    return [reason["rule"] for reason in body["reasons"]]


def live_events(store: Store) -> list[dict[str, Any]]:
    """The events no later event corrects."""
    found = store.rows()["events"]
    corrected = {row["corrects"] for row in found}
    return [row for row in found if row["id"] not in corrected]


# Employers


def test_an_employer_added_with_its_time_zone_keeps_it_and_is_not_marked_inferred(store: Store) -> None:
    body = store.json("employer", "add", "Tailspin Toys", "--timezone", "Europe/London", "--country", "GB")
    assert body["id"] == 1
    assert body["timezone"] == "Europe/London"
    assert body["timezone_inferred"] is False
    assert not any("inferred" in note for note in body["notes"])
    assert store.ok("employer", "show", "1").splitlines()[1] == "  time zone Europe/London"


def test_an_employer_added_by_country_and_region_gets_its_time_zone_inferred_and_said_so(
    store: Store,
) -> None:
    body = store.json("employer", "add", "Fabrikam", "--country", "DE", "--subdivision", "BY")
    assert body["timezone"] == "Europe/Berlin"
    assert body["timezone_inferred"] is True
    assert (body["country"], body["subdivision"]) == ("DE", "BY")
    assert any("Europe/Berlin was inferred from DE-BY" in note for note in body["notes"])


def test_an_employer_added_by_phone_number_gets_its_time_zone_inferred_and_said_so(store: Store) -> None:
    out = store.ok("employer", "add", "Northwind Traders", "--phone", "+1 312 555 0100")
    lines = out.splitlines()
    assert lines[0] == "Added employer 1: Northwind Traders, time zone America/Chicago."
    assert any("America/Chicago was inferred from its phone number +1 312 555 0100" in line for line in lines)
    body = store.json("employer", "show", "1")
    assert body["timezone"] == "America/Chicago"
    assert body["timezone_inferred"] is True
    assert body["phone"] == "+1 312 555 0100"
    assert "(inferred: correct it with `followup edit employer`)" in store.ok("employer", "show", "1")


def test_a_given_time_zone_wins_over_the_one_a_phone_number_suggests(store: Store) -> None:
    body = store.json(
        "employer", "add", "Remote Co", "--phone", "+1 312 555 0100", "--timezone", "Europe/London"
    )
    assert body["timezone"] == "Europe/London"
    assert body["timezone_inferred"] is False


def test_a_region_with_several_time_zones_is_refused_until_the_time_zone_is_given(store: Store) -> None:
    line = store.refused("employer", "add", "Contoso", "--country", "US", "--subdivision", "TX")
    assert line.startswith("followup: employer.timezone: ")
    assert "America/Chicago" in line and "America/Denver" in line
    assert store.ok("employer", "list") == "No employers yet.\n"
    assert store.json("employer", "list") == {"employers": []}

    given = ("--country", "US", "--subdivision", "TX", "--timezone", "America/Chicago")
    assert store.json("employer", "add", "Contoso", *given)["timezone"] == "America/Chicago"
    assert [row["name"] for row in store.json("employer", "list")["employers"]] == ["Contoso"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--country", "US", "--subdivision", "TX"], "employer.timezone"),
        ([], "employer.timezone"),  # nothing to infer it from
        (["--timezone", "Mars/Base"], "Mars/Base"),
        (["--country", "US", "--subdivision", "IL", "--hours", "{bad"], "--hours"),
    ],
)
def test_an_employer_that_cannot_be_placed_in_time_is_refused_and_nothing_is_written(
    store: Store, args: list[str], named: str
) -> None:
    assert named in store.refused("employer", "add", "Contoso", *args)
    assert store.rows()["employers"] == []


def test_an_employer_needs_a_name(store: Store) -> None:
    assert "employer.name" in store.refused("employer", "add", "", "--timezone", "UTC")


def test_the_employer_list_shows_each_employer_by_name_with_its_zone_and_whether_it_was_inferred(
    store: Store,
) -> None:
    store.ok("employer", "add", "Northwind Traders", "--country", "US", "--subdivision", "IL")
    store.ok("employer", "add", "Fabrikam", "--timezone", "Europe/Berlin", "--country", "DE")
    lines = store.ok("employer", "list").splitlines()
    assert len(lines) == 2
    assert lines[0].split() == ["2", "Fabrikam", "Europe/Berlin", "DE"]
    assert lines[1].split() == ["1", "Northwind", "Traders", "America/Chicago", "(inferred)", "US-IL"]
    listed = store.json("employer", "list")["employers"]
    assert [(row["id"], row["name"], row["timezone_inferred"]) for row in listed] == [
        (2, "Fabrikam", False),
        (1, "Northwind Traders", True),
    ]


def test_an_employer_is_shown_with_the_people_you_know_there(northwind: Store) -> None:
    out = northwind.ok("employer", "show", "1")
    assert out.splitlines()[0] == "Northwind Traders (employer 1)"
    assert "  country US" in out
    assert "  contact 1: Dana Reyes (recruiter, dana@northwind.example)" in out
    body = northwind.json("employer", "show", "1")
    assert body["name"] == "Northwind Traders"
    assert body["timezone"] == "America/Chicago"
    assert [(person["id"], person["name"], person["role"]) for person in body["contacts"]] == [
        (1, "Dana Reyes", "recruiter")
    ]


def test_an_unknown_employer_id_is_refused(northwind: Store) -> None:
    assert northwind.refused("employer", "show", "99") == "followup: no employer 99"
    assert northwind.refused("employer", "show", "99", "--json") == "followup: no employer 99"


# An application for an employer already stored


def test_adding_an_application_for_a_stored_employer_reuses_it_whatever_the_case_of_its_name(
    store: Store,
) -> None:
    store.ok("employer", "add", "Northwind Traders", "--country", "US", "--subdivision", "IL")
    store.ok("add", "--employer", "NORTHWIND TRADERS", "--role", "Buyer", "--interview", INTERVIEW)
    store.ok("add", "--employer", "  northwind traders ", "--role", "Planner", "--interview", INTERVIEW)
    assert [row["id"] for row in store.json("employer", "list")["employers"]] == [1]
    assert {row["employer_id"] for row in store.rows()["applications"]} == {1}
    listed = store.json("list")["applications"]
    assert [(row["employer"], row["role"]) for row in listed] == [
        ("Northwind Traders", "Planner"),
        ("Northwind Traders", "Buyer"),
    ]


def test_an_application_whose_time_zone_clashes_with_the_stored_employer_is_refused(northwind: Store) -> None:
    line = northwind.refused(
        "add", "--employer", "northwind traders", "--timezone", "America/New_York", "--interview", INTERVIEW
    )
    assert "employer.timezone" in line
    assert "followup edit employer 1 timezone=" in line
    assert len(northwind.rows()["employers"]) == 1


def test_a_country_in_lower_case_does_not_clash_with_the_same_stored_country(store: Store) -> None:
    store.ok("employer", "add", "Northwind Traders", "--country", "US", "--subdivision", "IL")
    store.ok(
        "add", "--employer", "northwind traders", "--country", "us", "--subdivision", "il",
        "--interview", INTERVIEW,
    )  # fmt: skip
    assert len(store.rows()["employers"]) == 1


def test_an_employer_name_is_stored_once_whatever_its_case(store: Store) -> None:
    store.ok("employer", "add", "Northwind Traders", "--country", "US", "--subdivision", "IL")
    store.run("employer", "add", "NORTHWIND TRADERS", "--country", "US", "--subdivision", "IL")
    names = [row["name"].lower() for row in store.rows()["employers"]]
    assert names == ["northwind traders"]


# Contacts


def test_a_contact_is_added_at_an_employer_and_listed_with_it(store: Store) -> None:
    store.ok("employer", "add", "Northwind Traders", "--country", "US", "--subdivision", "IL")
    store.ok("employer", "add", "Fabrikam", "--country", "DE", "--subdivision", "BY")
    assert store.ok("contact", "list") == "No contacts yet.\n"
    body = store.json(
        "contact", "add", "1", "Dana Reyes", "--role", "recruiter", "--email", "dana@northwind.example",
        "--phone", "+1 312 555 0101",
    )  # fmt: skip
    assert body == {
        "id": 1,
        "employer_id": 1,
        "name": "Dana Reyes",
        "role": "recruiter",
        "email": "dana@northwind.example",
        "phone": "+1 312 555 0101",
    }
    assert store.ok("contact", "add", "2", "Jonas Weber") == "Added contact 2: Jonas Weber.\n"
    lines = store.ok("contact", "list").splitlines()
    assert lines[0].split() == ["2", "Jonas", "Weber", "(contact)", "at", "Fabrikam"]
    assert lines[1].split() == [
        "1", "Dana", "Reyes", "(recruiter)", "at", "Northwind", "Traders",
        "dana@northwind.example", "+1", "312", "555", "0101",
    ]  # fmt: skip
    listed = store.json("contact", "list")["contacts"]
    assert [(row["id"], row["employer"]) for row in listed] == [(2, "Fabrikam"), (1, "Northwind Traders")]
    only = store.json("contact", "list", "--employer", "1")["contacts"]
    assert [row["name"] for row in only] == ["Dana Reyes"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["1", "Dana Reyes", "--email", "nope"], "followup: email: 'nope' is not an email address"),
        (["1", "Dana Reyes", "--email", "dana@"], "followup: email: 'dana@' is not an email address"),
        (["1", "Dana Reyes", "--phone", "call me"], "followup: phone: 'call me' is not a phone number"),
        (["1", ""], "followup: name: missing (the person's name)"),
        (["99", "Dana Reyes"], "followup: no employer 99"),
    ],
)
def test_a_contact_with_a_bad_email_or_phone_or_at_an_unknown_employer_is_refused(
    northwind: Store, args: list[str], expected: str
) -> None:
    assert northwind.refused("contact", "add", *args).startswith(expected)


# Interview rounds


def test_the_next_interview_round_is_numbered_after_the_last_and_listed(northwind: Store) -> None:
    out = northwind.ok(
        "interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00", "--minutes", "45",
        "--format", "video", "--with", "Ann Lee", "--with", "Bo Chen",
    )  # fmt: skip
    assert out == "Added round 2 of application 1.\n"
    body = northwind.json("interview", "add", "1", "--at", "2026-03-17T09:00:00-05:00")
    assert body["round"] == 3
    assert northwind.ok("interview", "list", "1").splitlines() == [
        "  round 1: Tuesday 3 March at 10:00 their time (America/Chicago), Tuesday 3 March at 11:00 yours"
        " (60 min)",
        "  round 2: Tuesday 10 March at 14:00 their time (America/Chicago), Tuesday 10 March at 15:00 yours"
        " (45 min), video",
        "  round 3: Tuesday 17 March at 09:00 their time (America/Chicago), Tuesday 17 March at 10:00 yours"
        " (60 min)",
    ]
    rounds = northwind.json("interview", "list", "1")["interviews"]
    assert [row["round"] for row in rounds] == [1, 2, 3]
    assert rounds[1]["interviewers"] == ["Ann Lee", "Bo Chen"]


@pytest.mark.parametrize(
    ("at", "named"),
    [
        (INTERVIEW, "not after round 1"),  # the same moment as round 1
        ("2026-03-02T10:00:00-06:00", "not after round 1"),
        ("2026-03-10T14:00", "has no UTC offset"),
    ],
)
def test_an_interview_round_not_after_the_last_one_is_refused(northwind: Store, at: str, named: str) -> None:
    line = northwind.refused("interview", "add", "1", "--at", at)
    assert line.startswith("followup: at: ")
    assert named in line


def test_a_round_before_the_second_one_is_refused_naming_it(northwind: Store) -> None:
    northwind.ok("interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00")
    line = northwind.refused("interview", "add", "1", "--at", "2026-03-09T14:00:00-05:00")
    assert "not after round 2" in line


def test_the_rounds_of_an_unknown_application_are_refused(northwind: Store) -> None:
    assert northwind.refused("interview", "add", "99", "--at", "2026-03-10T14:00:00-05:00") == (
        "followup: no application 99"
    )
    assert northwind.refused("interview", "list", "99") == "followup: no application 99"


def test_once_the_second_round_has_happened_the_advice_asks_for_a_thank_you_for_it(northwind: Store) -> None:
    northwind.ok("interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00")
    before = advice(northwind, now="2026-03-10T13:00:00-05:00")
    assert (before["action"], before["purpose"]) == ("wait", None)  # no check-in before a booked round
    assert "schedule.next_round" in rules(before)
    assert before["not_before"] == "2026-03-10T14:00:00-05:00"

    after = advice(northwind, now="2026-03-10T16:00:00-05:00")
    assert (after["action"], after["purpose"]) == ("follow_up", "thank_you")
    assert "thank_you.due" in rules(after)
    assert "Tuesday 10 March at 14:00" in after["reasons"][0]["text"]
    assert after["deadline"] == "2026-03-11T15:00:00-05:00"

    agenda = northwind.json("today", now="2026-03-10T16:00:00-05:00")
    assert [(item["id"], item["purpose"]) for item in agenda["to_do"]] == [(1, "thank_you")]


# Edits


def test_an_employers_time_zone_is_changed_and_the_change_is_kept_with_the_value_it_replaced(
    northwind: Store,
) -> None:
    body = northwind.json("edit", "employer", "1", "timezone=America/New_York")
    assert body == {"subject": "employer", "id": 1, "changed": {"timezone": "America/New_York"}}
    shown = northwind.json("employer", "show", "1")
    assert (shown["timezone"], shown["timezone_inferred"]) == ("America/New_York", False)
    assert advice(northwind)["employer"]["timezone"] == "America/New_York"  # the advice follows

    logged = [row for row in northwind.rows()["edits"] if row["field"] == "timezone"]
    assert [(row["subject"], row["subject_id"], row["old"], row["new"]) for row in logged] == [
        ("employer", 1, "America/Chicago", "America/New_York")
    ]
    engine = create_engine(northwind.url)  # the log as a program reads it
    try:
        with engine.connect() as connection:
            old, new = connection.execute(
                select(edits.c.old, edits.c.new).where(
                    edits.c.subject == "employer", edits.c.subject_id == 1, edits.c.field == "timezone"
                )
            ).one()
    finally:
        engine.dispose()
    assert (old, new) == ("America/Chicago", "America/New_York")


def test_a_cleared_employer_time_zone_is_inferred_again(northwind: Store) -> None:
    northwind.ok("edit", "employer", "1", "timezone=America/New_York")
    assert northwind.ok("edit", "employer", "1", "timezone=") == "Changed employer 1: timezone.\n"
    shown = northwind.json("employer", "show", "1")
    assert (shown["timezone"], shown["timezone_inferred"]) == ("America/Chicago", True)


def test_an_applications_status_is_edited_and_logged(northwind: Store) -> None:
    northwind.ok("edit", "application", "1", "status=closed")
    assert northwind.json("list")["applications"][0]["status"] == "closed"
    logged = [(row["field"], row["old"], row["new"]) for row in northwind.rows()["edits"]]
    assert ("status", "active", "closed") in logged


def test_an_outcome_is_recorded_as_one_not_edited_into_the_status(northwind: Store) -> None:
    said = northwind.refused("edit", "application", "1", "status=withdrawn")
    assert "followup outcome ID withdrawn" in said


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["employer", "1", "colour=blue"], "followup: colour: employers have no field colour to edit"),
        (["application", "1", "status=bogus"], 'followup: status: unknown status "bogus"'),
        (["application", "1", "role="], "followup: role: cannot be empty"),
        (["application", "1", "local_to_employer=maybe"], "followup: local_to_employer: expected true or"),
        (["application", "1", "candidate_timezone=Mars/Base"], "followup: candidate_timezone: "),
        (["employer", "1", "timezone=Mars/Base"], "Mars/Base"),
        (["employer", "1", "subdivision=TX"], "followup: employer.timezone: "),  # Chicago or Denver?
        (["employer", "1", "hours={bad"], "followup: hours: invalid JSON"),
        (["contact", "1", "email=nope"], "followup: email: 'nope' is not an email address"),
        (["interview", "1", "minutes=abc"], 'followup: minutes: expected a whole number, got "abc"'),
        (["interview", "1", "minutes=0"], "followup: interview.minutes: 0 is out of range"),
        (["application", "1", "status"], "followup: 'status': expected FIELD=VALUE"),
        (["employer", "99", "name=Contoso"], "followup: no employer 99"),
        (["event", "99", "date=2026-03-13"], "followup: no event 99"),
    ],
)
def test_an_edit_naming_an_unknown_field_or_a_bad_value_is_refused(
    northwind: Store, args: list[str], named: str
) -> None:
    assert named in northwind.refused("edit", *args)


def test_an_edit_that_would_put_the_interview_after_the_thank_you_note_is_refused(northwind: Store) -> None:
    line = northwind.refused("edit", "interview", "1", "at=2026-03-03T17:00:00-06:00")
    assert "a thank-you note before the interview" in line


def test_an_edit_that_would_put_the_rounds_out_of_order_is_refused(northwind: Store) -> None:
    northwind.ok("interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00")
    line = northwind.refused("edit", "interview", "2", "at=2026-03-02T09:00:00-06:00")
    assert line == "followup: at: the interview rounds would be out of order: each comes after the one before"


def test_correcting_an_event_adds_a_new_event_that_names_the_old_one_and_the_advice_uses_it(
    northwind: Store,
) -> None:
    assert advice(northwind)["not_before"] == "2026-03-10T09:00:00-05:00"  # decided by Friday 6 March
    assert northwind.ok("edit", "event", "2", "date=2026-03-13") == "Event 2 corrected by event 3.\n"

    stored = {row["id"]: row for row in northwind.rows()["events"]}
    assert str(stored[2]["date"]) == "2026-03-06"  # the log is kept whole
    assert (stored[3]["kind"], str(stored[3]["date"]), stored[3]["corrects"]) == (
        "decision_by",
        "2026-03-13",
        2,
    )
    assert stored[3]["at"] == stored[2]["at"]
    logged = [
        (row["subject"], row["subject_id"], row["field"], row["old"], row["new"])
        for row in northwind.rows()["edits"]
    ]
    assert ("event", 2, "date", "2026-03-06", "2026-03-13") in logged

    body = advice(northwind)
    assert body["not_before"] == "2026-03-17T09:00:00-05:00"
    assert any("Friday 13 March" in reason["text"] for reason in body["reasons"])
    assert "Friday 13 March" in northwind.ok("show", "1")


def test_an_event_correction_in_json_gives_the_id_of_the_new_event(northwind: Store) -> None:
    body = northwind.json("edit", "event", "2", "date=2026-03-13")
    assert body == {"subject": "event", "id": 3, "changed": {"date": "2026-03-13"}}


def test_a_correction_that_makes_the_case_invalid_is_refused_and_nothing_is_written(northwind: Store) -> None:
    northwind.ok(
        "said", "1", "wait_for_us", "--at", "2026-03-02T10:00:00-06:00"
    )  # event 3, before the interview
    line = northwind.refused("edit", "event", "3", "kind=contacted", "channel=email", "purpose=thank_you")
    assert "a thank-you note before the interview" in line


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        (["date=2026-03-01"], "event.date"),  # before the day it was said
        (["date=2026-02-30"], "event.date"),
        (["kind=bogus"], "event.kind"),
        (["colour=red"], "events have no field colour"),
    ],
)
def test_a_correction_with_a_bad_value_is_refused(northwind: Store, changes: list[str], named: str) -> None:
    assert named in northwind.refused("edit", "event", "2", *changes)


def test_the_time_of_an_event_can_be_corrected(northwind: Store) -> None:
    northwind.ok("edit", "event", "2", "at=2026-03-03T12:00:00-06:00")
    corrected = next(row for row in northwind.rows()["events"] if row["corrects"] == 2)
    assert corrected["at"].isoformat() == "2026-03-03T18:00:00+00:00"


def test_an_event_corrected_twice_has_one_version_in_the_case(northwind: Store) -> None:
    assert len(live_events(northwind)) == 2
    northwind.ok("edit", "event", "1", "channel=phone")
    northwind.run("edit", "event", "1", "purpose=check_in")  # may be refused: event 1 was corrected
    assert len(live_events(northwind)) == 2


def test_a_later_round_cannot_be_edited_to_last_no_time(northwind: Store) -> None:
    northwind.ok("interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00")
    assert "minutes" in northwind.refused("edit", "interview", "2", "minutes=0")


def test_an_unknown_kind_of_record_to_edit_is_refused_in_one_line(northwind: Store) -> None:
    assert "widget" in northwind.refused("edit", "widget", "1", "name=x")


# Deletions


def test_deleting_an_application_removes_its_interviews_events_and_advice(northwind: Store) -> None:
    northwind.ok("interview", "add", "1", "--at", "2026-03-10T14:00:00-05:00")
    northwind.ok("add", "--employer", "Fabrikam", "--country", "DE", "--subdivision", "BY",
                 "--interview", "2026-03-03T10:00:00+01:00")  # fmt: skip
    body = northwind.json("delete", "1", "--yes")
    assert body == {
        "deleted": "application",
        "id": 1,
        "counts": {"applications": 1, "interviews": 2, "events": 2},
    }
    rows = northwind.rows()
    assert [row["id"] for row in rows["applications"]] == [2]
    for table in ("interviews", "advice"):
        assert {row["application_id"] for row in rows[table]} == {2}, table
    assert rows["events"] == []  # application 2 has none
    assert len(rows["employers"]) == 2 and len(rows["contacts"]) == 1  # the employer stays
    assert [row["id"] for row in northwind.json("list")["applications"]] == [2]
    assert northwind.refused("show", "1") == "followup: no application 1"


def test_without_yes_a_deletion_is_asked_and_answering_no_deletes_nothing(northwind: Store) -> None:
    before = northwind.rows()
    result = northwind.run("delete", "1", stdin="n\n")
    assert result.exit_code == 1
    assert "Delete application 1 (1 application, 1 interview, 2 events)?" in result.stderr
    assert result.stderr.endswith("followup: nothing deleted\n")
    assert "Traceback" not in result.stderr
    assert northwind.rows() == before


def test_without_yes_a_deletion_answered_yes_goes_ahead(northwind: Store) -> None:
    assert northwind.ok("delete", "1", stdin="y\n").endswith("Deleted application 1.\n")
    assert northwind.rows()["applications"] == []


def test_deleting_an_employer_removes_its_applications_and_contacts_too(northwind: Store) -> None:
    northwind.ok("add", "--employer", "Fabrikam", "--country", "DE", "--subdivision", "BY",
                 "--interview", "2026-03-03T10:00:00+01:00")  # fmt: skip
    before = northwind.rows()
    result = northwind.run("delete", "--employer", "1", stdin="n\n")
    assert result.exit_code == 1
    assert "(1 employer, 1 application, 1 interview, 2 events, 1 contact)" in result.stderr
    assert northwind.rows() == before

    counts = northwind.json("delete", "--employer", "1", "--yes")["counts"]
    assert counts == {"employers": 1, "applications": 1, "interviews": 1, "events": 2, "contacts": 1}
    rows = northwind.rows()
    assert [row["name"] for row in rows["employers"]] == ["Fabrikam"]
    assert [row["id"] for row in rows["applications"]] == [2]
    assert rows["contacts"] == []
    assert {row["application_id"] for row in rows["events"]} <= {2}


def test_deleting_a_contact_leaves_its_employer(northwind: Store) -> None:
    assert northwind.ok("delete", "--contact", "1", "--yes") == "Deleted contact 1.\n"
    rows = northwind.rows()
    assert rows["contacts"] == []
    assert len(rows["employers"]) == 1 and len(rows["applications"]) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["99", "--yes"], "followup: no application 99"),
        (["99"], "followup: no application 99"),  # before anything is asked
        (["--employer", "99", "--yes"], "followup: no employer 99"),
        (["--contact", "99", "--yes"], "followup: no contact 99"),
    ],
)
def test_deleting_an_unknown_id_is_refused(northwind: Store, args: list[str], expected: str) -> None:
    assert northwind.refused("delete", *args, stdin="y\n") == expected


# Outcomes


def test_a_rejection_closes_the_application_and_takes_it_off_the_agenda(northwind: Store) -> None:
    northwind.ok("add", "--employer", "Fabrikam", "--country", "DE", "--subdivision", "BY",
                 "--interview", "2026-03-03T10:00:00+01:00")  # fmt: skip
    agenda = northwind.json("week", now=DUE)
    assert 1 in [item["id"] for item in agenda["to_do"] + agenda["waiting"]]

    assert "MOVE ON" in northwind.ok("outcome", "1", "rejected", now=DUE)
    listed = {row["id"]: row for row in northwind.json("list", now=DUE)["applications"]}
    assert (listed[1]["status"], listed[1]["action"]) == ("rejected", "move_on")
    assert listed[2]["status"] == "active"
    for command in ("today", "week"):
        agenda = northwind.json(command, now=DUE)
        assert 1 not in [item["id"] for item in agenda["to_do"] + agenda["waiting"]], command
        assert 2 in [item["id"] for item in agenda["to_do"] + agenda["waiting"]], command


# Your own time zone


def test_your_time_zone_is_this_computers_until_you_set_it(store: Store) -> None:
    assert (
        store.ok("timezone")
        == f"{COMPUTER_ZONE} (this computer's; set yours with `followup timezone ZONE`)\n"
    )
    assert store.json("timezone") == {"timezone": COMPUTER_ZONE, "set": False}
    assert store.rows()["settings"] == []


def test_setting_your_time_zone_stores_it_and_new_advice_is_in_it(store: Store) -> None:
    assert store.ok("timezone", "Europe/Berlin") == "Your time zone is now Europe/Berlin.\n"
    assert store.ok("timezone") == "Europe/Berlin\n"
    assert store.json("timezone") == {"timezone": "Europe/Berlin", "set": True}
    assert store.rows()["settings"] == [{"name": "timezone", "value": "Europe/Berlin"}]

    store.ok("add", "--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL",
             "--interview", INTERVIEW)  # fmt: skip
    body = advice(store)
    assert body["candidate"]["timezone"] == "Europe/Berlin"
    assert body["windows"]
    assert all(window["candidate_start"].endswith("+01:00") for window in body["windows"])  # CET


def test_setting_your_time_zone_moves_the_advice_of_applications_already_stored(northwind: Store) -> None:
    assert advice(northwind)["candidate"]["timezone"] == COMPUTER_ZONE
    assert northwind.json("timezone", "Europe/Berlin") == {"timezone": "Europe/Berlin", "refreshed": 1}
    body = advice(northwind)
    assert body["candidate"]["timezone"] == "Europe/Berlin"
    assert all(window["candidate_start"].endswith("+01:00") for window in body["windows"])


@pytest.mark.parametrize("zone", ["Mars/Base", "", "Europe/Berlin/Mitte"])
def test_an_unknown_time_zone_is_refused(northwind: Store, zone: str) -> None:
    assert northwind.refused("timezone", zone).startswith("followup: timezone: ")
    assert northwind.rows()["settings"] == []


# The installed command


def test_the_command_itself_refuses_bad_input_in_one_line_and_asks_before_deleting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("FOLLOWUP_")}
    env.update(TZ=COMPUTER_ZONE, FOLLOWUP_DB=url, FOLLOWUP_NOW=NOW)

    def followup(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "followup", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip

    refused = followup("employer", "add", "Contoso", "--country", "US", "--subdivision", "TX")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.startswith("followup: employer.timezone: ")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert followup("employer", "list").stdout == "No employers yet.\n"

    assert followup("add", "--employer", "Contoso", "--timezone", "America/Chicago", "--country", "US",
                    "--subdivision", "TX", "--interview", INTERVIEW).returncode == 0  # fmt: skip
    declined = followup("delete", "1", stdin="n\n")
    assert declined.returncode == 1
    assert declined.stderr.endswith("followup: nothing deleted\n")
    assert json.loads(followup("list", "--json").stdout)["applications"][0]["id"] == 1
    assert followup("delete", "1", stdin="y\n").returncode == 0
    assert json.loads(followup("list", "--json").stdout)["applications"] == []
