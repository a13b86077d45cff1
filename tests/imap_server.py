"""A real IMAP server for the tests and benchmarks: Debian's Dovecot (2.3, `dovecot-imapd`), run
with a throwaway configuration in a temporary folder and listening on 127.0.0.1 only.

    with ImapServer() as server:
        imaplib.IMAP4_SSL("127.0.0.1", server.port_tls, ssl_context=...).login(server.user, ...)

Two ports: `port_tls` speaks TLS from the first byte (imaps), `port` is plain IMAP that offers
STARTTLS and also takes a plaintext login. The certificate comes from a trustme CA (`ca_file`);
`untrusted_ca_file` is another CA's, for a failed verification. Mail is kept in Maildir folders; the
one user, riley, logs in with the password `s3cret` or, over XOAUTH2 or OAUTHBEARER, with the token
`tok-riley`, which a small introspection endpoint on 127.0.0.1, served from a thread, vouches for.

Run as root, Dovecot's own users run its processes (dovecot, dovenull) and the mail belongs to
`nobody`; run as anyone else, everything runs as that user.
"""

from __future__ import annotations

import base64
import grp
import imaplib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from contextlib import suppress
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from pathlib import Path
from types import TracebackType
from typing import ClassVar
from urllib.parse import parse_qs

import trustme

DOVECOT = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/sbin")
NO_DOVECOT = "no dovecot: apt-get install dovecot-imapd (`make dovecot` does it as root)"
HOST = "127.0.0.1"
READY_WITHIN = 15.0  # seconds, for the server to greet after a start and to go quiet after a stop

# The files in a Maildir folder that give its messages their UIDs and the folder its UIDVALIDITY.
UID_STATE = ("dovecot-uidlist", "dovecot.index", "dovecot.index.log", "dovecot.index.log.2")
UID_STATE_CACHE = "dovecot.index.cache"

MAILDIR = ("cur", "new", "tmp")

_deliveries = count()


class PortTaken(RuntimeError):
    """Another process took a port between its choice and Dovecot's start."""


