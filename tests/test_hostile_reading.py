"""What strangers write, read safely: notes and emails, .eml files and mailboxes, HTML, and .ics
invitations. Each is read in a time in proportion to its length (the worst inputs known read a
megabyte in seconds at most, where they took minutes), within limits the docs list; what cannot
be read is refused in one line with exit code 2 (a 400 in the web app), and nothing is written.
A long paste is read off the web app's event loop: other pages go on answering meanwhile.

The fuzz tests feed each reader inputs made from real ones, cut, mixed and salted with what
breaks parsers, through the library and through the command."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from signal import SIGKILL
from typing import Any

import anyio
import pytest
from click.testing import CliRunner, Result
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.calendar.invitations import InvitationError, read_invitations, read_summary
from followup.calendar.invitations.lines import LARGEST_FILE as LARGEST_CALENDAR
from followup.calendar.invitations.lines import (
    LAST_YEAR,
    MOST_CLOCK_CHANGES,
    MOST_EVENTS,
    MOST_LINES,
    MOST_ZONES,
)
from followup.calendar.invitations.summary import LONGEST_SUMMARY
from followup.casefile.fields import instant
from followup.cli import cli
from followup.reading import dates
from followup.reading.dates import DateReader
from followup.reading.limits import (
    LARGEST_FILE,
    LONGEST_HEADER,
    LONGEST_TEXT,
    MOST_DATES,
    MOST_MULTIPARTS,
    TooLong,
    too_many_dates,
)
from followup.reading.markup import html_text
from followup.reading.message import MessageError, read_email, read_file
from followup.reading.reader import Where, read_message, read_words
from followup.service import applications, reading
from followup.web.app import create_app
from followup.web.dependencies import Clock
from followup.web.reading_pool import LONG_READING
from tests.test_invitations import Store, calendar, event, written

DATA = Path(__file__).parent / "data"
CHICAGO = Where("America/Chicago", "US", "IL")
SAID = datetime.fromisoformat("2026-03-04T10:00:00-06:00")
NOW = "2026-03-04T12:00:00-06:00"
MEGABYTE = 1_000_000
GENEROUS = 5.0  # seconds for a megabyte: the reading takes a fraction of it; before, minutes


def repeated(unit: str, size: int = MEGABYTE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def timed(read: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = read()
    return result, time.perf_counter() - started


def sample(name: str) -> bytes:
    return (DATA / "invitations" / name).read_bytes()


EMAILS = [json.loads(line)["eml"] for line in (DATA / "reading" / "eml.jsonl").read_text().splitlines()]


def mailbox(*emails: str) -> bytes:
    return "".join(f"From dana@acme.example Wed Mar  4 10:00:00 2026\n{text}\n" for text in emails).encode()


# The defects: quadratic reading.


def test_no_reply_sentences_are_left_out_in_one_pass() -> None:
    sentence = "Please do not reply to this email. "
    text = sentence * (MEGABYTE // len(sentence))
    (words, signals), took = timed(lambda: read_message(text, SAID, CHICAGO))
    assert (words, signals) == ("", [])
    assert took < GENEROUS
    kept = read_message("We'll decide by Friday. Please do not reply. Don't call.", SAID, CHICAGO)[0]
    assert kept == "We'll decide by Friday.  Don't call."


def test_html_is_made_text_without_scanning_what_is_open() -> None:
    bold, took = timed(lambda: html_text(repeated("<b>x")))
    assert bold == "x" * (MEGABYTE // 4) and took < GENEROUS
    hidden = "<span style='display: none'>hidden" + "<div>" * 10  # closed with what it holds
    deep = "<div>" * 50_000 + hidden + "</span>shown" + "</div>" * 50_000
    assert html_text(deep) == "shown"
    for unit in ("<!--", '<a b="', "<a b='", "</", "<", "<!", "&#1", "</x>", "<script>"):
        _text, took = timed(lambda unit=unit: html_text(repeated(unit)))
        assert took < GENEROUS, unit


def test_html_reads_as_a_browser_shows_it() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><p>Hi &amp; welcome,</p>"
        "<div class='gmail_quote'>On Mon, Dana wrote: call me</div><p>We&rsquo;ll decide by "
        "<b>Friday</b>.<br/>Thanks &#8217; &#99999999999999;</p><script>var a = '<p>x</p>';</script>"
        "<blockquote>quoted</blockquote><p>Bye</p><!-- a comment never closed"
    )
    assert html_text(html) == "Hi & welcome,\n\nWe\u2019ll decide by Friday.\n\nThanks \u2019 \ufffd\n\nBye"


RUNS = [
    "Mr. ", "a.", ".", "!?;", "\n", " \n", " ", "1", "1/1 ", "a", "a ", "-", "On a\n", "> x\n", "Friday. ",
    "call me ",
]  # fmt: skip


@pytest.mark.parametrize("unit", RUNS)
def test_a_run_of_one_thing_over_and_over_reads_in_a_moment(unit: str) -> None:
    """Long runs that stress regular expressions: spaces, digits, letters, stops, "a a a",
    abbreviations, blank lines, quotes, a date or an invitation in every sentence."""
    text = repeated(unit, 200_000)

    def read_or_refuse() -> str:
        try:
            read_message(text, SAID, CHICAGO), read_words(text, SAID, CHICAGO)
        except TooLong as refused:  # a date in every sentence: more than any message holds
            return str(refused)
        return "read"

    outcome, took = timed(read_or_refuse)
    assert outcome in ("read", too_many_dates()) and took < GENEROUS


def test_an_invitation_with_many_dates_before_it_is_read_in_one_pass() -> None:
    sentence = "On Friday, Monday, Tuesday " + "and call me, " * 20_000 + "please."
    signals, took = timed(lambda: read_words(sentence, SAID, CHICAGO))
    assert [signal.kind for signal in signals] == ["call_back"] and took < GENEROUS


# A paste in the web app: read off the event loop, within the limit.


DATE_WORDS = [
    "by", "Friday", "fri", "next", "week", "end", "of", "the", "month", "March", "Mar.", "sept", "15th",
    "3/13", "13.03.2026", "2026-03-13", "14.04.", "in", "two", "3", "business", "days", "to", "5",
    "working", "fortnight", "tomorrow", "EOD", "early", "middle", "call", "me", "and", "1", "st",
    "after", "long", "weekend", "Easter", "Q3", "quarter", "mid", "late", "latter", "part", "tmrw", "Year's",
]  # fmt: skip
APART_OR_NOT = [
    " ", "  ", "\n", "\n\n", ",", ".", "/", "-", "\u2013", "!", "?", ";", ":", "'", '"', "(", ")", "",
]  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from(APART_OR_NOT)), max_size=40))
def test_dates_are_searched_for_between_stops_as_in_the_whole_text(words: list[tuple[str, str]]) -> None:
    """The date grammar is searched for only between the stops around the words each reading
    needs; what it finds is what a search of the whole text finds."""
    text = "".join(word + gap for word, gap in words)
    reader = DateReader(SAID.date(), lambda day, count: day + timedelta(days=count), month_first=True)
    found = reader.find(text)
    with no_stops():
        assert reader.find(text) == found


@contextmanager
def no_stops() -> Iterator[None]:
    """The text read as holding no stops, so that each reading is searched for in all of it."""
    kept = dates.APART
    dates.APART = re.compile(r"(?!)")
    try:
        yield
    finally:
        dates.APART = kept


@pytest.fixture
def app(tmp_path: Path) -> Any:
    made = create_app(f"sqlite:///{tmp_path / 'web.sqlite3'}", Clock(instant(NOW, "now")))
    with TestClient(made, base_url="http://127.0.0.1:8765") as client:
        added = client.post(
            "/api/applications",
            json={"employer": {"name": "Acme", "country": "US", "subdivision": "IL"},
                  "interview": {"at": "2026-03-03T10:00:00-06:00"}, "role": "Analyst"},
        )  # fmt: skip
        assert added.status_code == 201
    return made


def browser(app: Any) -> tuple[str, str]:
    """A browser's cookies (as a Cookie header) and the token of its forms, as the app gives them."""
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        page = client.get("/applications/1").text
        cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return cookies, page.split('name="csrf" value="')[1].split('"')[0]


