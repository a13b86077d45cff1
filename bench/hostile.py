"""How long the worst inputs known take to read, at 100 KB and at 1 MB: an email of no-reply
sentences, HTML of `<b>x` over and over and other odd or deeply nested HTML, an email of 300
nested multipart parts whose lines end in a bare CR, a mailbox of mangled emails, long runs of
one thing (spaces, digits, letters, stops, "a a a", abbreviations, blank lines, a date or a ban
in every sentence, "1/" or "1 " over and over) and a large .ics invitation.
Then the web app: while a paste near the reader's limit is read (through a page's form and
through /api/read), how fast another page answers.

    python bench/hostile.py [--rounds 5] [--no-web | --no-readings]

Each reading is timed --rounds times at each size: min, median and max, and the ratio of the
medians (1 MB / 100 KB: 10 when the time grows with the length, 100 when with its square).
Targets: each reads in under 1 s at 1 MB, and 1 MB takes at most 15 times 100 KB; while a paste
just under the web app's 2 MB is read, the Today page answers within 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from followup.calendar.invitations import read_invitations  # noqa: E402
from followup.casefile import CaseError  # noqa: E402
from followup.reading.limits import LONGEST_TEXT, TooLong  # noqa: E402
from followup.reading.message import MessageError, own_words, read_email, read_file  # noqa: E402
from followup.reading.reader import Where, read_message, read_words  # noqa: E402
from followup.web.guard import LARGEST_BODY  # noqa: E402

BIN = Path(sys.executable).parent
FORM_FIELD = 1024 * 1024  # bytes of a form's field, as the web framework takes it
SIZES = (100_000, 1_000_000)
SAID = datetime.fromisoformat("2026-03-04T10:00:00-06:00")
NOW = "2026-03-04T12:00:00-06:00"
CHICAGO = Where("America/Chicago", "US", "IL")
DATA = ROOT / "tests" / "data"
EMAILS = [json.loads(line)["eml"] for line in (DATA / "reading" / "eml.jsonl").read_text().splitlines()]
NOTES = "\n\n".join(
    json.loads(line)["text"] for line in (DATA / "reading" / "notes.jsonl").read_text().splitlines() if line
)
FOLDER = Path(tempfile.mkdtemp(prefix="followup-hostile-"))


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def email(body: str, subtype: str = "plain") -> bytes:
    message = EmailMessage()
    message["From"] = "Dana Lee <dana@acme.example>"
    message["Subject"] = "Your interview"
    message["Date"] = "Wed, 04 Mar 2026 10:00:00 -0600"
    message.set_content(body, subtype=subtype, cte="quoted-printable")
    return message.as_bytes()


def read_eml(raw: bytes) -> None:
    message = read_email(raw)
    read_words(message.text, message.said_at or SAID, CHICAGO)


def nested_parts(size: int) -> bytes:
    """An .eml whose lines end in a bare CR: 300 multipart parts, each in the one before, then a
    text part of one-letter lines."""
    head = 'Content-Type: multipart/mixed; boundary="Bi"\r\r--Bi\r' * 300 + "Content-Type: text/plain\r\r"
    return (head + repeated("x\r", max(size - len(head), 0))).encode()


def refused_eml(raw: bytes) -> None:
    try:
        read_eml(raw)
    except MessageError:
        return
    raise SystemExit("an email of too many parts was read")


def mangled_mailbox(size: int) -> Path:
    """A mailbox of the corpus's emails, each cut, salted and repeated in a few places, as a
    fuzzer leaves them (its From lines whole)."""
    chance = random.Random(size)
    salt = [
        "\x00",
        "\u00e9",
        "\n\n",
        ">",
        "<b>",
        "=?utf-8?q?=C3=A9?=",
        "Please do not reply. ",
        "Mr. ",
        "1/1 ",
    ]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        text = chance.choice(EMAILS)
        for _ in range(chance.randint(1, 6)):
            at = chance.randint(0, len(text))
            change = chance.choice(["salt", "cut", "repeat"])
            if change == "salt":
                text = text[:at] + chance.choice(salt) * chance.choice([1, 20]) + text[at:]
            elif change == "cut":
                text = text[:at] + text[at + chance.randint(1, 100) :]
            else:
                text = text[:at] + text[at : at + chance.randint(1, 40)] * chance.randint(2, 30) + text[at:]
        escaped = text.replace("\nFrom ", "\n>From ")  # as mbox writers escape it
        parts.append(f"From dana@acme.example Wed Mar  4 10:00:00 2026\n{escaped}\n")
    path = FOLDER / f"mangled-{size}.mbox"
    path.write_text("".join(parts)[:size], encoding="utf-8", errors="surrogateescape")
    return path


def read_mailbox(path: Path) -> None:
    for message in read_file(path):
        read_words(message.text, message.said_at or SAID, CHICAGO)


def large_invitation(size: int) -> bytes:
    """An Outlook invitation of up to 50 events in a zone known by no name, each with a long
    description: a phone number and a meeting link over and over."""
    zone = (DATA / "invitations" / "outlook_request.ics").read_text(encoding="utf-8")
    head = zone[: zone.index("BEGIN:VEVENT")].replace("Eastern Standard Time", "Customized Time Zone")
    events = []
    each = min(size, 990_000) // 50
    for number in range(50):
        description = repeated("Call (312) 555-0142 or join https://zoom.us/j/123456789 ", each - 400)
        events.append(
            f"BEGIN:VEVENT\r\nUID:{number}@contoso.com\r\nDTSTAMP:20260304T150000Z\r\n"
            f"DTSTART;TZID=Customized Time Zone:20260311T100000\r\nDURATION:PT45M\r\n"
            f"SUMMARY:Interview: Senior Data Analyst at Contoso\r\n"
            f"ORGANIZER;CN=Priya Raman:mailto:priya.raman@contoso.com\r\nDESCRIPTION:{description}\r\n"
            "END:VEVENT\r\n"
        )
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode()


Case = tuple[str, Callable[[int], Any], Callable[[Any], Any]]
MESSAGE: Callable[[Any], Any] = lambda text: read_message(text, SAID, CHICAGO)  # noqa: E731
CASES: list[Case] = [
    ("notes one after another, pasted", lambda n: repeated(NOTES + "\n\n", n), MESSAGE),
    ("no-reply sentences, pasted", lambda n: repeated("Please do not reply to this email. ", n), MESSAGE),
    (
        "no-reply sentences, an .eml",
        lambda n: email(repeated("Please do not reply to this email. ", n)),
        read_eml,
    ),
    ("<b>x over and over, an .eml", lambda n: email(repeated("<b>x", n), "html"), read_eml),
    ("nested <div><span>, an .eml", lambda n: email(repeated("<div><span>x", n), "html"), read_eml),
    (
        "odd HTML, an .eml",
        lambda n: email(repeated("<p>a</ <!x> &#99999999; <a b='c'>d</a", n), "html"),
        read_eml,
    ),
    (
        'HTML never closed: <a b="',
        lambda n: email('<p>We will call you.</p><a b="' + "x" * n, "html"),
        read_eml,
    ),
    ("300 nested parts, bare CR .eml", nested_parts, refused_eml),
    ("a mangled mailbox", mangled_mailbox, read_mailbox),
    ("spaces", lambda n: repeated(" ", n), MESSAGE),
    ("digits", lambda n: repeated("1", n), MESSAGE),
    ("letters", lambda n: repeated("a", n), MESSAGE),
    ("stops: .....", lambda n: repeated(".", n), MESSAGE),
    ('"a a a a"', lambda n: repeated("a ", n), MESSAGE),
    ("abbreviations: Mr. Mr.", lambda n: repeated("Mr. ", n), MESSAGE),
    ("blank lines", lambda n: repeated("\n", n), MESSAGE),
    ("a date in every sentence", lambda n: repeated("Friday. ", n), MESSAGE),
    ("a ban in every sentence", lambda n: repeated("Please don't call. ", n), MESSAGE),
    ('"1/1/1/1": a date after a date', lambda n: repeated("1/", n), MESSAGE),
    ('"1 1 1 1"', lambda n: repeated("1 ", n), MESSAGE),
    ("a large .ics invitation", large_invitation, lambda data: read_invitations(data, "large.ics")),
]


def timings(read: Callable[[Any], Any], given: Any, rounds: int) -> tuple[list[float], bool]:
    """How long each round took, and whether the input was refused (past a limit) rather than read."""
    found, refused = [], False
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            read(given)
        except (TooLong, MessageError, CaseError):
            refused = True
        found.append(time.perf_counter() - started)
    return found, refused


def shown(times: list[float]) -> str:
    return f"{min(times):6.3f} {statistics.median(times):6.3f} {max(times):6.3f}"


def readings(rounds: int) -> None:
    print(f"{'input':<30} {'100 KB: min    med    max':>24}   {'1 MB: min    med    max':>22}  ratio")
    for name, make, read in CASES:
        read(make(1_000))  # the patterns compiled, the modules loaded
        measured = [timings(read, make(size), rounds) for size in SIZES]
        times = [each for each, _refused in measured]
        ratio = statistics.median(times[1]) / max(statistics.median(times[0]), 1e-6)
        met = "" if max(times[1]) < 1 and ratio <= 15 else "over target"
        pairs = zip(SIZES, measured, strict=True)
        refused = ", ".join(f"{size // 1000:,} KB refused" for size, (_, no) in pairs if no)
        print(f"{name:<30} {shown(times[0])} s   {shown(times[1])} s  {ratio:5.1f}  {met}{refused}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served(port: int, db: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [BIN / "followup", "serve", "--port", str(port), "--db", db, "--now", NOW], stderr=subprocess.DEVNULL
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("followup serve did not start")


def browser(port: int) -> tuple[str, str]:
    """A browser's cookies and the token of its forms, as the app gives them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/applications/1")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = "; ".join(value.split(";")[0] for value in response.headers.get_all("set-cookie") or [])
    connection.close()
    return cookies, page.split('name="csrf" value="')[1].split('"')[0]


