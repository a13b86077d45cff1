"""Your mailbox: the [imap] section of the config file (docs/mail.md), and the secret followup
signs in with. The secret is never kept in the file: it comes from an environment variable, the
system keyring, a command that prints it (as mbsync's PassCmd), or a command that prints an
OAuth2 access token (signed in with XOAUTH2)."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup.casefile.stored import SIGNAL_KINDS
from followup.mail.config import Config, ConfigError, certificates_problem, keyring_password, server_of

IMAP_PASSWORD_ENV = "FOLLOWUP_IMAP_PASSWORD"
IMAP_SECURITY = ("ssl", "tls", "starttls", "none")  # tls: another name for ssl
IMAP_PORTS = {"ssl": 993, "tls": 993, "starttls": 143, "none": 143}
IMAP_TIMEOUT = 30.0
COMMAND_TIMEOUT = 60  # seconds a password or token command may take
# What a reading may record without asking you, when you say so (imap.record): the kinds of
# signal, and "answered", a reply to an email followup sent (recorded unless you leave it out).
RECORDABLE = ("answered", *SIGNAL_KINDS)
RECORDED = ("answered",)  # the default: their reply stops your check-ins at once


@dataclass(frozen=True)
class Imap:
    """Your mailbox on an IMAP server, and how followup signs in to it."""

    host: str
    port: int
    security: str  # ssl (TLS from the start), starttls, or none (this computer only)
    username: str
    folders: tuple[str, ...]
    password_env: str
    keyring: bool
    password_command: str | None
    oauth2_command: str | None
    timeout: float
    ca_file: Path | None
    record: frozenset[str]  # recorded without asking, when the reader is sure
    keep_bodies: bool

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def account(self) -> str:
        """The account, as the store keeps each folder's sync under it."""
        return f"{self.username}@{self.host}"


def imap_account(config: Config) -> Imap | None:
    """The [imap] section as settings, checked whole; None when there is none. ConfigError names
    the file, the line and the key of what is wrong."""
    given = config.imap
    if given is None:
        return None

    def problem(key: str, text: str) -> ConfigError:
        return ConfigError(config.path, f"imap.{key}", text, config.line_of("imap", key))

    host, security, port = server_of(given, problem, "imap", IMAP_SECURITY, IMAP_PORTS)
    username = given.get("username", "").strip()
    if not username:
        raise problem("username", "missing (the user name you sign in with, often your address)")
    folders = tuple(given.get("folders", ["INBOX"]))
    if not folders or not all(isinstance(folder, str) and folder.strip() for folder in folders):
        raise problem("folders", 'expected a list of folder names, like ["INBOX"]')
    password_env = given.get("password_env", IMAP_PASSWORD_ENV)
    if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", password_env):  # never shown: it may be the password
        raise problem(
            "password_env",
            "not the name of an environment variable (capitals, digits and _, like "
            f"{IMAP_PASSWORD_ENV}); if it is your password, take it out of this file",
        )
    sources = [key for key in ("keyring", "password_command", "oauth2_command") if given.get(key)]
    if len(sources) > 1:
        raise problem(sources[1], f"give one way to sign in, not both {sources[0]} and {sources[1]}")
    timeout = float(given.get("timeout", IMAP_TIMEOUT))
    if not 0 < timeout <= 600:
        raise problem("timeout", f"{given['timeout']}: expected more than 0 seconds and at most 600")
    ca_file = Path(given["ca_file"]).expanduser() if "ca_file" in given else None
    if ca_file is not None and (wrong := certificates_problem(ca_file)) is not None:
        raise problem("ca_file", wrong)
    record = given.get("record", list(RECORDED))
    unknown = [kind for kind in record if kind not in RECORDABLE]
    if unknown or not all(isinstance(kind, str) for kind in record):
        raise problem(
            "record", f"{unknown[0] if unknown else record!r} is not one of: {', '.join(RECORDABLE)}"
        )
    return Imap(
        host=host, port=port, security="ssl" if security == "tls" else security, username=username,
        folders=folders,
        password_env=password_env, keyring=bool(given.get("keyring", False)),
        password_command=given.get("password_command") or None,
        oauth2_command=given.get("oauth2_command") or None, timeout=timeout, ca_file=ca_file,
        record=frozenset(record), keep_bodies=bool(given.get("keep_bodies", False)),
    )  # fmt: skip


@dataclass(frozen=True)
class Secret:
    """What followup signs in with: a password, or an OAuth2 access token (XOAUTH2)."""

    value: str
    oauth2: bool = False

    def __repr__(self) -> str:  # never shown
        return f"Secret({'oauth2 token' if self.oauth2 else 'password'})"


def secret(imap: Imap, path: Path) -> Secret:
    """The secret to sign in with, from where the [imap] section says; ConfigError says what is missing."""
    if imap.oauth2_command:
        return Secret(
            _printed(imap.oauth2_command, "imap.oauth2_command", "an access token", path), oauth2=True
        )
    if imap.password_command:
        return Secret(_printed(imap.password_command, "imap.password_command", "a password", path))
    if imap.keyring:
        return Secret(
            keyring_password(
                imap.username,
                path,
                key="imap.keyring",
                entry=f"imap:{imap.username}",
                instead="use imap.password_env",
            )
        )
    found = os.environ.get(imap.password_env)
    if not found:
        variable = (
            IMAP_PASSWORD_ENV if imap.password_env == IMAP_PASSWORD_ENV else "that imap.password_env names"
        )
        raise ConfigError(
            path,
            "imap.password_env",
            f"no password for {imap.username}: set the environment variable {variable}, keep it in the "
            "system keyring (imap.keyring = true), or name a command that prints it (imap.password_command)",
        )
    return Secret(found)


def _printed(command: str, key: str, what: str, path: Path) -> str:
    """The first line a command prints (run by your shell, as mbsync runs PassCmd)."""
    try:
        done = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise ConfigError(
            path, key, f"the command printed no {what} within {COMMAND_TIMEOUT} seconds"
        ) from None
    except OSError as error:
        raise ConfigError(path, key, f"the command could not be run ({error.strerror or error})") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [""])[-1][:200]
        raise ConfigError(
            path, key, f"the command failed (exit code {done.returncode}){': ' + said if said else ''}"
        )
    first = (done.stdout.splitlines() or [""])[0].strip()
    if not first:
        raise ConfigError(path, key, f"the command printed no {what}")
    return first


def section(values: dict[str, Any]) -> str:
    """An [imap] section of the config file, as `followup mail connect` writes it."""
    lines = ["[imap]"]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, int | float):
            shown = str(value)
        elif isinstance(value, list | tuple):
            shown = "[" + ", ".join(_quoted(item) for item in value) + "]"
        else:
            shown = _quoted(str(value))
        lines.append(f"{key} = {shown}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A TOML basic string: a backslash, a quote and every control character escaped."""
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in ('"', "\\"):
        return "\\" + char
    return f"\\u{ord(char):04x}" if ord(char) < 32 or ord(char) == 127 else char
