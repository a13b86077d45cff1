"""Invariants of the advice over random cases: whatever happened, the advice keeps to what the
employer said, and every window is a good time in the employer's own working day."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.casefile import read_case
from followup.core import Action, Advice, Channel, Purpose, advise, words
from followup.core.awake import is_awake
from followup.core.story import ONE_MINUTE
from followup.core.workdays import WorkCalendar
from tests.conftest import assert_a_good_time

EMPLOYERS = [
    ("US", "IL", "America/Chicago"),
    ("US", "CA", "America/Los_Angeles"),
    ("GB", "ENG", "Europe/London"),
    ("DE", "BY", "Europe/Berlin"),
    ("FR", None, "Europe/Paris"),
    ("ES", "MD", "Europe/Madrid"),
    ("JP", None, "Asia/Tokyo"),
    ("IL", None, "Asia/Jerusalem"),
]
CHANNELS = ["email", "phone", "visit"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
KINDS = [
    "no_contact", "wait_for_us", "decision_by", "call_back", "prefer_channel", "ok_to_follow_up",
    "contacted", "contacted", "contacted", "in_running", "on_hold", "rejected", "offer", "withdrawn",
    "interviewed",
]  # fmt: skip


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def hours(draw: st.DrawFn) -> dict[str, Any] | None:
    if draw(st.booleans()):
        return None  # the country's defaults
    open_ = draw(st.integers(6 * 60, 10 * 60).map(lambda m: m - m % 15))
    close = open_ + draw(st.integers(6 * 60, 10 * 60).map(lambda m: m - m % 15))
    lunch_start = draw(st.integers(open_ + 60, close - 120).map(lambda m: m - m % 15))
    given: dict[str, Any] = {
        "days": draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)),
        "open": clock(open_),
        "close": clock(close),
        "lunch": draw(st.sampled_from([None, [clock(lunch_start), clock(lunch_start + 60)]])),
    }
    if draw(st.booleans()):
        start = draw(st.integers(open_, close - 30).map(lambda m: m - m % 15))
        given["busy"] = [{"days": draw(st.lists(st.sampled_from(DAYS), min_size=1, unique=True)),
                          "from": clock(start), "to": clock(min(start + 90, close))}]  # fmt: skip
    if draw(st.booleans()):
        first = draw(st.dates(date(2026, 1, 1), date(2027, 6, 1)))
        given["closed"] = [first.isoformat(), f"{(first + timedelta(days=20)).isoformat()}/"
                           f"{(first + timedelta(days=27)).isoformat()}", "12-24"]  # fmt: skip
    return given


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    country, region, zone_name = draw(st.sampled_from(EMPLOYERS))
    zone = ZoneInfo(zone_name)
    day = draw(st.dates(date(2026, 1, 1), date(2027, 12, 1)))
    interview = datetime(
        day.year, day.month, day.day, draw(st.integers(8, 17)), draw(st.sampled_from([0, 30])), tzinfo=zone
    )
    employer: dict[str, Any] = {
        "name": "Employer", "country": country, "timezone": zone_name, "allows_visits": draw(st.booleans())
    }  # fmt: skip
    if region:
        employer["subdivision"] = region
    given_hours = draw(hours())
    if given_hours is not None:
        employer["hours"] = given_hours
    moment = interview + timedelta(minutes=draw(st.integers(-600, 600)))
    events = []
    for kind in draw(st.lists(st.sampled_from(KINDS), max_size=6)):
        moment += timedelta(minutes=draw(st.integers(1, 60 * 24 * 12)))
        event: dict[str, Any] = {"at": moment.isoformat(), "kind": kind}
        if kind == "contacted":
            event["channel"] = draw(st.sampled_from(CHANNELS))
            purposes = (
                ["thank_you", "check_in", "check_in", "call_back"] if moment >= interview else ["check_in"]
            )
            event["purpose"] = draw(st.sampled_from(purposes))
            event["answered"] = draw(st.booleans())
        elif kind in ("decision_by", "call_back"):
            first = moment.date() + timedelta(days=draw(st.integers(0, 20)))
            event["date"] = first.isoformat()
            if draw(st.booleans()):
                event["until"] = (first + timedelta(days=draw(st.integers(0, 6)))).isoformat()
            if kind == "call_back" and draw(st.booleans()):
                event["channel"] = draw(st.sampled_from(CHANNELS))
            if kind == "decision_by":
                event["silence_means_no"] = draw(st.booleans())
        elif kind == "no_contact" and draw(st.booleans()):
            event["channels"] = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, unique=True))
        elif kind == "prefer_channel":
            event["channel"] = draw(st.sampled_from(CHANNELS))
        elif kind == "ok_to_follow_up" and draw(st.booleans()):
            event["channels"] = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, unique=True))
        elif kind == "on_hold":
            event["released"] = draw(st.booleans())
        events.append(event)
    now = moment + timedelta(minutes=draw(st.integers(0, 60 * 24 * 40)))
    return {
        "now": now.astimezone(UTC).isoformat(),
        "candidate": {
            "timezone": draw(st.sampled_from(["Asia/Kolkata", "America/New_York", zone_name])),
            "local_to_employer": draw(st.booleans()),
            "waking_hours": draw(
                st.sampled_from(["08:00-21:00", "07:00-23:30", "10:00-18:00", "22:00-06:00"])
            ),
        },
        "employer": employer,
        "interview": {"at": interview.isoformat()},
        "events": events,
        "policy": {
            "max_check_ins": draw(st.integers(0, 3)),
            "avoid_first_minutes": draw(st.sampled_from([0, 30])),
            "avoid_last_minutes": draw(st.sampled_from([0, 60])),
        },
    }


def advice_of(document: dict[str, Any]) -> tuple[Advice, Any]:
    loaded = read_case(document)
    assert loaded.now is not None
    return advise(loaded.case, loaded.now, loaded.policy), loaded


# What they said about when to contact them; a new interview round starts afresh.
WHEN = ("no_contact", "wait_for_us", "decision_by", "call_back", "ok_to_follow_up", "interviewed")


def ruled_out(channel: str, events: list[dict[str, Any]]) -> bool:
    """Whether the employer's last word on a channel ruled it out."""
    banned = blanket = False
    for event in events:
        kind, channels = event["kind"], event.get("channels") or []
        if kind == "no_contact" and (not channels or channel in channels):
            banned, blanket = True, not channels or set(channels) == set(CHANNELS)
            continue
        named = channel in channels or event.get("channel") == channel
        invited = kind in ("prefer_channel", "call_back", "ok_to_follow_up") and named
        lifts_blanket = kind in ("call_back", "interviewed") or (kind == "ok_to_follow_up" and not channels)
        if invited or (blanket and lifts_blanket):
            banned = False
    return banned


