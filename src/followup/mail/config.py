"""The config file: how to send email (its [smtp] section) and how to remind you (its [remind]
section). TOML, at config.toml in your config folder (on Linux ~/.config/followup/config.toml),
or the file FOLLOWUP_CONFIG names. Nothing else in followup needs it, and a password is never
kept in it: it comes from an environment variable or the system keyring."""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from followup.mail.hosts import host_problem

CONFIG_ENV = "FOLLOWUP_CONFIG"
PASSWORD_ENV = "FOLLOWUP_SMTP_PASSWORD"
# Settings whose value is never shown, whatever it is: a password may have been put in them by
# mistake. A host holding an @ (user:password@host) is never shown either.
UNSHOWN = frozenset(
    {"smtp.password_env", "smtp.keyring", "imap.password_env", "imap.keyring", "imap.password_command",
     "imap.oauth2_command"}
)  # fmt: skip
KEYRING_SERVICE = "followup"
SECURITY = ("starttls", "ssl", "none")
REMIND_HOW = ("print", "email", "desktop")
PORTS = {"starttls": 587, "ssl": 465, "none": 587}
TIMEOUT = 10.0  # seconds to wait for the mail server
NO_PASSWORD_HERE = (
    "a password is never kept in the config file: put it in the environment variable that "
    f"smtp.password_env names ({PASSWORD_ENV} by default), or in the system keyring (smtp.keyring = true)"
)
NO_IMAP_PASSWORD_HERE = (
    "a password is never kept in the config file: put it in the environment variable that "
    "imap.password_env names (FOLLOWUP_IMAP_PASSWORD by default), in the system keyring (imap.keyring "
    "= true), or name a command that prints it (imap.password_command)"
)

# Each section's keys, with the type of their values.
KEYS: dict[str, dict[str, tuple[type, ...]]] = {
    "smtp": {
        "host": (str,),
        "port": (int,),
        "security": (str,),
        "username": (str,),
        "from": (str,),
        "password_env": (str,),
        "keyring": (bool,),
        "timeout": (int, float),
        "ca_file": (str,),
    },
    "remind": {"to": (str,), "how": (str,)},
    "imap": {  # your mailbox, read for you: followup.mail.account
        "host": (str,),
        "port": (int,),
        "security": (str,),
        "username": (str,),
        "folders": (list,),
        "password_env": (str,),
        "keyring": (bool,),
        "password_command": (str,),
        "oauth2_command": (str,),
        "timeout": (int, float),
        "ca_file": (str,),
        "record": (list,),
        "keep_bodies": (bool,),
    },
}
TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}


class ConfigError(ValueError):
    """A config file that cannot be used: the file, the line and the key, and what is wrong."""

    def __init__(self, path: Path, key: str | None, problem: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


@dataclass(frozen=True)
class Smtp:
    """Your mail server, and how followup signs in to it."""

    host: str
    port: int
    security: str  # starttls, ssl or none (this computer only)
    username: str | None
    sender: str  # the From address
    password_env: str
    keyring: bool
    timeout: float
    ca_file: Path | None  # certificates to trust besides the system's (a server of your own)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Remind:
    """Where `followup remind` sends the digest: by email to `to`, on the desktop, or printed."""

    to: str | None
    how: str


@dataclass(frozen=True)
class Config:
    path: Path
    smtp: Smtp | None  # None: no [smtp] section, so no email is sent
    remind: Remind
    imap: dict[str, Any] | None = None  # the [imap] section as given: followup.mail.account reads it
    lines: _KeyLines | None = None  # where each key is, to name its line

    def line_of(self, *key: str) -> int | None:
        return self.lines.of(*key) if self.lines is not None else None


def config_path() -> Path:
    """FOLLOWUP_CONFIG, else config.toml in your config folder."""
    given = os.environ.get(CONFIG_ENV)
    return Path(given).expanduser() if given else user_config_path("followup") / "config.toml"


def read_config(path: Path | None = None, *, smtp: bool = True) -> Config:
    """The config file as settings, checked whole; a missing file is an empty config. Without
    `smtp`, the [smtp] section's keys are checked but not the section (reading your mailbox needs
    none of it)."""
    path = path or config_path()
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path, None, Remind(None, "print"))
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or error
        raise ConfigError(path, None, f"cannot read the file ({why})") from None
    try:
        document = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, None, f"not valid TOML ({error})") from None
    lines = _KeyLines(source)
    for section, values in document.items():
        if section not in KEYS:
            raise ConfigError(path, section, _unknown(section, list(KEYS), "section"), lines.of(section))
        if not isinstance(values, dict):
            raise ConfigError(path, section, f"expected a [{section}] section", lines.of(section))
        for key, value in values.items():
            name = f"{section}.{key}"
            if section in ("smtp", "imap") and key == "password":
                said = NO_PASSWORD_HERE if section == "smtp" else NO_IMAP_PASSWORD_HERE
                raise ConfigError(path, name, said, lines.of(section, key))
            if key not in KEYS[section]:
                raise ConfigError(
                    path, name, _unknown(key, list(KEYS[section]), "key"), lines.of(section, key)
                )
            types = KEYS[section][key]
            if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                expected = " or ".join(TYPE_NAMES[kind] for kind in types)
                got = _kind(value) if name in UNSHOWN or _holds_at(value) else _shown(value)
                raise ConfigError(path, name, f"expected {expected}, got {got}", lines.of(section, key))
    server = _smtp(path, document["smtp"], lines) if "smtp" in document and smtp else None
    return Config(path, server, _remind(path, document.get("remind", {}), lines), document.get("imap"), lines)