async def asgi(app: Any, method: str, path: str, body: bytes = b"", cookies: str = "") -> tuple[int, bytes]:
    """One request to the app, in this event loop: its status and body."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "server": ("127.0.0.1", 8765), "client": ("127.0.0.1", 50000), "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1:8765"), (b"cookie", cookies.encode()),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
        ],
    }  # fmt: skip
    sent: list[dict[str, Any]] = []
    given = False

    async def receive() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        await anyio.sleep_forever()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status = next(message["status"] for message in sent if message["type"] == "http.response.start")
    return status, b"".join(
        message.get("body", b"") for message in sent if message["type"] == "http.response.body"
    )


def test_a_long_paste_is_read_while_other_pages_answer(app: Any) -> None:
    """While the words are read, the event loop goes on: another page is answered before the
    reading ends, and the loop's longest stall is a small part of the reading (read on the
    loop, the other page would wait for it, and the stall would be all of it)."""
    text = repeated("Thanks for your time yesterday. We will decide by Friday and call you. ", 300_000)
    cookies, token = browser(app)
    body = f"csrf={token}&text={text.replace(' ', '+')}".encode()
    stalls: list[float] = []
    answered: list[tuple[str, int]] = []

    async def main() -> float:
        done = anyio.Event()

        async def beat() -> None:
            last = time.perf_counter()
            while not done.is_set():
                await anyio.sleep(0.001)
                now = time.perf_counter()
                stalls.append(now - last)
                last = now

        async def other_page() -> None:
            await anyio.sleep(0.05)
            answered.append(("other page", (await asgi(app, "GET", "/applications", cookies=cookies))[0]))

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(beat)
            tasks.start_soon(other_page)
            started = time.perf_counter()
            status, page = await asgi(app, "POST", "/applications/1/read", body, cookies)
            took = time.perf_counter() - started
            answered.append(("the words read", status))
            done.set()
        assert b"decision_by" in page
        return took

    took = anyio.run(main)
    assert answered == [("other page", 200), ("the words read", 200)]
    assert max(stalls) < took / 3, (max(stalls), took)


def test_a_long_paste_is_read_in_a_worker_process_as_it_is_read_here(app: Any) -> None:
    text = repeated("Thanks for your time. We'll decide by the 15th. Please don't call. ", LONG_READING + 1)
    short = text[:LONG_READING]
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        apart, here = (
            client.post("/api/read", json={"text": words, "application": 1}) for words in (text, short)
        )
        worker = app.state.reading_pool
        assert worker is not None and apart.status_code == here.status_code == 200
        os.kill(next(iter(worker._processes)), SIGKILL)  # a worker that dies is replaced
        token = client.get("/applications/1").text.split('name="csrf" value="')[1].split('"')[0]
        page = client.post("/applications/1/read", data={"csrf": token, "text": text})
        assert page.status_code == 200 and app.state.reading_pool not in (None, worker)
    assert app.state.reading_pool is None  # stopped with the app
    said = instant(NOW, "now")
    engine, where = app.state.engine, applications.where_of(app.state.engine, 1)
    for answer, words in ((apart, text), (here, short)):
        assert answer.json() == jsonable_encoder(
            reading.as_corrected(engine, reading.read(words, said, where), where.timezone)
        )
    assert apart.json()["signals"] and apart.json() != here.json()
    assert "by the 15th" in page.text


def test_words_longer_than_the_limit_are_refused_naming_it(app: Any, tmp_path: Path) -> None:
    too_long = "x" * (LONGEST_TEXT + 1)
    with pytest.raises(TooLong, match=r"at most 1,000,000 characters \(it has 1,000,001\)"):
        read_words(too_long, SAID, CHICAGO)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        api = client.post("/api/read", json={"text": too_long, "application": 1})
        assert api.status_code == 400 and api.json()["error"]["field"] == "text"
        assert "too long to read" in api.json()["error"]["message"]
        token = client.get("/applications/1").text.split('name="csrf" value="')[1].split('"')[0]
        page = client.post("/applications/1/read", data={"csrf": token, "text": too_long})
        assert page.status_code == 400 and 'id="text-error"' in page.text and "too long to read" in page.text
        timeline = client.get("/api/applications/1").json()["timeline"]
    assert [item["kind"] for item in timeline] == ["interview"]
    run = CliRunner().invoke(cli, ["read", "-", "--timezone", "America/Chicago"], input=too_long)
    assert run.exit_code == 2 and one_line(run).endswith("(it has 1,000,001)")
    note = tmp_path / "note.txt"
    note.write_text(too_long, encoding="utf-8")
    run = CliRunner().invoke(cli, ["read", "--file", str(note)])
    assert run.exit_code == 2 and one_line(run).startswith(f"followup: {note}: the text is too long")


def test_a_file_larger_than_the_limit_is_refused_naming_it(tmp_path: Path) -> None:
    box = tmp_path / "huge.mbox"
    with box.open("wb") as file:  # sparse: no room taken on the disk
        file.write(b"From a\n")
        file.truncate(LARGEST_FILE + 1)
    run = CliRunner().invoke(cli, ["import-mail", str(box), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert run.exit_code == 2
    assert (
        one_line(run)
        == f"followup: {box}: the file is too large to read: at most 50,000,000 bytes (it has 50,000,001)"
    )
    too_large = b"BEGIN:VCALENDAR\r\n" + b"X" * LARGEST_CALENDAR
    with pytest.raises(InvitationError, match="at most 1,000,000 bytes"):
        read_invitations(too_large, "big.ics")


# Emails and mailboxes that break parsers: one clear line, exit code 2.


def one_line(run: Result) -> str:
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup: ") and "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in lines[0]
    return lines[0]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store with application 1, at Acme (whose mail comes from acme.example)."""
    return acme(Store(f"sqlite:///{tmp_path / 'search.sqlite3'}"))


