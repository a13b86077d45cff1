"""A server's host as a config file or an address names it: a host name (labels of 1 to 63
letters, digits and hyphens, at most 253 characters in all, a name in another script as IDNA
writes it) or an IP address. It is checked when the config or the address is read, so that a
bad host is one line naming it, never an error of the network layers when a connection is
tried."""

from __future__ import annotations

import ipaddress
import re

LABEL = re.compile(r"[A-Za-z0-9-]{1,63}")
LONGEST_NAME = 253  # characters of a host name, as DNS takes it


def host_problem(host: str) -> str | None:
    """What is wrong with a host; None when it is a host name or an IP address. A host holding
    an @ may hold a user name and password before it: it is refused without being shown."""
    if "@" in host:
        return "holds an @: give the server's name alone (a user name or password never goes in it)"
    if _ip_address(host):
        return None
    if host.startswith("[") and host.endswith("]") and _ip_address(host[1:-1]):
        return f"{_shown(host)}: give an IPv6 address without its brackets, as {host[1:-1]}"
    try:
        name = host.encode("idna").decode("ascii").removesuffix(".")  # a name in another script too
    except UnicodeError:  # a label empty, or too long
        name = ""
    if len(name) > LONGEST_NAME:
        return f"{_shown(host)} is not a host name: {len(name):,} characters (at most {LONGEST_NAME})"
    if not all(LABEL.fullmatch(label) for label in name.split(".")):
        return (
            f"{_shown(host)} is not a host name or an IP address "
            "(labels of 1 to 63 letters, digits and hyphens, separated by dots)"
        )
    return None


def _ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _shown(host: str) -> str:
    shown = repr(host)
    return shown if len(shown) <= 60 else shown[:57] + "..."
