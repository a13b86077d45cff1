"""The JSON API: every page's data under /api, with the same checks as the command line. Bad
input is a 400 (or 404 for an unknown id) naming the field; never a 500.

The writes run on the event loop, as the pages do: each is a few milliseconds of work on the
store, and a write in a worker thread would wait its turn for the interpreter behind every page
served meanwhile (under load, a hundred times longer than the write itself)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from followup.casefile import CaseError
from followup.casefile.fields import instant, plain_json, whole
from followup.casefile.limits import LARGEST_ID
from followup.core.workdays import NoWorkingDay
from followup.service import applications as read_model
from followup.service import inbox
from followup.service.agenda import today as agenda_today
from followup.service.stores import UnknownRecord
from followup.web import reading_pool
from followup.web.bodies import (
    ADD_EXAMPLE,
    APPLICATION,
    DATE_ORDERS,
    EVENT_EXAMPLE,
    READ,
    READ_EXAMPLE,
    RECORDED,
    SETTINGS,
    check_body,
)
from followup.web.dependencies import engine_of, kept, now_of
from followup.web.forms import ApplicationId, Whole, json_only
from followup.web.mail import ProposalId

router = APIRouter(prefix="/api", tags=["followup"])


async def plain_body(request: Request) -> None:
    """A JSON body whose every key and text is UTF-8 (no lone surrogate, like the escape \\ud800
    alone) without a NUL, nested at most MOST_NESTED deep: else a 400 naming the place, before
    anything is read from it or written."""
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # not JSON: FastAPI has said so already
        return
    plain_json(body)


JSON_ONLY = [Depends(json_only), Depends(plain_body)]


class Problem(BaseModel):
    field: str = Field(description="Where the input is wrong: a field, like events[0].date.")
    message: str


class Error(BaseModel):
    error: Problem


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": Error,
        "description": "Bad input (a value of the wrong type or out of range too), or another host",
    },
    404: {"model": Error, "description": "No such application"},
    413: {"model": Error, "description": "The request is larger than 2 MB"},
    415: {"model": Error, "description": "The body is not JSON"},
}
REFUSED_DRAFT: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {
        "model": Error,
        "description": "A channel that may not be used: they ruled it out, or a visit not invited",
    },
}


DECIDED: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": Error, "description": "No such proposal"},
    409: {"model": Error, "description": "Decided already: confirmed, dismissed or recorded"},
}
PROPOSAL_STATUSES = ("open", "confirmed", "dismissed", "recorded", "all")


def problem(status: int, field: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"field": field, "message": message}}, status)


def refused(error: Exception) -> JSONResponse:
    if isinstance(error, UnknownRecord):
        return problem(404, "id", str(error))
    if isinstance(error, CaseError):
        return problem(400, error.where or "body", error.problem)
    if isinstance(error, NoWorkingDay):
        return problem(400, "employer.hours", str(error))
    raise error


@router.get("/today", responses=ERRORS, summary="Today's agenda")
def today(request: Request, days: Annotated[int, Query(ge=1, le=31), Whole] = 1) -> dict[str, Any]:
    """What to do in the next `days` days, what waits and until when, what to let go, and the
    interviews coming up."""
    return kept(request, ("today", days), lambda: agenda_today(engine_of(request), now_of(request), days))


@router.get("/insights", responses=ERRORS, summary="Insights")
def insights(request: Request) -> dict[str, Any]:
    """The pipeline by stage, replies to follow-ups by channel and by days waited, and the time
    from interview to decision."""
    from followup.service.insights import insights as figures

    return figures(engine_of(request))


@router.get("/settings", responses=ERRORS, summary="Your settings")
def settings_now(request: Request) -> dict[str, Any]:
    """Your time zone, and every setting of the rules with its value, default and explanation."""
    from followup.service.settings import current

    return current(engine_of(request))


@router.post("/settings", responses=ERRORS, summary="Change your settings", dependencies=JSON_ONLY)
async def settings_change(
    request: Request,
    body: Annotated[
        dict[str, Any], Body(examples=[{"timezone": "Europe/Berlin", "policy": {"max_check_ins": 1}}])
    ],
) -> Any:
    """Set `timezone` and any of the rules' settings under `policy`; your settings as they now stand."""
    from followup.service.settings import change, current

    try:
        check_body(body, SETTINGS)
        change(engine_of(request), body, now_of(request))
    except Exception as error:
        return refused(error)
    return current(engine_of(request))


