"""The time zone a start is written in. A TZID keeps the instant the file's own VTIMEZONE gives it
(so an Outlook "Eastern Standard Time" means what Outlook meant), and the IANA zone it stands for
is found by name: an IANA name as written, a Windows name through the CLDR table of Windows
zones that the icalendar package ships, or the IANA tail of a "globally unique" TZID
(/mozilla.org/.../Europe/Berlin), or a Windows display name ("(UTC-05:00) Eastern Time (US &
Canada)", as some Outlook versions write it) through DISPLAY_NAMES. A name found this way is used
only when that zone gives the interview the same UTC offset as the file does; a name that keeps
another clock tells no zone. When the TZID is known by no name, the file's VTIMEZONE is compared
with the IANA zones: those that keep its clock all through the interview's year (the 1st and the
15th of every month, and the interview itself) may stand for it, the common ones (COMMON_ZONES)
first."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar.timezone import tzp
from icalendar.timezone.zoneinfo import ZONEINFO

from followup.calendar.invitations.event import InvitationError
from followup.casefile.fields import iana_names

UTC_NAMES = frozenset(
    {"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "ETC/ZULU", "UNIVERSAL", "ETC/UCT", "UCT"}
)

# Windows zones by the display name Windows shows for them, without its "(UTC-05:00) " prefix.
DISPLAY_NAMES = {
    "coordinated universal time": "UTC",
    "hawaii": "Pacific/Honolulu",
    "alaska": "America/Anchorage",
    "pacific time (us & canada)": "America/Los_Angeles",
    "arizona": "America/Phoenix",
    "mountain time (us & canada)": "America/Denver",
    "central time (us & canada)": "America/Chicago",
    "saskatchewan": "America/Regina",
    "guadalajara, mexico city, monterrey": "America/Mexico_City",
    "eastern time (us & canada)": "America/New_York",
    "indiana (east)": "America/Indiana/Indianapolis",
    "bogota, lima, quito, rio branco": "America/Bogota",
    "atlantic time (canada)": "America/Halifax",
    "santiago": "America/Santiago",
    "newfoundland": "America/St_Johns",
    "brasilia": "America/Sao_Paulo",
    "city of buenos aires": "America/Argentina/Buenos_Aires",
    "dublin, edinburgh, lisbon, london": "Europe/London",
    "gmt standard time": "Europe/London",
    "monrovia, reykjavik": "Atlantic/Reykjavik",
    "amsterdam, berlin, bern, rome, stockholm, vienna": "Europe/Berlin",
    "belgrade, bratislava, budapest, ljubljana, prague": "Europe/Budapest",
    "brussels, copenhagen, madrid, paris": "Europe/Paris",
    "sarajevo, skopje, warsaw, zagreb": "Europe/Warsaw",
    "west central africa": "Africa/Lagos",
    "athens, bucharest": "Europe/Bucharest",
    "cairo": "Africa/Cairo",
    "harare, pretoria": "Africa/Johannesburg",
    "helsinki, kyiv, riga, sofia, tallinn, vilnius": "Europe/Kyiv",
    "helsinki, kiev, riga, sofia, tallinn, vilnius": "Europe/Kyiv",
    "jerusalem": "Asia/Jerusalem",
    "istanbul": "Europe/Istanbul",
    "moscow, st. petersburg": "Europe/Moscow",
    "nairobi": "Africa/Nairobi",
    "abu dhabi, muscat": "Asia/Dubai",
    "islamabad, karachi": "Asia/Karachi",
    "chennai, kolkata, mumbai, new delhi": "Asia/Kolkata",
    "dhaka": "Asia/Dhaka",
    "bangkok, hanoi, jakarta": "Asia/Bangkok",
    "beijing, chongqing, hong kong, urumqi": "Asia/Shanghai",
    "kuala lumpur, singapore": "Asia/Singapore",
    "perth": "Australia/Perth",
    "taipei": "Asia/Taipei",
    "osaka, sapporo, tokyo": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "adelaide": "Australia/Adelaide",
    "brisbane": "Australia/Brisbane",
    "canberra, melbourne, sydney": "Australia/Sydney",
    "auckland, wellington": "Pacific/Auckland",
}
DISPLAY_PREFIX = re.compile(r"^\((?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)\s*", re.IGNORECASE)

# The zones an invitation's clock most likely stands for, first among those that keep the same one.
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Halifax",
    "America/St_Johns", "America/Mexico_City", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "America/Bogota", "America/Santiago", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
    "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Madrid", "Europe/Rome", "Europe/Zurich",
    "Europe/Stockholm", "Europe/Warsaw", "Europe/Helsinki", "Europe/Athens", "Europe/Istanbul",
    "Europe/Moscow", "Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Africa/Nairobi",
    "Asia/Jerusalem", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok",
    "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Asia/Seoul",
    "Australia/Perth", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Pacific/Auckland",
)  # fmt: skip


def tzid(given: Any) -> str | None:
    """The TZID a DTSTART or DTEND is written with, if any."""
    written = given.params.get("TZID")
    return str(written).strip().strip('"') or None if written else None


def zone_of(written: str, zones: dict[str, Any], where: str) -> tzinfo:
    """The zone a TZID names: its VTIMEZONE in the file, made afresh for each file (the sender's
    own rules), else the IANA zone of its name. zones holds the file's VTIMEZONEs by TZID; each
    is replaced there by the zone made of it, so that it is made once for the whole file (its
    offsets are worked out from the rules' first year, often 1601, on)."""
    component = zones.get(written)
    if isinstance(component, tzinfo):
        return component
    if component is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                made: tzinfo = component.to_tz(lookup_tzid=False)
        except Exception as error:
            raise InvitationError(where, f"its VTIMEZONE {written!r} cannot be read ({error})") from None
        zones[written] = made
        return made
    found = next(_iana_zones(written), None)
    if found is not None:
        return found[1]
    raise InvitationError(
        where,
        f"unknown time zone {written!r} (not an IANA or Windows zone name, "
        "and the file has no VTIMEZONE for it)",
    )


def zone_names(start: datetime, written: str | None) -> tuple[str, ...]:
    """The IANA zones a start may be given in: the one its TZID names, when it agrees with the
    file; for a TZID known by no name, those that keep the clock of the file's VTIMEZONE all year,
    the likeliest first; none for UTC, a floating time, a name that keeps another clock, or a
    clock no zone keeps."""
    zone = start.tzinfo
    if zone is None:
        return ()
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return () if key.upper() in UTC_NAMES else (key,)
    named = list(_iana_zones(written))
    for candidate, found in named:
        if candidate.upper() in UTC_NAMES:
            return ()
        if _same_offsets(start, zone, found):
            return (candidate,)
    return () if named else _same_clock_all_year(start, zone)


def _same_clock_all_year(start: datetime, given: tzinfo) -> tuple[str, ...]:
    """The IANA zones whose UTC offsets are the file's on the 1st and the 15th of every month of
    the interview's year and at the interview; none when that clock is UTC's all year. The
    zones that keep a year's clock are worked out once for all the events of that year."""
    moment = start.replace(tzinfo=None)
    try:
        year = _year_clock(given, start.year)
        wanted = moment.replace(tzinfo=given).utcoffset()
    except Exception:  # a VTIMEZONE icalendar reads but cannot apply: no zone told
        return ()
    if wanted == timedelta(0) and all(offset == timedelta(0) for offset in year):
        return ()
    return tuple(
        name
        for name in _zones_keeping(start.year, year)
        if moment.replace(tzinfo=_zone(name)).utcoffset() == wanted
    )


def _year_moments(year: int) -> tuple[datetime, ...]:
    return tuple(datetime(year, month, day, 12) for month in range(1, 13) for day in (1, 15))


@lru_cache(maxsize=64)
def _year_clock(given: tzinfo, year: int) -> tuple[timedelta | None, ...]:
    """A zone's UTC offsets on the 1st and the 15th of every month of a year."""
    return tuple(moment.replace(tzinfo=given).utcoffset() for moment in _year_moments(year))


@lru_cache(maxsize=64)
def _zones_keeping(year: int, clock: tuple[timedelta | None, ...]) -> tuple[str, ...]:
    """The IANA zones with that clock on the 1st and the 15th of every month of the year."""
    moments = _year_moments(year)
    return tuple(
        name
        for name in _zones_in_order()
        if tuple(moment.replace(tzinfo=_zone(name)).utcoffset() for moment in moments) == clock
    )


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _zones_in_order() -> tuple[str, ...]:
    """Every IANA zone of a place (not Etc/GMT+5 or EST5EDT), the common ones first."""
    places = sorted(
        name
        for name in available_timezones()
        if "/" in name
        and not name.startswith(("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/"))
    )
    common = [name for name in COMMON_ZONES if name in places]
    return (*common, *(name for name in places if name not in common))


def _iana_zones(written: str | None) -> Iterator[tuple[str, ZoneInfo]]:
    """The IANA zones a TZID may stand for, in order, each with the name it was found by: names
    of the IANA list only, so that no zone file is opened for a path or a name too long."""
    for candidate in _candidates(written):
        if candidate not in iana_names():
            continue
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
    shown = DISPLAY_NAMES.get(_display_name(cleaned))
    if shown is not None:
        yield shown
    else:
        yield from _display_match(_display_name(cleaned))


def _display_name(written: str) -> str:
    """'(UTC-05:00) Eastern Time (US & Canada)' -> 'eastern time (us & canada)'."""
    return " ".join(DISPLAY_PREFIX.sub("", written).lower().split())


def _display_match(name: str) -> Iterator[str]:
    """The one zone whose display name lists all the places named ('New Delhi', 'Paris, Madrid')."""
    places = {place.strip() for place in name.split(",") if place.strip()}
    if not places:
        return
    found = {
        zone
        for display, zone in DISPLAY_NAMES.items()
        if places <= {part.strip() for part in display.split(",")}
    }
    if len(found) == 1:
        yield found.pop()


def _same_offsets(start: datetime, given: tzinfo, found: ZoneInfo) -> bool:
    """Whether the zone found keeps the file's clock around the interview (the day before and after too)."""
    moments = [start + timedelta(days=shift) for shift in (-1, 0, 1)]
    return all(
        moment.replace(tzinfo=given).utcoffset() == moment.replace(tzinfo=found).utcoffset()
        for moment in moments
    )


class _NamedZones(ZONEINFO):
    """icalendar's zoneinfo provider, which it asks for each TZID while it parses a file, given
    names of the IANA list only: a TZID that is a path, or too long for a file name, is a zone
    it does not know (and zone_of says so), where zoneinfo would have opened a file for it."""

    def timezone(self, name: str) -> tzinfo | None:
        return super().timezone(name) if name in iana_names() else None


tzp.use(_NamedZones())