def while_read(port: int, cookies: str, path: str, body: bytes, kind: str) -> None:
    """POST body to path, and meanwhile ask for Today again and again: how fast it answers."""
    answer: dict[str, Any] = {}

    def post() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        started = time.perf_counter()
        connection.request("POST", path, body, headers={"Content-Type": kind, "Cookie": cookies})
        response = connection.getresponse()
        response.read()
        answer.update(status=response.status, took=time.perf_counter() - started)
        connection.close()

    reading = threading.Thread(target=post)
    latencies: list[float] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    reading.start()
    time.sleep(0.05)  # the paste is on its way
    while reading.is_alive():
        started = time.perf_counter()
        connection.request("GET", "/", headers={"Cookie": cookies})
        connection.getresponse().read()
        latencies.append(time.perf_counter() - started)
        time.sleep(0.02)
    reading.join()
    connection.close()
    if not latencies:
        print(f"  {path} ({len(body) / 1e6:.2f} MB): HTTP {answer['status']} in {answer['took']:.2f} s")
        return
    during = " ".join(
        f"{value * 1000:.1f}" for value in (min(latencies), statistics.median(latencies), max(latencies))
    )
    print(f"  {path} ({len(body) / 1e6:.2f} MB): HTTP {answer['status']} in {answer['took']:.2f} s; "
          f"meanwhile Today answered {len(latencies)} times, min/median/max {during} ms")  # fmt: skip


