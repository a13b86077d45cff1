"""The calendar as a subscription feed: the planned follow-ups at /calendar/TOKEN.ics for the
holder of the token, a 404 for anyone else (a wrong token, a revoked one, an old one replaced),
the token kept only as a hash and never exported; `followup feed` makes, shows and revokes it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import Engine

from followup.calendar.feed import FEED_SETTING, new_feed_token, revoke_feed
from followup.casefile.fields import instant
from followup.cli import cli
from followup.store.applications import setting
from followup.store.transfer import export_document
from followup.web.app import create_app
from followup.web.dependencies import LOOPBACK, Clock

MONDAY_EVENING = "2026-03-02T17:00:00-06:00"  # after a 10:00 interview in Chicago
NORTHWIND = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-02T10:00:00-06:00"},
    "role": "Category buyer",
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'feed.sqlite3'}"


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    app = create_app(db, Clock(instant(MONDAY_EVENING, "now")))
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        assert test_client.post("/api/applications", json=NORTHWIND).status_code == 201
        yield test_client


def engine(client: TestClient) -> Engine:
    return client.app.state.engine  # type: ignore[attr-defined,no-any-return]


def feed_path(url: str) -> str:
    """The path of a feed address printed by `followup feed --new`."""
    return "/" + url.split("/", 3)[3]


def new_feed(db: str, *options: str) -> str:
    done = CliRunner().invoke(cli, ["feed", "--new", "--db", db, *options])
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


def test_the_feed_is_the_calendar_of_planned_follow_ups(client: TestClient, db: str) -> None:
    url = new_feed(db)
    assert url.startswith("http://127.0.0.1:8765/calendar/") and url.endswith(".ics")
    got = client.get(feed_path(url))
    assert got.status_code == 200
    assert got.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "no-store" in got.headers["cache-control"]
    parsed = Calendar.from_ical(got.content)
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["America/Chicago"]
    summaries = {str(event["uid"]): str(event["summary"]) for event in parsed.walk("VEVENT")}
    assert summaries == {
        "follow-up-1-thank_you@followup.local": "Send a thank-you note by email: Northwind Traders"
    }
    start = parsed.walk("VEVENT")[0]["dtstart"].dt
    assert start.tzinfo.key == "America/Chicago"
    assert str(parsed["x-published-ttl"].to_ical().decode()) == "PT1H"
    assert client.head(feed_path(url)).status_code == 200


def test_a_wrong_token_is_a_404_that_says_nothing_more(client: TestClient, db: str) -> None:
    none_yet = client.get("/calendar/no-feed-yet.ics")
    new_feed(db)
    wrong = client.get("/calendar/not-the-token.ics")
    assert none_yet.status_code == wrong.status_code == 404
    assert none_yet.text == wrong.text == "Not Found"  # no hint whether a feed exists
    assert client.get("/calendar/.ics").status_code == 404


def test_a_revoked_token_is_a_404(client: TestClient, db: str) -> None:
    path = feed_path(new_feed(db))
    assert client.get(path).status_code == 200
    revoked = CliRunner().invoke(cli, ["feed", "--revoke", "--db", db])
    assert revoked.exit_code == 0 and revoked.stdout.startswith("Revoked the feed")
    assert client.get(path).status_code == 404
    again = CliRunner().invoke(cli, ["feed", "--revoke", "--db", db])
    assert again.stdout.strip() == "There was no feed."


def test_a_new_token_revokes_the_old(client: TestClient) -> None:
    old = new_feed_token(engine(client))
    new = new_feed_token(engine(client))
    assert old != new
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert revoke_feed(engine(client)) is True
    assert client.get(f"/calendar/{new}.ics").status_code == 404


def test_only_a_hash_of_the_token_is_kept_and_it_is_not_exported(client: TestClient) -> None:
    token = new_feed_token(engine(client))
    with engine(client).connect() as connection:
        stored = setting(connection, FEED_SETTING)
    assert stored is not None and token not in stored and len(stored) == 64
    exported = export_document(engine(client), instant(MONDAY_EVENING, "now"))
    assert FEED_SETTING not in {row["name"] for row in exported["settings"]}
    assert token not in json.dumps(exported)


def test_the_host_check_still_applies_and_allow_remote_hosts_reach_the_feed(db: str) -> None:
    token = new_feed(db).split("/calendar/")[1].removesuffix(".ics")
    clock = Clock(instant(MONDAY_EVENING, "now"))
    with TestClient(create_app(db, clock), base_url="http://evil.example") as elsewhere:
        assert elsewhere.get(f"/calendar/{token}.ics").status_code == 400
    hosts = LOOPBACK | {"192.0.2.10"}  # `followup serve --host 192.0.2.10 --allow-remote`
    with TestClient(create_app(db, clock, hosts), base_url="http://192.0.2.10:8765") as remote:
        assert remote.get(f"/calendar/{token}.ics").status_code == 200


def test_the_feed_is_not_part_of_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/calendar")]


def test_followup_feed_tells_whether_the_feed_is_on(db: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["feed", "--db", db]).stdout.startswith("There is no feed")
    url = new_feed(db, "--host", "::1", "--port", "9000")
    assert url.startswith("http://[::1]:9000/calendar/")
    on = runner.invoke(cli, ["feed", "--db", db])
    assert on.exit_code == 0 and on.stdout.startswith("The feed is on") and url not in on.stdout
    assert json.loads(runner.invoke(cli, ["feed", "--json", "--db", db]).stdout) == {
        "feed": True,
        "url": None,
    }
    made = json.loads(runner.invoke(cli, ["feed", "--new", "--json", "--db", db]).stdout)
    assert made["feed"] is True and made["url"] != url
    both = runner.invoke(cli, ["feed", "--new", "--revoke", "--db", db])
    assert both.exit_code == 2 and both.stderr.startswith("followup: feed: --new and --revoke")
