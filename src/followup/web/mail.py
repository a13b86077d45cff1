"""What your mail proposes, confirmed or dismissed from the pages that list it (Today and an
application's page, under "Read from your mail"): each a form with its token, which goes back to
the page it came from with a notice (post, redirect, get). What does not fit the application is
recorded not at all, and shown on that page next to the proposal."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator

from followup.casefile import CaseError
from followup.casefile.limits import LARGEST_ID
from followup.core.workdays import NoWorkingDay
from followup.service import inbox
from followup.web.dependencies import engine_of, now_of
from followup.web.forms import ascii_id, form_of
from followup.web.pages import application_page, today_page

router = APIRouter(include_in_schema=False)

ProposalId = Annotated[
    int,
    BeforeValidator(ascii_id),
    Path(ge=1, le=LARGEST_ID, description="A proposal's id: what a message of your mail proposes."),
]
BACK = re.compile(r"/(?:applications/([1-9][0-9]{0,17}))?")  # the pages that list proposals


@router.post("/mail/proposals/{proposal_id}/confirm")
async def confirm(request: Request, proposal_id: ProposalId) -> Response:
    """Record what the proposal says (an invitation: import it)."""
    return await _decide(request, proposal_id, confirming=True)


@router.post("/mail/proposals/{proposal_id}/dismiss")
async def dismiss(request: Request, proposal_id: ProposalId) -> Response:
    """Leave it unrecorded: the next message like it does not propose it again."""
    return await _decide(request, proposal_id, confirming=False)


async def _decide(request: Request, proposal_id: int, *, confirming: bool) -> Response:
    form = await form_of(request)
    back = BACK.fullmatch(str(form.get("back") or ""))
    engine, now = engine_of(request), now_of(request)
    try:
        if confirming:
            shown, _advice = inbox.confirm(engine, proposal_id, now)
        else:
            shown = inbox.dismiss(engine, proposal_id, now)
    except inbox.Decided:  # another click, or another window, was first: nothing to do
        return RedirectResponse(f"{back[0] if back else '/'}?done=mail-decided", 303)
    except (CaseError, NoWorkingDay) as error:  # it does not fit the application: nothing recorded
        refused = {"id": proposal_id, "message": str(error)}
        if back is not None and back[1] is not None:
            return application_page(request, int(back[1]), 400, mail_error=refused)
        return today_page(request, 400, mail_error=refused)
    page = back[0] if back else f"/applications/{shown['application']}"
    return RedirectResponse(f"{page}?done=mail-{'confirmed' if confirming else 'dismissed'}", 303)