def acme(store: Store) -> Store:
    store.ok(
        "employer",
        "add",
        "Acme",
        "--country",
        "US",
        "--subdivision",
        "IL",
        "--website",
        "https://acme.example",
    )
    store.ok("add", "--employer", "Acme", "--role", "Analyst", "--interview", SAID.isoformat())
    return store


def refused(store: Store, *args: str | Path) -> str:
    """The one line of a command refused with exit code 2, which wrote nothing."""
    before = store.rows()
    run = store.run(*args)
    assert run.exit_code == 2, run.output
    assert store.rows() == before
    return one_line(run)


def test_an_mbox_from_line_with_a_byte_not_ascii_is_refused_naming_the_message(
    tmp_path: Path, store: Store
) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(
        mailbox(EMAILS[0]) + b"From d\xe9na@acme.example Wed Mar  4 10:00:00 2026\n" + EMAILS[0].encode()
    )
    with pytest.raises(MessageError, match=r"message #1 \(line \d+\): its From line is not ASCII text"):
        read_file(box)
    assert "(byte 7 is 0xe9)" in refused(store, "read", "--file", box, "--application", "1", "--yes")
    assert "(byte 7 is 0xe9)" in refused(store, "import-mail", box, "--yes")


def test_an_email_whose_charset_holds_a_nul_is_refused(tmp_path: Path, store: Store) -> None:
    message = tmp_path / "reply.eml"
    message.write_bytes(
        b'From: dana@acme.example\nSubject: Interview\nContent-Type: text/plain; charset="utf\x00-8"\n\n'
        b"We'll decide by Friday.\n"
    )
    with pytest.raises(MessageError, match="is not the name of a charset"):
        read_file(message)
    line = refused(store, "read", "--file", message, "--application", "1", "--yes")
    assert line == f"followup: {message}: its charset 'utf\\x00-8' is not the name of a charset"


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"])
def test_the_multipart_parts_of_an_email_are_counted_whatever_its_line_ends(
    tmp_path: Path, store: Store, end: str
) -> None:
    nested = f'Content-Type: multipart/mixed; boundary="Bi"{end}{end}--Bi{end}' * 300
    text = nested + f"Content-Type: text/plain{end}{end}"
    message = tmp_path / "nested.eml"
    message.write_bytes((text + f"x{end}" * ((MEGABYTE - len(text)) // len(end) // 2)).encode())
    with pytest.raises(MessageError, match=f"at most {MOST_MULTIPARTS} multipart parts"):
        read_file(message)
    line, took = timed(
        lambda: refused(store, "read", "--file", message, "--timezone", "America/Chicago", "--json")
    )
    assert "too many parts to read" in line and took < GENEROUS
    as_many = "".join(
        f"Content-Type: multipart/mixed; boundary=b{n}{end}{end}--b{n}{end}" for n in range(MOST_MULTIPARTS)
    )
    assert read_email((as_many + f"Content-Type: text/plain{end}{end}hi{end}").encode()).text == "hi"


def test_emails_made_to_break_the_email_package_are_read_or_refused_clearly() -> None:
    nested = "".join(
        f"Content-Type: multipart/mixed; boundary=b{n}\n\n--b{n}\n" for n in range(MOST_MULTIPARTS + 1)
    )
    with pytest.raises(MessageError, match=f"at most {MOST_MULTIPARTS} multipart parts"):
        read_email(nested + "Content-Type: text/plain\n\nhi\n")
    with pytest.raises(MessageError, match="nested too deeply"):
        read_email("Content-Type: message/rfc822\n\n" * 2000 + "x")
    parameters, took = timed(lambda: read_email("Content-Type: text/plain" + "; a=b" * 200_000 + "\n\nhi\n"))
    assert parameters.text == "hi" and took < GENEROUS
    comments = read_email("From: " + "(" * 5000 + "\nSubject: " + "=?a?q?" * 100_000 + "\n\nhi\n")
    assert comments.sender == "" and len(comments.subject) <= LONGEST_HEADER
    unknown = read_email(b"Subject: =?ut\xe9\xe9f-8?q?Hi?=\n\nhi\n")  # a charset no one knows: as written
    assert unknown.subject.startswith("=?ut") and unknown.subject.endswith("f-8?q?Hi?=")
    body = read_email("Content-Type: text/html\n\n" + "<p>" + "w " * LONGEST_TEXT)
    assert len(body.text) < LONGEST_TEXT


# Invitations that break parsers: one clear line, exit code 2, a 400 in the web app.

VTIMEZONE = (
    "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T020000\n"
    "TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\nEND:STANDARD\n"
    "BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\n"
    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE"
)
INVITATION = event("x@acme.example", "DTSTART;TZID=Customized Time Zone:20260311T100000", "Interview")
BROKEN_ZONES = {
    "never opened": (
        calendar(VTIMEZONE.replace("BEGIN:VTIMEZONE\n", ""), INVITATION),
        r"line 18: END:VTIMEZONE where END:VCALENDAR is due \(BEGIN:VCALENDAR on line 1\)",
    ),
    "never closed": (
        calendar(VTIMEZONE.replace("END:VTIMEZONE", ""), INVITATION),
        r"line \d+: END:VCALENDAR where END:VTIMEZONE is due \(BEGIN:VTIMEZONE on line 5\)",
    ),
    "closed alone": (
        calendar("END:VTIMEZONE", INVITATION), r"line 5: END:VTIMEZONE where END:VCALENDAR is due"
    ),
    "a rule never closed": (
        calendar(VTIMEZONE.replace("END:DAYLIGHT\n", ""), INVITATION),
        r"line 18: END:VTIMEZONE where END:DAYLIGHT is due \(BEGIN:DAYLIGHT on line 13\)",
    ),
    "cut short": (
        calendar(VTIMEZONE, INVITATION).removesuffix("END:VCALENDAR"),
        r"it is cut short: BEGIN:VCALENDAR on line 1 has no END:VCALENDAR",
    ),
    "every second": (
        calendar(VTIMEZONE.replace("FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=SECONDLY"), INVITATION),
        r"line 17: VTIMEZONE 'Customized Time Zone': its rule repeats 'FREQ=SECONDLY'",
    ),
    "every minute of a year": (
        calendar(VTIMEZONE.replace("BYMONTH=3", f"BYHOUR={','.join(map(str, range(24)))};BYMINUTE=1,2"),
                 INVITATION),
        f"change their clocks too often to read: at most {MOST_CLOCK_CHANGES:,} changes up to {LAST_YEAR}",
    ),
    "no offset": (calendar(VTIMEZONE.replace("TZOFFSETFROM:-0500\n", ""), INVITATION), "TZOFFSETFROM"),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN_ZONES)
def test_a_broken_vtimezone_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN_ZONES[case]
    path = written(tmp_path, "bad.ics", text)
    line = refused(Store(f"sqlite:///{tmp_path / 'search.sqlite3'}"), "import-ics", path)
    assert line.startswith(f"followup: {path}: ") and re.search(expected, line), line


def test_a_broken_vtimezone_uploaded_in_the_browser_is_a_400_naming_it(app: Any) -> None:
    content = calendar(VTIMEZONE.replace("BEGIN:VTIMEZONE\n", ""), INVITATION).encode()
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        token = client.get("/applications/new").text.split('name="csrf" value="')[1].split('"')[0]
        before = client.get("/api/applications").json()
        refused = client.post(
            "/applications/import",
            data={"csrf": token},
            files={"invitation": ("invite.ics", content, "text/calendar")},
        )
        assert refused.status_code == 400 and 'id="invitation-error"' in refused.text
        assert "END:VTIMEZONE where END:VCALENDAR is due" in refused.text
        assert client.get("/api/applications").json() == before


def test_an_invitation_is_read_within_its_limits() -> None:
    many = calendar(
        *(event(f"{n}@acme.example", "DTSTART:20260311T160000Z", "Interview") for n in range(MOST_EVENTS + 1))
    )
    with pytest.raises(InvitationError, match=f"too many events to read: at most {MOST_EVENTS}"):
        read_invitations(many.encode(), "many.ics")
    zones = calendar(
        *(VTIMEZONE.replace("Customized", f"Zone {n}") for n in range(MOST_ZONES + 1)), INVITATION
    )
    with pytest.raises(
        InvitationError, match=f"too many time zones \\(VTIMEZONE\\) to read: at most {MOST_ZONES}"
    ):
        read_invitations(zones.encode(), "zones.ics")
    lines = calendar(event("x@y", "DTSTART:20260311T160000Z", "Interview", more="X-A:b\n" * MOST_LINES))
    with pytest.raises(InvitationError, match=f"too many lines to read: at most {MOST_LINES:,}"):
        read_invitations(lines.encode(), "lines.ics")
    late = calendar(VTIMEZONE, INVITATION.replace("20260311", f"{LAST_YEAR + 1}0311"))
    with pytest.raises(InvitationError, match=f"the year {LAST_YEAR + 1} is no interview's"):
        read_invitations(late.encode(), "late.ics")
    summary = "Interview: " + "a - " * 10_000 + "interview"
    read, took = timed(lambda: read_summary(summary))
    assert read == (None, None, None) and took < 1
    assert read_summary("Interview: " + "a" * (LONGEST_SUMMARY - 11)) == (
        "a" * (LONGEST_SUMMARY - 11),
        None,
        None,
    )
    outlook = read_invitations(sample("outlook_request.ics"), "outlook.ics")
    assert outlook[0].zone == "America/New_York"


def test_a_large_invitation_is_read_in_a_second_or_so() -> None:
    description = "DESCRIPTION:" + "Call (312) 555-0142 or join https://zoom.us/j/123 " * 300
    events = [
        event(f"{n}@acme.example", "DTSTART;TZID=Customized Time Zone:20260311T100000",
              "Interview: Analyst at Acme", more=description)
        for n in range(MOST_EVENTS)
    ]  # fmt: skip
    data = calendar(VTIMEZONE, *events).encode()
    assert len(data) > LARGEST_CALENDAR // 2
    found, took = timed(lambda: read_invitations(data, "large.ics"))
    assert len(found) == MOST_EVENTS and took < GENEROUS


# Fuzzing: inputs made from real ones, cut, mixed and salted with what breaks parsers.

SALT = [
    b"\x00", b"\xe9", b"\xff", b"\r", b"\n", b"\r\n", b"\n\n", b" ", b"\t", b":", b";", b",", b'"', b"'",
    b"\\", b"=", b"<", b">", b"&#99999999999;", b"<b>", b"</div>", b"<!--", b'<a b="', b"=?utf-8?q?=C3=A9?=",
    b"=?x?q?", b"=?ut\xe9f-8?q?a?=", b"From \xe9\n", b"From a\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n",
    b"Content-Type: text/html; charset=\"a\x00b\"\n\n", b"Content-Type: message/rfc822\n\n",
    b"Content-Transfer-Encoding: base64\n\n", b"BEGIN:VTIMEZONE\r\n", b"END:VTIMEZONE\r\n",
    b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n", b"BEGIN:STANDARD\r\n", b"END:STANDARD\r\n",
    b"RRULE:FREQ=SECONDLY\r\n", b"RRULE:FREQ=YEARLY;COUNT=99999999\r\n",
    b"DTSTART;TZID=Customized Time Zone:99991231T000000\r\n", b"TZID:Customized Time Zone\r\n",
    b"Please do not reply to this email. ", b"Mr. ", b"Friday. ", b"call me ",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, bases: list[bytes]) -> bytes:
    """One of the bases, or two spliced, with a few bytes cut, salted in or repeated."""
    data = bytearray(draw(st.sampled_from(bases)))
    if draw(st.booleans()):
        other = draw(st.sampled_from(bases))
        data[draw(st.integers(0, len(data))) :] = other[draw(st.integers(0, len(other))) :]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        change = draw(st.sampled_from(["salt", "cut", "repeat", "byte"]))
        if change == "salt":
            data[at:at] = draw(st.sampled_from(SALT)) * draw(st.sampled_from([1, 2, 50]))
        elif change == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif change == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 40))] * draw(st.integers(2, 20))
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


