"""Sending email and reminders, against a real SMTP server on 127.0.0.1 (aiosmtpd, started here
on a free port): what the server receives, what is refused and why, and that the store records
a contact or a reminder only once the message went out."""

from __future__ import annotations

import email
import json
import os
import re
import socket
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.policy import default as modern
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from click.testing import CliRunner
from keyring.backend import KeyringBackend

from followup.cli import cli
from followup.mail.config import ConfigError, read_config
from tests.conftest import free_port

NOW = "2026-03-03T13:00:00-06:00"  # three hours after the interview: time for the thank-you
NEXT_DAY = "2026-03-04T08:00:00-06:00"  # an hour before the Contoso interview
LEFT_OVER = re.compile(r"\{\{|\}\}|\{%|%\}|\bNone\b|\bTODO\b|<[a-z]+>|\(name\)")
USER, PASSWORD = "riley", "correct horse battery staple"


class Mailbox:
    """An aiosmtpd handler keeping what it accepts; it refuses the recipients in `refuse`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        parsed = email.message_from_bytes(envelope.content, policy=modern)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def only_riley(server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
    """The server's check of a user name and password."""
    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=good, handled=False)


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    """A plain SMTP server on 127.0.0.1: the mailbox and its port."""
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def certificate(tmp_path: Path, *hosts: str) -> tuple[ssl.SSLContext, Path]:
    """A server's TLS context with a certificate for hosts from a test CA, and the CA's
    certificate to trust, in tmp_path."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*hosts).configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return context, ca_file


@pytest.fixture
def tls_mailbox(tmp_path: Path) -> Iterator[tuple[Mailbox, int, Path]]:
    """An SMTP server on 127.0.0.1 that requires STARTTLS (its certificate from a test CA) and a
    login: the mailbox, its port and the CA's certificate to trust."""
    context, ca_file = certificate(tmp_path, "127.0.0.1", "localhost")
    handler = Mailbox()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=only_riley,
    )
    controller.start()
    try:
        yield handler, controller.port, ca_file
    finally:
        controller.stop()


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


@pytest.fixture
def run(tmp_path: Path, config: Path) -> Run:
    """followup as a person runs it, on a store in tmp_path, with the config file `config`."""
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'search.sqlite3'}"

    def invoke(*args: str, now: str = NOW, answer: str | None = None, **env: str) -> tuple[int, str, str]:
        environment = {"FOLLOWUP_CONFIG": str(config), "FOLLOWUP_SMTP_PASSWORD": "", **env}
        result = runner.invoke(cli, [*args, "--db", db, "--now", now], input=answer, env=environment)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


def smtp_config(config: Path, port: int, extra: str) -> None:
    """A config file for the server on 127.0.0.1 at port, sending from riley@example.com."""
    config.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nfrom = "riley@example.com"\n{extra}', encoding="utf-8"
    )


def plain_smtp(config: Path, port: int, extra: str = "") -> None:
    """No TLS, no login."""
    smtp_config(config, port, f'security = "none"\n{extra}')


def login_smtp(config: Path, port: int, extra: str = "") -> None:
    """STARTTLS (the default) and riley's login."""
    smtp_config(config, port, f'username = "{USER}"\n{extra}')


def job_search(run: Run, *, email: bool = True) -> None:
    """Application 1: Northwind, interviewed this morning, the thank-you due (to Dana Lee, when
    `email`); application 2: Contoso, who asked for no contact, interviewing tomorrow morning."""
    assert run("timezone", "America/New_York")[0] == 0
    northwind = ["--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL"]
    assert (
        run("add", *northwind, "--role", "Category buyer", "--interview", "2026-03-03T10:00:00-06:00")[0] == 0
    )
    if email:
        assert run("contact", "add", "1", "Dana Lee", "--email", "dana@northwind.example")[0] == 0
    contoso = ["--employer", "Contoso", "--country", "US", "--subdivision", "IL", "--role", "Analyst"]
    assert (
        run("add", *contoso, "--interview", "2026-03-04T09:00:00-06:00", now="2026-03-01T10:00:00-06:00")[0]
        == 0
    )
    said = run(
        "said", "2", "no_contact", "--note", "Please don't contact us.", "--at", "2026-03-02T10:00:00-06:00"
    )
    assert said[0] == 0


