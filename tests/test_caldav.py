"""Pushing the calendar to a CalDAV calendar, against a real Radicale server on 127.0.0.1: the
events come back at the right local time on both sides of a clock change, a second push updates
rather than duplicates, what is no longer planned goes, and a refused password or a server that is
down or failing is one line, exit 2, with nothing recorded as pushed."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar, Event
from sqlalchemy import Engine

from followup.calendar.caldav import PASSWORD_ENVIRONMENT, PUSHED_SETTING, resources_of
from followup.calendar.file import calendar
from followup.cli import cli
from followup.store import connect
from followup.store.applications import add_application, record_event, setting
from followup.store.records import add_interview, edit
from followup.store.transfer import export_document
from tests.conftest import free_port

USER, PASSWORD = "alice", "correct horse"
# Thursday 5 March 2026, 08:00 in New York: round 1 is at 10:00 that day (EST, -05:00); the US
# clocks go forward on Sunday 8 March; round 2 is Tuesday 10 March at 10:00 (EDT, -04:00).
NOW = "2026-03-05T08:00:00-05:00"
LATER = "2026-03-05T12:00:00-05:00"  # round 1 is over
HOUR = 3600


class Radicale(NamedTuple):
    base: str
    log: Path


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    """Radicale on a free port of 127.0.0.1, with one user in a plain htpasswd file."""
    folder = tmp_path_factory.mktemp("radicale")
    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "radicale", "--config", "--server-hosts", f"127.0.0.1:{port}"]
    command += ["--storage-filesystem-folder", str(folder / "collections")]
    command += ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users)]
    command += ["--auth-htpasswd-encryption", "plain", "--auth-delay", "0", "--logging-level", "warning"]
    log = folder / "radicale.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Radicale did not start: {log.read_text(errors='replace')}")
                time.sleep(0.05)
        yield Radicale(f"http://127.0.0.1:{port}", log)
    finally:
        server.terminate()
        server.wait(timeout=10)


def dav(method: str, url: str, body: bytes | None = None, **headers: str) -> tuple[int, bytes]:
    """One request to the server as the user; its status and body."""
    pair = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request = urllib.request.Request(url, body, {"authorization": f"Basic {pair}", **headers}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code), error.read()


@pytest.fixture
def collection(radicale: Radicale) -> str:
    """A new, empty calendar of the user's."""
    url = f"{radicale.base}/{USER}/{uuid.uuid4().hex}/"
    status, _ = dav("MKCALENDAR", url)
    assert status == 201
    return url


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'push.sqlite3'}"


@pytest.fixture
def store(db: str) -> Engine:
    """An application at Fabrikam in New York: round 1 before the clock change, round 2 after."""
    engine = connect(db)
    now = datetime.fromisoformat(NOW)
    document = {
        "employer": {
            "name": "Fabrikam",
            "timezone": "America/New_York",
            "country": "US",
            "subdivision": "NY",
        },
        "interview": {"at": "2026-03-05T10:00:00-05:00"},
    }
    application = add_application(engine, document, now=now, role="Analyst")
    add_interview(engine, application, {"at": "2026-03-10T10:00:00-04:00", "minutes": 60}, now)
    return engine


def push(db: str, url: str | None, now: str = NOW, password: str | None = PASSWORD, *more: str) -> Result:
    env = {PASSWORD_ENVIRONMENT: password}
    where = [url] if url else []
    return CliRunner().invoke(
        cli, ["caldav-push", *where, "--user", USER, "--db", db, "--now", now, *more], env=env
    )


def on_server(url: str) -> dict[str, Event]:
    """Every event in the calendar at url, read back one calendar object at a time, by UID."""
    listing = b'<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
    status, body = dav("PROPFIND", url, listing, depth="1", **{"content-type": "application/xml"})
    assert status == 207
    hrefs = [href.text or "" for href in ElementTree.fromstring(body).iter("{DAV:}href")]
    found: dict[str, Event] = {}
    for href in hrefs:
        if not href.endswith(".ics"):
            continue
        status, ics = dav("GET", urljoin(url, href))
        assert status == 200
        events = Calendar.from_ical(ics).walk("VEVENT")
        assert len(events) == 1, href
        uid = str(events[0]["uid"])
        assert uid not in found, f"{uid} twice"
        found[uid] = events[0]
    return found


