"""The records around an application: employers, their contacts, interview rounds, your own
settings; edits to any of them, kept in the log with what they replaced; deletions. Each is one
transaction, checked before it is written, and the advice it touches is brought up to date."""

from __future__ import annotations

import difflib
import itertools
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from followup.casefile import CaseError, read_employer, read_event, read_policy
from followup.casefile import fields as check
from followup.casefile.case import not_too_far, waking_hours
from followup.casefile.limits import LARGEST_WHOLE
from followup.casefile.stored import check_record, check_setting
from followup.core import DEFAULT_POLICY, Channel, words
from followup.store.applications import (
    UnknownApplication,
    UnknownRecord,
    add_event_row,
    application_row,
    employer_document,
    event_document,
    find_employer,
    insert_employer,
    log_edit,
    put_setting,
    refresh_in,
    refresh_many,
)
from followup.store.database import writing
from followup.store.schema import applications, contacts, employer_key, employers, events, interviews

# What `edit` may change, and how a value given as text is read.
EDITABLE: dict[str, dict[str, str]] = {
    "employer": {
        "name": "text", "timezone": "text", "country": "text", "subdivision": "text", "phone": "text",
        "address": "text", "website": "text", "hours": "json", "allows_visits": "flag",
    },
    "contact": {"name": "text", "role": "text", "email": "text", "phone": "text"},
    "application": {
        "role": "text", "source": "text", "link": "text", "status": "text", "candidate_timezone": "text",
        "local_to_employer": "flag", "policy": "json",
    },
    "interview": {
        "at": "instant", "minutes": "whole", "format": "text", "place": "text", "interviewers": "json",
        "notes": "text",
    },
    "event": {
        "at": "instant", "kind": "text", "date": "text", "until": "text", "channel": "text",
        "channels": "json", "purpose": "text", "answered": "flag", "released": "flag",
        "silence_means_no": "flag", "note": "text",
        "said_by": "text", "said_how": "text",
    },
}  # fmt: skip
TABLES: dict[str, Table] = {
    "employer": employers,
    "contact": contacts,
    "application": applications,
    "interview": interviews,
    "event": events,
}


def set_timezone(engine: Engine, zone: str, now: datetime) -> int:
    """Set your own time zone; the advice of every active application is shown in it. How many."""
    key = check.timezone(zone, "timezone").key
    with writing(engine) as connection:
        old = put_setting(connection, "timezone", key)
        log_edit(connection, now, "setting", 0, "timezone", old, key)
        return _refresh_where(connection, applications.c.status == "active", now)


YOURS = ("your_name", "your_phone", "waking_hours")


def set_yours(engine: Engine, given: dict[str, Any], now: datetime) -> int:
    """Your name and phone number, for the drafts, and your waking hours, for the calls' good
    times (empty: not set; waking hours then 08:00-21:00). How many applications' advice followed."""
    kept = yours_checked(given)
    with writing(engine) as connection:
        changed = False
        for key, value in kept.items():
            old = put_setting(connection, key, value)
            if old != value:
                log_edit(connection, now, "setting", 0, key, old, value)
                changed = changed or key == "waking_hours"
        return _refresh_where(connection, applications.c.status == "active", now) if changed else 0


def yours_checked(given: dict[str, Any]) -> dict[str, str | None]:
    """Your name, phone and waking hours given, as they are kept (empty: None), each checked."""
    kept: dict[str, str | None] = {}
    for key in YOURS:
        if key not in given:
            continue
        value = given[key]
        if value is not None and not isinstance(value, str):
            raise CaseError(key, "expected text")
        value = (value or "").strip() or None
        if value is not None:
            check_setting(key, value, key)
            if key == "waking_hours":
                awake = waking_hours(value, key)
                value = words.span(awake.start, awake.end)
        kept[key] = value
    return kept