def contacts_of(run: Run, application: int) -> list[dict[str, Any]]:
    code, out, _ = run("show", str(application), "--json")
    assert code == 0
    return [item for item in json.loads(out)["timeline"] if item["kind"] == "contacted"]


# followup send


def test_send_with_yes_delivers_the_message_and_records_one_contact(
    run: Run, config: Path, mailbox: Any
) -> None:
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    code, out, err = run("send", "1", "--yes")
    assert code == 0, err
    [sent] = box.messages
    assert sent["To"] == "Dana Lee <dana@northwind.example>"
    assert sent["From"] == "riley@example.com"
    assert sent["Subject"] == "Thank you for the Category buyer interview"
    assert sent["Date"].datetime.isoformat() == "2026-03-03T14:00:00-05:00"  # in your time
    assert sent["Message-ID"].endswith("@example.com>")
    body = sent.get_content()
    assert body.startswith("Dear Dana Lee,") and "Northwind Traders" in body
    assert not LEFT_OVER.search(body + sent["Subject"])
    assert box.envelopes[0].rcpt_tos == ["dana@northwind.example"]
    assert f"Subject: {sent['Subject']}" in out and "Sent to Dana Lee <dana@northwind.example>" in out
    [contact] = contacts_of(run, 1)
    assert (contact["channel"], contact["purpose"]) == ("email", "thank_you")
    assert contact["note"] == "Sent by followup: Thank you for the Category buyer interview"
    # The thank-you is done: the advice moved on, and there is nothing to send now.
    code, _, err = run("send", "1", "--yes")
    assert code == 1 and "wait" in err
    assert len(box.messages) == 1 and len(contacts_of(run, 1)) == 1


def test_answering_no_sends_nothing_and_records_nothing(run: Run, config: Path, mailbox: Any) -> None:
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    code, out, err = run("send", "1", answer="n\n")
    assert code == 1
    assert "To: Dana Lee <dana@northwind.example>" in out and "Send it? [y/N]" in out
    assert "Not sent; nothing recorded." in err
    assert box.messages == [] and contacts_of(run, 1) == []
    code, _, _ = run("send", "1", answer="y\n")
    assert code == 0 and len(box.messages) == 1


def test_json_tells_what_was_sent_and_the_advice_now(run: Run, config: Path, mailbox: Any) -> None:
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    code, out, err = run("send", "1", "--yes", "--json", "--to", "hiring@northwind.example")
    assert code == 0
    body = json.loads(out)
    assert body["sent"]["to"] == "hiring@northwind.example" and body["sent"]["server"] == f"127.0.0.1:{port}"
    assert body["sent"]["message_id"] == box.messages[0]["Message-ID"]
    assert body["advice"]["purpose"] == "check_in"
    assert "Subject: Thank you" in err  # the message shown, outside the JSON


def test_no_contact_is_never_sent(run: Run, config: Path, mailbox: Any) -> None:
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    code, out, err = run("send", "2", "--yes", "--to", "hr@contoso.example")
    assert code == 1
    assert err.startswith("followup: application 2: the advice is to make no contact; nothing sent.")
    assert "asked for no contact" in err
    assert out == "" and box.messages == [] and contacts_of(run, 2) == []