def heard_from_them(event: dict[str, Any]) -> bool:
    return event["kind"] != "contacted" or event["answered"]


SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_no_contact_is_advised_against_an_active_instruction(document: dict[str, Any]) -> None:
    advice, _ = advice_of(document)
    events = document["events"]
    if advice.purpose is None:
        return
    # The last instruction on when to contact: nothing is advised under "no contact at all",
    # and nothing but a thank-you under "we'll be in touch".
    when = [
        e for e in events if e["kind"] in WHEN and (not e.get("channels") or e["kind"] == "ok_to_follow_up")
    ]
    if when and when[-1]["kind"] == "no_contact":
        raise AssertionError(f"advised {advice.purpose} under no contact")
    if when and when[-1]["kind"] == "wait_for_us":
        assert advice.purpose is Purpose.THANK_YOU
    # A channel they ruled out, and did not allow again since, is never used.
    assert advice.channel is not None
    assert not ruled_out(advice.channel.value, events), f"advised {advice.channel}, which they ruled out"
    # A call-back invitation's last date is kept.
    if advice.purpose is Purpose.CALL_BACK:
        last = [e for e in events if e["kind"] == "call_back"][-1]
        if last.get("until"):
            assert all(w.end.date() <= date.fromisoformat(last["until"]) for w in advice.windows)


@SETTINGS
@given(cases())
def test_every_window_is_a_good_time_in_the_employers_working_day(document: dict[str, Any]) -> None:
    advice, loaded = advice_of(document)
    employer, policy = loaded.case.employer, loaded.policy
    hours = employer.hours
    public = holidays.country_holidays(employer.country, subdiv=employer.subdivision, years=range(2025, 2030))
    calendar = WorkCalendar(employer, policy)
    for window in advice.windows:
        assert_a_good_time(window, hours, employer.timezone, public, policy)
        day = window.start.astimezone(employer.timezone).date()
        assert calendar.is_working_day(day)


