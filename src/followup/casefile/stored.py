"""The fields the store keeps beyond what a case file says: an employer's address and website,
the people you know there, an application's role, source, link and status, an interview round's
place, interviewers and notes, an event's channels, your own settings, the log of edits. Every
way in checks them here, with the limits of followup.casefile.limits: an import (JSON or CSV),
the API, a form, the command line. A CaseError names the field; nothing is written."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from followup.casefile import fields
from followup.casefile.case import read_policy, waking_hours
from followup.casefile.fields import CaseError, show
from followup.casefile.limits import (
    LARGEST_WHOLE,
    LONGEST,
    LONGEST_CELL,
    LONGEST_EVIDENCE,
    LONGEST_JSON,
    LONGEST_TEMPLATE,
    MOST_INTERVIEWERS,
)

Check = Callable[[Any, str], Any]

STATUSES = ("active", "rejected", "offer", "withdrawn", "closed")
SUBJECTS = ("employer", "contact", "application", "interview", "event", "setting")  # in the log of edits
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")  # one @, something on either side, no spaces
WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


def email(value: Any, where: str) -> str:
    address = fields.plain_text(value, where)
    if not EMAIL.fullmatch(address) or not address.isprintable():
        raise CaseError(where, f"{address!r} is not an email address")  # at most LONGEST["email"] long
    return address


def web_address(value: Any, where: str) -> str:
    """A web address people will click: http or https only (never javascript: or data:)."""
    address = fields.plain_text(value, where)
    if not WEB_ADDRESS.fullmatch(address) or not address.isprintable():
        raise CaseError(where, f"{address!r} is not a web address (it starts with https:// or http://)")
    return address


def phone(value: Any, where: str) -> str:
    """A person's phone number, possible as dialled (with its country code, else as in the US)."""
    import phonenumbers

    number = fields.plain_text(value, where)
    try:
        possible = phonenumbers.is_possible_number(phonenumbers.parse(number, "US"))
    except phonenumbers.NumberParseException:
        possible = False
    if not possible:
        raise CaseError(where, f"{number!r} is not a phone number (give it with its country code)")
    return number