class ImapServer:
    """Dovecot on two free ports of 127.0.0.1, with one user's Maildir; a context manager."""

    user = "riley"
    password = "s3cret"
    oauth_token = "tok-riley"
    host = HOST

    def __init__(self) -> None:
        if DOVECOT is None:
            raise FileNotFoundError(NO_DOVECOT)
        self.dovecot = DOVECOT
        self.root = Path(tempfile.mkdtemp(prefix="followup-imap-", dir=_temporary_folder()))
        self.root.chmod(0o755)  # Dovecot's own users read the user list and walk to the mail
        self.config = self.root / "dovecot.conf"
        self.log = self.root / "dovecot.log"
        self.maildir = self.root / "mail" / self.user
        self.port, self.port_tls = _free_ports()
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self._introspection: _Introspection | None = None
        try:
            self.ca_file, self.untrusted_ca_file = self._certificates()
            self._introspection = _Introspection({self.oauth_token: self.user})
            self._mail_uid, self._mail_gid = self._lay_out()
        except BaseException:
            self.close()
            raise

    # Running

    def start(self) -> None:
        """Start Dovecot (again, on the same ports) and wait until it greets on both of them."""
        if self._process is not None:
            return
        for _ in range(3):
            try:
                self._start()
                break
            except PortTaken:
                if self._started:  # the ports stay those a test saw
                    raise
                self.port, self.port_tls = _free_ports()
                self._write_config()
        else:
            raise RuntimeError(f"dovecot found no free ports:\n{self._log_tail()}")
        self._started = True

    def stop(self) -> None:
        """Stop Dovecot, every process of it, and wait until both ports refuse connections.

        Dovecot is asked to stop (SIGTERM) and ends its services; then its process group is killed:
        the master would otherwise sleep a second for its log, and its IMAP sessions outlive it."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        deadline = time.monotonic() + READY_WITHIN
        while not _settled(process.pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the master, a zombie at worst, keeps the group
        process.wait()
        deadline = time.monotonic() + READY_WITHIN
        while any(_accepts(port) for port in (self.port, self.port_tls)):
            if time.monotonic() > deadline:
                raise RuntimeError(f"dovecot still answers after it stopped:\n{self._log_tail()}")
            time.sleep(0.01)

    def close(self) -> None:
        """Stop Dovecot and the introspection endpoint, and remove every file."""
        try:
            self.stop()
        finally:
            if self._introspection is not None:
                self._introspection.close()
                self._introspection = None
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ImapServer:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> None:
        logged = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [self.dovecot, "-F", "-c", str(self.config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, for stop()
            )
        deadline = time.monotonic() + READY_WITHIN
        for port in (self.port, self.port_tls):
            while not self._greets(port):
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    with self.log.open("rb") as log:
                        log.seek(logged)
                        said = log.read().decode(errors="replace")
                    if "Address already in use" in said:
                        raise PortTaken(said)
                    raise RuntimeError(f"dovecot did not start:\n{said[-3000:]}")
                time.sleep(0.01)

    # Mail, through IMAP

    def connect(self) -> imaplib.IMAP4:
        """A session logged in as the user, over the plain port."""
        session = imaplib.IMAP4(HOST, self.port, timeout=10)
        session.login(self.user, self.password)
        return session

    def append(
        self, folder: str, raw: bytes, *, internal_date: datetime | None = None, flags: str = ""
    ) -> int:
        """APPEND a message to the folder; its UID (from APPENDUID)."""
        session = self.connect()
        try:
            when = imaplib.Time2Internaldate(internal_date) if internal_date is not None else None
            kind, data = session.append(_mailbox(folder), flags, when, raw)
            _check(kind, data, f"APPEND to {folder}")
            found = re.search(rb"\[APPENDUID \d+ (\d+)\]", data[0] or b"")
            if found is None:
                raise RuntimeError(f"no APPENDUID in {data!r}")
            return int(found.group(1))
        finally:
            session.logout()

    def create_folder(self, name: str) -> None:
        """CREATE a folder (and its parents)."""
        session = self.connect()
        try:
            _check(*session.create(_mailbox(name)), f"CREATE {name}")
        finally:
            session.logout()

    def delete_folder(self, name: str) -> None:
        """DELETE a folder."""
        session = self.connect()
        try:
            _check(*session.delete(_mailbox(name)), f"DELETE {name}")
        finally:
            session.logout()

    def uidvalidity(self, folder: str) -> int:
        """The folder's UIDVALIDITY, as SELECT tells it."""
        session = self.connect()
        try:
            _check(*session.select(_mailbox(folder), readonly=True), f"SELECT {folder}")
            _, data = session.response("UIDVALIDITY")
            return int(data[0])
        finally:
            session.logout()

    # Mail, on disk

    def folder_path(self, folder: str) -> Path:
        """The Maildir of a folder (INBOX is the top one; the others are folders inside it)."""
        if folder.upper() == "INBOX":
            return self.maildir
        return self.maildir / _encode_utf7(folder)

    def renew_uidvalidity(self, folder: str) -> int:
        """Give the folder a new UIDVALIDITY, its messages staying; the new value.

        Dovecot's record of the folder's UIDs (dovecot-uidlist and the indexes) is removed, so the
        next session finds the messages as new ones and gives the folder a new UIDVALIDITY, from a
        counter of its own that only goes up. Do it with no session holding the folder selected:
        such a session is not told (and Dovecot logs errors about its index)."""
        before = self.uidvalidity(folder)
        path = self.folder_path(folder)
        for name in (*UID_STATE, UID_STATE_CACHE):
            (path / name).unlink(missing_ok=True)
        after = self.uidvalidity(folder)
        if after == before:
            raise RuntimeError(f"the UIDVALIDITY of {folder} stayed {before}")
        return after

    def deliver_many(self, folder: str, raws: list[bytes], *, internal_date: datetime | None = None) -> None:
        """Put messages straight into the folder's Maildir (new/), as a delivery agent would:
        10,000 in a few seconds at most. The folder is created when missing. Their internal date
        is the file's time: `internal_date`, or now. Dovecot gives them UIDs at the next SELECT."""
        path = self.folder_path(folder)
        if not (path / "new").is_dir():
            self.create_folder(folder)
        stamp = internal_date.timestamp() if internal_date is not None else None
        host = socket.gethostname().replace("/", "\\057").replace(":", "\\072")
        pid, now, chown = os.getpid(), int(time.time()), os.geteuid() == 0
        batch = next(_deliveries)
        for number, raw in enumerate(raws):
            name = f"{now}.M{batch}_{number}P{pid}.{host},S={len(raw)}"
            staged = path / "tmp" / name
            with open(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
                file.write(raw)
            if chown:
                os.chown(staged, self._mail_uid, self._mail_gid)
            if stamp is not None:
                os.utime(staged, (stamp, stamp))
            staged.rename(path / "new" / name)

    # Inside

    def _certificates(self) -> tuple[str, str]:
        """The server's certificate and key; the paths of its CA's certificate and another CA's."""
        authority = trustme.CA()
        issued = authority.issue_cert(HOST, "localhost")
        key = self.root / "server.key"
        key.touch(0o600)
        issued.private_key_pem.write_to_path(str(key))
        with (self.root / "server.crt").open("wb") as chain:
            for pem in issued.cert_chain_pems:
                chain.write(pem.bytes())
        ca_file, untrusted_ca_file = self.root / "ca.pem", self.root / "untrusted-ca.pem"
        authority.cert_pem.write_to_path(str(ca_file))
        trustme.CA().cert_pem.write_to_path(str(untrusted_ca_file))
        return str(ca_file), str(untrusted_ca_file)

    def _lay_out(self) -> tuple[int, int]:
        """Write the user list, the OAuth2 settings and the configuration; make the INBOX.
        The uid and gid that own the mail."""
        # Dovecot gives no mail to root: as root, nobody owns it (and Dovecot's users run the rest).
        mail = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        uid, gid = mail.pw_uid, mail.pw_gid
        for made in (self.maildir.parent, self.maildir, *(self.maildir / part for part in MAILDIR)):
            made.mkdir(mode=0o700)
            if os.geteuid() == 0:
                os.chown(made, uid, gid)
        users = self.root / "users"
        users.write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{self.maildir}::\n")
        users.chmod(0o644)
        assert self._introspection is not None
        oauth2 = self.root / "oauth2.conf.ext"
        url = f"http://{HOST}:{self._introspection.port}/introspect"
        oauth2.write_text(OAUTH2.format(url=url), encoding="utf-8")
        oauth2.chmod(0o644)
        self._write_config()
        return uid, gid

    def _write_config(self) -> None:
        if os.geteuid() == 0:
            internal, login, services = _existing_user("dovecot"), _existing_user("dovenull"), ""
        else:
            internal = login = pwd.getpwuid(os.geteuid()).pw_name
            services = UNPRIVILEGED.format(group=grp.getgrgid(os.getegid()).gr_name)
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                internal=internal,
                login=login,
                port=self.port,
                port_tls=self.port_tls,
                host=HOST,
                services=services,
            ),
            encoding="utf-8",
        )

    def _greets(self, port: int) -> bool:
        """Whether an IMAP greeting comes on the port (TLS first on the TLS port)."""
        try:
            with socket.create_connection((HOST, port), timeout=1) as raw:
                if port != self.port_tls:
                    return _greeted(raw)
                context = ssl.create_default_context(cafile=self.ca_file)
                with context.wrap_socket(raw, server_hostname=HOST) as wrapped:
                    return _greeted(wrapped)
        except OSError:
            return False

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
        except OSError:
            return "(no log)"