EML = [text.encode() for text in EMAILS[:30]]
MBOX = [mailbox(*EMAILS[n : n + 3]) for n in range(0, 30, 3)]
ICS = [sample(name) for name in sorted(path.name for path in (DATA / "invitations").glob("*.ics"))]
ICS.append(calendar(VTIMEZONE, INVITATION).encode())
WORDS = [json.loads(line)["text"] for line in (DATA / "reading" / "notes.jsonl").read_text().splitlines()]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same inputs on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(
    st.lists(
        st.sampled_from(WORDS) | st.sampled_from([s.decode("latin-1") for s in SALT]) | st.text(max_size=30),
        max_size=12,
    )
)
def test_any_words_are_read_without_failing(parts: list[str]) -> None:
    text = " ".join(parts)
    for signal in read_words(text, SAID, CHICAGO):
        assert text[signal.start : signal.end] == signal.evidence
    words, signals = read_message(text, SAID, CHICAGO)
    for signal in signals:
        assert words[signal.start : signal.end] == signal.evidence


@FUZZ
@given(mutated(EML + MBOX))
def test_any_email_or_mailbox_is_read_or_refused_clearly(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("mail") / ("inbox.mbox" if raw.startswith(b"From ") else "reply.eml")
    path.write_bytes(raw)
    try:
        messages, refusal = read_file(path), ""
    except MessageError as error:
        messages, refusal = [], str(error)
    assert not refusal or (refusal.startswith(f"{path}: ") and "\n" not in refusal)
    for message in messages:
        read_words(message.text, message.said_at or SAID, CHICAGO)


@FUZZ
@given(mutated(ICS))
def test_any_invitation_is_read_or_refused_clearly(raw: bytes) -> None:
    started = time.perf_counter()
    try:
        found, refusal = read_invitations(raw, "invite.ics"), ""
    except InvitationError as error:
        found, refusal = [], str(error)
    assert (found and not refusal) or refusal.startswith("invite.ics")
    assert time.perf_counter() - started < GENEROUS


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    """One store for all the examples (application 1, at Acme), and a folder for their files."""
    folder = tmp_path_factory.mktemp("fuzzed")
    return acme(Store(f"sqlite:///{folder / 'search.sqlite3'}")), folder


def behaves(store: Store, args: list[str | Path], writes_on: set[int]) -> None:
    """The command ends with 0, 1 or 2, never an internal error, and one line when it is not 0;
    a refusal writes nothing."""
    before = store.rows()
    result = store.run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        last = result.stderr.splitlines()[-1:]
        assert last and last[0].startswith("followup: ") and "internal error" not in last[0], result.stderr
    if result.exit_code not in writes_on:
        assert store.rows() == before


@FUZZ
@given(mutated(EML + MBOX))
def test_followup_read_and_import_mail_behave_on_any_mail(fuzzed: tuple[Store, Path], raw: bytes) -> None:
    store, folder = fuzzed
    path = folder / ("inbox.mbox" if raw.startswith(b"From ") else "reply.eml")
    path.write_bytes(raw)
    behaves(store, ["read", "--file", path, "--application", "1", "--yes"], {0})
    behaves(store, ["import-mail", path, "--yes"], {0})


@FUZZ
@given(mutated(ICS))
def test_followup_import_ics_behaves_on_any_file(fuzzed: tuple[Store, Path], raw: bytes) -> None:
    store, folder = fuzzed
    path = folder / "invite.ics"
    path.write_bytes(raw)
    behaves(store, ["import-ics", path, "--timezone", "America/Chicago"], {0, 1})


@FUZZ
@given(
    st.lists(
        st.sampled_from(WORDS) | st.sampled_from(["Mr.", "\n", "Please do not reply.", "\x00"]),
        min_size=0,
        max_size=6,
    )
)
def test_followup_read_behaves_on_any_words(parts: list[str]) -> None:
    result = CliRunner().invoke(
        cli, ["read", "-", "--json", "--timezone", "America/Chicago"], input=" ".join(parts)
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 2)
    if result.exit_code == 0:
        json.loads(result.stdout)


# A text that is all dates


def test_a_text_of_more_dates_than_any_message_holds_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "dates.txt"
    path.write_text("1/" * 500_000, encoding="utf-8")  # 1 MB, a date after a date
    refused = CliRunner().invoke(
        cli, ["read", "--file", str(path), "--timezone", "America/Chicago", "--json"]
    )
    assert refused.exit_code == 2
    assert refused.stderr == f"followup: the text holds too many dates to read: at most {MOST_DATES:,}\n"
    sentences = " ".join(f"We will decide by March {day % 28 + 1}." for day in range(2_000))
    with pytest.raises(TooLong, match="too many dates"):
        read_message(sentences * 6, SAID, CHICAGO)
    assert read_message(sentences, SAID, CHICAGO)[1]  # 2,000 dates are read


# The docs say the limits the code has.


def test_the_docs_show_every_limit() -> None:
    reading = " ".join((Path(__file__).parent.parent / "docs" / "reading.md").read_text().split())
    for shown in (f"| {LONGEST_TEXT:,} characters |", f"| {LARGEST_FILE:,} bytes |",
                  f"| {LONGEST_HEADER:,} characters |", f"nested or not | {MOST_MULTIPARTS} |",
                  f"| {MOST_DATES:,} dates |"):  # fmt: skip
        assert shown in reading
    invitations = " ".join((Path(__file__).parent.parent / "docs" / "invitations.md").read_text().split())
    for shown in (f"| the file | {LARGEST_CALENDAR:,} bytes |", f"once unfolded | {MOST_LINES:,} |",
                  f"(`VEVENT`) | {MOST_EVENTS} |", f"(`VTIMEZONE`) | {MOST_ZONES} |",
                  f"to {LAST_YEAR} | {MOST_CLOCK_CHANGES:,}",
                  f"over {LONGEST_SUMMARY} characters"):  # fmt: skip
        assert shown in invitations
