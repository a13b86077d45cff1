"""Applications in the store: add one from a case file, read it back as a case, and keep its
advice current. Every write is one transaction; what is stored is validated first, by the same
reader as a case file, so the store holds nothing a case file could not say."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, Select, bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError

from followup.casefile import CaseError, CaseFile, fields, read_case, read_employer, read_event
from followup.casefile.case import not_too_far
from followup.casefile.fields import show
from followup.casefile.limits import LARGEST_WHOLE
from followup.casefile.stored import check_record
from followup.core import Advice, advise
from followup.core.kept import KeptAdvice
from followup.places.localzone import local_zone
from followup.store.database import read_only, seeker_of, writing
from followup.store.kept_agenda import instant
from followup.store.schema import (
    advice,
    applications,
    edits,
    employer_key,
    employers,
    events,
    interviews,
    seeker_settings,
    settings,
)

EVENT_FIELDS = ("date", "until", "channel", "channels", "purpose", "answered", "released", "silence_means_no")


def add_application(
    engine: Engine,
    document: dict[str, Any],
    *,
    now: datetime,
    role: str = "",
    source: str | None = None,
    link: str | None = None,
    employer_id: int | None = None,
    notes: str | None = None,
) -> int:
    """Store a case file's application, its interview (with `notes`: what was discussed) and
    events, and its employer unless that is given by id or already stored under the same name;
    the application's id."""
    if not isinstance(document, dict):
        raise CaseError("", f"the case file must be a JSON object, got {show(document)}")
    if document.get("candidate") is not None:
        fields.obj(document["candidate"], "candidate")
    check_record("application", {"role": role, "source": source, "link": link})
    check_record("interview", {"notes": notes})
    with writing(engine) as connection:
        if employer_id is not None:
            document = {**document, "employer": employer_document(connection, employer_id)}
        else:
            employer_id = _same_employer(connection, document.get("employer"))
            if employer_id is not None:
                document = {**document, "employer": employer_document(connection, employer_id)}
        own_zone = (document.get("candidate") or {}).get("timezone")  # kept; else yours, as it is
        document = {**document, "candidate": _candidate(connection, document)}
        loaded = read_case(document, clock=now)  # raises CaseError, and nothing is written
        case = loaded.case
        not_too_far(case.interview.at, now, "interview.at")
        if employer_id is None:
            try:
                employer_id = insert_employer(connection, document["employer"], now)
            except EmployerTaken:  # added meanwhile by another writer: the one, if it agrees
                employer_id = _same_employer(connection, document["employer"])
        application_id = connection.execute(
            insert(applications)
            .values(
                employer_id=employer_id,
                role=role or "the role",
                source=source,
                link=link,
                status="active",
                candidate_timezone=own_zone,
                local_to_employer=case.candidate.local_to_employer,
                policy=document.get("policy"),
                created_at=now,
            )
            .returning(applications.c.id)
        ).scalar_one()
        connection.execute(
            insert(interviews).values(
                application_id=application_id,
                round=case.interview.round,
                at=case.interview.at,
                minutes=case.interview.minutes,
                format=case.interview.format,
                notes=notes or None,
            )
        )
        given = list(enumerate(document.get("events", [])))
        for index, item in sorted(given, key=lambda pair: str(pair[1].get("at"))):
            add_event_row(connection, application_id, item, now, f"events[{index}]")
            follow_outcome(connection, application_id, item["kind"], now, released=bool(item.get("released")))
        refresh_in(connection, application_id, now)
    return int(application_id)


def _same_employer(connection: Connection, given: Any) -> int | None:
    """The stored employer a case file's employer names, when it says nothing the store does not
    know; a clash (another time zone, say) is an error to settle with `followup edit`."""
    if not isinstance(given, dict) or not isinstance(given.get("name"), str):
        return None
    found = find_employer(connection, given["name"])
    if found is None:
        return None
    stored = connection.execute(select(employers).where(employers.c.id == found)).one()
    for key, value in given.items():
        same = (
            str(value).upper() == str(getattr(stored, key)).upper()
            if key in ("country", "subdivision")
            else False
        )
        if key in EMPLOYER_COLUMNS and value is not None and getattr(stored, key) != value and not same:
            raise CaseError(
                f"employer.{key}",
                f"{stored.name} is stored (employer {found}) with {key} {getattr(stored, key)!r}, "
                f"not {value!r}: change it with `followup edit employer {found} {key}=...`",
            )
    return found