def smtp_password(smtp: Smtp, path: Path) -> str | None:
    """The password to sign in with: from the system keyring (smtp.keyring = true) or the
    environment variable smtp.password_env names; None when there is no user name to sign in."""
    if smtp.username is None:
        return None
    if smtp.keyring:
        return keyring_password(smtp.username, path)
    found = os.environ.get(smtp.password_env)
    if not found:  # a name other than the default is not shown: it may be the password itself
        variable = PASSWORD_ENV if smtp.password_env == PASSWORD_ENV else "that smtp.password_env names"
        raise ConfigError(
            path,
            "smtp.password_env",
            f"no password for {smtp.username}: set the environment variable {variable}, "
            "or keep it in the system keyring (smtp.keyring = true)",
        )
    return found


def certificates_problem(path: Path) -> str | None:
    """What keeps a file from being certificates to trust (PEM); None when it can be."""
    import ssl

    if path.is_dir():
        return f"{path}: a folder, not a file of certificates"
    if not path.is_file():
        return f"{path}: no such file"
    try:
        ssl.create_default_context(cafile=str(path))
    except ssl.SSLError:
        return f"{path}: no certificate in it (a PEM file of certificates is expected)"
    except OSError as error:
        return f"{path}: cannot read the file ({error.strerror or error})"
    return None