@SETTINGS
@given(cases())
def test_no_channel_they_ruled_out_is_advised_and_every_one_is_listed(document: dict[str, Any]) -> None:
    advice, loaded = advice_of(document)
    listed = {ruled.channel for ruled in advice.ruled_out}
    assert advice.channel not in listed
    events = [event for event in document["events"] if datetime.fromisoformat(event["at"]) <= loaded.now]
    for channel in ("email", "phone"):
        assert (Channel(channel) in listed) is ruled_out(channel, events), channel
    if advice.channel is Channel.VISIT:  # invited or welcome, and you live nearby
        assert loaded.case.candidate.local_to_employer
    for ruled in advice.ruled_out:
        assert ruled.text.endswith(".") and ruled.rule in (
            "channel.ruled_out",
            "channel.visit",
            "channel.not_local",
        )


@SETTINGS
@given(cases())
def test_calls_and_visits_keep_to_your_waking_hours_unless_the_advice_says_none_can(
    document: dict[str, Any],
) -> None:
    advice, loaded = advice_of(document)
    if advice.channel not in (Channel.PHONE, Channel.VISIT) or not advice.windows:
        return
    candidate = loaded.case.candidate
    yours = candidate.timezone or loaded.case.employer.timezone
    awake = candidate.waking_hours
    outside = [
        window
        for window in advice.windows
        if not (is_awake(window.start, yours, awake) and is_awake(window.end - ONE_MINUTE, yours, awake))
    ]
    if outside:
        assert "windows.outside_your_hours" in [reason.rule for reason in advice.reasons]
        for window in advice.windows:  # none overlaps them by a stretch long enough to be a window
            minutes = int((window.end - window.start).total_seconds() // 60)
            awake_minutes = sum(is_awake(window.start + ONE_MINUTE * m, yours, awake) for m in range(minutes))
            assert awake_minutes < loaded.policy.min_window_minutes, "an overlap was left out"


STALE = re.compile(
    r"\b(?:until|from|waiting until) ("
    + "|".join(words.DAYS)
    + r") (\d+) ("
    + "|".join(words.MONTHS)
    + r")(?: (\d{4}))?"
)


@SETTINGS
@given(cases())
def test_no_reason_waits_until_or_from_a_day_that_has_passed(document: dict[str, Any]) -> None:
    advice, loaded = advice_of(document)
    today = loaded.now.astimezone(loaded.case.employer.timezone).date()
    for reason in advice.reasons:
        for _weekday, day, month, year in STALE.findall(reason.text):
            named = date(int(year) if year else today.year, words.MONTHS.index(month) + 1, int(day))
            if not year and named < today - timedelta(days=180):
                named = named.replace(year=today.year + 1)  # "until Tuesday 5 January" in December
            assert named >= today, f"stale: {reason.text!r} on {today}"


@SETTINGS
@given(cases())
def test_an_email_due_now_is_never_put_off_past_its_deadline(document: dict[str, Any]) -> None:
    """An email interrupts no one: a thank-you due now is advised now, whatever their closures."""
    advice, loaded = advice_of(document)
    if (
        advice.purpose is Purpose.THANK_YOU
        and advice.not_before is not None
        and advice.not_before <= loaded.now
    ):
        assert advice.action is Action.FOLLOW_UP
        assert advice.deadline is not None and advice.deadline > loaded.now
        interview_end = advice.not_before
        hours = timedelta(hours=loaded.policy.thank_you_within_hours)
        assert advice.deadline.astimezone(UTC) - interview_end.astimezone(UTC) == hours  # across DST too


@SETTINGS
@given(cases())
def test_windows_start_at_or_after_not_before_and_now_within_fifteen_business_days(
    document: dict[str, Any],
) -> None:
    advice, loaded = advice_of(document)
    if not advice.windows:
        return
    assert advice.not_before is not None
    calendar = WorkCalendar(loaded.case.employer, loaded.policy)
    start = max(advice.not_before, loaded.now)
    horizon = calendar.add_business_days(
        calendar.local(start).date(), loaded.policy.window_horizon_business_days
    )
    for window in advice.windows:
        assert window.start >= advice.not_before
        assert window.start >= loaded.now
        assert window.start.date() <= horizon
    if advice.action is Action.FOLLOW_UP:
        assert advice.not_before <= loaded.now
    if advice.action is Action.WAIT:
        assert advice.not_before > loaded.now


@SETTINGS
@given(cases())
def test_check_ins_never_exceed_the_maximum(document: dict[str, Any]) -> None:
    advice, loaded = advice_of(document)
    if advice.purpose is not Purpose.CHECK_IN:
        return
    events = document["events"]
    interview = datetime.fromisoformat(document["interview"]["at"])
    since = [i for i, e in enumerate(events) if heard_from_them(e)]
    unanswered = [
        e
        for e in events[(since[-1] + 1 if since else 0) :]
        if e["kind"] == "contacted"
        and e["purpose"] != "thank_you"
        and datetime.fromisoformat(e["at"]) >= interview  # before it: arranging it
    ]
    assert len(unanswered) < loaded.policy.max_check_ins


@SETTINGS
@given(cases())
def test_the_same_input_gives_the_same_advice(document: dict[str, Any]) -> None:
    first, _ = advice_of(document)
    second, _ = advice_of(document)
    shuffled = {**document, "events": list(reversed(document["events"]))}
    third, _ = advice_of(shuffled)
    assert first == second == third


@SETTINGS
@given(cases())
def test_advice_fields_fit_the_action(document: dict[str, Any]) -> None:
    advice, loaded = advice_of(document)
    zone = loaded.case.employer.timezone
    for instant in (advice.not_before, advice.deadline, advice.move_on_at):
        if instant is not None:
            assert instant.utcoffset() == instant.astimezone(zone).utcoffset(), "in the employer's time"
    if advice.action in (Action.MOVE_ON, Action.DONE, Action.DO_NOT_CONTACT):
        assert advice.purpose is None and advice.channel is None and advice.windows == ()
    if advice.action is Action.FOLLOW_UP:
        assert advice.purpose is not None and advice.channel is not None and advice.not_before is not None
    if advice.windows:
        assert len(advice.windows) >= min(3, loaded_windows_possible(advice, loaded.case))
    assert advice.reasons


def loaded_windows_possible(advice: Advice, case: Any) -> int:
    """A call-back limited to a day or two may have fewer than three good windows; so may the
    weeks in which the candidate's clock and the employer's are moved apart by a change of
    daylight saving time in one zone and not the other (an employer open on Mondays only, a
    candidate awake only when their hours overlap in those weeks). Anything else over fifteen
    business days has at least three when it has any."""
    if advice.purpose is Purpose.CALL_BACK or _clocks_move_apart(advice.windows[0].start, case):
        return 1
    return 3


def _clocks_move_apart(start: datetime, case: Any) -> bool:
    """Whether the hours between the candidate's clock and the employer's change within the
    windows' horizon (fifteen business days of an employer open one day a week: 15 weeks)."""
    candidate = case.candidate.timezone
    if candidate is None:
        return False
    apart = {
        (start + timedelta(days=day)).astimezone(candidate).utcoffset()
        - (start + timedelta(days=day)).utcoffset()
        for day in range(0, 7 * 16)
    }
    return len(apart) > 1


def test_windows_open_only_in_the_weeks_the_clocks_of_two_zones_move_apart() -> None:
    """Berlin open Mondays 06:45-15:15, a candidate in New York awake 10:00-18:00 (16:00 in
    Berlin): only between America's change to summer time (8 March 2026) and Europe's (29 March)
    is 10:00 in New York 15:00 in Berlin, a quarter of an hour before closing."""
    document = {
        "now": "2026-02-02T08:06:00+00:00",
        "candidate": {"timezone": "America/New_York", "waking_hours": "10:00-18:00"},
        "employer": {
            "name": "Employer", "country": "DE", "subdivision": "BY", "timezone": "Europe/Berlin",
            "hours": {"days": ["mon"], "open": "06:45", "close": "15:15", "lunch": None},
        },
        "interview": {"at": "2026-02-01T08:00:00+01:00"},
        "events": [{"at": "2026-02-01T08:05:00+01:00", "kind": "prefer_channel", "channel": "phone"}],
        "policy": {"max_check_ins": 1, "avoid_first_minutes": 0, "avoid_last_minutes": 0},
    }  # fmt: skip
    advice, _ = advice_of(document)
    assert advice.windows
    for window in advice.windows:
        assert date(2026, 3, 8) < window.start.date() < date(2026, 3, 29)
        assert (window.start.strftime("%a %H:%M"), window.end.strftime("%H:%M")) == ("Mon 15:00", "15:15")


@given(cases())
def test_the_kept_record_of_an_advice_reads_back_as_the_same_advice(document: dict[str, Any]) -> None:
    """What the store keeps (KeptAdvice.as_json, through JSON) is read back typed, whole."""
    import json

    from followup.core.kept import KeptAdvice

    advice, loaded = advice_of(document)
    kept = KeptAdvice.of(advice, loaded.case, loaded.now, loaded.notes)
    again = KeptAdvice.from_json(json.loads(json.dumps(kept.as_json())), advice.changes_at)
    assert again == kept
    assert again.as_json() == kept.as_json()
