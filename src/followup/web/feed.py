"""The calendar as a subscription feed: GET /calendar/TOKEN.ics gives the same calendar as
`followup calendar`, for a calendar program to poll. The token in the path is the only key (no
login, no cookie, no form token); an unknown or revoked token is a plain 404 that does not say
whether a feed exists. The host check of the app still applies."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from icalendar import vDuration

from followup.calendar.feed import FEED_PATH, opens_feed
from followup.calendar.file import calendar
from followup.web.dependencies import engine_of, now_of

router = APIRouter(include_in_schema=False)
POLL_EVERY = timedelta(hours=1)  # what the feed asks calendar programs for


@router.api_route(FEED_PATH, methods=["GET", "HEAD"])
def feed(request: Request, token: str) -> Response:
    """The calendar of what is planned from now, for the holder of the feed's token."""
    engine = engine_of(request)
    if not opens_feed(engine, token):
        return PlainTextResponse("Not Found", 404, headers={"cache-control": "no-store"})
    made = calendar(engine, now_of(request))
    made.add("refresh-interval", POLL_EVERY, parameters={"VALUE": "DURATION"})
    made.add("x-published-ttl", vDuration(POLL_EVERY))
    return Response(
        made.to_ical(),
        media_type="text/calendar; charset=utf-8",
        headers={
            "cache-control": "private, no-store",
            "content-disposition": 'inline; filename="followup.ics"',
            "x-robots-tag": "noindex",
        },
    )