def set_policy(engine: Engine, given: dict[str, Any], now: datetime) -> int:
    """Set your own settings of the rules (as a case file's `policy`: only what differs from the
    defaults is kept); the advice of every active application follows. How many."""
    read_policy(given)  # raises CaseError naming the setting
    changed = {
        key: value for key, value in given.items() if getattr(DEFAULT_POLICY, key) != _policy_value(value)
    }
    with writing(engine) as connection:
        old = put_setting(connection, "policy", json.dumps(changed, sort_keys=True) if changed else None)
        log_edit(connection, now, "setting", 0, "policy", json.loads(old) if old else None, changed or None)
        return _refresh_where(connection, applications.c.status == "active", now)


def _policy_value(value: Any) -> Any:
    return Channel(value) if isinstance(value, str) and value in {c.value for c in Channel} else value


def add_employer(engine: Engine, given: dict[str, Any], now: datetime) -> tuple[int, tuple[str, ...]]:
    """Add an employer, checked as a case file's; its id and what was inferred."""
    given = {key: value for key, value in given.items() if value is not None}
    check_record("employer", given, "employer.")
    _employer, notes = read_employer(_for_case(given), now.year)
    with writing(engine) as connection:
        found = find_employer(connection, given["name"])
        if found is not None:
            raise CaseError(
                "name",
                f"{given['name']} is stored already, as employer {found} (`followup employer show {found}`)",
            )
        return insert_employer(connection, given, now), notes


def add_contact(engine: Engine, employer_id: int, given: dict[str, Any], now: datetime) -> int:
    """Add a person at an employer: name, role, email, phone."""
    values = _contact(given)
    with writing(engine) as connection:
        employer_document(connection, employer_id)  # raises UnknownRecord
        return int(
            connection.execute(
                insert(contacts).values(employer_id=employer_id, **values).returning(contacts.c.id)
            ).scalar_one()
        )


def add_interview(engine: Engine, application_id: int, given: dict[str, Any], now: datetime) -> int:
    """Add the next interview round of an application; its round number."""
    at = check.instant(given.get("at"), "at") if given.get("at") else None
    if at is None:
        raise CaseError("at", "missing (when the interview is, with its UTC offset)")
    not_too_far(at, now, "at")
    minutes = check.whole(given.get("minutes") or 60, "minutes", low=1, high=24 * 60)
    check_record("interview", {key: given.get(key) for key in ("format", "place", "interviewers", "notes")})
    with writing(engine) as connection:
        application_row(connection, application_id, lock=True)
        last = connection.execute(
            select(interviews.c.round, interviews.c.at)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.round.desc())
        ).first()
        assert last is not None
        if at <= last.at:
            raise CaseError(
                "at",
                f"{at.isoformat()} is not after round {last.round} ({last.at.isoformat()})",
            )
        round_ = last.round + 1
        connection.execute(
            insert(interviews).values(
                application_id=application_id,
                round=round_,
                at=at,
                minutes=minutes,
                format=given.get("format"),
                place=given.get("place"),
                interviewers=given.get("interviewers"),
                notes=given.get("notes") or None,
            )
        )
        refresh_in(connection, application_id, now)
        return int(round_)


