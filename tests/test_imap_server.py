"""The IMAP server the tests run (tests/imap_server.py): Dovecot on 127.0.0.1, over TLS, STARTTLS
and plain IMAP, with a password or an OAuth2 token, and the ways a test changes its mail."""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from tests.imap_server import ImapServer


@contextmanager
def session(server: ImapServer, *, tls: bool = False, cafile: str | None = None) -> Iterator[imaplib.IMAP4]:
    """A connection, not logged in: over TLS from the first byte (checked against `cafile`, by
    default the server's CA), or plain; logged out (or closed) after."""
    if tls:
        context = ssl.create_default_context(cafile=cafile or server.ca_file)
        connection: imaplib.IMAP4 = imaplib.IMAP4_SSL(
            server.host, server.port_tls, ssl_context=context, timeout=10
        )
    else:
        connection = imaplib.IMAP4(server.host, server.port, timeout=10)
    try:
        yield connection
    finally:
        if connection.state == "LOGOUT":
            connection.shutdown()
        else:
            connection.logout()


def capabilities(connection: imaplib.IMAP4) -> set[str]:
    """What the server says it can do now (imaplib keeps only what it said before the login)."""
    kind, data = connection.capability()
    assert kind == "OK"
    return set(data[-1].decode().upper().split())


def internal_date(fetched: bytes) -> datetime:
    """The INTERNALDATE in a FETCH response, as a moment (Dovecot tells it in its own zone)."""
    found = re.search(rb'INTERNALDATE "([^"]+)"', fetched)
    assert found is not None
    return datetime.strptime(found.group(1).decode(), "%d-%b-%Y %H:%M:%S %z")


def message(subject: str) -> bytes:
    return (
        f"From: Dana <dana@northwind.example>\r\nTo: riley@example.org\r\nSubject: {subject}\r\n"
        f"Message-ID: <{subject.replace(' ', '-')}@northwind.example>\r\n\r\nThanks for coming in.\r\n"
    ).encode()


def test_login_over_tls_checked_against_the_ca(imap_server_module: ImapServer) -> None:
    with session(imap_server_module, tls=True) as connection:
        assert connection.login("riley", "s3cret")[0] == "OK"
        assert {"IMAP4REV1", "UIDPLUS"} <= capabilities(connection)
        assert isinstance(connection.sock, ssl.SSLSocket)
        assert connection.sock.version() in {"TLSv1.2", "TLSv1.3"}


