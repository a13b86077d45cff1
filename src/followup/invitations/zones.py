"""The time zone a start is written in. A TZID keeps the instant the file's own VTIMEZONE gives it
(so an Outlook "Eastern Standard Time" means what Outlook meant), and the IANA zone it stands for
is found by name: an IANA name as written, a Windows name through the CLDR table of Windows
zones that the icalendar package ships, or the IANA tail of a "globally unique" TZID
(/mozilla.org/.../Europe/Berlin). A name found this way is used only when that zone gives the
interview the same UTC offset as the file does."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.invitations.event import InvitationError

UTC_NAMES = frozenset(
    {"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "ETC/ZULU", "UNIVERSAL", "ETC/UCT", "UCT"}
)


def tzid(given: Any) -> str | None:
    """The TZID a DTSTART or DTEND is written with, if any."""
    written = given.params.get("TZID")
    return str(written).strip().strip('"') or None if written else None


def zone_of(written: str, zones: dict[str, Any], where: str) -> tzinfo:
    """The zone a TZID names: its VTIMEZONE in the file, made afresh for each file (the sender's
    own rules), else the IANA zone of its name."""
    component = zones.get(written)
    if component is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                made: tzinfo = component.to_tz(lookup_tzid=False)
        except Exception as error:
            raise InvitationError(where, f"its VTIMEZONE {written!r} cannot be read ({error})") from None
        return made
    found = next(_iana_zones(written), None)
    if found is not None:
        return found[1]
    raise InvitationError(
        where,
        f"unknown time zone {written!r} (not an IANA or Windows zone name, "
        "and the file has no VTIMEZONE for it)",
    )


def zone_name(start: datetime, written: str | None) -> str | None:
    """The IANA zone a start is given in, when it can be told and agrees with the file."""
    zone = start.tzinfo
    if zone is None:
        return None
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return None if key.upper() in UTC_NAMES else key
    for candidate, found in _iana_zones(written):
        if candidate.upper() in UTC_NAMES:
            return None
        if _same_offsets(start, zone, found):
            return candidate
    return None


def _iana_zones(written: str | None) -> Iterator[tuple[str, ZoneInfo]]:
    """The IANA zones a TZID may stand for, in order, each with the name it was found by."""
    for candidate in _candidates(written):
        try:
            found = ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        yield candidate, found


def _candidates(written: str | None) -> Iterator[str]:
    if not written:
        return
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = written.strip().strip("/")
    yield cleaned
    if cleaned in WINDOWS_TO_OLSON:
        yield WINDOWS_TO_OLSON[cleaned]
    parts = cleaned.split("/")
    for first in range(1, len(parts)):  # /mozilla.org/20050126_1/America/New_York
        yield "/".join(parts[first:])


def _same_offsets(start: datetime, given: tzinfo, found: ZoneInfo) -> bool:
    """Whether the zone found keeps the file's clock around the interview (the day before and after too)."""
    moments = [start + timedelta(days=shift) for shift in (-1, 0, 1)]
    return all(
        moment.replace(tzinfo=given).utcoffset() == moment.replace(tzinfo=found).utcoffset()
        for moment in moments
    )