@router.get("/applications", responses=ERRORS, summary="The applications")
def applications(
    request: Request,
    status: str | None = Query(None, pattern="^(active|rejected|offer|withdrawn|closed)$"),
    next_step: str | None = Query(None, alias="next", pattern="^(follow_up|wait|do_not_contact|move_on)$"),
    q: str | None = Query(None, max_length=200, description="Part of the employer's name or the role."),
    page: Annotated[int, Query(ge=1, le=100_000), Whole] = 1,
) -> dict[str, Any]:
    """The applications that pass the filters, 100 at a time, newest first, with their employer,
    last contact and next step; `more` says whether another page follows."""
    return read_model.application_list(
        engine_of(request), now_of(request), status, action=next_step, search=q, page=page
    )


@router.get("/applications/{application_id}", responses=ERRORS, summary="One application")
def application(request: Request, application_id: ApplicationId) -> Any:
    """The application's advice, with every reason, and its timeline."""
    try:
        return kept(
            request,
            ("application", application_id),
            lambda: read_model.application(engine_of(request), now_of(request), application_id),
        )
    except Exception as error:
        return refused(error)


@router.post(
    "/applications", status_code=201, responses=ERRORS, summary="Add an application", dependencies=JSON_ONLY
)
async def add(request: Request, body: Annotated[dict[str, Any], Body(examples=[ADD_EXAMPLE])]) -> Any:
    """Add an application and its first interview: `employer` and `interview` as in a case file,
    with `role`, `source` and `link`."""
    try:
        check_body(body, APPLICATION)
        return {"id": read_model.add(engine_of(request), now_of(request), body)}
    except Exception as error:
        return refused(error)


@router.post(
    "/applications/{application_id}/events",
    responses=ERRORS,
    summary="Record what was said or done",
    dependencies=JSON_ONLY,
)
async def record(
    request: Request,
    application_id: ApplicationId,
    body: Annotated[dict[str, Any], Body(examples=[EVENT_EXAMPLE])],
) -> Any:
    """Record an event (as in a case file: `kind`, `at`, and its fields); the advice as it now
    stands. `at` defaults to now."""
    try:
        check_body(body, RECORDED, "event")
        return read_model.record(engine_of(request), now_of(request), application_id, body)
    except Exception as error:
        return refused(error)


@router.get(
    "/applications/{application_id}/draft", responses=REFUSED_DRAFT, summary="What to say for the contact"
)
def draft(
    request: Request,
    application_id: ApplicationId,
    channel: str | None = Query(
        None, pattern="^(email|phone|visit)$", description="Another channel than the advice's."
    ),
) -> Any:
    """The drafts for the contact the advice calls for (an email with its subject, a phone script
    and voicemail, a visit checklist), by `channel` if given; a 409 naming the reason when that
    channel may not be used."""
    from followup.drafts import ChannelRuledOut, TemplateProblem
    from followup.service.drafts import drafts

    try:
        advice = read_model.application(engine_of(request), now_of(request), application_id)["advice"]
        made = drafts(engine_of(request), application_id, advice, channel, on_page=True)
    except ChannelRuledOut as ruled_out:
        return problem(409, "channel", ruled_out.reason["text"])
    except TemplateProblem as error:
        return problem(409, error.where, error.problem)
    except Exception as error:
        return refused(error)
    return {
        "id": application_id,
        "purpose": advice["purpose"],
        "channel": channel or advice["channel"],
        "drafts": [
            {"title": found.title, "subject": found.subject, "to": found.to, "text": found.text}
            for found in made
        ],
    }


