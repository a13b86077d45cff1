"""Interview invitations from calendar programs, imported as a person would: `followup
import-ics` on a real SQLite file (and a PostgreSQL database), with the sample invitations in
tests/data/invitations written in the styles of Google Calendar (UTC times), Outlook and
Exchange (a Windows zone name with its VTIMEZONE, CRLF, folded lines) and Apple Calendar (an
IANA TZID with its VTIMEZONE, an address).

Each refusal is one line on stderr naming the file and what is wrong, exit code 2, and leaves
every table as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select

from followup.calendar.invitations import Invitation, meeting, read_invitations, read_summary, their_side
from followup.cli import cli
from followup.store.schema import advice, edits, employers, interviews, metadata, settings

DATA = Path(__file__).parent / "data" / "invitations"
NOW = "2026-03-04T12:00:00-06:00"  # Wednesday 4 March, 12:00 in Chicago
YOUR_ZONE = "America/New_York"
GOOGLE, OUTLOOK, APPLE = DATA / "google_request.ics", DATA / "outlook_request.ics", DATA / "apple_request.ics"
RESCHEDULE, CANCEL = DATA / "outlook_reschedule.ics", DATA / "google_cancel.ics"
DISPLAY_NAME = DATA / "outlook_display_name.ics"
GOOGLE_UID = "7kq2d9v1m3h5n8p0r4t6w2y9b1@google.com"
DANA = "dana.whitfield@northwindtraders.com"


class Store:
    """A real store, and the `followup` command run on it at a fixed moment."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner(env={"TZ": YOUR_ZONE, "FOLLOWUP_DEBUG": None, "FOLLOWUP_NOW": None})
        self.ok("timezone", YOUR_ZONE)

    def run(self, *args: str | Path, now: str = NOW) -> Result:
        return self.runner.invoke(cli, [*map(str, args), "--db", self.url, "--now", now])

    def ok(self, *args: str | Path, now: str = NOW) -> str:
        result = self.run(*args, now=now)
        assert result.exit_code == 0, result.output
        return result.stdout

    def imported(self, path: str | Path, *options: str, now: str = NOW) -> list[dict[str, Any]]:
        """The events of a file, as `import-ics --json` reports them."""
        events: list[dict[str, Any]] = json.loads(self.ok("import-ics", path, *options, "--json", now=now))[
            "events"
        ]
        return events

    def northwind(self) -> None:
        """Application 1: a category buyer at Northwind Traders in Chicago, interviewed on 3 March."""
        employer = ["--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL"]
        self.ok("add", *employer, "--role", "Category buyer", "--interview", "2026-03-03T10:00:00-06:00")

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table (but the count of writes)."""
        engine = create_engine(self.url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            with engine.connect() as connection:
                return {
                    table.name: [
                        row._asdict()
                        for row in connection.execute(select(table).order_by(*table.primary_key.columns))
                        if table.name != "settings" or row.name != "version"
                    ]
                    for table in metadata.sorted_tables
                }
        finally:
            engine.dispose()

    def table(self, table: Any) -> list[Any]:
        return self.rows()[table.name]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'search.sqlite3'}")


def refused(store: Store, *args: str | Path, code: int = 2) -> str:
    """Run a command that must be refused: one line on stderr, nothing on stdout, nothing written."""
    before = store.rows()
    result = store.run(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup: "), result.stderr
    assert "Traceback" not in result.stderr
    assert store.rows() == before
    return lines[0]


def written(tmp_path: Path, name: str, text: str) -> Path:
    """An .ics file with CRLF line ends, as calendar programs write them."""
    path = tmp_path / name
    path.write_bytes(text.strip("\n").replace("\n", "\r\n").encode() + b"\r\n")
    return path


NORTHWIND = "Interview: Category buyer at Northwind Traders"
TAILSPIN = "Phone screen: Operations coordinator at Tailspin Toys"


def event(
    uid: str,
    start: str,
    summary: str,
    *,
    more: str = "",
    end: str = "",
    by: str = "sam.okafor@tailspintoys.com",
) -> str:
    lines = [
        "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260304T150000Z", start, end or "DURATION:PT45M",
        f"SUMMARY:{summary}", f"ORGANIZER;CN=Sam Okafor:mailto:{by}",
        "ATTENDEE;CN=Alex Morgan;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alex.morgan@example.org",
        *more.split("\n"), "END:VEVENT",
    ]  # fmt: skip
    return "\n".join(line for line in lines if line)


def calendar(*events: str, method: str = "METHOD:REQUEST") -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example Corp.//Calendar 3.1//EN", method]
    return "\n".join([*(line for line in head if line), *events, "END:VCALENDAR"])


# Each calendar program's style, at the right time and in the right zone.


def test_a_google_invitation_adds_the_next_round_to_the_stored_application(store: Store) -> None:
    store.northwind()
    [done] = store.imported(GOOGLE)
    assert (done["action"], done["application"], done["round"]) == ("added", 1, 2)
    assert done["employer"] == {
        "id": 1,
        "name": "Northwind Traders",
        "timezone": "America/Chicago",
        "added": False,
    }
    # 15:00 UTC on Tuesday 10 March is 10:00 in Chicago: the US clocks moved on the 8th.
    assert done["at"] == "2026-03-10T15:00:00+00:00"
    assert done["their_time"] == "2026-03-10T10:00:00-05:00"
    assert done["your_time"] == {"timezone": YOUR_ZONE, "at": "2026-03-10T11:00:00-04:00"}
    assert (done["minutes"], done["format"], done["place"]) == (
        45,
        "video",
        "https://meet.google.com/xvb-mqtr-kpa",
    )
    assert done["interviewers"] == ["Dana Whitfield", "Marcus Lee"]  # not you, a guest from another domain
    assert done["contacts_added"] == ["Dana Whitfield", "Marcus Lee"]
    second = store.table(interviews)[1]
    assert (second["round"], second["invitation_uid"], second["invitation_sequence"]) == (2, GOOGLE_UID, 0)
    assert second["at"] == datetime(2026, 3, 10, 15, tzinfo=UTC)
    text = store.ok("import-ics", GOOGLE, now="2026-03-04T13:00:00-06:00")
    assert "unchanged: round 2 of application 1" in text


def test_an_outlook_invitation_in_a_windows_zone_adds_its_employer_and_application(store: Store) -> None:
    [done] = store.imported(OUTLOOK)
    assert (done["action"], done["application"], done["round"]) == ("added", 1, 1)
    assert done["employer"] == {
        "id": 1, "name": "Contoso Pharmaceuticals", "timezone": "America/New_York", "added": True,
    }  # fmt: skip
    assert (done["role"], done["application_added"]) == ("Senior Data Analyst", True)
    # 14:00 "Eastern Standard Time" on Thursday 12 March, after the clock change: 18:00 UTC.
    assert done["at"] == "2026-03-12T18:00:00+00:00"
    assert done["their_time"] == "2026-03-12T14:00:00-04:00"
    assert done["minutes"] == 60 and done["format"] == "video"
    assert done["place"].startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NGQ3")
    assert done["interviewers"] == ["Priya Raman", "Tomás Herrera"]  # not the boardroom, not you
    employer = store.rows()["employers"][0]
    assert (employer["timezone"], employer["country"], employer["timezone_inferred"]) == (
        "America/New_York", "US", False,
    )  # fmt: skip
    shown = json.loads(store.ok("show", "1", "--json"))
    assert shown["advice"]["action"] in ("wait", "follow_up")


def test_an_apple_invitation_in_berlin_is_onsite_at_its_address(store: Store) -> None:
    [done] = store.imported(APPLE)
    assert done["employer"]["name"] == "Fabrikam GmbH" and done["employer"]["timezone"] == "Europe/Berlin"
    assert done["role"] == "Product Designer"
    assert done["at"] == "2026-03-17T09:00:00+00:00"  # 10:00 in Berlin, still on winter time
    assert done["their_time"] == "2026-03-17T10:00:00+01:00"
    assert done["your_time"]["at"] == "2026-03-17T05:00:00-04:00"
    assert (done["minutes"], done["format"]) == (90, "onsite")
    assert done["place"] == "Fabrikam GmbH, Friedrichstraße 68, 10117 Berlin, Germany"
    assert done["interviewers"] == ["Jana Köhler"]
    employer = store.rows()["employers"][0]
    assert (employer["country"], employer["address"]) == ("DE", done["place"])


def test_the_text_says_what_was_done_in_their_time_and_yours(store: Store) -> None:
    store.northwind()
    text = store.ok("import-ics", GOOGLE)
    assert f"{GOOGLE}, event 1: added round 2 to application 1 (Northwind Traders, Category buyer)" in text
    assert "Tuesday 10 March at 10:00 their time (America/Chicago), 11:00 yours (America/New_York)" in text
    assert "with Dana Whitfield, Marcus Lee" in text


def test_an_outlook_invitation_with_a_windows_display_name_adds_its_employer_in_its_zone(
    store: Store,
) -> None:
    [done] = store.imported(DISPLAY_NAME)
    assert done["employer"] == {
        "id": 1,
        "name": "Woodgrove Bank",
        "timezone": "America/New_York",
        "added": True,
    }
    assert (done["role"], done["format"]) == ("Relationship Manager", "onsite")
    assert done["at"] == "2026-03-13T13:30:00+00:00" and done["their_time"] == "2026-03-13T09:30:00-04:00"
    assert done["interviewers"] == ["Lena Ortiz", "Rahul Mehta"]
    assert [row["country"] for row in store.table(employers)] == ["US"]


def test_a_zone_known_by_no_name_is_told_by_its_clock_yours_first(store: Store, tmp_path: Path) -> None:
    text = DISPLAY_NAME.read_bytes().replace(
        b"(UTC-05:00) Eastern Time (US & Canada)", b"Customized Time Zone"
    )
    (tmp_path / "custom.ics").write_bytes(text)
    store.ok("timezone", "America/Toronto")
    [done] = store.imported(tmp_path / "custom.ics")
    assert done["employer"]["timezone"] == "America/Toronto"  # keeps the file's clock, and is yours
    assert done["their_time"] == "2026-03-13T09:30:00-04:00"
    assert any("the invitation's clock" in note for note in done["notes"])


def test_a_plain_export_without_method_and_with_bare_line_ends_is_read_as_an_invitation(
    store: Store, tmp_path: Path
) -> None:
    text = APPLE.read_bytes().decode().replace("METHOD:REQUEST\r\n", "").replace("\r\n", "\n")
    path = tmp_path / "exported.ics"
    path.write_text(text, encoding="utf-8")
    [done] = store.imported(path)
    assert done["action"] == "added" and done["their_time"] == "2026-03-17T10:00:00+01:00"


# Rescheduling and cancelling, by UID and SEQUENCE.


def test_a_reschedule_moves_the_round_and_the_advice_follows(store: Store) -> None:
    store.imported(OUTLOOK)
    before = store.table(advice)[0]
    [done] = store.imported(RESCHEDULE)
    assert done["action"] == "rescheduled" and done["round"] == 1
    assert done["was_at"] == "2026-03-12T18:00:00+00:00"
    assert done["their_time"] == "2026-03-13T09:30:00-04:00"
    [round_] = store.table(interviews)
    assert round_["at"] == datetime(2026, 3, 13, 13, 30, tzinfo=UTC) and round_["invitation_sequence"] == 1
    after = store.table(advice)[0]
    assert after["body"] != before["body"] and after["changes_at"] != before["changes_at"]
    logged = {
        row["field"]: (row["old"], row["new"]) for row in store.table(edits) if row["subject"] == "interview"
    }
    assert logged["at"] == ("2026-03-12T18:00:00+00:00", "2026-03-13T13:30:00+00:00")
    assert logged["invitation_sequence"] == (0, 1)
    text = store.ok("import-ics", RESCHEDULE)
    assert "unchanged" in text


def test_an_older_sequence_is_ignored(store: Store) -> None:
    store.imported(OUTLOOK)
    store.imported(RESCHEDULE)
    rows = store.rows()
    [done] = store.imported(OUTLOOK)  # the first version, SEQUENCE 0, after SEQUENCE 1
    assert done["action"] == "unchanged"
    assert done["their_time"] == "2026-03-13T09:30:00-04:00"
    assert any("time differs" in note for note in done["notes"])
    assert store.rows() == rows


def test_the_same_sequence_with_a_later_dtstamp_is_the_newer_copy(store: Store, tmp_path: Path) -> None:
    store.imported(OUTLOOK)
    moved = (
        OUTLOOK.read_bytes()
        .replace(b"20260312T140000", b"20260312T160000")
        .replace(b"20260312T150000", b"20260312T170000")
    )
    later = tmp_path / "later.ics"
    later.write_bytes(moved.replace(b"DTSTAMP:20260304T161844Z", b"DTSTAMP:20260305T090000Z"))
    [done] = store.imported(
        later
    )  # SEQUENCE 0 both, but stamped later: Outlook moved it without a new SEQUENCE
    assert done["action"] == "rescheduled" and done["their_time"] == "2026-03-12T16:00:00-04:00"
    stamps = [row["new"] for row in store.table(edits) if row["field"] == "invitation_stamp"]
    assert stamps == ["2026-03-04T16:18:44+00:00", "2026-03-05T09:00:00+00:00"]
    rows = store.rows()
    assert store.imported(OUTLOOK)[0]["action"] == "unchanged"  # the earlier copy, stamped before
    assert store.imported(later)[0]["action"] == "unchanged"
    assert store.rows() == rows


def test_a_cancellation_removes_the_round_and_the_advice_is_as_before(store: Store) -> None:
    store.northwind()
    before = store.table(advice)[0]
    store.imported(GOOGLE)
    assert store.table(advice)[0]["body"] != before["body"]
    [done] = store.imported(CANCEL)
    assert (done["action"], done["application"], done["round"]) == ("cancelled", 1, 2)
    assert [row["round"] for row in store.table(interviews)] == [1]
    after = store.table(advice)[0]
    assert (after["action"], after["not_before"], after["body"]) == (
        before["action"], before["not_before"], before["body"],
    )  # fmt: skip
    [logged] = [row for row in store.table(edits) if row["field"] == "cancelled"]
    assert logged["new"] == {"invitation_uid": GOOGLE_UID, "invitation_sequence": 1}
    rows = store.rows()
    assert store.imported(CANCEL)[0]["notes"] == ["cancelled already"]
    assert store.imported(GOOGLE)[0]["action"] == "unchanged"  # the invitation, older than its cancellation
    assert store.rows() == rows


def test_cancelling_a_round_between_two_others_numbers_them_again(store: Store, tmp_path: Path) -> None:
    store.northwind()
    final = event(
        "final@northwindtraders.com", "DTSTART:20260317T150000Z", f"Final {NORTHWIND.lower()}", by=DANA
    )
    later = written(tmp_path, "later.ics", calendar(final))
    store.imported(later)
    store.imported(GOOGLE)  # comes before the final round: it becomes round 2, the final round 3
    rounds = sorted((row["round"], row["invitation_uid"]) for row in store.table(interviews))
    assert rounds == [(1, None), (2, GOOGLE_UID), (3, "final@northwindtraders.com")]
    store.imported(CANCEL)
    rounds = sorted((row["round"], row["invitation_uid"]) for row in store.table(interviews))
    assert rounds == [(1, None), (2, "final@northwindtraders.com")]


def test_cancelling_the_only_round_an_invitation_added_deletes_its_application(
    store: Store, tmp_path: Path
) -> None:
    store.imported(OUTLOOK)
    cancel = (
        OUTLOOK.read_bytes()
        .replace(b"METHOD:REQUEST", b"METHOD:CANCEL")
        .replace(b"SEQUENCE:0", b"SEQUENCE:2")
    )
    (tmp_path / "cancel.ics").write_bytes(cancel)
    [done] = store.imported(tmp_path / "cancel.ics")
    assert done["action"] == "cancelled" and done["application_deleted"] is True
    rows = store.rows()
    assert rows["applications"] == [] and rows["interviews"] == []
    assert [row["name"] for row in rows["employers"]] == ["Contoso Pharmaceuticals"]


def test_the_only_round_of_an_application_with_more_in_it_is_not_cancelled(
    store: Store, tmp_path: Path
) -> None:
    store.imported(OUTLOOK)
    store.ok(
        "contacted", "1", "--channel", "email", "--purpose", "check_in", "--at", "2026-03-04T11:00:00-06:00"
    )
    cancel = OUTLOOK.read_bytes().replace(b"METHOD:REQUEST", b"METHOD:CANCEL")
    (tmp_path / "cancel.ics").write_bytes(cancel)
    line = refused(store, "import-ics", tmp_path / "cancel.ics")
    assert "only interview of application 1" in line and "followup delete 1" in line


def test_a_cancellation_of_a_round_already_past_keeps_it(store: Store) -> None:
    store.northwind()
    store.imported(GOOGLE)
    [done] = store.imported(CANCEL, now="2026-03-11T09:00:00-05:00")
    assert done["action"] == "kept"
    assert [row["round"] for row in store.table(interviews)] == [1, 2]


def test_a_cancellation_before_its_invitation_is_remembered_and_exits_1(store: Store, tmp_path: Path) -> None:
    store.northwind()
    before = store.rows()
    result = store.run("import-ics", CANCEL)
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"followup: {CANCEL}: event 1 (UID {GOOGLE_UID})")
    assert "nothing to cancel" in line and "it is remembered" in line
    rows = store.rows()
    assert {name: rows[name] for name in rows if name != "settings"} == {
        name: before[name] for name in before if name != "settings"
    }
    assert {"name": "cancelled_invitations", "value": json.dumps({GOOGLE_UID: 1})} in rows["settings"]
    assert store.run("import-ics", CANCEL).exit_code == 1 and store.rows() == rows  # again: the same
    [done] = store.imported(GOOGLE)  # the invitation (SEQUENCE 0) comes after its cancellation (1)
    assert done["action"] == "unchanged" and "not added" in done["notes"][0]
    same = written(tmp_path, "same.ics", GOOGLE.read_text().replace("SEQUENCE:0", "SEQUENCE:1"))
    assert store.imported(same)[0]["action"] == "unchanged"
    assert store.rows() == rows
    exported = json.loads(store.ok("export"))
    assert [row["name"] for row in exported["settings"]] == ["timezone"]  # bookkeeping, not your data
    again = written(tmp_path, "again.ics", GOOGLE.read_text().replace("SEQUENCE:0", "SEQUENCE:2"))
    [done] = store.imported(again)  # invited again, a newer version: added, and forgotten
    assert (done["action"], done["round"]) == ("added", 2)
    assert "cancelled_invitations" not in {row["name"] for row in store.table(settings)}


def test_a_file_with_a_cancellation_and_its_older_invitation_is_imported(
    store: Store, tmp_path: Path
) -> None:
    store.northwind()
    both = tmp_path / "both.ics"
    both.write_bytes(CANCEL.read_bytes() + GOOGLE.read_bytes())
    done = store.imported(both)
    assert [item["action"] for item in done] == ["unchanged", "unchanged"]
    assert "it is remembered" in done[0]["notes"][0] and "not added" in done[1]["notes"][0]
    assert len(store.table(interviews)) == 1
    other_way = tmp_path / "other-way.ics"
    other_way.write_bytes(
        GOOGLE.read_bytes().replace(b"7kq2d9", b"9zz2d9") + CANCEL.read_bytes().replace(b"7kq2d9", b"9zz2d9")
    )
    assert [item["action"] for item in store.imported(other_way)] == ["added", "cancelled"]
    assert len(store.table(interviews)) == 1


@pytest.mark.parametrize("path", [GOOGLE, OUTLOOK, APPLE, RESCHEDULE], ids=lambda path: path.stem)
def test_importing_the_same_file_twice_changes_nothing(store: Store, path: Path) -> None:
    store.northwind()
    store.imported(OUTLOOK)
    store.imported(path)
    rows = store.rows()
    assert [done["action"] for done in store.imported(path)] == ["unchanged"]
    assert store.rows() == rows


def test_an_invitation_for_a_round_stored_by_hand_is_linked_to_it(store: Store) -> None:
    store.northwind()
    store.ok("interview", "add", "1", "--at", "2026-03-10T10:00:00-05:00")
    [done] = store.imported(GOOGLE)
    assert (done["action"], done["round"]) == ("linked", 2)
    assert len(store.table(interviews)) == 2
    round_ = store.table(interviews)[1]
    assert (round_["invitation_uid"], round_["format"], round_["minutes"]) == (GOOGLE_UID, "video", 45)


# Matching an invitation to its employer and application.


def test_a_floating_time_is_read_in_the_employers_zone(store: Store, tmp_path: Path) -> None:
    store.northwind()
    path = written(
        tmp_path, "floating.ics", calendar(event("f@northwind", "DTSTART:20260311T140000", NORTHWIND))
    )
    [done] = store.imported(path)
    assert done["their_time"] == "2026-03-11T14:00:00-05:00"
    assert any("read as America/Chicago time" in note for note in done["notes"])


def test_an_employer_named_in_utc_alone_takes_the_zone_of_its_phone_number(
    store: Store, tmp_path: Path
) -> None:
    screen = event(
        "screen@tailspintoys.com", "DTSTART:20260311T160000Z", TAILSPIN, more="LOCATION:+1 206 555 0148"
    )
    path = written(tmp_path, "tailspin.ics", calendar(screen))
    text = store.ok("import-ics", path)
    assert "time zone America/Los_Angeles from the phone number +1 206 555 0148" in text
    assert "`followup edit employer 1 timezone=...`" in text
    [row] = store.table(employers)
    assert (row["timezone"], row["country"]) == ("America/Los_Angeles", "US")
    [done] = store.imported(path)
    assert done["employer"]["timezone"] == "America/Los_Angeles" and done["role"] == "Operations coordinator"
    assert (done["their_time"], done["format"], done["place"]) == (
        "2026-03-11T09:00:00-07:00", "phone", "+1 206 555 0148",
    )  # fmt: skip


def test_an_employer_named_in_utc_alone_is_in_your_zone_unless_told(store: Store, tmp_path: Path) -> None:
    path = written(
        tmp_path,
        "tailspin.ics",
        calendar(event("screen@tailspintoys.com", "DTSTART:20260311T160000Z", TAILSPIN)),
    )
    [done] = store.imported(path)
    assert done["employer"]["timezone"] == YOUR_ZONE and done["their_time"] == "2026-03-11T12:00:00-04:00"
    assert any(f"time zone {YOUR_ZONE} from your own time zone" in note for note in done["notes"])
    fabrikam = "Interview: Designer at Fabrikam GmbH"
    other = written(tmp_path, "other.ics", calendar(event(
        "screen@fabrikam.de", "DTSTART:20260312T090000Z", fabrikam, by="jana@fabrikam.de",
    )))  # fmt: skip
    [done] = store.imported(other, "--timezone", "Europe/Berlin")
    assert (
        done["employer"]["timezone"] == "Europe/Berlin" and done["their_time"] == "2026-03-12T10:00:00+01:00"
    )
    assert any("time zone Europe/Berlin from --timezone" in note for note in done["notes"])


def test_a_floating_time_for_an_employer_not_stored_needs_its_zone(store: Store, tmp_path: Path) -> None:
    path = written(
        tmp_path,
        "tailspin.ics",
        calendar(event("screen@tailspintoys.com", "DTSTART:20260311T090000", TAILSPIN)),
    )
    line = refused(store, "import-ics", path)
    assert (
        "Tailspin Toys is not stored yet" in line and "without a time zone" in line and "--timezone" in line
    )
    [done] = store.imported(path, "--timezone", "America/Los_Angeles")
    assert done["their_time"] == "2026-03-11T09:00:00-07:00"


def test_the_organizers_mail_domain_finds_the_employer(store: Store, tmp_path: Path) -> None:
    store.northwind()
    path = written(tmp_path, "catch-up.ics", calendar(event(
        "catchup@northwindtraders.com", "DTSTART:20260312T170000Z", "Next steps",
    ).replace("sam.okafor@tailspintoys.com", "dana@northwindtraders.com")))  # fmt: skip
    [done] = store.imported(path)
    assert (done["application"], done["round"]) == (1, 2)


def test_a_personal_mail_domain_finds_no_employer(store: Store, tmp_path: Path) -> None:
    store.northwind()
    store.ok("contact", "add", "1", "Dana Whitfield", "--email", "dana.whitfield@gmail.com")
    chat = event("chat@gmail.com", "DTSTART:20260312T170000Z", "Coffee chat", by="sam.okafor@gmail.com")
    chat = chat.replace("alex.morgan@example.org", "alex.morgan@gmail.com")
    path = written(tmp_path, "chat.ics", calendar(chat))
    assert "give --employer ID or --application ID" in refused(store, "import-ics", path)
    [done] = store.imported(path, "--application", "1")
    assert done["interviewers"] == ["Sam Okafor"]  # not you, though you share the domain


def test_the_options_choose_the_application_and_the_role(store: Store, tmp_path: Path) -> None:
    store.northwind()
    path = written(tmp_path, "next-steps.ics", calendar(event(
        "next@example.net", "DTSTART:20260312T170000Z", "Next steps",
    )))  # fmt: skip
    assert "give --employer ID or --application ID" in refused(store, "import-ics", path)
    assert store.imported(path, "--application", "1")[0]["round"] == 2
    other = written(
        tmp_path, "other.ics", calendar(event("other@example.net", "DTSTART:20260313T170000Z", "Chat"))
    )
    [done] = store.imported(other, "--employer", "1", "--role", "Senior buyer")
    assert (done["application"], done["role"], done["application_added"]) == (2, "Senior buyer", True)
    assert "no application 9" in refused(store, "import-ics", other, "--application", "9")


def test_your_own_address_is_not_an_interviewer(store: Store, tmp_path: Path) -> None:
    store.northwind()
    text = GOOGLE.read_bytes().replace(b"alex.morgan@example.org", b"alex.morgan@northwindtraders.com")
    (tmp_path / "internal.ics").write_bytes(text)
    [done] = store.imported(tmp_path / "internal.ics", "--me", "alex.morgan@northwindtraders.com")
    assert done["interviewers"] == ["Dana Whitfield", "Marcus Lee"]


def test_a_file_is_imported_whole_or_not_at_all(store: Store, tmp_path: Path) -> None:
    store.northwind()
    three = calendar(
        event("one@northwindtraders.com", "DTSTART:20260310T150000Z", NORTHWIND, by=DANA),
        event("two@northwindtraders.com", "DTSTART:20260317T150000Z", f"Final {NORTHWIND.lower()}", by=DANA),
        event("three@tailspintoys.com", "DTSTART:20260311T090000", TAILSPIN),
    )
    path = written(tmp_path, "three.ics", three)
    line = refused(
        store, "import-ics", path
    )  # the third, floating, needs the zone of an employer not stored yet
    assert line.startswith(f"followup: nothing imported: {path}: event 3 (UID three@tailspintoys.com)")
    assert [done["action"] for done in store.imported(path, "--timezone", "America/Chicago")] == ["added"] * 3
    assert len(store.table(interviews)) == 4


# Bad input: one line, exit code 2, nothing written.

BROKEN = {
    "not_ics": "not an iCalendar file: it starts with '<!DOCTYPE html>', not BEGIN:VCALENDAR",
    "no_start": "event 2 (UID 6h0j3l5n7p9r1t3v5x7z9b2d4f@google.com): DTSTART: missing",
    "all_day": "event 1 (UID C07D1E5B-93A2-4F6E-B8D4-71E2A9F03C58): DTSTART: an all-day event",
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_sample_is_refused_in_one_line(store: Store, name: str) -> None:
    store.northwind()
    path = DATA / f"{name}.ics"
    assert refused(store, "import-ics", path).startswith(f"followup: {path}: {BROKEN[name]}")


BAD_EVENTS = {
    "no uid": (event("", "DTSTART:20260311T160000Z", "Interview"), "event 1: UID: missing"),
    "bad start": (event("x@y", "DTSTART:2026031", "Interview"), "DTSTART: cannot be read"),
    "backwards": (
        event("x@y", "DTSTART:20260311T160000Z", "Interview", end="DTEND:20260311T150000Z"),
        "DTEND: ends before it starts",
    ),
    "recurring": (
        event("x@y", "DTSTART:20260311T160000Z", "Interview", more="RRULE:FREQ=WEEKLY;COUNT=3"),
        "RRULE: a recurring event",
    ),
    "moved occurrence": (
        event("x@y", "DTSTART:20260311T160000Z", "Interview", more="RECURRENCE-ID:20260310T160000Z"),
        "RECURRENCE-ID: one moved occurrence",
    ),
    "unknown zone": (
        event("x@y", "DTSTART;TZID=Customized Time Zone:20260311T160000", "Interview"),
        "DTSTART: unknown time zone 'Customized Time Zone'",
    ),
    "bad sequence": (event("x@y", "DTSTART:20260311T160000Z", "Interview", more="SEQUENCE:two"), "SEQUENCE"),
    "bad line": (
        event("x@y", "DTSTART:20260311T160000Z", "Interview", more="this is no calendar line"),
        "line",
    ),
}


@pytest.mark.parametrize("case", BAD_EVENTS, ids=str)
def test_a_broken_event_is_refused_naming_its_field(store: Store, tmp_path: Path, case: str) -> None:
    text, expected = BAD_EVENTS[case]
    path = written(tmp_path, "bad.ics", calendar(text))
    line = refused(store, "import-ics", path)
    assert line.startswith(f"followup: {path}: ") and expected in line, line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        (calendar(), "no event (VEVENT) in it"),
        (
            calendar(event("x@y", "DTSTART:20260311T160000Z", "Interview"), method="METHOD:REPLY"),
            "METHOD: REPLY",
        ),
        ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:20260311T160000Z\n", "cut short"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Dana Whitfield\nEND:VCARD", "a contact card (vCard)"),
        (
            calendar(event("x@y", "DTSTART:20260311T160000Z", "Interview")).replace(
                "-//Example Corp.//Calendar 3.1//EN", "-//followup//followup calendar//EN"
            ),
            "followup's own calendar",
        ),
    ],
    ids=["empty", "no events", "a reply", "cut short", "a vcard", "our own calendar"],
)
def test_a_file_that_is_no_invitation_is_refused(
    store: Store, tmp_path: Path, text: str, expected: str
) -> None:
    path = written(tmp_path, "bad.ics", text)
    line = refused(store, "import-ics", path)
    assert line.startswith(f"followup: {path}: ") and expected in line, line


def test_an_unreadable_or_missing_file_is_named(store: Store, tmp_path: Path) -> None:
    (tmp_path / "latin1.ics").write_bytes(b"BEGIN:VCALENDAR\r\nSUMMARY:Vorstellungsgespr\xe4ch\r\n")
    assert "not UTF-8 text" in refused(store, "import-ics", tmp_path / "latin1.ics")
    assert "cannot read the file" in refused(store, "import-ics", tmp_path / "missing.ics")
    assert "--timezone" in refused(store, "import-ics", GOOGLE, "--timezone", "Mars/Olympus")


# Reading: pure functions on the parts of an invitation.


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Interview: Category buyer at Northwind Traders", ("Category buyer", "Northwind Traders", None)),
        ("Interview: Senior Data Analyst - Contoso Ltd", ("Senior Data Analyst", "Contoso Ltd", None)),
        ("Product Designer interview (Fabrikam GmbH)", ("Product Designer", "Fabrikam GmbH", None)),
        ("Second interview: Coordinator at Tailspin Toys", ("Coordinator", "Tailspin Toys", 2)),
        ("Interview with Contoso for the Data Analyst role", ("Data Analyst", "Contoso", None)),
        ("Contoso: Data Analyst interview", ("Data Analyst", "Contoso", None)),
        ("Updated invitation: Round 3: Buyer at Northwind", ("Buyer", "Northwind", 3)),
        ("Interview with Priya Raman", (None, None, None)),  # a person, not an employer
        ("Catch-up", (None, None, None)),
    ],
)  # fmt: skip
def test_the_summary_tells_the_role_the_employer_and_the_round(
    summary: str, expected: tuple[str | None, str | None, int | None]
) -> None:
    assert read_summary(summary, {"priya raman"}) == expected


def test_the_organizers_domain_tells_which_side_of_a_dash_is_the_employer() -> None:
    assert read_summary("Interview: Contoso - Senior Data Analyst", domain="contoso.com")[:2] == (
        "Senior Data Analyst", "Contoso",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("location", "description", "summary", "expected"),
    [
        ("", "Join Zoom Meeting https://us02web.zoom.us/j/81234567890?pwd=abc", "Interview",
         ("video", "https://us02web.zoom.us/j/81234567890?pwd=abc")),
        ("Phone: +44 20 7946 0958", "", "Interview", ("phone", "+44 20 7946 0958")),
        ("Phone call", "I will call you on +1 312 555 0100.", "Interview", ("phone", "+1 312 555 0100")),
        ("Northwind Traders\n200 W Adams St\nChicago, IL 60606", "", "Interview",
         ("onsite", "Northwind Traders, 200 W Adams St, Chicago, IL 60606")),
        ("", "", "Phone screen", ("phone", None)),
        ("", "", "Interview", (None, None)),
    ],
)  # fmt: skip
def test_the_place_tells_the_format(
    location: str, description: str, summary: str, expected: tuple[str | None, str | None]
) -> None:
    assert meeting(location, description, summary, []) == expected


def _only(path: Path) -> Invitation:
    [found] = read_invitations(path.read_bytes(), path.name)
    return found


def test_outlooks_windows_zone_is_named_by_its_iana_zone() -> None:
    found = _only(OUTLOOK)
    assert (found.zone_written, found.zone) == ("Eastern Standard Time", "America/New_York")
    assert found.start is not None and found.start.utcoffset() is not None
    assert found.start.astimezone(UTC) == datetime(2026, 3, 12, 18, tzinfo=UTC)


def test_a_windows_zone_whose_vtimezone_disagrees_is_not_named(tmp_path: Path) -> None:
    """A VTIMEZONE that keeps another clock than the zone its name maps to: its own instant,
    and no zone name (the offsets decide)."""
    text = OUTLOOK.read_bytes().replace(b"TZOFFSETTO:-0400", b"TZOFFSETTO:-0300")
    found = read_invitations(text, "odd.ics")[0]
    assert found.zone is None
    assert found.start is not None and found.start.astimezone(UTC) == datetime(2026, 3, 12, 17, tzinfo=UTC)


def test_a_windows_zone_whose_vtimezone_keeps_another_zones_clock_is_not_told_by_that_clock() -> None:
    """A TZID known by name whose VTIMEZONE keeps UTC-05:00 all year (Bogota's clock): no zone,
    rather than one the name does not stand for."""
    text = OUTLOOK.read_bytes().replace(b"TZOFFSETTO:-0400", b"TZOFFSETTO:-0500")
    found = read_invitations(text, "odd.ics")[0]
    assert (found.zone, found.zone_choices) == (None, ())
    assert found.start is not None and found.start.astimezone(UTC) == datetime(2026, 3, 12, 19, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tzid", "expected"),
    [
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"),
        ("(UTC+05:30) New Delhi", "Asia/Kolkata"),
        ("(GMT+09:00) Osaka, Sapporo, Tokyo", "Asia/Tokyo"),
        ("GMT Standard Time", "Europe/London"),
    ],
)
def test_a_windows_display_name_without_its_vtimezone_is_known(
    tmp_path: Path, tzid: str, expected: str
) -> None:
    path = written(
        tmp_path, "shown.ics", calendar(event("x@y", f'DTSTART;TZID="{tzid}":20260311T100000', "Interview"))
    )
    found = _only(path)
    assert found.zone == expected and found.start is not None
    assert found.start.utcoffset() == found.start.replace(tzinfo=ZoneInfo(expected)).utcoffset()


def test_a_vtimezone_known_by_no_name_gives_the_zones_that_keep_its_clock() -> None:
    text = DISPLAY_NAME.read_bytes().replace(
        b"(UTC-05:00) Eastern Time (US & Canada)", b"Customized Time Zone"
    )
    found = read_invitations(text, "custom.ics")[0]
    assert found.zone == "America/New_York" and "America/Toronto" in found.zone_choices
    assert "America/Chicago" not in found.zone_choices and "America/Havana" in found.zone_choices


def test_the_employers_people_are_the_organizer_and_the_attendees_at_its_domain() -> None:
    found = _only(OUTLOOK)
    assert [person.shown for person in their_side(found)] == ["Priya Raman", "Tomás Herrera"]
    assert [person.shown for person in their_side(found, (), "Tomás Herrera")] == ["Priya Raman"]


def test_an_invitation_from_a_scheduling_system_finds_the_employers_people() -> None:
    text = GOOGLE.read_bytes().replace(
        b"ORGANIZER;CN=Dana Whitfield:mailto:dana.whitfield@northwindtraders.com",
        b"ORGANIZER;CN=Northwind Traders Recruiting:mailto:no-reply@us.greenhouse-mail.io",
    )
    found = read_invitations(text, "greenhouse.ics")[0]
    assert [person.shown for person in their_side(found)] == ["Dana Whitfield", "Marcus Lee"]


CALENDLY = "ORGANIZER;CN=Calendly:mailto:no-reply@calendly.com"
ASKED = "PARTSTAT=NEEDS-ACTION;RSVP=TRUE"


def _calendly(*attendees: str, summary: str = "Jordan Lee and Alex Morgan") -> Invitation:
    text = calendar(
        "\n".join(
            ["BEGIN:VEVENT", "UID:c@calendly.com", "DTSTART:20260311T160000Z", f"SUMMARY:{summary}", CALENDLY,
             *attendees, "END:VEVENT"]
        )
    )  # fmt: skip
    return read_invitations(text.encode(), "calendly.ics")[0]


def test_a_scheduling_systems_invitee_is_not_an_interviewer() -> None:
    jordan = "ATTENDEE;CN=Jordan Lee;PARTSTAT=ACCEPTED:mailto:jordan.lee@contoso.com"
    alex = f"ATTENDEE;CN=Alex Morgan;{ASKED}:mailto:alex.morgan@example.org"
    shown = [person.shown for person in their_side(_calendly(jordan, alex))]
    assert shown == ["Jordan Lee"]  # the one asked to answer is you
    assert [person.shown for person in their_side(_calendly(alex))] == []  # you alone
    both_asked = _calendly(jordan.replace("PARTSTAT=ACCEPTED", ASKED), alex)
    assert [person.shown for person in their_side(both_asked)] == []  # cannot tell who is you: neither
    assert [person.shown for person in their_side(both_asked, ("alex.morgan@example.org",))] == ["Jordan Lee"]
    named = _calendly(
        jordan.replace("PARTSTAT=ACCEPTED", ASKED), alex, summary="Interview: Analyst - Contoso"
    )
    assert [person.shown for person in their_side(named)] == ["Jordan Lee"]  # contoso.com is Contoso's


def test_a_calendly_invitation_on_a_store_leaves_you_out(store: Store, tmp_path: Path) -> None:
    store.northwind()
    dana = f"ATTENDEE;CN=Dana Whitfield;PARTSTAT=ACCEPTED:mailto:{DANA}"
    booked = event(
        "b@calendly.com", "DTSTART:20260312T170000Z", NORTHWIND, by="no-reply@calendly.com", more=dana
    )
    [done] = store.imported(written(tmp_path, "calendly.ics", calendar(booked)))
    assert done["interviewers"] == ["Dana Whitfield"] and done["contacts_added"] == ["Dana Whitfield"]
    you = event("c@calendly.com", "DTSTART:20260313T170000Z", NORTHWIND, by="no-reply@calendly.com")
    [done] = store.imported(written(tmp_path, "you.ics", calendar(you)), "--me", "alex.morgan@example.org")
    assert done["interviewers"] == [] and done["contacts_added"] == []


# The console entry, and a real PostgreSQL store.


def test_the_installed_command_imports_invitations(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "followup"
    command = [str(program)] if program.exists() else [sys.executable, "-m", "followup"]
    environment = {**os.environ, "TZ": YOUR_ZONE, "FOLLOWUP_DB": f"sqlite:///{tmp_path / 'search.sqlite3'}",
                   "FOLLOWUP_NOW": NOW}  # fmt: skip
    done = subprocess.run(
        [*command, "import-ics", str(APPLE)], env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "added round 1 to application 1 (Fabrikam GmbH, Product Designer)" in done.stdout
    broken = subprocess.run(
        [*command, "import-ics", str(DATA / "not_ics.ics")], env=environment, capture_output=True, text=True
    )
    assert broken.returncode == 2 and broken.stderr.count("\n") == 1 and broken.stdout == ""


def test_invitations_on_a_postgresql_store() -> None:
    from tests.test_store import PostgresDatabase

    with PostgresDatabase() as url:
        store = Store(url)
        store.northwind()
        actions = [store.imported(path)[0]["action"] for path in (GOOGLE, OUTLOOK, APPLE, RESCHEDULE, CANCEL)]
        assert actions == ["added", "added", "added", "rescheduled", "cancelled"]
        rows = store.rows()
        assert store.imported(RESCHEDULE)[0]["action"] == "unchanged"
        refused(store, "import-ics", DATA / "no_start.ics")
        assert store.rows() == rows
        assert len(rows["interviews"]) == 3


# What an invitation brings is checked as every other way in checks it.


def test_an_invitation_beyond_the_limits_is_refused_naming_the_field(store: Store, tmp_path: Path) -> None:
    store.northwind()
    before = store.rows()
    place = "LOCATION:" + "Conference room " * 200  # 3,200 characters, past the 2,000 a place holds
    path = written(
        tmp_path,
        "long.ics",
        calendar(event("long@northwind", "DTSTART:20260311T160000Z", NORTHWIND, more=place)),
    )
    refused = store.run("import-ics", path)
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "place" in refused.stderr and "2,000" in refused.stderr
    assert store.rows() == before


def test_a_large_panel_keeps_its_first_twenty_interviewers(store: Store, tmp_path: Path) -> None:
    store.northwind()
    panel = "\n".join(
        f"ATTENDEE;CN=Panelist {number};PARTSTAT=ACCEPTED:mailto:panelist{number}@northwindtraders.com"
        for number in range(1, 26)
    )
    odd = "ATTENDEE;CN=Not An Address;PARTSTAT=ACCEPTED:mailto:not an address"
    path = written(
        tmp_path,
        "panel.ics",
        calendar(
            event("panel@northwind", "DTSTART:20260311T160000Z", NORTHWIND, more=f"{panel}\n{odd}", by=DANA)
        ),
    )
    store.ok("import-ics", path)
    [_first, added] = store.table(interviews)
    assert len(added["interviewers"]) == 20 and "Panelist 25" not in added["interviewers"]
    assert all("not an address" not in str(row) for row in store.rows()["contacts"])