EMPLOYER_COLUMNS = ("timezone", "country", "subdivision", "phone", "hours", "allows_visits")


def _candidate(connection: Connection, document: dict[str, Any]) -> dict[str, Any]:
    """The candidate of a case file, in your own time zone unless it names one."""
    candidate = dict(document.get("candidate") or {})
    if candidate.get("timezone") is None:
        candidate.pop("timezone", None)
        candidate["timezone"] = setting(connection, "timezone") or local_zone()
    awake = setting(connection, "waking_hours")
    if awake and candidate.get("waking_hours") is None:
        candidate["waking_hours"] = awake
    return candidate


def add_event_row(
    connection: Connection, application_id: int, item: dict[str, Any], now: datetime, where: str = "event"
) -> int:
    """Store an event read as a case file's (`where` names it in a CaseError); its id."""
    values: dict[str, Any] = {field: item.get(field) for field in EVENT_FIELDS}
    note = item.get("note") or item.get("words")
    check_record("event", {**values, "note": note, "said_by": item.get("said_by")}, f"{where}.")
    if item.get("corrects") is not None:
        corrected_event(connection, application_id, item["corrects"], f"{where}.corrects")
    for flag in ("answered", "released", "silence_means_no"):
        values[flag] = bool(values[flag])
    for day in ("date", "until"):
        if values[day] is not None:
            values[day] = date.fromisoformat(values[day])
    row = insert(events).values(
        application_id=application_id,
        at=datetime.fromisoformat(item["at"]),
        kind=item["kind"],
        note=note,
        said_by=item.get("said_by"),
        said_how=item.get("said_how"),
        corrects=item.get("corrects"),
        recorded_at=now,
        **values,
    )
    return int(connection.execute(row.returning(events.c.id)).scalar_one())


def corrected_event(connection: Connection, application_id: int, value: Any, where: str) -> int:
    """The event a correction names: by its id, in ASCII digits, one of the same application."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(where, f"expected an event's id (a whole number), got {show(value)}")
    found = (
        connection.execute(select(events.c.application_id).where(events.c.id == value)).first()
        if 0 < value <= LARGEST_WHOLE
        else None
    )
    if found is None or found.application_id != application_id:
        raise CaseError(where, f"no event {value} of application {application_id} to correct")
    return value


class UnknownRecord(LookupError):
    """An id the store does not hold."""

    def __init__(self, subject: str, record_id: int) -> None:
        super().__init__(f"no {subject} {record_id}")
        self.subject, self.record_id = subject, record_id


class UnknownApplication(UnknownRecord):
    def __init__(self, application_id: int) -> None:
        super().__init__("application", application_id)
        self.application_id = application_id


def record_event(engine: Engine, application_id: int, item: dict[str, Any], *, now: datetime) -> Advice:
    """Add what was said or done to an application's log, and bring its advice up to date."""
    return record_events(engine, [(application_id, item)], now=now)[application_id]


def record_events(
    engine: Engine,
    items: list[tuple[int, dict[str, Any]]],
    *,
    now: datetime,
    also: Callable[[Connection], Any] | None = None,
) -> dict[int, Advice]:
    """Add events to applications' logs in one transaction, all or none; the advice of each.
    `also` writes in the same transaction (the corrections of the reading they came from)."""
    with engine.connect() as connection:  # an unknown application is said first, before its fields
        for application_id in sorted({application_id for application_id, _item in items}):
            application_row(connection, application_id)
    named = ["event"] if len(items) == 1 else [f"events[{index}]" for index in range(len(items))]
    for where, (_application_id, item) in zip(named, items, strict=True):
        read_event(item, where, now)  # nothing written yet
    advised: dict[int, Advice] = {}
    with writing(engine) as connection:
        for application_id in sorted({application_id for application_id, _item in items}):
            application_row(connection, application_id, lock=True)  # in one order: no deadlock
        for where, (application_id, item) in zip(named, items, strict=True):
            document = case_document(connection, application_id, now)
            document["events"].append(item)
            last = f"events[{len(document['events']) - 1}]"
            try:  # the event in its case: a thank-you before the interview, say
                read_case(document, now=now)
            except CaseError as error:
                raise CaseError(error.where.replace(last, "event"), error.problem) from None
            add_event_row(connection, application_id, item, now, where)
            follow_outcome(connection, application_id, item["kind"], now, released=bool(item.get("released")))
            advised[application_id] = refresh_in(connection, application_id, now)
        if also is not None:
            also(connection)
    return advised