def status(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in STATUSES:
        raise CaseError(where, f"unknown status {show(value)} (expected one of: {', '.join(STATUSES)})")
    return value


def interviewers(value: Any, where: str) -> list[str]:
    """A list of names, each some text."""
    names = fields.array(value, where)
    if len(names) > MOST_INTERVIEWERS:
        raise CaseError(where, f"{len(names)} names (at most {MOST_INTERVIEWERS})")
    return [fields.text(name, f"{where}[{index}]") for index, name in enumerate(names)]


def subject(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in SUBJECTS:
        raise CaseError(where, f"unknown record {show(value)} (expected one of: {', '.join(SUBJECTS)})")
    return value


def as_json(longest: int) -> Check:
    """A check that a value is JSON (no NaN) of at most `longest` characters, written as an
    export writes it."""

    def check(value: Any, where: str) -> Any:
        fields.plain_json(value, where)
        try:
            written = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError):
            raise CaseError(where, f"expected JSON, got {show(value)}") from None
        if len(written) > longest:
            raise CaseError(where, f"too long: {len(written):,} characters as JSON (at most {longest:,})")
        return value

    return check


def whole(low: int, high: int) -> Check:
    return lambda value, where: fields.whole(value, where, low=low, high=high)


def policy(value: Any, where: str) -> Any:
    read_policy(value, where)
    return value


def template_key(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{32}", value):
        raise CaseError(where, f"{show(value)} is not a template's key (32 hexadecimal digits)")
    return value


SIGNAL_KINDS = (  # what a reading finds in an employer's words, and a correction corrects
    "no_contact", "wait_for_us", "decision_by", "call_back", "ok_to_follow_up", "prefer_channel",
    "in_running", "on_hold", "rejected", "offer",
)  # fmt: skip


SIGNAL_FIELDS = ("date", "until", "channels", "channel", "silence_means_no", "released")  # a signal's own


def unsaid_fields() -> dict[str, Any]:
    """A signal's own fields, each as it is when nothing says it: no date, no channel, false."""
    return {
        name: [] if name == "channels" else False if name in ("silence_means_no", "released") else None
        for name in SIGNAL_FIELDS
    }


def signal_kind(value: Any, where: str) -> str:
    if value not in SIGNAL_KINDS:
        raise CaseError(where, f"unknown kind {show(value)} (expected one of: {', '.join(SIGNAL_KINDS)})")
    return str(value)


def reading(value: Any, where: str) -> dict[str, Any]:
    """A signal as corrected: its kind, the fields changed, the words that say it."""
    as_json(LONGEST_JSON)(value, where)
    if not isinstance(value, dict):
        raise CaseError(where, f"expected an object, got {show(value)}")
    for key in value:
        if key not in ("kind", "fields", "words"):
            raise CaseError(f"{where}.{key}", "unknown field (expected kind, fields, words)")
    signal_kind(value.get("kind"), f"{where}.kind")
    changed = value.get("fields", {})
    if not isinstance(changed, dict):
        raise CaseError(f"{where}.fields", "expected an object")
    for key in changed:
        if key not in SIGNAL_FIELDS:
            raise CaseError(
                f"{where}.fields.{key}", f"unknown field (expected one of: {', '.join(SIGNAL_FIELDS)})"
            )
    words = value.get("words")
    if words is not None and not (
        isinstance(words, list) and len(words) == 2 and all(type(n) is int and n >= 0 for n in words)
    ):
        raise CaseError(f"{where}.words", "expected the first and last word, two whole numbers")
    return value


# Each record's fields and their checks; a field not named here is checked by the case file's
# reader (an employer's time zone, country and hours; an event's kind, dates and channel) or
# by its column's type.
FIELDS: dict[str, dict[str, Check]] = {
    "employer": {
        "name": fields.text, "address": fields.plain_text, "website": web_address,
        "hours": as_json(LONGEST_JSON),
    },
    "contact": {"name": fields.text, "role": fields.plain_text, "email": email, "phone": phone},
    "application": {
        "role": fields.plain_text, "source": fields.plain_text, "link": web_address, "status": status,
        "candidate_timezone": fields.timezone, "policy": policy,
    },
    "interview": {
        "round": whole(1, 100), "minutes": whole(1, 24 * 60), "format": fields.plain_text,
        "place": fields.plain_text, "interviewers": interviewers, "notes": fields.plain_text,
        "invitation_uid": fields.plain_text, "invitation_sequence": whole(0, LARGEST_WHOLE),
    },
    "event": {"note": fields.plain_text, "said_by": fields.plain_text, "channels": as_json(LONGEST_JSON)},
    "correction": {
        "template": template_key, "read_as": signal_kind, "reading": reading,
        "words": lambda value, where: fields.plain_text(value, where, LONGEST_TEMPLATE, lines=False),
        "evidence": lambda value, where: fields.plain_text(value, where, LONGEST_EVIDENCE, lines=False),
    },
    "edit": {
        "subject": subject, "field": fields.plain_text, "old": as_json(LONGEST_CELL),
        "new": as_json(LONGEST_CELL),
    },
}  # fmt: skip


def check_record(kind: str, values: Mapping[str, Any], where: str = "") -> None:
    """Each field given (None: not given) checked as every way in checks it; `where` goes before
    the field's name in a CaseError ("employer.", "contacts[3].")."""
    checks = FIELDS[kind]
    for field, value in values.items():
        if value is not None and field in checks:
            checks[field](value, f"{where}{field}")


def timezone(value: Any, where: str) -> str:
    return fields.timezone(value, where).key


def policy_text(value: Any, where: str) -> str:
    """Your own settings of the rules, kept as JSON text."""
    read_policy(fields.parse_json(value, where), where)
    return str(value)


def awake(value: Any, where: str) -> str:
    waking_hours(value, where)
    return str(value)


SETTINGS: dict[str, Check] = {  # your own settings, as kept: text
    "timezone": timezone,
    "policy": policy_text,
    "your_name": fields.text,
    "your_phone": fields.text,
    "waking_hours": awake,
}


def check_setting(name: Any, value: Any, where: str) -> None:
    """One of your own settings, its value as the store keeps it (text)."""
    if not isinstance(name, str) or name not in SETTINGS:
        raise CaseError(where, f"unknown setting {show(name)} (expected one of: {', '.join(SETTINGS)})")
    fields.plain_text(value, where, LONGEST.get(name, LONGEST["value"]), lines=name == "policy")  # JSON
    SETTINGS[name](value, where)