def is_loopback(host: str) -> bool:
    """Whether host is this computer (messages to it never cross a network)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address_problem(text: str) -> str | None:
    """What is wrong with an email address given as text; None when it looks like one."""
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip("."):
        return f"{text!r} is not an email address"
    if any(char.isspace() or not char.isprintable() or char in ',;<>()[]\\"' for char in text):
        return f"{text!r} is not an email address (one plain address, like name@example.com)"
    return None


def _smtp(path: Path, given: dict[str, Any], lines: _KeyLines) -> Smtp:
    def problem(key: str, text: str) -> ConfigError:
        return ConfigError(path, f"smtp.{key}", text, lines.of("smtp", key))

    host, security, port = server_of(given, problem, "smtp", SECURITY, PORTS)
    username = given.get("username") or None
    sender = given.get("from") or (username if username and "@" in username else None)
    if sender is None:
        raise problem("from", "missing (the address your email comes from; it defaults to username)")
    if (wrong := address_problem(sender)) is not None:
        raise problem("from" if "from" in given else "username", wrong)
    password_env = given.get("password_env", PASSWORD_ENV)
    if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", password_env):  # never shown: it may be the password
        raise problem(
            "password_env",
            "not the name of an environment variable (capitals, digits and _, like "
            f"{PASSWORD_ENV}); if it is your password, take it out of this file and put it in "
            "that variable or in the system keyring",
        )
    keyring = given.get("keyring", False)
    if keyring and username is None:
        raise problem("keyring", "the keyring keeps a password for a user name: set smtp.username")
    timeout = float(given.get("timeout", TIMEOUT))
    if not 0 < timeout <= 600:
        raise problem("timeout", f"{given['timeout']} is not a number of seconds from 0 to 600")
    ca_file = Path(given["ca_file"]).expanduser() if "ca_file" in given else None
    if ca_file is not None and (wrong := certificates_problem(ca_file)) is not None:
        raise problem("ca_file", wrong)
    return Smtp(host, port, security, username, sender, password_env, keyring, timeout, ca_file)


def server_of(
    given: dict[str, Any],
    problem: Callable[[str, str], ConfigError],
    section: str,
    securities: tuple[str, ...],
    ports: dict[str, int],
) -> tuple[str, str, int]:
    """A section's mail server: its host, its security (the first of `securities` by default;
    "none" to this computer only) and its port (by default, the one of its security)."""
    host = given.get("host", "").strip()
    if not host:
        raise problem("host", f"missing (your mail server's name, like {section}.example.com)")
    if (wrong := host_problem(host)) is not None:  # never shown when it holds an @
        raise problem("host", wrong)
    security = given.get("security", securities[0])
    if security not in securities:
        raise problem("security", f"{security!r} is not one of: {', '.join(securities)}")
    if security == "none" and not is_loopback(host):
        safe = " or ".join(f'"{name}"' for name in securities if name not in ("none", "tls"))
        raise problem(
            "security",
            f'"none" sends your messages and password unencrypted, so it is allowed only to this '
            f"computer (localhost), not to {host}: use {safe}",
        )
    port = given.get("port", ports[security])
    if not 0 < port < 65536:
        raise problem("port", f"{port} is not a port number (1 to 65535)")
    return host, security, port


def _remind(path: Path, given: dict[str, Any], lines: _KeyLines) -> Remind:
    how = given.get("how", "print")
    if how not in REMIND_HOW:
        raise ConfigError(
            path, "remind.how", f"{how!r} is not one of: {', '.join(REMIND_HOW)}", lines.of("remind", "how")
        )
    to = given.get("to") or None
    if to is not None and (wrong := address_problem(to)) is not None:
        raise ConfigError(path, "remind.to", wrong, lines.of("remind", "to"))
    return Remind(to, how)


def keyring_password(
    username: str,
    path: Path,
    *,
    key: str = "smtp.keyring",
    entry: str | None = None,
    instead: str = "set the password in an environment variable and remove keyring = true",
) -> str:
    """The password the system keyring keeps for a user (under `entry`, default the user name,
    service KEYRING_SERVICE); ConfigError naming `key` and saying what to do `instead`."""
    entry = entry or username
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise ConfigError(
            path, key, f"the keyring package is not installed (pip install keyring); or {instead}"
        ) from None
    try:
        found = keyring.get_password(KEYRING_SERVICE, entry)
    except KeyringError as error:
        raise ConfigError(path, key, f"the system keyring cannot be read ({error})") from None
    if not found:
        user = "" if entry == username else f", user {entry}"
        raise ConfigError(
            path,
            key,
            f"no password for {username} in the system keyring (service {KEYRING_SERVICE}{user}): "
            f"store it with `keyring set {KEYRING_SERVICE} {entry}`",
        )
    return str(found)


def _unknown(name: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]}?" if close else f"expected one of: {', '.join(known)}"
    return f"unknown {what} ({hint})"


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str | int | float | bool) else type(value).__name__


def _kind(value: Any) -> str:
    """What a value is, without what it says: 'text', 'a whole number'."""
    return TYPE_NAMES.get(type(value), type(value).__name__)


def _holds_at(value: Any) -> bool:
    return "@" in str(value)


class _KeyLines:
    """Where each key of the file is, to name its line in a message."""

    HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
    KEY = re.compile(r"""^\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")

    def __init__(self, source: str) -> None:
        self.found: dict[tuple[str, ...], int] = {}
        section = ""
        for number, line in enumerate(source.splitlines(), 1):
            if header := self.HEADER.match(line):
                section = header[1]
                self.found.setdefault((section,), number)
            elif (key := self.KEY.match(line)) and section:
                self.found.setdefault((section, key[1]), number)

    def of(self, *key: str) -> int | None:
        return self.found.get(key)
