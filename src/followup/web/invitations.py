"""The calendar in the browser: an interview invitation (.ics, as Google, Outlook or Apple send
it) uploaded on the Add page becomes an interview round, as `followup import-ics` makes it; and
the calendar of what is planned downloads as an .ics file, as `followup calendar` writes it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.calendar.file import calendar
from followup.calendar.invitations import read_invitations
from followup.casefile import CaseError
from followup.core.workdays import NoWorkingDay
from followup.service.invitations import Choices, NothingToCancel, import_invitations
from followup.web.dependencies import engine_of, now_of
from followup.web.forms import Uploaded, form_of
from followup.web.templating import helpers, render

router = APIRouter(include_in_schema=False)


@router.get("/calendar.ics")
def calendar_file(request: Request) -> Response:
    """Every planned follow-up and interview coming up, to import into a calendar program."""
    return Response(
        calendar(engine_of(request), now_of(request)).to_ical(),
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="followups.ics"', "cache-control": "no-store"},
    )


@router.post("/applications/import")
async def import_invitation(request: Request) -> Response:
    """Record the invitations of an uploaded .ics file: all of them, or none and why."""
    form = await form_of(request)
    upload = form.get("invitation")
    role = str(form.get("role") or "").strip() or None
    timezone = str(form.get("timezone") or "").strip() or None
    given = {"role": role or "", "timezone": timezone or ""}
    if not isinstance(upload, Uploaded) or not upload.name:
        return _again(request, given, error="choose the invitation's .ics file")
    name = upload.name
    try:
        invitations = await run_in_threadpool(read_invitations, upload.data, name)  # keeps no page waiting
        done = import_invitations(
            engine_of(request),
            invitations,
            source=name,
            now=now_of(request),
            choices=Choices(role=role, timezone=timezone),
        )
    except NothingToCancel as remembered:  # not an error: kept in mind for when the invitation comes
        return _again(request, given, note=str(remembered))
    except (CaseError, NoWorkingDay) as error:  # an unreadable file, a bad zone
        return _again(request, given, error=str(error))
    shown = next((item for item in done if item.application_id is not None), None)
    if shown is None:  # the one application it was about is gone: a cancelled invitation
        return RedirectResponse("/applications", 303)
    return RedirectResponse(f"/applications/{shown.application_id}?done={shown.action}", 303)


def _again(request: Request, given: dict[str, str], *, error: str = "", note: str = "") -> Response:
    """The Add page again, the invitation's fields as given, with what went wrong or a note."""
    return render(request, "add.html", code=400 if error else 200, given={}, errors={}, invitation=given,
                  invitation_error=error, invitation_note=note, **helpers(request))  # fmt: skip