def local(event: Event) -> tuple[str, int, int, float]:
    start = event["dtstart"].dt
    return (start.tzinfo.key, start.hour, start.minute, start.utcoffset().total_seconds() / HOUR)


def test_the_events_come_back_at_their_local_time_across_the_clock_change(
    store: Engine, db: str, collection: str
) -> None:
    done = push(db, collection)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"Pushed 3 events to {collection} (3 new, 0 changed, 0 unchanged).")
    events = on_server(collection)
    assert set(events) == {
        "interview-1@followup.local",
        "interview-2@followup.local",
        "follow-up-1-thank_you@followup.local",
    }
    assert local(events["interview-1@followup.local"]) == ("America/New_York", 10, 0, -5)
    assert local(events["interview-2@followup.local"]) == ("America/New_York", 10, 0, -4)
    assert events["interview-2@followup.local"]["dtend"].dt.hour == 11
    thank_you = events["follow-up-1-thank_you@followup.local"]
    assert local(thank_you)[0::3] == ("America/New_York", -5)
    assert [str(alarm["action"]) for alarm in thank_you.walk("VALARM")] == ["DISPLAY"]


def test_each_calendar_object_holds_one_event_and_its_zone_and_no_method(store: Engine) -> None:
    resources = resources_of(calendar(store, datetime.fromisoformat(NOW)))
    assert set(resources) == {
        "interview-1@followup.local",
        "interview-2@followup.local",
        "follow-up-1-thank_you@followup.local",
    }
    for uid, resource in resources.items():
        parsed = Calendar.from_ical(resource.body)
        assert [str(event["uid"]) for event in parsed.walk("VEVENT")] == [uid]
        assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["America/New_York"]
        assert "method" not in parsed


def test_pushing_again_updates_rather_than_duplicates(store: Engine, db: str, collection: str) -> None:
    assert push(db, collection).exit_code == 0
    env = {PASSWORD_ENVIRONMENT: PASSWORD}
    again = CliRunner().invoke(cli, ["caldav-push", "--db", db, "--now", NOW], env=env)  # both remembered
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"Pushed 3 events to {collection} (0 new, 0 changed, 3 unchanged).")
    assert len(on_server(collection)) == 3
    other = collection.rstrip("/") + "-other/"  # another calendar of the same server: the same user
    assert dav("MKCALENDAR", other)[0] == 201
    elsewhere = CliRunner().invoke(cli, ["caldav-push", other, "--db", db, "--now", NOW], env=env)
    assert elsewhere.exit_code == 0, elsewhere.output
    assert len(on_server(other)) == 3
    edit(store, "interview", 2, {"minutes": "90", "place": "1 Fabrikam Plaza"}, datetime.fromisoformat(NOW))
    changed = json.loads(push(db, collection, NOW, PASSWORD, "--json").stdout)
    assert changed["changed"] == ["interview-2@followup.local"] and changed["new"] == []
    events = on_server(collection)
    assert len(events) == 3
    round_two = events["interview-2@followup.local"]
    assert int(round_two["sequence"]) == 1 and str(round_two["location"]) == "1 Fabrikam Plaza"
    end = round_two["dtend"].dt
    assert (end.hour, end.minute, end.utcoffset()) == (11, 30, timedelta(hours=-4))


def test_what_is_no_longer_planned_goes_and_what_took_place_stays(
    store: Engine, db: str, collection: str
) -> None:
    assert push(db, collection).exit_code == 0
    after = push(db, collection, LATER)  # round 1 is over: no longer in the plan, but it took place
    assert after.exit_code == 0, after.output
    assert "Left 1 that have begun, as a record: interview-1@followup.local." in after.stdout
    assert "interview-1@followup.local" in on_server(collection)
    rejected = {"at": LATER, "kind": "rejected", "note": "We have decided to move forward with others."}
    record_event(store, 1, rejected, now=datetime.fromisoformat(LATER))
    closed = push(db, collection, LATER)
    assert closed.exit_code == 0, closed.output
    assert closed.stdout.startswith(f"Pushed 0 events to {collection}")
    assert "Removed 2 no longer planned" in closed.stdout
    assert set(on_server(collection)) == {"interview-1@followup.local"}


