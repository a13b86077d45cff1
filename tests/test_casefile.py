"""Reading a case file: what is left out comes from defaults (the country's hours, the time zone
of the country and region, the default policy), the events come out in time order, and bad input
is a CaseError that names the field. The exit code and the one-line message are in test_cli.py."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.casefile import CaseError, CaseFile, load_case, read_case, read_policy
from followup.casefile.fields import instant
from followup.core import DEFAULT_POLICY, Channel, Kind, Span
from followup.core.countries import default_hours
from tests.conftest import case_file

NOW = datetime.fromisoformat("2026-03-04T09:00:00-05:00")  # Wednesday 4 March, 08:00 in Chicago
CLOCK = datetime(2026, 6, 1, 12, tzinfo=UTC)


def employer(**given: Any) -> dict[str, Any]:
    """A case whose employer is exactly `given`: nothing from the base employer is kept."""
    document = case_file()
    document["employer"] = given
    return document


def read(document: dict[str, Any]) -> CaseFile:
    return read_case(document, now=NOW)


def problem(document: Any, *, now: datetime | None = NOW) -> CaseError:
    with pytest.raises(CaseError) as raised:
        read_case(document, now=now)
    return raised.value


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


# Hours: left out, they are the country's.


@pytest.mark.parametrize("country", ["US", "GB", "DE", "FR", "ES", "JP", "IL"])
def test_missing_hours_are_the_countrys_default_hours(country: str) -> None:
    loaded = read(employer(name="Acme", country=country, timezone="UTC"))
    assert loaded.case.employer.hours == default_hours(country)


def test_a_french_employer_without_hours_keeps_the_long_lunch() -> None:
    hours = read(employer(country="FR")).case.employer.hours
    assert hours.regular.lunch == Span(minutes("12:00"), minutes("14:00"))
    assert (hours.regular.open, hours.regular.close) == (minutes("09:00"), minutes("18:00"))


def test_an_employer_without_a_country_gets_generic_hours_and_a_note() -> None:
    loaded = read(employer(name="Acme", timezone="America/Chicago"))
    assert loaded.case.employer.hours == default_hours(None)
    assert any("Acme has no country" in note for note in loaded.notes)


def test_hours_given_in_part_keep_the_rest_from_the_country() -> None:
    hours = read(employer(country="FR", hours={"open": "08:00"})).case.employer.hours
    assert hours.regular.open == minutes("08:00")
    assert hours.regular.close == minutes("18:00")
    assert hours.regular.lunch == Span(minutes("12:00"), minutes("14:00"))
    assert hours.days == default_hours("FR").days


def test_the_employers_own_day_replaces_the_countrys_short_days() -> None:
    own_day = read(employer(country="ES", hours={"open": "09:00", "close": "17:00"}))
    closed_only = read(employer(country="ES", hours={"closed": ["2026-12-24"]}))
    assert own_day.case.employer.hours.variants == ()
    assert closed_only.case.employer.hours.variants == default_hours("ES").variants


def test_lunch_null_means_no_lunch_break() -> None:
    hours = read(employer(country="FR", hours={"lunch": None})).case.employer.hours
    assert hours.regular.lunch is None


def test_hours_accept_full_day_names_and_midnight_closing() -> None:
    given = {"days": ["Monday", "tue", "SATURDAY"], "open": "18:00", "close": "24:00", "lunch": None}
    hours = read(employer(country="US", timezone="America/Chicago", hours=given)).case.employer.hours
    assert hours.days == frozenset({0, 1, 5})
    assert hours.regular.close == 24 * 60


def test_busy_slots_default_to_every_working_day() -> None:
    given = {"days": ["mon", "wed"], "busy": [{"from": "09:00", "to": "10:00"}]}
    hours = read(employer(country="US", timezone="America/Chicago", hours=given)).case.employer.hours
    assert hours.busy[0].days == frozenset({0, 2})


def test_closed_days_are_dates_ranges_and_days_of_any_year() -> None:
    given = {"closed": ["2026-04-03", "2026-08-03/2026-08-21", "12-24", "--12-31/01-02", "02-29"]}
    closed = read(employer(country="FR", hours=given)).case.employer.hours.closed
    assert date(2026, 4, 3) in closed
    assert date(2026, 8, 10) in closed
    assert date(2026, 8, 24) not in closed
    assert date(2031, 12, 24) in closed
    assert date(2027, 1, 2) in closed  # the yearly range wraps the new year
    assert date(2028, 2, 29) in closed
    assert date(2026, 4, 6) not in closed


# The time zone: left out, it is the country's (and region's) when there is only one.


@pytest.mark.parametrize(
    ("country", "subdivision", "zone"),
    [
        ("FR", None, "Europe/Paris"),
        ("DE", None, "Europe/Berlin"),  # Busingen keeps Berlin's clock
        ("JP", None, "Asia/Tokyo"),
        ("US", "IL", "America/Chicago"),
        ("US", "AZ", "America/Phoenix"),
        ("CA", "ON", "America/Toronto"),
        ("AU", "VIC", "Australia/Melbourne"),
        ("ES", None, "Europe/Madrid"),
        ("ES", "CN", "Atlantic/Canary"),
        ("PT", "30", "Atlantic/Madeira"),
    ],
)
def test_a_missing_time_zone_is_inferred_from_country_and_region(
    country: str, subdivision: str | None, zone: str
) -> None:
    given = {"name": "Acme", "country": country}
    if subdivision:
        given["subdivision"] = subdivision
    loaded = read(employer(**given))
    assert loaded.case.employer.timezone == ZoneInfo(zone)
    where = f"{country}-{subdivision}" if subdivision else country
    note = f"Acme's time zone {zone} was inferred from {where}; set employer.timezone if it is wrong."
    assert note in loaded.notes


def test_a_given_time_zone_wins_and_needs_no_note() -> None:
    loaded = read(employer(country="US", subdivision="TX", timezone="America/Denver"))
    assert loaded.case.employer.timezone == ZoneInfo("America/Denver")
    assert loaded.notes == ()


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("US", None), ("US", "TX"), ("US", "FL"), ("AU", None), ("CA", None), ("RU", None)],
)
def test_an_ambiguous_time_zone_must_be_given(country: str, subdivision: str | None) -> None:
    given = {"country": country} | ({"subdivision": subdivision} if subdivision else {})
    error = problem(employer(**given))
    assert error.where == "employer.timezone"
    assert "spans several time zones" in error.problem
    assert "give employer.timezone" in error.problem


def test_no_time_zone_and_no_country_is_an_error() -> None:
    error = problem(employer(name="Acme"))
    assert error.where == "employer.timezone"
    assert "employer.country" in error.problem


def test_country_and_subdivision_codes_are_not_case_sensitive_and_uk_means_gb() -> None:
    assert read(employer(country="uk")).case.employer.country == "GB"
    loaded = read(employer(country="us", subdivision="il"))
    assert (loaded.case.employer.country, loaded.case.employer.subdivision) == ("US", "IL")


def test_the_candidate_keeps_the_employers_time_zone_unless_given() -> None:
    document = case_file()
    del document["candidate"]
    assert read(document).case.candidate.timezone == ZoneInfo("America/Chicago")
    assert read(case_file()).case.candidate.timezone == ZoneInfo("America/New_York")


def test_your_waking_hours_default_to_eight_to_nine_and_may_run_past_midnight() -> None:
    assert read(case_file()).case.candidate.waking_hours == Span(8 * 60, 21 * 60)
    night = read(case_file(candidate={"waking_hours": "22:00-06:00"})).case.candidate.waking_hours
    assert night == Span(22 * 60, 6 * 60)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("8-21", "expected a time of day"),
        ("08:00", "expected your waking hours like 08:00-21:00"),
        ("25:00-06:00", "is not a time of day that exists"),
        ("09:00-09:00", "starts when it ends"),
        ("09:00-09:20", "is less than an hour"),
        (8, "expected your waking hours like 08:00-21:00"),
    ],
)
def test_bad_waking_hours_are_named(given: Any, said: str) -> None:
    found = problem(case_file(candidate={"waking_hours": given}))
    assert found.where == "candidate.waking_hours" and said in found.problem


def test_a_name_ending_in_s_takes_an_apostrophe_alone() -> None:
    notes = read(employer(name="Windy City Foods", country="FR")).notes
    assert "Windy City Foods' time zone Europe/Paris was inferred from FR" in notes[0]
    assert "Foods's" not in " ".join(notes)
    assert read(employer(name="Acme", country="FR")).notes[0].startswith("Acme's time zone")


# The policy: keys left out are the defaults.


def test_a_missing_policy_is_the_default_policy() -> None:
    assert read(case_file()).policy == DEFAULT_POLICY
    assert read(case_file(policy={})).policy == DEFAULT_POLICY
    assert read(case_file(policy=None)).policy == DEFAULT_POLICY


def test_a_policy_key_changes_that_setting_only() -> None:
    policy = read_policy({"first_check_in_business_days": 3, "default_channel": "phone"})
    assert policy.first_check_in_business_days == 3
    assert policy.default_channel is Channel.PHONE
    assert policy.max_check_ins == DEFAULT_POLICY.max_check_ins
    assert policy.thank_you_allowed_when_waiting is DEFAULT_POLICY.thank_you_allowed_when_waiting


def test_an_unknown_policy_key_suggests_the_closest_setting() -> None:
    with pytest.raises(CaseError) as raised:
        read_policy({"max_checkins": 3})
    assert raised.value.where == "policy.max_checkins"
    assert raised.value.problem == "unknown setting; did you mean max_check_ins?"


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("max_check_ins", "3"),  # a string for a number
        ("max_check_ins", 2.5),
        ("max_check_ins", True),  # a bool is not a number here
        ("max_check_ins", -1),
        ("window_count", 0),
        ("thank_you_within_hours", 10_000),
        ("thank_you_allowed_when_waiting", 1),  # a number for a bool
        ("default_channel", "fax"),
    ],
)
def test_a_bad_policy_value_names_its_setting(setting: str, value: Any) -> None:
    with pytest.raises(CaseError) as raised:
        read_policy({setting: value})
    assert raised.value.where == f"policy.{setting}"


# Events and `now`.


def test_events_come_out_in_time_order_whatever_their_order_in_the_file() -> None:
    events = [
        {"at": "2026-03-03T18:30:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"},
        {"at": "2026-03-03T15:00:00-06:00", "kind": "decision_by", "date": "2026-03-06"},
        {"at": "2026-03-03T15:00:00-06:00", "kind": "no_contact", "channels": ["phone"]},
        {"at": "2026-03-03T11:00:00-06:00", "kind": "in_running"},
    ]
    kinds = [event.kind for event in read(case_file(events=events)).case.events]
    # Events at the same moment keep their order in the file.
    assert kinds == [Kind.IN_RUNNING, Kind.DECISION_BY, Kind.NO_CONTACT, Kind.CONTACTED]


def test_an_error_names_the_events_place_in_the_file_not_in_time_order() -> None:
    events = [
        {"at": "2026-03-03T18:30:00-06:00", "kind": "in_running"},
        {"at": "2026-03-03T11:00:00-06:00", "kind": "decision_by"},
    ]
    assert problem(case_file(events=events)).where == "events[1].date"


def test_now_from_the_command_line_wins_over_the_files_which_wins_over_the_clock() -> None:
    document = case_file(now="2026-03-05T10:00:00-06:00")
    assert read_case(document, now=NOW, clock=CLOCK).now == NOW
    assert read_case(document, clock=CLOCK).now == datetime.fromisoformat("2026-03-05T10:00:00-06:00")
    assert read_case(case_file(), clock=CLOCK).now == CLOCK


def test_events_after_now_are_checked_against_the_command_line_now() -> None:
    late = {"at": "2026-03-05T09:00:00-06:00", "kind": "in_running"}
    document = case_file(now="2026-03-06T09:00:00-06:00", events=[late])
    assert read_case(document).case.events[0].kind is Kind.IN_RUNNING
    error = problem(document, now=NOW)
    assert error.where == "events[0].at"
    assert "is after now" in error.problem


def test_an_event_at_now_is_not_after_it() -> None:
    document = case_file(events=[{"at": NOW.isoformat(), "kind": "in_running"}])
    assert len(read(document).case.events) == 1


def test_until_on_the_date_itself_is_in_order() -> None:
    event = {"at": "2026-03-03T11:00:00-06:00", "kind": "decision_by", "date": "2026-03-06"}
    loaded = read(case_file(events=[event | {"until": "2026-03-06"}]))
    assert loaded.case.events[0].until == date(2026, 3, 6)
    error = problem(case_file(events=[event | {"until": "2026-03-05"}]))
    assert error.where == "events[0].until"
    assert "wrong order" in error.problem


# Times.


@pytest.mark.parametrize(
    "text", ["2026-03-04T09:00:00Z", "2026-03-04T09:00:00+05:30", "2026-03-04 09:00-05:00"]
)
def test_a_time_with_a_utc_offset_is_read(text: str) -> None:
    assert instant(text, "now").utcoffset() is not None


@pytest.mark.parametrize(
    ("text", "problem_text"),
    [
        ("2026-03-04T09:00:00", "has no UTC offset"),
        ("2026-03-04", "has no UTC offset"),
        ("2026-02-29T09:00:00Z", "is not a date and time that exists"),
        ("2026-03-04T24:30:00Z", "is not a date and time that exists"),
        ("next tuesday", "is not an ISO 8601 date and time"),
        ("9999-12-31T23:00:00-05:00", "is not between the years"),
        ("0001-01-01T00:30:00+05:00", "is not between the years"),
    ],
)
def test_a_bad_time_says_what_is_wrong_with_it(text: str, problem_text: str) -> None:
    with pytest.raises(CaseError) as raised:
        instant(text, "interview.at")
    assert raised.value.where == "interview.at"
    assert problem_text in raised.value.problem


# Whole files.


def test_a_file_is_read_from_text_or_bytes_with_or_without_a_byte_order_mark() -> None:
    text = json.dumps(case_file())
    for source in (text, text.encode(), b"\xef\xbb\xbf" + text.encode()):
        assert load_case(source, now=NOW).case.employer.name == "Northwind Traders"


@pytest.mark.parametrize(
    ("source", "problem_text"),
    [
        (b'{"now": ', "invalid JSON at line 1, column 9"),
        (b"", "invalid JSON at line 1, column 1"),
        (b'{"name": "\xff"}', "not UTF-8"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"policy": {"max_check_ins": ' + b"9" * 5000 + b"}}", "too many digits"),
        (b"[]", "must be a JSON object"),
        (b"null", "must be a JSON object"),
    ],
)
def test_a_file_that_is_not_a_case_is_one_clear_error(source: bytes, problem_text: str) -> None:
    with pytest.raises(CaseError) as raised:
        load_case(source, now=NOW)
    assert problem_text in str(raised.value)


# Never anything but a CaseError: any JSON value in any field is read or named.

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)
FULL_CASE = case_file(
    now="2026-03-04T09:00:00-05:00",
    employer={
        "allows_visits": False,
        "hours": {
            "days": ["mon", "tue", "wed", "thu", "fri"],
            "open": "09:00",
            "close": "17:00",
            "lunch": ["12:00", "13:00"],
            "busy": [{"days": ["mon"], "from": "09:00", "to": "11:00"}],
            "closed": ["2026-12-24", "08-01/08-15"],
            "best": [["10:00", "11:00"]],
            "variants": [
                {"days": ["fri"], "open": "09:00", "close": "15:00", "from": "06-01", "to": "08-31"}
            ],
        },
    },
    candidate={"timezone": "America/New_York", "local_to_employer": False},
    interview={"at": "2026-03-03T10:00:00-06:00", "round": 1, "format": "onsite", "minutes": 60},
    events=[
        {
            "at": "2026-03-03T11:00:00-06:00",
            "kind": "decision_by",
            "date": "2026-03-06",
            "until": "2026-03-07",
        },
        {"at": "2026-03-03T18:30:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"},
        {"at": "2026-03-03T11:00:00-06:00", "kind": "no_contact", "channels": ["phone"], "note": "No calls."},
    ],
    policy={"max_check_ins": 2, "default_channel": "email", "thank_you_allowed_when_waiting": True},
)


def field_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            paths += field_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            paths += field_paths(inner, (*path, index))
    return paths


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    inner = copy
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = value
    return copy


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(field_paths(FULL_CASE)), value=JSON_VALUES)
def test_any_value_in_any_field_is_read_or_named_as_a_case_error(path: tuple[Any, ...], value: Any) -> None:
    document = replaced(FULL_CASE, path, value)
    with contextlib.suppress(CaseError):
        read_case(document, clock=CLOCK)


def test_the_full_case_used_above_is_valid() -> None:
    loaded = read_case(FULL_CASE, clock=CLOCK)
    assert loaded.now == datetime.fromisoformat("2026-03-04T09:00:00-05:00")
    assert len(loaded.case.events) == 3
    assert loaded.case.interview.at + timedelta(hours=1) < loaded.now


def test_a_misspelt_field_is_an_error_not_a_wider_instruction() -> None:
    # Read as written, {"chanels": ["phone"]} would be "no contact at all".
    document = case_file(
        events=[{"at": "2026-03-03T11:00:00-06:00", "kind": "no_contact", "chanels": ["phone"]}]
    )
    with pytest.raises(CaseError, match=r"did you mean channels\?") as error:
        read_case(document)
    assert error.value.where == "events[0].chanels"


def test_other_fields_are_kept_out_of_the_way() -> None:
    event = {"at": "2026-03-03T11:00:00-06:00", "kind": "wait_for_us", "said_by": "Dana, HR", "id": 7}
    loaded = read_case(case_file(events=[event], employer={"website": "https://northwind.example"}))
    assert loaded.case.events[0].kind is Kind.WAIT_FOR_US


def test_a_short_day_drops_the_countrys_lunch_that_falls_outside_it() -> None:
    hours = {"open": "08:00", "close": "15:00"}
    loaded = read_case(
        case_file(
            employer={"country": "ES", "timezone": "Europe/Madrid", "subdivision": "MD", "hours": hours}
        )
    )
    assert loaded.case.employer.hours.regular.lunch is None
