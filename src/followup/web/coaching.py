"""The coach's dashboard on a server: a page, the same as JSON, and as CSV for reporting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from followup.service.coaching import dashboard, dashboard_csv
from followup.web.dependencies import engine_of, now_of
from followup.web.templating import render

router = APIRouter(include_in_schema=False)


def _rows(request: Request) -> list[dict[str, Any]]:
    return dashboard(engine_of(request), request.state.account, now_of(request))


@router.get("/coach")
async def coach_page(request: Request) -> Response:
    return render(request, "coach.html", rows=_rows(request), me=request.state.account)


@router.get("/coach.csv")
async def coach_csv(request: Request) -> Response:
    day = now_of(request).date().isoformat()
    return Response(
        dashboard_csv(_rows(request)),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="followup-seekers-{day}.csv"'},
    )


@router.get("/api/coach")
async def coach_json(request: Request) -> dict[str, Any]:
    return {"seekers": _rows(request), "now": now_of(request).isoformat()}
