"""Forms to change what is stored: an application, its employer (with its hours, busy slots and
closed days), an interview round, a contact; and to add a round or a contact. Each change goes
through the store's `edit`, so it is checked as on the command line and kept in the log of
edits with what it replaced; a bad value is shown next to its field."""

from __future__ import annotations

import json
import re
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from followup.casefile import CaseError
from followup.casefile.fields import whole_text
from followup.core.workdays import NoWorkingDay
from followup.service.applications import employer_of
from followup.service.records import (
    add_contact,
    add_interview,
    edit,
    employer_timezone,
    people_of,
    record_row,
)
from followup.service.stores import UnknownRecord
from followup.web.dependencies import engine_of, now_of
from followup.web.forms import ApplicationId, form_of, local_instant
from followup.web.templating import render

router = APIRouter(include_in_schema=False)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# (field, label, kind, hint) of each record's form; kind: text, url, email, flag, datetime, number, choice:a|b
FORMS: dict[str, list[tuple[str, str, str, str]]] = {
    "application": [
        ("role", "Role", "text", ""),
        ("source", "Where you found the job", "text", ""),
        ("link", "Link to the posting", "url", ""),
        (
            "status",
            "Status",
            "choice:active|closed",
            "Closed: you are no longer after it (record an outcome for an answer).",
        ),
        ("candidate_timezone", "Your time zone for this one", "text", "Empty: your own setting."),
        (
            "local_to_employer",
            "I live near this employer",
            "flag",
            "A visit can then be advised, when they welcome it.",
        ),
    ],
    "employer": [
        ("name", "Name", "text", ""),
        (
            "timezone",
            "Time zone",
            "text",
            "Empty: worked out from the phone number, or the country and region.",
        ),
        (
            "country",
            "Country",
            "text",
            "Two letters, like US, GB, DE: their public holidays and usual hours.",
        ),
        ("subdivision", "Region", "text", "Like IL, ENG, BY."),
        ("phone", "Phone", "text", "With its country code."),
        ("address", "Address", "text", ""),
        ("website", "Website", "url", "Mail from its domain is matched to your applications there."),
        ("allows_visits", "A local business that welcomes visits", "flag", ""),
    ],
    "interview": [
        ("at", "When", "datetime", "Their local day and time."),
        ("minutes", "How long (minutes)", "number", ""),
        ("format", "Format", "text", "onsite, video, phone..."),
        ("place", "Where, or the meeting link", "text", ""),
        ("interviewers", "Interviewers", "text", "Names, separated by commas."),
        ("notes", "What was discussed", "longtext", "A phrase for your drafts, like: the spring catalogue."),
    ],
    "contact": [
        ("name", "Name", "text", ""),
        ("role", "Role", "text", "Recruiter, hiring manager..."),
        ("email", "Email", "email", ""),
        ("phone", "Phone", "text", "With its country code."),
    ],
}


def _missing(request: Request, message: str) -> Response:
    from followup.web.templating import helpers

    return render(request, "missing.html", code=404, message=message, **helpers(request))


def _row(request: Request, subject: str, record_id: int) -> Any:
    return record_row(engine_of(request), subject, record_id)


def _zone_of(request: Request, subject: str, row: Any) -> ZoneInfo:
    """The employer's time zone, for times given in their local time."""
    engine = engine_of(request)
    if subject == "interview":
        return ZoneInfo(employer_timezone(engine, application_id=row.application_id))
    return ZoneInfo(employer_timezone(engine, employer_id=row.employer_id))


def _shown(subject: str, row: Any, zone: ZoneInfo | None) -> dict[str, str]:
    """A stored record as the form's text."""
    values: dict[str, str] = {}
    for field, _label, kind, _hint in FORMS[subject]:
        value = getattr(row, field, None)
        if kind == "flag":
            values[field] = "on" if value else ""
        elif kind == "datetime" and value is not None:
            values[field] = value.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        elif field == "interviewers":
            values[field] = ", ".join(value or [])
        else:
            values[field] = "" if value is None else str(value)
    return values


