"""Your mailbox, read for you, against a real IMAP server on 127.0.0.1 (Dovecot, started by
tests/imap_server.py): connecting, the first and the next syncs, a changed UIDVALIDITY, a reply to
a follow-up sent, an ATS notice, newsletters and account mail that propose nothing, an invitation
attached, every fault (a wrong password, the server down, TLS that fails, a folder removed, a
malformed message, a 30 MB attachment, an unknown charset) and a sync killed halfway."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from followup.cli import cli
from followup.mail.config import read_config
from followup.reading.incoming import Incoming
from tests.imap_server import ImapServer

NOW = "2026-03-10T15:00:00+00:00"
INTERVIEW = "2026-03-03T10:00:00-06:00"
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'search.sqlite3'}"


@pytest.fixture
def run(config: Path, db: str, imap_server: ImapServer) -> Run:
    """followup as a person runs it, with the config file `config` and the IMAP password set."""
    runner = CliRunner()

    def invoke(*args: str, now: str = NOW, **env: str) -> tuple[int, str, str]:
        environment = {"FOLLOWUP_CONFIG": str(config), "FOLLOWUP_IMAP_PASSWORD": imap_server.password, **env}
        store = [] if args[:2] == ("mail", "connect") else ["--db", db, "--now", now]
        result = runner.invoke(cli, [*args, *store], env=environment)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


def imap_config(config: Path, server: ImapServer, extra: str = "", *, smtp: bool = False) -> None:
    """The [imap] section for the server, over TLS with its CA (and, when `smtp`, a [smtp] before it)."""
    before = '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\nfrom = "riley@example.com"\n\n' if smtp else ""
    config.write_text(
        f'{before}[imap]\nhost = "127.0.0.1"\nport = {server.port_tls}\nusername = "{server.user}"\n'
        f'ca_file = "{server.ca_file}"\n{extra}',
        encoding="utf-8",
    )


def job_search(run: Run) -> None:
    """Application 1: Northwind Traders (Dana Lee, dana@northwind.example), interviewed on 3 March;
    application 2: Contoso, interviewed on 4 March."""
    assert run("timezone", "America/Chicago")[0] == 0
    northwind = ["--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL"]
    assert run("add", *northwind, "--role", "Category buyer", "--interview", INTERVIEW, now=INTERVIEW)[0] == 0
    assert run("contact", "add", "1", "Dana Lee", "--email", "dana@northwind.example")[0] == 0
    contoso = ["--employer", "Contoso", "--country", "US", "--subdivision", "IL", "--role", "Analyst"]
    assert run("add", *contoso, "--interview", "2026-03-04T09:00:00-06:00", now=INTERVIEW)[0] == 0


def email(
    sender: str,
    subject: str,
    body: str,
    *,
    at: str = "2026-03-09T14:00:00+00:00",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    made = EmailMessage()
    made["From"] = sender
    made["To"] = "riley@example.com"
    made["Subject"] = subject
    from datetime import datetime

    made["Date"] = format_datetime(datetime.fromisoformat(at))
    made["Message-ID"] = message_id or f"<{abs(hash((sender, subject, body)))}@mail.example>"
    for name, value in (headers or {}).items():
        made[name] = value
    made.set_content(body)
    return bytes(made)


REJECTION = email(
    "Dana Lee <dana@northwind.example>",
    "Category buyer",
    "Hi Riley,\n\nThank you for meeting us. Unfortunately we have decided to move forward with other "
    "candidates for the Category buyer role.\n\nBest,\nDana",
    message_id="<rejection-1@northwind.example>",
)
ATS = email(
    "Contoso Talent <no-reply@greenhouse-mail.io>",
    "Your application to Contoso",
    "Hi Riley, thank you for interviewing for the Analyst position at Contoso. The hiring team "
    "will make a decision by March 20 and we will be in touch then.",
    message_id="<ats-1@greenhouse-mail.io>",
)
NEWSLETTER = email(
    "Jobs Weekly <news@jobsweekly.example>",
    "This week: Northwind Traders and Contoso are hiring",
    "Northwind Traders has decided to move forward with a new warehouse. Contoso is hiring analysts.",
    headers={
        "List-Unsubscribe": "<mailto:unsubscribe@jobsweekly.example>",
        "List-Id": "<weekly.jobsweekly.example>",
    },
)
ACCOUNT = email(
    "Workday <accounts@myworkday.example>",
    "Verify your email address",
    "Please confirm your email address to finish creating your candidate account.",
)


def thank_you_sent(run: Run, config: Path, imap_server: ImapServer) -> EmailMessage:
    """The job search, with the thank-you of application 1 sent by `followup send` through an SMTP
    server on 127.0.0.1 (aiosmtpd): the email it received."""
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port
    from tests.test_mail import Mailbox

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        imap_config(config, imap_server, smtp=True)
        text = config.read_text(encoding="utf-8").replace(
            'security = "none"\n', f'security = "none"\nport = {controller.port}\n', 1
        )
        config.write_text(text, encoding="utf-8")
        job_search(run)
        code, _out, err = run("send", "1", "--yes", now="2026-03-03T13:00:00-06:00")
        assert code == 0, err
    finally:
        controller.stop()
    [sent] = box.messages
    return sent


def proposals(run: Run, *extra: str) -> list[dict[str, Any]]:
    code, out, err = run("mail", "review", "--json", *extra)
    assert code == 0, err
    return list(json.loads(out)["proposals"])


def synced(run: Run, **env: str) -> dict[str, Any]:
    code, out, err = run("mail", "sync", "--json", **env)
    assert code == 0, err
    return dict(json.loads(out))


def timeline(run: Run, application: int) -> list[dict[str, Any]]:
    code, out, _ = run("show", str(application), "--json")
    assert code == 0
    return list(json.loads(out)["timeline"])


# Connecting


def test_connect_signs_in_checks_the_folders_and_keeps_the_settings_without_the_password(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    config.write_text(
        '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\nfrom = "riley@example.com"\n', encoding="utf-8"
    )
    imap_server.create_folder("Jobs")
    code, out, err = run(
        "mail", "connect", "--host", "127.0.0.1", "--port", str(imap_server.port_tls), "--user", "riley",
        "--folder", "INBOX", "--folder", "Jobs", "--ca-file", imap_server.ca_file,
    )  # fmt: skip
    assert code == 0, err
    assert "Signed in to 127.0.0.1" in out and "Jobs (0 messages)" in out
    written = config.read_text(encoding="utf-8")
    assert imap_server.password not in written
    assert "[smtp]" in written  # the rest of the file as it was
    settings = read_config(config)
    assert settings.imap is not None and settings.imap["folders"] == ["INBOX", "Jobs"]
    assert settings.smtp is not None and settings.smtp.host == "127.0.0.1"


def test_connect_with_a_wrong_password_says_so_and_saves_nothing(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    code, _out, err = run(
        "mail", "connect", "--host", "127.0.0.1", "--port", str(imap_server.port_tls), "--user", "riley",
        "--ca-file", imap_server.ca_file, FOLLOWUP_IMAP_PASSWORD="wrong",
    )  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1 and "refused the password of riley" in err and "nothing was saved" in err
    assert "Traceback" not in err
    assert not config.exists()


def test_connect_over_starttls_and_with_an_oauth2_token(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    starttls = ["--host", "127.0.0.1", "--port", str(imap_server.port), "--security", "starttls"]
    code, out, err = run("mail", "connect", *starttls, "--user", "riley", "--ca-file", imap_server.ca_file)
    assert code == 0, err
    assert "(starttls)" in out
    code, out, err = run("mail", "connect", "--oauth2-command", f"echo {imap_server.oauth_token}")
    assert code == 0, err
    assert 'oauth2_command = "echo tok-riley"' in config.read_text(encoding="utf-8")
    code, _out, err = run("mail", "connect", "--oauth2-command", "echo not-a-token")
    assert code == 2 and "refused the token of riley" in err


def test_a_password_command_signs_in_and_a_failing_one_is_one_line(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server, f'password_command = "printf {imap_server.password}"\n')
    assert run("mail", "connect", FOLLOWUP_IMAP_PASSWORD="")[0] == 0
    imap_config(config, imap_server, 'password_command = "echo nope >&2; exit 3"\n')
    code, _out, err = run("mail", "connect", FOLLOWUP_IMAP_PASSWORD="")
    assert code == 2
    assert "imap.password_command: the command failed (exit code 3): nope" in err


# Syncing


def test_first_sync_proposes_what_employers_said_and_nothing_for_newsletters_or_account_mail(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    for raw in (REJECTION, ATS, NEWSLETTER, ACCOUNT):
        imap_server.append("INBOX", raw)
    report = synced(run)
    [inbox] = report["folders"]
    assert (inbox["new"], inbox["matched"], inbox["recorded"]) == (4, 2, 0)
    found = {(item["application"], item["kind"]) for item in proposals(run)}
    assert (1, "rejected") in found
    assert (2, "decision_by") in found
    assert all(item["message"]["sender"] not in ("news@jobsweekly.example", "accounts@myworkday.example")
               for item in proposals(run))  # fmt: skip
    rejection = next(item for item in proposals(run) if item["kind"] == "rejected")
    assert "move forward with other candidates" in rejection["evidence"]
    assert rejection["message"]["subject"] == "Category buyer"
    assert rejection["message"]["matched_by"] == "address"
    assert not [
        item for item in timeline(run, 1) if item["kind"] == "rejected"
    ]  # nothing recorded unconfirmed


def test_the_next_sync_reads_only_what_is_new(run: Run, config: Path, imap_server: ImapServer) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    assert synced(run)["folders"][0]["new"] == 1
    assert synced(run)["folders"][0]["new"] == 0
    imap_server.append("INBOX", ATS)
    imap_server.append("INBOX", ACCOUNT)
    assert synced(run)["folders"][0]["new"] == 2
    assert len(proposals(run)) == 2


def test_a_changed_uidvalidity_reads_the_folder_again_without_keeping_a_message_twice(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    imap_server.append("INBOX", ATS)
    synced(run)
    before = proposals(run)
    imap_server.renew_uidvalidity("INBOX")
    imap_server.append("INBOX", email("dana@northwind.example", "Re: next steps", "We will be in touch."))
    [inbox] = synced(run)["folders"]
    assert inbox["renewed"] is True
    assert inbox["new"] == 3 and inbox["matched"] == 1  # the two kept before are not kept again
    after = proposals(run)
    assert len(after) == len(before) + 1
    code, out, _ = run("mail", "sync")
    assert code == 0 and "0 new" in out


def test_since_sets_how_far_back_the_first_sync_reads(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    from datetime import datetime

    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION, internal_date=datetime.fromisoformat("2026-01-05T10:00:00+00:00"))
    imap_server.append("INBOX", ATS, internal_date=datetime.fromisoformat("2026-03-09T10:00:00+00:00"))
    code, out, err = run("mail", "sync", "--json", "--since", "2026-03-01")
    assert code == 0, err
    assert json.loads(out)["folders"][0]["new"] == 1
    assert run("mail", "sync", "--since", "March")[0] == 2


def test_confirming_records_the_event_and_dismissing_leaves_it(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    imap_server.append("INBOX", ATS)
    synced(run)
    rejection = next(item for item in proposals(run) if item["kind"] == "rejected")
    decision = next(item for item in proposals(run) if item["kind"] == "decision_by")
    code, out, err = run(
        "mail", "review", "--confirm", str(rejection["id"]), "--dismiss", str(decision["id"])
    )
    assert code == 0, err
    assert f"#{rejection['id']} rejected: confirmed" in out
    [recorded] = [item for item in timeline(run, 1) if item["kind"] == "rejected"]
    assert recorded["said_by"] == "dana@northwind.example"
    assert not [item for item in timeline(run, 2) if item["kind"] == "decision_by"]
    assert proposals(run) == []
    code, _out, err = run("mail", "review", "--confirm", str(rejection["id"]))
    assert code == 2 and "already confirmed" in err
    assert run("mail", "review", "--dismiss", "999")[0] == 2
    statuses = {item["id"]: item["status"] for item in proposals(run, "--all")}
    assert statuses == {rejection["id"]: "confirmed", decision["id"]: "dismissed"}


def test_a_reply_to_a_follow_up_sent_is_their_answer_and_stops_the_check_ins(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    sent = thank_you_sent(run, config, imap_server)
    reply = email(
        "Dana Lee <dana@northwind.example>",
        f"Re: {sent['Subject']}",
        "Thanks Riley, it was great to meet you too.",
        at="2026-03-04T16:00:00+00:00",
        headers={"In-Reply-To": sent["Message-ID"], "References": sent["Message-ID"]},
    )
    imap_server.append("INBOX", reply)
    [inbox] = synced(run)["folders"]
    assert inbox["recorded"] == 1 and inbox["proposed"] == 0  # no signal in it, and still their answer
    answered = [item for item in timeline(run, 1) if item["kind"] == "contacted" and item.get("answered")]
    assert len(answered) == 1
    code, out, _ = run("show", "1")
    assert code == 0 and "they answered your follow-up by email" in out
    code, out, _ = run("show", "1", "--json")
    assert code == 0
    reasons = " ".join(reason["text"] for reason in json.loads(out)["advice"]["reasons"])
    assert "They answered your follow-up on" in reasons
    [shown] = proposals(run, "--all")
    assert shown["status"] == "recorded" and shown["message"]["matched_by"] == "reply"


def test_an_invitation_attached_is_proposed_and_imported_once_confirmed(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    made = EmailMessage()
    made["From"] = "Northwind Scheduling <calendar@northwind.example>"
    made["To"] = "riley@example.com"
    made["Subject"] = "Invitation: Category buyer, round 2"
    made["Date"] = "Mon, 09 Mar 2026 14:00:00 +0000"
    made["Message-ID"] = "<invite-2@northwind.example>"
    made.set_content("Dana has invited you to a second interview.")
    made.add_attachment(
        INVITATION.encode(),
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
        params={"method": "REQUEST"},
    )
    imap_server.append("INBOX", bytes(made))
    synced(run)
    [invitation] = [item for item in proposals(run) if item["kind"] == "invitation"]
    assert "Category buyer, second round" in invitation["evidence"]
    code, _out, err = run("mail", "review", "--confirm", str(invitation["id"]))
    assert code == 0, err
    code, out, _ = run("interview", "list", "1", "--json")
    assert code == 0 and "2026-03-12" in out


INVITATION = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Northwind//Scheduling//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:round-2-riley@northwind.example
SEQUENCE:0
DTSTAMP:20260309T140000Z
DTSTART:20260312T150000Z
DTEND:20260312T160000Z
SUMMARY:Category buyer, second round
ORGANIZER;CN=Dana Lee:mailto:dana@northwind.example
ATTENDEE;CN=Riley;PARTSTAT=NEEDS-ACTION:mailto:riley@example.com
END:VEVENT
END:VCALENDAR
"""


