"""`followup advise CASE.json [--now ISO-8601] [--json]`: the advice for people or as JSON, and for
bad input exit code 2 with one line on stderr that names the field, never a traceback.

The exit-code tests run the real command in a child process, as a user would."""

from __future__ import annotations

import ast
import copy
import importlib
import json
import os
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from followup.cli import COMMANDS, cli, every_command
from tests.conftest import case_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FOLLOWUP = [sys.executable, "-W", "error", "-m", "followup"]
NOW = "2026-03-04T09:00:00-05:00"  # Wednesday 4 March, 08:00 in Chicago; the interview was the day before
THANKED = {"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"}
DECIDE_BY_FRIDAY = {"at": "2026-03-03T11:00:00-06:00", "kind": "decision_by", "date": "2026-03-06"}

DOCUMENTED_KEYS = {"action", "purpose", "channel", "not_before", "windows", "reasons", "pros", "cons"}
EXTRA_KEYS = {"deadline", "move_on_at", "deliver_at", "ruled_out", "now", "employer", "candidate", "notes"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "FOLLOWUP_DEBUG"}
    return subprocess.run(
        [*FOLLOWUP, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def write(folder: Path, document: Any, name: str = "case.json") -> Path:
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def case(*events: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The shared base case (Northwind, Chicago, interview Tuesday 3 March) at NOW."""
    return case_file(**{"now": NOW, "events": list(events), **changes})


def without(document: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    document = copy.deepcopy(document)
    del document[section][key]
    return document


def with_hours(**hours: Any) -> dict[str, Any]:
    return case(employer={"hours": hours})


def advice_json(folder: Path, document: dict[str, Any], *args: str) -> dict[str, Any]:
    """The --json advice, run in-process (the output is what matters here, not the exit path)."""
    result = CliRunner().invoke(cli, ["advise", str(write(folder, document)), "--json", *args])
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


# Bad input: exit code 2 and one line naming the field.


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one line on stderr of a run that failed on bad input, checked for the rest of the rules."""
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


BAD_FILES = [
    pytest.param(
        '{"now": "2026-03-04T09:00:00-05:00",', "invalid JSON at line 1, column 37", id="invalid JSON"
    ),
    pytest.param("", "invalid JSON at line 1, column 1", id="empty file"),
    pytest.param("[1, 2]", "the case file must be a JSON object, got [1, 2]", id="top level a list"),
    pytest.param('"a case"', "the case file must be a JSON object", id="top level a string"),
    pytest.param("[" * 100_000, "invalid JSON: nested too deeply", id="nested too deeply"),
    pytest.param(
        '{"now": ' + "9" * 5000 + "}", "invalid JSON: a number has too many digits", id="a long number"
    ),
]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_found_in_the_module_that_holds_it_and_listed_as_it_says(name: str) -> None:
    module, summary = COMMANDS[name]
    held = {command.name: command for command in importlib.import_module(f"followup.cli.{module}").COMMANDS}
    assert held[name].get_short_help_str(limit=1_000) == summary


def test_every_command_of_the_modules_is_listed() -> None:
    modules = {module for module, _summary in COMMANDS.values()}
    held = {
        command.name
        for module in modules
        for command in importlib.import_module(f"followup.cli.{module}").COMMANDS
    }
    assert held == set(COMMANDS)


LOADED = (
    "import sys\nfrom followup.cli import main\nsys.argv = ['followup', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(sorted(m for m in sys.modules if m in ('sqlalchemy', 'alembic') "
    "or m.startswith(('followup.cli', 'holidays.countries.'))))"
)


@pytest.mark.parametrize(
    ("run", "loaded"),
    [
        (["--help"], ["followup.cli", "followup.cli.support"]),
        (["--version"], ["followup.cli", "followup.cli.support"]),
        (
            ["advise", str(EXAMPLES / "northwind.json")],
            [
                "followup.cli",
                "followup.cli.advise",
                "followup.cli.support",
                "holidays.countries.united_states",
            ],
        ),
    ],
    ids=["--help", "--version", "advise"],
)
def test_help_and_advice_load_no_database_library_and_one_country(run: list[str], loaded: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", LOADED, *run], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == str(loaded)


def test_a_command_loads_neither_the_other_commands_nor_the_migrations_of_a_current_store(
    tmp_path: Path,
) -> None:
    store = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    run = ["read", "We will decide by Friday.", "--timezone", "UTC", "--db", store]
    subprocess.run([sys.executable, "-c", LOADED, *run], capture_output=True, text=True, check=True)  # made
    done = subprocess.run([sys.executable, "-c", LOADED, *run], capture_output=True, text=True, check=True)
    assert "decision_by" in done.stdout
    assert [
        m for m in ast.literal_eval(done.stdout.splitlines()[-1]) if m.startswith(("followup", "alembic"))
    ] == [
        "followup.cli",
        "followup.cli.reading",
        "followup.cli.support",
    ]


def test_help_lists_every_command() -> None:
    shown = CliRunner().invoke(cli, ["--help"])
    assert shown.exit_code == 0
    assert all(name in shown.output for name in every_command())


@pytest.mark.parametrize(("text", "problem"), BAD_FILES)
def test_a_file_that_is_not_a_case_exits_2_with_one_line_naming_the_file(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = write(tmp_path, text)
    assert one_line_error(run("advise", str(path))).startswith(f"followup: {path}: {problem}")


BAD_FIELDS = [
    # Sections.
    pytest.param(without(case(), "interview", "at"), "interview.at", id="interview without at"),
    pytest.param({k: v for k, v in case().items() if k != "employer"}, "employer", id="no employer"),
    pytest.param({k: v for k, v in case().items() if k != "interview"}, "interview", id="no interview"),
    pytest.param(case(employer=["Northwind"]), "employer", id="employer a list"),
    pytest.param(case(events={"kind": "rejected"}), "events", id="events an object"),
    pytest.param(case("rejected"), "events[0]", id="an event a string"),
    # Time zones, countries, regions.
    pytest.param(case(employer={"timezone": "America/Chicgo"}), "employer.timezone", id="unknown time zone"),
    pytest.param(case(employer={"timezone": 5}), "employer.timezone", id="time zone a number"),
    pytest.param(
        case(candidate={"timezone": "Mars/Olympus"}), "candidate.timezone", id="unknown candidate zone"
    ),
    pytest.param(case(employer={"country": "ZZ"}), "employer.country", id="unknown country"),
    pytest.param(case(employer={"country": 1}), "employer.country", id="country a number"),
    pytest.param(case(employer={"subdivision": "XX"}), "employer.subdivision", id="unknown subdivision"),
    pytest.param(
        without(case(employer={"subdivision": "BY"}), "employer", "country"),
        "employer.subdivision",
        id="subdivision without country",
    ),
    pytest.param(
        without(case(employer={"subdivision": "TX"}), "employer", "timezone"),
        "employer.timezone",
        id="US-TX spans two time zones",
    ),
    pytest.param(
        without(without(case(), "employer", "subdivision"), "employer", "timezone"),
        "employer.timezone",
        id="US spans many time zones",
    ),
    pytest.param(
        {**case(), "employer": {"name": "Northwind Traders"}},
        "employer.timezone",
        id="no time zone and no country",
    ),
    # Times and dates.
    pytest.param(case(now="2026-03-04T09:00:00"), "now", id="now without UTC offset"),
    pytest.param(
        case(interview={"at": "2026-03-03T10:00:00"}), "interview.at", id="interview without UTC offset"
    ),
    pytest.param(
        case(THANKED, THANKED | {"at": "2026-03-03T18:30:00"}), "events[1].at", id="event without UTC offset"
    ),
    pytest.param(case(THANKED | {"at": 1772553600}), "events[0].at", id="event time a number"),
    pytest.param(case(THANKED | {"at": "tuesday"}), "events[0].at", id="event time not ISO 8601"),
    pytest.param(
        case(THANKED, THANKED | {"at": "2026-03-05T10:00:00-06:00"}), "events[1].at", id="event after now"
    ),
    pytest.param(
        case(THANKED | {"at": "2026-02-30T10:00:00-06:00"}), "events[0].at", id="event time does not exist"
    ),
    pytest.param(case(now="2026-13-01T09:00:00-05:00"), "now", id="now in month 13"),
    pytest.param(case(now="9999-12-31T23:00:00-05:00"), "now", id="now in year 9999"),
    pytest.param(case(DECIDE_BY_FRIDAY | {"date": "2026-02-30"}), "events[0].date", id="date does not exist"),
    pytest.param(case(DECIDE_BY_FRIDAY | {"date": "6 March"}), "events[0].date", id="date not YYYY-MM-DD"),
    pytest.param(
        case(DECIDE_BY_FRIDAY | {"date": "2026-03-10", "until": "2026-03-06"}),
        "events[0].until",
        id="until before date",
    ),
    # Event kinds and what each needs.
    pytest.param(case(DECIDE_BY_FRIDAY | {"kind": "decison_by"}), "events[0].kind", id="unknown event kind"),
    pytest.param(case({"at": "2026-03-03T11:00:00-06:00"}), "events[0].kind", id="event without kind"),
    pytest.param(
        case({"at": "2026-03-03T11:00:00-06:00", "kind": "decision_by"}),
        "events[0].date",
        id="decision_by without date",
    ),
    pytest.param(
        case({"at": "2026-03-03T11:00:00-06:00", "kind": "call_back"}),
        "events[0].date",
        id="call_back without date",
    ),
    pytest.param(
        case({"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "purpose": "thank_you"}),
        "events[0].channel",
        id="contacted without channel",
    ),
    pytest.param(
        case({"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "channel": "email"}),
        "events[0].purpose",
        id="contacted without purpose",
    ),
    pytest.param(
        case({"at": "2026-03-03T11:00:00-06:00", "kind": "prefer_channel"}),
        "events[0].channel",
        id="prefer_channel without channel",
    ),
    pytest.param(case(THANKED | {"channel": "fax"}), "events[0].channel", id="unknown channel"),
    pytest.param(
        case({"at": "2026-03-03T11:00:00-06:00", "kind": "no_contact", "channels": ["phone", "pigeon"]}),
        "events[0].channels[1]",
        id="unknown channel in a list",
    ),
    pytest.param(case(THANKED | {"purpose": "bribe"}), "events[0].purpose", id="unknown purpose"),
    # Wrong types.
    pytest.param(case(interview={"round": "2"}), "interview.round", id="string for a number"),
    pytest.param(case(employer={"allows_visits": 1}), "employer.allows_visits", id="number for a bool"),
    pytest.param(case(THANKED | {"answered": "yes"}), "events[0].answered", id="string for a bool"),
    # The policy.
    pytest.param(case(policy={"max_checkins": 3}), "policy.max_checkins", id="unknown policy key"),
    pytest.param(
        case(policy={"max_check_ins": "3"}), "policy.max_check_ins", id="policy string for a number"
    ),
    pytest.param(case(policy={"max_check_ins": -1}), "policy.max_check_ins", id="policy value out of range"),
    pytest.param(
        case(policy={"default_channel": "fax"}), "policy.default_channel", id="policy unknown channel"
    ),
    pytest.param(
        case(policy={"thank_you_allowed_when_waiting": 1}),
        "policy.thank_you_allowed_when_waiting",
        id="policy number for a bool",
    ),
    pytest.param(case(policy=[1]), "policy", id="policy a list"),
    # Hours.
    pytest.param(with_hours(open="17:00", close="09:00"), "employer.hours.close", id="close before open"),
    pytest.param(with_hours(lunch=["08:00", "09:30"]), "employer.hours.lunch", id="lunch outside hours"),
    pytest.param(
        with_hours(lunch=["13:00", "12:00"]), "employer.hours.lunch", id="lunch ends before it starts"
    ),
    pytest.param(with_hours(lunch="12:00"), "employer.hours.lunch", id="lunch not a pair"),
    pytest.param(with_hours(open="9am"), "employer.hours.open", id="open not HH:MM"),
    pytest.param(with_hours(close="25:00"), "employer.hours.close", id="close at 25:00"),
    pytest.param(with_hours(open="09:60"), "employer.hours.open", id="open at minute 60"),
    pytest.param(with_hours(days=["mon", "funday"]), "employer.hours.days[1]", id="unknown day name"),
    pytest.param(with_hours(days=[]), "employer.hours.days", id="no working days"),
    pytest.param(with_hours(days="mon-fri"), "employer.hours.days", id="days not a list"),
    pytest.param(
        with_hours(lunchtime=["12:00", "13:00"]), "employer.hours.lunchtime", id="unknown hours key"
    ),
    pytest.param(with_hours(busy=[{"from": "09:00"}]), "employer.hours.busy[0].to", id="busy without to"),
    pytest.param(
        with_hours(busy=[{"from": "11:00", "to": "10:00"}]), "employer.hours.busy[0].to", id="busy backwards"
    ),
    pytest.param(
        with_hours(variants=[{"open": "08:00"}]), "employer.hours.variants[0].days", id="variant no days"
    ),
    pytest.param(with_hours(closed="2026-12-24"), "employer.hours.closed", id="closed not a list"),
    pytest.param(with_hours(closed=["next tuesday"]), "employer.hours.closed[0]", id="closed not a date"),
    pytest.param(with_hours(closed=[20261224]), "employer.hours.closed[0]", id="closed a number"),
    pytest.param(
        with_hours(closed=["2026-02-30"]), "employer.hours.closed[0]", id="closed date does not exist"
    ),
    pytest.param(
        with_hours(closed=["02-30"]), "employer.hours.closed[0]", id="closed day of year does not exist"
    ),
    pytest.param(
        with_hours(closed=["2026-12-24", "2026-12-31/2026-12-24"]),
        "employer.hours.closed[1]",
        id="closed range backwards",
    ),
    pytest.param(
        with_hours(closed=["2026-12-24/soon"]), "employer.hours.closed[0]", id="closed range open end"
    ),
    pytest.param(
        with_hours(closed=["01-01/12-31"]),
        "employer.hours",
        id="closed all year: no working day in ten years",
    ),
    # Values that hold line breaks still give one line.
    pytest.param(
        case(DECIDE_BY_FRIDAY | {"kind": "decision\nby"}), "events[0].kind", id="line break in a value"
    ),
    pytest.param(case(policy={"max\ncheck_ins": 3}), "policy.max\\ncheck_ins", id="line break in a key"),
]


@pytest.mark.parametrize(("document", "field"), BAD_FIELDS)
def test_a_bad_field_exits_2_with_one_line_naming_the_field(
    tmp_path: Path, document: Any, field: str
) -> None:
    path = write(tmp_path, document)
    assert one_line_error(run("advise", str(path))).startswith(f"followup: {path}: {field}: ")


def test_an_unknown_policy_key_suggests_the_setting_meant(tmp_path: Path) -> None:
    result = run("advise", str(write(tmp_path, case(policy={"max_checkins": 3}))))
    assert result.stderr.rstrip("\n").endswith(
        "policy.max_checkins: unknown setting; did you mean max_check_ins?"
    )


def test_an_unknown_event_kind_suggests_the_kind_meant(tmp_path: Path) -> None:
    result = run("advise", str(write(tmp_path, case(DECIDE_BY_FRIDAY | {"kind": "decison_by"}))))
    assert 'events[0].kind: unknown event kind "decison_by"; did you mean decision_by?' in result.stderr


def test_a_missing_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = run("advise", str(missing))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"followup: {missing}: cannot read the file (No such file or directory)\n"


def test_a_folder_is_not_a_case_file(tmp_path: Path) -> None:
    result = run("advise", str(tmp_path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"followup: {tmp_path}: cannot read the file")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("now", "problem"),
    [
        ("tomorrow", "is not an ISO 8601 date and time"),
        ("2026-03-04T09:00:00", "has no UTC offset"),
        ("2026-02-30T09:00:00-05:00", "is not a date and time that exists"),
        ("", "is not an ISO 8601 date and time"),
    ],
)
def test_a_bad_now_option_exits_2_naming_the_option(tmp_path: Path, now: str, problem: str) -> None:
    result = run("advise", str(write(tmp_path, case())), "--now", now)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("followup: --now: ")
    assert problem in result.stderr


def test_a_now_option_before_an_event_names_the_event(tmp_path: Path) -> None:
    result = run(
        "advise", str(write(tmp_path, case(DECIDE_BY_FRIDAY, THANKED))), "--now", "2026-03-03T12:00:00-06:00"
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert "events[1].at: " in result.stderr
    assert "is after now" in result.stderr


# Good input: the advice.


def test_the_json_advice_has_the_documented_keys(tmp_path: Path) -> None:
    result = run("advise", str(write(tmp_path, case(DECIDE_BY_FRIDAY, THANKED))), "--json")
    assert (result.returncode, result.stderr) == (0, "")
    advice = json.loads(result.stdout)
    assert set(advice) == DOCUMENTED_KEYS | EXTRA_KEYS
    assert advice["action"] == "wait"
    assert advice["purpose"] == "check_in"
    assert advice["channel"] == "email"
    assert advice["employer"] == {"name": "Northwind Traders", "timezone": "America/Chicago"}
    assert advice["candidate"] == {"timezone": "America/New_York", "waking_hours": "08:00-21:00"}
    assert all(set(reason) == {"rule", "text"} for reason in advice["reasons"])
    assert all(isinstance(text, str) for text in advice["pros"] + advice["cons"])


def test_every_time_in_the_json_advice_has_a_utc_offset(tmp_path: Path) -> None:
    advice = advice_json(tmp_path, case(DECIDE_BY_FRIDAY, THANKED))
    assert advice["windows"]
    for window in advice["windows"]:
        start, end = datetime.fromisoformat(window["start"]), datetime.fromisoformat(window["end"])
        assert start.utcoffset() is not None
        assert end.utcoffset() is not None
        assert start < end
        assert datetime.fromisoformat(window["candidate_start"]) == start
        assert datetime.fromisoformat(window["candidate_end"]) == end
    for key in ("not_before", "now"):
        assert datetime.fromisoformat(advice[key]).utcoffset() is not None


def test_the_now_option_overrides_the_files_now(tmp_path: Path) -> None:
    document = case(DECIDE_BY_FRIDAY, THANKED)
    waiting = advice_json(tmp_path, document)
    later = advice_json(tmp_path, document, "--now", "2026-03-10T10:00:00-05:00")
    assert datetime.fromisoformat(waiting["now"]) == datetime.fromisoformat(NOW)
    assert datetime.fromisoformat(later["now"]) == datetime.fromisoformat("2026-03-10T10:00:00-05:00")
    assert waiting["action"] == "wait"
    assert later["action"] == "follow_up"


def test_a_case_is_read_from_standard_input_with_a_dash(tmp_path: Path) -> None:
    document = case(DECIDE_BY_FRIDAY, THANKED)
    from_stdin = run("advise", "-", "--json", stdin=json.dumps(document))
    from_file = run("advise", str(write(tmp_path, document)), "--json")
    assert (from_stdin.returncode, from_stdin.stderr) == (0, "")
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)


def test_bad_input_on_standard_input_names_the_dash(tmp_path: Path) -> None:
    result = run("advise", "-", stdin="{")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("followup: -: invalid JSON")


def test_the_installed_command_gives_the_same_advice(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("followup")
    path = write(tmp_path, case(DECIDE_BY_FRIDAY, THANKED))
    installed = subprocess.run([command, "advise", str(path)], capture_output=True, text=True, check=False)
    assert (installed.returncode, installed.stderr) == (0, "")
    assert installed.stdout == run("advise", str(path)).stdout


def test_the_summary_gives_the_headline_and_every_reason(tmp_path: Path) -> None:
    document = case(DECIDE_BY_FRIDAY, THANKED)
    result = CliRunner().invoke(cli, ["advise", str(write(tmp_path, document))])
    assert result.exit_code == 0
    summary = result.stdout
    assert "WAIT: check in by email, not before Tuesday 10 March" in summary
    assert "Northwind Traders: round 1 onsite interview on Tuesday 3 March at 10:00 CST" in summary
    for reason in advice_json(tmp_path, document)["reasons"]:
        assert f"{reason['text']} [{reason['rule']}]" in summary


# What is left out of the file.


def french_employer(**events_and_changes: Any) -> dict[str, Any]:
    """Maison Dupont in Paris, with no hours and no time zone: both come from the country."""
    document = case(
        {"at": "2026-03-03T16:00:00+01:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"},
        interview={"at": "2026-03-03T10:00:00+01:00"},
        now="2026-03-13T09:00:00+01:00",
        **events_and_changes,
    )
    document["employer"] = {"name": "Maison Dupont", "country": "FR"}
    del document["candidate"]
    return document


def test_missing_hours_are_the_countrys_so_a_french_employers_lunch_is_free(tmp_path: Path) -> None:
    advice = advice_json(
        tmp_path, french_employer(policy={"window_count": 50, "window_horizon_business_days": 30})
    )
    assert len(advice["windows"]) > 10
    for window in advice["windows"]:
        start, end = datetime.fromisoformat(window["start"]), datetime.fromisoformat(window["end"])
        assert start.date() == end.date()
        assert start.weekday() < 5
        assert time(9) <= start.time() and end.time() <= time(18)
        assert end.time() <= time(12) or start.time() >= time(14), window


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ({"country": "FR"}, "Europe/Paris"),
        ({"country": "US", "subdivision": "IL"}, "America/Chicago"),
        ({"country": "ES", "subdivision": "CN"}, "Atlantic/Canary"),
    ],
)
def test_a_missing_time_zone_is_inferred_and_noted(tmp_path: Path, place: dict[str, str], zone: str) -> None:
    document = case(DECIDE_BY_FRIDAY, THANKED)
    document["employer"] = {"name": "Acme", **place}
    advice = advice_json(tmp_path, document)
    assert advice["employer"]["timezone"] == zone
    where = "-".join(place.values())
    note = f"Acme's time zone {zone} was inferred from {where}; set employer.timezone if it is wrong."
    assert note in advice["notes"]


def test_an_inferred_time_zone_is_noted_in_the_summary_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["advise", str(write(tmp_path, french_employer()))])
    assert result.exit_code == 0
    assert "Maison Dupont's time zone Europe/Paris was inferred from FR" in result.stdout


def test_missing_policy_keys_are_the_defaults(tmp_path: Path) -> None:
    document = case(THANKED)
    assert advice_json(tmp_path, document) == advice_json(tmp_path, document | {"policy": {}})
    assert advice_json(tmp_path, document) == advice_json(
        tmp_path, document | {"policy": {"first_check_in_business_days": 7, "max_check_ins": 2}}
    )


def test_a_policy_key_changes_the_advice(tmp_path: Path) -> None:
    default = advice_json(tmp_path, case(THANKED))
    sooner = advice_json(tmp_path, case(THANKED, policy={"first_check_in_business_days": 3}))
    # Seven business days after Tuesday 3 March is Thursday 12 March; three is Friday 6 March.
    assert default["not_before"] == "2026-03-12T09:00:00-05:00"
    assert sooner["not_before"] == "2026-03-06T09:00:00-06:00"


# Events in any order in the file.


def test_events_are_taken_in_time_order_not_file_order(tmp_path: Path) -> None:
    in_running = {"at": "2026-03-05T11:00:00-06:00", "kind": "in_running"}
    rejected = {"at": "2026-03-10T11:00:00-05:00", "kind": "rejected"}
    now = ["--now", "2026-03-11T09:00:00-05:00"]
    # The latest news is the rejection, wherever it is in the file.
    assert advice_json(tmp_path, case(rejected, in_running), *now)["action"] == "move_on"
    assert advice_json(tmp_path, case(in_running, rejected), *now)["action"] == "move_on"
    # Still in the running after an earlier rejection (listed last): the news is good.
    rejected_earlier = rejected | {"at": "2026-03-04T11:00:00-06:00"}
    assert advice_json(tmp_path, case(in_running, rejected_earlier), *now)["action"] != "move_on"


def test_shuffling_the_events_in_the_file_does_not_change_the_advice(tmp_path: Path) -> None:
    no_calls = {"at": "2026-03-03T11:00:00-06:00", "kind": "no_contact", "channels": ["phone"]}
    in_order = advice_json(tmp_path, case(DECIDE_BY_FRIDAY, no_calls, THANKED))
    assert advice_json(tmp_path, case(THANKED, no_calls, DECIDE_BY_FRIDAY)) == in_order
    assert advice_json(tmp_path, case(no_calls, THANKED, DECIDE_BY_FRIDAY)) == in_order