def _changes(
    subject: str, form: dict[str, Any], shown: dict[str, str], zone: ZoneInfo | None
) -> dict[str, str]:
    """The fields the form changed, as `edit` takes them (FIELD=VALUE text)."""
    changes: dict[str, str] = {}
    for field, _label, kind, _hint in FORMS[subject]:
        given = str(form.get(field) or "")
        given = given if kind == "number" else given.strip()  # a number is ASCII digits, unpadded
        if kind == "flag":
            given = "on" if form.get(field) == "on" else ""
        if given == shown.get(field, ""):
            continue
        if kind == "flag":
            changes[field] = "true" if given else "false"
        elif kind == "datetime" and given:
            assert zone is not None
            changes[field] = local_instant(given, zone, field) or ""
        elif field == "interviewers":
            changes[field] = json.dumps([name.strip() for name in given.split(",") if name.strip()] or None)
        else:
            changes[field] = given
    return changes


def _field(error: CaseError) -> str:
    """The form field a checked error is about: 'employer.hours.busy[0].from' -> 'busy'."""
    where = error.where.removeprefix("employer.").removeprefix("interview.")
    if where.startswith("hours"):
        part = re.split(r"[.\[]", where.removeprefix("hours").lstrip("."))[0]
        return part if part in ("days", "open", "close", "lunch", "busy", "closed") else "hours"
    return where.split(".")[0]


@router.get("/edit/{subject}/{record_id}")
def edit_page(request: Request, subject: str, record_id: ApplicationId) -> Response:
    if subject not in FORMS:
        return _missing(request, f"nothing to edit called {subject}")
    try:
        row = _row(request, subject, record_id)
    except UnknownRecord as error:
        return _missing(request, str(error))
    zone = _zone_of(request, subject, row) if subject == "interview" else None
    shown = _shown(subject, row, zone)
    hours = _hours_form(row.hours) if subject == "employer" else None
    return _page(request, subject, record_id, row, shown, hours, {})


def _page(
    request: Request, subject: str, record_id: int, row: Any, shown: dict[str, str],
    hours: dict[str, Any] | None, errors: dict[str, str], code: int = 200,
) -> Response:  # fmt: skip
    back = f"/applications/{row.application_id}" if subject == "interview" else (
        f"/applications/{record_id}" if subject == "application" else "/applications"
    )  # fmt: skip
    people = []
    if subject == "employer":
        people = people_of(engine_of(request), record_id)
    from followup.web.templating import helpers

    return render(
        request, "edit.html", code=code, subject=subject, record_id=record_id, fields=FORMS[subject],
        shown=shown, hours=hours, errors=errors, back=back, days=DAYS, people=people,
        done=request.query_params.get("done"), **helpers(request),
    )  # fmt: skip


@router.post("/edit/{subject}/{record_id}")
async def edit_save(request: Request, subject: str, record_id: ApplicationId) -> Response:
    if subject not in FORMS:
        return _missing(request, f"nothing to edit called {subject}")
    form = await form_of(request)
    try:
        row = _row(request, subject, record_id)
    except UnknownRecord as error:
        return _missing(request, str(error))
    zone = _zone_of(request, subject, row) if subject == "interview" else None
    shown = _shown(subject, row, zone)
    errors: dict[str, str] = {}
    try:
        changes = _changes(subject, form, shown, zone)
        if subject == "employer":
            hours = _hours_from(form)
            if hours != (row.hours or None):
                changes["hours"] = json.dumps(hours) if hours else ""
        if changes:
            edit(engine_of(request), subject, record_id, changes, now_of(request))
    except CaseError as error:
        errors[_field(error)] = error.problem
    except NoWorkingDay as error:
        errors["hours"] = str(error)
    if errors:
        given = {key: str(value) for key, value in form.items()}
        hours_given = _hours_form(None) | {
            key: form.get(key, "") for key in ("open", "close", "lunch_from", "lunch_to", "busy", "closed")
        }
        hours_given["days"] = [day for day in DAYS if form.get(f"day_{day}") == "on"]
        return _page(
            request,
            subject,
            record_id,
            row,
            {**shown, **given},
            hours_given if subject == "employer" else None,
            errors,
            400,
        )
    owner = row.application_id if subject == "interview" else record_id
    return RedirectResponse(
        f"/applications/{owner}?done=edited"
        if subject in ("application", "interview")
        else f"/edit/{subject}/{record_id}?done=edited",
        303,
    )