CLOSING = {"rejected": "rejected", "offer": "offer", "withdrawn": "withdrawn"}


REOPENING = ("in_running", "on_hold", "interviewed")  # news that reopens what an outcome closed


def follow_outcome(
    connection: Connection,
    application_id: int,
    kind: str,
    now: datetime,
    *,
    released: bool = False,
    logged: Collection[tuple[int | None, str, str]] = (),
) -> None:
    """The application's status follows what happened, as the advice does: a rejection, an offer
    or a withdrawal closes it (its status says which); news after an outcome (still in the
    running, on hold without a release, a further round) makes it active again. The change is
    logged, unless `logged` holds it already (an import bringing its own log)."""
    if kind in CLOSING:
        status, reopening = CLOSING[kind], False
    elif kind in REOPENING and not released:
        status, reopening = "active", True
    else:
        return
    old = connection.execute(
        select(applications.c.status).where(applications.c.id == application_id)
    ).scalar()
    if old == status or (reopening and old not in CLOSING.values()):
        return
    connection.execute(applications.update().where(applications.c.id == application_id).values(status=status))
    if (application_id, json.dumps(old), json.dumps(status)) not in logged:
        log_edit(connection, now, "application", application_id, "status", old, status)


def log_edit(
    connection: Connection, now: datetime, subject: str, subject_id: int, field: str, old: Any, new: Any
) -> None:
    """Keep a change in the log of edits, with the value it replaced."""
    connection.execute(
        insert(edits).values(
            at=now, subject=subject, subject_id=subject_id, field=field, old=_plain(old), new=_plain(new)
        )
    )


def _plain(value: Any) -> Any:
    """A value as JSON holds it (dates and instants in ISO 8601)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def application_row(connection: Connection, application_id: int, *, lock: bool = False) -> Any:
    """The application's row; with lock, held until the transaction ends (PostgreSQL: two
    writers on one application take turns, and the advice kept is the last one's)."""
    query = select(applications).where(applications.c.id == application_id)
    found = connection.execute(
        query.with_for_update() if lock and not read_only(connection) else query
    ).first()
    if found is None:
        raise UnknownApplication(application_id)
    return found


def case_document(connection: Connection, application_id: int, now: datetime | None = None) -> dict[str, Any]:
    """The stored application as a case file: its first interview round, the later rounds held
    by `now` as `interviewed` events, and every event not corrected by a later one."""
    found = _records(connection, [application_id], now)
    application = found.applications[application_id]
    return _document(
        application,
        found.rounds[application_id],
        found.said[application_id],
        found.employers[application.employer_id],
        _yours(connection),
        now,
    )


class Records(NamedTuple):
    """What the cases of some applications are made of, read a query each: the applications by
    id, their interview rounds in order and the events known (by a moment) in order, by
    application, and their employers by id."""

    applications: dict[int, Any]
    rounds: dict[int, list[Any]]
    said: dict[int, list[Any]]
    employers: dict[int, Any]


def _records(
    connection: Connection, application_ids: list[int], now: datetime | None, *, lock: bool = False
) -> Records:
    """The records of these applications' cases (events known by `now`; None: all of them);
    UnknownApplication for one not stored. With lock, the applications' rows are held until the
    transaction ends, in the order of their ids (PostgreSQL: two writers take turns)."""
    query = select(applications).where(applications.c.id.in_(application_ids))
    if lock and connection.dialect.name == "postgresql" and not read_only(connection):
        query = query.order_by(applications.c.id).with_for_update()
    found = {row.id: row for row in connection.execute(query)}
    for application_id in application_ids:
        if application_id not in found:
            raise UnknownApplication(application_id)
    rounds: dict[int, list[Any]] = defaultdict(list)
    for row in connection.execute(
        select(interviews)
        .where(interviews.c.application_id.in_(application_ids))
        .order_by(interviews.c.application_id, interviews.c.round)
    ):
        rounds[row.application_id].append(row)
    corrected = select(events.c.corrects).where(
        events.c.application_id.in_(application_ids), events.c.corrects.is_not(None)
    )
    known = select(events).where(events.c.application_id.in_(application_ids), events.c.id.not_in(corrected))
    if now is not None:  # a look back: what was known by then
        known = known.where(events.c.at <= now)
    said: dict[int, list[Any]] = defaultdict(list)
    for row in connection.execute(known.order_by(events.c.application_id, events.c.at, events.c.id)):
        said[row.application_id].append(row)
    employer_ids = {row.employer_id for row in found.values()}
    by_id = {
        row.id: row for row in connection.execute(select(employers).where(employers.c.id.in_(employer_ids)))
    }
    return Records(found, rounds, said, by_id)