def test_the_certificate_is_good_for_localhost_too(imap_server_module: ImapServer) -> None:
    context = ssl.create_default_context(cafile=imap_server_module.ca_file)
    with (
        socket.create_connection(("127.0.0.1", imap_server_module.port_tls), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as wrapped,
    ):
        assert wrapped.recv(1024).startswith(b"* OK")
        wrapped.sendall(b"0 LOGOUT\r\n")


def test_login_after_starttls(imap_server_module: ImapServer) -> None:
    with session(imap_server_module) as connection:
        assert "STARTTLS" in connection.capabilities
        connection.starttls(ssl.create_default_context(cafile=imap_server_module.ca_file))
        assert connection.login("riley", "s3cret")[0] == "OK"
        assert isinstance(connection.sock, ssl.SSLSocket)


def test_plaintext_login_on_the_plain_port(imap_server_module: ImapServer) -> None:
    with session(imap_server_module) as connection:
        assert connection.login("riley", "s3cret")[0] == "OK"
        assert {"IMAP4REV1", "UIDPLUS"} <= capabilities(connection)
    with session(imap_server_module) as connection, pytest.raises(imaplib.IMAP4.error):
        connection.login("riley", "wrong")


def test_another_ca_fails_the_check(imap_server_module: ImapServer) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(
            imap_server_module.host,
            imap_server_module.port_tls,
            ssl_context=ssl.create_default_context(cafile=imap_server_module.untrusted_ca_file),
            timeout=10,
        )


def test_xoauth2_and_oauthbearer_take_the_token(imap_server_module: ImapServer) -> None:
    token = imap_server_module.oauth_token
    xoauth2 = f"user=riley\x01auth=Bearer {token}\x01\x01".encode()
    with session(imap_server_module, tls=True) as connection:
        assert {"AUTH=XOAUTH2", "AUTH=OAUTHBEARER"} <= set(connection.capabilities)
        assert connection.authenticate("XOAUTH2", lambda _: xoauth2)[0] == "OK"
        assert "UIDPLUS" in capabilities(connection)
    bearer = f"n,a=riley,\x01host=127.0.0.1\x01auth=Bearer {token}\x01\x01".encode()
    with session(imap_server_module) as connection:
        assert connection.authenticate("OAUTHBEARER", lambda _: bearer)[0] == "OK"
    wrong = b"user=riley\x01auth=Bearer tok-someone-else\x01\x01"
    with session(imap_server_module) as connection, pytest.raises(imaplib.IMAP4.error):
        connection.authenticate("XOAUTH2", lambda _: wrong)


def test_append_gives_increasing_uids_with_the_date_and_flags(imap_server_module: ImapServer) -> None:
    server = imap_server_module
    server.create_folder("Appended")
    uids = [server.append("Appended", message(f"Interview {n}")) for n in range(3)]
    assert uids == sorted(uids) and len(set(uids)) == 3
    when = datetime(2026, 3, 3, 16, 30, tzinfo=UTC)
    uid = server.append("Appended", message("Offer"), internal_date=when, flags="\\Seen \\Flagged")
    assert uid > uids[-1]
    with session(server) as connection:
        connection.login("riley", "s3cret")
        connection.select("Appended", readonly=True)
        kind, data = connection.uid("FETCH", str(uid), "(INTERNALDATE FLAGS)")
        assert kind == "OK"
        assert internal_date(data[0]) == when
        assert b"\\Seen" in data[0] and b"\\Flagged" in data[0]
    server.delete_folder("Appended")
    with session(server) as connection:
        connection.login("riley", "s3cret")
        assert connection.select("Appended")[0] == "NO"


def test_renewing_uidvalidity_keeps_the_messages(imap_server: ImapServer) -> None:
    for n in range(3):
        imap_server.append("INBOX", message(f"Note {n}"))
    before = imap_server.uidvalidity("INBOX")
    after = imap_server.renew_uidvalidity("INBOX")
    assert after != before
    assert imap_server.uidvalidity("INBOX") == after
    with session(imap_server) as connection:
        connection.login("riley", "s3cret")
        assert connection.select("INBOX") == ("OK", [b"3"])
        kind, data = connection.status("INBOX", "(UIDVALIDITY)")
        assert kind == "OK" and f"UIDVALIDITY {after}".encode() in data[0]


def test_deliver_many_puts_thousands_in_a_folder(imap_server_module: ImapServer) -> None:
    server = imap_server_module
    raws = [message(f"Application {n}") for n in range(2000)]
    server.deliver_many("Candidatures/Société", raws, internal_date=datetime(2026, 1, 5, tzinfo=UTC))
    with session(server) as connection:
        connection.login("riley", "s3cret")
        assert connection.select('"Candidatures/Soci&AOk-t&AOk-"') == ("OK", [b"2000"])
        kind, data = connection.uid("SEARCH", None, "SUBJECT", '"Application 1999"')
        assert kind == "OK" and len(data[0].split()) == 1
        kind, fetched = connection.uid("FETCH", data[0].decode(), "(BODY.PEEK[] INTERNALDATE)")
        assert kind == "OK"
        assert fetched[0][1] == raws[1999]
        assert internal_date(fetched[0][0]) == datetime(2026, 1, 5, tzinfo=UTC)
    assert server.append("Candidatures/Société", message("One more")) == 2001


def test_stop_refuses_connections_and_start_brings_it_back(imap_server: ImapServer) -> None:
    uid = imap_server.append("INBOX", message("Before the outage"))
    imap_server.stop()
    for port in (imap_server.port, imap_server.port_tls):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((imap_server.host, port), timeout=5)
    imap_server.start()
    with session(imap_server, tls=True) as connection:
        connection.login("riley", "s3cret")
        connection.select("INBOX", readonly=True)
        assert connection.uid("SEARCH", None, "ALL") == ("OK", [str(uid).encode()])
