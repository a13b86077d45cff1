"""Read a case file (JSON) into a Case, its Policy and its `now`; docs/case-file.md shows it."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime, timedelta
from typing import Any

from followup.casefile import fields
from followup.casefile.fields import CaseError, show
from followup.casefile.hours import read_hours
from followup.casefile.limits import MOST_EVENTS
from followup.core import words
from followup.core.model import (
    AWAKE,
    DEFAULT_POLICY,
    NO_HOLIDAYS,
    Candidate,
    Case,
    Channel,
    Employer,
    Event,
    Interview,
    Kind,
    Policy,
    Purpose,
    Span,
)
from followup.places.public_holidays import public_holidays, subdivisions, supported
from followup.places.timezones import (
    AmbiguousTimezone,
    country_of_phone,
    infer_timezone,
    readable_phone,
    zone_of_phone,
)

COUNTRY_ALIASES = {"UK": "GB"}
# Where the country-wide list leaves out most people's holidays (England's Easter Monday).
DEFAULT_REGION = {"GB": ("ENG", "England")}
# Other fields are kept out of the way (a note to self, an id); a near-miss of these is an error.
TOP_KEYS = frozenset({"now", "candidate", "employer", "interview", "next_interview", "events", "policy"})
EMPLOYER_KEYS = frozenset({"name", "timezone", "country", "subdivision", "phone", "hours", "allows_visits"})
EVENT_KEYS = frozenset(
    {"at", "kind", "date", "until", "channel", "channels", "purpose", "answered", "released"}
    | {"silence_means_no", "note", "words", "said_by", "said_how", "minutes"}
)
SAID_HOW = ("email", "phone", "in_person", "letter", "message")  # how they said it
NEEDS_DATE = frozenset({Kind.DECISION_BY, Kind.CALL_BACK})


@dataclass(frozen=True)
class CaseFile:
    case: Case
    policy: Policy
    now: datetime | None
    notes: tuple[str, ...] = ()


def load_case(source: str | bytes, *, now: datetime | None = None, clock: datetime | None = None) -> CaseFile:
    """Parse a case file's text. `now` (from the command line) wins over the file's own "now",
    which wins over `clock` (the time it is)."""
    return read_case(fields.parse_json(source), now=now, clock=clock)


def read_case(data: Any, *, now: datetime | None = None, clock: datetime | None = None) -> CaseFile:
    top = fields.obj(data, "the case file") if isinstance(data, Mapping) else None
    if top is None:
        raise CaseError("", f"the case file must be a JSON object, got {show(data)}")
    fields.no_typos(top, TOP_KEYS, "")
    if now is None and top.get("now") is not None:
        now = fields.instant(top["now"], "now")
    now = now or clock
    notes: list[str] = []
    reference_year = (now or fields.instant(_required(top, "interview", "at"), "interview.at")).year
    employer = _employer(_required(top, "employer"), notes, reference_year)
    candidate = _candidate(top.get("candidate"), employer)
    interview = _interview(_required(top, "interview"))
    listed = fields.array(top.get("events", []), "events")
    if len(listed) > MOST_EVENTS:
        raise CaseError("events", f"{len(listed):,} events (at most {MOST_EVENTS:,} in one case)")
    events = tuple(read_event(item, f"events[{index}]", now) for index, item in enumerate(listed))
    for index, event in enumerate(events):
        if event.purpose is Purpose.THANK_YOU and event.kind is Kind.CONTACTED and event.at < interview.at:
            raise CaseError(
                f"events[{index}].at", f"a thank-you note before the interview ({interview.at.isoformat()})"
            )
    next_round = None
    if top.get("next_interview") is not None:
        next_round = fields.instant(top["next_interview"], "next_interview").astimezone(UTC)
        if next_round <= interview.at:
            raise CaseError("next_interview", f"comes before the interview ({interview.at.isoformat()})")
    policy = read_policy(top.get("policy"))
    case = Case(
        employer=employer, interview=interview, events=events, candidate=candidate, next_round=next_round
    )
    return CaseFile(case=case, policy=policy, now=now, notes=tuple(notes))


AHEAD = timedelta(days=2 * 366)  # an interview further ahead than this is a typo in its year


def not_too_far(at: datetime, now: datetime, where: str) -> None:
    """An interview added at most two years ahead of now: the year 2999 is a slip of the keyboard
    (a case file, or a look back, may hold any year)."""
    if at > now + AHEAD:
        ahead = f"{at.date().isoformat()} is more than two years ahead of now ({now.date().isoformat()})"
        raise CaseError(where, f"{ahead}: is the year right?")


def _required(top: Mapping[str, Any], key: str, inner: str | None = None) -> Any:
    if key not in top or top[key] is None:
        raise CaseError(key, "missing")
    if inner is None:
        return top[key]
    section = fields.obj(top[key], key)
    if inner not in section:
        raise CaseError(f"{key}.{inner}", "missing")
    return section[inner]


def read_employer(value: Any, year: int) -> tuple[Employer, tuple[str, ...]]:
    """An employer as in a case file, checked, with what was inferred (its time zone, say)."""
    notes: list[str] = []
    return _employer(value, notes, year), tuple(notes)


def _employer(value: Any, notes: list[str], year: int) -> Employer:
    given = fields.obj(value, "employer")
    fields.no_typos(given, EMPLOYER_KEYS, "employer")
    name = fields.text(given["name"], "employer.name") if "name" in given else "Employer"
    country = subdivision = None
    if given.get("country") is not None:
        country = _country(given["country"])
    if given.get("subdivision") is not None:
        if country is None:
            raise CaseError("employer.subdivision", "give employer.country too")
        subdivision = _subdivision(country, given["subdivision"])
    phone = fields.text(given["phone"], "employer.phone") if given.get("phone") is not None else None
    by_phone = country_of_phone(phone) if phone is not None and country is None else None
    if by_phone is not None and supported(by_phone):  # for its holidays and hours
        country = by_phone
        notes.append(
            f"{words.possessive(name)} country {country} was inferred from its phone number; "
            "set employer.country if it is wrong."
        )
    if phone is not None and not readable_phone(phone, country):
        raise CaseError(
            "employer.phone",
            f"{show(phone)} is not a phone number (give it with its country code, like +1 312 555 0100)",
        )
    if given.get("timezone") is not None:
        zone = fields.timezone(given["timezone"], "employer.timezone")
    elif phone and (by_phone := zone_of_phone(phone, country)):
        zone = fields.timezone(by_phone, "employer.timezone")
        notes.append(
            f"{words.possessive(name)} time zone {by_phone} was inferred from its phone number {phone}; "
            "set employer.timezone if it is wrong."
        )
    elif country is None:
        raise CaseError(
            "employer.timezone", "missing (give it, employer.country or employer.phone to infer it)"
        )
    else:
        try:
            key = infer_timezone(country, subdivision, year)
        except AmbiguousTimezone as error:
            raise CaseError("employer.timezone", f"missing, and {error}: give employer.timezone") from None
        zone = fields.timezone(key, "employer.timezone")
        where = f"{country}-{subdivision}" if subdivision else country
        notes.append(
            f"{words.possessive(name)} time zone {key} was inferred from {where}; "
            "set employer.timezone if it is wrong."
        )
    if country is None:
        notes.append(f"{name} has no country: public holidays are not known; set employer.country.")
    holiday_region = subdivision
    if country in DEFAULT_REGION and subdivision is None:
        holiday_region, region_name = DEFAULT_REGION[country]
        notes.append(
            f"{name} has no region: {region_name}'s public holidays are used; "
            "set employer.subdivision if that is wrong."
        )
    holidays = public_holidays(country, holiday_region) if country else NO_HOLIDAYS
    allows_visits = fields.flag(given.get("allows_visits", False), "employer.allows_visits")
    return Employer(
        name=name,
        timezone=zone,
        hours=read_hours(given.get("hours"), country),
        holidays=holidays,
        country=country,
        subdivision=subdivision,
        allows_visits=allows_visits,
    )


def _country(value: Any) -> str:
    if not isinstance(value, str):
        raise CaseError("employer.country", f"expected a two-letter country code like US, got {show(value)}")
    code = COUNTRY_ALIASES.get(value.upper(), value.upper())
    if not supported(code):
        raise CaseError(
            "employer.country", f"unknown country {show(value)} (expected an ISO 3166 code like US, GB, DE)"
        )
    return code


def _subdivision(country: str, value: Any) -> str:
    known = subdivisions(country)
    if isinstance(value, str):
        for candidate in (value, value.upper()):
            if candidate in known:
                return candidate
    listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "") if known else "none"
    raise CaseError(
        "employer.subdivision", f"unknown subdivision {show(value)} of {country} (known: {listed})"
    )


def _candidate(value: Any, employer: Employer) -> Candidate:
    if value is None:
        return Candidate(timezone=employer.timezone)
    given = fields.obj(value, "candidate")
    fields.no_typos(given, frozenset({"timezone", "local_to_employer", "waking_hours"}), "candidate")
    zone = (
        fields.timezone(given["timezone"], "candidate.timezone")
        if given.get("timezone") is not None
        else employer.timezone
    )
    local = fields.flag(given.get("local_to_employer", False), "candidate.local_to_employer")
    awake = AWAKE
    if given.get("waking_hours") is not None:
        awake = waking_hours(given["waking_hours"], "candidate.waking_hours")
    return Candidate(timezone=zone, local_to_employer=local, waking_hours=awake)


def waking_hours(value: Any, where: str) -> Span:
    """Your waking hours, 'HH:MM-HH:MM' in your own time ('22:00-06:00' runs past midnight)."""
    if not isinstance(value, str) or value.count("-") != 1:
        raise CaseError(where, f"expected your waking hours like 08:00-21:00, got {show(value)}")
    start, end = (fields.clock(part.strip(), where) for part in value.split("-"))
    day = 24 * 60
    if start == end:
        raise CaseError(where, f"{show(value)} starts when it ends: give the hours you are awake")
    if (end - start) % day < 60 and (end - start) % day != 0:
        raise CaseError(where, f"{show(value)} is less than an hour: give the hours you are awake")
    return Span(start % day, end)


def _interview(value: Any) -> Interview:
    given = fields.obj(value, "interview")
    fields.no_typos(given, frozenset({"at", "round", "format", "minutes"}), "interview")
    if given.get("at") is None:
        raise CaseError("interview.at", "missing (when the interview is, like 2026-03-03T10:00:00-06:00)")
    at = fields.instant(given["at"], "interview.at").astimezone(UTC)  # instants are kept in UTC
    round_ = fields.whole(given.get("round", 1), "interview.round", low=1, high=100)
    format_ = fields.text(given["format"], "interview.format") if given.get("format") else None
    minutes = fields.whole(given.get("minutes", 60), "interview.minutes", low=1, high=24 * 60)
    return Interview(at=at, round=round_, format=format_, minutes=minutes)


def read_event(value: Any, where: str, now: datetime | None) -> Event:
    """One event of a case file, checked as in the file (not after now)."""
    given = fields.obj(value, where)
    fields.no_typos(given, EVENT_KEYS, where)
    if "kind" not in given:
        raise CaseError(f"{where}.kind", "missing")
    kind = _kind(given["kind"], f"{where}.kind")
    if given.get("at") is None:
        raise CaseError(f"{where}.at", "missing (when it was said or done, with its UTC offset)")
    at = fields.instant(given["at"], f"{where}.at").astimezone(UTC)
    if now is not None and at > now:
        raise CaseError(f"{where}.at", f"{given['at']} is after now ({now.isoformat()})")

    date = until = None
    if kind in NEEDS_DATE or "date" in given:
        if "date" not in given:
            raise CaseError(f"{where}.date", f"missing (a {kind.value} event needs the date they gave)")
        date = fields.day(given["date"], f"{where}.date")
        said = at.date()
        if kind in NEEDS_DATE and (date - said).days > AHEAD.days:
            raise CaseError(
                f"{where}.date",
                f"{date} is more than two years after the day it was said ({said}): is the year right?",
            )
        if kind in NEEDS_DATE and (said - date).days > 1:  # a day of slack for time zones
            raise CaseError(
                f"{where}.date",
                f"{date} comes before the day it was said ({said}): the dates are in the wrong order",
            )
    if given.get("until") is not None:
        until = fields.day(given["until"], f"{where}.until")
        if date is not None and until < date:
            raise CaseError(
                f"{where}.until", f"{until} comes before date {date}: the dates are in the wrong order"
            )
    channel = fields.choice(Channel, given["channel"], f"{where}.channel") if given.get("channel") else None
    channels = frozenset(
        fields.choice(Channel, item, f"{where}.channels[{index}]")
        for index, item in enumerate(fields.array(given.get("channels") or [], f"{where}.channels"))
    )
    purpose = fields.choice(Purpose, given["purpose"], f"{where}.purpose") if given.get("purpose") else None
    if kind in (Kind.CONTACTED, Kind.PREFER_CHANNEL) and channel is None:
        raise CaseError(
            f"{where}.channel", f"missing (a {kind.value} event needs a channel: email, phone or visit)"
        )
    if kind is Kind.CONTACTED and purpose is None:
        raise CaseError(f"{where}.purpose", "missing (thank_you, check_in or call_back)")
    note = given.get("note", given.get("words"))
    if given.get("said_by") is not None:
        fields.text(given["said_by"], f"{where}.said_by")
    if given.get("said_how") is not None and given["said_how"] not in SAID_HOW:
        raise CaseError(
            f"{where}.said_how", f"unknown {show(given['said_how'])} (expected one of: {', '.join(SAID_HOW)})"
        )
    return Event(
        at=at,
        kind=kind,
        date=date,
        until=until,
        channel=channel,
        channels=channels,
        purpose=purpose,
        answered=fields.flag(given.get("answered", False), f"{where}.answered"),
        released=fields.flag(given.get("released", False), f"{where}.released"),
        silence_means_no=fields.flag(given.get("silence_means_no", False), f"{where}.silence_means_no"),
        note=fields.text(note, f"{where}.note") if note else None,
        minutes=fields.whole(given["minutes"], f"{where}.minutes", low=1, high=24 * 60)
        if given.get("minutes") is not None
        else None,
    )


def _kind(value: Any, where: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        close = difflib.get_close_matches(str(value), [kind.value for kind in Kind], n=1)
        hint = (
            f"; did you mean {close[0]}?"
            if close
            else f" (expected one of: {', '.join(k.value for k in Kind)})"
        )
        raise CaseError(where, f"unknown event kind {show(value)}{hint}") from None


def read_policy(value: Any, where: str = "policy") -> Policy:
    if value is None:
        return DEFAULT_POLICY
    given = fields.obj(value, where)
    settings = {field.name: field for field in dataclass_fields(Policy)}
    chosen: dict[str, Any] = {}
    for key, setting in given.items():
        at = f"{where}.{key}"
        if key not in settings:
            close = difflib.get_close_matches(key, list(settings), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise CaseError(at, f"unknown setting{hint}")
        default = getattr(DEFAULT_POLICY, key)
        if isinstance(default, bool):
            chosen[key] = fields.flag(setting, at)
        elif isinstance(default, Channel):
            chosen[key] = fields.choice(Channel, setting, at)
        else:
            low, high = settings[key].metadata["limits"]
            chosen[key] = fields.whole(setting, at, low=low, high=high)
    return replace(DEFAULT_POLICY, **chosen)