class Yours(NamedTuple):
    """Your settings every application's case holds: your time zone, waking hours and rules."""

    timezone: str
    waking_hours: str | None
    policy: dict[str, Any] | None


def _yours(connection: Connection) -> Yours:
    found = {name: setting(connection, name) for name in ("timezone", "waking_hours", "policy")}
    policy = found.get("policy")  # your own settings of the rules, for applications without their own
    zone = found.get("timezone") or local_zone()  # yours, else this computer's
    return Yours(zone, found.get("waking_hours"), json.loads(policy) if policy else None)


def _document(
    application: Any, rounds: list[Any], said: list[Any], employer: Any, yours: Yours, now: datetime | None
) -> dict[str, Any]:
    """An application's case file, of its rows: its interview rounds in order, the events known
    (by `now`), its employer's and your settings."""
    first = rounds[0]
    candidate: dict[str, Any] = {"local_to_employer": application.local_to_employer}
    candidate["timezone"] = application.candidate_timezone or yours.timezone
    if yours.waking_hours:  # yours, for every application
        candidate["waking_hours"] = yours.waking_hours
    items = [event_document(row) for row in said]
    items += [
        {
            "at": round_.at.isoformat(),
            "kind": "interviewed",
            "minutes": round_.minutes,
            "note": f"round {round_.round}",
        }
        for round_ in rounds[1:]
        if now is None or round_.at <= now
    ]
    document: dict[str, Any] = {
        "candidate": candidate,
        "employer": _employer_of(employer),
        "interview": {
            "at": first.at.isoformat(),
            "round": first.round,
            "minutes": first.minutes,
            **({"format": first.format} if first.format else {}),
        },
        "events": sorted(items, key=lambda item: item["at"]),
    }
    booked = [round_ for round_ in rounds[1:] if now is not None and round_.at > now]
    if booked:
        document["next_interview"] = booked[0].at.isoformat()
    policy = application.policy or yours.policy
    if policy:
        document["policy"] = policy
    return document


def employer_document(connection: Connection, employer_id: int) -> dict[str, Any]:
    """A stored employer as a case file's employer. An inferred time zone is left out, so that
    it is inferred again, and said so."""
    employer = connection.execute(select(employers).where(employers.c.id == employer_id)).first()
    if employer is None:
        raise UnknownRecord("employer", employer_id)
    return _employer_of(employer)


def _employer_of(employer: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"name": employer.name, "allows_visits": employer.allows_visits}
    if not employer.timezone_inferred:
        document["timezone"] = employer.timezone
    for key in ("country", "subdivision", "phone", "hours"):
        if getattr(employer, key) is not None:
            document[key] = getattr(employer, key)
    return document


def find_employer(connection: Connection, name: str) -> int | None:
    """The stored employer of this name (whatever its case and spacing)."""
    query = select(employers.c.id).where(employers.c.name_key == employer_key(name))
    found = connection.execute(query).first()
    return None if found is None else int(found.id)


class EmployerTaken(CaseError):
    """An employer of this name is stored already: added meanwhile by another writer, maybe."""

    def __init__(self, name: str, employer_id: int) -> None:
        super().__init__("employer.name", f"{name} is stored already, as employer {employer_id}")
        self.employer_id = employer_id


def insert_employer(connection: Connection, given: dict[str, Any], now: datetime) -> int:
    """Add an employer, checked as a case file's; its id. The store holds one employer of a
    name: when another writer added this one meanwhile (the database refuses a second), the
    transaction goes on without it and EmployerTaken names the stored one."""
    employer, _notes = read_employer(given, now.year)
    check_record("employer", given, "employer.")
    try:
        with connection.begin_nested():
            return int(
                connection.execute(
                    insert(employers)
                    .values(
                        name=employer.name,
                        timezone=employer.timezone.key,
                        timezone_inferred=given.get("timezone") is None,
                        country=employer.country,
                        subdivision=employer.subdivision,
                        hours=given.get("hours"),
                        allows_visits=employer.allows_visits,
                        address=given.get("address"),
                        phone=given.get("phone"),
                        website=given.get("website"),
                        created_at=now,
                    )
                    .returning(employers.c.id)
                ).scalar_one()
            )
    except IntegrityError:
        found = find_employer(connection, employer.name)
        if found is None:  # another constraint: not a name taken
            raise
        raise EmployerTaken(employer.name, found) from None


