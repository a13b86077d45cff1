"""Shared helpers: build a case the way a case file would, and advise on it."""

from __future__ import annotations

import copy
import os
from collections.abc import Container
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

from followup.casefile import read_case
from followup.core import Advice, Hours, Policy, Window, advise

# HYPOTHESIS_PROFILE=deep digs further than the everyday run.
settings.register_profile("default", max_examples=300)
settings.register_profile("deep", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

BASE: dict[str, Any] = {
    "candidate": {"timezone": "America/New_York"},
    "employer": {
        "name": "Northwind Traders",
        "timezone": "America/Chicago",
        "country": "US",
        "subdivision": "IL",
    },
    # Tuesday 3 March 2026, 10:00 in Chicago.
    "interview": {"at": "2026-03-03T10:00:00-06:00", "round": 1, "format": "onsite"},
    "events": [],
}


def case_file(**changes: Any) -> dict[str, Any]:
    """A case file: the base case with top-level sections replaced or (for dicts) updated."""
    document = copy.deepcopy(BASE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(document.get(key), dict):
            document[key].update(value)
        else:
            document[key] = value
    return document


def advice_for(now: str, events: list[dict[str, Any]] | None = None, **changes: Any) -> Advice:
    """The advice at `now` for the base case with these events and changes."""
    document = case_file(**changes)
    if events is not None:
        document["events"] = events
    moment = datetime.fromisoformat(now)
    loaded = read_case(document, now=moment)
    return advise(loaded.case, moment, loaded.policy)


def assert_a_good_time(
    window: Window, hours: Hours, zone: ZoneInfo, public: Container[date], policy: Policy
) -> None:
    """A window lies in one working day of the employer, in its time zone, inside its hours and
    outside lunch, the first and last minutes, busy slots, closed dates and public holidays."""
    start, end = window.start.astimezone(zone), window.end.astimezone(zone)
    assert start.utcoffset() == window.start.utcoffset(), "in the employer's time zone"
    day = start.date()
    assert end.date() == day
    assert start < end
    assert day.weekday() in hours.days, "a working day"
    assert day not in public, f"{day} is a public holiday"
    assert day not in hours.closed, f"{day} is a closed date"
    today = hours.on(day)
    first, last = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    assert first >= today.open + policy.avoid_first_minutes, "not in the first minutes"
    assert last <= today.close - policy.avoid_last_minutes, "not in the last minutes"
    if today.lunch is not None:
        assert last <= today.lunch.start or first >= today.lunch.end, "never at lunch"
    for busy in hours.busy:
        if day.weekday() in busy.days:
            assert last <= busy.span.start or first >= busy.span.end, "never in a busy slot"


def rules(advice: Advice) -> list[str]:
    return [reason.rule for reason in advice.reasons]


@pytest.fixture
def base_case() -> dict[str, Any]:
    return case_file()
