"""Calendar files: follow-ups and interviews at the right local time in the employer's zone,
across a clock change; stable UIDs, and SEQUENCE moving on when an event changes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from sqlalchemy import Engine, delete, event

from followup.calendar.file import calendar
from followup.cli import cli
from followup.store import connect
from followup.store.applications import add_application, record_event
from followup.store.records import add_interview
from followup.store.schema import interviews

# Thursday 5 March 2026, before the US clock change of Sunday 8 March.
NOW = datetime(2026, 3, 5, 16, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Engine:
    engine = connect(f"sqlite:///{tmp_path / 'calendar.sqlite3'}")
    document = {"employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
                "interview": {"at": "2026-03-05T09:00:00-06:00"}}  # fmt: skip
    application = add_application(engine, document, now=NOW, role="Category buyer")
    add_interview(
        engine, application, {"at": "2026-03-10T10:00:00-05:00", "minutes": 90, "place": "200 W Madison"}, NOW
    )
    return engine


def events(made: Calendar) -> dict[str, object]:
    parsed = Calendar.from_ical(made.to_ical())
    return {str(event["uid"]): event for event in parsed.walk("VEVENT")}


def test_the_interview_after_the_clock_change_keeps_its_local_time(store: Engine) -> None:
    made = calendar(store, NOW)
    assert [str(zone["tzid"]) for zone in Calendar.from_ical(made.to_ical()).walk("VTIMEZONE")] == [
        "America/Chicago"
    ]
    interview = events(made)["interview-2@followup.local"]
    start = interview["dtstart"].dt  # type: ignore[index]
    assert start.tzinfo.key == "America/Chicago"  # type: ignore[union-attr]
    assert (start.hour, start.minute, start.utcoffset().total_seconds()) == (10, 0, -5 * 3600)
    assert interview["dtend"].dt == datetime(2026, 3, 10, 16, 30, tzinfo=UTC)  # type: ignore[index]
    assert str(interview["location"]) == "200 W Madison"  # type: ignore[index]


def test_a_follow_up_is_its_first_good_window_with_the_draft_and_an_alarm(store: Engine) -> None:
    follow_up = events(calendar(store, NOW))["follow-up-1-thank_you@followup.local"]
    start = follow_up["dtstart"].dt  # type: ignore[index]
    assert start.tzinfo.key == "America/Chicago" and start.date() == datetime(2026, 3, 5).date()  # type: ignore[union-attr]
    assert str(follow_up["summary"]) == "Send a thank-you note by email: Northwind Traders"  # type: ignore[index]
    assert "Thank you for taking the time to meet with me" in str(follow_up["description"])  # type: ignore[index]
    assert [str(alarm["action"]) for alarm in follow_up.walk("VALARM")] == ["DISPLAY"]  # type: ignore[attr-defined]


def test_exporting_again_updates_rather_than_duplicates(store: Engine) -> None:
    first = events(calendar(store, NOW))
    again = events(calendar(store, NOW))
    assert set(first) == set(again)
    assert {uid: int(event["sequence"]) for uid, event in again.items()} == dict.fromkeys(first, 0)  # type: ignore[index]
    record_event(
        store,
        1,
        {"at": NOW.isoformat(), "kind": "contacted", "channel": "email", "purpose": "thank_you"},
        now=NOW,
    )
    later = events(calendar(store, NOW))
    assert "follow-up-1-thank_you@followup.local" not in later  # sent: the next step is a check-in
    assert int(later["interview-2@followup.local"]["sequence"]) == 0  # type: ignore[index]


def test_followup_calendar_writes_a_file(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    add = [
        "add",
        "--employer",
        "Acme",
        "--country",
        "US",
        "--subdivision",
        "IL",
        "--interview",
        "2026-03-05T09:00:00-06:00",
    ]
    assert runner.invoke(cli, [*add, "--db", db, "--now", NOW.isoformat()]).exit_code == 0
    target = tmp_path / "plan.ics"
    done = runner.invoke(cli, ["calendar", "--output", str(target), "--db", db, "--now", NOW.isoformat()])
    assert done.exit_code == 0
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    refused = runner.invoke(cli, ["calendar", "--output", str(tmp_path / "no" / "plan.ics"), "--db", db])
    assert refused.exit_code == 2 and refused.stderr.startswith("followup: ")


def test_an_interview_has_its_alarm_its_people_and_what_comes_after(store: Engine) -> None:
    interview = events(calendar(store, NOW))["interview-2@followup.local"]
    assert [alarm["trigger"].dt for alarm in interview.walk("VALARM")] == [-timedelta(hours=1)]  # type: ignore[attr-defined]
    assert "Where: 200 W Madison." in str(interview["description"])  # type: ignore[index]
    assert "thank-you note" in str(interview["description"])  # type: ignore[index]


def test_a_round_keeps_its_uid_when_the_rounds_are_numbered_again_and_a_cancelled_one_says_so(
    store: Engine,
) -> None:
    add_interview(store, 1, {"at": "2026-03-12T10:00:00-05:00"}, NOW)  # round 3
    calendar(store, NOW, cancelled=True)  # the calendar as first imported
    with store.begin() as connection:  # round 2 is called off (as a cancelled invitation removes it)
        connection.execute(delete(interviews).where(interviews.c.id == 2))
    later = events(calendar(store, NOW, cancelled=True))
    assert int(later["interview-3@followup.local"]["sequence"]) == 0  # type: ignore[index]
    gone = later["interview-2@followup.local"]
    assert str(gone["status"]) == "CANCELLED" and int(gone["sequence"]) == 1  # type: ignore[index]
    again = events(calendar(store, NOW, cancelled=True))
    assert int(again["interview-2@followup.local"]["sequence"]) == 1  # type: ignore[index]  # told once
    assert "interview-2@followup.local" not in events(calendar(store, NOW))  # a feed just leaves it out


def test_a_calendar_made_again_with_nothing_new_writes_nothing(store: Engine) -> None:
    calendar(store, NOW)
    statements: list[str] = []
    event.listen(store, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0].upper()))
    calendar(store, NOW)  # as a calendar program polling the feed
    assert statements and not {"INSERT", "UPDATE", "DELETE"} & set(statements)


def test_followup_calendar_json_lists_the_same_events(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'json.sqlite3'}"
    runner = CliRunner()
    add = ["add", "--employer", "Acme", "--country", "US", "--subdivision", "IL", "--interview",
           "2026-03-05T09:00:00-06:00"]  # fmt: skip
    assert runner.invoke(cli, [*add, "--db", db, "--now", NOW.isoformat()]).exit_code == 0
    done = runner.invoke(cli, ["calendar", "--json", "--db", db, "--now", NOW.isoformat()])
    assert done.exit_code == 0
    listed = json.loads(done.stdout)["events"]
    assert [event["uid"] for event in listed] == ["follow-up-1-thank_you@followup.local"]
    assert listed[0]["timezone"] == "America/Chicago" and listed[0]["status"] == "CONFIRMED"
    assert listed[0]["summary"] == "Send a thank-you note by email: Acme"


def test_no_thank_you_email_is_put_in_the_calendar_when_they_ruled_out_email(store: Engine) -> None:
    banned = {"at": "2026-03-05T10:00:00-06:00", "kind": "no_contact", "channels": ["email"]}
    record_event(store, 1, banned, now=NOW)
    made = events(calendar(store, NOW))
    interview = made["interview-2@followup.local"]
    assert "thank-you note by email" not in str(interview["description"])  # type: ignore[index]
    assert "No email afterwards: On 5 March they asked you not to email." in str(interview["description"])  # type: ignore[index]
    assert not any("by email" in str(event["summary"]) for event in made.values())  # type: ignore[index]


def test_a_thank_you_due_before_a_closure_is_put_before_it(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'easter.sqlite3'}")
    now = datetime.fromisoformat("2026-04-02T16:45:00+01:00")  # the Thursday before Easter
    document = {"employer": {"name": "Thames Analytics", "country": "GB", "timezone": "Europe/London"},
                "interview": {"at": "2026-04-02T14:00:00+01:00"}}  # fmt: skip
    add_application(engine, document, now=now)
    follow_up = events(calendar(engine, now))["follow-up-1-thank_you@followup.local"]
    assert follow_up["dtstart"].dt.isoformat() == "2026-04-02T15:00:00+01:00"  # type: ignore[index]