STORE_WIDE = frozenset({"version", "form_secret"})  # the store's own, whoever asks


def setting(connection: Connection, name: str) -> str | None:
    """A setting of the connection's seeker: on a server, their own; else the store's."""
    seeker = _personal(connection, name)
    if seeker is not None:
        query = select(seeker_settings.c.value).where(
            seeker_settings.c.seeker_id == seeker, seeker_settings.c.name == name
        )
    else:
        query = select(settings.c.value).where(settings.c.name == name)
    found = connection.execute(query).first()
    return None if found is None else str(found.value)


def put_setting(connection: Connection, name: str, value: str | None) -> str | None:
    """Set a setting (None: remove it); the value it had."""
    old = setting(connection, name)
    seeker = _personal(connection, name)
    if seeker is not None:
        mine = (seeker_settings.c.seeker_id == seeker) & (seeker_settings.c.name == name)
        connection.execute(seeker_settings.delete().where(mine))
        if value is not None:
            connection.execute(insert(seeker_settings).values(seeker_id=seeker, name=name, value=value))
    else:
        connection.execute(settings.delete().where(settings.c.name == name))
        if value is not None:
            connection.execute(insert(settings).values(name=name, value=value))
    return old


def _personal(connection: Connection, name: str) -> int | None:
    """The seeker whose own setting this is, on a server; None: the store's setting."""
    return None if name in STORE_WIDE else seeker_of(connection)


def event_document(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"at": row.at.isoformat(), "kind": row.kind}
    for field in EVENT_FIELDS:
        value = getattr(row, field)
        if value is None or value is False:
            continue
        item[field] = value.isoformat() if isinstance(value, date) else value
    for field in ("note", "said_by", "said_how"):
        if getattr(row, field):
            item[field] = getattr(row, field)
    return item


def load_case(engine: Engine, application_id: int, *, now: datetime) -> CaseFile:
    with engine.connect() as connection:
        return read_case(case_document(connection, application_id, now), now=now)


def refresh_advice(engine: Engine, application_id: int, now: datetime) -> Advice:
    with writing(engine) as connection:
        application_row(connection, application_id, lock=True)
        return refresh_in(connection, application_id, now)


def refresh_in(connection: Connection, application_id: int, now: datetime) -> Advice:
    """Recompute an application's advice and keep it, with the moment the clock can change it."""
    return refresh_many(connection, [application_id], now)[application_id]


BATCH = 500  # applications read in one query each (SQLite's bound parameters: at most 32,766)


class CaseProblem(CaseError):
    """A stored application whose case cannot be read, with the application's id."""

    def __init__(self, application_id: int, error: CaseError) -> None:
        super().__init__(error.where, error.problem)
        self.application_id = application_id


def refresh_many(connection: Connection, application_ids: list[int], now: datetime) -> dict[int, Advice]:
    """Recompute the advice of these applications and keep it, in the caller's transaction,
    each with the moment the clock can change it: their records read a few queries for every
    BATCH of them, the advice written with one statement each for the kept and the new. An
    application not stored is UnknownApplication; a case that cannot be read, CaseProblem."""
    yours = _yours(connection)
    advised: dict[int, Advice] = {}
    for start in range(0, len(application_ids), BATCH):
        chunk = application_ids[start : start + BATCH]
        advised |= _refresh_batch(connection, chunk, yours, now)
    return advised


