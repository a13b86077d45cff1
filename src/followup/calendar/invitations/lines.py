"""The lines of an .ics file, checked before icalendar parses them: unfolded (a line that starts
with a space or a tab goes on from the one before), blank lines left out, each END pairing with
the BEGIN it closes, and what reading costs bounded: the size of the file, its lines, its events,
its time zones and how often their clocks change.

A VTIMEZONE is worked out from its rules each time a time is read in it (and icalendar works out
one whose TZID it does not know as it parses): a rule is read when it repeats yearly (as time
zones do), and the changes all the file's rules make from their start to LAST_YEAR are counted
beforehand, each rule at the most it can repeat a year. docs/invitations.md lists the limits."""

from __future__ import annotations

import re
from math import prod

from followup.calendar.invitations.event import InvitationError, shown

LARGEST_FILE = 1_000_000  # bytes: an invitation with a long HTML description fits many times
MOST_LINES = 5_000  # content lines, unfolded: icalendar reads some ten thousand a second
MOST_EVENTS = 50  # an invitation holds one or two
MOST_ZONES = 20  # VTIMEZONEs: an invitation holds one for each zone its times are written in
MOST_CLOCK_CHANGES = 10_000  # of all its VTIMEZONEs together, up to LAST_YEAR (Outlook's: 1,200)
LAST_YEAR = 2199  # the last year a time is read in a VTIMEZONE (times.py refuses one later)
RULES = ("RRULE", "EXRULE")
DATES = ("RDATE", "EXDATE")
PHYSICAL_LINE = re.compile(r"\r?\n")
NAME = re.compile(r"[A-Za-z0-9-]+")


def checked_lines(text: str, source: str) -> list[tuple[int, str]]:
    """The file's content lines, unfolded, each with the number of the line it starts on;
    InvitationError naming the line for a BEGIN and END that do not pair up, or the limit for a
    file that holds too much."""
    lines = _logical_lines(text)
    events = zones = changes = 0
    open_components: list[tuple[str, int]] = []  # each component open, and the line of its BEGIN
    zone = ""  # the TZID of the time zone being read
    rules: list[tuple[int, str]] = []  # of the time zone rule (STANDARD, DAYLIGHT) being read
    year = 1  # its DTSTART's
    for number, line in lines:
        found = NAME.match(line)
        name, value = (found[0].upper() if found else ""), line.partition(":")[2].strip()
        in_zone = bool(open_components) and open_components[-1][0] == "VTIMEZONE"
        in_rule = len(open_components) > 1 and open_components[-2][0] == "VTIMEZONE"
        if name == "BEGIN":
            component = value.upper()
            open_components.append((component, number))
            events += component == "VEVENT"
            zones += component == "VTIMEZONE"
            zone = "" if component == "VTIMEZONE" else zone
            rules, year = ([], 1) if in_zone else (rules, year)
        elif name == "END":
            if in_rule:  # the rule's changes, now that its DTSTART is known
                changes += sum(_changes(rule, year, at, source, zone) for at, rule in rules)
            _close(open_components, value.upper(), number, source)
        elif in_zone and name == "TZID":
            zone = value
        elif in_rule and name == "DTSTART":
            year = int(value[:4]) if value[:4].isdigit() else 1
        elif in_rule and name in RULES:
            rules.append((number, value))
        elif in_rule and name in DATES:
            changes += value.count(",") + 1
    if open_components:
        component, number = open_components[-1]
        raise InvitationError(
            source,
            f"not a readable iCalendar file: it is cut short: BEGIN:{_name(component)} on line "
            f"{number} has no END:{_name(component)}",
        )
    _check_counts(source, len(lines), events, zones, changes)
    return lines


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Each content line with the number of the line it starts on; folds undone, blank lines
    left out (as icalendar reads them)."""
    lines: list[tuple[int, list[str]]] = []
    for number, line in enumerate(PHYSICAL_LINE.split(text), 1):
        if line[:1] in (" ", "\t") and lines:
            lines[-1][1].append(line[1:])
        elif line:
            lines.append((number, [line]))
    return [(number, "".join(parts)) for number, parts in lines]


def _close(open_components: list[tuple[str, int]], component: str, number: int, source: str) -> None:
    if not open_components:
        raise InvitationError(
            source,
            f"not a readable iCalendar file: line {number}: END:{_name(component)} without its BEGIN",
        )
    due, opened = open_components.pop()
    if component != due:
        raise InvitationError(
            source,
            f"not a readable iCalendar file: line {number}: END:{_name(component)} where "
            f"END:{_name(due)} is due (BEGIN:{_name(due)} on line {opened})",
        )


def _name(component: str) -> str:
    return component if len(component) <= 40 else component[:40] + "..."


def _changes(rule: str, year: int, number: int, source: str, zone: str) -> int:
    """At most how many times a yearly rule changes the clock from `year` to LAST_YEAR."""
    parts = {
        key.strip().upper(): value.strip().upper()
        for key, _, value in (part.partition("=") for part in rule.split(";"))
    }
    where = f"{source}: line {number}: VTIMEZONE {shown(zone) if zone else '(no TZID)'}"
    if parts.get("FREQ") != "YEARLY":
        raise InvitationError(
            where,
            f"its rule repeats {shown('FREQ=' + parts.get('FREQ', ''))}: a time zone's clock "
            "changes by yearly rules (FREQ=YEARLY)",
        )
    counts = {key: len(value.split(",")) for key, value in parts.items() if key.startswith("BY")}
    if "BYYEARDAY" in counts or "BYWEEKNO" in counts:
        days = counts.get("BYYEARDAY", 1) * counts.get("BYWEEKNO", 1) * 7
    else:
        weekdays = sum(1 if day[:1] in "+-0123456789" else 5 for day in parts.get("BYDAY", "").split(","))
        days = min(counts.get("BYMONTHDAY", 31), weekdays if "BYDAY" in parts else 31)
        if "BYMONTHDAY" not in counts and "BYDAY" not in parts:
            days = 1
        days *= counts.get("BYMONTH", 12 if {"BYMONTHDAY", "BYDAY"} & set(parts) else 1)
    times = prod(counts.get(key, 1) for key in ("BYHOUR", "BYMINUTE", "BYSECOND"))
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    until = int(parts["UNTIL"][:4]) if parts.get("UNTIL", "")[:4].isdigit() else LAST_YEAR
    years = max(0, min(until, LAST_YEAR) - year) // max(interval, 1) + 1
    count = int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None
    most = days * times * years
    return min(most, count) if count is not None else most


def _check_counts(source: str, lines: int, events: int, zones: int, changes: int) -> None:
    if lines > MOST_LINES:
        raise InvitationError(
            source, f"too many lines to read: at most {MOST_LINES:,} once unfolded (it has {lines:,})"
        )
    if events > MOST_EVENTS:
        raise InvitationError(
            source,
            f"too many events to read: at most {MOST_EVENTS} (it has {events:,}); an invitation "
            "holds one or two",
        )
    if zones > MOST_ZONES:
        raise InvitationError(
            source, f"too many time zones (VTIMEZONE) to read: at most {MOST_ZONES} (it has {zones:,})"
        )
    if changes > MOST_CLOCK_CHANGES:
        raise InvitationError(
            source,
            "its time zones (VTIMEZONE) change their clocks too often to read: at most "
            f"{MOST_CLOCK_CHANGES:,} changes up to {LAST_YEAR} (they make {changes:,})",
        )