def test_recording_the_sure_signals_of_a_kind_when_asked(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server, 'record = ["answered", "rejected"]\n')
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    [inbox] = synced(run)["folders"]
    assert inbox["recorded"] == 1
    assert [item["kind"] for item in timeline(run, 1) if item["kind"] == "rejected"] == ["rejected"]


def test_the_body_is_never_kept_unless_asked(
    run: Run, config: Path, db: str, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    synced(run)
    path = db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT body, subject, sender, message_id FROM mail_messages").fetchall()
    assert rows == [(None, "Category buyer", "dana@northwind.example", "<rejection-1@northwind.example>")]


# Faults: one line, and the next sync goes on where the last one stopped


def test_a_wrong_password_is_one_line(run: Run, config: Path, imap_server: ImapServer) -> None:
    imap_config(config, imap_server)
    job_search(run)
    code, out, err = run("mail", "sync", FOLLOWUP_IMAP_PASSWORD="wrong")
    assert code == 2 and out == ""
    assert err.startswith("followup: 127.0.0.1:") and err.count("\n") == 1
    assert "refused the password of riley" in err


def test_no_password_is_one_line_naming_the_variable(run: Run, config: Path, imap_server: ImapServer) -> None:
    imap_config(config, imap_server)
    code, _out, err = run("mail", "sync", FOLLOWUP_IMAP_PASSWORD="")
    assert code == 2 and "FOLLOWUP_IMAP_PASSWORD" in err and err.count("\n") == 1


def test_the_server_down_then_back(run: Run, config: Path, imap_server: ImapServer) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    imap_server.stop()
    code, _out, err = run("mail", "sync")
    assert code == 2 and "connection refused" in err and err.count("\n") == 1
    imap_server.start()
    assert synced(run)["folders"][0]["new"] == 1


def test_a_certificate_that_cannot_be_trusted_is_refused(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    text = config.read_text(encoding="utf-8").replace(imap_server.ca_file, imap_server.untrusted_ca_file)
    config.write_text(text, encoding="utf-8")
    code, _out, err = run("mail", "sync", FOLLOWUP_IMAP_PASSWORD=imap_server.password)
    assert code == 2 and "certificate cannot be trusted" in err and err.count("\n") == 1


def test_a_folder_removed_is_told_and_the_others_are_read(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_server.create_folder("Jobs")
    imap_config(config, imap_server, 'folders = ["Jobs", "INBOX"]\n')
    job_search(run)
    synced(run)
    imap_server.delete_folder("Jobs")
    imap_server.append("INBOX", REJECTION)
    code, out, err = run("mail", "sync")
    assert code == 2
    assert "folder 'Jobs'" in err and err.count("\n") == 1
    assert "INBOX: 1 new" in out


def test_malformed_mime_a_huge_attachment_and_an_unknown_charset_are_read_as_far_as_they_go(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    broken = (
        b"From: dana@northwind.example\r\nSubject: Category buyer\r\n"
        b"Message-ID: <broken@northwind.example>\r\n"
        b"Date: Mon, 09 Mar 2026 14:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"V2UgaGF2ZSBkZWNpZGVkIHRvIG1vdmUgZm9yd2FyZCB3aXRoIG90aGVyIGNhbmRpZGF0ZXMu!!!\r\n"
    )
    huge = EmailMessage()
    huge["From"] = "dana@northwind.example"
    huge["Subject"] = "Your documents"
    huge["Message-ID"] = "<huge@northwind.example>"
    huge["Date"] = "Mon, 09 Mar 2026 15:00:00 +0000"
    huge.set_content("We will be in touch by Friday.")
    huge.add_attachment(
        os.urandom(30 * 1024 * 1024), maintype="application", subtype="pdf", filename="handbook.pdf"
    )
    strange = (
        b"From: dana@northwind.example\r\nSubject: Update\r\nMessage-ID: <strange@northwind.example>\r\n"
        b"Date: Mon, 09 Mar 2026 16:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n"
        b"The position has been filled. \xff\xfe Thank you.\r\n"
    )
    for raw in (broken, bytes(huge), strange):
        imap_server.append("INBOX", raw)
    started = time.monotonic()
    [inbox] = synced(run)["folders"]
    assert time.monotonic() - started < 20  # the 30 MB are not fetched
    assert inbox["new"] == 3 and inbox["matched"] == 3
    kinds = sorted(item["kind"] for item in proposals(run))
    assert "rejected" in kinds and "decision_by" in kinds


def test_a_sync_killed_halfway_neither_loses_nor_repeats_a_message(
    config: Path, db: str, imap_server: ImapServer, run: Run
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    count = 3000
    imap_server.deliver_many(
        "INBOX",
        [
            email("dana@northwind.example", f"Category buyer, note {n}",
                  f"Note {n}: we will be in touch by Friday.", message_id=f"<note-{n}@northwind.example>")
            for n in range(count)
        ],
    )  # fmt: skip
    environment = {
        **os.environ,
        "FOLLOWUP_CONFIG": str(config),
        "FOLLOWUP_IMAP_PASSWORD": imap_server.password,
    }
    command = [
        sys.executable,
        "-m",
        "followup",
        "mail",
        "sync",
        "--db",
        db,
        "--now",
        NOW,
        "--since",
        "2000-01-01",
    ]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = db.removeprefix("sqlite:///")
    deadline = time.monotonic() + 60
    kept = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(path, timeout=0.1) as connection:
                kept = connection.execute("SELECT count(*) FROM mail_messages").fetchone()[0]
        except sqlite3.OperationalError:
            kept = 0
        if kept > 0:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the sync ended before it could be killed: give it more messages"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(path) as connection:
        kept, last = connection.execute(
            "SELECT (SELECT count(*) FROM mail_messages), (SELECT last_uid FROM mail_folders)"
        ).fetchone()
    assert 0 < kept < count and last == kept  # what was kept, and where it stopped, agree
    code, _out, err = run("mail", "sync", "--json")
    assert code == 0, err
    with sqlite3.connect(path) as connection:
        messages, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT fingerprint) FROM mail_messages"
        ).fetchone()
        twice, proposing = connection.execute(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM mail_proposals GROUP BY message_id, kind "
            "HAVING count(*) > 1) AS repeated), count(DISTINCT message_id) FROM mail_proposals"
        ).fetchone()
    assert messages == distinct == count
    assert twice == 0 and proposing == 1  # the same thing said 3,000 times: one proposal, never two


# The service, on SQLite and on PostgreSQL: no mail server needed


def service_store(url: str) -> Run:
    runner = CliRunner()

    def invoke(*args: str, now: str = NOW) -> tuple[int, str, str]:
        result = runner.invoke(cli, [*args, "--db", url, "--now", now])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    job_search(invoke)
    return invoke


def ats_notice(number: int, name: str, day: str) -> Incoming:
    """An applicant-tracking system's notice, one template whatever the name and the day."""
    from datetime import datetime

    return Incoming(
        uid=number, message_id=f"<ats-{number}@ats.example>", sender="no-reply@ats.example",
        subject="Your application to Contoso",
        said_at=datetime.fromisoformat("2026-03-09T14:00:00+00:00"),
        text=f"Dear {name}, thank you for interviewing with Contoso. The hiring team will make a "
        f"decision by {day} and we will be in touch then. Kind regards, the Contoso Talent Team",
    )  # fmt: skip


def test_a_batch_kept_twice_is_kept_once_and_a_dismissal_teaches_the_template(
    store_url: str, request: pytest.FixtureRequest
) -> None:
    from datetime import datetime

    from followup.service import inbox
    from followup.service.stores import open_store

    service_store(store_url)
    engine = open_store(store_url)
    request.addfinalizer(engine.dispose)
    now = datetime.fromisoformat(NOW)
    context = inbox.context(engine, "riley@127.0.0.1", frozenset({"answered"}), False)
    first = inbox.take(engine, context, "INBOX", 7, 1, [ats_notice(1, "Riley", "March 20")], now)
    assert (first.matched, first.proposed) == (1, 1)  # a decision date
    again = inbox.take(engine, context, "INBOX", 8, 1, [ats_notice(1, "Riley", "March 20")], now)
    assert again.matched == 0  # its Message-ID is known: a changed UIDVALIDITY keeps nothing twice
    assert inbox.folder_state(engine, "riley@127.0.0.1", "INBOX")[:2] == (8, 1)
    [decision] = [item for item in inbox.proposals(engine) if item["kind"] == "decision_by"]
    assert decision["date"] == "2026-03-20"
    inbox.dismiss(engine, decision["id"], now)
    nxt = inbox.take(engine, context, "INBOX", 8, 2, [ats_notice(2, "Sam", "April 2")], now)
    assert nxt.matched == 1
    kinds = [
        item["kind"] for item in inbox.proposals(engine) if item["message"]["id"] == "<ats-2@ats.example>"
    ]
    assert "decision_by" not in kinds  # read as you corrected its template
    with pytest.raises(inbox.Decided):
        inbox.dismiss(engine, decision["id"], now)


def test_serve_with_mail_sync_reads_the_mailbox_and_today_shows_it(
    run: Run, config: Path, db: str, imap_server: ImapServer
) -> None:
    import urllib.request

    from tests.conftest import free_port

    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    port = free_port()
    environment = {
        **os.environ,
        "FOLLOWUP_CONFIG": str(config),
        "FOLLOWUP_IMAP_PASSWORD": imap_server.password,
    }
    command = [sys.executable, "-m", "followup", "serve", "--port", str(port), "--db", db, "--now", NOW]
    process = subprocess.Popen(
        [*command, "--mail-sync", "1"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        page = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "Read from your mail" not in page:
            time.sleep(0.2)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    page = answer.read().decode()
            except OSError:
                continue
        assert "Read from your mail" in page
        assert "move forward with other candidates" in page
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert b"synced every 1 minute" in err
    assert b"Traceback" not in err


def test_a_folder_named_in_any_language_is_read_and_a_missing_one_named_with_those_there(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_server.create_folder("Candidatures envoyées")
    imap_server.append("Candidatures envoyées", REJECTION)
    imap_config(config, imap_server, 'folders = ["Candidatures envoyées"]\n')
    job_search(run)
    assert synced(run)["folders"][0]["new"] == 1
    code, _out, err = run("mail", "connect", "--folder", "Jobs")
    assert code == 2 and err.count("\n") == 1
    assert "no folder 'Jobs' (its folders: " in err and "Candidatures envoyées" in err and "INBOX" in err


def test_review_checks_every_id_before_it_records_any(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", REJECTION)
    synced(run)
    [rejection] = proposals(run)
    for given in (["--confirm", str(rejection["id"]), "--confirm", "999"],
                  ["--dismiss", "999", "--confirm", str(rejection["id"])],
                  ["--confirm", str(rejection["id"]), "--dismiss", str(rejection["id"])]):  # fmt: skip
        code, _out, err = run("mail", "review", *given)
        assert code == 2 and err.count("\n") == 1, err
    assert [item["status"] for item in proposals(run)] == ["open"]
    assert run("mail", "review", "--application", "99")[0] == 2
    code, _out, err = run("mail", "review", "--confirm", "abc")
    assert code == 2 and "followup mail review" in err


def test_a_message_that_says_again_what_is_open_proposes_nothing_new(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    for day in range(3):
        reminder = email(
            "dana@northwind.example", "Category buyer", "We will be in touch by March 20.",
            at=f"2026-03-0{day + 5}T10:00:00+00:00", message_id=f"<again-{day}@northwind.example>",
        )  # fmt: skip
        imap_server.append("INBOX", reminder)
    [inbox] = synced(run)["folders"]
    assert inbox["matched"] == 3
    assert len(proposals(run)) == 1
    _code, out, _ = run("mail", "review", "--json")
    assert json.loads(out)["total"] == 1


def test_review_says_who_and_when_in_the_employers_time_and_flags_a_match_by_name(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append("INBOX", ATS)
    nameless = (
        b"Subject: Contoso Analyst update\r\nMessage-ID: <nameless@x.example>\r\n\r\n"
        b"The position has been filled.\r\n"
    )
    imap_server.append("INBOX", nameless)
    synced(run)
    code, out, _ = run("mail", "review")
    assert code == 0
    assert (
        "no-reply@greenhouse-mail.io, Monday 9 March at 09:00 their time: Your application to Contoso" in out
    )
    assert "(no sender), (date unknown): Contoso Analyst update" in out
    assert "matched by the employer's name alone" in out


def test_a_file_of_no_certificates_is_one_line_about_the_setting(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    not_pem = config.parent / "not.pem"
    not_pem.write_text("hello\n", encoding="utf-8")
    imap_config(config, imap_server)
    config.write_text(
        config.read_text(encoding="utf-8").replace(imap_server.ca_file, str(not_pem)), encoding="utf-8"
    )
    code, _out, err = run("mail", "sync")
    assert code == 2 and "imap.ca_file" in err and "no certificate in it" in err and err.count("\n") == 1


def test_reading_the_mailbox_needs_no_complete_smtp_section(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    config.write_text('[smtp]\nhost = "x"\n\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    job_search(run)
    assert run("mail", "sync")[0] == 0
    assert run("mail", "connect")[0] == 0


def test_connecting_to_another_server_leaves_the_old_ones_port_and_certificates(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    code, _out, err = run("mail", "connect", "--host", "no-such-host.invalid")
    assert code == 2 and "no-such-host.invalid:993" in err and "nothing was saved" in err


def test_serve_with_mail_sync_refuses_settings_it_cannot_use(run: Run, config: Path) -> None:
    config.write_text(
        '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\nfrom = "riley@example.com"\n', encoding="utf-8"
    )
    code, _out, err = run("serve", "--port", "1", "--mail-sync", "5")
    assert code == 2 and "no [imap] section" in err


def test_security_tls_is_another_name_for_ssl(run: Run, config: Path, imap_server: ImapServer) -> None:
    imap_config(config, imap_server, 'security = "tls"\n')
    code, out, err = run("mail", "connect")
    assert code == 0, err
    assert "(ssl)" in out


def test_list_mail_from_the_employers_own_domain_is_read(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    listed = email(
        "Northwind Careers <careers@northwind.example>", "Your application",
        "Thank you for interviewing. Unfortunately we have decided to move forward with other candidates.",
        headers={"List-Unsubscribe": "<mailto:leave@northwind.example>"},
    )  # fmt: skip
    imap_server.append("INBOX", listed)
    imap_server.append("INBOX", NEWSLETTER)
    synced(run)
    assert [(item["application"], item["kind"]) for item in proposals(run)] == [(1, "rejected")]


def test_someone_of_theirs_writing_after_a_contact_you_made_is_proposed_as_their_answer(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    contacted = ["--channel", "email", "--purpose", "check_in", "--at", "2026-03-06T10:00:00-06:00"]
    assert run("contacted", "1", *contacted, now="2026-03-06T10:05:00-06:00")[0] == 0
    imap_server.append("INBOX", email("no-reply@northwind.example", "Your profile", "Complete your profile."))
    imap_server.append(
        "INBOX", email("Sam Ortiz <sam@northwind.example>", "Checking in", "Thanks for your note!")
    )
    [inbox] = synced(run)["folders"]
    assert inbox["recorded"] == 0  # inferred, not told by the headers: for you to confirm
    [answer] = [item for item in proposals(run) if item["kind"] == "answered"]
    assert answer["message"]["sender"] == "sam@northwind.example"
    assert "wrote after your contact of 2026-03-06" in answer["evidence"]
    assert run("mail", "review", "--confirm", str(answer["id"]))[0] == 0
    _code, out, _ = run("show", "1", "--json")
    reasons = " ".join(reason["text"] for reason in json.loads(out)["advice"]["reasons"])
    assert "They answered your follow-up on" in reasons


def test_a_backup_copies_what_was_read_from_your_mail(
    store_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from datetime import datetime

    from followup.service import inbox
    from followup.service.stores import open_store

    invoke = service_store(store_url)
    engine = open_store(store_url)
    request.addfinalizer(engine.dispose)
    context = inbox.context(engine, "riley@127.0.0.1", frozenset({"answered"}), False)
    inbox.take(
        engine, context, "INBOX", 7, 1, [ats_notice(1, "Riley", "March 20")], datetime.fromisoformat(NOW)
    )
    copy = tmp_path / "copy.sqlite3"
    assert invoke("backup", str(copy))[0] == 0
    with sqlite3.connect(copy) as connection:
        counted = connection.execute(
            "SELECT (SELECT count(*) FROM mail_folders), (SELECT count(*) FROM mail_messages),"
            " (SELECT count(*) FROM mail_proposals)"
        ).fetchone()
    assert counted == (1, 1, 1)


def test_an_out_of_office_reply_and_your_own_message_are_not_their_answer(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    sent = thank_you_sent(run, config, imap_server)
    thread = {"In-Reply-To": sent["Message-ID"], "References": sent["Message-ID"]}
    away = email(
        "dana@northwind.example", f"Automatic reply: {sent['Subject']}", "I am out of the office.",
        headers={**thread, "Auto-Submitted": "auto-replied"}, at="2026-03-03T20:00:00+00:00",
    )  # fmt: skip
    mine = email("riley@example.com", f"Re: {sent['Subject']}", "One more thing I forgot to mention.",
                 headers=thread, at="2026-03-03T21:00:00+00:00")  # fmt: skip
    imap_server.append("INBOX", away)
    imap_server.append("INBOX", mine)
    [inbox] = synced(run)["folders"]
    assert inbox["recorded"] == 0
    assert not [item for item in timeline(run, 1) if item["kind"] == "contacted" and item.get("answered")]


def test_a_folder_empty_at_its_first_sync_reads_an_old_message_moved_in_later(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    from datetime import datetime

    imap_server.create_folder("Jobs")
    imap_config(config, imap_server, 'folders = ["Jobs"]\n')
    job_search(run)
    assert synced(run)["folders"][0]["new"] == 0
    imap_server.append("Jobs", REJECTION, internal_date=datetime.fromisoformat("2026-01-20T10:00:00+00:00"))
    assert synced(run)["folders"][0]["new"] == 1


def test_an_invitation_that_cannot_be_read_is_no_proposal(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    made = EmailMessage()
    made["From"] = "calendar@northwind.example"
    made["Subject"] = "Category buyer"
    made["Date"] = "Mon, 09 Mar 2026 14:00:00 +0000"
    made["Message-ID"] = "<bad-ics@northwind.example>"
    made.set_content("See the attachment.")
    cancelled = b"BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"
    made.add_attachment(cancelled, maintype="text", subtype="calendar", filename="x.ics")
    imap_server.append("INBOX", bytes(made))
    synced(run)
    assert [item for item in proposals(run) if item["kind"] == "invitation"] == []


def test_a_non_ascii_password_signs_in_with_plain_and_never_shows(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    code, _out, err = run("mail", "connect", FOLLOWUP_IMAP_PASSWORD="pässwörd")
    assert code == 2 and err.count("\n") == 1 and "refused the password of riley" in err
    assert "ä" not in err and "Traceback" not in err


def test_control_characters_a_sender_hides_never_reach_the_terminal(
    run: Run, config: Path, imap_server: ImapServer
) -> None:
    imap_config(config, imap_server)
    job_search(run)
    imap_server.append(
        "INBOX",
        email(
            "dana@northwind.example", "Category buyer \x1b]0;pwned\x07", "We will be in touch by March 20."
        ),
    )
    synced(run)
    _code, out, _ = run("mail", "review")
    assert "\x1b" not in out and "\x07" not in out


def test_a_folder_is_searched_a_span_of_uids_at_a_time(
    run: Run, config: Path, imap_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import followup.mail.imap

    monkeypatch.setattr(followup.mail.imap, "SEARCH_SPAN", 3)
    imap_config(config, imap_server)
    job_search(run)
    for number in range(10):
        note = email(
            "dana@northwind.example", f"Note {number}", "Thanks.", message_id=f"<span-{number}@x.example>"
        )
        imap_server.append("INBOX", note)
    assert synced(run)["folders"][0]["new"] == 10
    for number in range(10, 17):
        note = email(
            "dana@northwind.example", f"Note {number}", "Thanks.", message_id=f"<span-{number}@x.example>"
        )
        imap_server.append("INBOX", note)
    assert synced(run)["folders"][0]["new"] == 7
    assert synced(run)["folders"][0]["new"] == 0


def test_the_password_from_the_system_keyring(run: Run, config: Path, imap_server: ImapServer) -> None:
    import keyring

    from tests.test_mail import Memory

    imap_config(config, imap_server, "keyring = true\n")
    before = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        code, _out, err = run("mail", "connect", FOLLOWUP_IMAP_PASSWORD="")
        assert code == 2 and err.count("\n") == 1
        assert (
            "imap.keyring: no password for riley in the system keyring (service followup, user imap:riley)"
            in err
        )
        keyring.set_password("followup", "imap:riley", imap_server.password)
        code, _out, err = run("mail", "connect", FOLLOWUP_IMAP_PASSWORD="")
        assert code == 0, err
    finally:
        keyring.set_keyring(before)