def _refresh_batch(
    connection: Connection, chunk: list[int], yours: Yours, now: datetime
) -> dict[int, Advice]:
    found = _records(connection, chunk, now, lock=True)
    later = dict(  # a look back: what came later changes it
        connection.execute(
            select(events.c.application_id, func.min(events.c.at))
            .where(events.c.application_id.in_(chunk), events.c.at > now)
            .group_by(events.c.application_id)
        ).all()
    )
    kept = set(
        connection.execute(
            select(advice.c.application_id).where(advice.c.application_id.in_(chunk))
        ).scalars()
    )
    new, changed, advised = [], [], {}
    for application_id in chunk:
        application = found.applications[application_id]
        rounds = found.rounds[application_id]
        document = _document(
            application,
            rounds,
            found.said[application_id],
            found.employers[application.employer_id],
            yours,
            now,
        )
        try:
            loaded = read_case(document, now=now)
        except CaseError as error:
            raise CaseProblem(application_id, error) from None
        result = advise(loaded.case, now, loaded.policy)
        next_round = min((round_.at for round_ in rounds if round_.at > now), default=None)
        values = {
            "action": result.action.value,
            "purpose": result.purpose.value if result.purpose else None,
            "channel": result.channel.value if result.channel else None,
            "not_before": result.not_before,
            "changes_at": min(
                (
                    moment
                    for moment in (changes_at(result, now), next_round, later.get(application_id))
                    if moment is not None
                ),
                default=None,
            ),
            "computed_at": now,
            "body": KeptAdvice.of(result, loaded.case, now, loaded.notes).as_json(),
        }
        if application_id in kept:
            changed.append({"kept_for": application_id, **values})
        else:
            new.append({"application_id": application_id, **values})
        advised[application_id] = result
    if new:
        connection.execute(insert(advice), new)
    if changed:
        connection.execute(advice.update().where(advice.c.application_id == bindparam("kept_for")), changed)
    return advised


def changes_at(result: Advice, now: datetime) -> datetime | None:
    """The next moment the clock alone can change the advice, as the rules tell it: a contact
    falls due, a deadline passes, the time to move on comes, the current window closes, their
    working day ends."""
    if result.changes_at is None or result.changes_at <= now:
        return None
    return result.changes_at.astimezone(UTC)


def with_advice() -> Select[Any]:
    """Applications with their employer's name and their kept advice."""
    return (
        select(
            applications.c.id,
            applications.c.role,
            applications.c.status,
            employers.c.name.label("employer"),
            advice.c.action,
            advice.c.purpose,
            advice.c.channel,
            advice.c.not_before,
            advice.c.changes_at,
            advice.c.body,
        )
        .join(employers, employers.c.id == applications.c.employer_id)
        .outerjoin(advice, advice.c.application_id == applications.c.id)
    )


LISTED = ("id", "role", "status", "employer", "action", "purpose", "channel")


def list_applications(
    engine: Engine,
    status: str | None = None,
    *,
    action: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The applications with their employer and current advice, newest first: of a status, with
    a next step (`action`: follow_up, wait, do_not_contact, move_on), whose employer or role
    holds `search` (any case), `limit` of them after the first `offset`."""
    query = with_advice().order_by(applications.c.id.desc())
    if status is not None:
        query = query.where(applications.c.status == status)
    if action is not None:
        query = query.where(advice.c.action == action)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(
            employers.c.name_key.like(f"%{employer_key(escaped)}%", escape="\\")
            | func.lower(applications.c.role).like(f"%{escaped.lower()}%", escape="\\")
        )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    last_contact = (
        select(func.max(events.c.at))
        .where(events.c.application_id == applications.c.id, events.c.kind == "contacted")
        .scalar_subquery()
    )
    with engine.connect() as connection:
        return [
            {
                **{name: getattr(row, name) for name in LISTED},
                "not_before": row.not_before.isoformat() if row.not_before else None,
                "last_contact": instant(row.last_contact).isoformat() if row.last_contact else None,
            }
            for row in connection.execute(query.add_columns(last_contact.label("last_contact")))
        ]


def timeline(engine: Engine, application_id: int, now: datetime | None = None) -> list[dict[str, Any]]:
    """What happened, in order: the interview rounds and every event (a corrected one marked);
    with `now`, the events recorded as said or done by then (a look back), and every round."""
    with engine.connect() as connection:
        application_row(connection, application_id)
        rounds = connection.execute(
            select(interviews).where(interviews.c.application_id == application_id)
        ).all()
        rows = connection.execute(select(events).where(events.c.application_id == application_id)).all()
    corrected = {row.corrects for row in rows if row.corrects is not None}
    items = [
        {"at": row.at.isoformat(), "kind": "interview", "id": row.id, "round": row.round,
         "format": row.format, "place": row.place, "interviewers": row.interviewers, "notes": row.notes}
        for row in rounds
    ]  # fmt: skip
    for row in rows:
        item = {"id": row.id, **event_document(row)}
        if row.corrects is not None:
            item["corrects"] = row.corrects
        if row.id in corrected:
            item["corrected"] = True
        items.append(item)
    if now is not None:
        items = [item for item in items if item["kind"] == "interview" or instant(item["at"]) <= now]
    return sorted(items, key=lambda item: (item["at"], item.get("id", 0)))
