"""Channels they ruled out are never offered: not by the advice, a draft, an email sent, a button
or link of the web app, the API or a calendar entry; a visit only when they invited or welcome
it and you live nearby. The reason names the ban and the day they said it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.calendar.file import calendar, events_json
from followup.casefile.fields import instant
from followup.drafts import ChannelRuledOut
from followup.mail.outbox import Refused, follow_up_email
from followup.service.applications import application
from followup.service.drafts import drafts
from followup.store.applications import add_application
from followup.web.app import create_app
from followup.web.dependencies import Clock
from tests.conftest import advice_for, rules
from tests.test_properties import ruled_out as banned

THANKED = {"at": "2026-03-03T16:00:00-06:00", "kind": "contacted", "channel": "email", "purpose": "thank_you"}
CHANNELS = ("email", "phone", "visit")


def said(kind: str, **fields: Any) -> dict[str, Any]:
    return {"at": "2026-03-03T11:00:00-06:00", "kind": kind, **fields}


class TestTheReasonNamesTheBan:
    def test_email_because_they_asked_you_not_to_call(self) -> None:
        events = [said("decision_by", date="2026-03-06", note="We'll let you know by Friday"),
                  said("no_contact", channels=["phone"], note="please don't call"), THANKED]  # fmt: skip
        advice = advice_for("2026-03-10T10:00:00-05:00", events=events)
        assert advice.channel is not None and advice.channel.value == "email"
        chosen = next(reason for reason in advice.reasons if reason.text.endswith("so: email."))
        assert chosen.text == "On 3 March they asked you not to call, so: email."
        assert chosen.rule == "channel.ruled_out"
        assert not any("no preference" in reason.text for reason in advice.reasons)

    def test_every_channel_ruled_out_is_listed_with_the_day_they_said_it(self) -> None:
        events = [said("no_contact", channels=["phone", "visit"]), THANKED]
        advice = advice_for("2026-03-10T10:00:00-05:00", events=events)
        listed = {ruled.channel.value: ruled for ruled in advice.ruled_out}
        assert set(listed) == {"phone", "visit"}
        assert listed["phone"].text == "On 3 March they asked you not to call."
        assert listed["visit"].text == "On 3 March they asked you not to come by."
        assert (
            listed["phone"].said_at is not None and listed["phone"].said_at.date().isoformat() == "2026-03-03"
        )

    def test_a_preference_for_in_person_when_you_are_not_local_falls_back_with_that_reason(self) -> None:
        events = [said("prefer_channel", channel="visit"), said("no_contact", channels=["phone"]), THANKED]
        advice = advice_for("2026-03-12T10:00:00-05:00", events=events)
        assert advice.channel is not None and advice.channel.value == "email"
        chosen = next(reason.text for reason in advice.reasons if reason.text.endswith("so: email."))
        assert chosen.startswith("On 3 March they asked to see you in person, but you do not live nearby")
        assert "they asked you not to call" in chosen

    def test_a_business_that_welcomes_visits_is_visited_only_by_a_neighbour(self) -> None:
        far = advice_for("2026-03-12T10:00:00-05:00", events=[THANKED], policy={"default_channel": "visit"},
                         employer={"allows_visits": True})  # fmt: skip
        assert far.channel is not None and far.channel.value == "email"
        assert "channel.not_local" in rules(far)


# Every face, over every combination of instructions.

KINDS = [
    "no_contact",
    "no_contact",
    "prefer_channel",
    "ok_to_follow_up",
    "call_back",
    "decision_by",
    "wait_for_us",
]
BUTTON = {"phone": "Called:", "email": "Emailed", "visit": "Visited"}
DRAFT_WORDS = {"phone": "Phone script", "visit": "Office visit", "email": "Subject:"}
NOW = datetime.fromisoformat("2026-03-12T10:00:00-05:00")  # the check-in of a 3 March interview is due


@st.composite
def instructions(draw: st.DrawFn) -> tuple[list[dict[str, Any]], bool, bool]:
    moment = datetime.fromisoformat("2026-03-03T11:00:00-06:00")
    events: list[dict[str, Any]] = [dict(THANKED)]
    for kind in draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4)):
        moment += timedelta(minutes=draw(st.integers(1, 60 * 24)))
        event: dict[str, Any] = {"at": moment.isoformat(), "kind": kind}
        if kind == "no_contact":
            event["channels"] = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=2, unique=True))
        elif kind == "prefer_channel":
            event["channel"] = draw(st.sampled_from(CHANNELS))
        elif kind == "ok_to_follow_up" and draw(st.booleans()):
            event["channels"] = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=2, unique=True))
        elif kind in ("call_back", "decision_by"):
            event["date"] = (moment.date() + timedelta(days=draw(st.integers(1, 12)))).isoformat()
            if kind == "call_back" and draw(st.booleans()):
                event["channel"] = draw(st.sampled_from(CHANNELS))
        events.append(event)
    events.sort(key=lambda event: event["at"])
    return events, draw(st.booleans()), draw(st.booleans())


def expected_ruled_out(events: list[dict[str, Any]], local: bool, welcome: bool) -> set[str]:
    """What the employer's words rule out, worked out here independently of the engine."""
    found = {channel for channel in ("email", "phone") if banned(channel, events)}
    invited = False
    for event in events:
        channels = event.get("channels") or []
        named = event.get("channel") == "visit" or "visit" in channels
        if event["kind"] == "no_contact" and (not channels or "visit" in channels):
            invited = False
        elif named and event["kind"] in (
            "prefer_channel",
            "call_back",
            "ok_to_follow_up",
            "decision_by",
            "wait_for_us",
        ):
            invited = True
    if banned("visit", events) or not ((invited or welcome) and local):
        found.add("visit")
    return found


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, TestClient]]:
    store = tmp_path_factory.mktemp("channels") / "store.sqlite3"
    app = create_app(f"sqlite:///{store}", Clock(NOW))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        yield app.state.engine, client