def test_another_channel_is_sent_only_when_asked_and_never_one_ruled_out(
    run: Run, config: Path, mailbox: Any
) -> None:
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    thanked = ["--channel", "email", "--purpose", "thank_you", "--at", "2026-03-03T11:00:00-06:00"]
    assert run("contacted", "1", *thanked)[0] == 0
    asked = ["--date", "2026-03-03", "--channel", "phone", "--at", "2026-03-03T11:30:00-06:00"]
    assert run("said", "1", "call_back", *asked)[0] == 0
    code, _, err = run("send", "1", "--yes")
    assert code == 1 and "the advice is to get back to them by phone" in err and "--channel email" in err
    code, out, _ = run("send", "1", "--channel", "email", answer="n\n")  # allowed, when asked for
    assert code == 1 and "To: Dana Lee <dana@northwind.example>" in out and "Send it?" in out
    assert run("said", "1", "no_contact", "--channel", "email", "--at", "2026-03-03T12:00:00-06:00")[0] == 0
    code, _, err = run("send", "1", "--yes", "--channel", "email")
    assert code == 1 and "no email: On 3 March they asked you not to email." in err
    assert box.messages == [] and len(contacts_of(run, 1)) == 1


def test_a_refused_recipient_is_told_and_nothing_is_recorded(run: Run, config: Path, mailbox: Any) -> None:
    box, port = mailbox
    box.refuse.add("dana@northwind.example")
    plain_smtp(config, port)
    job_search(run)
    code, _, err = run("send", "1", "--yes")
    assert code == 2
    assert err == (
        f"followup: 127.0.0.1:{port}: the server refused the recipient dana@northwind.example "
        "(550 5.1.1 No such user here); nothing was sent or recorded\n"
    )
    assert box.messages == [] and contacts_of(run, 1) == []


def test_a_server_that_is_down_is_told_and_nothing_is_recorded(run: Run, config: Path) -> None:
    port = free_port()  # nothing listens there
    plain_smtp(config, port)
    job_search(run)
    code, _, err = run("send", "1", "--yes")
    assert code == 2
    assert err.startswith(f"followup: 127.0.0.1:{port}: connection refused")
    assert err.count("\n") == 1 and contacts_of(run, 1) == []


def test_no_address_and_no_server_settings_are_told_before_anything(
    run: Run, config: Path, mailbox: Any
) -> None:
    box, port = mailbox
    job_search(run, email=False)
    code, _, err = run("send", "1", "--yes")
    assert code == 2 and err.startswith(f"followup: {config}: no such file: add your mail server")
    plain_smtp(config, port)
    code, _, err = run("send", "1", "--yes")
    assert code == 2 and "application 1: no email address is known: give --to ADDRESS" in err
    code, _, err = run("send", "1", "--yes", "--to", "not an address")
    assert code == 2 and "'not an address' is not an email address" in err
    assert box.messages == [] and contacts_of(run, 1) == []


def test_starttls_and_a_login(run: Run, config: Path, tls_mailbox: Any) -> None:
    box, port, ca_file = tls_mailbox
    login_smtp(config, port, f'ca_file = "{ca_file}"\n')
    job_search(run)
    code, _, err = run("send", "1", "--yes")
    assert code == 2
    assert err == (
        f"followup: {config}: smtp.password_env: no password for {USER}: set the environment variable "
        "FOLLOWUP_SMTP_PASSWORD, or keep it in the system keyring (smtp.keyring = true)\n"
    )
    code, _, err = run("send", "1", "--yes", FOLLOWUP_SMTP_PASSWORD="wrong")
    assert code == 2
    assert f"127.0.0.1:{port}: the server refused the user name or password of {USER} (535" in err
    assert box.messages == [] and contacts_of(run, 1) == []
    code, _, err = run("send", "1", "--yes", FOLLOWUP_SMTP_PASSWORD=PASSWORD)
    assert code == 0, err
    assert len(box.messages) == 1 and len(contacts_of(run, 1)) == 1


def test_a_certificate_not_trusted_is_refused(run: Run, config: Path, tls_mailbox: Any) -> None:
    box, port, _ca_file = tls_mailbox
    login_smtp(config, port)
    job_search(run)
    code, _, err = run("send", "1", "--yes", FOLLOWUP_SMTP_PASSWORD=PASSWORD)
    assert code == 2
    assert f"127.0.0.1:{port}: TLS failed: the server's certificate is not trusted (" in err
    assert "give its CA in smtp.ca_file" in err
    assert box.messages == [] and contacts_of(run, 1) == []


