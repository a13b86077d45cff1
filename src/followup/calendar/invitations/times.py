"""When an invitation's interview is, and for how long: its DTSTART, and its DTEND or DURATION. A
start with a TZID is read in that zone (followup.calendar.invitations.zones); a start in UTC (Z) or
floating (no zone) has no zone of its own: the store decides."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any

from followup.calendar.invitations.event import InvitationError, shown
from followup.calendar.invitations.lines import LAST_YEAR
from followup.calendar.invitations.zones import tzid, zone_names, zone_of

DEFAULT_MINUTES = 60
FIRST_YEAR = 1900


def when(
    event: Any, where: str, zones: dict[str, Any], *, required: bool
) -> tuple[datetime | None, tuple[str, ...], str | None, int, list[str]]:
    """The start (aware, or naive when floating), the IANA zones it may be in (likeliest first), its
    TZID as written, and the length."""
    notes: list[str] = []
    given = event.get("DTSTART")
    if given is None:
        if required:
            raise InvitationError(
                f"{where}: DTSTART", "missing: the invitation does not say when the interview is"
            )
        return None, (), None, DEFAULT_MINUTES, notes
    start = _moment(given, f"{where}: DTSTART", zones)
    if not isinstance(start, datetime):
        raise InvitationError(
            f"{where}: DTSTART",
            f"an all-day event (VALUE=DATE, {start.isoformat()}): no time of day, so not an interview "
            "time (ask for the time, or add the round with `followup interview add`)",
        )
    written = tzid(given)
    minutes = _minutes(event, start, where, zones, notes)
    return start, zone_names(start, written), written, minutes, notes


def _moment(given: Any, where: str, zones: dict[str, Any]) -> date | datetime:
    """A DTSTART or DTEND: a day, or a time in UTC, floating, or in the zone its TZID names (as
    the file's own VTIMEZONE defines it, else by its name)."""
    value = _decoded(given, where)
    if not isinstance(value, date):
        raise InvitationError(where, f"expected a date and time, got {shown(str(value))}")
    written = tzid(given)
    if not isinstance(value, datetime) or written is None:
        return value
    if not FIRST_YEAR <= value.year <= LAST_YEAR:  # a VTIMEZONE is worked out up to the time read
        raise InvitationError(
            where,
            f"the year {value.year} is no interview's (a time in a time zone is read from "
            f"{FIRST_YEAR} to {LAST_YEAR})",
        )
    return value.replace(tzinfo=zone_of(written, zones, where))


def _minutes(event: Any, start: datetime, where: str, zones: dict[str, Any], notes: list[str]) -> int:
    end_given, duration_given = event.get("DTEND"), event.get("DURATION")
    if end_given is not None:
        end = _moment(end_given, f"{where}: DTEND", zones)
        if not isinstance(end, datetime):
            raise InvitationError(f"{where}: DTEND", "a day without a time, after a DTSTART with one")
        if (end.tzinfo is None) != (start.tzinfo is None):
            raise InvitationError(
                f"{where}: DTEND", "has a time zone where DTSTART has none, or the other way"
            )
        length = end - start if start.tzinfo is None else end.astimezone(UTC) - start.astimezone(UTC)
        field = "DTEND"
    elif duration_given is not None:
        length = _length(duration_given, f"{where}: DURATION")
        field = "DURATION"
    else:
        notes.append(f"no end time given: {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    if length < timedelta(0):
        raise InvitationError(f"{where}: {field}", "ends before it starts (DTSTART)")
    if length > timedelta(days=1):
        raise InvitationError(f"{where}: {field}", "lasts more than a day: not an interview")
    if length < timedelta(minutes=1):
        notes.append(f"no length given: {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    return int(length.total_seconds() // 60)


def _length(given: Any, where: str) -> timedelta:
    value = _decoded(given, where)
    if not isinstance(value, timedelta):
        raise InvitationError(where, f"expected a length like PT45M, got {shown(str(value))}")
    return value


def _decoded(given: Any, where: str) -> Any:
    """The value of a DTSTART, DTEND or DURATION; a broken one is an error that says what icalendar
    could not read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return given.dt
    except Exception as error:  # a broken value: icalendar says which
        raise InvitationError(where, f"cannot be read ({str(error).split(':', 1)[-1].strip()})") from None