def test_a_refused_password_is_one_line_exit_2_and_nothing_recorded(
    store: Engine, db: str, collection: str
) -> None:
    refused = push(db, collection, NOW, "wrong")
    assert refused.exit_code == 2
    reason = "the server refused the user name 'alice' or its password (401 Unauthorized)"
    assert refused.stderr == f"followup: {collection}: {reason}\n"
    assert on_server(collection) == {}
    missing = push(db, collection, NOW, None)
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"followup: {PASSWORD_ENVIRONMENT}: not set")
    not_a_calendar = push(db, collection + "nothing-here/")
    assert not_a_calendar.exit_code == 2 and "no calendar there (404 Not Found)" in not_a_calendar.stderr
    assert unrecorded(store)


def test_a_server_down_is_one_line_exit_2_and_nothing_recorded(store: Engine, db: str) -> None:
    url = f"http://127.0.0.1:{free_port()}/{USER}/jobs/"  # nothing listens there
    down = push(db, url)
    assert down.exit_code == 2
    assert down.stderr == f"followup: {url}: cannot reach the server (Connection refused)\n"
    assert unrecorded(store)


class Failing(BaseHTTPRequestHandler):
    """A server that fails every request, as one under maintenance does."""

    def do_PROPFIND(self) -> None:
        self.send_response(503)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_failing_server_is_one_line_exit_2_and_nothing_recorded(store: Engine, db: str) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{USER}/jobs/"
        failed = push(db, url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert failed.exit_code == 2
    assert failed.stderr == f"followup: {url}: the server failed (503 Service Unavailable) on PROPFIND\n"
    assert unrecorded(store)


def test_bad_addresses_are_refused_before_anything_is_sent(db: str, store: Engine) -> None:
    with_password = push(db, "https://alice:secret@calendar.example/alice/jobs/")
    assert with_password.exit_code == 2
    assert "URL: give the user name with --user" in with_password.stderr
    assert push(db, "calendar.example/jobs").stderr.startswith(
        "followup: URL: 'calendar.example/jobs' is not"
    )
    assert push(db, None).stderr.startswith("followup: caldav-push: URL: missing")
    for no_address in ("alice:s3cret@calendar.example/jobs/", "webcal://alice:s3cret@calendar.example/"):
        refused = push(db, no_address)
        assert refused.exit_code == 2
        assert "s3cret" not in refused.stderr and "alice" not in refused.stderr  # never shown
    assert unrecorded(store)


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("http://[::1/cal/", "'http://[::1/cal/' is not a web address"),
        ("http://[zz]/cal/", "'http://[zz]/cal/' is not a web address"),
        ("http://a..b/", "'http://a..b/': the host 'a..b' is not a host name or an IP address"),
        (f"http://{'a' * 300}.example/cal/", "is not a host name or an IP address (labels of 1 to 63"),
        ("https://calendar.example:99999/jobs/", "is not a web address"),
        ("http://alice:s3cret@a..b/", "give the user name with --user"),
    ],
    ids=["an IPv6 address left open", "not an IPv6 address", "an empty label", "a label of 300 letters",
         "a port out of range", "credentials and a bad host"],
)  # fmt: skip
def test_an_address_whose_host_cannot_be_read_is_refused_in_one_line(
    db: str, store: Engine, address: str, said: str
) -> None:
    """Not an internal error (an IPv6 address the URL parser cannot read, a name IDNA cannot
    write) when the connection is tried."""
    refused = push(db, address)
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith("followup: URL: ") and said in refused.stderr
    assert "s3cret" not in refused.stderr
    assert unrecorded(store)


def test_what_was_pushed_is_kept_without_the_password_and_not_exported(
    store: Engine, db: str, collection: str
) -> None:
    assert push(db, collection).exit_code == 0
    with store.connect() as connection:
        kept = setting(connection, PUSHED_SETTING)
    assert kept is not None and PASSWORD not in kept
    assert json.loads(kept)["calendars"][collection]["user"] == USER
    exported = export_document(store, datetime.fromisoformat(NOW))
    assert PUSHED_SETTING not in {row["name"] for row in exported["settings"]}


def unrecorded(store: Engine) -> bool:
    with store.connect() as connection:
        return setting(connection, PUSHED_SETTING) is None