def web() -> None:
    db = f"sqlite:///{FOLDER / 'web.sqlite3'}"
    add = [BIN / "followup", "add", "--employer", "Acme", "--country", "US", "--subdivision", "IL"]
    add += ["--role", "Analyst", "--interview", "2026-03-03T10:00:00-06:00", "--db", db, "--now", NOW]
    subprocess.run(add, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = served(port, db)
    try:
        cookies, token = browser(port)
        emails = (DATA / "reading" / "emails.jsonl").read_text().splitlines()
        paste = "\n\n".join(own_words(json.loads(line)["text"]) for line in emails)  # all of it read
        form = "application/x-www-form-urlencoded"
        print("The web app, while a paste is read (its time, then Today's meanwhile):")
        for largest in (FORM_FIELD - 10_000, LARGEST_BODY - 10_000):
            body = urlencode({"csrf": token, "text": repeated(paste, largest)}).encode()
            body = body[: body.rindex(b"+", 0, largest)]  # a whole word, just under
            while_read(port, cookies, "/applications/1/read", body, form)
        for length in (LONGEST_TEXT, LARGEST_BODY - 100_000):
            api = json.dumps({"text": repeated(paste, length), "application": 1}).encode()
            while_read(port, cookies, "/api/read", api[: LARGEST_BODY - 10_000], "application/json")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-web", action="store_true", help="Only the readings, not the web app.")
    parser.add_argument("--no-readings", action="store_true", help="Only the web app, not the readings.")
    options = parser.parse_args()
    if not options.no_readings:
        readings(options.rounds)
        print()
    if not options.no_web:
        web()


if __name__ == "__main__":
    main()