def edit(engine: Engine, subject: str, record_id: int, changes: dict[str, str], now: datetime) -> int:
    """Change fields of a stored record, each change logged with the value it replaced. An event
    is not changed: a corrected copy is added that names it. The id of the record as it now is."""
    if subject not in EDITABLE:
        raise CaseError("edit", f"unknown record {subject!r} (expected one of: {', '.join(EDITABLE)})")
    values = {field: _value(subject, field, text) for field, text in changes.items()}
    if not values:
        raise CaseError("edit", "nothing to change: give FIELD=VALUE")
    table = TABLES[subject]
    with writing(engine) as connection:
        row = connection.execute(select(table).where(table.c.id == record_id).with_for_update()).first()
        if row is None:
            raise UnknownRecord(subject, record_id)
        if subject == "event":
            while (
                later := connection.execute(select(events).where(events.c.corrects == row.id)).first()
            ) is not None:
                row = later  # correct the event as it now stands
            return _correct(connection, row, values, now)
        if subject == "interview":
            check_record("interview", values, "interview.")
        if subject == "interview" and isinstance(values.get("at"), datetime):
            not_too_far(values["at"], now, "at")
        if subject == "employer":
            check_record("employer", values)
            values = _employer_values(row, values, now)
            same = find_employer(connection, values["name"])
            if same is not None and same != record_id:
                raise CaseError("name", f"{values['name']} is stored already, as employer {same}")
        if subject == "contact":
            values = _contact({**row._asdict(), **values})
        if subject == "application":
            _check_application(values)
        for field, value in values.items():
            if value is None and field in table.c and not table.c[field].nullable:
                raise CaseError(field, "cannot be empty")
        for field, new in values.items():
            old = getattr(row, field)
            if old != new:
                log_edit(connection, now, subject, record_id, field, old, new)
        if subject == "employer":
            values["name_key"] = employer_key(values["name"])
        try:
            connection.execute(table.update().where(table.c.id == record_id).values(**values))
        except IntegrityError:  # a name another writer gave its employer meanwhile
            name = values.get("name", getattr(row, "name", ""))
            raise CaseError("name", f"{name} is stored already, as another employer") from None
        if subject == "employer":
            _refresh_where(connection, applications.c.employer_id == record_id, now)
        elif subject == "application":
            refresh_in(connection, record_id, now)
        elif subject == "interview":
            _check_rounds(connection, row.application_id)
            refresh_in(connection, row.application_id, now)
        return record_id


def delete_record(engine: Engine, subject: str, record_id: int, now: datetime) -> dict[str, int]:
    """Delete an application (its rounds, events and advice with it), a contact, or an employer
    with all its applications; how many of each went."""
    if subject not in ("application", "employer", "contact"):
        raise CaseError("delete", f"cannot delete a {subject}: correct it with `followup edit {subject}`")
    table = TABLES[subject]
    with writing(engine) as connection:
        if connection.execute(select(table.c.id).where(table.c.id == record_id)).first() is None:
            raise UnknownRecord(subject, record_id)
        gone = deletion_counts(connection, subject, record_id)
        if not connection.execute(delete(table).where(table.c.id == record_id)).rowcount:
            raise UnknownRecord(subject, record_id)  # read, not theirs to change: a coach's
        log_edit(connection, now, subject, record_id, "deleted", gone, None)
        return gone


def deletion_counts(connection: Connection, subject: str, record_id: int) -> dict[str, int]:
    """What deleting the record takes with it."""
    if subject == "contact":
        return {"contacts": 1}
    owned = (
        select(applications.c.id).where(applications.c.employer_id == record_id)
        if subject == "employer"
        else select(applications.c.id).where(applications.c.id == record_id)
    )

    def count(table: Table) -> int:
        query = select(func.count()).select_from(table).where(table.c.application_id.in_(owned))
        return int(connection.execute(query).scalar_one())

    found = {
        "applications": int(
            connection.execute(select(func.count()).select_from(owned.subquery())).scalar_one()
        ),
        "interviews": count(interviews),
        "events": count(events),
    }
    if subject == "employer":
        found = {"employers": 1, **found}
        found["contacts"] = int(
            connection.execute(
                select(func.count()).select_from(contacts).where(contacts.c.employer_id == record_id)
            ).scalar_one()
        )
    return found


