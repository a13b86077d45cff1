"""Shared helpers: build a case the way a case file would, and advise on it; serve the app and
drive it in Debian's Chromium, and say at the end of the run how many browser tests ran in it."""

from __future__ import annotations

import copy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Container, Generator, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

from followup.casefile import read_case
from followup.core import Advice, Hours, Policy, Window, advise

if TYPE_CHECKING:
    from tests.imap_server import ImapServer

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


# The app served in a process of its own, and Chromium to look at it: Debian's (`make test`
# installs it when it can), or the one the environment variable CHROMIUM names. Playwright's own
# browser download is never used.

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
NO_CHROMIUM = f"no Chromium at {CHROMIUM}: apt-get install chromium"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new store's address: an SQLite file, or a PostgreSQL database of its own, dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'followup.sqlite3'}"
        return
    from tests.test_store import PostgresDatabase  # a test module that imports this one: imported late

    with PostgresDatabase() as url:
        yield url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: str, now_file: Path, your_zone: str = "America/New_York") -> Iterator[str]:
    """`followup serve` on the store `db`, its clock read from `now_file`; yields the base URL."""
    with followup_serving(["--db", db, "--now-file", str(now_file)], {"TZ": your_zone}) as port:
        yield f"http://127.0.0.1:{port}"


@contextmanager
def followup_serving(options: list[str], environment: dict[str, str]) -> Iterator[int]:
    """`followup serve` with these options and environment, on a free port, once it listens;
    yields the port, and stops it after."""
    port = free_port()
    command = [sys.executable, "-m", "followup", "serve", "--port", str(port), *options]
    server = subprocess.Popen(command, env={**os.environ, **environment}, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def add_northwind(page: Any, base: str | None = None) -> None:
    """Northwind's application, added in the browser on the page to add one (opened from base,
    if given): its page is shown."""
    if base is not None:
        page.goto(base + "/applications/new")
    page.get_by_label("Name").fill("Northwind Traders")
    page.get_by_label("Country").fill("US")
    page.get_by_label("Region").fill("IL")
    page.get_by_label("Role").fill("Category buyer")
    page.get_by_label("Interview").fill("2026-03-02T10:00")
    page.get_by_role("button", name="Add").click()


@contextmanager
def demo_served(folder: Path, now: str) -> Iterator[str]:
    """The sample job search (`followup demo`) served at the moment `now`; yields the base URL."""
    db = f"sqlite:///{folder / 'demo.sqlite3'}"
    demo = [sys.executable, "-m", "followup", "demo", "--db", db, "--now", now]
    subprocess.run(demo, check=True, capture_output=True)
    now_file = folder / "now"
    now_file.write_text(now, encoding="utf-8")
    with serving(db, now_file) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is needed under CI ({NO_CHROMIUM})")
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


# Every test that drives Chromium carries the `browser` marker, and the run ends with how many of
# them ran in it: quietly when all did, loudly when some were skipped or could not start.

SELECTED_BROWSER_TESTS = pytest.StashKey[set[str]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The marker and the `browser` fixture go together, so that the count at the end is true."""
    unmarked = [item.nodeid for item in items if uses_chromium(item) and not marked(item)]
    stray = [item.nodeid for item in items if marked(item) and not uses_chromium(item)]
    if unmarked:
        raise pytest.UsageError(f"mark these with @pytest.mark.browser, they use Chromium: {unmarked}")
    if stray:
        raise pytest.UsageError(f"these are marked browser but use no `browser` fixture: {stray}")


def uses_chromium(item: pytest.Item) -> bool:
    return "browser" in getattr(item, "fixturenames", ())


def marked(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[SELECTED_BROWSER_TESTS] = {item.nodeid for item in session.items if marked(item)}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> Generator[None]:
    """The last line before pytest's own counts: the browser tests run in Chromium, or, loudly,
    how many of them did not run and why. Counted from the reports of this run."""
    yield
    if config.option.collectonly:
        return
    every = [
        report
        for kept in terminalreporter.stats.values()
        for report in kept
        if isinstance(report, pytest.TestReport)
    ]
    # Collected here, or, with workers (pytest-xdist), in them: then the reports name the marker.
    selected = config.stash.get(SELECTED_BROWSER_TESTS, set()) or {
        report.nodeid for report in every if "browser" in report.keywords
    }
    reports = [report for report in every if report.nodeid in selected]
    ran = {report.nodeid for report in reports if report.when == "call" and not skipped(report)}
    why_skipped = {report.nodeid: skip_reason(report) for report in reports if skipped(report)}
    broken = {report.nodeid for report in reports if report.when == "setup" and report.failed} - ran
    unreached = selected - ran - why_skipped.keys() - broken
    total = len(selected)
    if not total:
        terminalreporter.write_line("browser tests: none in this run")
    elif len(ran) == total:
        terminalreporter.write_line(f"browser tests: {total} run in Chromium")
    loud: list[str] = []
    if why_skipped:
        reasons = Counter(why_skipped.values()).most_common()
        why = "; ".join(reason if len(reasons) == 1 else f"{count}: {reason}" for reason, count in reasons)
        loud.append(f"BROWSER TESTS SKIPPED: {len(why_skipped)} of {total} ({why})")
    if broken:
        loud.append(f"BROWSER TESTS FAILED TO START: {len(broken)} of {total} (see the errors above)")
    if unreached:
        loud.append(f"BROWSER TESTS NOT RUN: {len(unreached)} of {total} (the run stopped before them)")
    for line in loud:
        terminalreporter.write_sep("!", line, red=True, bold=True)


def skipped(report: pytest.TestReport) -> bool:
    """Skipped, not an expected failure (which ran)."""
    return report.skipped and not hasattr(report, "wasxfail")


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


# A real IMAP server: Debian's Dovecot (`make test` installs dovecot-imapd when it can), run on
# 127.0.0.1 with a throwaway configuration (tests/imap_server.py). Without it the tests that use it
# are skipped, except under CI, where they fail.


def imap_server_started() -> Iterator[ImapServer]:
    """A started ImapServer, stopped and removed after; skipped (failed under CI) without Dovecot."""
    from tests.imap_server import DOVECOT, NO_DOVECOT, ImapServer

    if DOVECOT is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Dovecot is needed under CI ({NO_DOVECOT})")
        pytest.skip(NO_DOVECOT)
    with ImapServer() as server:
        yield server


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """Dovecot for this test alone (an ImapServer from tests/imap_server.py)."""
    yield from imap_server_started()


@pytest.fixture(scope="module")
def imap_server_module() -> Iterator[ImapServer]:
    """Dovecot shared by the tests of a module: each test keeps to folders of its own."""
    yield from imap_server_started()


SERVER_POSTGRES = os.environ.get(
    "FOLLOWUP_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """A database owned by a role that is no superuser, as a server's is (row-level security
    does not hold a superuser), dropped with its role after the module."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"followup_scope_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(SERVER_POSTGRES, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOBYPASSRLS'))
            connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{name}"'))
    except Exception as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is needed under CI and is not reachable at {SERVER_POSTGRES}: {error}")
        pytest.skip(f"no PostgreSQL server at {SERVER_POSTGRES}: {type(error).__name__}")
    yield admin.url.set(username=name, database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


def emptied(engine: Any) -> None:
    """A server's store as new again, but for its schema and the local account (as its owner,
    for every seeker)."""
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(text("SELECT set_config('followup.everyone', 'on', true)"))
        connection.execute(
            text(
                "TRUNCATE employers, applications, coach_seekers, sessions, account_tokens, audit, "
                "sign_in_failures CASCADE"
            )
        )
        connection.execute(text("DELETE FROM accounts WHERE id <> 1"))


PASSWORD = "correct horse battery staple"  # every account's in the tests of a server
FORM_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')  # a page's form token, as it shows it


@pytest.fixture
def server_store(server_url: str) -> Iterator[Any]:
    """The engine of a server's store, emptied after the test."""
    from followup.store.database import connect

    engine = connect(server_url)
    yield engine
    emptied(engine)
    engine.dispose()


def server_people(
    engine: Any, now: datetime, roles: dict[str, str], coaching: dict[str, str] | None = None
) -> dict[str, Any]:
    """An admin (Ada, "admin") and, for each name of `roles`, an account of that role who joined
    from an invitation (email NAME@example.org); `coaching` gives each coach (by name) a seeker."""
    from followup.service import accounts

    admin = accounts.first_admin(engine, "ada@career.example", "Ada", PASSWORD, now)
    found = {"admin": admin}
    for who, role in roles.items():
        link = accounts.invite(engine, admin, f"{who}@example.org", who.title(), role, now)
        found[who] = accounts.join(engine, link.token, PASSWORD, now).account
    for coach, seeker in (coaching or {}).items():
        accounts.assign(engine, admin, found[coach].id, found[seeker].id, now)
    return found