@router.post("/read", responses=ERRORS, summary="Read what an employer said", dependencies=JSON_ONLY)
async def read(request: Request, body: Annotated[dict[str, Any], Body(examples=[READ_EXAMPLE])]) -> Any:
    """The signals in `text`, said at `said_at` (default: now) by the employer of
    `application` (its time zone and holidays resolve the dates)."""
    try:
        check_body(body, READ)
        said_at = instant(body["said_at"], "said_at") if body.get("said_at") is not None else now_of(request)
        if not isinstance(body.get("text"), str):
            raise CaseError("text", "missing (the words, as text)")
        application_id = body.get("application")
        if application_id is not None:
            whole(application_id, "application", low=1, high=LARGEST_ID)
        date_order = body.get("date_order")
        if date_order not in (None, *DATE_ORDERS):
            raise CaseError("date_order", f"{date_order!r} is not one of: {', '.join(DATE_ORDERS)}")
        return await reading_pool.read(
            request.app.state, engine_of(request), body["text"], said_at, application_id, date_order
        )
    except Exception as error:
        return refused(error)


@router.get("/mail/proposals", responses=ERRORS, summary="What your mail proposes")
def mail_proposals(
    request: Request,
    status: str = Query(
        "open", pattern=f"^({'|'.join(PROPOSAL_STATUSES)})$", description="Of this status; all: every one."
    ),
    application: Annotated[
        int | None, Query(ge=1, le=LARGEST_ID, description="Of this application only."), Whole
    ] = None,
) -> Any:
    """What the messages read from your mailbox propose for your applications, newest message
    first (at most 200): each with its `kind` (answered, invitation, or what the reader found,
    like rejected or decision_by), `maybe` when the reader is unsure, the words that said it
    (`evidence`), its `message` (sender, subject, `said_at`) and its `status`."""
    try:
        if application is not None:
            read_model.employer_of(engine_of(request), application)  # an unknown one: a 404
        listed = inbox.proposals(
            engine_of(request), status=None if status == "all" else status, application_id=application
        )
    except Exception as error:
        return refused(error)
    return {"proposals": listed}


@router.post(
    "/mail/proposals/{proposal_id}/confirm",
    responses=DECIDED,
    summary="Record what your mail proposes",
    dependencies=JSON_ONLY,
)
async def confirm_proposal(
    request: Request,
    proposal_id: ProposalId,
    body: Annotated[dict[str, Any] | None, Body(examples=[{}])] = None,
) -> Any:
    """Record what the proposal says (an invitation: import it), and keep your confirmation of a
    maybe for the next message like it; the proposal as it now is, and the application's advice
    after it. No body, or `{}`. A 409 when it was decided already."""
    try:
        _no_fields(body)
        shown, _advice = inbox.confirm(engine_of(request), proposal_id, now_of(request))
        advice = read_model.application(engine_of(request), now_of(request), shown["application"])["advice"]
    except inbox.Decided as error:
        return problem(409, "id", str(error))
    except Exception as error:
        return refused(error)
    return {"proposal": shown, "advice": advice}


@router.post(
    "/mail/proposals/{proposal_id}/dismiss",
    responses=DECIDED,
    summary="Leave what your mail proposes unrecorded",
    dependencies=JSON_ONLY,
)
async def dismiss_proposal(
    request: Request,
    proposal_id: ProposalId,
    body: Annotated[dict[str, Any] | None, Body(examples=[{}])] = None,
) -> Any:
    """Leave the proposal unrecorded, and keep that for the next message like it (it does not
    propose it again); the proposal as it now is. No body, or `{}`. A 409 when it was decided
    already."""
    try:
        _no_fields(body)
        shown = inbox.dismiss(engine_of(request), proposal_id, now_of(request))
    except inbox.Decided as error:
        return problem(409, "id", str(error))
    except Exception as error:
        return refused(error)
    return {"proposal": shown}


def _no_fields(body: dict[str, Any] | None) -> None:
    """A body of an operation that takes none: empty, or an object with no field."""
    for key in body or {}:
        raise CaseError(str(key), "unknown field (this operation takes no fields: send no body, or {})")