def test_tls_from_the_start(run: Run, config: Path, tmp_path: Path) -> None:
    """security = "ssl": TLS from the first byte (port 465 by default)."""
    context, ca_file = certificate(tmp_path, "127.0.0.1")
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    controller.start()
    try:
        smtp_config(config, controller.port, f'security = "ssl"\nca_file = "{ca_file}"\n')
        job_search(run)
        code, _, err = run("send", "1", "--yes")
    finally:
        controller.stop()
    assert code == 0, err
    assert len(box.messages) == 1 and len(contacts_of(run, 1)) == 1


def test_a_silent_server_is_given_up_on(run: Run, config: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # listens, never answers
        port = silent.getsockname()[1]
        plain_smtp(config, port, "timeout = 0.5\n")
        job_search(run)
        code, _, err = run("send", "1", "--yes")
    assert code == 2
    assert err == (
        f"followup: 127.0.0.1:{port}: no answer within 0.5 seconds (smtp.timeout); "
        "nothing was sent or recorded\n"
    )
    assert contacts_of(run, 1) == []


class Memory(KeyringBackend):  # a keyring backend that keeps its passwords in memory
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def test_the_password_from_the_system_keyring(run: Run, config: Path, tls_mailbox: Any) -> None:
    import keyring

    box, port, ca_file = tls_mailbox
    login_smtp(config, port, f'ca_file = "{ca_file}"\nkeyring = true\n')
    job_search(run)
    before = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        code, _, err = run("send", "1", "--yes")
        assert code == 2 and "no password for riley in the system keyring (service followup)" in err
        keyring.set_password("followup", USER, PASSWORD)
        code, _, err = run("send", "1", "--yes")
        assert code == 0, err
    finally:
        keyring.set_keyring(before)
    assert len(box.messages) == 1


def test_the_followup_program_sends(tmp_path: Path, config: Path, mailbox: Any, run: Run) -> None:
    """The installed entry (followup.quick) hands `send` to the full command line."""
    box, port = mailbox
    plain_smtp(config, port)
    job_search(run)
    environment = {
        **os.environ,
        "FOLLOWUP_CONFIG": str(config),
        "FOLLOWUP_DB": f"sqlite:///{tmp_path / 'search.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "followup", "send", "1", "--now", NOW],
        input="y\n", capture_output=True, text=True, env=environment, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(box.messages) == 1 and len(contacts_of(run, 1)) == 1


# The config file


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[smtp\nhost = "x"',
            "not valid TOML (Expected ']' at the end of a table declaration (at line 1, column 6))",
        ),
        ('[smtp]\nhots = "smtp.example.com"\n', "line 2: smtp.hots: unknown key (did you mean host?)"),
        (
            '[smtp]\nhost = "smtp.example.com"\nport = "587"\n',
            "line 3: smtp.port: expected a whole number, got '587'",
        ),
        (
            '[smtp]\nhost = "smtp.example.com"\nkeyring = 1\n',
            "line 3: smtp.keyring: expected true or false, got a whole number",
        ),
        (
            '[smtp]\nhost = "smtp.example.com"\nfrom = "me@example.com"\npassword = "hunter2"\n',
            "line 4: smtp.password: a password is never kept in the config file",
        ),
        (
            '[smtp]\nhost = "smtp.example.com"\nsecurity = "none"\nfrom = "me@example.com"\n',
            'line 3: smtp.security: "none" sends your messages and password unencrypted',
        ),
        ('[smtp]\nhost = "smtp.example.com"\n', "smtp.from: missing"),
        ('[remind]\nhow = "pigeon"\n', "line 2: remind.how: 'pigeon' is not one of: print, email, desktop"),
        ('[reminders]\nhow = "print"\n', "line 1: reminders: unknown section (did you mean remind?)"),
    ],
)
def test_a_bad_config_file_names_the_key(run: Run, config: Path, text: str, message: str) -> None:
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_config(config)
    assert str(raised.value).startswith(str(config))
    assert message in str(raised.value)
    for command in (["send", "1", "--yes"], ["remind"]):
        code, out, err = run(*command)
        assert code == 2 and out == ""
        assert err.startswith(f"followup: {config}") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("given", ['"Summer-2026!"', '"hunter2secret"', "271828182"])