CONFIG = """\
# A throwaway Dovecot {{2.3}} for the tests: 127.0.0.1 only, files in {root}.
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = followup-test-{port}
protocols = imap
listen = {host}
ssl = yes
ssl_cert = <{root}/server.crt
ssl_key = <{root}/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:~:LAYOUT=fs
mail_fsync = never
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = {root}/users
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
userdb {{
  driver = passwd-file
  args = {root}/users
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {port_tls}
    ssl = yes
  }}
}}
# No growing delay after failed logins from 127.0.0.1: tests fail logins on purpose.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{services}"""

# Without root, nothing can change user or group, or chroot.
UNPRIVILEGED = """\
default_internal_group = {group}
service imap-login {{
  chroot =
}}
service anvil {{
  chroot =
}}
"""

OAUTH2 = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
"""


class _Introspection:
    """An OAuth2 token introspection endpoint (RFC 7662) on 127.0.0.1, served from a thread."""

    def __init__(self, tokens: dict[str, str]) -> None:
        handler = type("Handler", (_IntrospectionHandler,), {"tokens": tokens})
        self.server = ThreadingHTTPServer((HOST, 0), handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class _IntrospectionHandler(BaseHTTPRequestHandler):
    """POST token=…: whether the token is active, and whose it is."""

    tokens: ClassVar[dict[str, str]] = {}

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode("utf-8"))
        user = self.tokens.get((form.get("token") or [""])[0])
        answer = {"active": True, "username": user} if user else {"active": False}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def _free_ports() -> tuple[int, int]:
    """Two ports of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as first, socket.socket() as second:
        first.bind((HOST, 0))
        second.bind((HOST, 0))
        return int(first.getsockname()[1]), int(second.getsockname()[1])


def _temporary_folder() -> str | None:
    """Where the server's folder goes: the usual place, unless root runs the tests and Dovecot's
    own users could not reach it (as under a private TMPDIR); then /tmp."""
    usual = Path(tempfile.gettempdir()).resolve()
    if os.geteuid() != 0 or all(part.stat().st_mode & 0o001 for part in (usual, *usual.parents)):
        return None
    return "/tmp"


def _greeted(connection: socket.socket) -> bool:
    """Whether the server greets (it does once its auth process is ready); then log out."""
    if not connection.recv(1024).startswith(b"* OK"):
        return False
    connection.sendall(b"0 LOGOUT\r\n")
    return True


def _accepts(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=1).close()
    except OSError:
        return False
    return True


def _settled(master: int) -> bool:
    """Whether Dovecot's master has ended its services: only its log, its statistics and IMAP
    sessions are left, if anything (as Linux tells the master's children; elsewhere, at once)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return True
    for child in children:
        try:
            name = Path(f"/proc/{child}/cmdline").read_bytes().rstrip(b"\0")
        except OSError:
            continue
        if name and not name.endswith((b"/log", b"/stats", b"/imap")):
            return False
    return True


def _existing_user(name: str) -> str:
    """The user if this machine has it, else nobody."""
    try:
        return pwd.getpwnam(name).pw_name
    except KeyError:
        return "nobody"


def _check(kind: str, data: object, what: str) -> None:
    """An IMAP command's answer must be OK."""
    if kind != "OK":
        raise RuntimeError(f"{what}: {kind} {data!r}")


def _mailbox(name: str) -> str:
    """A mailbox name as IMAP writes it: modified UTF-7, quoted."""
    encoded = _encode_utf7(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _encode_utf7(name: str) -> str:
    """Modified UTF-7 (RFC 3501, 5.1.3)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            utf16 = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(utf16).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)