def _hours_form(hours: dict[str, Any] | None) -> dict[str, Any]:
    """Stored hours as the form's fields (empty: the country's usual hours)."""
    hours = hours or {}
    lunch = hours.get("lunch") or ["", ""]
    busy = [
        f"{' '.join(slot.get('days', []))} {slot.get('from', '')}-{slot.get('to', '')}".strip()
        for slot in hours.get("busy", [])
    ]
    return {
        "days": hours.get("days", []), "open": hours.get("open", ""), "close": hours.get("close", ""),
        "lunch_from": lunch[0], "lunch_to": lunch[1], "busy": "\n".join(busy),
        "closed": "\n".join(hours.get("closed", [])),
    }  # fmt: skip


def _hours_from(form: dict[str, Any]) -> dict[str, Any] | None:
    """The form's hours as a case file's `hours`; what is left empty comes from the country."""
    hours: dict[str, Any] = {}
    days = [day for day in DAYS if form.get(f"day_{day}") == "on"]
    if days:
        hours["days"] = days
    for key in ("open", "close"):
        if str(form.get(key) or "").strip():
            hours[key] = str(form[key]).strip()
    lunch = [str(form.get("lunch_from") or "").strip(), str(form.get("lunch_to") or "").strip()]
    if any(lunch):
        hours["lunch"] = lunch
    busy = []
    for line in str(form.get("busy") or "").splitlines():
        if not line.strip():
            continue
        found = re.fullmatch(r"\s*((?:[a-z]{3}\s+)*)(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*", line.lower())
        if found is None:
            raise CaseError(
                "employer.hours.busy", f"{line.strip()!r}: write a slot like 'mon wed 09:00-11:00'"
            )
        slot: dict[str, Any] = {"from": found[2].zfill(5), "to": found[3].zfill(5)}
        if slot["to"] <= slot["from"]:
            problem = f"{line.strip()!r}: the slot ends before it starts; write it like 09:00-11:00"
            raise CaseError("employer.hours.busy", problem)
        if found[1].split():
            slot["days"] = found[1].split()
        busy.append(slot)
    if busy:
        hours["busy"] = busy
    closed = [line.strip() for line in str(form.get("closed") or "").splitlines() if line.strip()]
    if closed:
        hours["closed"] = closed
    return hours or None


@router.post("/applications/{application_id}/interviews")
async def add_round(request: Request, application_id: ApplicationId) -> Response:
    form = await form_of(request)
    try:
        zone = ZoneInfo(employer_of(engine_of(request), application_id).timezone)
        given = {
            "at": local_instant(str(form.get("at") or ""), zone, "at"),
            "minutes": whole_text(str(form.get("minutes") or "60"), "minutes", low=1, high=24 * 60),
            "format": str(form.get("format") or "") or None,
            "place": str(form.get("place") or "") or None,
            "notes": str(form.get("notes") or "").strip() or None,
        }  # fmt: skip
        add_interview(engine_of(request), application_id, given, now_of(request))
    except (CaseError, ValueError) as error:
        message = (
            error.problem
            if isinstance(error, CaseError)
            else "give the day and time, and the minutes as a number"
        )
        from followup.web.pages import application_page

        return application_page(request, application_id, 400, errors={"round": message})
    return RedirectResponse(f"/applications/{application_id}?done=round", 303)


@router.post("/employers/{employer_id}/contacts")
async def add_person(request: Request, employer_id: ApplicationId) -> Response:
    form = await form_of(request)
    given = {
        key: str(form.get(key) or "").strip() or None
        for key in ("person_name", "person_role", "email", "person_phone")
    }
    person = {
        "name": given["person_name"],
        "role": given["person_role"],
        "email": given["email"],
        "phone": given["person_phone"],
    }
    try:
        row = _row(request, "employer", employer_id)
        add_contact(engine_of(request), employer_id, person, now_of(request))
    except UnknownRecord as error:
        return _missing(request, str(error))
    except CaseError as error:
        shown = _shown("employer", row, None)
        return _page(
            request,
            "employer",
            employer_id,
            row,
            shown,
            _hours_form(row.hours),
            {"contact": f"{error.where}: {error.problem}"},
            400,
        )
    return RedirectResponse(f"/edit/employer/{employer_id}?done=contact", 303)
