"""What syncing your mailbox costs: `followup mail sync` against a real IMAP server on loopback
(Dovecot, as the tests start it: tests/imap_server.py), the whole command as you run it.

    python bench/mail.py [--sizes 1000,10000] [--runs 3] [--incremental 5]

A store of 1,000 applications (200 in hand, each employer with a contact's address) and a folder
of `size` messages: 15% from the employers' people (a rejection, a decision date, an invitation
to the next round...), 10% from an applicant-tracking system naming the employer, 40% newsletters
that name employers, 35% other mail; each with a plain and an HTML part, every tenth with a PDF
attached. For each size: the first sync of the folder (`--since` far back: every message),
`runs` times on a fresh copy of the store; then `incremental` syncs, each after 20 new messages
arrived. Targets: the first sync of 10,000 messages under 60 s; an incremental sync of 20 new
messages under 2 s; the reader at least 500 messages a second (bench/read.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "bench")]

from tests.imap_server import ImapServer  # noqa: E402

import agenda as filled  # noqa: E402  (bench/agenda.py: the same job search)

BIN = Path(sys.executable).parent
APPLICATIONS = 1000
SAID = [
    "Thank you for your time. Unfortunately, we have decided to move forward with other candidates.",
    "We will make a decision by the end of next week and will be in touch then.",
    "We'd like to invite you to a second interview with the team. Please share your availability.",
    "The position is on hold while we reassess priorities; we will contact you if that changes.",
    "Please don't call the office; email me if you have questions.",
    "Feel free to check in with me next Wednesday if you haven't heard from us.",
    "We are delighted to offer you the position. Please find attached your offer letter.",
    "Thanks for your note. We are still interviewing and expect to finish by the 20th.",
]
FILLER = (
    "Our team is growing across every region, and we care about how candidates experience our "
    "process. Learn more about our values, our benefits and life at the company on our careers site. "
)


def store(folder: Path) -> Path:
    """A store of APPLICATIONS applications, its employers' people with addresses, made once."""
    path = folder / "mail-bench.sqlite3"
    if path.exists():
        return path
    document = filled.export_document(APPLICATIONS, seed=7)
    document["contacts"] = [
        {"id": row["id"], "employer_id": row["id"], "name": f"Dana {row['id']}", "email": _address(row["id"])}
        for row in document["employers"]
    ]
    source = folder / "mail-bench.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    command = [BIN / "followup", "import", str(source), "--db", f"sqlite:///{path}", "--now"]
    subprocess.run([*command, filled.NOW.isoformat()], check=True, stdout=subprocess.DEVNULL)
    return path


def _address(employer: int) -> str:
    return f"dana{employer}@employer{employer}.example"


def messages(count: int, seed: int, start: int = 0) -> list[bytes]:
    """A folder's worth of mail, as described above."""
    chance = random.Random(seed)
    active = range(APPLICATIONS - filled.WORKING_SET + 1, APPLICATIONS + 1)
    made = []
    for number in range(start, start + count):
        employer = chance.choice(active)
        roll = chance.random()
        headers: dict[str, str] = {}
        if roll < 0.15:
            sender, subject = _address(employer), "Analyst role"
            text = f"Hi Riley,\n\n{chance.choice(SAID)}\n\nBest,\nDana"
        elif roll < 0.25:
            sender, subject = "no-reply@ats-mail.example", f"Your application to Employer {employer}"
            text = f"Dear Riley,\n\n{FILLER}{chance.choice(SAID)} {FILLER}\n\nEmployer {employer} Talent Team"
        elif roll < 0.65:
            sender, subject = "news@jobs-weekly.example", f"Employer {employer} and 20 others are hiring"
            text = FILLER * 8
            headers = {"List-Unsubscribe": "<mailto:leave@jobs-weekly.example>", "List-Id": "<jobs.example>"}
        else:
            sender, subject = f"friend{number}@mail.example", "Dinner on Friday?"
            text = "Are you free on Friday? " * 20
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "riley@example.com"
        message["Subject"] = subject
        message["Date"] = format_datetime(filled.NOW)
        message["Message-ID"] = f"<bench-{seed}-{number}@mail.example>"
        for name, value in headers.items():
            message[name] = value
        message.set_content(text)
        message.add_alternative(f"<html><body><p>{text}</p></body></html>", subtype="html")
        if number % 10 == 0:
            pdf = os.urandom(200_000)
            message.add_attachment(pdf, maintype="application", subtype="pdf", filename="cv.pdf")
        made.append(bytes(message))
    return made


def sync(db: Path, config: Path, server: ImapServer, since: bool) -> tuple[float, dict[str, object]]:
    """The wall time of `followup mail sync --json`, and what it said."""
    environment = {**os.environ, "FOLLOWUP_CONFIG": str(config), "FOLLOWUP_IMAP_PASSWORD": server.password}
    command = [str(BIN / "followup"), "mail", "sync", "--json", "--db", f"sqlite:///{db}", "--now"]
    command.append(filled.NOW.isoformat())
    if since:
        command += ["--since", "2000-01-01"]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return time.perf_counter() - started, json.loads(done.stdout)


def spread(times: list[float]) -> str:
    """'1.23 / 1.30 / 1.59 s': the min, median and max."""
    return f"{min(times):.2f} / {statistics.median(times):.2f} / {max(times):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--incremental", type=int, default=5)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="followup-mail-bench-"))
    try:
        with ImapServer() as server:
            server.start()
            base = store(folder)
            for size in (int(text) for text in options.sizes.split(",")):
                name = f"Bench{size}"
                started = time.perf_counter()
                server.deliver_many(name, messages(size, seed=size))
                print(f"{size:,} messages delivered in {time.perf_counter() - started:.1f} s")
                config = folder / f"config-{size}.toml"
                config.write_text(
                    f'[imap]\nhost = "127.0.0.1"\nport = {server.port_tls}\nusername = "{server.user}"\n'
                    f'ca_file = "{server.ca_file}"\nfolders = ["{name}"]\n',
                    encoding="utf-8",
                )
                firsts, said = [], {}
                for _run in range(options.runs):
                    copy = folder / f"copy-{size}.sqlite3"
                    shutil.copyfile(base, copy)
                    seconds, said = sync(copy, config, server, since=True)
                    firsts.append(seconds)
                [report] = said["folders"]  # type: ignore[index]
                rate = size / statistics.median(firsts)
                print(
                    f"first sync of {size:,}: {spread(firsts)} ({rate:,.0f} messages a second); "
                    f"{report['matched']:,} about an application, {report['proposed']:,} proposed"
                )
                incremental = []
                for run in range(options.incremental):
                    server.deliver_many(name, messages(20, seed=size + 1000 + run, start=size + 20 * run))
                    seconds, said = sync(copy, config, server, since=False)
                    [report] = said["folders"]  # type: ignore[index]
                    assert report["new"] == 20, report
                    incremental.append(seconds)
                print(f"incremental sync of 20 new, {size:,} before: {spread(incremental)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
