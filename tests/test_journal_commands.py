"""The commands on the store, run as a person would, against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import cli

NOW = "2026-03-04T12:00:00-06:00"
EARLY = "2026-03-01T10:00:00-06:00"  # before the interview


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'search.sqlite3'}"

    def invoke(*args: str, now: str = NOW) -> tuple[int, str, str]:
        result = runner.invoke(cli, [*args, "--db", db, "--now", now])
        return result.exit_code, result.stdout, result.stderr

    return invoke


def add_northwind(run) -> int:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        "add", "--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL",
        "--role", "Category buyer", "--interview", "2026-03-03T10:00:00-06:00", "--json",
    )  # fmt: skip
    assert code == 0
    body = json.loads(out)
    assert body["advice"]["employer"]["timezone"] == "America/Chicago"
    assert any("inferred" in note for note in body["advice"]["notes"])
    return int(body["id"])


def test_a_week_of_a_job_search(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    thanks = ["--channel", "email", "--purpose", "thank_you", "--at", "2026-03-03T16:00:00-06:00"]
    code, out, _ = run("contacted", str(application), *thanks, "--json")
    assert code == 0
    assert json.loads(out)["advice"]["purpose"] == "check_in"

    code, out, _ = run("said", str(application), "decision_by", "--date", "2026-03-06", "--json")
    assert code == 0
    advice = json.loads(out)["advice"]
    assert advice["action"] == "wait"
    assert advice["not_before"] == "2026-03-10T09:00:00-05:00"

    code, out, _ = run("show", str(application), now="2026-03-10T10:00:00-05:00")
    assert code == 0
    assert out.startswith("Northwind Traders")
    assert "FOLLOW UP: check in by email now" in out

    code, out, _ = run("outcome", str(application), "rejected", now="2026-03-11T10:00:00-05:00")
    assert code == 0
    assert "MOVE ON" in out

    code, out, _ = run("list", "--json", now="2026-03-11T10:00:00-05:00")
    assert json.loads(out)["applications"][0]["action"] == "move_on"


def test_an_empty_store_says_what_to_do_first(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("list")
    assert code == 0
    assert "followup add" in out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["said", "1", "decision_by"], "--date"),
        (["said", "1", "decision_by", "--date", "2026-02-30"], "--date"),
        (["said", "1", "call_back", "--date", "2026-03-12", "--until", "2026-03-10"], "--until"),
        (["said", "99", "wait_for_us"], "no application 99"),
        (["said", "1", "wait_for_us", "--at", "2026-03-04T10:00"], "--at"),
        (["said", "1", "wait_for_us", "--at", "2026-03-09T10:00:00-05:00"], "after now"),
    ],
)
def test_bad_input_is_one_line_naming_it_and_writes_nothing(run, args: list[str], named: str) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    assert application == 1
    _, before, _ = run("show", "1", "--json")
    code, _, err = run(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert named in err
    _, after, _ = run("show", "1", "--json")
    assert after == before


def test_add_from_a_case_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples = Path(__file__).resolve().parent.parent / "examples" / "northwind.json"
    code, out, _ = run("add", "--from", str(examples), "--role", "Buyer", "--json")
    assert code == 0
    assert json.loads(out)["advice"]["purpose"] == "check_in"


def test_add_needs_an_employer_and_an_interview(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("add", "--role", "Buyer")
    assert code == 2
    assert "--employer" in err


def test_today_lists_what_to_do_with_its_time_in_both_zones(run) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    code, out, _ = run("today", now="2026-03-12T10:00:00-05:00")
    assert code == 0
    assert "To do:" in out
    assert "#1 Northwind Traders, Category buyer: check in by email" in out
    assert "now: an email interrupts no one" in out  # it is due, and in their working day
    assert "your time (UTC)" in out  # the run's TZ is this computer's zone
    code, out, _ = run("today", now="2026-03-12T19:00:00-05:00")  # after their day: delivery tomorrow
    delivery = "schedule its delivery for Friday 13 March at 14:30 your time (09:30 theirs, America/Chicago)"
    assert delivery in out
    code, out, _ = run("week", "--json", now="2026-03-12T10:00:00-05:00")
    assert [item["id"] for item in json.loads(out)["to_do"]] == [1]


def test_today_on_an_empty_store_says_what_to_do_first(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("today")
    assert code == 0
    assert "followup add" in out


def test_demo_fills_an_empty_store_and_shows_the_agenda(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("demo")
    assert code == 0
    assert "Added 6 sample applications." in out
    assert "To do:" in out
    assert "Let go:" in out
    code, _, err = run("demo")
    assert code == 2
    assert "already holds applications" in err
    code, out, _ = run("list", "--json")
    assert len(json.loads(out)["applications"]) == 6


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["said", "1", "decision_by", "--date", "2026-02-01"], "--date"),
        (["contacted", "1", "--channel", "email", "--purpose", "thank_you", "--at", EARLY], "--at"),
        (["show", "99999999999999999999"], "ID"),
    ],
)  # fmt: skip
def test_dates_in_the_wrong_order_and_impossible_ids_are_refused(run, args: list[str], named: str) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    code, _, err = run(*args)
    assert code == 2
    assert named in err


def test_a_store_that_keeps_nothing_or_lies_in_no_folder_is_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    for db in ("sqlite://", f"sqlite:///{tmp_path / 'no' / 'such' / 'x.sqlite3'}"):
        result = runner.invoke(cli, ["list", "--db", db])
        assert result.exit_code == 2
        assert "--db" in result.stderr
    assert not (tmp_path / "no").exists()


def test_advice_kept_for_a_later_moment_is_not_shown_for_an_earlier_one(run) -> None:  # type: ignore[no-untyped-def]
    """Kept advice holds from the moment it was worked out for until the clock can change it: a
    look ahead (--now in the future) never changes what an earlier moment shows."""
    application = add_northwind(run)
    evening = "2026-03-03T18:00:00-06:00"  # the evening of the interview: the thank-you is due
    code, _ahead, _ = run("list", "--json", now="2026-03-30T10:00:00-05:00")  # a look ahead
    assert code == 0
    for command in (["today", "--json"], ["show", str(application), "--json"]):
        code, out, _ = run(*command, now=evening)
        assert "thank_you" in out, command
    code, out, _ = run("draft", str(application), now=evening)
    assert code == 0 and "Thank you for taking the time to meet with me on Tuesday 3 March" in out


def test_a_draft_thanks_for_the_round_that_took_place_not_the_next_one(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    later = ["interview", "add", str(application), "--at", "2026-03-20T10:00:00-05:00", "--with", "Lee Park"]
    assert run(*later, "--notes", "The budget review")[0] == 0
    code, out, _ = run("draft", str(application), now="2026-03-03T15:00:00-06:00")
    assert code == 0 and "on Tuesday 3 March" in out and "Lee Park" not in out and "budget" not in out


def test_empty_words_are_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    code, _, err = run("said", str(application), "--text", "  ")
    assert code == 2 and "the words are empty" in err


def test_the_rounds_are_listed_in_their_time_and_yours(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    assert run("timezone", "America/New_York")[0] == 0
    code, out, _ = run("interview", "list", str(application))
    assert code == 0
    assert (
        "round 1: Tuesday 3 March at 10:00 their time (America/Chicago), Tuesday 3 March at 11:00 yours"
        in out
    )


# The seams: what a new user met, each a test that failed before.

LONDON = ("--employer", "Thames Analytics", "--country", "GB", "--timezone", "Europe/London",
          "--role", "Analyst", "--interview", "2026-04-02T14:00:00+01:00")  # fmt: skip  # before Easter


def test_a_look_back_with_an_earlier_now_reads_what_was_known_then(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    later = "2026-03-10T10:00:00-05:00"
    said = ["said", str(application), "decision_by", "--date", "2026-03-13", "--at", later]
    assert run(*said, now=later)[0] == 0
    for command in (["week"], ["list"], ["today"], ["draft", str(application)], ["show", str(application)]):
        code, out, err = run(*command, now="2026-03-03T12:00:00-06:00")  # before the decision date was said
        assert (code, err) == (0, ""), command
        assert "is after now" not in out
    code, out, _ = run("show", str(application), "--json", now="2026-03-03T12:00:00-06:00")
    assert json.loads(out)["advice"]["purpose"] == "thank_you"  # then, the thank-you was due
    assert [item["kind"] for item in json.loads(out)["timeline"]] == ["interview"]
    code, out, _ = run("show", str(application), "--json", now="2026-03-11T10:00:00-05:00")
    assert "decision_by" in [item["kind"] for item in json.loads(out)["timeline"]]  # and now again


def test_an_unknown_application_is_said_before_its_fields(run) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    code, _, err = run("said", "99", "decision_by", "--date", "2026-01-01")
    assert code == 2 and err == "followup: no application 99\n"


def test_an_interview_in_the_year_2999_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("add", "--employer", "X", "--country", "US", "--timezone", "America/New_York",
                       "--interview", "2999-03-03T10:00:00-05:00")  # fmt: skip
    assert code == 2 and "interview.at: 2999-03-03 is more than two years ahead" in err
    application = add_northwind(run)
    code, _, err = run("interview", "add", str(application), "--at", "2999-03-10T10:00:00-06:00")
    assert code == 2 and "is the year right?" in err


def test_a_date_in_another_year_shows_its_year(run) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = run("add", "--employer", "X", "--country", "US", "--timezone", "America/New_York",
                     "--interview", "2027-02-03T10:00:00-05:00")  # fmt: skip
    assert code == 0
    _code, out, _ = run("show", "1")
    assert "interview on Wednesday 3 February 2027 at 10:00" in out


def test_the_timeline_shows_each_instruction_with_its_scope(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    run("said", str(application), "no_contact", "--channels", "phone", "--note", "Please don't call")
    _code, out, _ = run("show", str(application))
    assert 'no_contact: no contact by phone ("Please don\'t call")' in out
    run("said", str(application), "no_contact")
    assert "no_contact: no contact at all" in run("show", str(application))[1]


def test_a_draft_by_a_channel_they_ruled_out_is_refused_with_the_reason(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    run(
        "said",
        str(application),
        "decision_by",
        "--date",
        "2026-03-06",
        "--note",
        "We'll let you know by Friday",
    )
    run("said", str(application), "no_contact", "--channels", "phone", "--note", "please don't call")
    code, out, err = run("draft", str(application), "--channel", "phone")
    assert code == 1 and out == ""
    refused = "no phone script: On 4 March they asked you not to call. [channel.ruled_out]"
    assert err == f"followup: application 1: {refused}\n"
    code, out, _ = run("show", str(application))
    assert "On 4 March they asked you not to call, so: email. [channel.ruled_out]" in out
    assert "no preference" not in out
    code, _, err = run("draft", str(application), "--channel", "visit")
    assert code == 1 and "needs their invitation" in err


def test_show_and_today_agree_at_the_same_moment(run) -> None:  # type: ignore[no-untyped-def]
    assert run("timezone", "America/New_York")[0] == 0
    assert run(*("add", *LONDON), now="2026-03-20T10:00:00+00:00")[0] == 0
    for moment in ("2026-04-02T16:30:00+01:00", "2026-04-02T17:45:00+01:00", "2026-04-03T11:00:00+01:00"):
        _code, shown, _ = run("show", "1", "--json", now=moment)
        _code, today, _ = run("today", "--json", now=moment)
        action = json.loads(shown)["advice"]["action"]
        listed = [item["id"] for item in json.loads(today)["to_do"]]
        assert action == "follow_up" and listed == [1], moment  # the thank-you goes before Easter
    _code, today, _ = run("today", now="2026-04-02T17:45:00+01:00")
    assert (
        "now: an email interrupts no one; or schedule its delivery for Tuesday 7 April at 04:30 your time"
        in today
    )
    assert (
        "Their office is closed from Friday 3 April to Monday 6 April (Good Friday, Easter Monday)" in today
    )


def test_silence_ends_even_if_you_never_checked_in(run) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    run("contacted", "1", "--channel", "email", "--purpose", "thank_you", "--at", "2026-03-03T16:00:00-06:00")
    _code, out, _ = run("show", "1", now="2026-06-10T10:00:00-05:00")
    assert "MOVE ON" in out and "check in" not in out.split("Why:")[0]
    _code, out, _ = run("today", "--json", now="2026-12-01T10:00:00-06:00")
    assert json.loads(out)["to_do"] == []
    assert [item["id"] for item in json.loads(out)["let_go"]] == [1]


def test_your_name_phone_and_waking_hours(run) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    code, out, _ = run("me")
    assert code == 0 and "Waking hours: 08:00-21:00" in out
    code, out, _ = run("me", "--name", "Ada Lovelace", "--phone", "+1 212 555 0199", "--hours", "07:30-22:00")
    assert code == 0 and "Name: Ada Lovelace" in out and "Waking hours: 07:30-22:00" in out
    code, out, _ = run("draft", "1")
    assert out.rstrip().endswith("Best regards,\nAda Lovelace\n+1 212 555 0199")
    code, out, _ = run("me", "--json")
    assert json.loads(out)["waking_hours"] == "07:30-22:00"
    code, _, err = run("me", "--hours", "21:00")
    assert code == 2 and err.startswith("followup: me: --hours: expected your waking hours like 08:00-21:00")


def test_news_after_a_rejection_reopens_the_application(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    assert run("outcome", str(application), "rejected", now="2026-03-05T10:00:00-06:00")[0] == 0
    assert run("said", str(application), "in_running", now="2026-03-06T10:00:00-06:00")[0] == 0
    _code, out, _ = run("list", "--json", now="2026-03-06T10:00:00-06:00")
    assert json.loads(out)["applications"][0]["status"] == "active"
    _code, out, _ = run("today", "--json", now="2026-03-06T10:00:00-06:00")
    assert [item["id"] for item in json.loads(out)["let_go"]] == []


def test_a_look_back_draft_quotes_only_what_was_said_by_then(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    said = [
        "said",
        str(application),
        "decision_by",
        "--date",
        "2026-03-06",
        "--at",
        "2026-03-03T15:00:00-06:00",
    ]
    assert run(*said)[0] == 0
    _code, before, _ = run("draft", str(application), now="2026-03-03T12:00:00-06:00")
    assert "decide by" not in before
    _code, after, _ = run("draft", str(application), now="2026-03-03T16:00:00-06:00")
    assert "I understand you hope to decide by Friday 6 March" in after


def test_show_heads_with_the_latest_round(run) -> None:  # type: ignore[no-untyped-def]
    application = add_northwind(run)
    assert run("interview", "add", str(application), "--at", "2026-03-10T10:00:00-05:00")[0] == 0
    _code, out, _ = run("show", str(application), now="2026-03-10T12:00:00-05:00")
    assert out.startswith("Northwind Traders: round 2 interview on Tuesday 10 March at 10:00 CDT")


def test_delete_counts_in_words(run) -> None:  # type: ignore[no-untyped-def]
    add_northwind(run)
    _code, _out, err = run("delete", "1")
    assert "(1 application, 1 interview, 0 events)" in err