NAMES = count(1)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(instructions())
def test_no_face_ever_offers_a_channel_they_ruled_out(
    house: tuple[Any, TestClient], given_case: tuple[list[dict[str, Any]], bool, bool]
) -> None:
    engine, client = house
    events, local, welcome = given_case
    name = f"Employer {next(NAMES)}"
    document = {
        "candidate": {"timezone": "America/New_York", "local_to_employer": local},
        "employer": {"name": name, "timezone": "America/Chicago", "country": "US", "subdivision": "IL",
                     "allows_visits": welcome},
        "interview": {"at": "2026-03-03T10:00:00-06:00"},
        "events": events,
    }  # fmt: skip
    application_id = add_application(engine, document, now=NOW)
    advice = application(engine, NOW, application_id)["advice"]
    ruled = {reason["channel"] for reason in advice["ruled_out"]}
    assert ruled == expected_ruled_out(events, local, welcome)

    # The advice.
    assert advice["channel"] not in ruled
    # A draft, on the command line's way and the API's.
    for channel in CHANNELS:
        if channel in ruled:
            with pytest.raises(ChannelRuledOut):
                drafts(engine, application_id, advice, channel)
            refused = client.get(f"/api/applications/{application_id}/draft", params={"channel": channel})
            assert refused.status_code == 409
            assert refused.json()["error"]["message"] == next(
                reason["text"] for reason in advice["ruled_out"] if reason["channel"] == channel
            )
            page = client.get(f"/applications/{application_id}/draft", params={"channel": channel})
            assert page.status_code == 409 and DRAFT_WORDS[channel] not in page.text
    # An email sent.
    if "email" in ruled:
        with pytest.raises(Refused):
            follow_up_email(
                engine, application_id, advice, NOW, sender="me@example.org", to="them@example.com",
                email_chosen=True,
            )  # fmt: skip
    # The buttons and links of its page.
    page = client.get(f"/applications/{application_id}").text
    quick = page.split('class="quick"')[1].split("</form>")[0]
    for channel in CHANNELS:
        assert (BUTTON[channel] in quick) is (channel not in ruled), channel
    draft_page = client.get(f"/applications/{application_id}/draft").text
    for channel in ruled:
        assert f"draft?channel={channel}" not in draft_page
    # The calendar.
    for event in events_json(calendar(engine, NOW)):
        if name not in event["summary"]:
            continue
        if event["uid"].startswith("follow-up-"):
            assert not any(re.search(rf"\b{word}\b", event["summary"]) for word in _words(ruled))
            for channel in ruled:
                assert DRAFT_WORDS[channel] not in event["description"]


def _words(ruled: set[str]) -> list[str]:
    return [{"email": "by email", "phone": "by phone", "visit": "in person"}[channel] for channel in ruled]


def test_the_timeline_shows_each_instruction_with_its_scope(tmp_path: Path) -> None:
    clock = Clock(instant("2026-03-10T10:00:00-05:00", "now"))
    app = create_app(f"sqlite:///{tmp_path / 'scope.sqlite3'}", clock)
    employer = {"name": "Windy City Foods", "country": "US", "subdivision": "IL"}
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        added = client.post(
            "/api/applications", json={"employer": employer, "interview": {"at": "2026-03-03T10:00:00-06:00"}}
        ).json()["id"]
        client.post(f"/api/applications/{added}/events", json=said("no_contact", channels=["phone"]))
        everything = {**said("no_contact"), "at": "2026-03-04T11:00:00-06:00"}
        client.post(f"/api/applications/{added}/events", json=everything)
        page = client.get(f"/applications/{added}").text
    assert "No contact by phone" in page
    assert "No contact at all" in page