def test_a_password_given_by_mistake_as_the_variable_is_never_shown(
    run: Run, config: Path, given: str
) -> None:
    config.write_text(
        f'[smtp]\nhost = "smtp.example.com"\nfrom = "me@example.com"\npassword_env = {given}\n',
        encoding="utf-8",
    )
    for command in (["send", "1", "--yes"], ["remind"]):
        code, out, err = run(*command)
        assert code == 2 and out == ""
        assert "smtp.password_env" in err and given.strip('"') not in err


@pytest.mark.parametrize(
    ("host", "said"),
    [
        ("a..b", "'a..b' is not a host name or an IP address (labels of 1 to 63 letters"),
        ("a" * 300 + ".example", f"'{'a' * 56}... is not a host name or an IP address"),
        ("smtp example.com", "'smtp example.com' is not a host name or an IP address"),
        ("[::1]", "'[::1]': give an IPv6 address without its brackets, as ::1"),
    ],
    ids=["an empty label", "a label of 300 letters", "a space", "brackets"],
)
def test_a_host_that_is_no_host_name_is_refused_when_the_config_is_read(
    run: Run, config: Path, host: str, said: str
) -> None:
    """Not an internal error of the IDNA codec when the message is sent."""
    config.write_text(f'[smtp]\nhost = "{host}"\nfrom = "me@example.com"\n', encoding="utf-8")
    job_search(run)
    for command in (["send", "1", "--yes"], ["remind"]):
        code, out, err = run(*command)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert f"line 2: smtp.host: {said}" in err


@pytest.mark.parametrize(
    "text",
    [
        'host = "user:S3cretpw@smtp.example.invalid"\nfrom = "me@example.com"\n',
        'host = "smtp.example.com"\nfrom = "me@example.com"\nkeyring = "S3cretpw"\n',
        'host = ["user:S3cretpw@smtp.example.invalid"]\nfrom = "me@example.com"\n',
    ],
    ids=["a host with a password before an @", "a password as keyring", "a host of another type"],
)
def test_a_password_put_in_the_host_or_the_keyring_is_never_shown(run: Run, config: Path, text: str) -> None:
    config.write_text(f"[smtp]\n{text}", encoding="utf-8")
    for command in (["send", "1", "--yes"], ["remind"]):
        code, out, err = run(*command)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "S3cretpw" not in err and "user:" not in err
        assert "smtp.host" in err or "smtp.keyring: expected true or false, got text" in err


def test_a_password_variable_not_set_is_named_only_when_it_is_the_default(config: Path) -> None:
    """A password written as smtp.password_env looks like a variable's name: never repeated."""
    from followup.mail.config import smtp_password

    settings = '[smtp]\nhost = "smtp.example.com"\nusername = "riley@example.com"\n'
    for given, named in [
        ("", "FOLLOWUP_SMTP_PASSWORD"),
        ('password_env = "HUNTER2SECRET"\n', "that smtp.password_env names"),
    ]:
        config.write_text(settings + given, encoding="utf-8")
        smtp = read_config(config).smtp
        assert smtp is not None
        with pytest.raises(ConfigError) as raised:
            smtp_password(smtp, config)
        assert f"set the environment variable {named}, or keep it" in str(raised.value)
        assert "HUNTER2SECRET" not in str(raised.value)


def test_no_config_file_is_needed_for_the_rest(run: Run, config: Path) -> None:
    assert not config.exists()
    job_search(run)
    code, out, _ = run("remind", "--dry-run")
    assert code == 0 and "Northwind Traders" in out
    assert read_config(config).smtp is None


# followup remind


