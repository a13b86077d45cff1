"""A message, built and handed to your mail server: an EmailMessage with its Date and
Message-ID, sent over STARTTLS, TLS, or (to this computer only) in the clear. Whatever goes
wrong on the way is one line naming the server and the reason."""

from __future__ import annotations

import smtplib
import socket
import ssl
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from followup.mail.config import Smtp


class SendError(Exception):
    """The server refused the message, or could not be reached: nothing was sent."""

    def __init__(self, smtp: Smtp, reason: str) -> None:
        super().__init__(f"{smtp.server}: {reason}")


def message(
    sender: str,
    to: str,
    subject: str,
    body: str,
    *,
    now: datetime,
    sender_name: str | None = None,
    to_name: str | None = None,
) -> EmailMessage:
    """A plain-text email, dated `now` (with its UTC offset), with a Message-ID of the sender's domain."""
    made = EmailMessage()
    made["From"] = _address(sender, sender_name)
    made["To"] = _address(to, to_name)
    made["Subject"] = subject
    made["Date"] = format_datetime(now)
    made["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    made.set_content(body)
    return made


def send(smtp: Smtp, password: str | None, outgoing: EmailMessage) -> None:
    """Hand the message to the server; returns once the server has accepted it, else SendError."""
    try:
        server = _connect(smtp)
        try:
            if smtp.security == "starttls":
                server.starttls(context=_tls(smtp))
            if smtp.username is not None and password is not None:
                server.login(smtp.username, password)
            server.send_message(outgoing)
        finally:
            _hang_up(server)
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(f"{to} ({_said(*answer)})" for to, answer in error.recipients.items())
        raise SendError(smtp, f"the server refused the recipient {refused}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(smtp, f"the server does not support what was asked ({error})") from None
    except smtplib.SMTPResponseException as error:
        raise SendError(smtp, _refusal(smtp, error)) from None
    except smtplib.SMTPServerDisconnected as error:
        if isinstance(error.__context__, TimeoutError):  # smtplib tells a silent server so
            raise SendError(smtp, _silent(smtp)) from None
        raise SendError(smtp, f"the server closed the connection ({error or 'without a word'})") from None
    except smtplib.SMTPException as error:
        raise SendError(smtp, str(error) or type(error).__name__) from None
    except ssl.SSLCertVerificationError as error:
        raise SendError(
            smtp,
            f"TLS failed: the server's certificate is not trusted ({error.verify_message}; "
            "for a server with a certificate of your own, give its CA in smtp.ca_file)",
        ) from None
    except ssl.SSLError as error:
        raise SendError(smtp, f"TLS failed ({error.reason or error})") from None
    except ConnectionRefusedError:
        raise SendError(smtp, "connection refused (is the server running, and is the port right?)") from None
    except TimeoutError:
        raise SendError(smtp, _silent(smtp)) from None
    except socket.gaierror:
        raise SendError(smtp, f"unknown host {smtp.host}") from None
    except UnicodeError:  # a name IDNA cannot write: the config's check lets none through
        raise SendError(smtp, f"{smtp.host!r} is not a host name") from None
    except OSError as error:
        raise SendError(smtp, f"cannot reach the server ({error.strerror or error})") from None


def _connect(smtp: Smtp) -> smtplib.SMTP:
    if smtp.security == "ssl":
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=_tls(smtp))
    server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    try:
        server.ehlo()
        if smtp.security == "starttls" and not server.has_extn("starttls"):
            raise SendError(smtp, 'the server does not offer STARTTLS (smtp.security = "starttls")')
    except BaseException:
        server.close()
        raise
    return server


def _hang_up(server: smtplib.SMTP) -> None:
    """Say goodbye; once the message is accepted, a server that leaves without answering does not
    matter."""
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        server.close()


def _tls(smtp: Smtp) -> ssl.SSLContext:
    """The system's certificates, and those of smtp.ca_file (a server of your own)."""
    return ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)


def _refusal(smtp: Smtp, error: smtplib.SMTPResponseException) -> str:
    """What the server's answer refused, with its code and words."""
    said = _said(error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"the server refused the sender {error.sender} ({said})"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"the server refused the user name or password of {smtp.username} ({said})"
    if isinstance(error, smtplib.SMTPDataError):
        return f"the server refused the message ({said})"
    return f"the server answered {said}"


def _silent(smtp: Smtp) -> str:
    return f"no answer within {smtp.timeout:g} seconds (smtp.timeout)"


def _said(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}".strip()


def _address(address: str, name: str | None) -> str:
    """The address with its display name, quoted as needed."""
    if not name:
        return address
    local, _, domain = address.rpartition("@")
    return str(Address(display_name=name, username=local, domain=domain))
