"""This computer's time zone, by its IANA name: your time until you set your own."""

from __future__ import annotations

import os


def local_zone() -> str:
    """TZ when it names a zone, else where /etc/localtime points; UTC when neither tells."""
    from zoneinfo import ZoneInfo

    for key in (os.environ.get("TZ", "").lstrip(":"), _linked()):
        if key and not key.startswith("/"):
            try:
                ZoneInfo(key)
            except (ValueError, OSError, KeyError):  # not an IANA name: EST+5, a POSIX rule
                continue
            return key
    return "UTC"


def _linked() -> str:
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return ""
    _, found, key = target.partition("zoneinfo/")
    return key if found else ""