def test_remind_prints_each_item_once(run: Run, config: Path) -> None:
    job_search(run)
    code, out, _ = run("remind", "--dry-run")
    assert code == 0 and out.endswith("(dry run: nothing printed as sent, nothing recorded)\n")
    code, out, _ = run("remind")
    assert code == 0
    assert out.startswith("Due today, from Tuesday 3 March at 14:00 your time (America/New_York)\n")
    assert "  #1 Northwind Traders, Category buyer: send a thank-you note by email\n" in out
    assert "now: an email interrupts no one" in out
    assert "The draft: followup draft 1; to send it: followup send 1" in out
    assert (
        "#2 Contoso, Analyst, round 1: Wednesday 4 March at 10:00 your time (09:00 theirs, America/Chicago)"
        in out
    )
    assert "Contoso, Analyst: " not in out  # no contact: nothing to do about it
    assert run("remind") == (0, "Nothing new to remind you of.\n", "")
    assert run("remind", "--quiet") == (0, "", "")
    code, out, _ = run("remind", "--json")
    body = json.loads(out)
    assert (body["to_do"], body["interviews"], body["already_reminded"], body["sent"]) == ([], [], 2, False)


def test_a_follow_up_left_undone_is_reminded_on_its_next_day(run: Run, config: Path) -> None:
    job_search(run)
    assert run("remind", "--json")[0] == 0
    _, out, _ = run("remind", "--json", now=NEXT_DAY)  # the thank-you still due; the interview soon
    body = json.loads(out)
    assert [item["key"] for item in body["to_do"]] == ["1:thank_you:2026-03-04"]
    assert body["interviews"] == [] and body["already_reminded"] == 1  # the interview was reminded once


def test_remind_by_email_goes_through_the_server_once(run: Run, config: Path, mailbox: Any) -> None:
    box, port = mailbox
    plain_smtp(config, port, '[remind]\nto = "riley@home.example"\nhow = "email"\n')
    job_search(run)
    code, out, _ = run("remind", "--dry-run")
    assert code == 0 and out.startswith("From: riley@example.com\nTo: riley@home.example\n")
    assert box.messages == []
    code, out, err = run("remind")
    assert code == 0, err
    assert out == "Sent a reminder of 2 things to riley@home.example.\n"
    [sent] = box.messages
    assert sent["Subject"] == "followup: 1 to do today, 1 interview coming up"
    assert "followup draft 1" in sent.get_content()
    assert run("remind") == (0, "Nothing new to remind you of.\n", "")
    assert len(box.messages) == 1


def test_remind_by_email_with_the_server_down_records_nothing(run: Run, config: Path) -> None:
    port = free_port()
    plain_smtp(config, port)
    job_search(run)
    code, _, err = run("remind", "--how", "email")
    assert code == 2 and "connection refused" in err and "no reminder was sent or recorded" in err
    code, out, _ = run("remind", "--how", "print")
    assert code == 0 and "Northwind Traders" in out  # nothing was counted as reminded


def test_remind_on_the_desktop(run: Run, tmp_path: Path) -> None:
    job_search(run)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("remind", "--how", "desktop", PATH=str(empty))
    assert code == 2 and "notify-send is not on PATH" in err and "--how print" in err
    # A notify-send that keeps what it was asked to show, where the real one is not installed.
    shown = tmp_path / "shown.txt"
    program = empty / "notify-send"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {shown}\n', encoding="utf-8")
    program.chmod(0o755)
    code, out, err = run("remind", "--how", "desktop", PATH=str(empty))
    assert code == 0, err
    assert out == "Showed a reminder of 2 things on the desktop.\n"
    arguments = shown.read_text(encoding="utf-8").splitlines()
    assert arguments[:2] == ["--app-name=followup", "1 to do today, 1 interview coming up"]
    assert "followup draft 1" in shown.read_text(encoding="utf-8")
    assert run("remind", "--how", "desktop", PATH=str(empty))[1] == "Nothing new to remind you of.\n"