def _correct(connection: Connection, row: Any, values: dict[str, Any], now: datetime) -> int:
    """A corrected copy of an event, naming the one it corrects; the case is read again whole."""
    given = {
        key: value.isoformat() if isinstance(value, datetime) else value for key, value in values.items()
    }
    item = {**event_document(row), **{key: value for key, value in given.items() if value is not None}}
    for field, value in values.items():
        if value is None:
            item.pop(field, None)
    read_event(item, "event", now)
    item["corrects"] = row.id
    new_id = add_event_row(connection, row.application_id, item, now)
    for field, new in values.items():
        if getattr(row, field, None) != new:
            log_edit(connection, now, "event", row.id, field, getattr(row, field, None), new)
    refresh_in(connection, row.application_id, now)  # the case read again whole, or CaseError
    return int(new_id)


def _employer_values(row: Any, values: dict[str, Any], now: datetime) -> dict[str, Any]:
    given = {
        key: getattr(row, key)
        for key in ("name", "country", "subdivision", "phone", "hours", "allows_visits", "address", "website")
    }
    if not row.timezone_inferred:
        given["timezone"] = row.timezone
    given.update(values)
    given = {key: value for key, value in given.items() if value is not None}
    employer, _notes = read_employer(_for_case(given), now.year)
    return {
        **{key: given.get(key) for key in values if key != "timezone"},
        "name": employer.name,
        "timezone": employer.timezone.key,
        "timezone_inferred": given.get("timezone") is None,
        "country": employer.country,
        "subdivision": employer.subdivision,
    }


def _for_case(given: dict[str, Any]) -> dict[str, Any]:
    """An employer's stored fields, less those a case file does not hold."""
    return {key: value for key, value in given.items() if key not in ("address", "website")}


def _contact(given: dict[str, Any]) -> dict[str, Any]:
    name = check.text(given.get("name"), "name") if given.get("name") else None
    if name is None:
        raise CaseError("name", "missing (the person's name)")
    values = {
        "name": name,
        "role": given.get("role"),
        "email": given.get("email"),
        "phone": given.get("phone"),
    }
    check_record("contact", values)
    return values


def _check_application(values: dict[str, Any]) -> None:
    check_record("application", values)
    if values.get("status") in ("rejected", "offer", "withdrawn"):
        raise CaseError(
            "status",
            f"record it as an outcome, so the advice follows: `followup outcome ID {values['status']}`",
        )
    if "role" in values and not values["role"]:
        raise CaseError("role", "cannot be empty")


def _check_rounds(connection: Connection, application_id: int) -> None:
    times = list(
        connection.execute(
            select(interviews.c.at)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.round)
        ).scalars()
    )
    if any(later <= earlier for earlier, later in itertools.pairwise(times)):
        raise CaseError("at", "the interview rounds would be out of order: each comes after the one before")


def _value(subject: str, field: str, text: str) -> Any:
    kind = EDITABLE[subject].get(field)
    if kind is None:
        close = difflib.get_close_matches(field, list(EDITABLE[subject]), n=1)
        hint = f"; did you mean {close[0]}?" if close else f" (fields: {', '.join(EDITABLE[subject])})"
        raise CaseError(field, f"{subject}s have no field {field} to edit{hint}")
    if text == "":
        return None
    if kind == "flag":
        if text.lower() in ("true", "yes", "1"):
            return True
        if text.lower() in ("false", "no", "0"):
            return False
        raise CaseError(field, f"expected true or false, got {check.show(text)}")
    if kind == "json":
        return check.parse_json(text, field)
    if kind == "whole":
        return check.whole_text(text, field, low=-LARGEST_WHOLE, high=LARGEST_WHOLE)
    if kind == "instant":
        return check.instant(text, field)
    return check.plain_text(text, field)


def _refresh_where(connection: Connection, condition: Any, now: datetime) -> int:
    """Work out again the advice of the applications that meet the condition, in the caller's
    transaction; how many. Their rows are locked in the order of their ids, as every writer of
    several applications locks them (PostgreSQL: no two writers wait on each other)."""
    found = list(
        connection.execute(select(applications.c.id).where(condition).order_by(applications.c.id)).scalars()
    )
    refresh_many(connection, found, now)
    return len(found)


__all__ = ["UnknownApplication", "UnknownRecord"]
